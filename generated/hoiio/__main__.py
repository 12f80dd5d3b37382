"""``python -m hoiio`` and the ``hoiio`` command: the API from the command line, and
``hoiio sandbox`` (the local emulator; werkzeug is imported only when it is started)."""

from __future__ import annotations

import sys

from .cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
