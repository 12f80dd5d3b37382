"""Issue 21, notifications: what is verified is what was signed, and only NotificationError comes
out. ``wsgi_app`` served by the standard library's wsgiref on loopback, posted to over a real
socket; ``parse`` directly; genuine notifications from the real sandbox still verify."""

from __future__ import annotations

import threading
from typing import Any, Dict, Iterator, List, Optional, Tuple
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
import requests
from hoiio import notifications
from hoiio.sandbox.server import Sandbox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TOKEN = "signed-fields-token"
FORGED = "ivr_block=gather&session=S-9&digits=1"
SMS = "txn_ref=AA-S-1&sms_status=delivered&date=2012-10-30+12%3A20%3A50&dest=%2B6591234567&split_count=1&currency=SGD&rate=0.038&debit=0.038"
DEEP = b'{"txn_ref":' + b"[" * 100_000 + b"]" * 100_000 + b"}"


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


class Receiver:
    """``wsgi_app`` under wsgiref on 127.0.0.1, with what its handler was given."""

    def __init__(self, access_token: Optional[str]) -> None:
        self.notes: List[Any] = []
        self.server: WSGIServer = make_server("127.0.0.1", 0, notifications.wsgi_app(self.notes.append, access_token=access_token),
                                              handler_class=_Quiet)  # fmt: skip
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.http = requests.Session()
        self.http.trust_env = False

    def post(self, body: bytes, *, query: str = "", signature: Optional[str] = None, content_type: Optional[str] = "application/x-www-form-urlencoded") -> Tuple[int, str]:
        headers: Dict[str, str] = {}
        if content_type is not None:
            headers["Content-Type"] = content_type
        if signature is not None:
            headers["X-Hoiio-Signature"] = signature
        res = self.http.post(self.url + (f"?{query}" if query else ""), data=body, headers=headers, timeout=10)
        return res.status_code, res.text

    def close(self) -> None:
        self.http.close()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver(TOKEN)
    yield r
    r.close()


@pytest.fixture
def open_receiver() -> Iterator[Receiver]:
    r = Receiver(None)
    yield r
    r.close()


# ---- an empty body's signature vouches for nothing in the query string ----------------------------


def test_a_forged_query_string_replayed_with_the_empty_bodys_signature_is_refused_by_parse() -> None:
    with pytest.raises(notifications.SignatureError, match="query string"):
        notifications.parse(b"", query_string=FORGED, signature=notifications.sign(b"", TOKEN), access_token=TOKEN)
    for body in (b"&", b"\r\n", b"{}", b"=", b"&&&"):  # bodies that hold no field of a notification either
        with pytest.raises(notifications.NotificationError):
            notifications.parse(body, query_string=FORGED, signature=notifications.sign(body, TOKEN), access_token=TOKEN)


def test_a_forged_query_string_replayed_through_wsgi_app_is_a_403_and_never_reaches_the_handler(receiver: Receiver) -> None:
    status, text = receiver.post(b"", query=FORGED, signature=notifications.sign(b"", TOKEN))
    assert status == 403 and "query string" in text
    assert receiver.post(b"", query=FORGED, signature=notifications.sign(b"", TOKEN), content_type=None)[0] == 403
    assert receiver.post(b"{}", query=FORGED, signature=notifications.sign(b"{}", TOKEN), content_type="application/json")[0] == 403
    assert receiver.notes == []


def test_a_signed_body_still_decides_and_the_query_adds_only_pass_through_fields(receiver: Receiver) -> None:
    status, _ = receiver.post(SMS.encode(), query=FORGED + "&shop=7", signature=notifications.sign(SMS, TOKEN))
    assert status == 200
    (note,) = receiver.notes
    assert isinstance(note, notifications.SmsDeliveryNotification) and note.sms_status == "delivered"
    assert "digits" not in note and "session" not in note and note.shop == "7"


def test_without_a_token_the_query_string_form_reads_unverified(open_receiver: Receiver) -> None:
    assert open_receiver.post(b"", query=FORGED)[0] == 200
    (note,) = open_receiver.notes
    assert isinstance(note, notifications.GatherNotification) and note.digits == "1"


