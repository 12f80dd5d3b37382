"""hoiio.flow: the IVR session keeps start -> middle* -> end before anything is sent; Msg markup."""

from __future__ import annotations

import json
from typing import Any, List

import hoiio
import pytest
from hoiio.flow import IvrFlowError, IvrSession, Msg
from support.fakes import FakeSession, make_response


def _client(statuses: List[str]) -> Any:
    answers = iter(statuses)
    fake = FakeSession(lambda **kw: make_response(json.dumps({"status": next(answers), "session": "S-7", "txn_ref": "AA-D-1"}).encode()))
    client = hoiio.Client("APP", "TOKEN", session=fake, max_retries=0)
    return client, fake


def test_a_flow_from_dial_to_transfer_then_nothing_more() -> None:
    client, fake = _client(["success_ok"] * 5)
    call = IvrSession.dial(client, "+6511111111", notify_url="https://app.example/ivr")
    assert call.id == "S-7" and call.state == "active"
    call.gather(msg="Press 1", max_digits=1, notify_url="https://app.example/ivr")
    call.hold(msg="Please wait")
    assert call.state == "on_hold"
    with pytest.raises(IvrFlowError, match="on hold"):
        call.play(msg="hello")
    call.unhold()
    call.transfer("room:R1")
    assert call.state == "ended" and call.ended_by == "after transfer"
    with pytest.raises(IvrFlowError, match="has ended"):
        call.hangup()
    paths = [c["url"].rsplit("/open/", 1)[1] for c in fake.calls]
    assert paths == ["ivr/start/dial", "ivr/middle/gather", "ivr/middle/hold", "ivr/middle/unhold", "ivr/end/transfer"]
    assert all(c["data"].get("session") == "S-7" for c in fake.calls[1:])


def test_unhold_without_hold_and_start_blocks_on_a_session_are_refused_without_sending() -> None:
    client, fake = _client([])
    call = IvrSession(client, "S-1")
    with pytest.raises(IvrFlowError, match="not on hold"):
        call.unhold()
    with pytest.raises(AttributeError, match="no block 'sing'"):
        _ = call.sing
    assert fake.calls == []


def test_transfer_with_on_failure_continue_keeps_the_session_and_a_failed_block_changes_nothing() -> None:
    client, _fake = _client(["success_ok", "error_session_not_ready", "error_session_ended"])
    call = IvrSession(client, "S-1")
    call.transfer("+6522222222", on_failure="continue")
    assert call.state == "active"
    with pytest.raises(hoiio.SessionStateError) as info:
        call.play(msg="hi")
    assert info.value.status == "error_session_not_ready" and info.value.retryable and call.state == "active"
    assert call.last is info.value.response
    with pytest.raises(hoiio.SessionStateError, match="error_session_ended"):
        call.play(msg="hi")
    assert call.state == "ended"


def test_a_client_that_returns_errors_gets_them_back_from_the_session_too() -> None:
    client, _fake = _client(["error_session_not_ready", "error_session_ended"])
    client.raise_on_error = False
    call = IvrSession(client, "S-1")
    res = call.play(msg="hi")
    assert res.status == "error_session_not_ready" and call.state == "active"
    call.play(msg="hi")
    assert call.state == "ended"


def test_from_notification() -> None:
    from hoiio import notifications

    client, _ = _client([])
    ringing = notifications.parse(b"session=S-3&call_state=ringing&from=%2B6511111111&to=%2B6522222222")
    assert IvrSession.from_notification(client, ringing).state == "active"
    ended = notifications.parse(b"session=S-3&call_state=ended&digits=1")
    assert IvrSession.from_notification(client, ended).state == "ended"
    with pytest.raises(IvrFlowError):
        IvrSession.from_notification(client, notifications.parse(b"txn_ref=A&sms_status=queued"))


def test_msg_markup_is_escaped_joined_and_limited() -> None:
    msg = Msg.text("Press 1 <now> & then #") + Msg.speech("請稍等", language="zh-HK", gender="female") + Msg.url("https://x.example/a.mp3")
    assert msg == 'Press 1 &lt;now&gt; &amp; then #<speech language="zh-HK" gender="female">請稍等</speech><url>https://x.example/a.mp3</url>'
    assert isinstance(msg, str) and isinstance(msg, Msg)
    assert "a" + Msg.text("<b>") == "a&lt;b&gt;"
    with pytest.raises(hoiio.ValidationError, match="at most 1000"):
        Msg.text("x" * 600) + Msg.text("y" * 401)
    with pytest.raises(hoiio.ValidationError) as info:
        Msg.url("ftp://x.example/a.ogg")
    assert len(info.value.problems) == 2
    with pytest.raises(hoiio.ValidationError, match="gender"):
        Msg.speech("hi", gender="robot")
