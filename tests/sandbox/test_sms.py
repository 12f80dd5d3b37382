"""SMS: part counting, rates, delivery (and the numbers reserved for failures), bulk sends and
templates, history paging and filters, delivery notifications."""

from __future__ import annotations

import json
import re
import socket
from typing import Any, Dict

import hoiio
import pytest
from hoiio.sandbox.values import wire_date

from .conftest import Raw, Receiver, Sandbox, balance

DEST = "+6591234567"


@pytest.mark.parametrize(
    ("msg", "parts", "unicode"),
    [
        ("a" * 160, 1, False),
        ("a" * 161, 2, False),
        ("a" * 306, 2, False),
        ("a" * 307, 3, False),
        ("a" * 459, 3, False),
        ("é" * 160, 1, False),  # é is in the GSM alphabet
        ("[" * 80, 1, False),  # [ counts twice: 160
        ("[" * 81, 2, False),
        ("a\n" * 53 + "a", 1, False),  # newline counts twice: 160
        ("€" * 81, 2, False),
        ("中" * 70, 1, True),
        ("中" * 71, 2, True),
        ("中" * 134, 2, True),
        ("中" * 135, 3, True),
        ("中" * 201, 3, True),
    ],
)
def test_parts_follow_the_reference(client: Any, msg: str, parts: int, unicode: bool) -> None:
    rate = client.sms.rate(msg, DEST)
    assert (rate.split_count, rate.is_unicode) == (parts, unicode)
    assert rate.json["total_cost"] == f"0.{38 * parts:03d}"
    res = client.sms.send(msg, DEST)
    assert client.sms.status(res.txn_ref).split_count == parts


def test_more_than_three_parts_is_too_big(raw: Raw) -> None:
    """What the server answers (the SDK refuses such a message first: below)."""
    assert raw.status("sms/send", msg="a" * 460, dest=DEST) == "error_msg_too_big"
    assert raw.status("sms/send", msg="中" * 202, dest=DEST) == "error_msg_too_big"
    assert raw("sms/get_rate", msg="a" * 460, dest=DEST)["split_count"] == "4"  # the sandbox still quotes it


LIMIT = "at most 3 parts: 459 GSM-7 characters or 201 with Unicode"


