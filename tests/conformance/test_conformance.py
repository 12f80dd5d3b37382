"""Conformance: every recorded Hoiio response (tests/conformance/responses/) validates against its
endpoint's generated JSON Schema, and the SDK parses it to exactly the values it records."""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path
from typing import Any, Callable, Dict, Iterator

import hoiio
import jsonschema
import pytest
import responses
import yaml
from hoiio._generated.api import GENERIC_STATUSES
from hoiio._runtime.model import Model

ROOT = Path(__file__).resolve().parents[2]
RECORDED = Path(__file__).resolve().parent / "responses"
SCHEMAS = ROOT / "generated" / "hoiio" / "schemas"
SPEC = ROOT / "spec"
BASE = "https://secure.hoiio.com/open/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
URL = "https://my.server.com/notify"

FIXTURES = sorted(RECORDED.glob("*.json"))


def load(path: Path) -> Dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def schema_path(endpoint: str) -> Path:
    return SCHEMAS / (endpoint.replace("/", "__") + ".json")


def spec_endpoints() -> Dict[str, Dict[str, Any]]:
    """path -> endpoint entry, from every spec/<group>.yaml."""
    out: Dict[str, Dict[str, Any]] = {}
    for path in sorted(SPEC.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for ep in doc.get("endpoints") or []:
            out[ep["path"]] = ep
    return out


ENDPOINTS = spec_endpoints()

# One SDK call with valid arguments per endpoint; it gets the recorded body as its answer.
CALLS: Dict[str, Callable[[hoiio.Client], Any]] = {
    "sms/send": lambda c: c.sms.send("Hoiio World", "+6511111111"),
    "sms/bulk_send": lambda c: c.sms.bulk_send("Hoiio World", "+6511111111", "+6522222222"),
    "sms/get_history": lambda c: c.sms.history(),
    "sms/get_rate": lambda c: c.sms.rate("Hoiio World", "+6511111111"),
    "sms/query_status": lambda c: c.sms.status("AA-S-141147"),
    "voice/call": lambda c: c.voice.call("+6511111111", "+6522222222"),
    "voice/conference": lambda c: c.voice.conference("+6511111111", "+6522222222", "+6533333333"),
    "voice/hangup": lambda c: c.voice.hangup("AA-S-141147"),
    "voice/get_history": lambda c: c.voice.history(page=1),
    "voice/get_rate": lambda c: c.voice.rate("+6511111111", "+6522222222"),
    "voice/query_status": lambda c: c.voice.status("AA-S-141147"),
    "conference/call": lambda c: c.conference.call("+6511111111", "+6522222222", "+6533333333"),
    "conference/moderate": lambda c: c.conference.moderate("AA-C-141147", "kick"),
    "fax/send": lambda c: c.fax.send("+6511111111", PDF),
    "fax/get_history": lambda c: c.fax.history(type="all"),
    "fax/get_rate": lambda c: c.fax.rate("+6511111111"),
    "fax/query_status": lambda c: c.fax.status("AA-F-141147"),
    "ivr/start/dial": lambda c: c.ivr.dial("+6511111111"),
    "ivr/middle/play": lambda c: c.ivr.play("S4643", "Hello"),
    "ivr/middle/gather": lambda c: c.ivr.gather("S4643", msg="Press 1", notify_url=URL),
    "ivr/middle/record": lambda c: c.ivr.record("S4643", notify_url=URL),
    "ivr/middle/monitor": lambda c: c.ivr.monitor("S4643", notify_url=URL),
    "ivr/middle/hold": lambda c: c.ivr.hold("S4643"),
    "ivr/middle/unhold": lambda c: c.ivr.unhold("S4643"),
    "ivr/end/transfer": lambda c: c.ivr.transfer("S4643", "room:R123"),
    "ivr/end/hangup": lambda c: c.ivr.hangup("S4643"),
    "number/get_countries": lambda c: c.number.available_countries(),
    "number/get_choices": lambda c: c.number.available_numbers("US", "CA"),
    "number/get_rates": lambda c: c.number.rate("US"),
    "number/subscribe": lambda c: c.number.subscribe("+16502223333", "1"),
    "number/update_forwarding": lambda c: c.number.configure("+16502223333", forward_to=URL),
    "number/get_active": lambda c: c.number.subscribed_numbers(),
    "user/get_balance": lambda c: c.account.balance(),
    "user/get_info": lambda c: c.account.info(),
}


# ---- the fixtures themselves ----


def test_there_are_recorded_responses() -> None:
    assert len(FIXTURES) >= 60


def test_every_spec_endpoint_has_a_recorded_response() -> None:
    recorded = {load(p)["endpoint"] for p in FIXTURES}
    missing = sorted(set(ENDPOINTS) - recorded)
    assert missing == [], f"endpoints without a recorded response: {missing}"
    assert recorded <= set(ENDPOINTS), sorted(recorded - set(ENDPOINTS))


def test_every_spec_endpoint_has_a_schema_and_an_sdk_call() -> None:
    assert len(ENDPOINTS) >= 34
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(schema_path(e).name for e in ENDPOINTS)
    assert sorted(CALLS) == sorted(ENDPOINTS)


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.stem)
def test_each_schema_is_a_valid_draft_2020_12_schema(path: Path) -> None:
    schema = load(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object" and "status" in schema["required"]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_is_well_formed(path: Path) -> None:
    fixture = load(path)
    assert set(fixture) == {"endpoint", "source", "body", "expect"}
    endpoint = fixture["endpoint"]
    group, _, action = endpoint.partition("/")
    assert path.stem.startswith(f"{group}__{action.replace('/', '_')}__"), "file name does not match the endpoint"
    assert isinstance(fixture["body"], str) and fixture["source"]
    status = fixture["expect"]["status"]
    assert status == json.loads(fixture["body"]).get("status")
    known = set(GENERIC_STATUSES) | set(ENDPOINTS[endpoint].get("statuses") or [])
    assert status in known or (status.startswith("error_") and status.endswith("_param_missing")), status


# ---- schema and SDK against each fixture ----


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_body_validates_against_the_endpoint_schema(path: Path) -> None:
    fixture = load(path)
    schema = load(schema_path(fixture["endpoint"]))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.loads(fixture["body"]))]
    assert errors == []


