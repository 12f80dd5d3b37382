"""The campaign's engine: planning, sending one chunk, reconciliation, the single-machine runner.

Shared with the distributed mode (``hoiio.campaign.distributed``), which keeps the same rows in
PostgreSQL and runs :func:`send_chunk` and :func:`reconcile` in Celery workers.
"""

from __future__ import annotations

import concurrent.futures
import datetime as _dt
import threading
import time
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Protocol, Sequence, Set, Tuple

from .._runtime.kinds import CheckedNumbers
from .._runtime.phone import PhoneError, normalize
from .._runtime.rules import parse_retry_after
from ..exceptions import (
    APIError,
    AuthenticationError,
    HoiioException,
    InsufficientCreditError,
    InvalidRequestError,
    MalformedResponseError,
    RateLimitError,
    ServerError,
    TransportError,
    ValidationError,
)
from .journal import Chunk, JournalError, SQLiteJournal

__all__ = [
    "Campaign", "Summary", "CampaignError", "BudgetExceededError", "Conclusion",
    "audit", "calling_code", "chunk_tag", "plan", "reconcile", "send_chunk", "status",
]  # fmt: skip

#: Every chunk's tag: ``hc:<campaign id>:<chunk>.<attempt>`` (Hoiio keeps up to 256 characters).
TAG_FORMAT = "hc:{cid}:{idx}.{attempt}"
RATE_LIMIT_WAIT = 5.0  # seconds, when error_rate_limit_exceeded comes without a Retry-After
MAX_RATE_LIMIT_WAITS = 200  # on one chunk, before the campaign stops (resumable)
MAX_CONNECT_FAILURES = 5  # in a row (nothing sent), before the campaign stops (resumable)


class CampaignError(HoiioException):
    """The campaign cannot go on as asked: its journal is in use or missing, its plan is over
    budget, ... (nothing was sent because of it)."""


class BudgetExceededError(CampaignError):
    """The priced campaign costs more than the budget given: nothing was sent."""

    def __init__(self, estimate: Decimal, budget: Decimal, currency: str) -> None:
        self.estimate = estimate
        self.budget = budget
        self.currency = currency
        super().__init__(f"the campaign would cost {estimate} {currency}, over the budget of {budget} {currency}: nothing was sent")


class Journal(Protocol):
    """What :func:`send_chunk` needs of a journal (SQLite's or PostgreSQL's)."""

    def chunk(self, idx: int, numbers: bool = False) -> Chunk: ...

    def update(self, idx: int, expect: Optional[Sequence[str]] = None, note: Optional[str] = None, **values: Any) -> None: ...

    def add_note(self, text: str, chunk: Optional[int] = None) -> None: ...


# ---- numbers and prices ------------------------------------------------------------------------

_THREE_DIGIT_ZONES = ("21", "22", "23", "24", "25", "26", "28", "29", "35", "37", "38", "42", "50", "59", "67", "68", "69", "80", "85", "87", "88", "96", "97", "99")


def calling_code(number: str) -> str:
    """The country calling code of an E.164 number (ITU-T E.164's assignment: 1 and 7 have one
    digit; 20, 27, 30-34, 36, 39, 40-41, 43-49, 51-58, 60-66, 81-86 (not 83, 85), 90-95 and 98
    two; the rest of their zones three)."""
    digits = number.lstrip("+")
    if digits[:1] in ("1", "7"):
        return digits[:1]
    if digits[:2] in _THREE_DIGIT_ZONES or digits[:2] == "83":
        return digits[:3]
    return digits[:2]


def chunk_tag(cid: str, idx: int, attempt: int) -> str:
    return TAG_FORMAT.format(cid=cid, idx=idx, attempt=attempt)


def _decimal(value: Any) -> Optional[Decimal]:
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


# ---- planning ------------------------------------------------------------------------------------


