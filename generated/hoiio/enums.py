"""The spec's value sets, re-exported from the generated ``hoiio.models.enums``."""

from .models.enums import *  # noqa: F403
from .models.enums import __all__  # noqa: F401
