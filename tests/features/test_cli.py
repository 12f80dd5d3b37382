"""The `hoiio` command end to end, against a sandbox on a free loopback port (frozen clock).

Most tests call ``hoiio.cli.main(argv)`` in this process (fast; stdout/stderr through capsys);
the behaviour that only a real process shows runs ``python -m hoiio`` as a subprocess: what
``--help`` imports, the exit codes, ``--debug`` output, the progress bar on a terminal (a pty)
versus a pipe, and a reader that goes away (``| head``). Every command reaches the sandbox
through HOIIO_BASE_URL / HOIIO_APP_ID / HOIIO_ACCESS_TOKEN (or the flags), and what it did is
checked in the sandbox's own records (``sandbox.transactions``), not only in what it printed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

import hoiio as hoiio_pkg
import pytest
from hoiio import cli
from hoiio.sandbox.server import Sandbox

ROOT = Path(__file__).resolve().parents[2]
DEST = "+6591234567"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" \
      b"3 0 obj<</Type/Page/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # fmt: skip
#: How many SMS, calls and faxes the `seeded` account has: SMS over ten pages of 100, the last partial.
SEEDED = {"sms": 1050, "voice": 3, "fax": 2}
#: The sandbox's transaction kind of each history.
KIND = {"sms": "sms", "voice": "call", "fax": "fax"}
TXN_REF = re.compile(r"^AA-[A-Z]{1,2}-\d+$")


def numbers(count: int, start: int = 0) -> List[str]:
    return [f"+659{i:07d}" for i in range(start, start + count)]


# ---- the sandbox, accounts, and two ways of running the command ----


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture
def account(sandbox: Sandbox) -> Dict[str, Any]:
    """A fresh account: empty history, 54.650 SGD."""
    acct: Dict[str, Any] = sandbox.create_account()
    return acct


@pytest.fixture(scope="module")
def seeded(sandbox: Sandbox) -> Dict[str, Any]:
    """An account with SEEDED's SMS, calls and faxes, all finished. Tests only read it."""
    acct: Dict[str, Any] = sandbox.create_account()
    with sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client:
        assert client.sms.bulk_send("seed", *numbers(1000)).is_success()
        assert client.sms.bulk_send("seed", *numbers(SEEDED["sms"] - 1000, start=5000)).is_success()
        for i in range(SEEDED["voice"]):
            assert client.voice.call("+6511111111", f"+659876543{i}").is_success()
        for _ in range(SEEDED["fax"]):
            assert client.fax.send("+6598765430", PDF).is_success()
    sandbox.advance(300)
    return acct


def credentials(sandbox: Sandbox, acct: Dict[str, Any]) -> Dict[str, str]:
    return {"HOIIO_BASE_URL": sandbox.base_url, "HOIIO_APP_ID": acct["app_id"], "HOIIO_ACCESS_TOKEN": acct["access_token"]}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, sandbox: Sandbox, account: Dict[str, Any]) -> Dict[str, str]:
    """The CLI's environment points at `account` (in this process; pass it to subprocesses)."""
    values = credentials(sandbox, account)
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


@dataclass
class Run:
    code: Any
    out: str
    err: str

    @property
    def err_lines(self) -> List[str]:
        return self.err.splitlines()


@pytest.fixture
def hoiio(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run the command in this process: hoiio("sms", "send", ...) -> Run(code, out, err)."""

    def run(*argv: str) -> Run:
        capsys.readouterr()
        try:
            code: Any = cli.main(list(argv))
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


def process_env(values: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOIIO_")}
    env.update(values or {})
    return env


def process(argv: Sequence[str], env: Dict[str, str], *pyflags: str) -> "subprocess.CompletedProcess[str]":
    """Run ``python -m hoiio ARGV`` as a real process, stdout and stderr piped."""
    return subprocess.run([sys.executable, *pyflags, "-m", "hoiio", *argv], env=env, capture_output=True, text=True, timeout=60)


def on_a_terminal(argv: Sequence[str], env: Dict[str, str]) -> "tuple[int, str, str]":
    """Run ``python -m hoiio ARGV`` with stderr on a pseudo-terminal and stdout piped."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    chunks: List[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "hoiio", *argv], env=env, stdout=subprocess.PIPE, stderr=slave,
                                stdin=subprocess.DEVNULL)  # fmt: skip
        os.close(slave)
        out, _ = proc.communicate(timeout=60)
        reader.join(timeout=10)
    finally:
        os.close(master)
    return proc.returncode, out.decode(), b"".join(chunks).decode()


def transactions(sandbox: Sandbox, acct: Dict[str, Any], kind: str = "sms") -> List[Dict[str, Any]]:
    """What the sandbox recorded for the account: the truth, whatever the CLI printed."""
    return sandbox.transactions(kind=kind, app_id=acct["app_id"])


