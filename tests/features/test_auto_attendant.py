"""examples/auto_attendant.py against the sandbox: a caller rings the subscribed number, the
sandbox posts the incoming call to the app (the number's forwarding), the app answers with a
gather, and the keys the sandbox presses decide where the call goes.

The app runs on a free loopback port in a thread, exactly as `main()` serves it (werkzeug, the
hoiio.notifications.wsgi_app checking each signature with the access token). The sandbox's clock
is frozen: each `advance` moves the call on by the sandbox's timings (docs/sandbox.md "Time").
"""

from __future__ import annotations

from types import ModuleType, SimpleNamespace
from typing import Any, Dict, Iterator, List, Optional

import pytest
import requests
from hoiio import notifications
from hoiio.sandbox.server import Sandbox
from support import examples

SALES = "+6561110101"
SUPPORT = "+6561110202"
CALLER = "+6591234567"

# Sandbox seconds (generated/hoiio/sandbox/data/behaviour.json "timing").
MSG = 3  # an IVR msg plays
KEYS = 2  # after the prompt, the scripted keys arrive
RING = 5  # a transfer rings before it is answered (or not)
TALK = 65  # an answered call talks
PROCESSING = 1  # a recording is processed before its notification
RECORDING = 4  # how long the scripted voicemail lasts


@pytest.fixture(scope="module")
def example() -> Iterator[ModuleType]:
    with examples.example("auto_attendant") as module:
        yield module


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture
def office(sandbox: Sandbox, example: ModuleType) -> Iterator[SimpleNamespace]:
    """A fresh account with a subscribed number whose forwarding points to the running app."""
    with examples.attendant_office(sandbox, example, SALES, SUPPORT) as office:
        yield office


def ring(sandbox: Sandbox, office: SimpleNamespace) -> str:
    """A caller rings the number; returns the session once the app has answered it."""
    session: str = sandbox.incoming_call(office.number, CALLER, app_id=office.app_id)["session"]
    sandbox.wait_for_notifications()  # the app got the call and sent its gather
    return session


def sent(sandbox: Sandbox, office: SimpleNamespace) -> List[Dict[str, Any]]:
    return sandbox.notifications(app_id=office.app_id)


def call_record(sandbox: Sandbox, office: SimpleNamespace) -> Dict[str, Any]:
    (txn,) = sandbox.transactions(kind="call", app_id=office.app_id)
    return txn


def session_state(sandbox: Sandbox, office: SimpleNamespace, session: str) -> Dict[str, Any]:
    (found,) = [s for s in sandbox.sessions(app_id=office.app_id) if s["id"] == session]
    return found


def assert_every_notification_was_accepted(notes: List[Dict[str, Any]], office: SimpleNamespace) -> None:
    """The app answered 200 to each: it verified each X-Hoiio-Signature with the access token."""
    assert notes and all(n["url"] == office.url for n in notes)
    assert [(n["state"], n["http_status"]) for n in notes] == [("delivered", 200)] * len(notes)


def test_the_number_answers_with_the_menu(sandbox: Sandbox, office: SimpleNamespace) -> None:
    session = ring(sandbox, office)
    (incoming,) = sent(sandbox, office)
    assert incoming["kind"] == "call_incoming"
    assert incoming["fields"]["from"] == CALLER and incoming["fields"]["to"] == office.number
    s = session_state(sandbox, office, session)
    assert s["block"] == "gather" and s["state"] == "running" and s["gather"]["max_digits"] == 1
    assert call_record(sandbox, office)["call_status_dest1"] == "answered"  # gathering answered the call


@pytest.mark.parametrize("digits, department", [("1", SALES), ("2", SUPPORT)])
def test_a_digit_transfers_the_caller_to_its_department(sandbox: Sandbox, office: SimpleNamespace, digits: str, department: str) -> None:
    session = ring(sandbox, office)
    sandbox.press(digits, session=session)
    sandbox.advance(MSG + KEYS)  # the menu plays, the key arrives; the app transfers
    assert session_state(sandbox, office, session)["transfer"]["dest"] == department

    sandbox.advance(MSG + RING)  # "Connecting you now.", then the department answers
    txn = call_record(sandbox, office)
    assert txn["dest2"] == department and txn["call_status_dest2"] == "answered"
    assert session_state(sandbox, office, session)["state"] == "ended"  # the caller is with the department

    sandbox.advance(TALK)  # they talk, hang up; the call is billed
    notes = sent(sandbox, office)
    assert [n["kind"] for n in notes] == ["call_incoming", "ivr_gather", "ivr_transfer"]
    assert notes[1]["fields"]["digits"] == digits
    end = notes[2]["fields"]
    assert end["transfer_status"] == "answered" and end["call_state"] == "ended" and float(end["debit"]) > 0
    assert_every_notification_was_accepted(notes, office)
    assert office.attendant.voicemails == []


