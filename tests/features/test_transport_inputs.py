"""Issue 9, the rest: runaway paging, bad caller input, bulk runs and the CLI, each against a
real socket (the hostile server of tests/support/hostile.py) that counts what reached it."""

from __future__ import annotations

import datetime
import json
from typing import Any, Iterator, List

import hoiio
import pytest
from hoiio.bulk import send_in_chunks
from support.hostile import Hostile, Reply, Request, http_answer, ok

TOKEN = "TOPSECRET-token-7f3a"


@pytest.fixture
def server() -> Iterator[Hostile]:
    with Hostile(lambda r: ok()) as s:
        yield s


def client_for(server: Hostile, **options: Any) -> hoiio.Client:
    return hoiio.Client("APP", TOKEN, base_url=server.base_url, **options)


def _page(entries: Any, total: Any = None) -> Reply:
    body = {"status": "success_ok", "entries_count": 100, "entries": entries}
    if total is not None:
        body["total_entries_count"] = total
    return ok(json.dumps(body))


def _entries(start: int, n: int = 100) -> List[dict]:
    return [{"txn_ref": f"AA-S-{i}", "dest": "+6591234567", "date": "2026-01-01 00:00:00", "sms_status": "delivered"} for i in range(start, start + n)]


# ---- auto-paging that never ends ------------------------------------------------------------------


def test_a_server_repeating_full_pages_does_not_hold_the_iterator(server: Hostile) -> None:
    server.script = lambda r: _page(_entries(0))  # the same full page, forever, without a total
    with client_for(server) as client:
        got: List[Any] = []
        with pytest.raises(hoiio.MalformedResponseError, match="page 2 repeats an earlier page"):
            for entry in client.sms.history_iter():
                got.append(entry)
    assert len(got) == 100 and len(server.requests) == 2


def test_a_server_paging_past_its_total_is_stopped(server: Hostile) -> None:
    pages = iter(range(10_000))
    server.script = lambda r: _page(_entries(100 * next(pages)), total=250)  # fresh full pages, past the total
    with client_for(server) as client:
        with pytest.raises(hoiio.MalformedResponseError, match="past the total of 250"):
            list(client.sms.history_iter())
    assert len(server.requests) == 3


def test_entries_that_are_not_a_list_are_a_hoiio_exception(server: Hostile) -> None:
    server.script = lambda r: _page(12345, total=1)
    with client_for(server) as client:
        with pytest.raises(hoiio.HoiioException):
            list(client.sms.history_iter())


def test_honest_paging_still_reads_every_page(server: Hostile) -> None:
    def script(r: Request) -> Reply:
        page = int(dict(p.split("=") for p in r.body.decode().split("&")).get("page", "1"))
        return _page(_entries(100 * (page - 1), 100 if page < 3 else 50), total=250)

    server.script = script
    with client_for(server) as client:
        assert len(list(client.sms.history_iter())) == 250
    assert len(server.requests) == 3


# ---- caller input: a ValidationError naming the parameter, nothing sent ------------------------------


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda c: c.sms.send("bad \ud800 text", "+6591234567"), "msg"),
        (lambda c: c.sms.send("hi", "+6591234567", tag="\udfff"), "tag"),
        (lambda c: c.sms.history(page=10**5000), "page"),
        (lambda c: c.sms.history(page="9" * 5000), "page"),
        (lambda c: c.sms.history(from_=datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.timezone.utc)), "from_"),
        (lambda c: c.sms.history(to=datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=12)))), "to"),
        (lambda c: c.sms.send("hi", "+6591234567", request_timeout=0), "request_timeout"),
        (lambda c: c.sms.send("hi", "+6591234567", request_timeout=(0, 0)), "request_timeout"),
        (lambda c: c.sms.send("hi", "+6591234567", request_timeout=float("inf")), "request_timeout"),
        (lambda c: c.sms.send("hi", "+6591234567", request_timeout="5"), "request_timeout"),
        (lambda c: c.sms.send("hi", "+6591234567", max_retries=-1), "max_retries"),
        (lambda c: c.sms.send("hi", "+6591234567", max_retries=True), "max_retries"),
        (lambda c: c.sms.send("hi", "+6591234567", max_retries=10**400), "max_retries"),
        (lambda c: c.sms.send("hi", "+6591234567", extra_params={"x": "\ud83d"}), "extra_params"),
    ],
)
def test_bad_caller_input_is_a_validation_error_naming_the_parameter(server: Hostile, call: Any, name: str) -> None:
    with client_for(server) as client:
        with pytest.raises(hoiio.ValidationError) as info:
            call(client)
    assert any(p.startswith(name + ":") or f"{name}:" in p for p in info.value.problems), info.value.problems
    assert server.requests == [] and server.connections == 0


