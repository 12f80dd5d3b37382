"""The token stays secret however a server echoes it (issue 21): \\u-escaped inside a JSON
string, in a header, in a Set-Cookie, in the reason phrase; on a success and on an error
status, for the sync and the async client, over a real socket. Each failed on 0.2.0."""

from __future__ import annotations

import asyncio
from typing import Any, List

import hoiio
import pytest
from support.hostile import Hostile, Reply

TOKEN = "S3cretT0ken-echo-77"
ESCAPED = "".join(f"\\u{ord(c):04x}" for c in TOKEN)


def answer(status: str, body: str, headers: List[str]) -> bytes:
    data = body.encode()
    head = [f"HTTP/1.1 {status}", "Content-Type: application/json", f"Content-Length: {len(data)}", *headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + data


def call(kind: str, server: Hostile, **options: Any) -> Any:
    if kind == "sync":
        with hoiio.Client("APP", TOKEN, base_url=server.base_url, max_retries=0, **options) as client:
            return client.account.balance()

    async def main() -> Any:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url, max_retries=0, **options) as client:
            return await client.account.balance()

    return asyncio.run(main())


def visible(res: Any) -> List[str]:
    """Everything of ``res`` a user can read, as text."""
    http = res.response
    texts = [repr(res), str(res.to_dict()), res.text, str(res.json), str(res["echo"]) if "echo" in res else ""]
    texts += [repr(dict(http.headers)), str(http.content), str(getattr(http, "reason", "") or getattr(http, "reason_phrase", ""))]
    texts += [repr(list(getattr(http, "cookies", []) or []))]
    return texts


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_escaped_echo_in_the_json_is_scrubbed_after_decoding(kind: str) -> None:
    body = '{"status":"success_ok","balance":"1.5","echo":"' + ESCAPED + '"}'
    with Hostile(lambda r: Reply(answer("200 OK", body, []))) as server:
        res = call(kind, server)
    assert res["echo"] == "***" and res.balance == 1.5
    for text in visible(res):
        assert TOKEN not in text, text


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_echo_in_a_header_a_cookie_and_the_reason_is_scrubbed(kind: str) -> None:
    body = '{"status":"success_ok","balance":"1.5"}'
    headers = [f"X-Echo: {TOKEN}", f"Set-Cookie: t={TOKEN}; Path=/"]
    with Hostile(lambda r: Reply(answer(f"200 OK {TOKEN}", body, headers))) as server:
        res = call(kind, server)
    assert res.is_success()
    for text in visible(res):
        assert TOKEN not in text, text


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_api_errors_response_carries_no_echo(kind: str) -> None:
    body = '{"status":"error_invalid_access_token","echo":"' + ESCAPED + '"}'
    headers = [f"X-Echo: {TOKEN}"]
    with Hostile(lambda r: Reply(answer(f"200 {TOKEN}", body, headers))) as server:
        with pytest.raises(hoiio.AuthenticationError) as info:
            call(kind, server)
    res = info.value.response
    assert res is not None
    for text in visible(res) + [str(info.value), repr(info.value)]:
        assert TOKEN not in text, text
