"""Voice: call back lifecycle and billing, reserved outcomes, max_duration, hangup, notifications;
conferences (rooms, 8 participants, moderate); rates; the concurrent-call limit."""

from __future__ import annotations

import logging
from typing import Any, Dict

import hoiio.notifications
import pytest

from .conftest import Raw, Receiver, Sandbox, balance

A, B = "+6591234567", "+6598765432"


def test_call_back_lifecycle_and_billing(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    call = client.voice.call(A, B, tag="cb", notify_url=receiver.url("/call"))
    status = client.voice.status(call.txn_ref)
    assert (status.call_status_dest1, status.call_status_dest2, status.duration, status.debit) == ("ongoing", "ongoing", None, None)
    assert status.rate == 0.04  # both legs: 0.020 + 0.020 a minute
    sandbox.advance(5)
    assert client.voice.status(call.txn_ref).call_status_dest1 == "answered"
    assert client.voice.status(call.txn_ref).call_status_dest2 == "ongoing"
    sandbox.advance(5 + 65)  # dest2 answers, they talk 65 s: 2 billed minutes
    status = client.voice.status(call.txn_ref)
    assert (status.call_status_dest2, status.duration, status.debit, status.tag) == ("answered", 2, 0.08, "cb")
    assert balance(sandbox, account) == {"balance": "54.570", "points": "50.000", "bonus": "4.570"}
    got = receiver.wait_for(1, path="/call")[0]
    assert got.verify(account["access_token"])
    note = got.note
    assert type(note).__name__ == "CallNotification"
    assert (note.txn_ref, note.duration, note.call_status_dest2, note.debit, note.tag) == (call.txn_ref, 2, "answered", 0.08, "cb")


@pytest.mark.parametrize(
    ("dest1", "dest2", "s1", "s2"),
    [
        (A, "+6598760001", "answered", "busy"),
        (A, "+6598760002", "answered", "unanswered"),
        (A, "+6598760000", "answered", "failed"),
        ("+6591230001", B, "busy", "unanswered"),
    ],
)
def test_reserved_outcomes_cost_nothing(sandbox: Sandbox, client: Any, account: Dict[str, Any], dest1: str, dest2: str, s1: str,
                                        s2: str) -> None:  # fmt: skip
    call = client.voice.call(dest1, dest2)
    sandbox.advance(30)
    status = client.voice.status(call.txn_ref)
    assert (status.call_status_dest1, status.call_status_dest2, status.duration, status.debit) == (s1, s2, 0, 0.0)
    assert balance(sandbox, account)["balance"] == "54.650"


def test_default_dest1_is_the_registered_number(sandbox: Sandbox, client: Any, raw: Raw) -> None:
    call = client.voice.call(None, B)
    assert client.voice.status(call.txn_ref).dest1 == "+6511111111"
    assert raw.status("voice/call", dest2="+6511111111") == "error_same_dest1_dest2"
    assert raw.status("voice/call", dest1=A, dest2=A) == "error_same_dest1_dest2"
    assert raw.status("voice/call", dest1=A) == "error_dest2_param_missing"
    assert raw.status("voice/call", dest1="123", dest2=B) == "error_dest1_invalid"
    assert raw.status("voice/call", dest1=A, dest2="+999123456789") == "error_dest2_not_supported"
    assert raw.status("voice/call", dest1=A, dest2=B, max_duration="0") == "error_invalid_max_duration"
    assert raw.status("voice/call", dest1=A, dest2=B, caller_id="+6599999999") == "error_caller_id_invalid"
    assert raw.status("voice/call", dest1=A, dest2=B, caller_id="private") == "success_ok"


def test_max_duration_cuts_the_call(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    sandbox.script(B, talk_seconds=3600, app_id=account["app_id"])
    call = client.voice.call(A, B, max_duration=130)
    sandbox.advance(10 + 130)
    status = client.voice.status(call.txn_ref)
    assert (status.duration, status.debit) == (3, 0.12)


def test_hangup_ends_a_call_in_progress(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    sandbox.script(B, talk_seconds=3600, app_id=account["app_id"])
    call = client.voice.call(A, B)
    sandbox.advance(10 + 30)
    assert client.voice.hangup(call.txn_ref).is_success()
    status = client.voice.status(call.txn_ref)
    assert (status.call_status_dest2, status.duration, status.debit) == ("answered", 1, 0.04)
    assert client.voice.hangup(call.txn_ref).is_success()  # already over: nothing to do
    assert client.voice.hangup("AA-C-999999999").status == "error_invalid_txn_ref"


def test_conference_rooms(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver, raw: Raw) -> None:
    conf = client.voice.conference(A, B, "+6591230002", notify_url=receiver.url("/conf"))
    assert len(conf.txn_refs) == 3 and conf.room.startswith("R")
    joined = client.conference.call("+6591234568", room=conf.room)
    assert joined.room == conf.room
    sandbox.advance(8)
    assert client.voice.status(conf.txn_refs[0]).call_status_dest1 == "answered"
    assert client.conference.moderate(conf.txn_refs[1], "mute").is_success()
    assert client.conference.moderate(conf.txn_refs[1], "kick").is_success()
    assert client.voice.status(conf.txn_refs[1]).call_status_dest1 == "answered"
    sandbox.advance(120)
    notes = {r.note.dest1: r.note for r in receiver.wait_for(3, path="/conf")}
    assert notes["+6591230002"].call_status_dest1 == "unanswered"
    assert notes[A].txn_ref == conf.txn_refs[0] and notes[A].duration == 2 and notes[A].debit == 0.04
    assert type(notes[A]).__name__ == "ConferenceLegNotification"
    # the call notification's fields for one leg, as the reference gives them (no room, no call_status)
    assert set(notes[A].to_dict()) == {"txn_ref", "dest1", "call_status_dest1", "date", "duration", "currency", "rate", "debit"}
    assert isinstance(notes[A], hoiio.notifications.CallNotification)
    assert client.conference.moderate(conf.txn_refs[0], "kick").is_success()  # over already
    call = client.voice.call(A, B)
    assert client.conference.moderate(call.txn_ref, "mute").status == "error_invalid_txn_ref"
    assert raw.status("conference/moderate", txn_ref=conf.txn_refs[0], action="shout") == "error_malformed_params"


def test_conference_limits(sandbox: Sandbox, client: Any, raw: Raw, account: Dict[str, Any]) -> None:
    nine = ",".join(f"+659123456{i}" for i in range(9))
    assert raw.status("voice/conference", dest=nine) == "error_dest_too_many"
    assert raw.status("conference/call", dest=nine) == "error_dest_too_many"
    assert raw.status("conference/call", dest=A, room="bad room!") == "error_invalid_room"
    assert raw.status("conference/call", dest=A, room="r" * 33) == "error_invalid_room"
    sandbox.set_account(account["app_id"], points="1000")
    sandbox.script(A, talk_seconds=3600, app_id=account["app_id"])
    first = client.conference.call(*[f"+659123450{i}" for i in range(5)], room="big.room_1")
    assert first.is_success()
    assert client.conference.call(*[f"+659123451{i}" for i in range(4)], room="big.room_1").status == "error_dest_too_many"
    assert client.conference.call(*[f"+659123451{i}" for i in range(3)], room="big.room_1").is_success()
    # eight calls are up: a ninth call of any kind is refused
    assert client.voice.call(A, B).status == "error_concurrent_call_limit_reached"
    assert client.ivr.dial(A).status == "error_concurrent_call_limit_reached"
    for ref in first.txn_refs:
        client.voice.hangup(ref)
    assert client.voice.call(A, B).is_success()


def test_rate_and_talktime(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    rate = client.voice.rate(A, "+16505550000")
    assert rate.json["rate"] == "0.038" and rate.talktime == 54650 // 38
    assert client.voice.rate(A, "+999123456789").status == "error_dest2_not_supported"
    sandbox.drain(app_id=account["app_id"])
    assert client.voice.rate(A, B).talktime == 0


def test_history_lists_every_kind_of_call(sandbox: Sandbox, client: Any) -> None:
    client.voice.call(A, B)
    client.voice.conference(A, B)
    client.ivr.dial(A)
    sandbox.advance(300)
    history = client.voice.history()
    assert history.total_entries_count == 4
    assert [e.dest1 for e in history.entries] == [A, A, B, A]
    assert all(e.duration is not None for e in history.entries)


def test_the_concurrent_call_limit_is_answered_as_hoiio_did_and_logged_with_a_hint(
    sandbox: Sandbox, client: Any, account: Dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    """A long-running sandbox's calls go on billing in real time: the ninth call answers
    error_concurrent_call_limit_reached (the body as ever: the status alone), and the sandbox's
    log says what to do."""
    caplog.set_level(logging.WARNING, logger="hoiio.sandbox")
    for i in range(8):
        assert client.voice.call("+6511111111", f"+659876540{i}").is_success()
    assert caplog.records == []
    res = client.voice.call("+6511111111", "+6598765409")
    assert res.json == {"status": "error_concurrent_call_limit_reached"}
    [record] = caplog.records
    assert record.levelno == logging.WARNING and record.getMessage() == (
        f"voice/call answered error_concurrent_call_limit_reached (account {account['app_id']}); hint: 8 calls and faxes are in "
        "progress: they end by themselves (`hoiio sandbox advance 120` moves the clock on), or `hoiio sandbox reset`"
    )
    sandbox.advance(120)
    assert client.voice.call("+6511111111", "+6598765409").is_success()