@pytest.mark.parametrize(
    "options, name",
    [
        ({"timeout": (0, 0)}, "timeout"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": float("inf")}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"timeout": (1, float("inf"))}, "timeout"),
        ({"timeout": (1, 2, 3)}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": 2.5}, "max_retries"),
        ({"deadline": 0}, "deadline"),
        ({"deadline": float("inf")}, "deadline"),
        ({"max_response_size": 10}, "max_response_size"),
    ],
)
def test_bad_client_settings_are_refused_at_construction(server: Hostile, options: Any, name: str) -> None:
    with pytest.raises(hoiio.ValidationError) as info:
        client_for(server, **options)
    assert any(p.startswith(name + ":") for p in info.value.problems), info.value.problems


# ---- bulk: everything checked once before the first request ---------------------------------------


def test_a_bulk_run_checks_every_number_including_nested_lists_before_sending_any(server: Hostile) -> None:
    numbers: List[Any] = [["+6591234567"] * 700, "+6591234568", ["+659123", ["+6591234569"]]]
    with client_for(server) as client:
        with pytest.raises(hoiio.ValidationError) as info:
            send_in_chunks(client, "hi", numbers, chunk_size=500)
    assert server.requests == []
    assert "#702" in str(info.value)  # the bad number is found by its place in the flattened list


def test_a_bulk_run_sends_chunks_of_chunk_size_built_from_the_flattened_numbers(server: Hostile) -> None:
    server.script = lambda r: ok('{"status":"success_ok","bulk_txn_ref":"AA-B-%d"}' % r.index)  # noqa: UP031
    numbers: List[Any] = [[f"+659{i:07d}" for i in range(700)], "+6580000001", ("+6580000002",), [[f"+658{i:07d}" for i in range(10, 310)]]]
    with client_for(server) as client:
        results = send_in_chunks(client, "hi", numbers, chunk_size=400)
    sent = [dict(p.split("=", 1) for p in r.body.decode().split("&"))["dest"].replace("%2B", "+").split("%2C") for r in server.requests]
    assert [len(d) for d in sent] == [400, 400, 202] and [len(r.numbers) for r in results] == [400, 400, 202]
    assert sum(sent, []) == [n for r in results for n in r.numbers]
    assert all(r.ok for r in results)


# ---- the CLI never prints a traceback ---------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        http_answer("<html>" + TOKEN + "</html>", "500 Internal Server Error", [("Content-Type", "text/html")]),
        http_answer("", "302 Found", [("Location", "http://[::1")]),
        http_answer('{"status":"success_ok","balance":' + "[" * 5000 + "]" * 5000 + "}"),
        b"HTTP/1.1 200 OK\r\nContent-Length: 99999\r\n\r\n{",
        b"garbage, not HTTP at all\r\n\r\n",
    ],
)
def test_the_cli_prints_one_line_and_no_traceback_whatever_the_server_answers(
    answer: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hoiio.cli import main

    with Hostile(lambda r: Reply(answer, close=True)) as bad:
        monkeypatch.setenv("HOIIO_APP_ID", "APP")
        monkeypatch.setenv("HOIIO_ACCESS_TOKEN", TOKEN)
        monkeypatch.setenv("HOIIO_BASE_URL", bad.base_url)
        code = main(["account", "balance", "--request-timeout", "1"])
    out = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in out.err and TOKEN not in out.err + out.out
    assert len(out.err.strip().splitlines()) == 1 and out.err.startswith("hoiio:")
