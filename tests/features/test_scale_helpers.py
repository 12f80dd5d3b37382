"""Auto-paging iterators and chunked bulk SMS."""

from __future__ import annotations

import json
import threading
from typing import Any, Dict, List

import hoiio
import pytest
from hoiio.bulk import send_in_chunks
from support.fakes import FakeSession, make_response


def _history_server(total: int, page_size: int = 100, fail_page: int = 0) -> FakeSession:
    def reply(**kw: Any) -> Any:
        page = int(kw["data"].get("page", "1"))
        if page == fail_page:
            return make_response(b'{"status":"error_internal_server_error"}', 200)
        start = (page - 1) * page_size
        entries = [{"txn_ref": f"AA-S-{i}", "date": "2012-01-01 00:00:00", "split_count": "1"} for i in range(start, min(start + page_size, total))]
        body = {"status": "success_ok", "entries_count": str(len(entries)), "total_entries_count": str(total), "entries": entries}
        return make_response(json.dumps(body).encode())

    return FakeSession(reply)


def test_history_iter_fetches_pages_lazily_and_exposes_the_total() -> None:
    fake = _history_server(250)
    client = hoiio.Client("A", "T", session=fake)
    pager = client.sms.history_iter(from_="2012-01-01 00:00:00")
    assert fake.calls == [] and pager.total is None
    it = iter(pager)
    first = next(it)
    assert first.txn_ref == "AA-S-0" and first.split_count == 1 and pager.total == 250 and len(fake.calls) == 1
    rest = list(it)
    assert len(rest) == 249 and rest[-1].txn_ref == "AA-S-249"
    assert [c["data"]["page"] for c in fake.calls] == ["1", "2", "3"]
    assert all(c["data"]["from"] == "2012-01-01 00:00:00" for c in fake.calls)


def test_limit_stops_early_and_an_error_page_ends_the_iteration() -> None:
    fake = _history_server(1000)
    client = hoiio.Client("A", "T", session=fake)
    assert len(list(client.voice.history_iter(limit=150))) == 150 and len(fake.calls) == 2
    with pytest.raises(hoiio.ValidationError, match="limit"):
        client.voice.history_iter(limit=-1)
    failing = _history_server(1000, fail_page=2)
    client = hoiio.Client("A", "T", session=failing, max_retries=0)
    pager = client.fax.history_iter(type="incoming")
    got: List[Any] = []
    with pytest.raises(hoiio.ServerError):  # an error page raises, as any call does
        got.extend(pager)
    assert len(got) == 100 and pager.last_response.status == "success_ok" and pager.pages == 1
    failing = _history_server(1000, fail_page=2)
    client = hoiio.Client("A", "T", session=failing, max_retries=0, raise_on_error=False)
    pager = client.fax.history_iter(type="incoming")
    assert len(list(pager)) == 100 and pager.last_response.status == "error_internal_server_error"


def test_available_numbers_iter_uses_the_spec_page_size() -> None:
    fake = _history_server(45, page_size=20)
    client = hoiio.Client("A", "T", session=fake)
    assert len(list(client.number.available_numbers_iter("US", "AL"))) == 45
    assert [c["data"]["page"] for c in fake.calls] == ["1", "2", "3"]
    assert fake.calls[0]["data"]["state"] == "AL"


def test_bulk_sends_in_chunks_of_at_most_1000_concurrently_and_reports_each() -> None:
    lock = threading.Lock()
    seen: List[Dict[str, Any]] = []

    def reply(**kw: Any) -> Any:
        with lock:
            seen.append(kw["data"])
        if kw["data"]["dest"].startswith("+6590001000"):
            raise __import__("requests").exceptions.ReadTimeout("slow")
        return make_response(b'{"status":"success_ok","bulk_txn_ref":"AA-B-%d"}' % len(seen))

    client = hoiio.Client("A", "T", session=FakeSession(reply), prefix="65")
    numbers = [f"9{i:07d}" for i in range(2500)]
    progress: List[int] = []
    results = send_in_chunks(client, "Sale!", numbers, max_workers=3, progress=lambda done, total: progress.append(done), tag="sale")
    assert [len(r.numbers) for r in results] == [1000, 1000, 500]
    assert len(seen) == 3, "every chunk is sent exactly once"
    assert sorted(len(d["dest"].split(",")) for d in seen) == [500, 1000, 1000]
    assert all(d["tag"] == "sale" and d["msg"] == "Sale!" for d in seen)
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].outcome_unknown and results[1].bulk_txn_ref is None
    assert progress[-1] == 2500


def test_bulk_checks_every_number_before_sending_any() -> None:
    fake = FakeSession()
    client = hoiio.Client("A", "T", session=fake)
    with pytest.raises(hoiio.ValidationError) as info:
        send_in_chunks(client, "hi", ["+6591234567"] * 1500 + ["12345"], chunk_size=1001)
    assert fake.calls == []
    assert any("chunk_size" in p for p in info.value.problems) and any("'12345'" in p for p in info.value.problems)


def test_form_of_a_chunk_matches_sms_bulk_send() -> None:
    fake = FakeSession(lambda **kw: make_response(b'{"status":"success_ok","txn_ref":"AA-B-1"}'))
    client = hoiio.Client("A", "T", session=fake)
    [result] = send_in_chunks(client, "hi", ["+6511111111", "+6522222222"])
    assert result.bulk_txn_ref == "AA-B-1"
    assert fake.calls[0]["data"]["dest"] == "+6511111111,+6522222222"
