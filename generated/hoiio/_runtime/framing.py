"""An answer framed as RFC 9112 says, or refused: the ``http.client.HTTPResponse`` of the sync
client's connections (urllib3's ``ConnectionCls``, see :mod:`.transport`). Interim answers
(1xx) are read past (RFC 9110 15.2; http.client skips only 100), a 101 or more than
:data:`MAX_INTERIM` of them refused. Both ``Content-Length`` and ``Transfer-Encoding``, a
length that is not one number, or a coding other than a final ``chunked`` is refused. A
chunked body is decoded strictly: a size of 1 to 16 hex digits, bounded lines, CRLF after the
data, bounded trailers. A refusal is an :class:`AnswerRefused` (an ``http.client.HTTPException``,
wrapped by urllib3), marked with :data:`.rules.REFUSED_ANSWER` for the failure classifier.
"""

from __future__ import annotations

import http.client
import io
from typing import Any

from .rules import REFUSED_ANSWER

#: interim (1xx) answers read past before one is refused
MAX_INTERIM = 16
#: the longest chunk-size or trailer line read (bytes), and the most trailer lines
MAX_LINE = 4096
MAX_TRAILERS = 64
_HEX = frozenset(b"0123456789abcdefABCDEF")


class AnswerRefused(http.client.HTTPException):
    """The answer breaks HTTP's framing; the connection is closed, never pooled."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        setattr(self, REFUSED_ANSWER, why)


class StrictResponse(http.client.HTTPResponse):
    """http.client's response, with the framing rules above applied as its head is read."""

    def begin(self) -> None:
        if self.headers is not None:  # (http.client's own guard: already begun)
            return
        for _ in range(MAX_INTERIM + 1):
            super().begin()
            if self.status == 101:
                raise AnswerRefused("HTTP 101 Switching Protocols, an upgrade that was not asked for")
            if not 100 <= self.status < 200:
                break
            self.headers = self.msg = None  # an interim answer: read the next head
        else:
            raise AnswerRefused(f"more than {MAX_INTERIM} interim (1xx) answers")
        codings = [c.strip().lower() for v in self.msg.get_all("Transfer-Encoding") or () for c in v.split(",")]
        lengths = self.msg.get_all("Content-Length") or []
        if codings and lengths:
            raise AnswerRefused("both Transfer-Encoding and Content-Length")
        if codings and codings != ["chunked"]:
            raise AnswerRefused(f"Transfer-Encoding {', '.join(codings)[:80]!r} (only chunked is read)")
        if lengths:
            values = {v.strip() for v in ",".join(lengths).split(",")}
            if len(values) != 1 or not all(v.isascii() and v.isdigit() for v in values):
                raise AnswerRefused(f"Content-Length {', '.join(lengths)[:80]!r} is not one number")
        if self.chunked:  # http.client's own decoder takes a size of -1 and reads to the end
            self.fp = Dechunked(self.fp)
            self.chunked = False  # (the decoded body ends where the last chunk says)
            self.length = None


class Dechunked(io.RawIOBase):
    """A chunked body's data, decoded strictly from the connection's file; EOF after the last
    chunk and its trailers. Any fault raises :class:`AnswerRefused`."""

    def __init__(self, fp: Any) -> None:
        super().__init__()
        self.source = fp
        self.remaining = 0  # data bytes left in the current chunk
        self.finished = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self.finished or not len(view):
            return 0
        if self.remaining == 0:
            self.remaining = self.read_size()
            if self.remaining == 0:
                self.read_trailers()
                self.finished = True
                return 0
        want = min(len(view), self.remaining)
        got = self.source.readinto(view[:want])
        if not got:
            raise AnswerRefused(f"the body ended inside a chunk ({self.remaining} bytes missing)")
        self.remaining -= got
        if self.remaining == 0 and self.read_line("the end of a chunk") != b"":
            raise AnswerRefused("a chunk's data is longer than its size says")
        return int(got)

    def read_line(self, what: str) -> bytes:
        line: bytes = self.source.readline(MAX_LINE + 1)
        if len(line) > MAX_LINE:
            raise AnswerRefused(f"{what} is longer than {MAX_LINE} bytes")
        if not line.endswith(b"\n"):
            raise AnswerRefused(f"the body ended before {what}")
        return line.rstrip(b"\r\n") if line.endswith(b"\r\n") else line[:-1]

    def read_size(self) -> int:
        line = self.read_line("a chunk size")
        size = line.split(b";", 1)[0].rstrip(b" \t")
        if not 1 <= len(size) <= 16 or not _HEX.issuperset(size):
            raise AnswerRefused(f"the chunk size {bytes(line[:40])!r} is not hex digits")
        return int(size, 16)

    def read_trailers(self) -> None:
        for _ in range(MAX_TRAILERS):
            if self.read_line("a trailer line") == b"":
                return
        raise AnswerRefused(f"more than {MAX_TRAILERS} trailer lines")

    def close(self) -> None:
        if not self.closed:
            self.source.close()
        super().close()

