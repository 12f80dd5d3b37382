"""Benchmark 3, parsing: a 100-entry sms/get_history page turned into typed entries, every field
of every entry read (so that all of them are coerced, whenever the models do it), in entries per
second; set against one loopback round trip fetching that same page. Also what making the entries
costs before any field is read, and what client.sms.history() costs up to that point.
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


GMT8 = dt.timezone(dt.timedelta(hours=8))


def hand_written(data: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The pure-Python floor: every field of every entry converted eagerly into a plain dict by
    code written for exactly this shape (no models, no laziness, no leniency). The aware
    datetime is made with datetime.combine, as fast as anything pure Python has (an earlier
    version used .replace(tzinfo=...), which alone cost a third of this function)."""
    fromisoformat, combine = dt.datetime.fromisoformat, dt.datetime.combine
    out = []
    for e in data["entries"]:
        moment = fromisoformat(e["date"])
        out.append(
            {
                "txn_ref": e["txn_ref"], "tag": e["tag"], "sms_status": e["sms_status"], "src": e["src"], "dest": e["dest"],
                "date": combine(moment, moment.time(), GMT8), "split_count": int(e["split_count"]),
                "msg": e["msg"], "currency": e["currency"], "rate": float(e["rate"]), "debit": float(e["debit"]),
            }  # fmt: skip
        )
    return out


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

    def make_only() -> int:
        return len(SmsHistoryResponse(decoded, text=PAGE, method="sms.history").entries)

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

    def sdk_entries() -> int:
        return len(client.sms.history(page=2).entries)

    def sdk_history() -> int:
        return coerce_all(client.sms.history(page=2))

    first = SmsHistoryResponse(decoded).entries[0]
    assert first.split_count == 1 and first.date.year == 2012 and isinstance(first.debit, float), first
    assert hand_written(decoded) == [{n: getattr(e, n) for n in FIELDS} for e in SmsHistoryResponse(decoded).entries]
    assert sdk_history() == entries
    variants: Dict[str, Any] = {
        "decode": decode_only,
        "floor": floor,
        "make": make_only,
        "coerce": coerce_only,
        "parse": decode_and_coerce,
        "trip_http_client": trip_http_client,
        "trip_requests": trip_requests,
        "sdk_entries": sdk_entries,
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
        "make": "typed entries made, no field read yet (from the decoded dict)",
        "coerce": "typed entries, every field coerced (from the decoded dict)",
        "parse": "json.loads + typed entries, every field coerced",
        "trip_http_client": "round trip of the page: http.client + json.loads",
        "trip_requests": "round trip of the page: requests.Session().post + .json()",
        "sdk_entries": "client.sms.history(page=2) + .entries, no field read",
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
        ("x_floor", "CPU x hand-written", "x"),
    ]
    trips, floors = got["trip_requests"]["wall_rounds"], got["trip_http_client"]["wall_rounds"]
    parsing = ("decode", "floor", "make", "coerce", "parse")
    for key, m in got.items():
        costs = m["cpu_rounds"] if key in parsing else m["wall_rounds"]
        result.rows.append(
            {
                "key": key,
                "what": labels[key],
                "cpu": m["cpu"],
                "wall": m["wall"],
                "entries_per_s": entries / m["cpu"] if m["cpu"] else None,
                "pct_trip": ratio(costs, trips) * 100,
                "pct_floor": ratio(costs, floors) * 100,
                "x_floor": ratio(costs, got["floor"]["cpu_rounds"]) if key in parsing else None,
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
                f"{rows['parse']['pct_trip']:.1f} %; hand-written floor {rows['floor']['pct_trip']:.1f} %, "
                f"so {rows['coerce']['x_floor']:.2f}x the floor)"
            ),
        )
    )
    result.notes.append(
        f"The page is {len(PAGE):,} bytes of JSON, {entries} entries of {len(FIELDS)} fields. Parsing rows are CPU time, "
        f"round-trip rows wall time, against the loopback server; the % columns divide by the wall time of the round trip "
        f"fetching the same page in the same round (median of the per-round ratios). {calls} calls per round, {rounds} rounds, medians."
    )
    result.notes.append(
        "Entries are made when .entries is first read, each with all its fields coerced at once (client.sms.history() "
        "itself returns before that). 'CPU x hand-written' divides a CPU time by the hand-written conversion's; that "
        "reference reads nothing back, like the 'no field read' row and unlike the 'every field' rows."
    )
    return result