# ---- hostile bodies: a 400, never a 500 --------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["application/json", None, "", "application/json; charset=utf-8"])
@pytest.mark.parametrize("signed", [True, False])
def test_a_deeply_nested_json_body_is_a_400(receiver: Receiver, open_receiver: Receiver, content_type: Optional[str], signed: bool) -> None:
    signature = notifications.sign(DEEP, TOKEN) if signed else None
    target = receiver if signed else open_receiver
    status, text = target.post(DEEP, signature=signature, content_type=content_type)
    assert status == 400, text[:200]
    assert target.notes == []
    with pytest.raises(notifications.NotificationError, match="nested too deeply"):
        notifications.parse(DEEP, content_type=content_type or "", signature=signature, access_token=TOKEN if signed else None)


def test_a_str_body_or_a_token_with_a_lone_surrogate_is_a_notification_error() -> None:
    with pytest.raises(notifications.NotificationError, match="lone surrogate"):
        notifications.parse("txn_ref=AA-S-1&sms_status=\ud800")
    with pytest.raises(notifications.NotificationError, match="lone surrogate"):
        notifications.parse("txn_ref=AA-S-1&sms_status=\ud800", signature="00", access_token=TOKEN)
    with pytest.raises(notifications.SignatureError, match="lone surrogate"):
        notifications.parse(SMS, signature=notifications.sign(SMS, TOKEN), access_token="tok\udcffen")
    with pytest.raises(notifications.NotificationError):
        notifications.sign(SMS, "tok\udcffen")
    assert notifications.verify_signature(SMS, "00", "tok\udcffen") is False


def test_a_token_with_a_lone_surrogate_is_a_403_from_wsgi_app() -> None:
    r = Receiver("tok\udcffen")
    try:
        assert r.post(SMS.encode(), signature=notifications.sign(SMS, TOKEN))[0] == 403
        assert r.notes == []
    finally:
        r.close()


# ---- genuine notifications from the sandbox still verify --------------------------------------------


def test_the_sandboxs_signed_notifications_still_reach_the_handler(receiver: Receiver) -> None:
    with Sandbox(freeze=True) as sandbox:
        account = sandbox.create_account(access_token=TOKEN)
        with sandbox.client(app_id=account["app_id"], access_token=TOKEN) as client:
            client.sms.send("hi", "+6591234567", notify_url=receiver.url + "?shop=7").raise_for_status()
        sandbox.advance(5)
        (sent,) = sandbox.notifications(app_id=account["app_id"])
        assert (sent["state"], sent["http_status"]) == ("delivered", 200)
    (note,) = receiver.notes
    assert isinstance(note, notifications.SmsDeliveryNotification) and note.sms_status == "delivered" and note.shop == "7"


# ---- property: whatever is posted, parse raises nothing but a NotificationError ----------------------

_json_ish = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)
_bodies = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=100),  # lone surrogates included
    st.builds(lambda v: __import__("json").dumps(v).encode(), _json_ish),
    st.builds(lambda n: b'{"a":' + b"[" * n + b"]" * n + b"}", st.integers(1, 200_000)),
    st.builds(lambda n: b'{"a":' + b"9" * n + b"}", st.integers(1, 6000)),
    st.sampled_from([b"", b"&", SMS.encode(), b"ivr_block=gather&session=S-1&digits=1", b"{}", b"[]", b"null"]),
)
_queries = st.one_of(st.text(max_size=60), st.binary(max_size=60), st.sampled_from(["", FORGED, FORGED + "&shop=1", "?" + FORGED]))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=_bodies,
    query=_queries,
    content_type=st.sampled_from(["application/x-www-form-urlencoded", "application/json", "", "text/plain", "image/png", "application/JSON;x"]),
    signature=st.one_of(st.none(), st.text(max_size=70), st.just("sign")),
    token=st.one_of(st.none(), st.just(TOKEN), st.text(max_size=10)),
)
def test_parse_raises_only_notification_errors_and_verifies_only_what_is_signed(
    body: Any, query: Any, content_type: str, signature: Optional[str], token: Optional[str]
) -> None:
    if signature == "sign" and token:
        try:
            signature = notifications.sign(body, token)
        except notifications.NotificationError:
            signature = None
    try:
        note = notifications.parse(body, query_string=query, content_type=content_type, signature=signature, access_token=token)
    except notifications.NotificationError:
        return
    repr(note)
    note.to_dict()
    if token is not None:  # verified: every notification field came from the signed body
        raw = body.encode("utf-8") if isinstance(body, str) else body
        for name in note.keys():
            if name in type(note)._FIELDS or name in ("ivr_block", "session", "call_state"):
                assert name.encode() in raw or name in raw.decode("utf-8", "replace"), (name, raw[:100])
