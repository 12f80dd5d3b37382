"""Bulk SMS to more numbers than one request takes: split into chunks, send each once.

    from hoiio.bulk import send_in_chunks

    results = send_in_chunks(client, "Sale today!", numbers, max_workers=4, tag="sale-42")
    for chunk in results:
        print(chunk.index, len(chunk.numbers), chunk.ok, chunk.bulk_txn_ref or chunk.error)

In asyncio code, ``await asend_in_chunks(async_client, ...)`` does the same with at most
``concurrency`` requests in flight.

A chunk whose outcome is unknown (the request may have reached Hoiio) is reported with
``outcome_unknown=True`` and never sent again: check it before sending those numbers again.
"""

from __future__ import annotations

import concurrent.futures
import threading
from typing import Any, Callable, Iterable, List, Mapping, Optional, Sequence, Tuple

from ._runtime.kinds import CheckedNumbers, flatten
from ._runtime.params import Method
from ._runtime.phone import PhoneError, normalize
from .exceptions import APIError, HoiioException, TransportError, ValidationError

__all__ = ["ChunkResult", "send_in_chunks", "asend_in_chunks"]


class ChunkResult:
    """The outcome of one chunk: ``response`` when Hoiio answered (with ``error``, its APIError,
    when that was an error status), else ``error`` (a TransportError, say)."""

    __slots__ = ("index", "numbers", "response", "error")

    def __init__(self, index: int, numbers: List[str], response: Any = None, error: Optional[HoiioException] = None) -> None:
        self.index = index
        self.numbers = numbers
        self.response = response
        self.error = error

    @property
    def ok(self) -> bool:
        return self.response is not None and bool(self.response.is_success())

    @property
    def outcome_unknown(self) -> bool:
        return isinstance(self.error, TransportError) and self.error.outcome_unknown

    @property
    def bulk_txn_ref(self) -> Optional[str]:
        return getattr(self.response, "bulk_txn_ref", None) if self.response is not None else None

    def __repr__(self) -> str:
        state = "ok" if self.ok else ("outcome unknown" if self.outcome_unknown else (self.response.status if self.response is not None else repr(self.error)))
        return f"<ChunkResult #{self.index} {len(self.numbers)} numbers: {state}>"


def send_in_chunks(
    client: Any,
    msg: str,
    numbers: Sequence[str],
    *,
    chunk_size: Optional[int] = None,
    max_workers: int = 1,
    progress: Optional[Callable[[int, int], None]] = None,
    **options: Any,
) -> List[ChunkResult]:
    """Send ``msg`` to every number with ``sms.bulk_send``, at most ``chunk_size`` numbers a
    request (the spec's limit, 1000, by default), ``max_workers`` requests at a time.

    Every number is checked once, before the first chunk goes out (nested lists and
    comma-separated strings are flattened first, so a chunk never holds more than
    ``chunk_size`` numbers). ``ChunkResult.numbers`` holds the numbers as sent (E.164). Returns one ChunkResult per chunk,
    in order; ``progress(sent_numbers, total_numbers)`` is called as chunks finish.
    """
    numbers, chunks = _plan(client, numbers, chunk_size, "max_workers", max_workers)
    results: List[Optional[ChunkResult]] = [None] * len(chunks)
    done = [0]
    lock = threading.Lock()

    def send(index: int) -> None:
        chunk = chunks[index]
        try:
            result = ChunkResult(index, chunk, response=client.sms.bulk_send(msg, CheckedNumbers(",".join(chunk)), **options))
        except ValidationError:
            raise
        except APIError as exc:  # Hoiio answered an error (raised by default): keep the answer too
            result = ChunkResult(index, chunk, response=exc.response, error=exc)
        except HoiioException as exc:
            result = ChunkResult(index, chunk, error=exc)
        results[index] = result
        if progress is not None:
            with lock:
                done[0] += len(chunk)
                progress(done[0], len(numbers))

    if max_workers == 1:
        for i in range(len(chunks)):
            send(i)
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max_workers) as pool:
            for future in [pool.submit(send, i) for i in range(len(chunks))]:
                future.result()
    return [r for r in results if r is not None]


async def asend_in_chunks(
    client: Any,
    msg: str,
    numbers: Sequence[str],
    *,
    chunk_size: Optional[int] = None,
    concurrency: int = 4,
    progress: Optional[Callable[[int, int], None]] = None,
    **options: Any,
) -> List[ChunkResult]:
    """The async twin of :func:`send_in_chunks` for ``hoiio.AsyncClient``: at most
    ``concurrency`` chunks in flight at a time (a semaphore), every number checked before the
    first request, one ChunkResult per chunk in order. A chunk left unknown is never re-sent;
    if the run is cancelled, the chunks not yet started are not sent at all."""
    import asyncio

    numbers, chunks = _plan(client, numbers, chunk_size, "concurrency", concurrency)
    gate = asyncio.Semaphore(concurrency)
    done = [0]

    async def send(index: int, chunk: List[str]) -> ChunkResult:
        async with gate:
            try:
                result = ChunkResult(index, chunk, response=await client.sms.bulk_send(msg, CheckedNumbers(",".join(chunk)), **options))
            except ValidationError:
                raise
            except APIError as exc:  # Hoiio answered an error (raised by default): keep the answer too
                result = ChunkResult(index, chunk, response=exc.response, error=exc)
            except HoiioException as exc:
                result = ChunkResult(index, chunk, error=exc)
        done[0] += len(chunk)
        if progress is not None:
            progress(done[0], len(numbers))
        return result

    outcomes = await asyncio.gather(*(send(i, chunk) for i, chunk in enumerate(chunks)), return_exceptions=True)
    for outcome in outcomes:  # a ValidationError of the options: raised by every chunk before it was sent
        if isinstance(outcome, BaseException):
            raise outcome
    return [r for r in outcomes if isinstance(r, ChunkResult)]


def _plan(client: Any, numbers: Sequence[str], chunk_size: Optional[int], workers_name: str, workers: int) -> Tuple[List[str], List[List[str]]]:
    """Check the arguments and every number; return (numbers as sent, chunks) or raise one
    ValidationError listing every problem. Every number, nested lists and "a,b" strings
    included, is checked here, once, before the first request; the chunks are made of the
    normalised numbers and not checked again."""
    dest = _bulk_method().endpoint.by_wire["dest"]
    limit = dest.max_items or 1000
    size = limit if chunk_size is None else chunk_size
    problems = []
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= limit:
        problems.append(f"chunk_size: {chunk_size!r} is not valid; expected 1 to {limit}")
        size = limit
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        problems.append(f"{workers_name}: {workers!r} is not valid; expected an integer >= 1")
    if isinstance(numbers, (str, bytes)) or not isinstance(numbers, Iterable) or isinstance(numbers, Mapping):
        problems.append("numbers: expected a non-empty list of phone numbers")
        numbers = []
    checked: List[str] = []
    bad: List[str] = []
    prefix = client.prefix
    for index, item in enumerate(flatten(list(numbers))):
        try:
            checked.append(normalize(item, prefix))
        except PhoneError as exc:
            bad.append(f"#{index + 1} {exc}")
    if bad:
        problems.append(f"numbers: {len(bad)} not valid: " + "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else ""))
    elif not checked and not problems:
        problems.append("numbers: expected a non-empty list of phone numbers")
    if problems:
        raise ValidationError(problems, "send_in_chunks")
    return checked, [checked[i : i + size] for i in range(0, len(checked), size)]


def _bulk_method() -> Any:
    from .service import sms

    return next(m for m in vars(sms).values() if isinstance(m, Method) and m.name == "sms.bulk_send")
