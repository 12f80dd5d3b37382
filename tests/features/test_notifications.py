"""hoiio.notifications: parsing every notification, signatures, and the framework adapters."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import io
import json
from types import SimpleNamespace
from urllib.parse import urlencode

import hoiio
import pytest
from hoiio import notifications as n

TOKEN = "my-access-token"
GMT8 = dt.timezone(dt.timedelta(hours=8))
# The documented incoming-SMS notification (hoiio-api-part1.md 1.10), verbatim.
DOCUMENTED = "to=%2B16501234567&debit=0.013&from=%2B16201234567&date=2012-10-30+12%3A20%3A50&msg=hoiio+world&txn_ref=AA-SI-85&currency=SGD"


def test_documented_incoming_sms_from_the_query_string() -> None:
    note = n.parse(b"", query_string=DOCUMENTED)
    assert isinstance(note, n.IncomingSmsNotification)
    assert note.from_ == "+16201234567" and getattr(note, "from") == "+16201234567"
    assert note.to == "+16501234567" and note.msg == "hoiio world" and note.txn_ref == "AA-SI-85"
    assert note.date == dt.datetime(2012, 10, 30, 12, 20, 50, tzinfo=GMT8)
    assert note.debit == pytest.approx(0.013) and note.currency == "SGD"
    assert "from_='+16201234567'" in repr(note)


def test_query_string_and_body_are_merged_body_wins_and_pass_through_stays() -> None:
    body = b"txn_ref=AA-S-1&sms_status=delivered&dest=%2B6511111111&split_count=2&rate=0.038&debit=0.076"
    note = n.parse(body, query_string="username=ann&sms_status=queued")
    assert isinstance(note, n.SmsDeliveryNotification)
    assert note.sms_status == "delivered" and note.split_count == 2 and note.debit == pytest.approx(0.076)
    assert note.username == "ann"
    assert note.bulk_txn_ref is None


@pytest.mark.parametrize(
    "fields, cls",
    [
        ({"ivr_block": "answer", "session": "S-1", "call_state": "ringing", "from": "+6511111111", "to": "+6522222222"}, n.IncomingCallNotification),
        ({"session": "S-1", "call_state": "ringing", "from": "+6511111111", "to": "+6522222222"}, n.IncomingCallNotification),
        ({"ivr_block": "dial", "session": "S-1", "call_state": "ongoing", "dest": "+6511111111", "dial_status": "answered"}, n.DialNotification),
        ({"session": "S-1", "call_state": "ongoing", "dial_status": "busy"}, n.DialNotification),
        ({"session": "S-1", "call_state": "ongoing", "digits": "007"}, n.GatherNotification),
        ({"session": "S-1", "call_state": "ongoing", "record_url": "https://x/r.mp3"}, n.RecordNotification),
        ({"session": "S-1", "call_state": "ended", "monitor_url": "https://x/m.mp3", "duration": "3"}, n.MonitorNotification),
        ({"session": "S-1", "call_state": "ended", "transfer_status": "busy"}, n.TransferNotification),
        ({"ivr_block": "hangup", "session": "S-1", "call_state": "ended"}, n.HangupNotification),
        ({"ivr_block": "play", "session": "S-1", "call_state": "ongoing"}, n.PlayNotification),
        ({"ivr_block": "unhold", "session": "S-1", "call_state": "ongoing"}, n.UnholdNotification),
        ({"session": "S-1", "call_state": "ongoing"}, n.IvrNotification),
        ({"txn_ref": "AA-C-1", "dest1": "+6511111111", "dest2": "+6522222222", "call_status_dest1": "answered", "call_status_dest2": "busy"}, n.CallNotification),
        ({"txn_ref": "AA-C-2", "dest1": "+6511111111", "call_status_dest1": "answered", "duration": "2"}, n.ConferenceLegNotification),
        ({"txn_ref": "AA-C-3", "dest": "+6511111111", "call_status_dest1": "busy"}, n.ConferenceLegNotification),
        ({"txn_ref": "AA-F-1", "fax_status": "answered", "dest": "+6511111111", "fax_pages": "3"}, n.FaxNotification),
        ({"txn_ref": "AA-F-2", "fax_status": "busy", "from": "+6511111111", "to": "+6522222222", "dest": "+6522222222"}, n.FaxNotification),
        ({"txn_ref": "AA-FI-1", "fax_status": "failed", "from": "+6511111111", "to": "+6522222222", "fax_error_code": "busy"}, n.IncomingFaxNotification),
    ],
)
def test_each_notification_is_recognised(fields: dict, cls: type) -> None:
    note = n.parse(urlencode(fields).encode())
    assert type(note) is cls
    for key, value in fields.items():
        assert note.get(key) is not None and note._data[key] == value


def test_gather_digits_keep_leading_zeros_and_ended_calls_carry_billing() -> None:
    note = n.parse(b"session=S-9&call_state=ended&digits=0042&date=2012-01-31+12%3A06%3A15&duration=2&rate=0.018&debit=0.036&currency=SGD")
    assert isinstance(note, n.GatherNotification)
    assert note.digits == "0042" and isinstance(note.digits, str)
    assert note.duration == 2 and note.debit == pytest.approx(0.036) and note.date.tzinfo is not None
    assert note.call_state == hoiio.CallState.ENDED


def test_json_bodies_are_read_too() -> None:
    note = n.parse(json.dumps({"session": "S-1", "call_state": "ongoing", "digits": "5"}), content_type="application/json")
    assert isinstance(note, n.GatherNotification) and note.digits == "5"


def test_signature_is_hex_hmac_sha256_of_the_raw_body_keyed_with_the_token() -> None:
    body = b"txn_ref=AA-S-1&sms_status=delivered"
    expected = hmac.new(TOKEN.encode(), body, hashlib.sha256).hexdigest()
    assert n.sign(body, TOKEN) == expected
    assert n.verify_signature(body, expected, TOKEN)
    assert n.verify_signature(body, expected.upper(), TOKEN)
    assert not n.verify_signature(body + b"x", expected, TOKEN)
    assert not n.verify_signature(body, None, TOKEN)
    assert isinstance(n.parse(body, signature=expected, access_token=TOKEN), n.SmsDeliveryNotification)


def test_a_bad_or_missing_signature_is_refused_when_the_token_is_given() -> None:
    body = b"txn_ref=AA-S-1&sms_status=delivered"
    with pytest.raises(n.SignatureError, match="does not match"):
        n.parse(body, signature=n.sign(body, "another token"), access_token=TOKEN)
    with pytest.raises(n.SignatureError, match="missing"):
        n.parse(body, access_token=TOKEN)


@pytest.mark.parametrize(
    "body, content_type, message",
    [
        (b"", "application/x-www-form-urlencoded", "empty"),
        (b"colour=blue&size=9", "application/x-www-form-urlencoded", "cannot tell which notification"),
        (b"{not json", "application/json", "not valid JSON"),
        (b"[1, 2]", "application/json", "not an object"),
        (b"<xml/>", "application/xml", "cannot read"),
    ],
)
def test_malformed_notifications_raise_a_hoiio_exception_that_says_why(body: bytes, content_type: str, message: str) -> None:
    with pytest.raises(n.NotificationError, match=message) as info:
        n.parse(body, content_type=content_type)
    assert isinstance(info.value, hoiio.HoiioException)


def _environ(body: bytes, query: str = "", signature: str = "") -> dict:
    env = {"wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body)), "QUERY_STRING": query,
           "CONTENT_TYPE": "application/x-www-form-urlencoded", "REQUEST_METHOD": "POST"}  # fmt: skip
    if signature:
        env["HTTP_X_HOIIO_SIGNATURE"] = signature
    return env


def test_wsgi_app_answers_200_403_400_and_hands_over_the_notification() -> None:
    seen: list = []
    app = n.wsgi_app(seen.append, access_token=TOKEN)
    statuses: list = []
    body = b"session=S-1&call_state=ongoing&digits=12"
    app(_environ(body, "app_state=menu", n.sign(body, TOKEN)), lambda status, headers: statuses.append(status))
    app(_environ(body, "", "bad"), lambda status, headers: statuses.append(status))
    unsigned = n.wsgi_app(seen.append)
    unsigned(_environ(b"a=b"), lambda status, headers: statuses.append(status))
    assert statuses == ["200 OK", "403 Forbidden", "400 Bad Request"]
    assert len(seen) == 1 and seen[0].digits == "12" and seen[0].app_state == "menu"


def test_framework_adapters_read_their_request_objects() -> None:
    body = b"session=S-1&call_state=ongoing&digits=3"
    sig = n.sign(body, TOKEN)
    flask_request = SimpleNamespace(get_data=lambda: body, query_string=b"x=1", content_type="application/x-www-form-urlencoded",
                                    headers={"X-Hoiio-Signature": sig})  # fmt: skip
    assert n.from_flask(flask_request, access_token=TOKEN).x == "1"
    django_request = SimpleNamespace(body=body, META={"QUERY_STRING": "x=2", "CONTENT_TYPE": "application/x-www-form-urlencoded", "HTTP_X_HOIIO_SIGNATURE": sig})
    assert n.from_django(django_request, access_token=TOKEN).x == "2"

    async def read() -> bytes:
        return body

    starlette_request = SimpleNamespace(body=read, url=SimpleNamespace(query="x=3"),
                                        headers={"content-type": "application/x-www-form-urlencoded", "X-Hoiio-Signature": sig})  # fmt: skip
    note = asyncio.run(n.from_starlette(starlette_request, access_token=TOKEN))
    assert isinstance(note, n.GatherNotification) and note.x == "3"
