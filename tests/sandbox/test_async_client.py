"""hoiio.AsyncClient end to end against the sandbox, over real HTTP (aiohttp): send, status,
history paging with ``async for``, errors raised like the sync client's, 200 concurrent tasks
on one client, a dropped send and a cancelled send (never sent twice).

Every API answer the async client receives is checked on the way in, as the sync client's are
(conftest.check_wire), as the transport hands it over.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, AsyncIterator, Callable, Dict, List
from urllib.parse import urlsplit

import hoiio
import pytest
from hoiio.flow import AsyncIvrSession, IvrFlowError, Msg
from hoiio.sandbox.checks import endpoints

from .conftest import Receiver, Sandbox, balance, check_wire

pytestmark = pytest.mark.anyio

A = "+6591234567"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def checked(client: hoiio.AsyncClient) -> hoiio.AsyncClient:
    """The client, with every answer its transport returns checked as the sandbox tests check the sync client's."""
    send = client._transport.send

    async def checking(name: str, endpoint: Any, *args: Any) -> Any:
        data, text, http = await send(name, endpoint, *args)
        path = urlsplit(str(http.url)).path
        if http.headers.get("Content-Type", "").startswith("application/json") and path.split("/open/", 1)[-1] in endpoints():
            check_wire(endpoint.path, data)
        return data, text, http

    client._transport.send = checking
    return client


@pytest.fixture
async def make_async(sandbox: Sandbox) -> AsyncIterator[Callable[..., hoiio.AsyncClient]]:
    made: List[hoiio.AsyncClient] = []

    def make(acct: Dict[str, Any], **kwargs: Any) -> hoiio.AsyncClient:
        kwargs.setdefault("raise_on_error", False)  # as the sync make_client: these tests read error answers
        client = checked(hoiio.AsyncClient(acct["app_id"], acct["access_token"], base_url=sandbox.base_url, **kwargs))
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


@pytest.fixture
def aclient(account: Dict[str, Any], make_async: Callable[..., hoiio.AsyncClient]) -> hoiio.AsyncClient:
    return make_async(account)


@pytest.fixture(autouse=True)
def no_faults_left(sandbox: Sandbox) -> Any:
    yield
    sandbox.clear_faults()


def remaining(sandbox: Sandbox, kind: str) -> int:
    """How many requests the injected fault of this kind still applies to (each request that reached the sandbox's API took one)."""
    return sum(int(f["count"]) for f in sandbox.request("GET", "faults") if f["kind"] == kind)


async def test_send_then_status(sandbox: Sandbox, aclient: hoiio.AsyncClient, account: Dict[str, Any]) -> None:
    sent = await aclient.sms.send("Hello async", A, tag="a-1")
    assert type(sent).__name__ == "SmsSendResponse" and sent.is_success() and sent.txn_ref.startswith("AA-S-")
    status = await aclient.sms.status(sent.txn_ref)
    assert (status.txn_ref, status.tag, status.dest, status.msg, str(status.sms_status)) == (sent.txn_ref, "a-1", A, "Hello async", "queued")
    assert isinstance(status.response, hoiio.HTTPResponse) and status.response.status_code == 200
    assert balance(sandbox, account)["balance"] != "54.650"  # it was charged, once
    assert [t["txn_ref"] for t in sandbox.transactions(app_id=account["app_id"])] == [sent.txn_ref]


async def test_the_same_validation_before_anything_is_sent(sandbox: Sandbox, aclient: hoiio.AsyncClient, client: Any, account: Dict[str, Any]) -> None:
    with pytest.raises(hoiio.ValidationError) as async_error:
        await aclient.sms.send("", "12345", sender_name="X")
    with pytest.raises(hoiio.ValidationError) as sync_error:
        client.sms.send("", "12345", sender_name="X")
    assert async_error.value.problems == sync_error.value.problems and len(async_error.value.problems) == 3
    assert sandbox.transactions(app_id=account["app_id"]) == []