@pytest.fixture
def client() -> Iterator[hoiio.Client]:
    with hoiio.Client("APP", "TOKEN", max_retries=0, raise_on_error=False) as c:
        yield c


def plain(value: Any) -> Any:
    """A coerced value in the fixtures' JSON form."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def check(actual: Any, expected: Any, where: str) -> None:
    """actual (the SDK's value) matches expected (the fixture's JSON), types included."""
    if isinstance(expected, dict):
        assert isinstance(actual, Model), f"{where}: expected an object, got {actual!r}"
        for key, value in expected.items():
            check(getattr(actual, key), value, f"{where}.{key}")
    elif isinstance(expected, list) and any(isinstance(e, dict) for e in expected):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{where}: {actual!r}"
        for index, (a, e) in enumerate(zip(actual, expected)):
            check(a, e, f"{where}[{index}]")
    elif expected is None:
        assert actual is None, f"{where}: expected None, got {actual!r}"
    elif isinstance(expected, bool):
        assert actual is expected, f"{where}: expected {expected!r}, got {actual!r}"
    elif isinstance(expected, int):
        assert type(actual) is int and actual == expected, f"{where}: expected {expected!r}, got {actual!r}"
    elif isinstance(expected, float):
        assert type(actual) is float and actual == expected, f"{where}: expected {expected!r}, got {actual!r}"
    elif isinstance(expected, str) and isinstance(actual, dt.date):
        if isinstance(actual, dt.datetime):
            assert actual.utcoffset() == dt.timedelta(hours=8), f"{where}: {actual!r} is not in GMT+8"
        assert plain(actual) == expected, f"{where}: expected {expected!r}, got {plain(actual)!r}"
    elif isinstance(expected, str) and isinstance(actual, enum.Enum):
        # fields with a value set (sms_status, ...) read as str-based Enum members, equal to the string
        assert isinstance(actual, str) and actual == expected and actual.value == expected, f"{where}: expected {expected!r}, got {actual!r}"
    else:
        assert type(actual) is type(expected) and plain(actual) == expected, f"{where}: expected {expected!r}, got {actual!r}"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_the_sdk_parses_the_recorded_response(path: Path, client: hoiio.Client) -> None:
    fixture = load(path)
    endpoint, body = fixture["endpoint"], fixture["body"]
    with responses.RequestsMock() as mock:
        mock.add(responses.POST, BASE + endpoint, body=body, status=200, content_type="application/json")
        res = CALLS[endpoint](client)
        assert len(mock.calls) == 1
    assert isinstance(res, hoiio.Response)
    assert res.text == body
    assert res.json == json.loads(body)
    assert res.is_success() is (fixture["expect"]["status"] == "success_ok")
    check(res, fixture["expect"], endpoint)
    # every field present reads, and the whole response turns into plain data
    for key in res.keys():
        getattr(res, key) if key.isidentifier() else res[key]
    json.dumps(plain(res), default=str)
    assert "TOKEN" not in repr(res)


def test_check_is_strict() -> None:
    """The comparison above can fail: wrong types, values and time zones are caught."""
    from hoiio.models.sms import SmsStatusResponse

    res = SmsStatusResponse({"status": "success_ok", "split_count": "2", "rate": "0.038", "date": "2010-01-01 10:10:00"})
    check(res, {"status": "success_ok", "split_count": 2, "rate": 0.038, "date": "2010-01-01T10:10:00+08:00", "tag": None}, "ok")
    for wrong in ({"split_count": "2"}, {"split_count": 2.0}, {"rate": 0.04}, {"date": "2010-01-01T10:10:00"},
                  {"tag": ""}, {"status": "error_x"}, {"date": "2010-01-01T10:10:00+00:00"}):
        with pytest.raises(AssertionError):
            check(res, wrong, "wrong")
    utc = SmsStatusResponse({"status": "success_ok"})
    utc.__dict__["date"] = dt.datetime(2010, 1, 1, 2, 10, tzinfo=dt.timezone.utc)
    with pytest.raises(AssertionError, match="not in GMT"):
        check(utc, {"date": "2010-01-01T02:10:00+00:00"}, "tz")