def balance(sandbox: Sandbox, acct: Dict[str, Any]) -> str:
    return str(sandbox.account(acct["app_id"])["balance"])


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/open/"


def one_line(run: Any) -> str:
    """The single line an error prints (on stderr, starting 'hoiio'); fails otherwise."""
    lines = run.err.splitlines() if isinstance(run, Run) else run.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert lines[0].startswith("hoiio"), lines
    return lines[0]


# ---- --help: instant, complete ----


@pytest.mark.parametrize("argv", [["--help"], ["sms", "send", "--help"], ["sandbox", "--help"]], ids=" ".join)
def test_help_imports_neither_requests_nor_the_services_nor_werkzeug(argv: List[str]) -> None:
    out = process(argv, process_env(), "-X", "importtime")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("usage: hoiio")
    imported = {line.rsplit("|", 1)[1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    assert {"hoiio.cli", "hoiio._generated.commands"} <= imported, "importtime's output was not understood"
    heavy = sorted(m for m in imported if m.split(".")[0] in ("requests", "urllib3", "werkzeug", "jinja2", "yaml")
                   or m.startswith(("hoiio.service", "hoiio.models", "hoiio._runtime.client", "hoiio._runtime.transport")))  # fmt: skip
    assert heavy == [], f"--help imported {heavy}"


def test_version_prints_the_version_in_a_process_of_its_own() -> None:
    from importlib.metadata import version

    out = process(["--version"], process_env())
    assert out.returncode == 0 and out.stderr == ""
    assert out.stdout == f"hoiio {hoiio_pkg.__version__}\n"
    assert hoiio_pkg.__version__ == version("hoiio")


def test_one_version_everywhere(sandbox: Sandbox) -> None:
    """hoiio.__version__ is the one source: pyproject.toml reads it (no version of its own), the
    installed metadata, `hoiio --version` and the OpenAPI document say it, the sandbox reports
    it, and it is the newest release of the changelog, with its date."""
    from importlib.metadata import version

    from hoiio.sandbox.remote import SandboxControl

    current = hoiio_pkg.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", current) and current == "0.3.0"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert not re.search(r"^version\s*=\s*\"", pyproject, re.M), "pyproject.toml has no version of its own"
    assert re.search(r'^dynamic = \["version"\]$', pyproject, re.M)
    assert re.search(r'^\[tool\.setuptools\.dynamic\]\nversion = \{attr = "hoiio\.__version__"\}$', pyproject, re.M)
    assert version("hoiio") == current, "the installed metadata is stale: make setup (pip install -e .) again"
    openapi = json.loads((ROOT / "generated" / "hoiio" / "_generated" / "openapi.json").read_text(encoding="utf-8"))
    assert openapi["info"]["version"] == current, "make generate: the OpenAPI document carries the version"
    info = SandboxControl(sandbox.url, app_id="-", access_token="-").info()
    assert info["sandbox"] == f"hoiio {current}"
    releases = re.findall(r"^## (\S+) \((.*?)\)$", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert releases[0][0] == current and re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0][1]), releases[0]


def test_top_level_help_lists_every_group_the_sandbox_and_history(hoiio: Callable[..., Run]) -> None:
    from hoiio._generated.commands import COMMANDS

    run = hoiio("--help")
    assert run.code == 0 and run.err == ""
    for name in [*COMMANDS, "sandbox", "history"]:
        assert re.search(rf"^\s+{name}\s+\S", run.out, re.M), f"{name} missing from hoiio --help"
    for flag in ("--app-id", "--access-token", "--base-url", "--json", "--debug"):
        assert flag in run.out
    assert set(COMMANDS) == {"sms", "voice", "conference", "fax", "ivr", "number", "account"}


def metavar(p: Any) -> Optional[str]:
    """How `hoiio ... --help` should show a parameter of the spec's type."""
    if p.type == "flag":
        return None
    if p.type == "int":
        return "N"
    if p.values:
        return "{" + ",".join(p.values) + "}"
    return {"phone_list": "NUMBER", "recipients": "JSON", "pdf": "FILE.pdf"}.get(p.type, p.type.upper())


def option_lines(help_text: str) -> Dict[str, str]:
    """Each option of a --help page, its invocation and help joined on one line (argparse puts
    the help on the next line after a long invocation)."""
    options: Dict[str, str] = {}
    flag = ""
    for line in help_text.splitlines():
        if line.startswith("  -"):
            flag = line.split()[0].rstrip(",")
            options[flag] = line.rstrip()
        elif flag and line.startswith("    "):
            options[flag] += " " + line.strip()
        else:
            flag = ""
    return options


