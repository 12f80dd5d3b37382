"""The one-pass response head parser (hoiio._runtime.response_head) gives exactly what
http.client.parse_headers gives, for any head a server may send: the same HTTPMessage (headers,
payload, defects), the same bytes left in the stream for the body, the same exception past
http.client's limits. Plain heads take the one pass, anything else the email parser."""

from __future__ import annotations

import email.parser
import http.client
import io
import time
from typing import Any, Tuple

import pytest
from hoiio._runtime import response_head
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))

NAMES = st.one_of(
    st.sampled_from(["Content-Type", "Content-Length", "Transfer-Encoding", "Connection", "Date", "From", "X-Hoiio", "a", "!#$%&'*+-.^_`|~"]),
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, blacklist_characters=":"), min_size=1, max_size=12),
)
VALUES = st.one_of(
    st.sampled_from(["application/json", "213", "chunked", "keep-alive", "close", "", " ", "\t", "a  b", "x ", " x\t", "gzip, br"]),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20),
)
ENDINGS = st.sampled_from([b"\r\n", b"\n"])
PLAIN = st.builds(lambda n, b, v, e: n.encode() + b":" + b + v.encode() + e, NAMES, st.sampled_from([b"", b" ", b"  ", b"\t", b" \t"]), VALUES, ENDINGS)
ODD = st.one_of(
    st.sampled_from(
        [b" folded\r\n", b"\tfolded\r\n", b"no colon here\r\n", b": no name\r\n", b"From someone\r\n", b"Bad Name: x\r\n",
         b"A: x\ry\r\n", b"A: x\r\r\n", b"A: \x00\r\n", b"A: \x7f\r\n", b"A: caf\xc3\xa9\r\n", b"A: \xff\r\n", b"A: \x0b\x0c\x1c\r\n",
         b"A: x\x85y\r\n", b"A:\r\n", b"A :x\r\n", b"\r", b"A: x"]  # fmt: skip
    ),
    st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"") + b"\r\n"),
)
LINES = st.lists(st.one_of(PLAIN, PLAIN, PLAIN, ODD), max_size=12)
TERMINATORS = st.sampled_from([b"\r\n", b"\n", b""])
BODY = st.sampled_from([b"", b'{"status":"success_ok"}', b"\r\nmore", b"A: not a header\r\n"])


def normal(message: Any) -> Tuple[Any, ...]:
    """An HTTPMessage as comparable data (defects are exceptions, compared by kind and text)."""
    state = dict(vars(message))
    defects = [(type(d), str(d)) for d in state.pop("defects")]
    return (type(message), state, defects, message.items())


def both(raw: bytes) -> Tuple[Any, Any]:
    results = []
    for parse in (http.client.parse_headers, response_head.parse_headers):
        fp = io.BytesIO(raw)
        try:
            outcome: Any = ("message", normal(parse(fp)))
        except Exception as exc:  # noqa: BLE001 - the same exception is the point
            outcome = ("raised", type(exc), str(exc))
        results.append((outcome, fp.read()))
    return results[0], results[1]


@SETTINGS
@given(LINES, TERMINATORS, BODY)
def test_any_head_parses_as_http_client_parses_it(lines: Any, terminator: bytes, body: bytes) -> None:
    stock, fast = both(b"".join(lines) + terminator + (body if terminator else b""))
    assert fast == stock


@SETTINGS
@given(st.lists(PLAIN, max_size=12), TERMINATORS)
def test_a_plain_head_takes_the_one_pass(monkeypatch: pytest.MonkeyPatch, lines: Any, terminator: bytes) -> None:
    expected = http.client.parse_headers(io.BytesIO(b"".join(lines) + terminator))
    with monkeypatch.context() as m:
        m.setattr(email.parser, "Parser", None)  # the email parser is not used
        got = response_head.parse_headers(io.BytesIO(b"".join(lines) + terminator))
    assert normal(got) == normal(expected)


@pytest.mark.parametrize(
    "raw",
    [b"A: " + b"x" * 70000 + b"\r\n\r\n", b"".join(b"H%d: v\r\n" % i for i in range(101)) + b"\r\n"],
    ids=["a line past 65536 bytes", "101 headers"],
)
def test_http_clients_limits_hold(raw: bytes) -> None:
    stock, fast = both(raw)
    assert fast == stock and fast[0][0] == "raised"


def test_a_long_hostile_line_is_matched_in_linear_time() -> None:
    """Blanks then a value, neither able to take the other's characters: a 65 kB line of
    blanks ending in a bad byte costs one pass, not one per blank (which would take minutes)."""
    for line in (b"A:" + b" " * 65000 + b"\x01\r\n", b"A: x" + b" \t" * 32000 + b"\x01\r\n"):
        started = time.perf_counter()
        stock, fast = both(line + b"\r\n")
        assert fast == stock
        assert time.perf_counter() - started < 5


def test_the_sdks_responses_parse_their_heads_in_one_pass() -> None:
    """On this Python the SDK's HTTPResponse really runs the one-pass parser (http.client's
    begin, its parse_headers swapped), not the stock begin; a Python without http.client's
    _read_headers (before 3.9.5) keeps the stock one."""
    begin = response_head.HTTPResponse.begin
    if not hasattr(http.client, "_read_headers"):
        assert begin is http.client.HTTPResponse.begin
        return
    assert begin is not http.client.HTTPResponse.begin
    assert begin.__code__ is http.client.HTTPResponse.begin.__code__
    assert begin.__globals__["parse_headers"] is response_head.parse_headers
