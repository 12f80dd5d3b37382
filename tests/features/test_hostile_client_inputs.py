"""Issue 21, the client's side: numbers that overflow, bad settings, and paging without end, each
against a real socket (the hostile server of tests/support/hostile.py) that records what
reached it."""

from __future__ import annotations

import asyncio
import json
import pickle
from typing import Any, Callable, Dict, Iterator, List

import hoiio
import pytest
from hoiio import Hoiio
from support.hostile import Hostile, Reply, Request, ok

TOKEN = "TOPSECRET-token-7f3a"
HUGE = "9" * 400  # a JSON integer no float can hold


@pytest.fixture
def server() -> Iterator[Hostile]:
    with Hostile(lambda r: ok()) as s:
        yield s


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HOIIO_APP_ID", "HOIIO_ACCESS_TOKEN", "HOIIO_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def client_for(server: Hostile, **options: Any) -> hoiio.Client:
    return hoiio.Client("APP", TOKEN, base_url=server.base_url, **options)


def _answer(body: str) -> Callable[[Request], Reply]:
    return lambda r: ok(body)


# ---- a number no float can hold: kept as it came, never OverflowError ---------------------------------


def _record(i: int) -> str:
    return (
        f'{{"txn_ref":"AA-S-{i}","dest":"+6591234567","date":"2026-01-01 00:00:00","sms_status":"delivered",'
        f'"rate":{HUGE},"debit":-{HUGE},"split_count":{HUGE}}}'
    )


def _read_everything(res: Any) -> None:
    for name in type(res)._FIELDS:
        getattr(res, name)
    repr(res)
    res.to_dict()
    pickle.loads(pickle.dumps(res)).to_dict()


def test_a_balance_of_400_digits_reads_as_it_came(server: Hostile) -> None:
    server.script = _answer(f'{{"status":"success_ok","currency":"SGD","balance":{HUGE},"points":1e999,"bonus":-{HUGE}}}')
    with client_for(server) as client:
        res = client.account.balance()
        assert res.balance == int(HUGE) and res.bonus == -int(HUGE)  # as it came: no float holds it
        assert res.points == float("inf")  # what the JSON decoder made of 1e999
        assert HUGE in repr(res) and res.to_dict()["balance"] == int(HUGE)
        _read_everything(res)


def test_history_entries_with_400_digit_rates_read_and_page(server: Hostile) -> None:
    page = f'{{"status":"success_ok","entries_count":"2","total_entries_count":"2","entries":[{_record(1)},{_record(2)}]}}'
    server.script = _answer(page)
    with client_for(server) as client:
        res = client.sms.history()
        _read_everything(res)
        for entry in res.entries:
            assert entry.rate == int(HUGE) and entry.debit == -int(HUGE) and entry.split_count == int(HUGE)
            _read_everything(entry)
        got = list(client.sms.history_iter())
        assert [e.txn_ref for e in got] == ["AA-S-1", "AA-S-2"] and got[0].rate == int(HUGE)
        assert HUGE in repr(got[1])


def test_the_async_client_reads_a_400_digit_number_too(server: Hostile) -> None:
    server.script = _answer(f'{{"status":"success_ok","currency":"SGD","balance":{HUGE}}}')

    async def main() -> Any:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url) as client:
            return await client.account.balance()

    res = asyncio.run(main())
    assert res.balance == int(HUGE) and res.to_dict()["balance"] == int(HUGE)


def test_a_fax_rate_of_400_digits_reads_as_it_came(server: Hostile) -> None:
    server.script = _answer(f'{{"status":"success_ok","currency":"SGD","rate":{HUGE}}}')
    with client_for(server) as client:
        res = client.fax.rate(dest="+6591234567")
        assert res.rate == int(HUGE)
        _read_everything(res)


# ---- bad settings: a ValidationError naming the setting, when the client is made, nothing sent ------

