"""A tour of the SDK against the local sandbox: `make demo` (or `python examples/demo.py`).

It starts the sandbox in this process (on a free port, with its clock frozen so that the story
is the same every time), and a small receiver for the notifications; sends an SMS, makes a
call, runs an IVR flow with a gather, sends a fax, subscribes a number and takes a call on it,
prints what happened at each step, and stops both.
"""

from __future__ import annotations

import sys
from typing import Any

try:
    from hoiio.flow import Msg
    from hoiio.sandbox import Sandbox
    from hoiio.sandbox.receiver import Receiver
except ImportError as exc:  # pragma: no cover - run before `make setup`
    sys.exit(f"{exc}: run `make setup` first (it installs hoiio with the sandbox extra)")

CUSTOMER = "+6591234567"
AGENT = "+6598765432"
FAX_MACHINE = "+6562345678"

#: A one-page PDF, small enough to write out here.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def say(text: str = "", indent: int = 0) -> None:
    print("   " * indent + text, flush=True)


def heard(receiver: Receiver, path: str, count: int, token: str) -> Any:
    """The latest notification at ``path`` once ``count`` arrived, its signature checked."""
    got = receiver.wait_for(count, path=path)[-1]
    ok = "signature verified" if got.verify(token) else "SIGNATURE DOES NOT MATCH"
    note = got.note
    say(f"<- notification {type(note).__name__} at {path} ({ok})", 1)
    return note


def money(value: float, currency: str) -> str:
    return f"{value:.3f} {currency}"


def main() -> int:
    with Sandbox(freeze=True) as sandbox, Receiver() as receiver:
        client = sandbox.client()
        token = str(sandbox.access_token)
        say("Hoiio sandbox demo")
        say(f"sandbox: {sandbox.base_url} (app_id {sandbox.app_id}); notifications go to {receiver.url()}", 1)

        bal = client.account.balance()
        say()
        say(f"1. Account: {money(bal.balance, bal.currency)} ({bal.points:.3f} points + {bal.bonus:.3f} bonus, bonus is spent first)")

        say()
        say("2. SMS")
        sms = client.sms.send("Hello from the Hoiio sandbox!", CUSTOMER, tag="demo", notify_url=receiver.url("/sms"))
        status = client.sms.status(sms.txn_ref)
        say(f"-> sms.send to {CUSTOMER}: {sms.txn_ref}, {status.sms_status}, {status.split_count} part at {status.rate:.3f}", 1)
        sandbox.advance(5)
        note = heard(receiver, "/sms", 1, token)
        say(f"5 s later: {note.sms_status} (charged {note.debit:.3f} {note.currency})", 1)

        say()
        say("3. Call back")
        call = client.voice.call(CUSTOMER, AGENT, notify_url=receiver.url("/call"))
        say(f"-> voice.call {CUSTOMER} then {AGENT}: {call.txn_ref}, {client.voice.status(call.txn_ref).call_status_dest1}", 1)
        sandbox.advance(10 + 65)
        note = heard(receiver, "/call", 1, token)
        say(f"both answered, talked {note.duration} min at {note.rate:.3f}/min: {note.debit:.3f} {note.currency}", 1)

        say()
        say("4. IVR: dial, gather, transfer")
        hook = receiver.url("/ivr")
        dial = client.ivr.dial(CUSTOMER, msg=Msg.text("Hello! This is the sandbox calling."), notify_url=hook)
        say(f"-> ivr.dial {CUSTOMER}: session {dial.session}", 1)
        sandbox.advance(8)
        note = heard(receiver, "/ivr", 1, token)
        say(f"dial_status={note.dial_status}; ask for a choice", 1)
        sandbox.press("2#", session=dial.session)  # what the caller will press
        client.ivr.gather(dial.session, msg=Msg.text("Press 1 for sales, 2 for support."), max_digits=1, notify_url=hook)
        sandbox.advance(5)
        note = heard(receiver, "/ivr", 2, token)
        say(f"the caller pressed {note.digits!r}: transfer to support at {AGENT}", 1)
        client.ivr.transfer(dial.session, AGENT, msg=Msg.text("Connecting you to support."), notify_url=hook)
        sandbox.advance(3 + 5 + 65)
        note = heard(receiver, "/ivr", 3, token)
        say(f"transfer_status={note.transfer_status}, call {note.call_state} after {note.duration} min: {note.debit:.3f} {note.currency}", 1)

        say()
        say("5. Fax")
        fax = client.fax.send(FAX_MACHINE, PDF, filename="hello.pdf", notify_url=receiver.url("/fax"))
        say(f"-> fax.send to {FAX_MACHINE}: {fax.txn_ref}", 1)
        sandbox.advance(5 + 30)
        note = heard(receiver, "/fax", 1, token)
        say(f"{note.fax_status}, {note.fax_pages} page, {note.debit:.3f} {note.currency}; the PDF is at {note.fax_url}", 1)

        say()
        say("6. A Hoiio Number")
        choice = client.number.available_numbers("SG")
        number = choice.entries[0].number
        sub = client.number.subscribe(number, "1")
        say(f"-> {choice.total_entries_count} Singapore numbers for sale; subscribed {number} until {sub.expiry} for {sub.debit:.3f} {sub.currency}", 1)
        client.number.configure(number, forward_to=receiver.url("/incoming"))
        incoming = sandbox.incoming_call(number, "+6597776666")
        note = heard(receiver, "/incoming", 1, token)
        say(f"an incoming call from {note.from_} to {note.to} is {note.call_state}: answer it with a block", 1)
        client.ivr.hangup(incoming["session"], msg=Msg.text("Sorry, we are closed."), notify_url=receiver.url("/incoming"))
        sandbox.advance(3)
        note = heard(receiver, "/incoming", 2, token)
        say(f"hung up after the message: call {note.call_state}", 1)

        say()
        bal = client.account.balance()
        sent = sandbox.notifications()
        say(f"7. Balance now {money(bal.balance, bal.currency)}; {len(sent)} notifications sent, "
            f"{sum(n['state'] == 'delivered' for n in sent)} delivered, all signed with the access token")  # fmt: skip
        say()
        say("Done; the sandbox is stopped. Run your own: `make sandbox`, then point HOIIO_BASE_URL at it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
