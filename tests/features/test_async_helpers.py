"""What comes with hoiio.AsyncClient: the constructor of the sync client, lazy aiohttp, the Stubber,
``asend_in_chunks`` with bounded concurrency, and the ``hoiio_async_client`` pytest fixture in a
user's own async test suite."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Iterator, List

import hoiio
import pytest
from hoiio.bulk import asend_in_chunks, send_in_chunks
from hoiio.sandbox.server import Sandbox
from hoiio.testing import Stubber, StubError


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


def run_python(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_import_hoiio_and_the_sync_client_never_load_aiohttp() -> None:
    out = run_python("""
        import sys
        import hoiio
        from hoiio import Client, Hoiio, notifications, bulk, testing
        from hoiio.service import sms, voice, ivr
        client = hoiio.Client("app", "token")
        client.sms, client.voice, client.ivr
        try:
            client.sms.send("hi", "not a number")
        except hoiio.ValidationError:
            pass
        print("aiohttp" in sys.modules, "hoiio._runtime.atransport" in sys.modules)
        hoiio.AsyncClient("app", "token")
        print("aiohttp" in sys.modules)
    """)
    assert out.splitlines() == ["False False", "True"]


def test_the_async_client_never_loads_requests() -> None:
    out = run_python("""
        import asyncio, sys
        import hoiio

        async def main():
            async with hoiio.AsyncClient("app", "token", base_url="http://127.0.0.1:1/open/", max_retries=0) as client:
                try:
                    await client.sms.send("hi", "+6511111111")  # connection refused: the whole send path
                except hoiio.TransportError as exc:
                    print(exc.outcome_unknown)

        asyncio.run(main())
        print("requests" in sys.modules, "urllib3" in sys.modules)
    """)
    assert out.splitlines() == ["False", "False False"]


def test_without_aiohttp_the_async_client_says_what_to_install() -> None:
    out = run_python("""
        import sys
        sys.modules["aiohttp"] = None  # as if it were not installed
        import hoiio
        try:
            hoiio.AsyncClient("app", "token")
        except hoiio.HoiioException as exc:
            print(type(exc).__name__, exc)
    """)
    assert out.startswith("HoiioException hoiio.AsyncClient needs aiohttp: pip install 'hoiio[async]'")


def test_the_same_constructor_options_and_environment_as_the_sync_client(monkeypatch: pytest.MonkeyPatch) -> None:
    sync = inspect.signature(hoiio.Client.__init__).parameters
    both = inspect.signature(hoiio.AsyncClient.__init__).parameters
    # the transport's deadline and max_response_size may reach Client only when the branches merge
    later = {"http_client", "deadline", "max_response_size"} - set(sync)
    assert [n for n in sync if n != "session"] == [n for n in both if n not in later]
    for name in sync:
        if name not in ("session", "self"):
            assert (sync[name].kind, sync[name].default, str(sync[name].annotation).strip("'\"")) == (
                both[name].kind, both[name].default, str(both[name].annotation).strip("'\"")), name  # fmt: skip
    monkeypatch.setenv("HOIIO_APP_ID", "env-app")
    monkeypatch.setenv("HOIIO_ACCESS_TOKEN", "env-token")
    monkeypatch.setenv("HOIIO_BASE_URL", "http://127.0.0.1:9/open")
    client = hoiio.AsyncClient(prefix="65", timeout=(1, 2), max_retries=4)
    assert (client.app_id, client.base_url, client.prefix, client.timeout, client.max_retries) == (
        "env-app", "http://127.0.0.1:9/open/", "65", (1.0, 2.0), 4)  # fmt: skip
    assert "env-token" not in repr(client) and repr(client).startswith("AsyncClient(app_id='env-app'")
    with pytest.raises(hoiio.ValidationError, match="plain http"):
        hoiio.AsyncClient(base_url="http://example.com/open/")
    with pytest.raises(hoiio.ValidationError, match="max_retries"):
        hoiio.AsyncClient(max_retries=-1)
    with pytest.raises(hoiio.ValidationError, match="http_client: Session is not valid; expected an aiohttp.ClientSession"):
        import requests

        hoiio.AsyncClient(http_client=requests.Session())
    for make in (hoiio.Client, hoiio.AsyncClient):
        with pytest.raises(hoiio.ValidationError, match="pool_size: 0 is not valid"):
            make(pool_size=0)
    with pytest.raises(TypeError, match="AsyncClient cannot be pickled"):
        import pickle

        pickle.dumps(client)


@pytest.mark.anyio
async def test_missing_credentials_are_named_for_the_async_client(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOIIO_APP_ID", "HOIIO_ACCESS_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    async with hoiio.AsyncClient() as client:
        with pytest.raises(hoiio.ValidationError) as error:
            await client.sms.send("hi", "+6591234567")
    assert error.value.problems[0].startswith("app_id is not set; pass it to hoiio.AsyncClient(...)")


@pytest.mark.anyio
async def test_a_closed_client_says_so_and_sends_nothing() -> None:
    client = hoiio.AsyncClient("app", "token", base_url="http://127.0.0.1:9/open/")
    await client.aclose()
    await client.aclose()  # twice is fine
    with pytest.raises(hoiio.TransportError, match="this AsyncClient was closed") as error:
        await client.sms.send("hi", "+6591234567")
    assert not error.value.outcome_unknown
    with pytest.raises(hoiio.ValidationError):  # bad arguments are still named first
        await client.sms.send("", "+6591234567")


@pytest.mark.anyio
async def test_the_stubber_works_with_the_async_client() -> None:
    async with hoiio.AsyncClient("app", "token", base_url="http://127.0.0.1:9/open/") as client:
        with Stubber(client) as stub:
            stub.add_response("sms.send", {"status": "success_ok", "txn_ref": "AA-S-1"}, expected_params={"dest": "+6511111111", "msg": "hi"})
            stub.add_transport_error("sms.status", outcome_unknown=False)
            res = await client.sms.send("hi", "+6511111111")
            assert (res.txn_ref, res.response.status_code, str(res.response.url)) == ("AA-S-1", 200, "http://127.0.0.1:9/open/sms/send")
            assert isinstance(res.response, hoiio.HTTPResponse) and res.response.json() == {"status": "success_ok", "txn_ref": "AA-S-1"}
            with pytest.raises(hoiio.TransportError):
                await client.sms.status("AA-S-1")
            with pytest.raises(StubError, match="no answer is queued"):
                await client.sms.send("hi", "+6511111111")
            stub.assert_no_pending_responses()
        with pytest.raises(hoiio.TransportError):  # the stubber is gone: the real (closed) port
            await client.account.balance(max_retries=0)


@pytest.mark.anyio
async def test_asend_in_chunks_bounds_its_concurrency_and_sends_each_chunk_once(sandbox: Sandbox) -> None:
    acct = sandbox.create_account()
    sandbox.topup(points="5000", app_id=acct["app_id"])
    numbers = [f"+6592{i:06d}" for i in range(2050)]
    async with hoiio.AsyncClient(acct["app_id"], acct["access_token"], base_url=sandbox.base_url) as client:
        send = client._transport.send
        flight = {"now": 0, "most": 0, "calls": 0}

        async def counting(*args: Any) -> Any:
            flight["now"] += 1
            flight["calls"] += 1
            flight["most"] = max(flight["most"], flight["now"])
            try:
                await asyncio.sleep(0.02)  # long enough for every allowed task to be in flight together
                return await send(*args)
            finally:
                flight["now"] -= 1

        client._transport.send = counting
        seen: List[int] = []
        results = await asend_in_chunks(client, "Sale", numbers, chunk_size=100, concurrency=3, tag="sale", progress=lambda n, total: seen.append(n))
    assert [r.index for r in results] == list(range(21)) and all(r.ok for r in results)
    assert sum(len(r.numbers) for r in results) == 2050 and results[-1].numbers == numbers[2000:]
    assert flight == {"now": 0, "most": 3, "calls": 21}
    assert seen[-1] == 2050 and seen == sorted(seen)
    assert len([t for t in sandbox.transactions(app_id=acct["app_id"]) if t.get("tag") == "sale"]) >= 21


@pytest.mark.anyio
async def test_asend_in_chunks_checks_every_number_before_the_first_request(sandbox: Sandbox) -> None:
    acct = sandbox.create_account()
    numbers = [f"+6592{i:06d}" for i in range(1500)]
    numbers[1400] = "+65 not a number"
    async with hoiio.AsyncClient(acct["app_id"], acct["access_token"], base_url=sandbox.base_url) as client:
        with pytest.raises(hoiio.ValidationError) as error:
            await asend_in_chunks(client, "Sale", numbers, chunk_size=700, concurrency=0)
        with pytest.raises(hoiio.ValidationError) as nested:
            await asend_in_chunks(client, "Sale", ["+6591234567", ["+6591234568", "+659123"]])  # type: ignore[list-item]
        with pytest.raises(hoiio.ValidationError) as options:
            await asend_in_chunks(client, "Sale", numbers[:1000], chunk_size=100, sender_name="X")
    assert any("concurrency" in p for p in error.value.problems)
    assert any(p.startswith("numbers: 1 not valid: #1401 ") for p in error.value.problems), error.value.problems
    assert "#3 " in nested.value.problems[0]  # nested lists are flattened, and each number checked
    assert any("sender_name" in p for p in options.value.problems)
    assert sandbox.transactions(app_id=acct["app_id"]) == []  # nothing was sent
    with pytest.raises(hoiio.ValidationError, match="#701 "):  # the sync helper checks every number, too
        send_in_chunks(hoiio.Client("a", "t", base_url=sandbox.base_url), "x", ["+6591234567"] * 700 + ["bad"] + ["+6591234567"] * 699, chunk_size=700)


ASYNC_APP_TEST = """
    import pytest
    import hoiio
    from hoiio.testing import Stubber

    pytestmark = pytest.mark.anyio


    @pytest.fixture
    def anyio_backend():
        return "asyncio"


    async def test_welcome_is_sent(hoiio_sandbox, hoiio_async_client):
        assert isinstance(hoiio_async_client, hoiio.AsyncClient)
        res = await hoiio_async_client.sms.send("Welcome!", "+6591234567")
        assert res.is_success()
        history = [e async for e in hoiio_async_client.sms.history_iter()]
        assert [e.txn_ref for e in history] == [res.txn_ref]


    async def test_each_test_gets_a_fresh_account(hoiio_async_client):
        assert (await hoiio_async_client.sms.history()).total_entries_count == 0


    async def test_stubbed(hoiio_async_client):
        with Stubber(hoiio_async_client) as stub:
            stub.add_response("account.balance", {"status": "success_ok", "currency": "SGD", "balance": "1.000", "points": "1.000", "bonus": "0.000"})
            assert (await hoiio_async_client.account.balance()).balance == 1.0
"""


def test_the_async_fixture_works_in_a_users_test_suite(tmp_path: Path) -> None:
    (tmp_path / "test_app.py").write_text(textwrap.dedent(ASYNC_APP_TEST), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_app.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout


