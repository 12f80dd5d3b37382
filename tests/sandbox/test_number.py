"""Numbers: catalogue, choices paging, rates, subscribing (debit, expiry, extension,
auto_extend renewal, release), forwarding, and the incoming SMS and fax it brings."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict

import pytest
from hoiio.sandbox.values import GMT8

from .conftest import PDF, Raw, Receiver, Sandbox, balance, checked_session


@pytest.fixture(scope="module")
def sandbox() -> Any:
    """A sandbox of this module's own: the numbers for sale are shared by all its accounts."""
    with Sandbox(freeze=True) as sb:
        yield sb


def today(sandbox: Sandbox) -> dt.date:
    return dt.datetime.fromtimestamp(sandbox.now(), GMT8).date()


def test_catalogue() -> None:
    with Sandbox() as fresh:  # nothing subscribed yet
        client = fresh.client(session=checked_session(), raise_on_error=False)
        catalogue(client, Raw(fresh, {"app_id": fresh.app_id, "access_token": fresh.access_token}))


def catalogue(client: Any, raw: Raw) -> None:
    countries = {c.code: c for c in client.number.available_countries().entries}
    assert set(countries) == {"SG", "US", "HK", "AU"}
    assert countries["US"].prefix == "1" and [s.code for s in countries["US"].states] == ["CA", "NY", "AL"]
    assert countries["SG"].states == []
    page1, page2 = client.number.available_numbers("SG"), client.number.available_numbers("SG", page=2)
    assert (page1.entries_count, page2.entries_count, page1.total_entries_count) == (20, 5, 25)
    assert page1.entries[0].capability == ["VOICE", "FAX"]
    assert client.number.available_numbers("US", "NY").total_entries_count == 3
    assert raw.status("number/get_choices", country="US") == "error_state_param_missing"
    assert raw.status("number/get_choices") == "error_country_param_missing"
    assert client.number.available_numbers("US", "TX").status == "error_no_number_available"
    assert client.number.available_numbers("FR").status == "error_no_number_available"
    rates = client.number.rate("US")
    assert [(e.duration, e.rate) for e in rates.entries] == [(1, 5.4), (3, 15.0), (12, 54.0)]
    assert client.number.subscribed_numbers().json["entries"] == []


def test_subscribe_extend_and_expire(sandbox: Sandbox, client: Any, account: Dict[str, Any], make_client: Any) -> None:
    number = client.number.available_numbers("HK").entries[0].number
    res = client.number.subscribe(number, "1")
    start = today(sandbox)
    assert (res.debit, res.currency, res.expiry.month) == (12.0, "SGD", (start.month % 12) + 1)
    assert balance(sandbox, account)["balance"] == "42.650"
    assert number not in [e.number for e in client.number.available_numbers("HK").entries]
    other = make_client(sandbox.create_account())
    assert other.number.subscribe(number, "1").status == "error_subscribe_number_not_available"
    again = client.number.subscribe(number, "3")  # extends from the current expiry
    assert (again.expiry - res.expiry).days > 80
    assert client.number.subscribed_numbers().entries[0].expiry == again.expiry
    sandbox.advance(days=(again.expiry - start).days + 1)
    assert client.number.subscribed_numbers().entries_count == 0
    assert number in [e.number for e in client.number.available_numbers("HK").entries]


