"""Benchmark 3, parsing: a 100-entry sms/get_history page turned into typed entries, every field
of every entry coerced (the models coerce lazily, on first attribute access, so every field is
read), in entries per second; set against one loopback round trip fetching that same page.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
from typing import Any, Dict, List, Tuple
from urllib.parse import urlencode

import hoiio
import requests
from hoiio.models.sms import SmsHistoryResponse, SmsRecord

from bench.common import Result, Target, ratio, side_by_side
from bench.payloads import ACCESS_TOKEN, APP_ID, ROUTES

NAME = "parsing"
TITLE = "3. Parsing a 100-entry history page into typed entries, every field coerced"

PAGE = ROUTES["/open/sms/get_history"]
FORM = {"page": "2", "app_id": APP_ID, "access_token": ACCESS_TOKEN}
HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
#: every field of an entry, by its Python name
FIELDS: Tuple[str, ...] = tuple({wire: SmsRecord._PYTHON.get(wire, wire) for wire in SmsRecord._FIELDS}.values())


def hand_written(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The pure-Python floor: every field of every entry converted eagerly into a plain dict by
    code written for exactly this shape (no models, no laziness, no leniency)."""
    gmt8 = dt.timezone(dt.timedelta(hours=8))
    return [
        {
            "txn_ref": e["txn_ref"], "tag": e["tag"], "sms_status": e["sms_status"], "src": e["src"], "dest": e["dest"],
            "date": dt.datetime.fromisoformat(e["date"]).replace(tzinfo=gmt8), "split_count": int(e["split_count"]),
            "msg": e["msg"], "currency": e["currency"], "rate": float(e["rate"]), "debit": float(e["debit"]),
        }  # fmt: skip
        for e in data["entries"]
    ]


def coerce_all(res: Any) -> int:
    """Read every field of the page and of each of its entries; return the entry count."""
    res.status, res.entries_count, res.total_entries_count  # noqa: B018
    entries = res.entries
    for entry in entries:
        for name in FIELDS:
            getattr(entry, name)
    return len(entries)


def run(ctx: Any) -> Result:
    server = ctx.server
    calls, rounds, warmup = (20, 3, 10) if ctx.quick else (80, 21, 50)
    decoded = json.loads(PAGE)
    entries = len(decoded["entries"])
    assert entries == 100

    def decode_only() -> Any:
        return json.loads(PAGE)

    def coerce_only() -> int:
        return coerce_all(SmsHistoryResponse(decoded, text=PAGE, method="sms.history"))

    def floor() -> Any:
        return hand_written(decoded)

    def decode_and_coerce() -> int:
        return coerce_all(SmsHistoryResponse(json.loads(PAGE), text=PAGE, method="sms.history"))

    conn = http.client.HTTPConnection("127.0.0.1", server.port)
    session = requests.Session()
    client = hoiio.Client(APP_ID, ACCESS_TOKEN, base_url=server.base_url)
    url = server.url("/open/sms/get_history")

    def trip_http_client() -> Any:
        conn.request("POST", "/open/sms/get_history", body=urlencode(FORM), headers=HEADERS)
        return json.loads(conn.getresponse().read())

    def trip_requests() -> Any:
        return session.post(url, data=FORM).json()

    def sdk_history() -> int:
        return coerce_all(client.sms.history(page=2))

    first = SmsHistoryResponse(decoded).entries[0]
    assert first.split_count == 1 and first.date.year == 2012 and isinstance(first.debit, float), first
    assert sdk_history() == entries
    variants: Dict[str, Any] = {
        "decode": decode_only,
        "floor": floor,
        "coerce": coerce_only,
        "parse": decode_and_coerce,
        "trip_http_client": trip_http_client,
        "trip_requests": trip_requests,
        "sdk": sdk_history,
    }
    try:
        got = side_by_side(variants, calls=calls, rounds=rounds, warmup=warmup)
    finally:
        client.close()
        session.close()
        conn.close()

    labels = {
        "decode": "json.loads of the page (reference)",
        "floor": "reference: hand-written eager conversion into dicts",
        "coerce": "typed entries, every field coerced (from the decoded dict)",
        "parse": "json.loads + typed entries, every field coerced",
        "trip_http_client": "round trip of the page: http.client + json.loads",
        "trip_requests": "round trip of the page: requests.Session().post + .json()",
        "sdk": "client.sms.history(page=2) + every field coerced",
    }
    result = Result(NAME, TITLE, params={"calls_per_round": calls, "rounds": rounds, "entries_per_page": entries, "page_bytes": len(PAGE)})
    result.columns = [
        ("what", "what (per 100-entry page)", "text"),
        ("cpu", "CPU us", "us"),
        ("wall", "wall us", "us"),
        ("entries_per_s", "entries/s (CPU)", "rate"),
        ("pct_trip", "% of requests round trip", "pct"),
        ("pct_floor", "% of http.client round trip", "pct"),
    ]
    trips, floors = got["trip_requests"]["wall_rounds"], got["trip_http_client"]["wall_rounds"]
    for key, m in got.items():
        costs = m["cpu_rounds"] if key in ("decode", "floor", "coerce", "parse") else m["wall_rounds"]
        result.rows.append(
            {
                "key": key,
                "what": labels[key],
                "cpu": m["cpu"],
                "wall": m["wall"],
                "entries_per_s": entries / m["cpu"] if m["cpu"] else None,
                "pct_trip": ratio(costs, trips) * 100,
                "pct_floor": ratio(costs, floors) * 100,
            }
        )
    rows = {r["key"]: r for r in result.rows}
    result.targets.append(
        Target(
            "parsing a 100-entry page < 10 % of one loopback round trip",
            rows["coerce"]["pct_trip"],
            10.0,
            unit="pct",
            detail=(
                f"(typed entries from the decoded page, against the requests round trip of that page; with json.loads "
                f"{rows['parse']['pct_trip']:.1f} %; hand-written floor {rows['floor']['pct_trip']:.1f} %)"
            ),
        )
    )
    result.notes.append(
        f"The page is {len(PAGE):,} bytes of JSON, {entries} entries of {len(FIELDS)} fields. Parsing rows are CPU time, "
        f"round-trip rows wall time, against the loopback server; the % columns divide by the wall time of the round trip "
        f"fetching the same page in the same round (median of the per-round ratios). {calls} calls per round, {rounds} rounds, medians."
    )
    return result
