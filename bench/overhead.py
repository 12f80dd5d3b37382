"""Benchmark 1, per-call overhead: client.sms.send and client.voice.status against the loopback
server, side by side with a plain requests.Session().post of the same form body and with
http.client as the floor.

Every variant does the same work: send the same form (same fields, same order, same values),
read the answer and decode its JSON. The SDK also checks the arguments, normalises the number,
and builds a typed response; the response's fields are read (``res.txn_ref``,
``res.call_status_dest1``...) so that lazy coercion is paid for too.
"""

from __future__ import annotations

import http.client
import json
from typing import Any, Callable, Dict
from urllib.parse import urlencode

import hoiio
import requests

from bench.common import Result, Target, ratio, side_by_side
from bench.payloads import ACCESS_TOKEN, APP_ID

NAME = "overhead"
TITLE = "1. Per-call overhead against a loopback server (client CPU time and wall time per call)"

SMS_FORM = {"msg": "Hoiio World", "dest": "+6511111111", "app_id": APP_ID, "access_token": ACCESS_TOKEN}
STATUS_FORM = {"txn_ref": "AA-S-141147", "app_id": APP_ID, "access_token": ACCESS_TOKEN}
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}


def _http_client(conn: http.client.HTTPConnection, path: str, form: Dict[str, str]) -> Callable[[], Any]:
    def call() -> Any:
        conn.request("POST", path, body=urlencode(form), headers=FORM_HEADERS)
        return json.loads(conn.getresponse().read())

    return call


def _requests(session: requests.Session, url: str, form: Dict[str, str]) -> Callable[[], Any]:
    def call() -> Any:
        return session.post(url, data=form).json()

    return call


def _prepared(session: requests.Session, url: str, form: Dict[str, str]) -> Callable[[], Any]:
    """The floor of requests: a PreparedRequest built by hand and sent through the session's
    adapter with the settings resolved once (what the SDK's transport does), then the body
    read and decoded. The SDK's own layer is what client.sms.send costs above this."""
    adapter = session.get_adapter(url)
    settings = session.merge_environment_settings(url, {}, None, None, None)
    proxies, verify, cert = settings["proxies"], settings["verify"], settings["cert"]
    headers = dict(session.headers, Accept="application/json", **{"Content-Type": "application/x-www-form-urlencoded"})
    prepared_url = requests.Request("POST", url).prepare().url

    def call() -> Any:
        p = requests.PreparedRequest()
        body = urlencode(list(form.items()))
        p.method, p.url, p.headers, p.body = "POST", prepared_url, requests.structures.CaseInsensitiveDict(headers), body
        p.headers["Content-Length"] = str(len(body))
        res = adapter.send(p, stream=True, timeout=(5, 30), verify=verify, cert=cert, proxies=proxies)
        return json.loads(res.raw.read(65536, decode_content=False))

    return call


def _prepared_on(client: Any, url: str, form: Dict[str, str]) -> Callable[[], Any]:
    """The same hand-built request, through the SDK client's own adapter: it works out the
    per-URL steps once, and its connections write the head and body at once (a stock adapter's
    write twice) and parse the answer's head in one pass. Against this row the SDK's layer is what
    it adds besides those (shown, not a target)."""
    client.sms.send("Hoiio World", "+6511111111")  # sets up the transport
    transport = client._transport
    adapter, headers = transport._adapter, dict(transport._headers)
    from hoiio._runtime import transport as module

    def call() -> Any:
        p = requests.PreparedRequest()
        body = urlencode(list(form.items()))
        p.method, p.url, p.headers, p.body = "POST", url, requests.structures.CaseInsensitiveDict(headers), body
        p.headers["Content-Length"] = str(len(body))
        module._local.slot = module._Slot(float("inf"))  # what marks a call of the SDK's (its connections track it)
        try:
            res = adapter.send(p, stream=True, timeout=(5, 30), verify=True, cert=None, proxies={})
        finally:
            module._local.slot = None
        return json.loads(res.raw.read(65536, decode_content=False))

    return call