@pytest.mark.parametrize(
    ("msg", "said"),
    [
        ("x" * 2000, "msg: 2000 characters is too long (14 SMS parts); " + LIMIT),
        ("a" * 460, "msg: 460 characters is too long (4 SMS parts); " + LIMIT),
        ("中" * 202, "msg: 202 characters with Unicode is too long (4 SMS parts); " + LIMIT),
        ("€" * 230, "msg: 230 characters (counted as 460: some characters count as two) is too long (4 SMS parts); " + LIMIT),
    ],
)
def test_the_sdk_refuses_more_than_three_parts_before_sending(msg: str, said: str) -> None:
    """sms.send and sms.rate (which would quote a price for a message send refuses), on the
    client and the facade: a ValidationError naming the limit, and no connection made."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        base_url = f"http://127.0.0.1:{server.getsockname()[1]}/open/"
        with hoiio.Client("AP-X", "TOKEN", base_url=base_url, timeout=2, max_retries=0) as client:
            for method in (client.sms.send, client.sms.rate):
                with pytest.raises(hoiio.ValidationError) as info:
                    method(msg, DEST)
                assert info.value.problems == [said]
        saved = hoiio.Hoiio._default
        hoiio.Hoiio.init("AP-X", "TOKEN", base_url=base_url, timeout=2, max_retries=0)
        try:
            with pytest.raises(hoiio.ValidationError, match=re.escape(said)):  # the facade raises it too, as for any bad input
                hoiio.Hoiio.sms.send(msg, DEST)
        finally:
            hoiio.Hoiio.client().close()
            hoiio.Hoiio._default = saved
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody connected


def test_three_parts_are_sent(client: Any) -> None:
    for msg in ("a" * 459, "中" * 201, "€" * 229 + "a"):
        assert client.sms.send(msg, DEST).is_success()
        assert client.sms.rate(msg, DEST).split_count == 3


def test_rates_by_destination_and_incoming(client: Any) -> None:
    assert client.sms.rate(None, "+16505550000").json["rate"] == "0.015"
    assert client.sms.rate(None, "+85291234567").json["rate"] == "0.045"
    assert client.sms.rate(None, "+999123456789").status == "error_dest_not_supported"
    assert client.sms.rate_in("+16505551101").json["rate"] == "0.013"
    assert client.sms.rate_in("+6531581101").status == "error_incoming_sms_not_supported"


def test_rate_needs_dest_or_incoming_not_both(raw: Raw) -> None:
    assert raw.status("sms/get_rate") == "error_dest_incoming_both_missing"
    assert raw.status("sms/get_rate", dest=DEST, incoming="+16505551101") == "error_dest_incoming_both_present"


def test_status_moves_from_queued_to_delivered(sandbox: Sandbox, client: Any) -> None:
    res = client.sms.send("hi", DEST, tag="t-1")
    status = client.sms.status(res.txn_ref)
    assert (status.sms_status, status.tag, status.dest, status.src, status.debit) == ("queued", "t-1", DEST, "+6511111111", 0.038)
    sandbox.advance(4)
    assert client.sms.status(res.txn_ref).sms_status == "queued"
    sandbox.advance(1)
    assert client.sms.status(res.txn_ref).sms_status == "delivered"


@pytest.mark.parametrize(("dest", "outcome"), [("+6590000000", "failed"), ("+6590000002", "queued"), ("+6590000003", "error"),
                                               ("+6590000001", "delivered")])  # fmt: skip
def test_reserved_numbers(sandbox: Sandbox, client: Any, dest: str, outcome: str) -> None:
    res = client.sms.send("hi", dest)
    sandbox.advance(60)
    assert client.sms.status(res.txn_ref).sms_status == outcome


def test_scripted_outcome_overrides(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    sandbox.script(DEST, sms="failed", app_id=account["app_id"])
    res = client.sms.send("hi", DEST)
    sandbox.advance(10)
    assert client.sms.status(res.txn_ref).sms_status == "failed"


def test_delivery_notification_is_signed(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    res = client.sms.send("hi", DEST, tag="mine", notify_url=receiver.url("/sms-delivery?user=42"))
    sandbox.advance(10)
    got = receiver.wait_for(1, path="/sms-delivery")[0]
    assert got.verify(account["access_token"]) and not got.verify("another token")
    note = got.note
    assert type(note).__name__ == "SmsDeliveryNotification"
    assert (note.txn_ref, note.sms_status, note.tag, note.dest, note.split_count, note.debit) == (res.txn_ref, "delivered", "mine", DEST, 1, 0.038)
    assert got.query == "user=42"  # your own parameters come back
    assert set(got.fields) - {"user"} <= set(type(note)._FIELDS)


def test_bulk_send_with_template(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    people = [{"dest": "+6591110011", "name": "Ann", "age": "22"}, {"dest": "+6591110012", "name": "Bob", "age": "18"}]
    res = client.sms.bulk_send("Hello {{name}}, you are {{ age }}!", recipients=people, notify_url=receiver.url("/bulk"))
    assert res.bulk_txn_ref.startswith("AA-B-")
    assert balance(sandbox, account)["balance"] == "54.574"
    entries = client.sms.history().entries
    assert [e.msg for e in entries] == ["Hello Ann, you are 22!", "Hello Bob, you are 18!"]
    sandbox.advance(10)
    notes = [r.note for r in receiver.wait_for(2, path="/bulk")]
    assert {n.bulk_txn_ref for n in notes} == {res.bulk_txn_ref}
    assert {n.txn_ref for n in notes} == {e.txn_ref for e in entries}


def test_bulk_limits(raw: Raw, client: Any) -> None:
    many = ",".join(f"+659{i:07d}" for i in range(1001))
    assert raw.status("sms/bulk_send", msg="hi", dest=many) == "error_dest_too_many"
    recipients = json.dumps([{"dest": f"+659{i:07d}"} for i in range(1001)])
    assert raw.status("sms/bulk_send", msg="hi", recipients=recipients) == "error_dest_too_many"
    assert raw.status("sms/bulk_send", msg="hi", dest="+6591234567,12345") == "error_dest_invalid"
    assert raw.status("sms/bulk_send", msg="hi") == "error_dest_param_missing"
    ok = ",".join(f"+659{i:07d}" for i in range(1000))
    assert raw.status("sms/bulk_send", msg="hi", dest=ok) == "success_ok"
    assert client.sms.history().total_entries_count == 1000


def test_history_pages_and_filters(sandbox: Sandbox, client: Any) -> None:
    first = sandbox.now()
    for i in range(150):
        client.sms.send(f"first {i}", DEST)
    sandbox.advance(3600)
    middle = sandbox.now()
    for i in range(55):
        client.sms.send(f"second {i}", DEST)
    page1, page2, page3 = (client.sms.history(page=n) for n in (1, 2, 3))
    assert (page1.entries_count, page2.entries_count, page3.entries_count) == (100, 100, 5)
    assert page1.total_entries_count == 205
    assert page1.entries[0].msg == "first 0" and page3.entries[-1].msg == "second 54"
    assert client.sms.history(page=4).entries_count == 0
    assert client.sms.history(from_=wire_date(middle)).total_entries_count == 55
    assert client.sms.history(to=wire_date(middle)).total_entries_count == 150
    assert client.sms.history(from_=wire_date(first - 10), to=wire_date(first + 1)).total_entries_count == 150
    assert len(list(client.sms.history_iter())) == 205


def test_history_filter_errors(raw: Raw) -> None:
    assert raw.status("sms/get_history", **{"from": "yesterday"}) == "error_from_invalid"
    assert raw.status("sms/get_history", to="2012-13-01 00:00:00") == "error_to_invalid"
    assert raw.status("sms/get_history", **{"from": "2012-02-01 00:00:00", "to": "2012-01-01 00:00:00"}) == "error_to_before_from"
    assert raw.status("sms/get_history", page="0") == "error_page_invalid"
    assert raw.status("sms/get_history", page="x") == "error_page_invalid"


def test_send_errors(raw: Raw, sandbox: Sandbox, account: Dict[str, Any]) -> None:
    assert raw.status("sms/send", dest=DEST) == "error_msg_param_missing"
    assert raw.status("sms/send", msg="", dest=DEST) == "error_msg_empty"
    assert raw.status("sms/send", msg="hi") == "error_dest_param_missing"
    assert raw.status("sms/send", msg="hi", dest="91234567") == "error_dest_invalid"
    assert raw.status("sms/send", msg="hi", dest="+999123456789") == "error_dest_not_supported"
    assert raw.status("sms/send", msg="hi", dest=DEST, tag="x" * 257) == "error_tag_invalid_length"
    assert raw.status("sms/send", msg="hi", dest=DEST, tag="x" * 256) == "success_ok"
    assert raw.status("sms/send", msg="hi", dest=DEST, sender_name="AB") == "error_invalid_sender_name"
    assert raw.status("sms/send", msg="hi", dest=DEST, notify_url="ftp://example.com/") == "error_invalid_notify_url"
    assert raw.status("sms/send", msg="hi", dest=DEST, notify_url="http://host.invalid/") == "error_unable_to_resolve_notify_url"
    sandbox.set_account(account["app_id"], sms_rebrand_status="disabled")
    assert raw.status("sms/send", msg="hi", dest=DEST, sender_name="Shop") == "error_sms_rebrand_not_enabled"


def test_sender_name_where_it_cannot_be_shown(client: Any) -> None:
    shown = client.sms.send("hi", DEST, sender_name="MyShop")
    assert client.sms.status(shown.txn_ref).json["msg"] == "hi"
    assert client.sms.status(shown.txn_ref).src == "MyShop"
    prefixed = client.sms.send("hi", "+60123456789", sender_name="MyShop")  # Malaysia: no rebranding
    assert client.sms.status(prefixed.txn_ref).json["msg"] == "Fr:MyShop\nhi"
    long = client.sms.send("a" * 150, "+60123456789", sender_name="MyShop")
    assert client.sms.status(long.txn_ref).split_count == 2


def test_txn_refs_of_others_are_not_yours(sandbox: Sandbox, client: Any, make_client: Any) -> None:
    res = client.sms.send("hi", DEST)
    other = make_client(sandbox.create_account())
    assert other.sms.status(res.txn_ref).status == "error_txn_ref_access_denied"
    assert other.sms.status("AA-S-1").status == "error_invalid_txn_ref"
    call = client.voice.call(DEST, "+6598765432")
    assert client.sms.status(call.txn_ref).status == "error_invalid_txn_ref"