def test_every_command_help_shows_the_spec_options_types_and_limits(hoiio: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    """Straight from spec/ (the generator's loader), not from the generated table the CLI reads."""
    from generator.emit import limits
    from generator.spec import load

    monkeypatch.setenv("COLUMNS", "10000")  # one line per option: argparse wraps at the terminal's width
    spec = load(ROOT)
    checked = 0
    for group in spec.groups:
        run = hoiio(group.name, "--help")
        assert run.code == 0, run.err
        for ep in group.endpoints:
            for m in ep.methods:
                action = m.name.replace("_", "-")
                summary = m.summary or ep.summary  # a method's own, where one endpoint serves several
                assert re.search(rf"^\s+{action}\s+{re.escape(summary)}$", run.out, re.M), f"{group.name} --help: {action}"
                page = hoiio(group.name, action, "--help")
                assert page.code == 0, page.err
                text = page.out
                assert text.startswith(f"usage: hoiio {group.name} {action} ")
                assert f"{summary} ({ep.path})" in text
                assert ("Costs money." in text) == ep.charged, f"{ep.path}: charged={ep.charged}"
                assert ("--all " in text and "--limit " in text) == bool(ep.paginated), ep.path
                options = option_lines(text)
                for p in m.params:
                    flag = "--" + p.wire.replace("_", "-")
                    assert flag in options, f"{group.name} {action}: {flag} missing"
                    line = options[flag]
                    shown = metavar(p)
                    assert line.split()[1:2] == ([shown] if shown else [line.split()[1]]), f"{flag}: {line}"
                    assert p.doc in line, f"{flag}: the spec's doc is not in {line!r}"
                    if limits(p):
                        assert f"[{limits(p)}]" in line, f"{flag}: the limits {limits(p)!r} are not in {line!r}"
                    needed = p.required or p.wire in m.require
                    usage = " ".join(text.split("\n\n", 1)[0].split())
                    if p.type != "flag":
                        assert (f"[{flag} " not in usage) == needed, f"{flag}: required={needed} but usage is {usage!r}"
                    checked += 1
    assert checked > 100


def test_a_few_help_lines_read_as_the_reference_says(hoiio: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "10000")
    sms = hoiio("sms", "send", "--help").out
    assert re.search(r"--tag STR\s+Your own reference .*\[at most 256 characters\]$", sms, re.M)
    assert re.search(r"--dest PHONE\s+The recipient's mobile number \(E\.164\)\. \[E\.164\]$", sms, re.M)
    bulk = hoiio("sms", "bulk-send", "--help").out
    assert re.search(r"--dest NUMBER\s+.*\[E\.164 each; at most 1000 items\].*@FILE", bulk, re.M)
    assert "--workers" in bulk
    subscribe = hoiio("number", "subscribe", "--help").out
    assert re.search(r"--duration \{1,3,12,auto_extend\}\s+.*\[one of 1, 3, 12, auto_extend\]", subscribe)
    voice = hoiio("voice", "history", "--help").out
    assert "--from DATETIME" in voice and "--page N" in voice and "--all" in voice
    export = hoiio("history", "export", "--help").out
    # (Python 3.13's argparse writes "-o, --output FILE.csv", older ones "-o FILE.csv, --output FILE.csv")
    assert re.search(r"-o( FILE\.csv)?, --output FILE\.csv", export) and "{sms,voice,fax}" in export and "--to" not in export


def test_sandbox_help_is_the_sandbox_s(hoiio: Callable[..., Run]) -> None:
    run = hoiio("sandbox", "--help")
    assert run.code == 0, run.err
    assert run.out.startswith("usage: hoiio sandbox")
    for text in ("--port", "--db", "--freeze", "--app-id", "--access-token", "advance", "Control commands"):
        assert text in run.out
    assert "sandbox" in hoiio("--help").out


# ---- sending an SMS ----


def test_sms_send_prints_a_table_and_the_txn_ref_is_real(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                                         env: Dict[str, str]) -> None:  # fmt: skip
    run = hoiio("sms", "send", "--msg", "Hoiio World", "--dest", DEST)
    assert run.code == 0 and run.err == ""
    fields = dict(line.split(": ", 1) for line in run.out.splitlines())
    assert fields["status"] == "success_ok"
    ref = fields["txn_ref"]
    assert TXN_REF.match(ref)
    [sent] = transactions(sandbox, account)
    assert (sent["txn_ref"], sent["dest"], sent["msg"]) == (ref, DEST, "Hoiio World")
    # ... and the CLI reads it back, from the status and from the history
    status = hoiio("sms", "status", "--txn-ref", ref)
    assert status.code == 0 and f"txn_ref: {ref}" in status.out and "sms_status: queued" in status.out
    history = hoiio("sms", "history")
    header, row = history.out.splitlines()[-2:]
    assert header.split()[0] == "txn_ref"
    assert row.split()[0] == ref and DEST in row and "Hoiio World" in row


@pytest.mark.parametrize("where", ["before", "after"])
def test_sms_send_json_is_what_hoiio_sent(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any], env: Dict[str, str],
                                          where: str) -> None:  # fmt: skip
    argv = ["sms", "send", "--msg", "json please", "--dest", DEST, "--tag", "t-1"]
    run = hoiio(*(["--json", *argv] if where == "before" else [*argv, "--json"]))
    assert run.code == 0 and run.err == ""
    body = json.loads(run.out)
    assert body["status"] == "success_ok" and set(body) == {"status", "txn_ref"}
    [sent] = transactions(sandbox, account)
    assert sent["txn_ref"] == body["txn_ref"] and sent["tag"] == "t-1"


