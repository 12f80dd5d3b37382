"""The shortcuts of the sandbox's request path give what the long way gave: form parsing
(against parse_qsl), dates (against strftime), prices (against the uncached conversion), the
account read from the store's memory (a copy every time, rolled back with the transaction), the
balance written alone, and a savepoint skipped while its transaction has written nothing."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl

import pytest
from hoiio.sandbox import data
from hoiio.sandbox.app import Malformed, _pairs
from hoiio.sandbox.store import Account, Store
from hoiio.sandbox.values import GMT8, WIRE_DATETIME, wire_date
from hypothesis import given, settings
from hypothesis import strategies as st


def parsed(raw: bytes) -> object:
    try:
        return _pairs(raw)
    except Malformed:
        return "malformed"


def reference(raw: bytes) -> object:
    try:
        return parse_qsl(raw.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeError:
        return "malformed"


@pytest.mark.parametrize(
    "raw",
    [b"", b"&", b"&&a", b"a", b"a=", b"=b", b"=", b"a=b=c", b"a+b=c+d", b"a%20b=%2B65", b"x=%E2%82%AC", b"x=%ZZ", b"x=%",
     b"x=%e2%82", b"x=%FF", b"a=1&a=2", b"&a=1&&b&", b"a=b;c=d", b"+=+", b"%3D=%26", b"msg=Load+test+message&dest=%2B6591234567"],
)  # fmt: skip
def test_form_pairs_are_parse_qsl_pairs(raw: bytes) -> None:
    assert parsed(raw) == reference(raw)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab=&+%20EeFfZ;", max_size=30))
def test_form_pairs_are_parse_qsl_pairs_whatever_the_text(text: str) -> None:
    raw = text.encode("ascii")
    assert parsed(raw) == reference(raw)


@pytest.mark.parametrize("moment", [0.0, 1.0, 1.4999999, 1.9999996, 59.9999999, 1764590000.123, 1764590000.9999999, 32503679999.5])
def test_wire_dates_are_strftime_dates(moment: float) -> None:
    for m in (moment, moment + 1, moment):  # a new second, then back to one written before
        assert wire_date(m) == dt.datetime.fromtimestamp(m, GMT8).strftime(WIRE_DATETIME)


def test_cached_prices_are_the_conversion() -> None:
    data.convert.cache_clear()
    first = data.convert("0.038", "USD")
    assert data.convert("0.038", "USD") == first == data.convert.__wrapped__("0.038", "USD")
    assert data.convert("0.038", "SGD") == 38


def test_the_account_from_memory_is_a_copy_each_time() -> None:
    store = Store()
    with store.transaction():
        store.put_account(Account("A", "t", 1000, 500, {"name": "x", "tags": ["a"], "credit_card": True}))  # a list: not flat
        store.put_account(Account("B", "u", 10, 0, {"name": "y", "credit_card": False}))
    for app_id in ("A", "B"):
        with store.transaction():
            one = store.account(app_id)
            assert one is not None
            one.data["name"] = "changed"
            one.data.setdefault("tags", []).append("b")
            two = store.account(app_id)
            assert two is not None and two.data["name"] in ("x", "y") and two.data.get("tags", ["a"]) == ["a"]
    store.close()


def test_a_balance_written_alone_rolls_back_with_its_transaction() -> None:
    store = Store()
    with store.transaction():
        store.put_account(Account("A", "t", 1000, 500, {"name": "x"}))
    with store.transaction():
        store.set_balance("A", 900, 0)
        got = store.account("A")
        assert got is not None and (got.points, got.bonus, got.data) == (900, 0, {"name": "x"})
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.set_balance("A", 1, 2)
            raise RuntimeError("undo")
    with store.transaction():
        got = store.account("A")
        assert got is not None and (got.points, got.bonus) == (900, 0)
        row = store._q("SELECT points, bonus, data FROM accounts WHERE app_id = 'A'").fetchone()
        assert (row["points"], row["bonus"], row["data"]) == (900, 0, '{"name":"x"}')
        store.set_balance("nobody", 1, 1)  # no such account: nothing made
        assert store.account("nobody") is None
    store.close()


def _state(store: Store) -> object:
    with store.transaction():
        accounts = [(a.app_id, a.points, a.bonus, a.data) for a in store.accounts()]
        return accounts, store.meta("seq:x"), [(e.kind, e.data) for e in store.events()]


@pytest.mark.parametrize("written_before", [False, True])
def test_a_savepoint_undoes_its_block_whether_or_not_it_was_skipped(written_before: bool) -> None:
    """The same rows after a failed block, a kept one and what follows it in the transaction,
    with the SAVEPOINT skipped (nothing written before it) or made (something was)."""
    for lazy in (True, False):
        store = Store()
        statements: list = []
        store._conn.set_trace_callback(statements.append)
        with store.transaction():
            store.put_account(Account("A", "t", 1000, 0, {"name": "x"}))
        with store.transaction():
            if written_before:
                store.add_event(1.0, "A", "before", {})
            if not lazy:
                store._clean = -2  # as if written: the SAVEPOINT is made
            with pytest.raises(RuntimeError):
                with store.savepoint("request"):
                    store.set_balance("A", 1, 2)
                    store.next_seq("x")
                    store.add_event(2.0, "A", "undone", {})
                    assert store.account("A").points == 1  # type: ignore[union-attr]
                    raise RuntimeError("undo")
            assert store.account("A").points == 1000  # type: ignore[union-attr]
            with store.savepoint("again"):
                store.add_event(3.0, "A", "kept", {"k": 1})
                store.next_seq("x")
        made = any(s.startswith("SAVEPOINT request") for s in statements)
        assert made == (written_before or not lazy)
        result = _state(store)
        store.close()
        if lazy:
            first = result
        else:
            assert result == first
    assert first == ([("A", 1000, 0, {"name": "x"})], "1", ([("before", {})] if written_before else []) + [("kept", {"k": 1})])


def test_a_request_makes_no_savepoint_and_an_error_answer_undoes_its_writes() -> None:
    from hoiio.sandbox.engine import Engine

    engine = Engine(None, freeze=True)
    statements: list = []
    engine.store._conn.set_trace_callback(statements.append)
    form = {"app_id": engine.default_app_id, "access_token": engine.default_access_token, "dest": "+6591234567", "msg": "hi"}
    assert engine.api("sms/send", "POST", form, {})[1]["status"] == "success_ok"
    assert not any(s.startswith(("SAVEPOINT", "RELEASE")) for s in statements), statements
    before = _state(engine.store), len(engine.store.txns())
    with engine.store.transaction():
        engine.store.set_balance(engine.default_app_id, 0, 0)
    assert engine.api("sms/send", "POST", form, {})[1]["status"] == "error_insufficient_credit"
    with engine.store.transaction():
        engine.store.set_balance(engine.default_app_id, *before[0][0][0][1:3])  # type: ignore[index]
    assert (_state(engine.store), len(engine.store.txns())) == before
    engine.close()
