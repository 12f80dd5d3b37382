# ruff: noqa: F811 (the fixtures of test_cli.py, imported by name, are parameters here)
"""The command line, read by people: nested entries as nested rows, a help text per command,
`history export --output` (with the old `--to` deprecated), and error hints that name a flag or
an environment variable rather than Python. Against a sandbox on a free loopback port, in the
style of test_cli.py (whose fixtures this module shares)."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
from hoiio import cli
from hoiio.sandbox.server import Sandbox
from hoiio.service.fax import Fax
from hoiio.service.sms import Sms

from features.test_cli import (  # noqa: F401 (fixtures)
    DEST,
    SEEDED,
    Run,
    account,
    credentials,
    env,
    hoiio,
    one_line,
    sandbox,
    seeded,
    transactions,
)

PYTHON_ADVICE = re.compile(r"hoiio\.Client\(|Hoiio\.init\(|=True\b|allow_http|auto_tag|extra_params|\w+=\.\.\.")


def no_python_advice(line: str) -> str:
    assert not PYTHON_ADVICE.search(line), f"Python advice in a CLI error: {line}"
    return line


# ---- nested entries: a country's states ----


def test_available_countries_shows_states_as_nested_rows(hoiio: Callable[..., Run], sandbox: Sandbox, env: Dict[str, str]) -> None:
    run = hoiio("number", "available-countries")
    assert run.code == 0, run.err
    assert "{" not in run.out and "\u2026" not in run.out, "states printed as (truncated) JSON"
    lines = run.out.splitlines()
    countries = sandbox.client().number.available_countries().entries
    with_states = [c for c in countries if c.states]
    assert with_states, "the sandbox sells numbers by state somewhere"
    header = next(i for i, line in enumerate(lines) if line.split()[:3] == ["code", "name", "prefix"])
    assert "states" not in lines[header]
    for country in countries:
        row = next(i for i, line in enumerate(lines) if line.split()[:1] == [country.code] and not line.startswith(" "))
        assert lines[row].split()[-1] == country.prefix
        if not country.states:
            continue
        assert lines[row + 1] == f"    states ({len(country.states)}):"
        assert lines[row + 2].split()[:2] == ["code", "name"] and lines[row + 2].startswith("      code")
        for k, state in enumerate(country.states):
            cells = lines[row + 3 + k]
            assert cells.startswith("      ") and cells.split()[0] == state.code
            assert state.name in cells


def test_a_long_cell_is_cut_with_an_ellipsis_never_silently() -> None:
    assert cli._fit("x" * 50, 40) == "x" * 39 + "\u2026"
    assert cli._fit("short", 8) == "short   "


# ---- a help text per command ----


@pytest.mark.parametrize("group, service", [("sms", Sms), ("fax", Fax)])
def test_rate_and_rate_in_have_their_own_help_from_the_spec(hoiio: Callable[..., Run], monkeypatch: pytest.MonkeyPatch,
                                                            group: str, service: Any) -> None:  # fmt: skip
    monkeypatch.setenv("COLUMNS", "10000")
    listing = hoiio(group, "--help").out
    helps = {}
    for command, method in (("rate", service.rate), ("rate-in", service.rate_in)):
        summary = method.__doc__.strip().splitlines()[0]  # generated from the spec, as the help is
        assert re.search(rf"^\s+{command}\s+{re.escape(summary)}$", listing, re.M), listing
        assert hoiio(group, command, "--help").out.count(summary) == 1
        helps[command] = summary
    assert helps["rate"] != helps["rate-in"]
    assert "receiving" in helps["rate-in"] and "receiving" not in helps["rate"]


# ---- history export: --output, and the old --to ----


def test_history_export_writes_to_output_or_o(hoiio: Callable[..., Run], sandbox: Sandbox, seeded: Dict[str, Any],
                                             monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # fmt: skip
    for key, value in credentials(sandbox, seeded).items():
        monkeypatch.setenv(key, value)
    long_form, short_form = tmp_path / "long.csv", tmp_path / "short.csv"
    assert hoiio("history", "export", "voice", "--output", str(long_form)).code == 0
    run = hoiio("history", "export", "voice", "-o", str(short_form))
    assert run.code == 0 and run.err == ""
    rows = list(csv.reader(short_form.open(encoding="utf-8")))
    assert len(rows) == 1 + SEEDED["voice"] and short_form.read_bytes() == long_form.read_bytes()


def test_the_old_to_still_writes_the_file_with_a_deprecation_line(hoiio: Callable[..., Run], sandbox: Sandbox, seeded: Dict[str, Any],
                                                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # fmt: skip
    for key, value in credentials(sandbox, seeded).items():
        monkeypatch.setenv(key, value)
    target = tmp_path / "fax.csv"
    run = hoiio("history", "export", "fax", "--to", str(target))
    assert run.code == 0
    assert run.err_lines == ["hoiio: history export --to FILE is deprecated; use --output FILE (or -o FILE)"]
    assert len(list(csv.reader(target.open(encoding="utf-8")))) == 1 + SEEDED["fax"]


def test_export_needs_its_file_once(hoiio: Callable[..., Run], env: Dict[str, str], tmp_path: Path) -> None:
    neither = hoiio("history", "export", "sms")
    assert neither.code == 2 and "--output" in one_line(neither)
    both = hoiio("history", "export", "sms", "--output", str(tmp_path / "a.csv"), "--to", str(tmp_path / "b.csv"))
    assert both.code == 2 and "once" in one_line(both)
    assert list(tmp_path.iterdir()) == []


# ---- error hints in command-line terms ----


@pytest.mark.parametrize("missing, flag", [("HOIIO_APP_ID", "--app-id"), ("HOIIO_ACCESS_TOKEN", "--access-token")])
def test_missing_credentials_name_the_flag_and_the_variable(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                                            env: Dict[str, str], monkeypatch: pytest.MonkeyPatch,
                                                            missing: str, flag: str) -> None:  # fmt: skip
    monkeypatch.delenv(missing)
    run = hoiio("sms", "send", "--msg", "hi", "--dest", DEST)
    line = no_python_advice(one_line(run))
    assert run.code == 2 and f"give {flag} or set {missing}" in line
    assert transactions(sandbox, account) == []


def test_plain_http_off_loopback_names_allow_http_which_then_works(hoiio: Callable[..., Run], env: Dict[str, str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    url = "http://192.0.2.1:9/open/"  # TEST-NET-1: not loopback, and nothing answers there
    refused = hoiio("account", "balance", "--base-url", url)
    line = no_python_advice(one_line(refused))
    assert refused.code == 2 and "--allow-http" in line and line.startswith("hoiio: --base-url 'http://192.0.2.1:9/open/' is plain http")

    slept: List[float] = []
    make_client = cli._client

    def no_waiting(opts: Dict[str, Any]) -> Any:
        client = make_client(opts)
        client._transport._sleep = slept.append
        return client

    monkeypatch.setattr(cli, "_client", no_waiting)
    allowed = hoiio("account", "balance", "--base-url", url, "--allow-http", "--request-timeout", "0.3")
    assert allowed.code == 3, allowed.err  # accepted, then the network failed: the flag reached the client


def test_a_number_without_country_code_names_prefix(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                                    env: Dict[str, str]) -> None:  # fmt: skip
    run = hoiio("sms", "send", "--msg", "hi", "--dest", "91234567")
    line = no_python_advice(one_line(run))
    assert run.code == 2 and "--prefix" in line
    good = hoiio("sms", "send", "--msg", "hi", "--dest", "91234567", "--prefix", "65")
    assert good.code == 0 and transactions(sandbox, account)[0]["dest"] == "+6591234567"


def test_extra_naming_a_known_parameter_names_its_option(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                                         env: Dict[str, str]) -> None:  # fmt: skip
    run = hoiio("sms", "send", "--msg", "hi", "--dest", DEST, "--extra", "sender_name=Shop")
    line = no_python_advice(one_line(run))
    assert run.code == 2 and "--extra: 'sender_name' is a parameter the spec knows; give it as --sender-name" in line
    assert transactions(sandbox, account) == []


def test_an_unknown_outcome_says_to_give_tag(hoiio: Callable[..., Run], sandbox: Sandbox, account: Dict[str, Any],
                                             env: Dict[str, str]) -> None:  # fmt: skip
    sandbox.fault("drop", count=1, path="sms/send", after=True)
    try:
        run = hoiio("sms", "send", "--msg", "hi", "--dest", DEST)
    finally:
        sandbox.clear_faults()
    line = no_python_advice(one_line(run))
    assert run.code == 3 and "the outcome is unknown" in line and "give --tag" in line
    assert len(transactions(sandbox, account)) == 1, "it reached the sandbox once and was not sent again"


@pytest.mark.parametrize("python, command_line", [
    ("app_id is not set; pass it to hoiio.Client(...) or Hoiio.init(...), or set HOIIO_APP_ID",
     "app_id is not set; give --app-id or set HOIIO_APP_ID"),
    ("access_token is not set; pass it to hoiio.AsyncClient(...) or Hoiio.init(...), or set HOIIO_ACCESS_TOKEN",
     "access_token is not set; give --access-token or set HOIIO_ACCESS_TOKEN"),
    ("Client: base_url 'http://x/' is plain http; ... or pass allow_http=True", "--base-url 'http://x/' is plain http; ... or give --allow-http"),
    ("'9123' has no country code; expected E.164 such as '+6511111111' (or set a prefix)",
     "'9123' has no country code; expected E.164 such as '+6511111111' (or give --prefix, such as --prefix 65)"),
    ("by the tag you gave it (pass tag=..., or make the client with auto_tag=True)", "by the tag you gave it (give --tag)"),
    ("extra_params: 'from' is a parameter the spec knows; pass it as from_= so that it is checked",
     "--extra: 'from' is a parameter the spec knows; give it as --from so that it is checked"),
    ("extra_params: pass 'app_id' as a keyword argument, not in extra_params", "--extra: give 'app_id' as its own option, not with --extra"),
], ids=lambda v: v[:30])  # fmt: skip
def test_each_python_hint_has_its_command_line_words(python: str, command_line: str) -> None:
    assert cli.cli_hints(python) == command_line
    assert not PYTHON_ADVICE.search(command_line.replace("...", ""))