# ---- errors: one line, the documented exit code ----


@pytest.mark.parametrize(
    "argv, names",
    [
        (["sms", "send", "--msg", "hi", "--dest", "12345"], "sms.send: --dest: '12345' has no country code"),
        (["sms", "send", "--msg", "hi"], "--dest"),
        (["sms", "send", "--msg", "", "--dest", DEST], "sms.send: --msg: must not be empty"),
        (["sms", "send", "--msg", "hi", "--dest", DEST, "--tag", "x" * 257], "sms.send: --tag: is 257 characters long"),
        (["sms", "send", "--msg", "hi", "--dest", DEST, "--extra", "no-equals-sign"], "--extra"),
        (["sms", "bulk-send", "--msg", "hi", "--dest", f"{DEST},+65abc"], "+65abc"),
        (["voice", "call", "--dest2", DEST, "--max-duration", "0"], "voice.call: --max-duration: 0 is too small"),
        (["voice", "call", "--dest2", DEST, "--max-duration", "ten"], "--max-duration"),
        (["number", "subscribe", "--number", "+6561234567", "--duration", "5"], "--duration"),
        (["sms", "history", "--page", "0"], "sms.history: --page: 0 is too small"),
        (["sms", "history", "--from", "2012-01-01"], "sms.history: --from: '2012-01-01' is not a date and time"),
        (["sms", "history", "--from", "2013-01-01 00:00:00", "--to", "2012-01-01 00:00:00"],
         "--to: '2012-01-01 00:00:00' is before --from '2013-01-01 00:00:00'; expected --to at or after --from"),
        (["voice", "call", "--dest1", DEST, "--dest2", DEST], "voice.call: --dest1 and --dest2 must be different numbers"),
        (["history", "export", "sms", "-o", "-", "--from", "2012"], "sms.history: --from: '2012' is not a date and time"),
        (["sms", "send", "--msg", "x" * 2000, "--dest", DEST],
         "sms.send: --msg: 2000 characters is too long (14 SMS parts); at most 3 parts: 459 GSM-7 characters or 201 with Unicode"),
        (["sms", "rate", "--msg", "x" * 2000, "--dest", DEST], "sms.rate: --msg: 2000 characters is too long (14 SMS parts)"),
        (["sms", "send", "--mgs", "hi", "--dest", DEST], "hoiio sms send: unknown option --mgs; did you mean --msg?"),
        (["sms", "send", "--msg", "hi", "--dest", DEST, "--sender-nmae", "Shop"], "unknown option --sender-nmae; did you mean --sender-name?"),
        (["sms", "history", "--from=2012-01-01 00:00:00", "--fomr", "x"], "unknown option --fomr; did you mean --from?"),
        (["history", "export", "sms", "--ouptut", "x.csv"], "unknown option --ouptut; did you mean --output?"),
        (["sms", "send", "--msg", "hi", "--dest", DEST, "--frobnicate"], "hoiio sms send: unknown option --frobnicate (see"),
        (["sms", "teleport"], "teleport"),
    ],
    ids=lambda v: " ".join(v)[:50] if isinstance(v, list) else v,
)
def test_bad_arguments_exit_2_with_one_line_naming_the_parameter_and_send_nothing(
    hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any], env: Dict[str, str], argv: List[str], names: str
) -> None:
    before = balance(sandbox, account)
    run = hoiio(*argv)
    assert run.code == 2
    assert run.out == ""
    line = one_line(run)
    assert names in line, line
    assert "usage:" not in line and "Traceback" not in run.err
    assert not re.search(r"\b(from_|max_duration|sender_name)\b", line), "the flags, not the Python names"
    assert transactions(sandbox, account, kind="") == [] and balance(sandbox, account) == before


@pytest.mark.parametrize("problem", ["bad token", "no credit", "unknown txn_ref"])
def test_a_hoiio_error_exits_1_with_one_line_naming_the_status(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                                               env: Dict[str, str], problem: str) -> None:  # fmt: skip
    argv, status = {
        "bad token": (["sms", "send", "--msg", "hi", "--dest", DEST, "--access-token", "not-the-token"], "error_invalid_access_token"),
        "no credit": (["sms", "send", "--msg", "hi", "--dest", DEST], "error_insufficient_credit"),
        "unknown txn_ref": (["sms", "status", "--txn-ref", "AA-S-1"], "error_invalid_txn_ref"),
    }[problem]
    if problem == "no credit":
        sandbox.drain(app_id=account["app_id"])
    run = hoiio(*argv)
    assert run.code == 1
    assert run.out == "", "the answer is the error line, not a table of it as well"
    line = one_line(run)
    assert line.startswith("hoiio: sms.") and f"Hoiio answered {status} (" in line, line
    assert transactions(sandbox, account) == []
    # with --json the body Hoiio sent is still printed, for scripts; the one line too
    run = hoiio("--json", *argv)
    assert run.code == 1 and json.loads(run.out) == {"status": status}
    assert one_line(run) == line