BAD_SETTINGS = [
    ({"app_id": 12345}, "app_id"),
    ({"app_id": b"APP"}, "app_id"),
    ({"app_id": "AP\ud800P"}, "app_id"),
    ({"access_token": 12345}, "access_token"),
    ({"access_token": b"TOKEN"}, "access_token"),
    ({"access_token": "TOK\udcffEN"}, "access_token"),
    ({"base_url": "http://[::1/open/"}, "base_url"),
    ({"base_url": "http://127.0.0.1:99999/open/"}, "base_url"),
    ({"base_url": "http://127.0.0.1:0/open/"}, "base_url"),
    ({"base_url": "http://127.0.0.1:-1/open/"}, "base_url"),
    ({"base_url": "http://127.0.0.1:http/open/"}, "base_url"),
    ({"base_url": "http://127.0.0.1/op en/"}, "base_url"),
    ({"base_url": "http://127.0.0.1/open/\n"}, "base_url"),
    ({"base_url": "http://127.0.0.1/\ud800/"}, "base_url"),
    ({"base_url": b"http://127.0.0.1/open/"}, "base_url"),
    ({"base_url": 8080}, "base_url"),
    ({"base_url": "https://.example.com/open/"}, "base_url"),
]


def _make(kind: str, server: Hostile, options: Dict[str, Any]) -> Any:
    kwargs: Dict[str, Any] = {"app_id": "APP", "access_token": TOKEN, "base_url": server.base_url, **options}
    if kind == "sync":
        return hoiio.Client(**kwargs)
    if kind == "async":
        return hoiio.AsyncClient(**kwargs)
    Hoiio.init(kwargs.pop("app_id"), kwargs.pop("access_token"), **kwargs)
    return Hoiio.client()


@pytest.mark.parametrize("kind", ["sync", "async", "facade"])
@pytest.mark.parametrize("options, name", BAD_SETTINGS)
def test_a_bad_setting_is_a_validation_error_when_the_client_is_made(
    server: Hostile, clean_env: pytest.MonkeyPatch, kind: str, options: Dict[str, Any], name: str
) -> None:
    with pytest.raises(hoiio.ValidationError) as info:
        _make(kind, server, options)
    problems = info.value.problems
    assert any(p.startswith(name) for p in problems), problems
    assert TOKEN not in str(info.value) and "TOK\udcffEN" not in str(info.value)
    assert server.connections == 0 and server.requests == []


