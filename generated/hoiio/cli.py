"""The ``hoiio`` command: one sub-command per endpoint, built from the spec's command table.

    hoiio sms send --msg "Hoiio World" --dest +6511111111
    hoiio voice history --from "2012-01-01 00:00:00" --all
    hoiio history export sms --output sms.csv
    hoiio sandbox --port 8765
    hoiio campaign send --msg "Closed today" --dest @numbers.txt --journal campaign.db

Credentials come from --app-id/--access-token or HOIIO_APP_ID/HOIIO_ACCESS_TOKEN, the server
from --base-url or HOIIO_BASE_URL (plain http only on loopback, unless --allow-http). Output is a readable table, or the JSON Hoiio sent with
--json. Errors print one line and exit non-zero (1: Hoiio answered an error, 2: bad arguments,
3: the network failed).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import sys
from typing import Any, Dict, Iterable, List, NoReturn, Optional, Sequence, TextIO

from ._generated.commands import COMMANDS, PAGED_COLUMNS, PAGED_ITEMS

EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_TRANSPORT = 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `seq 1 100000 | head -1` answers
HISTORY = ("sms", "voice", "fax")

#: The SDK's errors give Python advice; on the command line, the same advice names a flag or
#: an environment variable. (pattern, replacement) applied to every error line printed.
CLI_HINTS = (
    (re.compile(r"pass it to hoiio\.\w+\(\.\.\.\) or Hoiio\.init\(\.\.\.\), or set HOIIO_(\w+)"),
     lambda m: f"give --{m.group(1).lower().replace('_', '-')} or set HOIIO_{m.group(1)}"),
    (re.compile(r"pass allow_http=True"), lambda m: "give --allow-http"),
    (re.compile(r"\(or set a prefix\)"), lambda m: "(or give --prefix, such as --prefix 65)"),
    (re.compile(r"pass tag=\.\.\., or make the client with auto_tag=True"), lambda m: "give --tag"),
    (re.compile(r"pass it as (\w+)= so that it is checked"), lambda m: f"give it as --{m.group(1).rstrip('_').replace('_', '-')} so that it is checked"),
    (re.compile(r"pass (\S+) as a keyword argument, not in extra_params"), lambda m: f"give {m.group(1)} as its own option, not with --extra"),
    (re.compile(r"\bextra_params\b"), lambda m: "--extra"),
    (re.compile(r"pass max_pages= to read further"), lambda m: "give --max-pages to read further"),
    (re.compile(r"\bmax_pages:"), lambda m: "--max-pages:"),
    (re.compile(r"\bClient: base_url\b"), lambda m: "--base-url"),
    (re.compile(r"\bbase_url (?=')"), lambda m: "--base-url (or HOIIO_BASE_URL) "),
)  # fmt: skip


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (naming the option) instead of the whole usage,
    and a command's parser (one with ``flags``) reports a flag it does not take as unknown,
    with the closest one it takes, before argparse would report a required one as missing
    (``--mgs`` for ``--msg``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: the long options of a command (set by build_parser); empty: not checked here
        self.flags: List[str] = []

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {' '.join(message.split())} (see '{self.prog} --help')\n")

    def parse_known_args(self, args: Optional[Sequence[str]] = None, namespace: Any = None) -> Any:  # type: ignore[override]
        if self.flags and args is not None:
            self._check_flags(list(args))
        return super().parse_known_args(args, namespace)

    def _check_flags(self, args: List[str]) -> None:
        for arg in args:
            if arg == "--":
                return
            name = arg.split("=", 1)[0]
            if not name.startswith("--") or " " in name or name in self.flags:  # with a space: a value, as argparse takes it
                continue
            if len([f for f in self.flags if f.startswith(name)]) == 1:  # an abbreviation argparse takes
                continue
            import difflib

            close = difflib.get_close_matches(name, self.flags, n=1, cutoff=0.6)
            self.error(f"unknown option {name}" + (f"; did you mean {close[0]}?" if close else ""))


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    g = common.add_argument_group("connection")
    common_flags = ["--help", "--app-id", "--access-token", "--base-url", "--allow-http", "--prefix", "--request-timeout", "--json", "--debug"]
    g.add_argument("--app-id", default=argparse.SUPPRESS, help="application ID (default: $HOIIO_APP_ID)")
    g.add_argument("--access-token", default=argparse.SUPPRESS, help="access token (default: $HOIIO_ACCESS_TOKEN)")
    g.add_argument("--base-url", default=argparse.SUPPRESS, help="API base URL (default: $HOIIO_BASE_URL or Hoiio's)")
    g.add_argument("--allow-http", action="store_true", default=argparse.SUPPRESS,
                   help="accept a plain-http base URL that is not on loopback (credentials travel unencrypted)")  # fmt: skip
    g.add_argument("--prefix", default=argparse.SUPPRESS, help="country code for numbers given without '+', such as 65")
    g.add_argument("--request-timeout", type=float, default=argparse.SUPPRESS, help="seconds to wait for an answer")
    g.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print the JSON Hoiio sent")
    g.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="log each request (secrets redacted) to stderr")

    parser = _Parser(prog="hoiio", description="The Hoiio API from the command line, and its local sandbox.", parents=[common])
    from . import __version__

    parser.add_argument("--version", action="version", version=f"hoiio {__version__}", help="print the version and exit")
    groups = parser.add_subparsers(dest="group", metavar="COMMAND")
    groups.add_parser("sandbox", help="run the local Hoiio sandbox (hoiio sandbox --help)", add_help=False)
    groups.add_parser("campaign", help="one SMS to many numbers, each exactly once (hoiio campaign --help)", add_help=False)
    for group, commands in COMMANDS.items():
        gp = groups.add_parser(group, help=f"the {group} API", description=f"The {group} API.")
        sub = gp.add_subparsers(dest="command", metavar="ACTION", required=True)
        for name, spec in commands.items():
            cost = " Costs money." if spec["charged"] else ""
            cp = sub.add_parser(name, help=spec["summary"], description=f"{spec['summary']} ({spec['path']}){cost}", parents=[common])
            cp.flags = common_flags + ["--extra"]
            for p in spec["params"]:
                _add_param(cp, p)
                cp.flags.append(_flag(p))
            cp.add_argument("--extra", action="append", default=[], metavar="NAME=VALUE", help="a parameter the spec does not know, sent as given")
            if group == "sms" and spec["method"] == "bulk_send":
                cp.add_argument("--workers", type=int, default=1, help="beyond one request's limit, send this many chunks at a time")
                cp.flags.append("--workers")
            if spec["paginated"]:
                cp.add_argument("--all", action="store_true", help="fetch every page (ignores --page)")
                cp.add_argument("--limit", type=int, help="with --all: stop after this many entries")
                cp.add_argument("--max-pages", type=int, help="with --all: stop after this many pages")
                cp.flags += ["--all", "--limit", "--max-pages"]
    hist = groups.add_parser("history", help="export SMS, call or fax history")
    hsub = hist.add_subparsers(dest="command", metavar="ACTION", required=True)
    export = hsub.add_parser("export", help="write a whole history to a CSV file", parents=[common])
    export.add_argument("service", choices=HISTORY, help="which history")
    export.add_argument("-o", "--output", dest="file", metavar="FILE.csv", help="the CSV file to write ('-' for stdout); required")
    export.add_argument("--to", dest="old_file", metavar="FILE.csv", help=argparse.SUPPRESS)  # before 0.3: --output
    export.add_argument("--from", dest="from_", help="only entries at or after this time (YYYY-MM-DD HH:MM:SS, GMT+8)")
    export.add_argument("--until", help="only entries before this time (YYYY-MM-DD HH:MM:SS, GMT+8)")
    export.flags = common_flags + ["--output", "--to", "--from", "--until"]
    return parser


def _flag(p: Dict[str, Any]) -> str:
    """The option of a parameter of the command table: its wire name as a flag (--sender-name)."""
    return "--" + str(p["wire"]).replace("_", "-")


def _add_param(parser: argparse.ArgumentParser, p: Dict[str, Any]) -> None:
    """The option of one parameter, as its kind's ``cli`` row (the spec's kinds table) says."""
    how = p["cli"]
    kwargs: Dict[str, Any] = {"dest": p["python"], "help": p["help"] + how.get("help", ""), "required": p["required"]}
    if how.get("switch"):
        kwargs.update(action="store_true", default=None)
        kwargs.pop("required")
    elif p["values"]:
        kwargs.update(choices=p["values"], metavar="{" + ",".join(p["values"]) + "}")
    else:
        kwargs.update(metavar=how["metavar"], action="append" if how.get("list") else "store")
        if how.get("integer") or how.get("json"):
            kwargs["type"] = int if how.get("integer") else json.loads
    parser.add_argument(_flag(p), **kwargs)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["sandbox"]:
        from .sandbox.cli import main as sandbox_main

        return int(sandbox_main(args_list[1:]) or 0)
    if args_list[:1] == ["campaign"]:
        from .campaign.cli import main as campaign_main

        return campaign_main(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not args.group:
        parser.print_help()
        return EXIT_USAGE
    opts = vars(args)
    if args.group == "history":
        problem = _export_file(opts)
        if problem:
            parser.exit(EXIT_USAGE, f"hoiio history export: {problem} (see 'hoiio history export --help')\n")
    if opts.get("debug"):
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format="%(name)s %(levelname)s %(message)s")
    from .exceptions import APIError, HoiioException, TransportError, ValidationError

    try:
        client = _client(opts)
        if args.group == "history":
            return _export(client, opts)
        return _run(client, args.group, args.command, opts)
    except BrokenPipeError:
        # The reader went away (`hoiio sms history --all | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE
    except ValidationError as exc:
        flags = _flags_of(args.group, args.command)
        problems = [cli_problem(problem, flags) for problem in exc.problems]
        return _fail(f"{exc.method + ': ' if exc.method else ''}" + "; ".join(problems), EXIT_USAGE)
    except TransportError as exc:
        return _fail(str(exc), EXIT_TRANSPORT)
    except APIError as exc:
        return _fail(str(exc), EXIT_API_ERROR)
    except HoiioException as exc:
        return _fail(str(exc), EXIT_TRANSPORT)
    except OSError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        return _fail("interrupted; a request in flight may have reached Hoiio (check before sending it again)", 130)
    except Exception as exc:  # never a traceback: one line, without the token
        secret = opts.get("access_token") or os.environ.get("HOIIO_ACCESS_TOKEN") or ""
        text = f"unexpected {type(exc).__name__}: {exc}"
        return _fail(text.replace(secret, "***") if secret else text, EXIT_TRANSPORT)


def _fail(message: str, code: int) -> int:
    print(f"hoiio: {cli_hints(' '.join(message.split()))}", file=sys.stderr)
    return code


def _flags_of(group: str, command: str) -> Dict[str, str]:
    """Python parameter name -> the flag that gives it, for one command."""
    if group == "history":
        return {"from_": "--from", "to": "--until"}  # history export calls history_iter(from_=..., to=...)
    return {p["python"]: _flag(p) for p in COMMANDS[group][command]["params"]}


def cli_problem(problem: str, flags: Dict[str, str]) -> str:
    """One problem of a ValidationError with the parameters it names (Python names such as
    ``from_``) put as the flags that give them (``--from``): the parameter it is about, a missing
    one, and the names in the rules across parameters. Values (quoted) are left as they are, and
    so are the names given with --extra."""
    if not flags:
        return problem
    words = "|".join(sorted(map(re.escape, flags), key=len, reverse=True))
    names = rf"(?:{words})(?:(?:, | and )(?:{words}))*"

    def each(m: "re.Match[str]") -> str:
        return re.sub(r"\w+", lambda w: flags.get(w.group(0), w.group(0)), m.group(0))

    problem = re.sub(rf"^(?:{words})(?=: )", each, problem)
    problem = re.sub(rf"(?<=^missing required parameter )'(?:{words})'$", lambda m: flags[m.group(0)[1:-1]], problem)
    problem = re.sub(rf"^{names}(?= cannot be used together| must be different numbers)", each, problem)
    problem = re.sub(rf"(?<=give only one of: ){names}$", each, problem)
    problem = re.sub(rf"(?<=give one of ){names}$", each, problem)
    problem = re.sub(rf"(?<= is before )(?:{words})(?= ')", each, problem)
    return re.sub(rf"(?<=; expected )(?:{words}) at or after (?:{words})$", each, problem)


def cli_hints(message: str) -> str:
    """The message with its Python advice put in command-line terms (CLI_HINTS)."""
    for pattern, replace in CLI_HINTS:
        message = pattern.sub(replace, message)
    return message


def _export_file(opts: Dict[str, Any]) -> Optional[str]:
    """Settle history export's file option: --output, or the deprecated --to (a date everywhere
    else). Returns a usage problem, or None."""
    old = opts.pop("old_file", None)
    if old is not None:
        if opts.get("file") is not None:
            return "give the file once, with --output (--to is its old name)"
        print("hoiio: history export --to FILE is deprecated; use --output FILE (or -o FILE)", file=sys.stderr)
        opts["file"] = old
    if opts.get("file") is None:
        return "the following arguments are required: --output/-o"
    return None


def _api_error(res: Any) -> int:
    """One line for an error answer: the method, the status and what it means (from the spec)."""
    from ._runtime.status import error_for

    return _fail(str(error_for(str(res.status), res, res.method)), EXIT_API_ERROR)


def _client(opts: Dict[str, Any]) -> Any:
    from ._runtime.client import Client

    kwargs: Dict[str, Any] = {}
    for key in ("base_url", "prefix", "allow_http"):
        if key in opts:
            kwargs[key] = opts[key]
    if "request_timeout" in opts:
        kwargs["timeout"] = opts["request_timeout"]
    # Error answers come back (not raised) so that --json can print the body Hoiio sent.
    return Client(
        opts.get("app_id") or os.environ.get("HOIIO_APP_ID"), opts.get("access_token") or os.environ.get("HOIIO_ACCESS_TOKEN"),
        raise_on_error=False, **kwargs,
    )  # fmt: skip


def _run(client: Any, group: str, command: str, opts: Dict[str, Any]) -> int:
    spec = COMMANDS[group][command]
    service = getattr(client, group)
    args: List[Any] = []
    kwargs: Dict[str, Any] = {}
    for p in spec["params"]:
        value = opts.get(p["python"])
        if p["cli"].get("list") and value is not None:
            value = [n.strip() for item in value for n in _numbers(item) if n.strip()]
        if p["variadic"]:
            args.extend(value or [])
        elif p["positional"]:
            args.append(value)
        else:
            kwargs[p["python"]] = value
    extra = dict(_pair(item) for item in opts.get("extra") or [])
    if extra:
        kwargs["extra_params"] = extra
    if group == "sms" and spec["method"] == "bulk_send" and len(args) > 1001:
        return _bulk_in_chunks(client, args[0], args[1:], kwargs, opts)
    if opts.get("all"):
        kwargs.pop("page", None)
        pager = getattr(service, spec["method"] + "_iter")(*args, limit=opts.get("limit"), max_pages=opts.get("max_pages"), **kwargs)
        entries = list(_with_progress(pager, "entries"))
        last = pager.last_response
        if last is not None and not last.is_success():
            return _api_error(last)
        if opts.get("json"):
            json.dump([e._data for e in entries], sys.stdout, indent=2, ensure_ascii=False)
            print()
        else:
            _print_table(entries, sys.stdout)
            print(f"{len(entries)} entries" + (f" of {pager.total}" if pager.total is not None else ""))
        return 0
    res = getattr(service, spec["method"])(*args, **kwargs)
    if opts.get("json"):
        print(res.text)
    elif res.is_success():
        _print_response(res, PAGED_ITEMS.get(spec["path"]), sys.stdout)
    if not res.is_success():
        return _api_error(res)
    return 0


def _numbers(item: str) -> List[str]:
    """Numbers from one --dest value: comma-separated, or @FILE with one number a line."""
    if item.startswith("@"):
        with open(item[1:], encoding="utf-8") as fh:
            return [line.split("#", 1)[0].strip() for line in fh]
    return item.split(",")


def _bulk_in_chunks(client: Any, msg: str, numbers: List[str], kwargs: Dict[str, Any], opts: Dict[str, Any]) -> int:
    from .bulk import send_in_chunks

    tty = sys.stderr.isatty()
    results = send_in_chunks(
        client, msg, numbers, max_workers=opts.get("workers") or 1,
        progress=(lambda done, total: _progress(done, total, "numbers")) if tty else None,
        **{k: v for k, v in kwargs.items() if v is not None},
    )  # fmt: skip
    if tty:
        print(file=sys.stderr)
    rows = [{"chunk": r.index + 1, "numbers": len(r.numbers), "status": r.response.status if r.response is not None else "",
             "bulk_txn_ref": r.bulk_txn_ref or "", "error": str(r.error or "")} for r in results]  # fmt: skip
    if opts.get("json"):
        json.dump(rows, sys.stdout, indent=2)
        print()
    else:
        for row in rows:
            print("  ".join(f"{k}={v}" for k, v in row.items() if v != ""))
    failed = [r for r in results if not r.ok]
    if failed:
        unknown = sum(len(r.numbers) for r in failed if r.outcome_unknown)
        statuses = sorted({str(r.response.status) for r in failed if r.response is not None})
        why = f" ({', '.join(statuses)})" if statuses else ""
        note = f"; {unknown} numbers have an unknown outcome: check the history before sending to them again" if unknown else ""
        return _fail(f"sms.bulk_send: {len(failed)} of {len(results)} chunks failed{why}{note}", EXIT_TRANSPORT if unknown else EXIT_API_ERROR)
    return 0


def _pair(item: str) -> Any:
    name, sep, value = item.partition("=")
    if not sep or not name:
        from .exceptions import ValidationError

        raise ValidationError([f"--extra {item!r} is not NAME=VALUE"])
    return name, value


def _print_response(res: Any, items: Optional[str], out: TextIO) -> None:
    entries = None
    for key in res.keys():
        value = getattr(res, key) if key.isidentifier() else res.json[key]
        if isinstance(value, list) and value and hasattr(value[0], "_data"):
            entries = value
            continue
        print(f"{key}: {_cell(value)}", file=out)
    if entries:
        _print_table(entries, out)


def _print_table(entries: Sequence[Any], out: TextIO, indent: str = "") -> None:
    """Entries as a table, a column per field. A field holding entries of its own (a country's
    states) is no column: its entries follow their row as a nested table, indented."""
    if not entries:
        return
    columns: List[str] = []
    nested: List[str] = []
    for e in entries:
        for key in e.keys():
            if key in columns or key in nested:
                continue
            value = e.get(key)
            (nested if isinstance(value, list) and value and hasattr(value[0], "_data") else columns).append(key)
    columns = [c for c in columns if c not in nested]
    rows = [[_cell(e.get(c)) for c in columns] for e in entries]
    widths = [min(40, max(len(c), *(len(r[i]) for r in rows))) for i, c in enumerate(columns)]
    print(indent + "  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(), file=out)
    for e, r in zip(entries, rows):
        print(indent + "  ".join(_fit(v, w) for v, w in zip(r, widths)).rstrip(), file=out)
        for key in nested:
            inner = e.get(key)
            if isinstance(inner, list) and inner:
                print(f"{indent}    {key} ({len(inner)}):", file=out)
                _print_table(inner, out, indent + "      ")


def _fit(value: str, width: int) -> str:
    """The value in its column: cut with an ellipsis where it is longer, never silently."""
    return (value if len(value) <= width else value[: width - 1] + "\u2026").ljust(width)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat())
    if hasattr(value, "_data"):
        return json.dumps(value._data, ensure_ascii=False)
    return str(value)


def _with_progress(items: Iterable[Any], what: str) -> Iterable[Any]:
    """Yield the items; on a terminal, show how far along they are on stderr."""
    tty = sys.stderr.isatty()
    count = 0
    for item in items:
        count += 1
        if tty and count % 100 == 0:
            total = getattr(items, "total", None)
            _progress(count, total, what)
        yield item
    if tty and count >= 100:
        print(file=sys.stderr)


def _progress(done: int, total: Optional[int], what: str) -> None:
    if total:
        filled = int(30 * min(done, total) / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {what}")
    else:
        sys.stderr.write(f"\r{done} {what}")
    sys.stderr.flush()


def _new_file_mode(path: str) -> int:
    """The mode open(path, "w") would leave: the existing file's, else 0o666 less the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _export(client: Any, opts: Dict[str, Any]) -> int:
    """Write a whole history as CSV. A file is written beside its target and moved into place
    only when every page came: a failed export leaves an existing file as it was."""
    service = getattr(client, opts["service"])
    pager = service.history_iter(from_=opts.get("from_"), to=opts.get("until"))
    known = PAGED_COLUMNS.get(COMMANDS[opts["service"]]["history"]["path"], [])
    out_path = opts["file"]
    if out_path == "-":
        fh: Any = sys.stdout
    else:
        import tempfile  # here, not at the top: `hoiio --help` stays quick

        folder = os.path.dirname(os.path.abspath(out_path))
        try:
            fd, partial = tempfile.mkstemp(prefix=".hoiio-export-", suffix=".csv", dir=folder)
        except OSError as exc:  # name the file asked for, as open() would, not the temporary one
            raise OSError(exc.errno, exc.strerror, out_path) from None
        fh = os.fdopen(fd, "w", newline="", encoding="utf-8")
    done = False
    try:
        writer: Any = None
        count = 0
        for entry in _with_progress(pager, "entries"):
            if writer is None:
                columns = known + [k for k in entry.keys() if k not in known]
                writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
                writer.writeheader()
            writer.writerow({k: _cell(entry.get(k)) for k in writer.fieldnames})
            count += 1
        last = pager.last_response
        if writer is None and (last is None or last.is_success()):
            csv.DictWriter(fh, fieldnames=known).writeheader()  # no entries: the header alone
        done = last is None or last.is_success()
    finally:
        if fh is not sys.stdout:
            fh.close()
            if done:
                os.chmod(partial, _new_file_mode(out_path))
                os.replace(partial, out_path)
            else:
                os.unlink(partial)
    if last is not None and not last.is_success():
        return _api_error(last)
    if out_path != "-" and sys.stderr.isatty():
        print(f"exported {count} {opts['service']} entries to {out_path}", file=sys.stderr)
    return 0