def test_a_network_failure_exits_3_with_one_line(hoiio: Callable[..., Run], env: Dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    slept: List[float] = []
    make_client = cli._client

    def no_waiting(opts: Dict[str, Any]) -> Any:  # the retries' backoff, recorded instead of slept
        client = make_client(opts)
        client._transport._sleep = slept.append
        return client

    monkeypatch.setattr(cli, "_client", no_waiting)
    run = hoiio("account", "balance", "--base-url", closed_port_url())  # the flag wins over HOIIO_BASE_URL
    assert run.code == 3 and run.out == ""
    line = one_line(run)
    assert line.startswith("hoiio: account.balance:") and "connection" in line, line
    assert len(slept) == 2, "a free query is retried before the command gives up"


def test_exit_codes_of_a_real_process(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    env = process_env(credentials(sandbox, account))
    ok = process(["sms", "send", "--msg", "hi", "--dest", DEST], env)
    assert (ok.returncode, ok.stderr) == (0, "") and "txn_ref: AA-S-" in ok.stdout
    for argv, code in [
        (["sms", "send", "--msg", "hi", "--dest", "12345"], 2),
        (["sms", "send", "--msg", "hi"], 2),
        (["sms", "send", "--msg", "hi", "--dest", DEST, "--access-token", "nope"], 1),
        (["sms", "send", "--msg", "hi", "--dest", DEST, "--base-url", closed_port_url()], 3),
    ]:
        out = process(argv, env)
        assert out.returncode == code, (argv, out.returncode, out.stderr)
        assert out.stdout == ""
        one_line(out)
    assert len(transactions(sandbox, account)) == 1


def test_a_reader_that_goes_away_stops_the_command_quietly(sandbox: Sandbox, seeded: Dict[str, Any]) -> None:
    """`hoiio sms history --all --json | head -1`: no 'Broken pipe' complaint, no traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "hoiio", "sms", "history", "--all", "--json"], env=process_env(credentials(sandbox, seeded)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"[\n"  # some 350 kB follow: far more than a pipe holds
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 141, err
    assert err == ""


# ---- credentials: flags or environment ----


def test_credentials_from_flags_alone(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    for key in ("HOIIO_BASE_URL", "HOIIO_APP_ID", "HOIIO_ACCESS_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    flags = ["--app-id", account["app_id"], "--access-token", account["access_token"], "--base-url", sandbox.base_url]
    after = hoiio("sms", "send", "--msg", "flags after", "--dest", DEST, *flags)
    before = hoiio(*flags, "sms", "send", "--msg", "flags before", "--dest", DEST)
    assert (after.code, before.code) == (0, 0), after.err + before.err
    assert sorted(t["msg"] for t in transactions(sandbox, account)) == ["flags after", "flags before"]


def test_flags_win_over_the_environment(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any], env: Dict[str, str]) -> None:
    other = sandbox.create_account()
    run = hoiio("sms", "send", "--msg", "to the other", "--dest", DEST, "--app-id", other["app_id"], "--access-token", other["access_token"])
    assert run.code == 0, run.err
    assert transactions(sandbox, account) == []
    assert [t["msg"] for t in transactions(sandbox, other)] == ["to the other"]
    # (--base-url over HOIIO_BASE_URL: test_a_network_failure_exits_3_with_one_line)


@pytest.mark.parametrize("missing", ["HOIIO_APP_ID", "HOIIO_ACCESS_TOKEN"])
def test_missing_credentials_exit_2_naming_the_variable(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                                        env: Dict[str, str], monkeypatch: pytest.MonkeyPatch, missing: str) -> None:  # fmt: skip
    monkeypatch.delenv(missing)
    run = hoiio("sms", "send", "--msg", "hi", "--dest", DEST)
    assert run.code == 2 and run.out == ""
    assert missing in one_line(run)
    assert transactions(sandbox, account) == []


# ---- --debug: the request, never the token ----


def test_debug_logs_each_request_with_the_secrets_redacted(sandbox: Sandbox) -> None:
    secret = "tok-SECRET-4f0c9e1b"
    acct = sandbox.create_account(access_token=secret)
    env = process_env(credentials(sandbox, acct))
    sent = process(["--debug", "sms", "send", "--msg", "private words", "--dest", DEST], env)
    paged = process(["sms", "history", "--all", "--debug"], env)
    flagged = process(["sms", "send", "--msg", "hi", "--dest", DEST, "--debug", "--access-token", secret + "-wrong"], process_env(
        {"HOIIO_BASE_URL": sandbox.base_url, "HOIIO_APP_ID": acct["app_id"]}))  # fmt: skip
    assert (sent.returncode, paged.returncode, flagged.returncode) == (0, 0, 1), sent.stderr + paged.stderr + flagged.stderr
    for out in (sent, paged, flagged):
        assert secret not in out.stdout + out.stderr
        assert "'access_token': '***'" in out.stderr
    assert re.search(r"POST sms/send params=\{.*'app_id': 'AP-", sent.stderr)
    assert "POST sms/send -> HTTP 200 success_ok" in sent.stderr
    assert "private words" not in sent.stderr and DEST not in sent.stderr, "message and number are masked too"
    assert "POST sms/get_history" in paged.stderr
    assert "POST sms/send -> HTTP 200 error_invalid_access_token" in flagged.stderr
    assert flagged.stderr.splitlines()[-1].startswith("hoiio: sms.send: Hoiio answered error_invalid_access_token")
    # (without --debug a successful command prints nothing on stderr: test_exit_codes_of_a_real_process)


# ---- --all: every page ----


def test_all_fetches_every_page(hoiio: Callable[..., Run], sandbox: Sandbox, seeded: Dict[str, Any],
                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    for key, value in credentials(sandbox, seeded).items():
        monkeypatch.setenv(key, value)
    expected = {t["txn_ref"] for t in transactions(sandbox, seeded)}
    assert len(expected) == SEEDED["sms"] > 1000

    one_page = hoiio("sms", "history", "--json")
    body = json.loads(one_page.out)
    assert len(body["entries"]) == 100 and body["total_entries_count"] == str(SEEDED["sms"])

    everything = hoiio("sms", "history", "--all", "--json")
    assert everything.code == 0 and everything.err == ""
    entries = json.loads(everything.out)
    refs = [e["txn_ref"] for e in entries]
    assert len(refs) == SEEDED["sms"] and set(refs) == expected

    table = hoiio("sms", "history", "--all")
    lines = table.out.splitlines()
    assert lines[0].split()[0] == "txn_ref" and lines[-1] == f"{SEEDED['sms']} entries of {SEEDED['sms']}"
    assert {ln.split()[0] for ln in lines[1:-1]} == expected

    limited = hoiio("sms", "history", "--all", "--limit", "150", "--json")
    assert len(json.loads(limited.out)) == 150
    one_page = hoiio("sms", "history", "--all", "--max-pages", "1", "--json")
    assert len(json.loads(one_page.out)) == min(100, SEEDED["sms"])
    bad = hoiio("sms", "history", "--all", "--max-pages", "-1")
    assert bad.code != 0 and "--max-pages:" in bad.err and "Traceback" not in bad.err

    calls = hoiio("voice", "history", "--from", "2012-01-01 00:00:00", "--all")
    assert calls.code == 0, calls.err
    assert calls.out.splitlines()[-1] == f"{SEEDED['voice']} entries of {SEEDED['voice']}"
    assert {ln.split()[0] for ln in calls.out.splitlines()[1:-1]} == {t["txn_ref"] for t in transactions(sandbox, seeded, "call")}


# ---- history export ----


def entry_fields(sandbox: Sandbox, acct: Dict[str, Any], service: str) -> List[str]:
    """The entry model's fields, as the SDK (not the CLI) knows them."""
    with sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client:
        entry = getattr(client, service).history().entries[0]
    return list(type(entry)._FIELDS)


@pytest.mark.parametrize("service", ["sms", "voice", "fax"])
def test_history_export_writes_a_csv_with_a_header_and_one_row_per_entry(
    hoiio: Callable[..., Run], sandbox: Sandbox, seeded: Dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, service: str
) -> None:
    for key, value in credentials(sandbox, seeded).items():
        monkeypatch.setenv(key, value)
    target = tmp_path / f"{service}.csv"
    run = hoiio("history", "export", service, "--output", str(target))
    assert run.code == 0 and run.out == "" and run.err == "", run.err  # quiet when not on a terminal
    with open(target, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    fields = entry_fields(sandbox, seeded, service)
    assert header[: len(fields)] == fields
    assert len(body) == SEEDED[service]
    recorded = transactions(sandbox, seeded, KIND[service])
    assert sorted(r[0] for r in body) == sorted(t["txn_ref"] for t in recorded)
    by_ref = {t["txn_ref"]: t for t in recorded}
    date = header.index("date")
    status = header.index({"sms": "sms_status", "voice": "call_status_dest2", "fax": "fax_status"}[service])
    for row in body:
        assert len(row) == len(header)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+08:00", row[date]), row[date]
        assert row[status] == by_ref[row[0]][header[status]], "statuses are written as Hoiio's words"


@pytest.mark.parametrize("service", ["sms", "voice", "fax"])
def test_an_empty_history_exports_the_header_alone(hoiio: Callable[..., Run], env: Dict[str, str], tmp_path: Path, service: str) -> None:
    target = tmp_path / "empty.csv"
    run = hoiio("history", "export", service, "--output", str(target))
    assert run.code == 0, run.err
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 1 and rows[0][0] == "txn_ref" and "date" in rows[0] and "debit" in rows[0]


def test_history_export_to_stdout_and_its_errors(hoiio: Callable[..., Run], sandbox: Sandbox, seeded: Dict[str, Any],
                                                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # fmt: skip
    for key, value in credentials(sandbox, seeded).items():
        monkeypatch.setenv(key, value)
    run = hoiio("history", "export", "fax", "--output", "-")
    rows = list(csv.reader(io.StringIO(run.out)))
    assert run.code == 0 and len(rows) == 1 + SEEDED["fax"] and rows[0][0] == "txn_ref"
    bad = hoiio("history", "export", "sms", "--output", str(tmp_path / "x.csv"), "--access-token", "nope")
    assert bad.code == 1 and "error_invalid_access_token" in one_line(bad)
    nowhere = hoiio("history", "export", "sms", "--output", str(tmp_path / "no" / "such" / "dir.csv"))
    assert nowhere.code == 2 and "dir.csv" in one_line(nowhere)
    unknown = hoiio("history", "export", "ivr", "--output", str(tmp_path / "x.csv"))
    assert unknown.code == 2 and "ivr" in one_line(unknown)


def test_a_failed_export_leaves_an_existing_file_as_it_was(hoiio: Callable[..., Run], sandbox: Sandbox, seeded: Dict[str, Any],
                                                          monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # fmt: skip
    for key, value in credentials(sandbox, seeded).items():
        monkeypatch.setenv(key, value)
    target = tmp_path / "sms.csv"
    target.write_text("last month's export\n", encoding="utf-8")
    target.chmod(0o640)
    bad = hoiio("history", "export", "sms", "--output", str(target), "--access-token", "nope")
    assert bad.code == 1
    assert target.read_text(encoding="utf-8") == "last month's export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sms.csv"], "no partial file is left behind"
    good = hoiio("history", "export", "sms", "--output", str(target))
    assert good.code == 0 and target.read_text(encoding="utf-8").startswith("txn_ref,")
    assert target.stat().st_mode & 0o777 == 0o640, "the file keeps its mode, as open(path, 'w') would"


# ---- bulk send from a file, in chunks ----


def test_bulk_send_from_a_file_of_more_than_1000_numbers_goes_in_chunks(
    hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any], env: Dict[str, str], tmp_path: Path
) -> None:
    sandbox.topup(points="100", app_id=account["app_id"])
    dests = numbers(1500, start=200000)
    path = tmp_path / "numbers.txt"
    path.write_text("# our customers\n" + "\n".join(dests[:700]) + "\n\n" + "\n".join(dests[700:]) + "  # the rest\n", encoding="utf-8")
    run = hoiio("sms", "bulk-send", "--msg", "Sale today!", "--dest", f"@{path}", "--workers", "2")
    assert run.code == 0 and run.err == "", run.err
    rows = [dict(item.split("=", 1) for item in line.split()) for line in run.out.splitlines()]
    assert [(r["chunk"], r["numbers"], r["status"]) for r in rows] == [("1", "1000", "success_ok"), ("2", "500", "success_ok")]
    assert all(r["bulk_txn_ref"].startswith("AA-B-") for r in rows) and rows[0]["bulk_txn_ref"] != rows[1]["bulk_txn_ref"]
    sent = transactions(sandbox, account)
    assert len(sent) == 1500 and sorted(t["dest"] for t in sent) == sorted(dests)
    assert {t["msg"] for t in sent} == {"Sale today!"}


def test_bulk_send_checks_every_number_before_sending_any(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                                          env: Dict[str, str], tmp_path: Path) -> None:  # fmt: skip
    dests = numbers(1200)
    dests[1100] = "6512"
    path = tmp_path / "numbers.txt"
    path.write_text("\n".join(dests) + "\n", encoding="utf-8")
    run = hoiio("sms", "bulk-send", "--msg", "hi", "--dest", f"@{path}")
    assert run.code == 2 and "6512" in one_line(run)
    assert transactions(sandbox, account) == []


def test_bulk_send_chunks_hoiio_refuses_exit_1_with_one_line(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                                             env: Dict[str, str], tmp_path: Path) -> None:  # fmt: skip
    path = tmp_path / "numbers.txt"
    path.write_text("\n".join(numbers(1001)), encoding="utf-8")
    sandbox.drain(leave="1", app_id=account["app_id"])  # enough for 26 SMS: not for a chunk of 1000
    run = hoiio("--json", "sms", "bulk-send", "--msg", "hi", "--dest", f"@{path}")
    assert run.code == 1
    assert [(r["numbers"], r["status"]) for r in json.loads(run.out)] == [(1000, "error_insufficient_credit"), (1, "success_ok")]
    assert "1 of 2 chunks failed (error_insufficient_credit)" in one_line(run)
    assert len(transactions(sandbox, account)) == 1


# ---- progress: a bar on a terminal, nothing when piped ----


def test_long_work_is_quiet_when_piped(sandbox: Sandbox, seeded: Dict[str, Any], account: Dict[str, Any], tmp_path: Path) -> None:
    exported = process(["history", "export", "sms", "-o", str(tmp_path / "sms.csv")], process_env(credentials(sandbox, seeded)))
    assert (exported.returncode, exported.stdout, exported.stderr) == (0, "", "")
    assert len((tmp_path / "sms.csv").read_text(encoding="utf-8").splitlines()) == 1 + SEEDED["sms"]
    paged = process(["sms", "history", "--all"], process_env(credentials(sandbox, seeded)))
    assert paged.returncode == 0 and paged.stderr == "" and "\r" not in paged.stdout
    sandbox.topup(points="100", app_id=account["app_id"])
    (tmp_path / "numbers.txt").write_text("\n".join(numbers(1100, start=300000)), encoding="utf-8")
    bulk = process(["sms", "bulk-send", "--msg", "hi", "--dest", f"@{tmp_path / 'numbers.txt'}"], process_env(credentials(sandbox, account)))
    assert (bulk.returncode, bulk.stderr) == (0, "") and len(bulk.stdout.splitlines()) == 2


def test_long_work_shows_a_progress_bar_on_a_terminal(sandbox: Sandbox, seeded: Dict[str, Any], account: Dict[str, Any],
                                                      tmp_path: Path) -> None:  # fmt: skip
    total = SEEDED["sms"]
    code, out, err = on_a_terminal(["history", "export", "sms", "--output", str(tmp_path / "sms.csv")], process_env(credentials(sandbox, seeded)))
    assert code == 0 and out == ""
    bars = re.findall(r"\r\[([#.]{30})\] (\d+)/(\d+) entries", err)
    assert [int(done) for _, done, _ in bars] == list(range(100, total + 1, 100))
    assert {int(t) for _, _, t in bars} == {total}
    assert bars[0][0].count("#") < bars[-1][0].count("#")
    assert f"exported {total} sms entries to" in err
    assert len((tmp_path / "sms.csv").read_text(encoding="utf-8").splitlines()) == 1 + total, "the bar goes to stderr, never the file"

    sandbox.topup(points="100", app_id=account["app_id"])
    (tmp_path / "numbers.txt").write_text("\n".join(numbers(1100, start=400000)), encoding="utf-8")
    code, out, err = on_a_terminal(["sms", "bulk-send", "--msg", "hi", "--dest", f"@{tmp_path / 'numbers.txt'}"],
                                   process_env(credentials(sandbox, account)))  # fmt: skip
    assert code == 0 and len(out.splitlines()) == 2 and "\r" not in out
    assert re.findall(r"\] (\d+)/1100 numbers", err) == ["1000", "1100"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Counted:
    """An iterable like the pager: ``total`` known (or not)."""

    def __init__(self, count: int, total: Optional[int]) -> None:
        self.count, self.total = count, total

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.count))


def test_the_progress_function_draws_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(cli._with_progress(Counted(250, 250), "entries")) == list(range(250))
    assert terminal.getvalue() == f"\r[{'#' * 12}{'.' * 18}] 100/250 entries\r[{'#' * 24}{'.' * 6}] 200/250 entries\n"

    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert len(list(cli._with_progress(Counted(120, None), "entries"))) == 120
    assert terminal.getvalue() == "\r100 entries\n", "no total: a count, no bar"

    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert len(list(cli._with_progress(Counted(99, 99), "entries"))) == 99
    assert terminal.getvalue() == "", "short work draws nothing"

    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    assert len(list(cli._with_progress(Counted(500, 500), "entries"))) == 500
    assert piped.getvalue() == ""


def test_an_abbreviated_flag_still_works(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any], env: Dict[str, str]) -> None:
    """The unknown-flag check leaves argparse's unambiguous abbreviations alone (--ms for --msg)."""
    run = hoiio("sms", "send", "--ms", "hi", "--dest", DEST)
    assert run.code == 0, run.err
    run = hoiio("sms", "send", "--msg", "-- sale --", "--dest", DEST)  # a value that starts with dashes, as argparse takes it
    assert run.code == 0, run.err
    assert [t["msg"] for t in transactions(sandbox, account)] == ["hi", "-- sale --"]