def test_auto_extend_renews_while_the_balance_lasts(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    number = client.number.available_numbers("AU").entries[0].number
    res = client.number.subscribe(number, "auto_extend")
    active = client.number.subscribed_numbers()
    assert active.entries[0].auto_extend_status is True and active.json["entries"][0]["auto_extend_status"] == "enabled"
    sandbox.advance(days=(res.expiry - today(sandbox)).days + 1)
    renewed = client.number.subscribed_numbers().entries[0]
    assert renewed.expiry > res.expiry
    assert balance(sandbox, account)["balance"] == "32.650"  # 11.000 twice
    sandbox.drain(app_id=account["app_id"])
    sandbox.advance(days=40)
    assert client.number.subscribed_numbers().entries_count == 0


def test_subscribe_errors(sandbox: Sandbox, client: Any, account: Dict[str, Any], raw: Raw) -> None:
    assert client.number.subscribe("+6599999999", "1").status == "error_number_not_available"
    assert raw.status("number/subscribe", number="+6531581110", duration="2") == "error_invalid_duration"
    assert raw.status("number/subscribe", number="6531581110", duration="1") == "error_number_invalid"
    assert raw.status("number/subscribe", number="+6531581110") == "error_duration_param_missing"
    sandbox.set_account(account["app_id"], credit_card=False)
    assert client.number.subscribe("+6531581110", "auto_extend").status == "error_auto_extend_not_available"
    sandbox.topup(points="200", app_id=account["app_id"])
    for number in [e.number for e in client.number.available_numbers("SG").entries[:10]]:
        assert client.number.subscribe(number, "1").is_success()
    assert client.number.subscribe(client.number.available_numbers("SG").entries[0].number, "1").status == "error_exceed_max_subscriptions"


def test_forwarding_and_incoming_sms(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver, raw: Raw) -> None:
    number = client.number.available_numbers("US", "CA").entries[0].number
    client.number.subscribe(number, "1")
    assert client.number.configure(number, forward_sms_to=receiver.url("/in-sms"), forward_to=receiver.url("/in-call")).is_success()
    assert client.account.info().caller_ids == ["+6511111111", number, "p"]
    assert client.voice.call("+6591234567", "+6598765432", caller_id=number).is_success()
    entry = client.number.subscribed_numbers().entries[0]
    assert (entry.forward_sms_to, entry.mode, entry.state, entry.capabilities) == (receiver.url("/in-sms"), "voice", "CA", ["VOICE", "SMS"])
    refs = sandbox.incoming_sms(number, "+16501234567", "hoiio world", app_id=account["app_id"])
    got = receiver.wait_for(1, path="/in-sms")[0]
    assert got.verify(account["access_token"])
    note = got.note
    assert type(note).__name__ == "IncomingSmsNotification"
    assert (note.txn_ref, note.msg, note.from_, note.to, note.debit) == (refs[0], "hoiio world", "+16501234567", number, 0.013)
    history = client.sms.history().entries
    assert (history[-1].sms_status, history[-1].src) == ("received", "+16501234567")
    long_refs = sandbox.incoming_sms(number, "+16501234567", "x" * 400, app_id=account["app_id"])
    pieces = [r.note.msg for r in receiver.wait_for(4, path="/in-sms")[1:]]
    assert len(long_refs) == 3 and [len(p) for p in pieces] == [152, 152, 96]
    assert raw.status("number/update_forwarding", number="+6531581101", forward_to="http://a.test/") == "error_number_not_assigned"
    assert raw.status("number/update_forwarding", number=number, mode="fax") == "error_mode_invalid"
    assert raw.status("number/update_forwarding", number=number, mode="radio") == "error_mode_invalid"
    assert raw.status("number/update_forwarding", number=number, forward_to="nope") == "error_forward_to_invalid"
    assert raw.status("number/update_forwarding", number=number, forward_to="http://x.invalid/") == "error_unable_to_resolve_forward_to"
    assert raw.status("number/update_forwarding", number=number, forward_to_sms=receiver.url("/alias")) == "success_ok"
    assert client.number.subscribed_numbers().entries[0].forward_sms_to == receiver.url("/alias")


def test_sms_forwarding_needs_an_sms_number(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    number = client.number.available_numbers("SG").entries[0].number
    client.number.subscribe(number, "1")
    assert client.number.configure(number, forward_sms_to="http://a.test/").status == "error_incoming_sms_not_supported"


def test_incoming_fax(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    number = client.number.available_numbers("SG").entries[0].number
    client.number.subscribe(number, "1")
    client.number.configure(number, forward_to=receiver.url("/in-fax"), mode="fax")
    ref = sandbox.incoming_fax(number, "+6567778888", PDF, app_id=account["app_id"])
    got = receiver.wait_for(1, path="/in-fax")[0]
    assert got.verify(account["access_token"])
    note = got.note
    assert type(note).__name__ == "IncomingFaxNotification"
    assert (note.txn_ref, note.fax_status, note.from_, note.to, note.duration, note.debit) == (ref, "answered", "+6567778888", number, 1, 0.015)
    assert client.fax.status(ref).fax_pages == 2
    sandbox.incoming_fax(number, "+6567778888", status="busy", app_id=account["app_id"])
    assert receiver.wait_for(2, path="/in-fax")[1].note.fax_error_code == "busy"
