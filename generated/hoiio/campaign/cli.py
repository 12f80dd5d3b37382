"""``hoiio campaign``: send one SMS to many numbers, each exactly once, across crashes.

    hoiio campaign send --msg "School is closed today." --dest @numbers.txt --journal campaign.db
    hoiio campaign status campaign.db
    hoiio campaign resume campaign.db
    hoiio campaign audit campaign.db      # the journal against Hoiio's history, after the fact

With a PostgreSQL journal (``--journal postgresql://...``) and ``--broker redis://...``, the
chunks run as Celery tasks on any number of workers (``hoiio[campaign-distributed]``; see
docs/guides/large-volumes.md).

Exit status: 0 when every number was sent; 1 when Hoiio refused some chunks or the campaign
stopped on an error answer (an insufficient credit: top up, then resume); 2 bad arguments; 3
when chunks are left unknown or unsent (resume later).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Dict, Iterator, NoReturn, Optional, Sequence

EXIT_OK, EXIT_API_ERROR, EXIT_USAGE, EXIT_UNSETTLED = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {' '.join(message.split())} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    g = common.add_argument_group("connection")
    g.add_argument("--app-id", help="application ID (default: $HOIIO_APP_ID)")
    g.add_argument("--access-token", help="access token (default: $HOIIO_ACCESS_TOKEN)")
    g.add_argument("--base-url", help="API base URL (default: $HOIIO_BASE_URL or Hoiio's)")
    g.add_argument("--allow-http", action="store_true", default=None, help="accept a plain-http base URL that is not on loopback")
    g.add_argument("--prefix", help="country code for numbers given without '+', such as 65")
    g.add_argument("--request-timeout", type=float, help="seconds to wait for an answer")
    g.add_argument("--json", action="store_true", help="print the summary as JSON")
    run = _Parser(add_help=False)
    r = run.add_argument_group("running")
    r.add_argument("--workers", type=int, default=4, help="chunks in flight at a time (default 4)")
    r.add_argument("--reconcile-wait", type=float, default=30.0, metavar="SECONDS",
                   help="how long a chunk with a lost answer is looked for in the history before it counts as not sent (default 30)")  # fmt: skip
    r.add_argument("--clock-skew", type=float, default=3600.0, metavar="SECONDS",
                   help="how far Hoiio's clock may be from this machine's: widens the history searched (default 3600)")  # fmt: skip
    r.add_argument("--broker", help="distributed mode: the Celery broker (redis://...), with a postgresql:// journal")
    r.add_argument("--no-wait", action="store_true", help="distributed mode: queue the tasks and return")

    parser = _Parser(prog="hoiio campaign", description="One SMS to many numbers, each sent exactly once across crashes (a journal records every chunk).")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    send = sub.add_parser("send", help="plan a campaign into a new journal and send it", parents=[common, run])
    send.add_argument("--msg", required=True, help="the message")
    send.add_argument("--dest", action="append", required=True, metavar="NUMBER",
                      help="numbers: repeat, separate with commas, or give @FILE with one a line (read streamed)")  # fmt: skip
    send.add_argument("--journal", required=True, metavar="FILE.db", help="the journal: a new SQLite file (or postgresql://... with --broker)")
    send.add_argument("--chunk-size", type=int, help="numbers a request (default: the API's limit, 1000)")
    send.add_argument("--sender-name", help="name shown as the sender (needs SMS rebranding)")
    send.add_argument("--notify-url", help="URL that receives each SMS's delivery notification")
    send.add_argument("--budget", help="refuse to start when the priced campaign costs more (the account's currency)")
    send.add_argument("--no-price", action="store_true", help="do not price the campaign first (no budget check, no cost)")
    send.add_argument("--skip-invalid", action="store_true", help="skip bad numbers (reported) instead of refusing the campaign")
    send.add_argument("--keep-duplicates", action="store_true", help="send a number as many times as it is listed")
    resume = sub.add_parser("resume", help="reconcile and send what an earlier run left", parents=[common, run])
    resume.add_argument("journal", metavar="JOURNAL")
    aud = sub.add_parser("audit", help="compare the journal with Hoiio's SMS history (every chunk's tag counted)", parents=[common])
    aud.add_argument("journal", metavar="JOURNAL")
    aud.add_argument("--clock-skew", type=float, default=3600.0, metavar="SECONDS", help="widen the history searched (default 3600)")
    stat = sub.add_parser("status", help="what the journal says (no request made)")
    stat.add_argument("journal", metavar="JOURNAL")
    stat.add_argument("--json", action="store_true", help="print the summary as JSON")
    stat.add_argument("--notes", type=int, default=10, metavar="N", help="show the last N notes (default 10)")
    return parser


def numbers_from(items: Sequence[str]) -> Iterator[str]:
    """The numbers of the --dest values, streamed: a file is read a line at a time."""
    for item in items:
        if item.startswith("@"):
            with open(item[1:], encoding="utf-8") as fh:
                for line in fh:
                    number = line.split("#", 1)[0].strip()
                    if number:
                        yield number
        else:
            yield from (n.strip() for n in item.split(",") if n.strip())


def _client(opts: Dict[str, Any]) -> Any:
    from .._runtime.client import Client

    kwargs: Dict[str, Any] = {k: opts[k] for k in ("base_url", "prefix", "allow_http") if opts.get(k) is not None}
    if opts.get("request_timeout") is not None:
        kwargs["timeout"] = opts["request_timeout"]
    return Client(opts.get("app_id") or os.environ.get("HOIIO_APP_ID"), opts.get("access_token") or os.environ.get("HOIIO_ACCESS_TOKEN"), **kwargs)


class Progress:
    """A bar with a rate and an estimate, on stderr, when it is a terminal."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.first: Optional[int] = None
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.first is None:
            self.first = done
        elapsed = max(time.monotonic() - self.start, 1e-6)
        rate = (done - self.first) / elapsed
        eta = f"{int((total - done) / rate) // 60}:{int((total - done) / rate) % 60:02d}" if rate > 0 else "?"
        filled = int(30 * min(done, total) / total) if total else 30
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} numbers  {rate:,.0f}/s  ETA {eta} ")
        sys.stderr.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    opts = vars(args)
    from ..exceptions import HoiioException, ValidationError
    from .core import CampaignError

    try:
        if args.action == "status":
            return _status(opts)
        if args.action == "audit":
            return _audit(opts)
        if opts.get("broker") or str(opts.get("journal", "")).startswith(("postgresql://", "postgres://")):
            return _distributed(opts)
        return _run(opts)
    except ValidationError as exc:
        return _fail(f"{exc.method + ': ' if exc.method else ''}" + "; ".join(exc.problems), EXIT_USAGE)
    except CampaignError as exc:
        return _fail(str(exc), EXIT_API_ERROR)
    except HoiioException as exc:
        return _fail(f"{exc} (the journal says what was sent: hoiio campaign status JOURNAL)", EXIT_UNSETTLED)
    except OSError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted; what was in flight is reconciled by: hoiio campaign resume JOURNAL", 130)