def plan(
    client: Any,
    journal: Any,
    msg: str,
    numbers: Iterable[Any],
    *,
    chunk_size: Optional[int] = None,
    sender_name: Optional[str] = None,
    notify_url: Optional[str] = None,
    price: bool = True,
    budget: Any = None,
    skip_invalid: bool = False,
    dedupe: bool = True,
) -> Dict[str, Any]:
    """Check every number once (streamed: one batch in memory; blank strings, a file's empty
    lines, are skipped; a bad number is reported by its position), price the campaign (one
    ``sms.rate`` per distinct country calling code), cut it into chunks and write them to the
    journal, in one transaction: a failure here leaves no campaign and sends nothing.

    Raises ValidationError (bad settings, bad numbers unless ``skip_invalid``, numbers in a
    country Hoiio does not serve) or BudgetExceededError. Returns the campaign's meta."""
    from ..bulk import _bulk_method

    limit = _bulk_method().endpoint.by_wire["dest"].max_items or 1000
    size = limit if chunk_size is None else chunk_size
    problems: List[str] = []
    if not isinstance(msg, str) or not msg.strip():
        problems.append("msg: expected the message, a non-empty string")
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= limit:
        problems.append(f"chunk_size: {chunk_size!r} is not valid; expected 1 to {limit}")
    money: Optional[Decimal] = None
    if budget is not None:
        money = _decimal(budget) if not isinstance(budget, bool) else None
        if money is None or money < 0:
            problems.append(f"budget: {budget!r} is not valid; expected an amount >= 0 in the account's currency")
    if isinstance(numbers, (str, bytes)) or not isinstance(numbers, Iterable) or isinstance(numbers, Mapping):
        problems.append("numbers: expected an iterable of phone numbers (a list, a file's lines, a generator)")
    if problems:
        raise ValidationError(problems, "campaign")
    prefix = client.prefix
    prices: Dict[str, Optional[Decimal]] = {}
    currency_seen = [""]
    bad: List[str] = []
    bad_count = 0
    unserved: Dict[str, int] = {}
    duplicates = 0
    total = 0
    estimate = Decimal(0)
    idx = 0
    chunk: List[str] = []
    per_code: Dict[str, int] = {}  # the chunk's numbers by calling code: its cost, once
    codes: Dict[str, str] = {}  # a number's first digits -> its calling code (at most 3 digits)

    def flush() -> None:
        nonlocal idx, chunk, per_code, estimate
        cost: Optional[Decimal] = None
        if price:
            cost = Decimal(0)
            for code, count in per_code.items():
                each = prices[code]
                if each is not None:
                    cost += each * count
            estimate += cost
        journal.add_chunk(idx, chunk, str(cost) if cost is not None else None)
        idx += 1
        chunk = []
        per_code = {}

    cid = uuid.uuid4().hex[:16]
    journal.begin_plan(cid)
    try:
        def take(batch: List[str]) -> None:
            nonlocal duplicates, total
            kept = journal.fresh(batch) if dedupe else batch
            duplicates += len(batch) - len(kept)
            for number in kept:
                if price:
                    head = number[1:4]
                    code = codes.get(head)
                    if code is None:
                        code = codes[head] = calling_code(number)
                    if code not in prices:
                        prices[code], currency_seen[0] = _price(client, msg, number, currency_seen[0])
                    if prices[code] is None:
                        unserved[code] = unserved.get(code, 0) + 1
                        continue
                    per_code[code] = per_code.get(code, 0) + 1
                chunk.append(number)
                total += 1
                if len(chunk) == size:
                    flush()

        batch: List[str] = []
        for line, item in enumerate(numbers, 1):
            if isinstance(item, str) and not item.strip():  # a blank line of a file
                continue
            try:
                batch.append(normalize(item.strip() if isinstance(item, str) else item, prefix))
            except PhoneError as exc:
                bad_count += 1
                if len(bad) < 5:
                    bad.append(f"#{line} {exc}")
                continue
            if len(batch) >= 1000:
                take(batch)
                batch = []
        if batch:
            take(batch)
        if chunk:
            flush()
        if bad_count and not skip_invalid:
            problems.append(f"numbers: {bad_count} not valid: " + "; ".join(bad) + (f"; and {bad_count - len(bad)} more" if bad_count > len(bad) else ""))
        if unserved and not skip_invalid:
            where = ", ".join(f"+{c} ({n} numbers)" for c, n in sorted(unserved.items()))
            problems.append(f"numbers: Hoiio does not send SMS to {where}; remove them, or skip them (skip_invalid=True)")
        if not total and not problems:
            problems.append("numbers: no number to send to")
        if problems:
            raise ValidationError(problems, "campaign")
        if money is not None and price and estimate > money:
            raise BudgetExceededError(estimate, money, currency_seen[0])
        meta = {
            "campaign_id": cid,
            "msg": msg,
            "sender_name": sender_name,
            "notify_url": notify_url,
            "created_at": time.time(),
            "chunk_size": size,
            "total": total,
            "chunks_planned": idx,
            "duplicates": duplicates,
            "invalid": bad_count,
            "invalid_examples": bad,
            "unserved": sum(unserved.values()),
            "estimate": str(estimate) if price else None,
            "currency": currency_seen[0] or None,
            "budget": str(money) if money is not None else None,
            "prices": {c: str(p) for c, p in prices.items() if p is not None},
            "state": "ready",
            "stop_reason": None,
        }
        journal.commit_plan(**meta)
    except BaseException:
        journal.abort_plan()
        raise
    return meta


