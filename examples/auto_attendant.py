"""An auto-attendant on a Hoiio Number: a small web app (plain WSGI) that answers the number's calls.

    caller dials your Hoiio Number   -> Hoiio POSTs the incoming call to the number's forward_to (this app)
    app: gather "Press 1 for sales, 2 for support, or stay on the line to leave a message"
    caller presses 1 / 2             -> app: transfer to the sales / support number
    caller presses nothing or other  -> app: record a voicemail
    (a transfer nobody answers)      -> app: record a voicemail
    the recording is ready           -> app: keep it, say goodbye and hang up

Every notification's X-Hoiio-Signature is checked with the access token; a forged one is
answered 403 and ignored.

Try it against the local sandbox, with three terminals:

    make sandbox            # 1: the sandbox; prints HOIIO_BASE_URL, HOIIO_APP_ID, HOIIO_ACCESS_TOKEN

    export HOIIO_BASE_URL=http://127.0.0.1:8765/open/ HOIIO_APP_ID=AP-SANDBOX HOIIO_ACCESS_TOKEN=sandbox-access-token
    .venv/bin/python examples/auto_attendant.py --subscribe --sales +6561110101 --support +6561110202
                            # 2: subscribes a number (--number NUMBER to use one you have), points its
                            #    forwarding here and serves on port 8080; prints the number

    export HOIIO_BASE_URL=http://127.0.0.1:8765/open/
    .venv/bin/hoiio sandbox incoming-call --to NUMBER --from +6591234567   # 3: someone calls...
    .venv/bin/hoiio sandbox press 2         # ...and will press 2 at the menu
    .venv/bin/hoiio sandbox advance 5       # the menu plays and the keys arrive: transferred to support
    .venv/bin/hoiio sandbox notifications   # what the sandbox sent to the app

Settings (an option, else the environment variable):

    --base-url       HOIIO_BASE_URL        the Hoiio API (default: the real one)
    --app-id         HOIIO_APP_ID          your application
    --access-token   HOIIO_ACCESS_TOKEN    its access token (also checks the notifications' signatures)
    --number         ATTENDANT_NUMBER      the Hoiio Number to answer (or --subscribe: buy one; costs money)
    --sales          ATTENDANT_SALES       where "1" goes
    --support        ATTENDANT_SUPPORT     where "2" goes
    --host, --port   ATTENDANT_HOST, ATTENDANT_PORT   where to listen (default 127.0.0.1:8080)
    --public-url     ATTENDANT_PUBLIC_URL  the URL Hoiio reaches this app at (default http://HOST:PORT/)
    --no-configure                         leave the number's forwarding as it is
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

try:
    import hoiio
    from hoiio import notifications
    from hoiio.flow import IvrSession, Msg
    from werkzeug.serving import BaseWSGIServer, make_server
except ImportError as exc:  # pragma: no cover - run before `make setup`
    sys.exit(f"{exc}: run `make setup` first (it installs hoiio with werkzeug)")

log = logging.getLogger("auto_attendant")

MENU = Msg.text("Thank you for calling. Press 1 for sales, 2 for support, or stay on the line to leave a message.")
MENU_TIMEOUT = 8  # seconds the caller has to press a key
VOICEMAIL = Msg.text("Please leave a message after the tone, and press hash when you are done.")
NOBODY = Msg.text("Sorry, nobody can take your call right now.")
GOODBYE = Msg.text("Thank you for your message. Goodbye.")
MAX_MESSAGE_SECONDS = 120


@dataclass
class Voicemail:
    caller: Optional[str]
    number: Optional[str]
    record_url: str
    session: Optional[str]


@dataclass
class AutoAttendant:
    """Answers the calls of a Hoiio Number: ``handle`` takes each notification Hoiio posts to
    ``public_url`` and sends the next IVR block; ``wsgi()`` is the web app."""

    client: hoiio.Client
    access_token: str
    sales: str
    support: str
    public_url: str = ""
    voicemails: List[Voicemail] = field(default_factory=list)

    @property
    def departments(self) -> Dict[str, str]:
        return {"1": self.sales, "2": self.support}

    def wsgi(self) -> Callable[..., Any]:
        """The web app: every path takes notifications (signature checked, 403 if forged)."""
        return notifications.wsgi_app(self.handle, access_token=self.access_token)

    def handle(self, note: Any) -> None:
        if not isinstance(note, notifications.IvrNotification):
            log.info("ignoring %s", type(note).__name__)
            return
        call = IvrSession.from_notification(self.client, note)
        if note.call_state == "ended":  # the call is over: hung up, transferred call finished, ...
            if isinstance(note, notifications.RecordNotification) and note.record_url:
                self.keep(note)  # the caller hung up after the message
            log.info("%s: call ended (%s min, %s %s)", call.id, note.duration, note.debit, note.currency)
        elif isinstance(note, notifications.IncomingCallNotification):
            log.info("%s: call from %s to %s", call.id, note.from_, note.to)
            self.send(call.gather, msg=MENU, max_digits=1, timeout=MENU_TIMEOUT, notify_url=self.public_url)
        elif isinstance(note, notifications.GatherNotification):
            dest = self.departments.get(note.digits or "")
            if dest is None:
                log.info("%s: pressed %r: voicemail", call.id, note.digits)
                self.take_message(call)
            else:
                log.info("%s: pressed %s: transfer to %s", call.id, note.digits, dest)
                # on_failure=continue: a transfer nobody answers comes back here, for a voicemail
                self.send(call.transfer, dest, msg=Msg.text("Connecting you now."), on_failure="continue", notify_url=self.public_url)
        elif isinstance(note, notifications.TransferNotification):
            log.info("%s: transfer %s: voicemail", call.id, note.transfer_status)
            self.take_message(call, NOBODY + VOICEMAIL)
        elif isinstance(note, notifications.RecordNotification) and note.record_url:
            self.keep(note)
            self.send(call.hangup, msg=GOODBYE, notify_url=self.public_url)

    def take_message(self, call: IvrSession, msg: Msg = VOICEMAIL) -> None:
        self.send(call.record, msg=msg, max_duration=MAX_MESSAGE_SECONDS, notify_url=self.public_url)

    def keep(self, note: Any) -> None:
        self.voicemails.append(Voicemail(note.from_, note.to, note.record_url, note.session))
        log.info("%s: voicemail from %s: %s", note.session, note.from_, note.record_url)

    @staticmethod
    def send(block: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Send an IVR block; an error answer is logged, not raised out of the web handler."""
        try:
            block(*args, **kwargs)
        except hoiio.APIError as exc:  # such as error_session_ended: the caller hung up meanwhile
            log.warning("%s: Hoiio answered %s", exc.method, exc.status)


