"""IVR: the start -> middle* -> end rule, each block's notification, scripted callers (keys,
recordings, hanging up), hold/unhold, transfers (answered, failed with continue, rooms), incoming
calls, and the session errors."""

from __future__ import annotations

from typing import Any, Dict, List

import requests
from hoiio.flow import IvrSession, Msg

from .conftest import Raw, Receiver, Sandbox, balance

A, B = "+6591234567", "+6598765432"


def notes(receiver: Receiver, path: str, count: int) -> List[Any]:
    return [r.note for r in receiver.wait_for(count, path=path)]


def test_dial_gather_transfer_flow(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    url = receiver.url("/flow")
    dial = client.ivr.dial(A, msg=Msg.text("Hello from the sandbox"), tag="d", notify_url=url)
    assert dial.session.startswith("S-") and dial.txn_ref.startswith("AA-C-")
    assert client.ivr.play(dial.session, "too early").status == "error_session_not_ready"
    sandbox.advance(5 + 3)
    dialled = notes(receiver, "/flow", 1)[0]
    assert (type(dialled).__name__, dialled.dial_status, dialled.call_state, dialled.dest, dialled.tag) == ("DialNotification", "answered", "ongoing", A, "d")

    sandbox.press("42#9", session=dial.session)
    assert client.ivr.gather(dial.session, msg="Your code?", max_digits=4, tag="g", notify_url=url).is_success()
    assert client.ivr.play(dial.session, "busy gathering").status == "error_session_not_ready"
    sandbox.advance(5)
    gathered = notes(receiver, "/flow", 2)[1]
    assert (gathered.digits, gathered.tag, gathered.session) == ("42", "g", dial.session)

    assert client.ivr.transfer(dial.session, B, msg="Connecting", notify_url=url).is_success()
    assert client.ivr.play(dial.session, "after the end").status == "error_session_ended"
    sandbox.advance(3 + 5 + 65)
    ended = notes(receiver, "/flow", 3)[2]
    assert type(ended).__name__ == "TransferNotification"
    assert (ended.transfer_status, ended.call_state, ended.duration) == ("answered", "ended", 2)
    assert ended.debit == 0.08 and ended.rate == 0.04  # the caller's leg plus the transferred leg
    status = client.voice.status(dial.txn_ref)
    assert (status.dest1, status.dest2, status.call_status_dest2, status.duration) == (A, B, "answered", 2)
    assert balance(sandbox, account)["balance"] == "54.570"
    assert all(r.verify(account["access_token"]) for r in receiver.at("/flow"))


def test_gather_without_keys_times_out_with_no_digits(sandbox: Sandbox, client: Any, receiver: Receiver) -> None:
    dial = client.ivr.dial(A, notify_url=receiver.url("/quiet"))
    sandbox.advance(5)
    client.ivr.gather(dial.session, timeout=10, attempts=2, notify_url=receiver.url("/quiet"))
    sandbox.advance(10)
    assert len(receiver.at("/quiet")) == 1
    sandbox.advance(10)
    assert notes(receiver, "/quiet", 2)[1].digits == ""


def test_record_play_monitor_and_hangup(sandbox: Sandbox, client: Any, receiver: Receiver, account: Dict[str, Any]) -> None:
    url, mon = receiver.url("/rec"), receiver.url("/monitor")
    dial = client.ivr.dial(A, notify_url=url)
    sandbox.advance(5)
    client.ivr.monitor(dial.session, notify_url=url, monitor_notify_url=mon)
    sandbox.advance(1)
    assert client.ivr.monitor(dial.session, notify_url=url).status == "error_monitor_in_progress"
    sandbox.script_record(seconds=7, session=dial.session)
    client.ivr.record(dial.session, msg="After the tone", notify_url=url)
    sandbox.advance(3 + 7)
    assert len(receiver.at("/rec")) == 2
    sandbox.advance(1)
    recorded = notes(receiver, "/rec", 3)[2]
    assert type(recorded).__name__ == "RecordNotification"
    assert requests.get(recorded.record_url, timeout=5).headers["Content-Type"] == "audio/mpeg"
    client.ivr.play(dial.session, Msg.url(recorded.record_url), notify_url=url)
    sandbox.advance(3)
    client.ivr.hangup(dial.session, msg="Bye", notify_url=url)
    assert client.ivr.hangup(dial.session).status == "error_session_ended"
    sandbox.advance(3)
    hung = notes(receiver, "/rec", 5)[4]
    assert (type(hung).__name__, hung.call_state, hung.duration) == ("HangupNotification", "ended", 1)
    monitored = notes(receiver, "/monitor", 1)[0]
    assert monitored.monitor_url and monitored.call_state == "ended"


def test_hold_and_unhold(sandbox: Sandbox, client: Any, receiver: Receiver) -> None:
    dial = client.ivr.dial(A, notify_url=receiver.url("/hold"))
    sandbox.advance(5)
    assert client.ivr.unhold(dial.session).status == "error_session_not_on_hold"
    assert client.ivr.hold(dial.session, msg="Please hold").is_success()
    assert client.ivr.play(dial.session, "nope").status == "error_session_not_ready"
    assert client.ivr.transfer(dial.session, B).status == "error_session_not_ready"
    assert client.ivr.unhold(dial.session, notify_url=receiver.url("/hold")).is_success()
    assert type(notes(receiver, "/hold", 2)[1]).__name__ == "UnholdNotification"
    assert client.ivr.play(dial.session, "welcome back").is_success()


def test_transfer_failure_with_continue_then_voicemail(sandbox: Sandbox, client: Any, receiver: Receiver) -> None:
    url = receiver.url("/busy")
    dial = client.ivr.dial(A, notify_url=url)
    sandbox.advance(5)
    client.ivr.transfer(dial.session, "+6598760001", on_failure="continue", notify_url=url)
    assert client.ivr.play(dial.session, "wait").status == "error_session_not_ready"
    sandbox.advance(5)
    failed = notes(receiver, "/busy", 2)[1]
    assert (failed.transfer_status, failed.call_state) == ("busy", "ongoing")
    sandbox.script_record(seconds=5, hangup=True, session=dial.session)
    client.ivr.record(dial.session, msg="Leave a message", notify_url=url)
    sandbox.advance(10)
    voicemail = notes(receiver, "/busy", 3)[2]
    assert (voicemail.call_state, bool(voicemail.record_url)) == ("ended", True)
    assert client.ivr.play(dial.session, "gone").status == "error_session_ended"


def test_transfer_failure_hangs_up_by_default(sandbox: Sandbox, client: Any, receiver: Receiver) -> None:
    dial = client.ivr.dial(A, notify_url=receiver.url("/fail"))
    sandbox.advance(5)
    client.ivr.transfer(dial.session, "+6598760002", notify_url=receiver.url("/fail"))
    sandbox.advance(5)
    ended = notes(receiver, "/fail", 2)[1]
    assert (ended.transfer_status, ended.call_state) == ("unanswered", "ended")


def test_transfer_to_a_conference_room(sandbox: Sandbox, client: Any, receiver: Receiver) -> None:
    dial = client.ivr.dial(A, notify_url=receiver.url("/room"))
    sandbox.advance(5)
    res = client.ivr.transfer(dial.session, "room:", notify_url=receiver.url("/room"))
    assert res.room.startswith("R")
    sandbox.advance(5)
    conf = client.conference.call(B, room=res.room)
    assert conf.is_success()
    sandbox.advance(100)
    ended = notes(receiver, "/room", 2)[1]
    assert (ended.transfer_status, ended.room) == ("answered", res.room)


def test_dial_outcomes(sandbox: Sandbox, client: Any, receiver: Receiver) -> None:
    busy = client.ivr.dial("+6591230001", notify_url=receiver.url("/dial-busy"))
    sandbox.advance(5)
    note = notes(receiver, "/dial-busy", 1)[0]
    assert (note.dial_status, note.call_state, note.debit) == ("busy", "ended", 0.0)
    assert client.ivr.play(busy.session, "hello?").status == "error_session_ended"
    silent = client.ivr.dial(A, msg="No notify_url: hang up after this")
    sandbox.advance(10)
    status = client.voice.status(silent.txn_ref)
    assert (status.call_status_dest1, status.duration) == ("answered", 1)


def test_incoming_call_answered_by_a_block(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    number = client.number.available_numbers("SG").entries[0].number
    client.number.subscribe(number, "1")
    client.number.configure(number, forward_to=receiver.url("/answer"))
    call = sandbox.incoming_call(number, "+6597776666", app_id=account["app_id"])
    ringing = notes(receiver, "/answer", 1)[0]
    assert type(ringing).__name__ == "IncomingCallNotification"
    assert (ringing.session, ringing.from_, ringing.to, ringing.call_state) == (call["session"], "+6597776666", number, "ringing")
    session = IvrSession.from_notification(client, ringing)
    session.play(msg="Thanks for calling", notify_url=receiver.url("/answer"))
    sandbox.advance(3)
    sandbox.caller_hangup(call["session"])
    ended = notes(receiver, "/answer", 3)[2]
    assert (ended.call_state, ended.from_, ended.duration) == ("ended", "+6597776666", 1)
    assert ended.rate == 0.01  # the incoming rate of a Singapore number
    assert client.voice.status(call["txn_ref"]).number == number


def test_unanswered_incoming_call_gives_up(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    number = client.number.available_numbers("SG").entries[0].number
    client.number.subscribe(number, "1")
    client.number.configure(number, forward_to=receiver.url("/ignored"))
    call = sandbox.incoming_call(number, "+6597776666", app_id=account["app_id"])
    sandbox.advance(30)
    assert client.voice.status(call["txn_ref"]).call_status_dest1 == "unanswered"
    assert client.ivr.play(call["session"], "too late").status == "error_session_ended"


def test_session_errors(sandbox: Sandbox, client: Any, make_client: Any, raw: Raw) -> None:
    dial = client.ivr.dial(A)
    other = make_client(sandbox.create_account())
    assert other.ivr.play(dial.session, "hi").status == "error_session_access_denied"
    assert client.ivr.play("S-999999", "hi").status == "error_invalid_session"
    assert raw.status("ivr/middle/play", msg="hi") == "error_session_param_missing"
    assert raw.status("ivr/middle/gather", session=dial.session) == "error_notify_url_param_missing"
    assert raw.status("ivr/middle/gather", session=dial.session, notify_url="http://x.test/", max_digits="256") == "error_invalid_max_digits"
    assert raw.status("ivr/middle/gather", session=dial.session, notify_url="http://x.test/", timeout="0") == "error_invalid_timeout"
    assert raw.status("ivr/middle/gather", session=dial.session, notify_url="http://x.test/", attempts="-1") == "error_invalid_attempts"
    assert raw.status("ivr/end/transfer", session=dial.session, dest="room:bad room") == "error_invalid_room"
    assert raw.status("ivr/end/transfer", session=dial.session, dest=B, on_failure="retry") == "error_on_failure_invalid"
    assert raw.status("ivr/end/hangup", session=dial.session, force="enabled", msg="bye") == "error_malformed_params"
    assert raw.status("ivr/start/dial", dest=A, msg="<speech>unclosed") == "error_msg_invalid_xml"
    assert raw.status("ivr/start/dial", dest=A, msg="x" * 1001) == "error_msg_too_big"
    assert raw.status("ivr/start/dial", dest=A, msg='<speech language="zh-HK">ok</speech><url>https://a.test/x.mp3</url>') == "success_ok"
    assert raw.status("ivr/end/hangup", session=dial.session, force="enabled") == "success_ok"
    assert client.ivr.play(dial.session, "gone").status == "error_session_ended"