async def test_history_paging_with_async_for(sandbox: Sandbox, make_async: Callable[..., hoiio.AsyncClient], account: Dict[str, Any]) -> None:
    aclient = make_async(account, pool_size=20)
    refs = await asyncio.gather(*(aclient.sms.send(f"m{i}", f"+65912{i:05d}", tag=f"t{i}") for i in range(230)))
    pager = aclient.sms.history_iter()
    seen = [entry async for entry in pager]
    assert len(seen) == 230 and pager.pages == 3 and pager.total == 230
    assert {e.txn_ref for e in seen} == {r.txn_ref for r in refs}
    assert {e.tag for e in seen} == {f"t{i}" for i in range(230)}
    limited = aclient.sms.history_iter(limit=105)
    assert len([e async for e in limited]) == 105 and limited.pages == 2


async def test_errors_follow_the_sync_client(aclient: hoiio.AsyncClient, client: Any, make_async: Callable[..., hoiio.AsyncClient],
                                             make_client: Callable[..., Any], account: Dict[str, Any]) -> None:  # fmt: skip
    """The async client does exactly what the sync client does with an error status (the
    shared BaseClient._result): both raise, or both return it."""

    def outcome(call: Callable[[], Any]) -> Any:
        try:
            return ("returned", call().status)
        except hoiio.APIError as exc:
            return ("raised", type(exc).__name__, exc.status)

    async def aoutcome(coro: Any) -> Any:
        try:
            return ("returned", (await coro).status)
        except hoiio.APIError as exc:
            return ("raised", type(exc).__name__, exc.status)

    assert await aoutcome(aclient.sms.status("AA-S-999999")) == outcome(lambda: client.sms.status("AA-S-999999"))
    raising_sync = make_client(account, raise_on_error=True)
    raising = make_async(account, raise_on_error=True)
    with pytest.raises(hoiio.APIError) as async_error:
        await raising.sms.status("AA-S-999999")
    with pytest.raises(hoiio.APIError) as sync_error:
        raising_sync.sms.status("AA-S-999999")
    assert type(async_error.value) is type(sync_error.value)
    assert async_error.value.status == sync_error.value.status == "error_invalid_txn_ref"
    assert async_error.value.method == "sms.status"
    assert str(async_error.value) == str(sync_error.value)
    bad = make_async({"app_id": account["app_id"], "access_token": "wrong"}, raise_on_error=True)
    with pytest.raises(hoiio.AuthenticationError):
        await bad.account.balance()


async def test_200_concurrent_tasks_on_one_client_do_not_cross(sandbox: Sandbox, make_async: Callable[..., hoiio.AsyncClient],
                                                               account: Dict[str, Any]) -> None:  # fmt: skip
    other = sandbox.create_account()
    aclient = make_async(account, pool_size=16)

    async def task(i: int) -> None:
        dest = f"+6593{i:06d}"
        mine = {} if i % 2 else {"app_id": other["app_id"], "access_token": other["access_token"]}
        sent = await aclient.sms.send(f"message {i}", dest, tag=f"task-{i}", **mine)
        status = await aclient.sms.status(sent.txn_ref, **mine)
        assert (status.tag, status.dest, status.msg) == (f"task-{i}", dest, f"message {i}"), i
        info = await aclient.account.info(**mine)
        assert info.is_success()

    await asyncio.gather(*(task(i) for i in range(200)))
    mine = sandbox.transactions(app_id=account["app_id"])
    theirs = sandbox.transactions(app_id=other["app_id"])
    assert len(mine) == len(theirs) == 100


async def test_a_dropped_send_is_recorded_once_and_reported_outcome_unknown(sandbox: Sandbox, make_async: Callable[..., hoiio.AsyncClient],
                                                                           account: Dict[str, Any]) -> None:  # fmt: skip
    aclient = make_async(account, max_retries=3)
    sandbox.fault("drop", count=3, path="sms/send", after=True)
    with pytest.raises(hoiio.TransportError) as error:
        await aclient.sms.send("dropped", A, tag="drop-1")
    assert error.value.outcome_unknown and error.value.tag == "drop-1" and error.value.attempts == 1
    assert remaining(sandbox, "drop") == 2  # one request reached the sandbox: no retry
    assert [t.get("tag") for t in sandbox.transactions(app_id=account["app_id"])] == ["drop-1"]  # it took effect, once
    history = [e async for e in aclient.sms.history_iter()]
    assert [e.tag for e in history] == ["drop-1"]  # and it can be looked up by its tag