def serve(attendant: AutoAttendant, host: str = "127.0.0.1", port: int = 8080) -> BaseWSGIServer:
    """A threaded WSGI server for the app (port 0 picks a free one); sets ``public_url`` from
    the port if it is not set. Run it with ``serve_forever()``."""
    server = make_server(host, port, attendant.wsgi(), threaded=True)
    if not attendant.public_url:
        attendant.public_url = f"http://{host}:{server.port}/"
    return server


def subscribe_a_number(client: hoiio.Client, country: str = "SG") -> str:
    """Buy the first number for sale in ``country`` for a month (meant for the sandbox)."""
    number: str = client.number.available_numbers(country).entries[0].number  # errors raise
    client.number.subscribe(number, "1")
    return number


def point_forwarding_here(client: hoiio.Client, number: str, url: str) -> None:
    """Make ``number``'s incoming calls notify ``url`` (the Answer start block)."""
    client.number.configure(number, forward_to=url, mode="voice")


def main(argv: Optional[Sequence[str]] = None) -> int:
    env = os.environ.get
    p = argparse.ArgumentParser(description="An auto-attendant on a Hoiio Number (see the top of this file).")
    p.add_argument("--base-url", default=env("HOIIO_BASE_URL"), help="the Hoiio API base URL (HOIIO_BASE_URL)")
    p.add_argument("--app-id", default=env("HOIIO_APP_ID"), help="HOIIO_APP_ID")
    p.add_argument("--access-token", default=env("HOIIO_ACCESS_TOKEN"), help="HOIIO_ACCESS_TOKEN")
    p.add_argument("--number", default=env("ATTENDANT_NUMBER"), help="the Hoiio Number to answer (ATTENDANT_NUMBER)")
    p.add_argument("--subscribe", action="store_true", help="subscribe a Singapore number first (costs money on the real API)")
    p.add_argument("--sales", default=env("ATTENDANT_SALES"), help="the sales number, for 1 (ATTENDANT_SALES)")
    p.add_argument("--support", default=env("ATTENDANT_SUPPORT"), help="the support number, for 2 (ATTENDANT_SUPPORT)")
    p.add_argument("--host", default=env("ATTENDANT_HOST", "127.0.0.1"), help="address to listen on (ATTENDANT_HOST)")
    p.add_argument("--port", type=int, default=int(env("ATTENDANT_PORT", "8080")), help="port; 0 picks a free one (ATTENDANT_PORT)")
    p.add_argument("--public-url", default=env("ATTENDANT_PUBLIC_URL", ""), help="the URL Hoiio reaches this app at (ATTENDANT_PUBLIC_URL)")
    p.add_argument("--no-configure", action="store_true", help="do not change the number's forwarding")
    args = p.parse_args(argv)
    missing = [f"--{name.replace('_', '-')}" for name in ("app_id", "access_token", "sales", "support") if not getattr(args, name)]
    if not args.number and not args.subscribe:
        missing.append("--number (or --subscribe)")
    if missing:
        p.error("missing " + ", ".join(missing))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    client = hoiio.Client(args.app_id, args.access_token, base_url=args.base_url)
    attendant = AutoAttendant(client, args.access_token, args.sales, args.support, public_url=args.public_url)
    server = serve(attendant, args.host, args.port)
    number = args.number or subscribe_a_number(client)
    if not args.no_configure:
        point_forwarding_here(client, number, attendant.public_url)
    log.info("answering %s at %s (1: %s, 2: %s); Ctrl-C stops", number, attendant.public_url, args.sales, args.support)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
