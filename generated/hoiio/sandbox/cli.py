"""``hoiio sandbox``: run the sandbox, or drive a running one.

    hoiio sandbox [--host 127.0.0.1] [--port 8765] [--db PATH] [--app-id ID --access-token TOKEN]
    hoiio sandbox --tls [--ca-dir DIR]       # https on port 443, answering as secure.hoiio.com
    hoiio sandbox advance 60                 # move the clock on a minute
    hoiio sandbox incoming-sms --to +16505551101 --from +16501234567 --msg "hello"
    hoiio sandbox press 1#                   # keys for the next gather
    hoiio sandbox notifications --kind sms_delivery
    hoiio sandbox fault rate_limit --count 3

The control commands talk to --url (default: $HOIIO_SANDBOX_URL, else the server of
$HOIIO_BASE_URL, else http://127.0.0.1:8765/). Serving needs werkzeug and cheroot (pip install
'hoiio[sandbox]'); the control commands only need requests.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence

DEFAULT_PORT = 8765
TLS_PORT = 443
HOIIO_HOST = "secure.hoiio.com"
INSTALL_HINT = "the sandbox needs werkzeug and cheroot: pip install 'hoiio[sandbox]'"


def serve_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hoiio sandbox", description="Run the local Hoiio sandbox (Ctrl-C stops it).",
                                epilog="Control commands: " + ", ".join(sorted(COMMANDS)) + " (hoiio sandbox COMMAND --help).")  # fmt: skip
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help=f"port (default {DEFAULT_PORT}, or {TLS_PORT} with --tls; 0 picks a free one)")
    p.add_argument("--db", metavar="PATH", help="keep the state in this SQLite file (default: in memory, gone on exit)")
    p.add_argument("--app-id", help="the application ID it accepts (default AP-SANDBOX)")
    p.add_argument("--access-token", help="the access token it accepts (default sandbox-access-token)")
    p.add_argument("--freeze", action="store_true", help="stop the clock: only 'hoiio sandbox advance' moves it")
    p.add_argument("--allow-host", action="append", metavar="NAME", default=[],
                   help="also answer requests addressed to this name (besides IP addresses and localhost; repeatable; "
                        "also $HOIIO_SANDBOX_ALLOWED_HOSTS)")  # fmt: skip
    p.add_argument("--notify-host", action="append", metavar="HOST", default=[],
                   help="also deliver notifications to this host, *.pattern, address or network, '*' for anywhere (besides "
                        "loopback and private addresses; repeatable; also $HOIIO_SANDBOX_NOTIFY_HOSTS)")  # fmt: skip
    p.add_argument("--tls", action="store_true",
                   help=f"serve https, answering as {HOIIO_HOST} (the real API's name) with a certificate from a local CA made "
                        "once; for an unmodified app (docs/sandbox.md, 'An unmodified app')")  # fmt: skip
    p.add_argument("--ca-dir", metavar="DIR", help="where --tls keeps its CA (default: $HOIIO_SANDBOX_CA_DIR, else "
                                                   "$XDG_DATA_HOME/hoiio/sandbox-ca or ~/.local/share/hoiio/sandbox-ca)")  # fmt: skip
    p.add_argument("--verbose", "-v", action="store_true", help="log every request and notification")
    p.add_argument("--rate-limits", action="store_true", help="answer error_rate_limit_exceeded past the spec's request limits per application (docs/api.md, Limits)")
    return p


def serve(argv: Sequence[str]) -> int:
    args = serve_parser().parse_args(list(argv))
    try:
        import cheroot  # noqa: F401
        import werkzeug  # noqa: F401
    except ImportError:
        print(f"hoiio: {INSTALL_HINT}", file=sys.stderr)
        return 1
    import logging

    from .server import make_sandbox_server
    from .store import StoreError

    if args.verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    from .tls import TlsError

    port = args.port if args.port is not None else TLS_PORT if args.tls else DEFAULT_PORT
    try:
        server = make_sandbox_server(args.host, port, db=args.db, app_id=args.app_id, access_token=args.access_token,
                                     freeze=args.freeze, verbose=args.verbose, allow_hosts=args.allow_host,
                                     notify_hosts=args.notify_host, tls=args.tls, ca_dir=args.ca_dir)  # fmt: skip
    except StoreError as exc:
        print(f"hoiio: {exc}", file=sys.stderr)
        return 1
    except TlsError as exc:
        print(f"hoiio: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        hint = ""
        if port < 1024 and isinstance(exc, PermissionError):
            hint = f" (a port below 1024 needs root or CAP_NET_BIND_SERVICE; or serve on --port {TLS_PORT + 8000} and forward {port} to it, docs/sandbox.md)"
        print(f"hoiio: cannot serve on {args.host}:{port}: {exc.strerror or exc}{hint}", file=sys.stderr)
        return 1
    engine = server.engine
    engine.rate_limits = args.rate_limits
    where = f"in {args.db}" if args.db else "in memory (use --db PATH to keep it)"
    print("Hoiio sandbox running; state " + where, flush=True)
    print(f"  HOIIO_BASE_URL={engine.public_url}open/")
    if server.ca_file:
        shown = "" if server.port == TLS_PORT else f":{server.port}"
        print(f"  as the real API: https://{HOIIO_HOST}{shown}/open/  (with a hosts entry: 127.0.0.1 {HOIIO_HOST})")
        print(f"  CA certificate to trust: {server.ca_file}")
        print(f"    (SSL_CERT_FILE / REQUESTS_CA_BUNDLE / NODE_EXTRA_CA_CERTS={server.ca_file}; docs/sandbox.md)")
    print(f"  console: {engine.public_url}  (open it in a browser)")
    print(f"  HOIIO_APP_ID={engine.default_app_id}")
    print(f"  HOIIO_ACCESS_TOKEN={engine.default_access_token}")
    print(f"  control API: {engine.public_url}_sandbox/  (docs/sandbox.md)")
    print("Press Ctrl-C to stop.", flush=True)

    # The server runs in a thread of its own; Ctrl-C and SIGTERM only note the signal (a handler
    # that takes no lock), and the main thread, polling for it, stops the server: a
    # KeyboardInterrupt raised into the server's loop could land while it holds a lock that
    # stopping it needs.
    signals: List[int] = []
    failed: List[BaseException] = []

    def stop(signum: int, frame: Any) -> None:
        signals.append(signum)

    def run() -> None:
        try:
            server.serve_forever()
        except BaseException as exc:  # reported by the main thread
            failed.append(exc)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    serving = threading.Thread(target=run, name="hoiio-sandbox-server", daemon=True)
    try:
        serving.start()
        while not signals and serving.is_alive():
            serving.join(timeout=0.2)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.server_close()
        serving.join(timeout=10)
        engine.close()
    if failed:
        raise failed[0]
    print("Hoiio sandbox stopped.", flush=True)
    return 0


# ---- control commands ----


def default_url() -> str:
    url = os.environ.get("HOIIO_SANDBOX_URL")
    if url:
        return url
    base = os.environ.get("HOIIO_BASE_URL", "")
    if base.rstrip("/").endswith("/open"):
        return base.rstrip("/")[: -len("open")]
    return f"http://127.0.0.1:{DEFAULT_PORT}/"


def _control(args: argparse.Namespace) -> Any:
    from .remote import SandboxControl

    ctl = SandboxControl(args.url, app_id="-", access_token="-")
    if args.url.lower().startswith("https:"):  # a sandbox started with --tls: trust its CA (the default one)
        from .tls import CA_FILE, default_ca_dir

        ca = default_ca_dir() / CA_FILE
        if ca.is_file():
            ctl._http.verify = str(ca)
    return ctl


def _app(args: argparse.Namespace) -> Optional[str]:
    return getattr(args, "app_id", None)


Command = Callable[[Any, argparse.Namespace], Any]
COMMANDS: Dict[str, Command] = {
    "status": lambda c, a: c.info(),
    "reset": lambda c, a: c.reset() or {"reset": True},
    "clock": lambda c, a: c.request("GET", "clock"),
    "freeze": lambda c, a: c.freeze(),
    "unfreeze": lambda c, a: c.unfreeze(),
    "advance": lambda c, a: c.advance(a.seconds),
    "balance": lambda c, a: c.account(_app(a)),
    "topup": lambda c, a: c.topup(a.points, a.bonus, _app(a)),
    "drain": lambda c, a: c.drain(a.leave, _app(a)),
    "incoming-sms": lambda c, a: {"txn_refs": c.incoming_sms(a.to, a.from_, a.msg, _app(a))},
    "incoming-call": lambda c, a: c.incoming_call(a.to, a.from_, _app(a)),
    "incoming-fax": lambda c, a: {"txn_ref": c.incoming_fax(a.to, a.from_, _read(a.pdf), a.status, app_id=_app(a))},
    "press": lambda c, a: c.press(a.digits, a.session, a.hangup, _app(a)) or {"queued": a.digits},
    "hangup": lambda c, a: c.caller_hangup(a.session, _app(a)) or {"hung_up": a.session},
    "script": lambda c, a: (c.clear_script(a.number, _app(a)) or {"cleared": a.number}) if a.clear else
    c.script(a.number, call=a.call, sms=a.sms, fax=a.fax, talk_seconds=a.talk_seconds, app_id=_app(a)),
    "notifications": lambda c, a: c.notifications(a.kind, app_id=_app(a)),
    "fault": lambda c, a: c.fault(a.kind, a.count, path=a.path, seconds=a.seconds, after=a.after),
    "clear-faults": lambda c, a: c.clear_faults() or {"cleared": True},
}


def _read(path: Optional[str]) -> Optional[bytes]:
    if not path:
        return None
    with open(path, "rb") as fh:
        return fh.read()


def control_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", default=default_url(), help="the sandbox (default: $HOIIO_SANDBOX_URL, or from $HOIIO_BASE_URL)")
    common.add_argument("--app-id", help="the account (default: the sandbox's default one)")
    p = argparse.ArgumentParser(prog="hoiio sandbox", description="Drive a running Hoiio sandbox.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    add("status", "the sandbox's base URL, credentials and clock")
    add("reset", "forget everything; the default account starts again")
    add("clock", "the sandbox time")
    add("freeze", "stop the clock (only advance moves it)")
    add("unfreeze", "let the clock run again")
    add("advance", "move the clock on; calls end, SMS are delivered, IVR blocks complete").add_argument("seconds", type=float)
    add("balance", "the account and its balance")
    topup = add("topup", "add credit")
    topup.add_argument("--points")
    topup.add_argument("--bonus")
    add("drain", "empty the balance").add_argument("--leave", help="leave this much in points")
    for kind in ("sms", "call", "fax"):
        cmd = add(f"incoming-{kind}", f"an incoming {kind} to one of the account's Hoiio Numbers")
        cmd.add_argument("--to", required=True, help="your Hoiio Number")
        cmd.add_argument("--from", dest="from_", required=True, help="the sender or caller (E.164)")
        if kind == "sms":
            cmd.add_argument("--msg", required=True)
        if kind == "fax":
            cmd.add_argument("--pdf", metavar="FILE.pdf", help="the document (default: a blank page)")
            cmd.add_argument("--status", default="answered", choices=("answered", "failed", "busy"))
    press = add("press", "the keys the caller presses at the next gather")
    press.add_argument("digits")
    press.add_argument("--session", help="only for this session (default: the next gather of any)")
    press.add_argument("--hangup", action="store_true", help="the caller hangs up instead")
    add("hangup", "the caller of an IVR session hangs up").add_argument("session")
    script = add("script", "how calls, faxes and SMS to a number turn out")
    script.add_argument("number")
    script.add_argument("--call", choices=("answered", "busy", "unanswered", "failed"))
    script.add_argument("--fax", choices=("answered", "busy", "unanswered", "failed"))
    script.add_argument("--sms", choices=("delivered", "failed", "error", "queued"))
    script.add_argument("--talk-seconds", type=float)
    script.add_argument("--clear", action="store_true", help="forget the number's script")
    add("notifications", "the notifications sent").add_argument("--kind")
    fault = add("fault", "inject a fault into the next API requests")
    fault.add_argument("kind", choices=("rate_limit", "server_error", "delay", "drop", "bad_gateway"))
    fault.add_argument("--count", type=int, default=1)
    fault.add_argument("--path", help="only requests to this endpoint, such as sms/send")
    fault.add_argument("--seconds", type=float, default=0, help="for delay")
    fault.add_argument("--after", action="store_true", help="for drop: handle the request, then drop the answer")
    add("clear-faults", "remove every injected fault")
    return p


def control(argv: Sequence[str]) -> int:
    args = control_parser().parse_args(list(argv))
    from .remote import SandboxError

    try:
        result = COMMANDS[args.command](_control(args), args)
    except SandboxError as exc:
        print(f"hoiio: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # requests' ConnectionError is an OSError
        print(f"hoiio: cannot reach the sandbox at {args.url}: {exc}", file=sys.stderr)
        return 3
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    args: List[str] = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "serve":
        args = args[1:]
    if not args or args[0].startswith("-"):
        return serve(args)
    return control(args)