@pytest.mark.parametrize("digits", [None, "7"], ids=["no digit", "another digit"])
def test_otherwise_the_caller_leaves_a_voicemail_and_the_app_hangs_up(sandbox: Sandbox, office: SimpleNamespace, digits: Optional[str],
                                                                       example: ModuleType) -> None:  # fmt: skip
    session = ring(sandbox, office)
    if digits is not None:
        sandbox.press(digits, session=session)
    sandbox.script_record(seconds=RECORDING, session=session)
    sandbox.advance(MSG + example.MENU_TIMEOUT)  # the menu plays, nothing useful is pressed; the app records
    assert session_state(sandbox, office, session)["block"] == "record"

    sandbox.advance(MSG + RECORDING + PROCESSING)  # the caller speaks; the app keeps the recording and says goodbye
    assert session_state(sandbox, office, session)["block"] == "hangup"
    sandbox.advance(MSG)  # "Goodbye", then the app hangs up

    notes = sent(sandbox, office)
    assert [n["kind"] for n in notes] == ["call_incoming", "ivr_gather", "ivr_record", "ivr_hangup"]
    assert notes[1]["fields"]["digits"] == (digits or "")
    record_url = notes[2]["fields"]["record_url"]
    assert notes[3]["fields"]["call_state"] == "ended"
    assert_every_notification_was_accepted(notes, office)
    assert session_state(sandbox, office, session)["state"] == "ended"
    txn = call_record(sandbox, office)
    assert "dest2" not in txn and txn["state"] == "done"  # transferred nowhere

    (voicemail,) = office.attendant.voicemails
    assert (voicemail.caller, voicemail.number, voicemail.record_url, voicemail.session) == (CALLER, office.number, record_url, session)
    audio = requests.get(record_url, timeout=5)
    assert audio.status_code == 200 and audio.headers["Content-Type"] == "audio/mpeg"


def test_a_transfer_nobody_answers_ends_in_voicemail_too(sandbox: Sandbox, office: SimpleNamespace) -> None:
    sandbox.script(SALES, call="busy", app_id=office.app_id)
    session = ring(sandbox, office)
    sandbox.press("1", session=session)
    sandbox.script_record(seconds=RECORDING, session=session)
    sandbox.advance(MSG + KEYS)  # the app transfers to sales...
    sandbox.advance(MSG + RING)  # ...which is busy: on_failure=continue gives the call back to the app
    assert call_record(sandbox, office)["call_status_dest2"] == "busy"
    sandbox.advance(MSG + RECORDING + PROCESSING)
    sandbox.advance(MSG)

    notes = sent(sandbox, office)
    assert [n["kind"] for n in notes] == ["call_incoming", "ivr_gather", "ivr_transfer", "ivr_record", "ivr_hangup"]
    assert notes[2]["fields"]["transfer_status"] == "busy" and notes[2]["fields"]["call_state"] == "ongoing"
    assert_every_notification_was_accepted(notes, office)
    assert len(office.attendant.voicemails) == 1 and office.attendant.voicemails[0].session == session


def test_a_caller_who_hangs_up_after_the_message_still_leaves_it(sandbox: Sandbox, office: SimpleNamespace, example: ModuleType) -> None:
    session = ring(sandbox, office)
    sandbox.script_record(seconds=RECORDING, hangup=True, session=session)
    sandbox.advance(MSG + example.MENU_TIMEOUT)
    sandbox.advance(MSG + RECORDING + PROCESSING)  # the message is recorded and the caller hangs up: nothing left to hang up

    notes = sent(sandbox, office)
    assert [n["kind"] for n in notes] == ["call_incoming", "ivr_gather", "ivr_record"]
    assert notes[2]["fields"]["call_state"] == "ended"
    assert_every_notification_was_accepted(notes, office)
    assert [v.record_url for v in office.attendant.voicemails] == [notes[2]["fields"]["record_url"]]
    assert session_state(sandbox, office, session)["block"] == "record"  # the app sent no hangup


def test_the_app_refuses_notifications_not_signed_with_its_access_token(sandbox: Sandbox, office: SimpleNamespace) -> None:
    body = f"ivr_block=answer&call_state=ringing&session=S-999&txn_ref=AA-C-1&from=%2B6599999999&to={office.number.replace('+', '%2B')}"
    http = requests.Session()
    http.trust_env = False
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    forged = http.post(office.url, data=body, headers={**headers, "X-Hoiio-Signature": notifications.sign(body, "not-the-token")}, timeout=5)
    unsigned = http.post(office.url, data=body, headers=headers, timeout=5)
    nonsense = http.post(office.url, data="colour=blue", headers={**headers, "X-Hoiio-Signature": notifications.sign("colour=blue", office.token)},
                         timeout=5)  # fmt: skip
    assert (forged.status_code, unsigned.status_code, nonsense.status_code) == (403, 403, 400)
    assert sandbox.sessions(app_id=office.app_id) == []  # the app sent no block for any of them
