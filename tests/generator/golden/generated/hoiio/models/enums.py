# Generated from spec/api.yaml by `make generate`; do not edit.
"""Value sets of the API. Members are strings, so they compare equal to what Hoiio sends."""

from enum import Enum

__all__ = [
    "Colour",
]


class Colour(str, Enum):
    """Colour of an item."""

    RED = "red"
    GREEN = "green"
    BLUE = "blue"

    def __str__(self) -> str:
        return str(self.value)
