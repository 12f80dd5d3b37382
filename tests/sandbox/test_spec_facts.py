"""The sandbox takes Hoiio's facts from the spec (hoiio._generated.facts, generated from
spec/api.yaml): changing a table there changes what the sandbox does, with no code of its own
holding the value."""

from __future__ import annotations

from typing import Any, Dict

import hoiio
import pytest
from hoiio._generated import facts
from hoiio._runtime import sms_length
from hoiio.sandbox import checks

from .conftest import Raw, Receiver, Sandbox

A = "+6591234567"
B = "+6598765432"


def test_concurrent_calls_and_room_size_come_from_the_spec_limits(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    assert facts.LIMITS["concurrent_calls"] == 8 and facts.LIMITS["conference_room"] == 8
    monkeypatch.setitem(facts.LIMITS, "concurrent_calls", 1)
    assert client.voice.call(A, B).is_success()
    assert client.voice.call(A, "+6598765433").status == "error_concurrent_call_limit_reached"
    monkeypatch.setitem(facts.LIMITS, "concurrent_calls", 8)
    monkeypatch.setitem(facts.LIMITS, "conference_room", 2)
    assert client.voice.conference(A, B, "+6598765434").status == "error_dest_too_many"  # 3 > 2 in one room
    room = client.voice.conference(A, B).room
    assert client.voice.conference("+6598765434", room=room).status == "error_dest_too_many"


def test_incoming_sms_pieces_follow_the_spec(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver,
                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    number = client.number.available_numbers("US", "CA").entries[0].number
    assert client.number.subscribe(number, 1).is_success()
    assert client.number.configure(number, forward_sms_to=receiver.url("/facts-sms")).is_success()
    monkeypatch.setitem(facts.LIMITS, "incoming_sms_single", 10)
    monkeypatch.setitem(facts.LIMITS, "incoming_sms_part", 4)
    refs = sandbox.incoming_sms(number, "+16505550000", "abcdefghijk", app_id=account["app_id"])  # 11 > 10: pieces of 4
    assert len(refs) == 3
    got = sorted(r.note.msg for r in receiver.wait_for(3, path="/facts-sms"))
    assert got == ["abcd", "efgh", "ijk"]


def test_number_capabilities_come_from_the_spec(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    countries = {c.code: c for c in client.number.available_countries().entries}
    assert [s.capability for s in countries["US"].states] == [list(facts.NUMBER_CAPABILITIES["US"])] * len(countries["US"].states)
    assert client.number.available_numbers("SG").entries[0].capability == ["VOICE", "FAX"]
    monkeypatch.setitem(facts.NUMBER_CAPABILITIES, "AU", ("VOICE", "SMS"))
    au = client.number.available_numbers("AU").entries[0]
    assert au.capability == ["VOICE", "SMS"]
    assert client.number.subscribe(au.number, 1).is_success()
    (mine,) = [e for e in client.number.subscribed_numbers().entries if e.number == au.number]
    assert mine.capabilities == ["VOICE", "SMS"]


@pytest.mark.parametrize("msg, parts", [("a" * 160, "1"), ("a" * 161, "2"), ("[" * 80, "1"), ("[" * 81, "2"), ("中" * 70, "1"), ("中" * 71, "2")])
def test_sms_parts_follow_the_spec_rule(raw: Raw, msg: str, parts: str) -> None:
    assert raw("sms/get_rate", dest=A, msg=msg)["split_count"] == parts


def test_the_sms_rule_is_the_one_in_the_spec(raw: Raw, client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sms_length, "SMS_GSM", (10, 5))
    monkeypatch.setattr(sms_length, "SMS_MAX_PARTS", 2)
    monkeypatch.setattr("hoiio.sandbox.sms.MAX_PARTS", 2)
    assert raw("sms/get_rate", dest=A, msg="a" * 11)["split_count"] == "3"
    assert client.sms.send("a" * 11, A).status == "error_msg_too_big"
    assert client.sms.send("a" * 10, A).is_success()


def test_notifications_are_signed_as_the_spec_says(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    assert client.sms.send("Hi", A, notify_url=receiver.url("/facts-signed")).is_success()
    sandbox.advance(10)
    got = receiver.wait_for(1, path="/facts-signed")[0]
    header = got.headers[facts.SIGNATURE_HEADER.lower()]
    assert header == hoiio.notifications.sign(got.body, account["access_token"])
    assert hoiio.notifications.parse(got.body, signature=header, access_token=account["access_token"]).sms_status is not None


def test_rate_limits_come_from_the_spec(sandbox: Sandbox, client: Any, raw: Raw, monkeypatch: pytest.MonkeyPatch) -> None:
    assert facts.RATE_LIMITS["user/get_balance"] == (60, 60)
    monkeypatch.setattr(sandbox.engine, "rate_limits", True)
    monkeypatch.setitem(facts.RATE_LIMITS, "user/get_balance", (3, 60))
    assert [raw.status("user/get_balance") for _ in range(4)] == ["success_ok"] * 3 + ["error_rate_limit_exceeded"]
    assert raw.status("user/get_info") == "success_ok"  # each API's limit is its own; get_info has none
    assert raw.status("sms/send", dest=A, msg="Hi") == "success_ok"  # SMS sending: no limit
    sandbox.advance(61)
    assert raw.status("user/get_balance") == "success_ok"  # the window has passed
    # through the SDK (without retries) the status comes back as an answer, as any other
    sandbox.advance(61)
    c = hoiio.Client(raw.account["app_id"], raw.account["access_token"], base_url=sandbox.base_url, max_retries=0, raise_on_error=False)
    try:
        assert [c.account.balance().status for _ in range(4)] == ["success_ok"] * 3 + ["error_rate_limit_exceeded"]
    finally:
        c.close()


# The status each problem answers is the spec's (spec/*.yaml: a param's invalid, too_long,
# empty_status and unresolvable, an endpoint's ordered and ordered_status), read from the generated
# Endpoint tables: the sandbox derives none from a parameter's name.


def _param(path: str, wire: str) -> Any:
    return checks.endpoints()[path].by_wire[wire]


def test_the_param_statuses_are_stated_in_the_spec() -> None:
    ivr_msg = _param("ivr/middle/play", "msg")
    assert (ivr_msg.empty_status, ivr_msg.too_long, ivr_msg.invalid) == ("error_msg_empty", "error_msg_too_big", None)
    assert _param("sms/send", "msg").empty_status == "error_msg_empty"
    assert _param("sms/send", "notify_url").unresolvable == "error_unable_to_resolve_notify_url"
    assert _param("ivr/middle/monitor", "monitor_notify_url").unresolvable == "error_unable_to_resolve_notify_url"
    assert _param("number/update_forwarding", "forward_sms_to").unresolvable == "error_unable_to_resolve_forward_to"
    history = checks.endpoints()["sms/get_history"]
    assert (history.ordered, history.ordered_status) == (("from", "to"), "error_to_before_from")


def _restate(monkeypatch: pytest.MonkeyPatch, path: str, wire: str, **changes: Any) -> None:
    """The endpoint's param ``wire`` as if the spec stated ``changes`` (a Param is immutable: the
    endpoint's tables get a changed copy, put back after the test)."""
    endpoint = checks.endpoints()[path]
    changed = endpoint.by_wire[wire]._replace(**changes)
    monkeypatch.setattr(endpoint, "params", tuple(changed if p.wire == wire else p for p in endpoint.params))
    monkeypatch.setitem(endpoint.by_wire, wire, changed)


def test_each_problem_answers_the_status_the_spec_states(raw: Raw, monkeypatch: pytest.MonkeyPatch) -> None:
    assert raw.status("sms/send", dest=A, msg=" ") == "error_msg_empty"
    _restate(monkeypatch, "sms/send", "msg", empty_status="error_invalid_sender_name")
    assert raw.status("sms/send", dest=A, msg=" ") == "error_invalid_sender_name"

    assert raw.status("sms/send", dest=A, msg="Hi", notify_url="http://host.invalid/") == "error_unable_to_resolve_notify_url"
    _restate(monkeypatch, "sms/send", "notify_url", unresolvable=None)
    assert raw.status("sms/send", dest=A, msg="Hi", notify_url="http://host.invalid/") == "success_ok"
    # where the endpoint does not list the param's status (unhold's complete list), it is not answered
    assert "error_unable_to_resolve_notify_url" not in checks.endpoints()["ivr/middle/unhold"].statuses

    assert raw.status("sms/send", dest=A, msg="Hi", tag="t" * 257) == "error_tag_invalid_length"
    _restate(monkeypatch, "sms/send", "tag", too_long="error_msg_too_big")
    assert raw.status("sms/send", dest=A, msg="Hi", tag="t" * 257) == "error_msg_too_big"

    late, early = "2020-01-02 00:00:00", "2020-01-01 00:00:00"
    assert raw.status("sms/get_history", **{"from": late, "to": early}) == "error_to_before_from"
    monkeypatch.setattr(checks.endpoints()["sms/get_history"], "ordered_status", "error_page_invalid")
    assert raw.status("sms/get_history", **{"from": late, "to": early}) == "error_page_invalid"
    monkeypatch.setattr(checks.endpoints()["sms/get_history"], "ordered", ())
    assert raw.status("sms/get_history", **{"from": late, "to": early}) == "success_ok"


def test_the_hidden_caller_id_and_the_flag_words_are_the_specs(raw: Raw, client: Any) -> None:
    assert facts.CALLER_ID_PRIVATE_LISTED in client.account.info().caller_ids
    for word in facts.CALLER_ID_PRIVATE:  # each word the spec gives, on the wire and through the SDK
        assert raw.status("voice/call", dest2=B, caller_id=word) == "success_ok"
        assert client.voice.call(A, B, caller_id=word).is_success()
    assert raw.status("voice/call", dest2=B, caller_id="hidden") == "error_caller_id_invalid"
    dial = client.ivr.dial(B, msg="Hi")
    assert raw.status("ivr/end/hangup", session=dial.session, force=facts.FLAG_SET) == "success_ok"