def _price(client: Any, msg: str, number: str, currency: str) -> Tuple[Optional[Decimal], str]:
    """The cost of the message to this number (all its parts), or None where Hoiio does not send."""
    try:
        res = client.sms.rate(msg, number)
        res.raise_for_status()
    except InvalidRequestError:  # error_dest_not_supported, error_dest_invalid, ...
        return None, currency
    except APIError as exc:
        if exc.status in ("error_sms_service_not_available", "error_dest_not_supported", "error_dest_invalid"):
            return None, currency
        raise
    raw = res.json
    each = _decimal(raw.get("total_cost")) if raw.get("total_cost") is not None else None
    if each is None:
        rate = _decimal(raw.get("rate")) or Decimal(0)
        each = rate * int(raw.get("split_count") or 1)
    return each, str(raw.get("currency") or currency)


# ---- sending one chunk ---------------------------------------------------------------------------


class Gate:
    """What the chunks in flight share: a pause (a rate limit's Retry-After) and a stop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until = 0.0
        self.stop_reason: Optional[str] = None
        self._stopped = threading.Event()

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._until = max(self._until, time.monotonic() + seconds)

    def wait(self) -> bool:
        """Sleep out a pause; False once the campaign is stopping."""
        while not self._stopped.is_set():
            with self._lock:
                left = self._until - time.monotonic()
            if left <= 0:
                return True
            self._stopped.wait(min(left, 1.0))
        return False

    def stop(self, reason: str) -> None:
        with self._lock:
            if self.stop_reason is None:
                self.stop_reason = reason
        self._stopped.set()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()


def _retry_after(exc: APIError) -> float:
    http = getattr(exc.response, "response", None)
    headers = getattr(http, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    seconds = parse_retry_after(value)
    return RATE_LIMIT_WAIT if seconds is None else min(seconds, 300.0)


def send_chunk(
    client: Any, journal: Journal, meta: Mapping[str, Any], idx: int, gate: Gate, *, ready: str = "planned", sleep: Callable[[float], None] = time.sleep
) -> str:
    """Send one planned chunk, once: ``sending`` is written (durably) before the request
    leaves, and what came of it after. Returns the chunk's new state. A rate limit waits
    (Retry-After) and tries again (Hoiio answered: nothing was sent); an insufficient credit
    stops the campaign with the chunk planned; an answer that may have been lost leaves it
    ``unknown``, for :func:`reconcile`. ``ready`` is the state the chunk is sent from (the
    distributed mode's ``claimed``); a wait puts it back there, a stop to ``planned``."""
    chunk = journal.chunk(idx, numbers=True)
    if chunk.state != ready:
        return str(chunk.state)
    tag = chunk_tag(meta["campaign_id"], idx, chunk.attempt)
    options = {k: meta[k] for k in ("sender_name", "notify_url") if meta.get(k)}
    numbers = CheckedNumbers(chunk.numbers or "")
    waits = failures = 0
    while True:
        if not gate.wait():
            if ready != "planned":
                journal.update(idx, state="planned")
            return "planned"
        now = time.time()
        journal.update(idx, expect=(ready,), state="sending", sending_at=now, first_at=chunk.first_at or now)
        chunk.first_at = chunk.first_at or now
        try:
            res = client.sms.bulk_send(meta["msg"], numbers, tag=tag, **options)
            res.raise_for_status()
        except RateLimitError as exc:
            delay = _retry_after(exc)
            waits += 1
            journal.update(idx, state=ready, status=exc.status)
            if waits >= MAX_RATE_LIMIT_WAITS:
                journal.update(idx, state="planned")
                gate.stop(f"{exc.status} {waits} times in a row on chunk #{idx}; resume later")
                return "planned"
            gate.pause(delay)
            continue
        except InsufficientCreditError as exc:
            journal.update(idx, state="planned", status=exc.status, note=f"{exc.status}: not sent; top up, then resume")
            gate.stop(f"{exc.status}: the account's credit ran out; top it up, then resume the campaign")
            return "planned"
        except AuthenticationError as exc:
            journal.update(idx, state="planned", status=exc.status, note=f"{exc.status}: not sent")
            gate.stop(str(exc))
            return "planned"
        except ServerError as exc:  # Hoiio failed on its side: it may have acted
            journal.update(idx, state="unknown", status=exc.status, note=f"{exc.status} with tag {tag}: may have been sent; to reconcile")
            return "unknown"
        except APIError as exc:
            journal.update(idx, state="refused", status=exc.status, note=f"refused: {exc.status}")
            return "refused"
        except TransportError as exc:
            if exc.outcome_unknown:
                journal.update(idx, state="unknown", note=f"no answer with tag {tag} ({exc}): may have been sent; to reconcile")
                return "unknown"
            failures += 1  # the connection was never made: nothing left
            journal.update(idx, state=ready)
            if failures >= MAX_CONNECT_FAILURES:
                journal.update(idx, state="planned")
                gate.stop(f"cannot reach Hoiio ({exc}); resume later")
                return "planned"
            sleep(min(30.0, 0.5 * 2**failures))
            continue
        except MalformedResponseError as exc:
            journal.update(idx, state="unknown", note=f"an answer that is not Hoiio's with tag {tag} ({exc}): may have been sent; to reconcile")
            return "unknown"
        except ValidationError as exc:  # the campaign's own settings (sender_name, notify_url): nothing sent
            journal.update(idx, state="planned", note=f"not sent: {exc}")
            gate.stop(str(exc))
            return "planned"
        except BaseException:
            # an error of ours (or KeyboardInterrupt) after the request may have left: unknown
            journal.update(idx, state="unknown", note=f"interrupted with tag {tag}: may have been sent; to reconcile")
            raise
        ref = getattr(res, "bulk_txn_ref", None) or res.json.get("bulk_txn_ref") or res.json.get("txn_ref")
        journal.update(idx, state="sent", bulk_txn_ref=str(ref) if ref else None, status=res.status)
        return "sent"


# ---- reconciliation ------------------------------------------------------------------------------


class Conclusion:
    """What reconciliation concluded about one chunk, and why: ``outcome`` is ``sent`` (its tag
    is in the history), ``absent`` (not there after the wait: proven not sent, as far as the
    history can prove it) or ``undecided`` (the history could not be read: left as it was)."""

    __slots__ = ("idx", "outcome", "found", "txn_ref", "attempts", "reason")

    def __init__(self, idx: int, outcome: str, reason: str, found: int = 0, txn_ref: Optional[str] = None, attempts: Sequence[int] = ()) -> None:
        self.idx = idx
        self.outcome = outcome
        self.reason = reason
        self.found = found
        self.txn_ref = txn_ref
        self.attempts = list(attempts)

    def __repr__(self) -> str:
        return f"<Conclusion #{self.idx} {self.outcome}: {self.reason}>"


def _gmt8(seconds: float) -> str:
    moment = _dt.datetime.fromtimestamp(seconds, _dt.timezone(_dt.timedelta(hours=8)))
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def reconcile(
    client: Any,
    cid: str,
    chunks: Sequence[Chunk],
    *,
    wait: float = 30.0,
    clock_skew: float = 3600.0,
    poll: float = 1.0,
    now: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> List[Conclusion]:
    """Look the chunks' tags (every attempt's) up in the SMS history, from the earliest attempt
    less ``clock_skew`` (this machine's clock against Hoiio's). A chunk whose tag is there was
    sent. A chunk not there is absent only once ``wait`` seconds have passed since its last
    attempt (the history may show a send late): until then the history is read again,
    ``poll`` seconds apart, growing. A history that cannot be read leaves the chunks
    undecided: never re-sent on a guess."""
    left: Dict[int, Chunk] = {c.idx: c for c in chunks}
    out: List[Conclusion] = []
    if not left:
        return out
    origin = min((c.first_at or c.sending_at or now()) for c in left.values()) - clock_skew
    since = _gmt8(origin)
    delay = poll
    while left:
        wanted = {chunk_tag(cid, c.idx, a): (c.idx, a) for c in left.values() for a in range(c.attempt + 1)}
        found: Dict[int, Dict[int, int]] = {}
        first_ref: Dict[int, str] = {}
        scanned = 0
        try:
            page = 1
            while True:
                res = client.sms.history(from_=since, page=page)
                res.raise_for_status()
                entries = res.json.get("entries") or []
                for entry in entries:
                    hit = wanted.get(entry.get("tag") or "") if isinstance(entry, dict) else None
                    if hit is not None:
                        per = found.setdefault(hit[0], {})
                        per[hit[1]] = per.get(hit[1], 0) + 1
                        first_ref.setdefault(hit[0], str(entry.get("txn_ref")))
                scanned += len(entries)
                total = int(res.json.get("total_entries_count") or 0)
                if not entries or page * 100 >= total:
                    break
                page += 1
        except HoiioException as exc:
            for c in left.values():
                out.append(Conclusion(c.idx, "undecided", f"the SMS history could not be read ({exc}): left {c.state}, not re-sent"))
            return out
        checked = now()
        for idx in list(left):
            c = left[idx]
            hits = found.get(idx)
            if hits:
                count = sum(hits.values())
                attempts = sorted(hits)
                why = f"{count} SMS tagged {', '.join(chunk_tag(cid, idx, a) for a in attempts)} in the history since {since} (GMT+8)"
                if len(attempts) > 1:
                    why += f"; DUPLICATE: attempts {attempts} were all sent"
                elif count < c.count:
                    why += f" (of {c.count}: the rest not in the history yet)"
                out.append(Conclusion(idx, "sent", why, count, first_ref.get(idx), attempts))
                del left[idx]
            elif checked - (c.sending_at or origin) >= wait:
                waited = checked - (c.sending_at or origin)
                why = (f"no SMS tagged {chunk_tag(cid, idx, c.attempt)} (or an earlier attempt) among {scanned} in the history since {since} (GMT+8), "
                       f"{waited:.0f} s after the request (the wait: {wait:.0f} s)")  # fmt: skip
                out.append(Conclusion(idx, "absent", why))
                del left[idx]
        if left:
            due = min((c.sending_at or origin) + wait for c in left.values()) - now()
            sleep(max(0.05, min(delay, due)))
            delay = min(delay * 2, 10.0)
    return out


def audit(client: Any, cid: str, journal: Any, *, clock_skew: float = 3600.0) -> Dict[str, Any]:
    """Check the campaign against Hoiio's own records, after the fact: read the SMS history from
    the campaign's start (less ``clock_skew``), count the records of each chunk's tags, and
    compare with the journal. Returns ``{"records", "chunks_seen", "duplicates": [chunk, ...]
    (more than one attempt in the history), "mismatches": [(chunk, state, records, numbers)]}``:
    a ``sent`` chunk with no record, or a chunk not ``sent`` with records."""
    meta = journal.meta()
    since = _gmt8(float(meta.get("created_at") or time.time()) - clock_skew)
    prefix = f"hc:{cid}:"
    counts: Dict[int, Dict[int, int]] = {}
    records = 0
    page = 1
    while True:
        res = client.sms.history(from_=since, page=page)
        res.raise_for_status()
        entries = res.json.get("entries") or []
        for entry in entries:
            tag = entry.get("tag") if isinstance(entry, dict) else None
            if isinstance(tag, str) and tag.startswith(prefix):
                idx, _, attempt = tag[len(prefix):].partition(".")
                if idx.isdigit() and attempt.isdigit():
                    per = counts.setdefault(int(idx), {})
                    per[int(attempt)] = per.get(int(attempt), 0) + 1
                    records += 1
        if not entries or page * 100 >= int(res.json.get("total_entries_count") or 0):
            break
        page += 1
    duplicates = sorted(i for i, per in counts.items() if len(per) > 1)
    mismatches = []
    for chunk in journal.chunks():
        seen = sum(counts.get(chunk.idx, {}).values())
        if (chunk.state == "sent") != (seen > 0) or (chunk.state == "sent" and seen != chunk.count):
            mismatches.append((chunk.idx, chunk.state, seen, chunk.count))
    return {"records": records, "chunks_seen": len(counts), "duplicates": duplicates, "mismatches": mismatches, "since": since}


def apply_conclusions(journal: Journal, conclusions: Sequence[Conclusion]) -> Tuple[int, int, List[str]]:
    """Write what reconciliation concluded: found chunks ``sent`` (reconciled), absent ones
    ``planned`` with the next attempt (a new tag). Returns (found, absent, notes)."""
    found = absent = 0
    notes = []
    for c in conclusions:
        chunk = journal.chunk(c.idx)
        if c.outcome == "sent":
            journal.update(c.idx, expect=("sending", "unknown"), state="sent", reconciled=1, bulk_txn_ref=chunk.bulk_txn_ref,
                           note=f"reconciled: sent ({c.reason})")  # fmt: skip
            found += 1
        elif c.outcome == "absent":
            journal.update(c.idx, expect=("sending", "unknown"), state="planned", attempt=chunk.attempt + 1,
                           note=f"reconciled: not sent ({c.reason}); to send again as attempt {chunk.attempt + 1}")  # fmt: skip
            absent += 1
        else:
            journal.add_note(f"reconciliation: {c.reason}", c.idx)
        notes.append(f"chunk #{c.idx}: {c.outcome}: {c.reason}")
    return found, absent, notes


# ---- the summary ---------------------------------------------------------------------------------


class Summary:
    """A campaign's counts, from its journal: ``sent``, ``refused`` (numbers by status),
    ``unknown`` (numbers whose chunk awaits reconciliation), ``pending`` (not sent yet),
    ``reconciled`` (chunks settled by the history), ``resent`` (chunks sent again after being
    proven absent), ``cost`` (of what was sent, priced beforehand), ``notes`` (this run's
    reconciliation conclusions)."""

    def __init__(self, meta: Mapping[str, Any], tally: Mapping[str, Any], notes: Sequence[str] = ()) -> None:
        n = tally["numbers"]
        self.campaign_id: str = meta.get("campaign_id") or ""
        self.state: str = meta.get("state") or ""
        self.stop_reason: Optional[str] = meta.get("stop_reason")
        self.total: int = int(meta.get("total") or 0)
        self.sent: int = int(n.get("sent", 0))
        self.refused: Dict[str, int] = dict(tally["refused"])
        self.unknown: int = int(n.get("unknown", 0)) + int(n.get("sending", 0))
        self.pending: int = int(n.get("planned", 0))
        self.chunks: Dict[str, int] = dict(tally["chunks"])
        self.reconciled_chunks: int = int(tally["reconciled_chunks"])
        self.reconciled_numbers: int = int(tally["reconciled_numbers"])
        self.resent_chunks: int = int(tally["resent_chunks"])
        self.cost: Optional[str] = tally["cost"]
        self.estimate: Optional[str] = meta.get("estimate")
        self.currency: Optional[str] = meta.get("currency")
        self.duplicates: int = int(meta.get("duplicates") or 0)
        self.invalid: int = int(meta.get("invalid") or 0) + int(meta.get("unserved") or 0)
        self.notes: List[str] = list(notes)

    @property
    def done(self) -> bool:
        """Every number sent or refused: nothing pending, nothing unknown."""
        return self.pending == 0 and self.unknown == 0

    def as_dict(self) -> Dict[str, Any]:
        return {k: getattr(self, k) for k in ("campaign_id", "state", "stop_reason", "total", "sent", "refused", "unknown", "pending", "chunks",
                                              "reconciled_chunks", "reconciled_numbers", "resent_chunks", "cost", "estimate", "currency",
                                              "duplicates", "invalid", "notes")}  # fmt: skip

    def __str__(self) -> str:
        refused = sum(self.refused.values())
        lines = [f"campaign {self.campaign_id}: {self.state}" + (f" ({self.stop_reason})" if self.stop_reason else ""),
                 f"  numbers:    {self.total}" + (f" ({self.duplicates} duplicates dropped)" if self.duplicates else "")
                 + (f" ({self.invalid} invalid skipped)" if self.invalid else ""),
                 f"  sent:       {self.sent}",
                 f"  refused:    {refused}" + (" (" + ", ".join(f"{s}: {n}" for s, n in sorted(self.refused.items())) + ")" if refused else ""),
                 f"  unknown:    {self.unknown}" + (" (to reconcile: resume)" if self.unknown else ""),
                 f"  not sent:   {self.pending}",
                 f"  reconciled: {self.reconciled_chunks} chunks ({self.reconciled_numbers} numbers) found in the history; "
                 f"{self.resent_chunks} chunks sent again after being proven absent"]  # fmt: skip
        if self.cost is not None:
            lines.append(f"  cost:       {self.cost} {self.currency or ''} (estimate for all: {self.estimate} {self.currency or ''})".rstrip())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Summary {self.campaign_id} {self.state}: sent {self.sent}, refused {sum(self.refused.values())}, unknown {self.unknown}, pending {self.pending}>"


def status(journal: str) -> Summary:
    """The summary of the campaign in this journal file (no request made)."""
    j = SQLiteJournal(journal)
    try:
        return Summary(j.meta(), j.tally())
    finally:
        j.close()


# ---- one machine ---------------------------------------------------------------------------------


class Campaign:
    """A campaign on one machine, its journal a SQLite file.

        campaign = Campaign.create(client, "campaign.db", "School closed today", open("numbers.txt"))
        summary = campaign.run()          # after a crash: Campaign.open(client, "campaign.db").run()

    ``workers`` chunks are in flight at a time (a thread pool). ``reconcile_wait`` bounds how
    long a chunk whose outcome is unknown is looked for in the history (from its request)
    before it counts as not sent; ``clock_skew`` widens the history's window for the
    difference between this machine's clock and Hoiio's. ``progress(done, total)`` is called
    as chunks settle (numbers sent or refused)."""

    def __init__(
        self,
        client: Any,
        journal: str,
        *,
        workers: int = 4,
        reconcile_wait: float = 30.0,
        clock_skew: float = 3600.0,
        max_attempts: int = 5,
        progress: Optional[Callable[[int, int], None]] = None,
        _create: bool = False,
    ) -> None:
        problems = []
        if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= 64:
            problems.append(f"workers: {workers!r} is not valid; expected 1 to 64")
        for name, value in (("reconcile_wait", reconcile_wait), ("clock_skew", clock_skew)):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 7 * 86400:
                problems.append(f"{name}: {value!r} is not valid; expected seconds, 0 to a week")
        if isinstance(max_attempts, bool) or not isinstance(max_attempts, int) or max_attempts < 1:
            problems.append(f"max_attempts: {max_attempts!r} is not valid; expected an integer >= 1")
        if problems:
            raise ValidationError(problems, "Campaign")
        self.client = client
        self.workers = workers
        self.reconcile_wait = float(reconcile_wait)
        self.clock_skew = float(clock_skew)
        self.max_attempts = max_attempts
        self.progress = progress
        try:
            self.journal = SQLiteJournal(journal, create=_create)
        except JournalError as exc:
            raise CampaignError(str(exc)) from None
        self.notes: List[str] = []

    @classmethod
    def create(
        cls,
        client: Any,
        journal: str,
        msg: str,
        numbers: Iterable[Any],
        *,
        chunk_size: Optional[int] = None,
        sender_name: Optional[str] = None,
        notify_url: Optional[str] = None,
        price: bool = True,
        budget: Any = None,
        skip_invalid: bool = False,
        dedupe: bool = True,
        **options: Any,
    ) -> "Campaign":
        """Plan a new campaign into a new journal (see :func:`plan`); nothing is sent yet."""
        import os

        existed = os.path.exists(journal)
        campaign = cls(client, journal, _create=True, **options)
        try:
            campaign.journal.lock()
            plan(client, campaign.journal, msg, numbers, chunk_size=chunk_size, sender_name=sender_name, notify_url=notify_url,
                 price=price, budget=budget, skip_invalid=skip_invalid, dedupe=dedupe)  # fmt: skip
        except JournalError as exc:
            campaign.journal.close()
            raise CampaignError(str(exc)) from None
        except BaseException:
            campaign.journal.close()
            if not existed:
                for suffix in ("", "-wal", "-shm"):
                    try:
                        os.remove(journal + suffix)
                    except OSError:
                        pass
            raise
        return campaign

    @classmethod
    def open(cls, client: Any, journal: str, **options: Any) -> "Campaign":
        """The campaign in an existing journal, to resume (:meth:`run`) or look at."""
        return cls(client, journal, **options)

    def __enter__(self) -> "Campaign":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.journal.close()

    def summary(self) -> Summary:
        return Summary(self.journal.meta(), self.journal.tally(), self.notes)

    def audit(self) -> Dict[str, Any]:
        """Compare the journal with the SMS history (see :func:`audit`): no request is sent."""
        return audit(self.client, self.journal.meta()["campaign_id"], self.journal, clock_skew=self.clock_skew)

    def reconcile(self) -> List[Conclusion]:
        """Settle the chunks left ``sending`` or ``unknown`` from the history (see
        :func:`reconcile`), and write what was concluded. Returns the conclusions."""
        pending = self.journal.chunks("sending", "unknown")
        if not pending:
            return []
        meta = self.journal.meta()
        conclusions = reconcile(self.client, meta["campaign_id"], pending, wait=self.reconcile_wait, clock_skew=self.clock_skew)
        _, _, notes = apply_conclusions(self.journal, conclusions)
        self.notes.extend(notes)
        return conclusions

    def run(self) -> Summary:
        """Send every chunk not sent yet, exactly once: first reconcile what an earlier run left
        ``sending`` or ``unknown``, then send the planned chunks, then reconcile the chunks
        whose answers were lost and send those proven absent again, until nothing is left (or
        the campaign stops: credit, rate limits, the network; resumable). Returns the summary."""
        try:
            self.journal.lock()
        except JournalError as exc:
            raise CampaignError(str(exc)) from None
        meta = self.journal.meta()
        self.journal.set_meta(state="running", stop_reason=None, runs=int(meta.get("runs") or 0) + 1)
        gate = Gate()
        try:
            for _ in range(self.max_attempts + 1):
                conclusions = self.reconcile()
                if any(c.outcome == "undecided" for c in conclusions):
                    gate.stop("some chunks could not be reconciled (the SMS history could not be read); resume later")
                    break
                if not self.journal.planned_ids():
                    break
                self._send_all(meta, gate)
                if gate.stopped:
                    break
        except BaseException:
            self.journal.set_meta(state="stopped", stop_reason="interrupted")
            raise
        summary_state = "done" if not self.journal.chunks("planned", "sending", "unknown") else "stopped"
        reason = gate.stop_reason if summary_state == "stopped" else None
        if summary_state == "stopped" and reason is None:
            reason = f"chunks still not sent after {self.max_attempts} rounds of reconciliation; resume later" if self.journal.planned_ids() else "chunks remain unknown"
        self.journal.set_meta(state=summary_state, stop_reason=reason)
        return self.summary()

    def _send_all(self, meta: Mapping[str, Any], gate: Gate) -> None:
        tally = self.journal.tally()["numbers"]
        total = int(meta.get("total") or 0)
        done = [int(tally.get("sent", 0)) + int(tally.get("refused", 0))]
        lock = threading.Lock()

        def one(idx: int) -> None:
            state = send_chunk(self.client, self.journal, meta, idx, gate)
            if state in ("sent", "refused") and self.progress is not None:
                count = self.journal.chunk(idx).count
                with lock:
                    done[0] += count
                    self.progress(done[0], total)

        ids = self.journal.planned_ids()
        if self.workers == 1:
            for idx in ids:
                if gate.stopped:
                    break
                one(idx)
            return
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="hoiio-campaign") as pool:
            running: Set["concurrent.futures.Future[None]"] = set()
            error: Optional[BaseException] = None
            try:
                for idx in ids:
                    if gate.stopped:
                        break
                    while len(running) >= self.workers * 2:
                        finished, running = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
                        for f in finished:
                            f.result()
                    running.add(pool.submit(one, idx))
            except BaseException as exc:
                gate.stop("interrupted")
                error = exc
            for f in concurrent.futures.as_completed(running):
                try:
                    f.result()
                except BaseException as exc:  # the first error wins
                    gate.stop("interrupted")
                    error = error or exc
            if error is not None:
                raise error
