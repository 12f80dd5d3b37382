"""The kinds of parameter value: one class each in the runtime and one reader each in the
sandbox, as the spec's kinds table lists them; what the SDK sends of a kind the sandbox reads
back as the same value, and a wire value the sandbox refuses the SDK refuses before sending."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import pytest
import yaml
from hoiio._generated.kinds import KINDS
from hoiio._runtime.kinds import Bad, Kind
from hoiio._runtime.params import Param
from hoiio.sandbox.checks import endpoints
from hoiio.sandbox.reading import READ

ROOT = Path(__file__).resolve().parents[2]
TABLE: Dict[str, Dict[str, Any]] = yaml.safe_load((ROOT / "spec" / "api.yaml").read_text(encoding="utf-8"))["kinds"]
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MOMENT = dt.datetime(2026, 12, 7, 9, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))


class At:
    """The sandbox side of a reading: every status listed, an account showing +6511111111."""

    def __init__(self, statuses: Sequence[str] = ()) -> None:
        self.statuses = tuple(statuses)

    def caller_ids(self) -> List[str]:
        return ["+6511111111", "p"]


def test_every_kind_of_the_table_has_its_class_with_the_rows_traits():
    assert list(KINDS) == list(TABLE)
    for name, row in TABLE.items():
        kind = KINDS[name]
        assert type(kind).__name__ == "".join(part.capitalize() for part in name.split("_"))
        assert isinstance(kind, Kind)
        assert (kind.masked, kind.file, kind.ordered) == (bool(row.get("masked")), bool(row.get("file")), bool(row.get("ordered"))), name
    assert repr(KINDS["phone"]) == "Phone(masked=True)" and repr(KINDS["str"]) == "Str()"


def test_every_kind_of_the_table_has_its_sandbox_reader():
    assert list(READ) == list(TABLE)
    for name in TABLE:
        assert callable(READ[name]) and READ[name].__name__ == f"read_{name}", name


def test_a_kind_without_a_sandbox_reader_fails_at_import():
    code = (
        "from hoiio._generated.kinds import KINDS\n"
        "from hoiio._runtime.kinds import Str\n"
        "KINDS['country'] = Str()\n"
        "import hoiio.sandbox.reading\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "ImportError: hoiio.sandbox.reading: no reader for the kinds ['country']" in proc.stderr


def sample(param: Param) -> Tuple[Any, Any]:
    """A value a caller may give for ``param``, and what the sandbox should read it as."""
    kind = param.kind
    if kind == "str":
        fits = [t for t in ("hello", "SG", "Acme Ltd", "room_1.a") if param.pattern is None or re.fullmatch(param.pattern, t)]
        assert fits, f"no sample text for the pattern {param.pattern!r}: add one"
        return fits[0], fits[0]
    if kind == "int":
        number = max(param.minimum or 0, 1)
        return number, number
    if kind == "phone":
        return "+6511111111", "+6511111111"
    if kind == "phone_list":
        return ["+6511111111", "+6522222222"], ["+6511111111", "+6522222222"]
    if kind == "transfer_dest":
        return "room:conf_1", "room:conf_1"
    if kind == "caller_id":
        return "private", "private"
    if kind == "url":
        return "https://example.com/hook?a=1", "https://example.com/hook?a=1"
    if kind == "enum":
        return param.values[0], param.values[0]  # type: ignore[index]
    if kind == "datetime":
        return MOMENT, MOMENT.timestamp()
    if kind == "pdf":
        return PDF, ("document.pdf", PDF)
    if kind == "recipients":
        return [{"dest": "+6511111111", "name": "Ann"}], [{"dest": "+6511111111", "name": "Ann"}]
    if kind == "flag":
        return True, True
    raise AssertionError(f"no sample for the kind {kind!r}: add one")


def every_param() -> List[Tuple[str, Param, Tuple[str, ...]]]:
    return [(f"{ep.path}:{p.wire}", p, ep.statuses) for ep in endpoints().values() for p in ep.params]


@pytest.mark.parametrize("where,param,statuses", every_param(), ids=[w for w, _, _ in every_param()])
def test_what_the_sdk_sends_the_sandbox_reads_back(where: str, param: Param, statuses: Tuple[str, ...]):
    kind = KINDS[param.kind]
    given, expected = sample(param)
    wire = kind.send(given, param, None)
    if kind.file:
        name, content, media = wire
        assert media == "application/pdf"
        wire = (name, content)
    assert READ[param.kind](wire, param, At(statuses)) == expected


def test_every_kind_is_taken_by_some_parameter_of_the_spec():
    assert {p.kind for _, p, _ in every_param()} == set(TABLE)


def param(kind: str, **limits: Any) -> Param:
    return Param("x", "x", kind, **limits)


#: Wire text that Hoiio refused, by kind: the SDK refuses it too, before sending.
REFUSED = [
    ("int", {}, "1.5"),
    ("int", {"minimum": 1}, "0"),
    ("phone", {}, "+0123456789"),
    ("phone", {}, "+65 1111 1111"),
    ("phone_list", {}, "+6511111111,12345"),
    ("transfer_dest", {}, "room:bad room"),
    ("transfer_dest", {}, "room:" + "a" * 33),
    ("caller_id", {}, "secret"),
    ("url", {}, "ftp://example.com/"),
    ("url", {}, "http://exa mple.com/"),
    ("url", {}, "http://example.com/\x00"),
    ("url", {}, "http:///path-only"),
    ("url", {}, "http://[::1/"),
    ("url", {"max_length": 20}, "https://example.com/too-long"),
    ("enum", {"values": ("a", "b")}, "c"),
    ("datetime", {}, "2026-02-30 10:00:00"),
    ("datetime", {}, "2026-13-01 10:00:00"),
    ("datetime", {}, "2026-12-07T10:00:00"),
    ("str", {"max_length": 3}, "abcd"),
    ("str", {"pattern": "^[a-z]+$"}, "ABC"),
    ("recipients", {}, '[{"dest": "12345"}]'),
]


@pytest.mark.parametrize("kind,limits,text", REFUSED, ids=[f"{k}:{t!r}" for k, _, t in REFUSED])
def test_what_the_sandbox_refuses_the_sdk_refuses_before_sending(kind: str, limits: Dict[str, Any], text: str):
    p = param(kind, **limits)
    with pytest.raises(Bad):
        READ[kind](text, p, At())
    given: Any = text
    if kind == "recipients":
        given = [{"dest": "12345"}]
    with pytest.raises(Bad) as raised:
        KINDS[kind].send(given, p, None)
    assert str(raised.value)  # the message says what was wrong


def test_the_problem_names_the_status_key_that_applies():
    too_long = param("str", max_length=3)
    with pytest.raises(Bad) as raised:
        READ["str"]("abcd", too_long, At())
    assert raised.value.problem == "too_long"
    with pytest.raises(Bad) as raised:
        READ["phone_list"](",".join(["+6511111111"] * 4), param("phone_list", max_items=3), At())
    assert raised.value.problem == "too_many"
    with pytest.raises(Bad) as raised:
        READ["pdf"](("a.pdf", PDF), param("pdf", max_bytes=10), At())
    assert raised.value.problem == "too_big"


def test_an_unresolvable_host_is_refused_only_where_the_endpoint_lists_its_status():
    url = param("url", unresolvable="error_unable_to_resolve_notify_url")
    assert READ["url"]("http://hook.invalid/x", url, At()) == "http://hook.invalid/x"
    with pytest.raises(Bad) as raised:
        READ["url"]("http://hook.invalid/x", url, At(["error_unable_to_resolve_notify_url"]))
    assert raised.value.status == "error_unable_to_resolve_notify_url"


def test_a_bad_room_answers_the_rooms_status_where_the_endpoint_lists_it():
    dest = param("transfer_dest")
    with pytest.raises(Bad) as raised:
        READ["transfer_dest"]("room:bad room", dest, At(["error_invalid_room"]))
    assert raised.value.status == "error_invalid_room"
    with pytest.raises(Bad) as raised:
        READ["transfer_dest"]("room:bad room", dest, At())
    assert raised.value.status is None and raised.value.problem == "invalid"


def test_a_caller_id_is_one_the_account_may_show():
    caller = param("caller_id")
    assert READ["caller_id"]("+6511111111", caller, At()) == "+6511111111"
    assert READ["caller_id"]("p", caller, At()) == "p"
    with pytest.raises(Bad):
        READ["caller_id"]("+6599999999", caller, At())  # well formed, not the account's
