"""Type aliases used in the generated signatures."""

from __future__ import annotations

import datetime
import os
from typing import IO, Tuple, Union

#: A point in time for history filters: a datetime (aware ones are converted to GMT+8, naive
#: ones are taken as GMT+8), a date (midnight), or the wire form "YYYY-MM-DD HH:MM:SS".
DateLike = Union[str, datetime.date, datetime.datetime]

#: A PDF to fax: a path, its bytes, or a file object opened in binary mode.
FileInput = Union[str, "os.PathLike[str]", bytes, IO[bytes]]

#: Seconds, or a (connect, read) pair of them.
Timeout = Union[float, Tuple[float, float]]
