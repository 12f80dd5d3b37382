"""A tour: every method of the SDK, driven end to end against the sandbox, each answer checked
against its JSON Schema (conftest), and the set of methods called compared with the set the
spec generates, so a new endpoint cannot go untested."""

from __future__ import annotations

import importlib
from typing import Any, Dict, List, Set

from hoiio._generated.api import SERVICES
from hoiio._runtime.params import Method
from hoiio.flow import Msg

from .conftest import PDF, SEEN, Receiver, Sandbox
from .conftest import endpoints as spec_endpoints


def all_methods() -> Set[str]:
    names = set()
    for module_name, _ in SERVICES.values():
        for obj in vars(importlib.import_module(module_name)).values():
            if isinstance(obj, Method):
                names.add(obj.name)
    return names


def test_every_sdk_method_against_the_sandbox(sandbox: Sandbox, receiver: Receiver, account: Dict[str, Any], make_client: Any) -> None:
    client = make_client(account)
    called: List[str] = []
    original = client._call

    def recording(method: Any, values: Any, options: Any) -> Any:
        called.append(method.name)
        res = original(method, values, options)
        assert res.is_success(), f"{method.name}: {res.json}"
        return res

    client._call = recording  # type: ignore[method-assign]
    tour(client, called, sandbox, receiver, account)