def _fail(message: str, code: int) -> int:
    from ..cli import cli_hints

    print(f"hoiio campaign: {cli_hints(' '.join(message.split()))}", file=sys.stderr)
    return code


def _options(opts: Dict[str, Any]) -> Dict[str, Any]:
    return {"workers": opts["workers"], "reconcile_wait": opts["reconcile_wait"], "clock_skew": opts["clock_skew"]}


def _run(opts: Dict[str, Any]) -> int:
    from .core import Campaign

    progress = Progress() if sys.stderr.isatty() else None
    with _client(opts) as client:
        if opts["action"] == "send":
            campaign = _plan_or_fail(
                Campaign.create,
                client, opts["journal"], opts["msg"], numbers_from(opts["dest"]), chunk_size=opts.get("chunk_size"),
                sender_name=opts.get("sender_name"), notify_url=opts.get("notify_url"), price=not opts.get("no_price"),
                budget=opts.get("budget"), skip_invalid=bool(opts.get("skip_invalid")), dedupe=not opts.get("keep_duplicates"),
                progress=progress, **_options(opts),
            )  # fmt: skip
            if campaign is None:
                return EXIT_UNSETTLED
        else:
            campaign = Campaign.open(client, opts["journal"], progress=progress, **_options(opts))
        with campaign:
            try:
                summary = campaign.run()
            finally:
                if progress is not None:
                    progress.end()
    return _report(summary, opts)


def _plan_or_fail(create: Any, *args: Any, **kwargs: Any) -> Any:
    """Plan the campaign; a failure of Hoiio's (pricing, say) says that nothing was sent."""
    from ..exceptions import HoiioException, ValidationError
    from .core import CampaignError

    try:
        return create(*args, **kwargs)
    except (ValidationError, CampaignError):
        raise
    except HoiioException as exc:
        _fail(f"{exc}; nothing was sent (the campaign was not planned: run send again)", EXIT_UNSETTLED)
        return None