async def test_a_dropped_query_is_retried(sandbox: Sandbox, make_async: Callable[..., hoiio.AsyncClient], account: Dict[str, Any]) -> None:
    aclient = make_async(account, max_retries=2)
    aclient._transport._sleep = _no_sleep
    sandbox.fault("drop", count=2, path="user/get_balance")
    assert (await aclient.account.balance()).is_success()
    assert remaining(sandbox, "drop") == 0


async def _no_sleep(seconds: float) -> None:
    return None


async def test_a_cancelled_send_is_not_sent_again(sandbox: Sandbox, make_async: Callable[..., hoiio.AsyncClient], account: Dict[str, Any],
                                                  caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    aclient = make_async(account, max_retries=5)
    sandbox.fault("delay", count=5, path="sms/send", seconds=1.0)
    with caplog.at_level(logging.WARNING, logger="hoiio"):
        with pytest.raises((asyncio.TimeoutError, asyncio.CancelledError, hoiio.TransportError)):
            await asyncio.wait_for(aclient.sms.send("cancelled", A, tag="cancel-1"), timeout=0.3)
    (warning,) = [r.getMessage() for r in caplog.records if r.name == "hoiio"]
    assert "outcome is unknown" in warning and "cancel-1" in warning and account["access_token"] not in warning
    await asyncio.sleep(1.5)  # the sandbox finishes the request it got
    assert remaining(sandbox, "delay") == 4  # exactly one request went out
    assert [t.get("tag") for t in sandbox.transactions(app_id=account["app_id"])] == ["cancel-1"]
    task = asyncio.ensure_future(aclient.sms.send("cancelled too", A, tag="cancel-2"))
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises((asyncio.CancelledError, hoiio.TransportError)):
        await task
    await asyncio.sleep(1.5)
    assert remaining(sandbox, "delay") == 3
    assert [t.get("tag") for t in sandbox.transactions(app_id=account["app_id"])] == ["cancel-1", "cancel-2"]
    sandbox.clear_faults()
    assert (await aclient.sms.send("after", A)).is_success()  # the client still works


async def test_an_ivr_flow_driven_by_notifications(sandbox: Sandbox, aclient: hoiio.AsyncClient, account: Dict[str, Any], receiver: Receiver) -> None:
    """Dial, then each next block is chosen from the notification the receiver got: the digits
    of a gather decide the transfer; the session's rules hold for the awaited blocks."""
    url = receiver.url("/async-flow")

    async def next_note(count: int) -> Any:
        return (await asyncio.to_thread(receiver.wait_for, count, path="/async-flow"))[count - 1].note

    call = await AsyncIvrSession.dial(aclient, A, msg=Msg.text("Hello"), tag="ad", notify_url=url)
    assert call.id.startswith("S-") and call.state == "active"
    dial_ref = call.last.txn_ref
    sandbox.advance(5 + 3)
    dialled = await next_note(1)
    assert (type(dialled).__name__, dialled.dial_status, dialled.session, dialled.tag) == ("DialNotification", "answered", call.id, "ad")

    sandbox.press("2#", session=call.id)
    assert (await call.gather(msg="Press 1 or 2", max_digits=1, notify_url=url)).is_success()
    sandbox.advance(5)
    gathered = await next_note(2)
    assert type(gathered).__name__ == "GatherNotification" and gathered.digits == "2"

    follow = AsyncIvrSession.from_notification(aclient, gathered)  # as a notification handler would
    dest = {"1": "+6561110101", "2": "+6561110202"}[gathered.digits]
    assert (await follow.transfer(dest, msg="Connecting", notify_url=url)).is_success()
    assert follow.state == "ended"
    with pytest.raises(IvrFlowError):
        await follow.play(msg="too late")  # refused before anything is sent
    sandbox.advance(3 + 5 + 65)
    ended = await next_note(3)
    assert (type(ended).__name__, ended.transfer_status, ended.call_state) == ("TransferNotification", "answered", "ended")
    status = await aclient.voice.status(dial_ref)
    assert (status.dest1, status.dest2, status.call_status_dest2) == (A, dest, "answered")
    assert all(r.verify(account["access_token"]) for r in receiver.at("/async-flow"))
