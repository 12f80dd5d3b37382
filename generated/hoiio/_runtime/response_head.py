"""A response head parsed in one pass: the ``http.client.HTTPResponse`` the SDK's connections
make (see :mod:`.transport`).

http.client reads an answer's header lines, then hands them to the email package's feed parser,
which costs about 50 us for the few headers Hoiio sends, several per cent of a call. Here each
line is matched against a plain ``Name: value`` pattern (a token, a colon, printable ASCII) and
stored as the feed parser would store it. A head with any other line (folded, no colon, a
control byte, non-ASCII, a bare CR) goes to the feed parser whole, so what comes out is the
same ``HTTPMessage`` as http.client's in every case; a property test holds the two to that.
The line and header-count limits are http.client's own (its ``_read_headers``).
"""

from __future__ import annotations

import email.parser
import http.client
import re
import types
from typing import Any, Callable, List

# A token, a colon, optional blanks, then a value that starts with a visible character (so the
# blanks and the value cannot trade characters: a line is matched in linear time).
_PLAIN_FIELD = re.compile(rb"([!-9;-~]+):[ \t]*((?:[!-~][\t -~]*)?)\r?\n")
_read_headers: Any = getattr(http.client, "_read_headers", None)


def from_lines(lines: List[bytes], _class: Any = http.client.HTTPMessage) -> Any:
    """The message for a head's lines as ``_read_headers`` returns them (the blank line last)."""
    match = _PLAIN_FIELD.fullmatch
    fields = []
    for line in lines[:-1]:
        m = match(line)
        if m is None:
            return email.parser.Parser(_class=_class).parsestr(b"".join(lines).decode("iso-8859-1"))
        fields.append(m.groups())
    message = _class()
    for name, value in fields:
        message[name.decode("ascii")] = value.decode("ascii")
    message.set_payload("")
    return message


def parse_headers(fp: Any, _class: Any = http.client.HTTPMessage) -> Any:
    """``http.client.parse_headers``, with plain heads parsed in one pass."""
    if _read_headers is None:  # a Python before 3.9.5: http.client's own
        return http.client.parse_headers(fp, _class)
    return from_lines(_read_headers(fp), _class)


def _begin_with(parse: Callable[..., Any]) -> Any:
    """``HTTPResponse.begin`` as this Python has it, calling ``parse`` for its headers; the
    stock one where that cannot be done (a Python whose begin does not call parse_headers)."""
    stock = http.client.HTTPResponse.begin
    code = stock.__code__
    if _read_headers is None or code.co_freevars or "parse_headers" not in code.co_names:
        return stock
    namespace = dict(vars(http.client))
    namespace["parse_headers"] = parse
    return types.FunctionType(code, namespace, stock.__name__, stock.__defaults__)


class HTTPResponse(http.client.HTTPResponse):
    """http.client's response, its head parsed by :func:`parse_headers`."""

    begin = _begin_with(parse_headers)