def _report(summary: Any, opts: Dict[str, Any]) -> int:
    if opts.get("json"):
        json.dump(summary.as_dict(), sys.stdout, indent=2)
        print()
    else:
        print(summary)
        for note in summary.notes:
            print(f"  {note}")
    if summary.unknown or (summary.pending and not summary.stop_reason):
        return EXIT_UNSETTLED
    if summary.refused or summary.stop_reason:
        if summary.stop_reason:
            print(f"hoiio campaign: stopped: {summary.stop_reason}", file=sys.stderr)
        return EXIT_API_ERROR if summary.refused or "error_" in (summary.stop_reason or "") else EXIT_UNSETTLED
    return EXIT_OK


def _status(opts: Dict[str, Any]) -> int:
    journal = opts["journal"]
    if journal.startswith(("postgresql://", "postgres://")):
        from .distributed import status as dstatus

        summary, notes = dstatus(journal)
    else:
        from .core import Summary
        from .journal import JournalError, SQLiteJournal

        try:
            j = SQLiteJournal(journal)
        except JournalError as exc:
            return _fail(str(exc), EXIT_USAGE)
        try:
            summary = Summary(j.meta(), j.tally())
            notes = [f"{time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(at))} " + (f"chunk #{c}: " if c is not None else "") + text
                     for at, c, text in j.notes(opts["notes"])]  # fmt: skip
        finally:
            j.close()
    if opts.get("json"):
        json.dump({**summary.as_dict(), "notes": notes}, sys.stdout, indent=2)
        print()
    else:
        print(summary)
        for note in notes:
            print(f"  {note}")
    return EXIT_OK


def _audit(opts: Dict[str, Any]) -> int:
    from .core import Campaign

    with _client(opts) as client, Campaign.open(client, opts["journal"], clock_skew=opts["clock_skew"]) as campaign:
        found = campaign.audit()
    if opts.get("json"):
        json.dump(found, sys.stdout, indent=2)
        print()
    else:
        print(f"{found['records']} SMS of this campaign in the history since {found['since']} (GMT+8), from {found['chunks_seen']} chunks")
        for idx in found["duplicates"]:
            print(f"  chunk #{idx}: more than one attempt was sent (DUPLICATE)")
        for idx, state, seen, count in found["mismatches"]:
            print(f"  chunk #{idx}: the journal says {state}, the history holds {seen} of its {count} SMS")
    return EXIT_OK if not found["duplicates"] and not found["mismatches"] else EXIT_API_ERROR


def _distributed(opts: Dict[str, Any]) -> int:
    if not opts.get("broker"):
        return _fail("a postgresql:// journal needs --broker redis://... (the distributed mode)", EXIT_USAGE)
    if not str(opts.get("journal", "")).startswith(("postgresql://", "postgres://")):
        return _fail("--broker needs a postgresql://... journal (the distributed mode)", EXIT_USAGE)
    try:
        from . import distributed
    except ImportError as exc:
        return _fail(f"the distributed mode needs hoiio[campaign-distributed] ({exc})", EXIT_USAGE)
    settings = {k: opts.get(k) for k in ("app_id", "access_token", "base_url", "prefix", "allow_http")}
    settings["app_id"] = settings["app_id"] or os.environ.get("HOIIO_APP_ID")
    settings["access_token"] = settings["access_token"] or os.environ.get("HOIIO_ACCESS_TOKEN")
    progress = Progress() if sys.stderr.isatty() else None
    try:
        if opts["action"] == "send":
            with _client(opts) as client:
                cid = distributed.create(client, opts["journal"], opts["msg"], numbers_from(opts["dest"]), chunk_size=opts.get("chunk_size"),
                                         sender_name=opts.get("sender_name"), notify_url=opts.get("notify_url"), price=not opts.get("no_price"),
                                         budget=opts.get("budget"), skip_invalid=bool(opts.get("skip_invalid")), dedupe=not opts.get("keep_duplicates"))  # fmt: skip
        else:
            cid = distributed.latest_campaign(opts["journal"])
        print(f"campaign {cid}", file=sys.stderr)
        summary = distributed.dispatch(opts["journal"], opts["broker"], cid, settings, tasks=opts["workers"], wait=not opts.get("no_wait"),
                                       reconcile_wait=opts["reconcile_wait"], clock_skew=opts["clock_skew"], progress=progress)  # fmt: skip
    finally:
        if progress is not None:
            progress.end()
    return _report(summary, opts) if summary is not None else EXIT_OK