def test_every_sdk_method_on_the_async_client(sandbox: Sandbox, receiver: Receiver, account: Dict[str, Any]) -> None:
    """The same tour through hoiio.AsyncClient: each call awaited on an event loop in a thread
    of its own (Blocking turns the tour's plain calls into awaits there)."""
    import asyncio
    import threading

    import hoiio

    from .test_async_client import checked

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    client = checked(hoiio.AsyncClient(account["app_id"], account["access_token"], base_url=sandbox.base_url))
    called: List[str] = []
    original = client._call

    async def recording(method: Any, values: Any, options: Any) -> Any:
        called.append(method.name)
        res = await original(method, values, options)
        assert res.is_success(), f"{method.name}: {res.json}"
        return res

    client._call = recording  # type: ignore[method-assign]
    try:
        tour(Blocking(client, loop), called, sandbox, receiver, account, "/tour-async")
    finally:
        asyncio.run_coroutine_threadsafe(client.aclose(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


class Blocking:
    """``Blocking(async_client, loop).sms.send(...)`` awaits ``async_client.sms.send(...)`` on
    ``loop`` and returns its result; an async pager comes back as the list of its entries."""

    def __init__(self, target: Any, loop: Any) -> None:
        self._target = target
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        import asyncio
        import inspect

        from hoiio._runtime.aclient import AsyncService
        from hoiio._runtime.pager import AsyncPager

        attr = getattr(self._target, name)
        if isinstance(attr, AsyncService):
            return Blocking(attr, self._loop)
        assert inspect.iscoroutinefunction(attr) or name.endswith("_iter"), f"{name} is not async"

        def call(*args: Any, **kwargs: Any) -> Any:
            result = attr(*args, **kwargs)
            if isinstance(result, AsyncPager):
                return asyncio.run_coroutine_threadsafe(_collect(result), self._loop).result(60)
            return asyncio.run_coroutine_threadsafe(result, self._loop).result(60)

        return call


async def _collect(pager: Any) -> List[Any]:
    return [entry async for entry in pager]


def tour(client: Any, called: List[str], sandbox: Sandbox, receiver: Receiver, account: Dict[str, Any], path: str = "/tour") -> None:
    hook = receiver.url(path)

    # account
    assert client.account.balance().balance == 54.65
    assert client.user.info().mobile_number == "+6511111111"

    # sms
    sent = client.sms.send("Hoiio World", "+6591234567", notify_url=hook, tag="tour")
    client.sms.bulk_send("Hello {{name}}", recipients=[{"dest": "+6591234567", "name": "Ann"}], notify_url=hook)
    client.sms.bulk_send("Hello all", "+6591234567", "+6591234568")
    assert client.sms.rate("Hoiio", "+6591234567").split_count == 1
    assert client.sms.rate_in("+16505551101").rate == 0.013
    sandbox.advance(10)
    assert client.sms.status(sent.txn_ref).sms_status == "delivered"
    assert client.sms.history().total_entries_count == 4
    assert len(list(client.sms.history_iter())) == 4

    # voice and conference
    call = client.voice.call("+6591234567", "+6598765432", notify_url=hook)
    conf = client.voice.conference("+6591234567", "+6598765432", room="tour_room")
    conf2 = client.conference.call("+6591234569", room="tour_room")
    sandbox.advance(7)
    assert client.conference.moderate(conf2.txn_refs[0], "mute").is_success()
    assert client.voice.hangup(conf.txn_refs[0]).is_success()
    sandbox.advance(120)
    assert client.voice.status(call.txn_ref).call_status_dest2 == "answered"
    assert client.voice.rate("+6591234567", "+6598765432").talktime > 0
    assert client.voice.history().total_entries_count == 4
    assert len(list(client.voice.history_iter())) == 4

    # fax
    fax = client.fax.send("+6561234567", PDF, filename="tour.pdf", notify_url=hook)
    assert client.fax.rate("+6561234567").rate == 0.032
    assert client.fax.rate_in("+6561234567").rate == 0.015
    sandbox.advance(120)
    assert client.fax.status(fax.txn_ref).fax_status == "answered"
    assert client.fax.history(type="outgoing").total_entries_count == 1
    assert len(list(client.fax.history_iter())) == 1

    # numbers
    assert any(c.code == "US" for c in client.number.available_countries().entries)
    assert client.number.available_numbers("US", "CA").entries[0].number.startswith("+1")
    numbers = [n.number for n in client.number.available_numbers_iter("SG")]
    assert client.number.rate("SG").entries[0].duration == 1
    assert client.number.subscribe(numbers[-1], "1").is_success()
    assert client.number.configure(numbers[-1], forward_to=hook).is_success()
    assert client.number.subscribed_numbers().entries[0].number == numbers[-1]
    assert client.number.active_numbers().entries_count == 1

    # ivr: every block once
    dial = client.ivr.dial("+6591234567", msg=Msg.text("Hello"), notify_url=hook)
    sandbox.advance(10)
    sandbox.press("1", session=dial.session)
    client.ivr.gather(dial.session, msg="Press 1", max_digits=1, notify_url=hook)
    sandbox.advance(10)
    client.ivr.play(dial.session, "Thanks", notify_url=hook)
    sandbox.advance(10)
    client.ivr.record(dial.session, msg="Speak", max_duration=5, notify_url=hook)
    sandbox.advance(20)
    client.ivr.monitor(dial.session, notify_url=hook)
    sandbox.advance(5)
    client.ivr.hold(dial.session)
    client.ivr.unhold(dial.session, notify_url=hook)
    client.ivr.transfer(dial.session, "+6598765432", notify_url=hook)
    second = client.ivr.dial("+6591234568", notify_url=hook)
    sandbox.advance(10)
    client.ivr.hangup(second.session, force=True, notify_url=hook)
    sandbox.advance(200)

    assert set(called) == all_methods(), f"not driven: {sorted(all_methods() - set(called))}"
    assert {p for p, _ in SEEN} >= set(spec_endpoints()), "every endpoint answered and was checked against its schema"
    sandbox.wait_for_notifications()
    got = receiver.at(path)
    assert all(r.verify(account["access_token"]) for r in got)
    kinds = sorted(type(r.note).__name__ for r in got)
    assert kinds == sorted(
        ["SmsDeliveryNotification"] * 2 + ["CallNotification", "FaxNotification", "GatherNotification", "PlayNotification",
         "RecordNotification", "UnholdNotification", "TransferNotification", "HangupNotification"]
        + ["DialNotification"] * 2 + ["MonitorNotification"] * 2
    )  # fmt: skip