def test_every_bad_setting_is_reported_at_once(server: Hostile, clean_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(hoiio.ValidationError) as info:
        hoiio.Client(5, b"T", base_url="http://127.0.0.1:99999/")
    assert [p.split(" ")[0].rstrip(":") for p in info.value.problems] == ["app_id", "access_token", "base_url"]


def test_an_undecodable_access_token_in_the_environment_is_a_validation_error(
    server: Hostile, clean_env: pytest.MonkeyPatch
) -> None:
    # os.environ holds the byte 0xff as the lone surrogate "\udcff" (os.environb holds b"\xff")
    clean_env.setenv("HOIIO_ACCESS_TOKEN", b"TOKEN\xff".decode("utf-8", "surrogateescape"))
    clean_env.setenv("HOIIO_APP_ID", "APP")
    for make in (
        lambda: hoiio.Client(base_url=server.base_url),
        lambda: hoiio.AsyncClient(base_url=server.base_url),
        lambda: Hoiio.init(None, None, base_url=server.base_url),  # type: ignore[arg-type]
    ):
        with pytest.raises(hoiio.ValidationError, match="HOIIO_ACCESS_TOKEN") as info:
            make()
        assert info.value.problems[0].startswith("access_token")
    assert server.connections == 0


def test_a_bad_base_url_in_the_environment_is_named(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HOIIO_BASE_URL", "http://127.0.0.1:99999/open/")
    with pytest.raises(hoiio.ValidationError, match="HOIIO_BASE_URL"):
        hoiio.Client("APP", TOKEN)


@pytest.mark.parametrize(
    "options, name",
    [
        ({"app_id": 5}, "app_id"),
        ({"access_token": b"TOKEN"}, "access_token"),
        ({"access_token": "TOK\ud800EN"}, "access_token"),
        ({"extra_params": {"x\ud800": "1"}}, "extra_params"),
        ({"extra_params": {"x": "1\udfff"}}, "extra_params"),
        ({"extra_params": {"x": 10**5000}}, "extra_params"),
    ],
)
@pytest.mark.parametrize("kind", ["sync", "async", "facade"])
def test_a_bad_per_call_option_is_a_validation_error_before_a_byte_is_sent(
    server: Hostile, clean_env: pytest.MonkeyPatch, kind: str, options: Dict[str, Any], name: str
) -> None:
    client = _make(kind, server, {})
    with pytest.raises(hoiio.ValidationError) as info:
        if kind == "async":

            async def main() -> None:
                async with client:
                    await client.sms.send("hi", "+6591234567", **options)

            asyncio.run(main())
        elif kind == "facade":
            Hoiio.sms.send("hi", "+6591234567", **options)
        else:
            client.sms.send("hi", "+6591234567", **options)
    assert any(p.startswith(name) for p in info.value.problems), info.value.problems
    assert "TOK\ud800EN" not in str(info.value)
    assert server.connections == 0 and server.requests == []


def test_good_settings_still_reach_the_server(server: Hostile, clean_env: pytest.MonkeyPatch) -> None:
    with client_for(server) as client:
        client.sms.send("hi", "+6591234567")
    assert len(server.requests) == 1 and b"app_id=APP" in server.requests[0].body


# ---- paging: a bound the caller sets, and one by default without a total count ----------------------


def _endless(r: Request) -> Reply:
    """A distinct full page of 100 for every request, without a total count."""
    page = int(dict(p.split("=", 1) for p in r.body.decode().split("&")).get("page", "1"))
    entries = [{"txn_ref": f"AA-S-{page}-{i}", "sms_status": "delivered"} for i in range(100)]
    return ok(json.dumps({"status": "success_ok", "entries_count": 100, "entries": entries}))


def test_endless_distinct_pages_stop_at_max_pages(server: Hostile) -> None:
    server.script = _endless
    with client_for(server) as client:
        pager = client.sms.history_iter(max_pages=3)
        assert len(list(pager)) == 300 and pager.pages == 3
    assert len(server.requests) == 3


def test_endless_distinct_pages_without_a_total_stop_by_default(server: Hostile, monkeypatch: pytest.MonkeyPatch) -> None:
    from hoiio._runtime import pager as pager_module

    monkeypatch.setattr(pager_module, "DEFAULT_MAX_PAGES", 5)  # 1,000 by default; 5 keeps the test short
    server.script = _endless
    got: List[Any] = []
    with client_for(server) as client:
        with pytest.raises(hoiio.MalformedResponseError, match="no total count.*max_pages="):
            for entry in client.sms.history_iter():
                got.append(entry)
    assert len(got) == 500 and len(server.requests) == 5


def test_the_async_pager_and_the_facade_take_max_pages(server: Hostile, clean_env: pytest.MonkeyPatch) -> None:
    server.script = _endless

    async def main() -> List[Any]:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url) as client:
            return [e async for e in client.sms.history_iter(max_pages=2)]

    assert len(asyncio.run(main())) == 200
    Hoiio.init("APP", TOKEN, base_url=server.base_url)
    assert len(list(Hoiio.sms.history_iter(max_pages=1))) == 100
    assert len(server.requests) == 3


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_a_bad_max_pages_is_a_validation_error(server: Hostile, bad: Any) -> None:
    with client_for(server) as client:
        with pytest.raises(hoiio.ValidationError, match="max_pages"):
            client.sms.history_iter(max_pages=bad)
    assert server.connections == 0


def test_the_original_sdks_response_of_a_deeply_nested_answer_is_a_malformed_response_error(server: Hostile) -> None:
    """Response(requests_response), the 0.1.x way of reading an answer: JSON nested too deep is
    not a Hoiio answer (it raised RecursionError)."""
    import requests
    from hoiio._runtime.model import Response

    server.script = _answer('{"status":"success_ok","x":' + "[" * 100_000 + "]" * 100_000 + "}")
    with requests.Session() as http:
        http.trust_env = False
        answer = http.post(server.base_url + "user/get_balance", data={"app_id": "APP"}, timeout=10)
    with pytest.raises(hoiio.MalformedResponseError, match="not a Hoiio answer"):
        Response(answer)
