"""What the control API (and the API) refuses, over real HTTP against the real sandbox: values
that would brick the state, form posts and other non-JSON state changes, foreign Host, Origin
and Sec-Fetch-Site headers. Each refusal is a JSON 4xx that changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Dict

import hoiio
import pytest
import requests
from hoiio.sandbox.server import Sandbox

from .conftest import balance


def post(sb: Sandbox, path: str, body: Any, headers: Dict[str, str] | None = None) -> requests.Response:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(sb.url + "_sandbox/" + path, data=data, headers={"Content-Type": "application/json", **(headers or {})}, timeout=10)


def state(sb: Sandbox, acct: Dict[str, Any]) -> Dict[str, Any]:
    """Everything a refused call must leave as it was."""
    return {"clock": sb.request("GET", "clock"), "balance": balance(sb, acct), "faults": sb.request("GET", "faults"),
            "scripts": sb.request("GET", "script", app_id=acct["app_id"])}  # fmt: skip


@pytest.mark.parametrize(
    "path, body, says",
    [
        ("advance", {"days": 3000000}, "days"),
        ("advance", '{"seconds": Infinity}', "not a number"),
        ("advance", '{"seconds": NaN}', "not a number"),
        ("advance", '{"seconds": 1e999}', "finite"),
        ("advance", {"seconds": "inf"}, "finite"),
        ("advance", {"seconds": "nan"}, "finite"),
        ("advance", {"hours": -1}, "forward"),
        ("advance", {"days": 36000, "hours": 36000 * 24}, "at most"),
        ("advance", {"seconds": 1, "timeout": "inf"}, "timeout"),
        ("faults", {"kind": "delay", "seconds": "nan"}, "seconds"),
        ("faults", {"kind": "delay", "seconds": 1e308}, "seconds"),
        ("faults", '{"kind": "rate_limit", "count": 1e400}', "count"),
        ("faults", {"kind": "rate_limit", "count": 10**12}, "count"),
        ("faults", {"kind": "rate_limit", "count": 1.5}, "whole"),
        ("topup", {"points": "1e400"}, "points"),
        ("topup", {"points": "NaN"}, "points"),
        ("topup", {"points": 10**30}, "points"),
        ("topup", {"points": True}, "points"),
        ("account", {"bonus": "99999999999999999999"}, "bonus"),
        ("script", {"number": "+6591230000", "talk_seconds": "inf"}, "talk_seconds"),
        ("ivr/record", {"seconds": -5}, "seconds"),
        ("topup", {"points": {"nested": 1}}, "expected a string"),
        ("topup", {"points": [1, 2]}, "expected a string"),
        ("topup", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("topup", "[1, 2]", "must be an object"),
        ("topup", "{not json", "not JSON"),
    ],
)
def test_bad_values_are_refused_with_a_400_and_change_nothing(sandbox: Sandbox, account: Dict[str, Any], path: str, body: Any,
                                                              says: str) -> None:  # fmt: skip
    if isinstance(body, dict):
        body = {"app_id": account["app_id"], **body}
    before = state(sandbox, account)
    res = post(sandbox, path, body)
    assert res.status_code == 400, res.text
    assert res.headers["Content-Type"].startswith("application/json")
    assert says in res.json()["error"]
    assert state(sandbox, account) == before


def test_a_balance_cannot_be_topped_up_past_the_limit(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    for _ in range(2):
        assert post(sandbox, "topup", {"app_id": account["app_id"], "points": "600000000"}).status_code in (200, 400)
    assert post(sandbox, "topup", {"app_id": account["app_id"], "points": "600000000"}).status_code == 400
    assert float(balance(sandbox, account)["points"]) <= 1_000_000_000


def test_after_every_refusal_the_api_still_works(sandbox: Sandbox, client: hoiio.Client) -> None:
    for body in ({"days": 3000000}, {"seconds": "inf"}, {"seconds": 1e300}):
        assert post(sandbox, "advance", body).status_code == 400
    assert client.sms.send("still fine", "+6591234567").is_success()


def test_the_clock_stops_short_of_the_year_3000(tmp_path: Path) -> None:
    with Sandbox(freeze=True) as sb:
        answers = [post(sb, "advance", {"days": 36000}) for _ in range(10)]
        assert [r.status_code for r in answers] == [200] * 9 + [400]
        assert "3000" in answers[-1].json()["error"]
        assert sb.request("GET", "clock")["date"].startswith("29")
        assert sb.client().sms.send("in the 2900s", "+6591234567").is_success()


def test_a_database_whose_clock_an_older_sandbox_bricked_is_mended_on_start(tmp_path: Path) -> None:
    db = str(tmp_path / "bricked.sqlite")
    with Sandbox(db=db) as sb:
        sent = sb.client().sms.send("before", "+6591234567")
    with sqlite3.connect(db) as conn:  # what POST /_sandbox/advance {"days": 3000000} used to commit
        conn.execute("UPDATE meta SET value = '2.592e+11' WHERE key = 'clock_offset'")
    with Sandbox(db=db) as sb:
        assert 2020 < int(sb.request("GET", "clock")["date"][:4]) < 2100
        client = sb.client()
        assert client.sms.send("after", "+6591234567").is_success()
        assert client.sms.status(sent.txn_ref).is_success()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = 'inf' WHERE key = 'clock_offset'")
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('clock_frozen', 'nan')")
    with Sandbox(db=db) as sb:
        assert sb.client().sms.send("and again", "+6591234567").is_success()


# ---- only JSON changes state ----


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", None])
def test_a_state_change_without_a_json_body_is_refused(sandbox: Sandbox, account: Dict[str, Any], content_type: Any) -> None:
    before = state(sandbox, account)
    headers = {"Content-Type": content_type} if content_type else {}
    body = "app_id=" + account["app_id"] + "&points=1000"
    for path in ("topup", "drain", "reset", "faults"):
        res = requests.post(sandbox.url + "_sandbox/" + path, data=body, headers=headers, timeout=10)
        assert res.status_code == 415, res.text
        assert "application/json" in res.json()["error"]
    res = requests.delete(sandbox.url + "_sandbox/faults", headers=headers, timeout=10)
    assert res.status_code == 415
    assert state(sandbox, account) == before


def test_reads_take_query_parameters(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    res = requests.get(sandbox.url + "_sandbox/account", params={"app_id": account["app_id"]}, timeout=10)
    assert res.status_code == 200 and res.json()["app_id"] == account["app_id"]
    assert res.headers["X-Content-Type-Options"] == "nosniff" and res.headers["Cache-Control"] == "no-store"


# ---- Host, Origin, Sec-Fetch-Site ----


def raw_get(sb: Sandbox, path: str, headers: Dict[str, str]) -> requests.Response:
    return requests.get(sb.url + path, headers=headers, timeout=10)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "localhost.evil.example", "[::1"])
def test_a_foreign_host_is_refused_everywhere(sandbox: Sandbox, account: Dict[str, Any], host: str) -> None:
    """DNS rebinding: a page on evil.example rebound to 127.0.0.1 sends its own name as Host; it
    must read neither the credentials (GET /_sandbox/) nor use the API."""
    for path in ("_sandbox/", "_sandbox/account", "", f"open/user/get_balance?app_id={account['app_id']}&access_token={account['access_token']}"):
        res = raw_get(sandbox, path, {"Host": host})
        assert res.status_code == 403, (path, res.text)
        assert account["access_token"] not in res.text and sandbox.access_token not in res.text
        assert "Host" in res.json()["error"]
    res = requests.post(sandbox.url + "_sandbox/drain", json={"app_id": account["app_id"]}, headers={"Host": host}, timeout=10)
    assert res.status_code == 403
    assert balance(sandbox, account)["points"] != "0.000"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST:1234", "console.localhost", "[::1]:80", "10.1.2.3:8765"])
def test_addresses_and_localhost_are_the_sandbox_itself(sandbox: Sandbox, host: str) -> None:
    assert raw_get(sandbox, "_sandbox/", {"Host": host}).status_code == 200


def test_more_names_can_be_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOIIO_SANDBOX_ALLOWED_HOSTS", "from-env.test")
    with Sandbox(allow_hosts=["hoiio-sandbox"]) as sb:
        for host in ("hoiio-sandbox:8765", "from-env.test"):
            assert raw_get(sb, "_sandbox/", {"Host": host}).status_code == 200
        assert raw_get(sb, "_sandbox/", {"Host": "other.test"}).status_code == 403


def test_a_request_from_another_origin_cannot_act(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    before = state(sandbox, account)
    own = sandbox.url.rstrip("/")
    for origin in ("http://evil.example", "null", own.replace("http://", "https://"), own + ":1"):
        res = post(sandbox, "drain", {"app_id": account["app_id"]}, {"Origin": origin})
        assert res.status_code == 403, origin
        assert "Origin" in res.json()["error"]
        # an API call through a page's form or fetch: the well-known default credentials must not work
        api = requests.post(sandbox.base_url + "sms/send", data={"app_id": sandbox.app_id, "access_token": sandbox.access_token,
                            "dest": "+6591234567", "msg": "from a web page"}, headers={"Origin": origin}, timeout=10)  # fmt: skip
        assert api.status_code == 403
    assert state(sandbox, account) == before
    # the sandbox's own pages may
    assert post(sandbox, "drain", {"app_id": account["app_id"]}, {"Origin": own}).status_code == 200


def test_sec_fetch_site_from_another_site_cannot_act(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    """An <img src> to the API (Hoiio's API acts on GET) carries no Origin, but browsers say
    Sec-Fetch-Site: cross-site."""
    url = f"open/user/get_balance?app_id={account['app_id']}&access_token={account['access_token']}"
    for site in ("cross-site", "same-site"):
        assert raw_get(sandbox, url, {"Sec-Fetch-Site": site}).status_code == 403
        assert post(sandbox, "drain", {"app_id": account["app_id"]}, {"Sec-Fetch-Site": site}).status_code == 403
    for site in ("same-origin", "none"):  # the sandbox's own page; a URL typed into the address bar
        assert raw_get(sandbox, url, {"Sec-Fetch-Site": site}).status_code == 200
    # a link from another site to a page of the sandbox still opens (reads change nothing)
    assert raw_get(sandbox, "_sandbox/clock", {"Sec-Fetch-Site": "cross-site"}).status_code == 200


def test_the_sdks_control_client_complies(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    sandbox.topup(points="1", app_id=account["app_id"])
    sandbox.fault("rate_limit", 1, path="sms/query_status")
    sandbox.clear_faults()
    assert sandbox.request("GET", "faults") == []