def run(ctx: Any) -> Result:
    server = ctx.server
    calls, rounds, warmup = (40, 3, 20) if ctx.quick else (200, 17, 200)
    conn = http.client.HTTPConnection("127.0.0.1", server.port)
    plain = requests.Session()
    no_env = requests.Session()
    no_env.trust_env = False
    floor = requests.Session()
    client = hoiio.Client(APP_ID, ACCESS_TOKEN, base_url=server.base_url)
    own_adapter = hoiio.Client(APP_ID, ACCESS_TOKEN, base_url=server.base_url)

    def sms_send() -> Any:
        res = client.sms.send("Hoiio World", "+6511111111")
        return res.status, res.txn_ref

    def voice_status() -> Any:
        res = client.voice.status("AA-S-141147")
        return (
            res.status, res.txn_ref, res.tag, res.dest1, res.dest2, res.number, res.call_status_dest1,
            res.call_status_dest2, res.date, res.duration, res.currency, res.rate, res.debit,
        )  # fmt: skip

    sms_url, status_url = server.url("/open/sms/send"), server.url("/open/voice/query_status")
    variants = {
        "sms:http.client": _http_client(conn, "/open/sms/send", SMS_FORM),
        "sms:requests": _requests(plain, sms_url, SMS_FORM),
        "sms:requests-no-env": _requests(no_env, sms_url, SMS_FORM),
        "sms:prepared": _prepared(floor, sms_url, SMS_FORM),
        "sms:prepared-own": _prepared_on(own_adapter, sms_url, SMS_FORM),
        "sms:hoiio": sms_send,
        "status:http.client": _http_client(conn, "/open/voice/query_status", STATUS_FORM),
        "status:requests": _requests(plain, status_url, STATUS_FORM),
        "status:hoiio": voice_status,
    }
    assert sms_send() == ("success_ok", "AA-S-141147"), sms_send()
    assert voice_status()[9] == 7, voice_status()
    try:
        got = side_by_side(variants, calls=calls, rounds=rounds, warmup=warmup)
    finally:
        client.close()
        own_adapter.close()
        plain.close()
        no_env.close()
        floor.close()
        conn.close()

    labels = {
        "http.client": "http.client (floor)",
        "requests": "requests.Session().post",
        "requests-no-env": "requests.Session(), trust_env=False",
        "prepared": "hand-built PreparedRequest through the adapter (the SDK's floor)",
        "prepared-own": "the same, through the SDK client's adapter (tracked connections, strict framing)",
        "hoiio": "",
    }
    result = Result(NAME, TITLE, params={"calls_per_round": calls, "rounds": rounds, "warmup": warmup})
    result.columns = [
        ("variant", "variant", "text"),
        ("cpu", "client CPU us/call", "us"),
        ("wall", "wall us/call", "us"),
        ("cpu_x_requests", "CPU x requests", "x"),
        ("wall_x_requests", "wall x requests", "x"),
        ("cpu_x_http_client", "CPU x http.client", "x"),
        ("cpu_spread", "CPU spread", "pct"),
    ]
    for key, m in got.items():
        group, kind = key.split(":")
        base_req, base_floor = got[f"{group}:requests"], got[f"{group}:http.client"]
        endpoint = "sms/send" if group == "sms" else "voice/query_status"
        label = labels[kind] or ("client.sms.send(...)" if group == "sms" else "client.voice.status(...)")
        result.rows.append(
            {
                "key": key,
                "variant": f"{endpoint}: {label}",
                "cpu": m["cpu"],
                "wall": m["wall"],
                "cpu_x_requests": ratio(m["cpu_rounds"], base_req["cpu_rounds"]),
                "wall_x_requests": ratio(m["wall_rounds"], base_req["wall_rounds"]),
                "cpu_x_http_client": ratio(m["cpu_rounds"], base_floor["cpu_rounds"]),
                "cpu_spread": m["cpu_spread"],
            }
        )
    rows = {r["key"]: r for r in result.rows}
    sdk, floor_row = rows["sms:hoiio"], rows["sms:prepared"]
    result.targets.append(
        Target(
            "client.sms.send client CPU <= 0.50x requests.Session().post (same form)",
            sdk["cpu_x_requests"],
            0.50,
            detail=f"(wall {sdk['wall_x_requests']:.2f}x; voice.status {rows['status:hoiio']['cpu_x_requests']:.2f}x CPU)",
        )
    )
    own = ratio(got["sms:hoiio"]["cpu_rounds"], got["sms:prepared"]["cpu_rounds"])
    result.targets.append(
        Target(
            "the SDK's own layer: client.sms.send CPU <= 1.05x the same hand-built PreparedRequest path",
            own,
            1.05,
            detail=f"(floor {floor_row['cpu'] * 1e6:.0f} us, SDK {sdk['cpu'] * 1e6:.0f} us per call, medians of the rounds; the ratio is "
            "the median of the per-round ratios; performance.md)",
        )
    )
    layer = ratio(got["sms:hoiio"]["cpu_rounds"], got["sms:prepared-own"]["cpu_rounds"])
    result.notes.append(
        f"Against the same hand-built request through the SDK client's own adapter (requests' HTTPAdapter with the SDK's "
        f"tracked connections and strict framing), client.sms.send is {layer:.2f}x: what the SDK's call layer and rules add."
    )
    result.notes.append(
        f"{calls} calls per variant per round, {rounds} rounds, variants interleaved; times are medians over rounds, "
        "ratios medians of the per-round ratios, spread the interquartile range of the rounds over their median. "
        "CPU is time.process_time() of this process (the server runs in another); every variant "
        "decodes the JSON answer, and the SDK rows read every field of the response."
    )
    return result
