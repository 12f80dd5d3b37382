"""The notification adapters against forged requests: over a real socket to ``wsgi_app`` (served
by werkzeug), and through each framework adapter with request objects that fail if read too far."""

from __future__ import annotations

import asyncio
import io
import socket
import threading
from types import SimpleNamespace
from typing import Any, Iterator, List, Tuple

import pytest
from hoiio import notifications
from werkzeug.serving import make_server

TOKEN = "hardening-token"
SMS = b"txn_ref=AA-S-1&sms_status=delivered&date=2012-10-30+12%3A20%3A50&dest=%2B6591234567&split_count=1&currency=SGD&rate=0.038&debit=0.038"


@pytest.fixture
def receiver() -> Iterator[Tuple[str, int, List[Any]]]:
    seen: List[Any] = []
    server = make_server("127.0.0.1", 0, notifications.wsgi_app(seen.append, access_token=TOKEN), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1", server.port, seen
    server.shutdown()
    server.server_close()


def raw_post(where: Tuple[str, int, Any], head: bytes, body: bytes, *, send_all: bool = True) -> bytes:
    """Send the request as bytes (a header value no HTTP library would send); the answer."""
    host, port, _ = where
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(b"POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\n" + head + b"\r\n" + (body if send_all else body[:1000]))
        sock.settimeout(5)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def test_a_non_ascii_signature_is_a_refusal_not_a_crash(receiver: Tuple[str, int, List[Any]]) -> None:
    for value in (b"\xe9" * 64, "é".encode() + notifications.sign(SMS, TOKEN).encode()[2:], b"\xff"):
        head = b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nX-Hoiio-Signature: %s\r\n" % (len(SMS), value)
        answer = raw_post(receiver, head, SMS)
        assert answer.startswith(b"HTTP/1.1 403"), answer[:200]
    assert receiver[2] == []
    assert not notifications.verify_signature(SMS, "é" * 64, TOKEN)
    with pytest.raises(notifications.SignatureError):
        notifications.parse(SMS, signature="\u2603" * 64, access_token=TOKEN)


def test_the_unsigned_query_string_cannot_pick_the_class_nor_set_fields() -> None:
    sig = notifications.sign(SMS, TOKEN)
    note = notifications.parse(SMS, query_string="ivr_block=gather&digits=666&sms_status=failed&session=S-1&shop=7", signature=sig,
                               access_token=TOKEN)  # fmt: skip
    assert type(note).__name__ == "SmsDeliveryNotification"
    assert note.sms_status == "delivered"  # the signed body's, not the query's
    assert "digits" not in note.keys() and "ivr_block" not in note.keys() and "session" not in note.keys()
    assert note.shop == "7"  # a pass-through parameter of your own URL stays readable
    # unverified, the body still decides and is never overridden
    loose = notifications.parse(SMS, query_string="ivr_block=gather&digits=666&sms_status=failed")
    assert type(loose).__name__ == "SmsDeliveryNotification" and loose.sms_status == "delivered"


def test_the_documented_query_string_only_form_reads_unverified_only() -> None:
    query = "session=S-1&call_state=ongoing&ivr_block=gather&digits=12"
    note = notifications.parse(b"", query_string=query)  # no access_token: read, unverified
    assert type(note).__name__ == "GatherNotification" and note.digits == "12"
    with pytest.raises(notifications.SignatureError, match="query string"):  # the signature covers none of it
        notifications.parse(b"", query_string=query, signature=notifications.sign(b"", TOKEN), access_token=TOKEN)


def test_a_query_field_named_keys_can_be_logged() -> None:
    note = notifications.parse(SMS, query_string="keys=1&get=2&to_dict=3")
    assert "keys" in repr(note) and note.keys()[-3:] == ["keys", "get", "to_dict"]


def test_a_huge_body_is_refused_before_it_is_read(receiver: Tuple[str, int, List[Any]]) -> None:
    """400 MB announced: the answer comes after the first kilobyte, without waiting for the rest."""
    head = b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 400000000\r\nX-Hoiio-Signature: %s\r\n" % (
        notifications.sign(SMS, TOKEN).encode(),
    )
    answer = raw_post(receiver, head, SMS + b"&x=" + b"y" * 5000, send_all=False)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert receiver[2] == []


class Endless(io.RawIOBase):
    """A body that never ends; counts what was read of it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("the whole body was asked for")
        self.read_bytes += size
        return b"y" * size


def test_a_chunked_body_is_read_no_further_than_the_limit() -> None:
    stream = Endless()
    environ = {"wsgi.input": stream, "wsgi.input_terminated": True, "QUERY_STRING": "", "CONTENT_TYPE": "application/x-www-form-urlencoded"}
    with pytest.raises(notifications.NotificationTooLarge):
        notifications.from_wsgi_environ(environ, access_token=TOKEN)
    assert stream.read_bytes <= notifications.MAX_BODY + 64 * 1024


def never(*args: Any) -> Any:
    raise AssertionError("the body was read")


def test_each_framework_adapter_checks_the_length_first() -> None:
    big = str(400_000_000)
    flask_request = SimpleNamespace(content_length=int(big), get_data=never, stream=SimpleNamespace(read=never), content_type="",
                                    query_string=b"", headers={})  # fmt: skip
    with pytest.raises(notifications.NotificationTooLarge):
        notifications.from_flask(flask_request, access_token=TOKEN)
    django_request = SimpleNamespace(META={"CONTENT_LENGTH": big}, body=property(never))
    with pytest.raises(notifications.NotificationTooLarge):
        notifications.from_django(django_request, access_token=TOKEN)

    async def endless() -> Any:
        while True:
            yield b"y" * 65536

    starlette_request = SimpleNamespace(headers={}, stream=endless, body=never, url=SimpleNamespace(query=""))
    with pytest.raises(notifications.NotificationTooLarge):
        asyncio.run(notifications.from_starlette(starlette_request, access_token=TOKEN))
    with pytest.raises(notifications.NotificationTooLarge):
        notifications.parse(b"x" * (notifications.MAX_BODY + 1), access_token=TOKEN)
