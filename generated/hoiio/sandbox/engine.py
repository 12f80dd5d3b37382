"""The sandbox's core, without HTTP: the store, the clock, scheduled events, the notifier, and
``api()``, which answers one request to an endpoint the way Hoiio would.

A request runs in one store transaction: events that fell due are settled first (so the state is
as of now), the parameters are checked against the spec, the behaviour code runs inside a
savepoint (undone if it answers an error), events due at once run, and the notifications it made
are handed to the background worker after the commit.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Any, Callable, Deque, Dict, Iterable, List, Mapping, Optional, Tuple, TypeVar

from .._generated.facts import CSV_FIELDS, RATE_LIMITS
from .._runtime.params import Endpoint
from . import account, checks, data, fax, ivr, number, sms, voice
from .checks import Upload
from .clock import Clock, sane
from .context import ApiError, Ctx
from .faults import Faults
from .notify import DeliveryPolicy, Notifier
from .store import Account, Event, Store
from .values import to_milli

log = logging.getLogger("hoiio.sandbox")

T = TypeVar("T")
Handler = Callable[[Ctx, Dict[str, Any]], Dict[str, Any]]
EventHandler = Callable[[Ctx, Dict[str, Any]], None]

HANDLERS: Dict[str, Handler] = {}
EVENTS: Dict[str, EventHandler] = {}
for _module in (account, sms, voice, fax, ivr, number):
    HANDLERS.update(_module.HANDLERS)
    EVENTS.update(getattr(_module, "EVENTS", {}))

#: Safety net: at most this many events settle in one go (a loop in the simulation stops here).
MAX_EVENTS_PER_TICK = 100_000

#: The answer to a path that is no endpoint (a typo, a base URL without /open/): HTTP 404, so a
#: client that looks at the HTTP status sees that the path is wrong, and one of Hoiio's own
#: generic statuses, so that every client reads it as an error answer (docs/sandbox.md says
#: why this one: the reference has no evidence of what Hoiio answered there).
UNKNOWN_PATH: Tuple[int, Dict[str, Any]] = (404, {"status": "error_malformed_params"})

#: What to do about an answer that a long-running sandbox gives once its account is spent or
#: busy: logged (warning, logger hoiio.sandbox) when it answers so; the answer is Hoiio's as ever.
HINTS = {
    "error_insufficient_credit": "the balance does not cover it: `hoiio sandbox topup --points 50` adds credit, "
                                 "`hoiio sandbox reset` starts afresh",
    "error_concurrent_call_limit_reached": "8 calls and faxes are in progress: they end by themselves "
                                           "(`hoiio sandbox advance 120` moves the clock on), or `hoiio sandbox reset`",
}  # fmt: skip


class Engine:
    def __init__(
        self,
        db: Optional[str] = None,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        public_url: str = "http://127.0.0.1:8765/",
        freeze: bool = False,
        notify_timeout: float = 5.0,
        notify_hosts: Optional[Iterable[str]] = None,
        tick_interval: float = 0.2,
    ) -> None:
        self.store = Store(db)
        self.public_url = public_url if public_url.endswith("/") else public_url + "/"
        self.endpoints: Dict[str, Endpoint] = checks.endpoints()
        missing = sorted(set(self.endpoints) - set(HANDLERS))
        if missing:  # pragma: no cover - a new endpoint in the spec needs its behaviour here
            log.warning("the sandbox has no behaviour for %s; it answers error_internal_server_error", ", ".join(missing))
        with self.store.transaction():
            self.clock = self._load_clock()
            self.store.fail_queued_notifications("the sandbox stopped before it was sent")
            self.default_app_id, self.default_access_token = self._default_account(app_id, access_token)
        if freeze:
            self.freeze()
        self.faults = Faults()
        #: Answer error_rate_limit_exceeded past the spec's request limits (spec/api.yaml
        #: rate_limits), per application, on the sandbox's clock. Off by default, so that test
        #: suites may call the rate queries as often as they like.
        self.rate_limits = False
        self._requests: Dict[Tuple[str, str], Deque[float]] = {}
        self._requests_lock = threading.Lock()
        self.notifier = Notifier(self.store, self.clock.now, notify_timeout, policy=DeliveryPolicy(notify_hosts))
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick_loop, args=(tick_interval,), name="hoiio-sandbox-clock", daemon=True)
        self._ticker.start()

    # ---- accounts ----

    def _default_account(self, app_id: Optional[str], access_token: Optional[str]) -> Tuple[str, str]:
        profile = data.default_account()
        app_id = app_id or str(profile["app_id"])
        access_token = access_token or str(profile["access_token"])
        existing = self.store.account(app_id)
        if existing is None:
            self.create_account(app_id, access_token)
        elif existing.access_token != access_token:
            existing.access_token = access_token
            self.store.put_account(existing)
        return app_id, access_token

    def create_account(self, app_id: str, access_token: str, **overrides: Any) -> Account:
        """Make an account with the default profile and balance (``overrides`` change them)."""
        profile = data.default_account()
        profile.update({k: v for k, v in overrides.items() if v is not None})
        points = to_milli(str(profile.pop("points")))
        bonus = to_milli(str(profile.pop("bonus")))
        profile.pop("app_id", None)
        profile.pop("access_token", None)
        account_ = Account(app_id, access_token, points, bonus, profile)
        self.store.put_account(account_)
        return account_

    # ---- the clock ----

    def _load_clock(self) -> Clock:
        """The stored clock; a stored time the sandbox cannot date (written by an older version
        that let /_sandbox/advance pass the year 9999 or infinity) is mended to real time."""
        try:
            offset = float(self.store.meta("clock_offset", "0") or 0)
            frozen_text = self.store.meta("clock_frozen")
            frozen = float(frozen_text) if frozen_text else None
        except ValueError:
            offset, frozen = float("nan"), None
        if not sane(offset, frozen):
            log.warning("the stored sandbox clock is out of range; it starts again at real time")
            offset, frozen = 0.0, None
            self.store.set_meta("clock_offset", "0.0")
            self.store.set_meta("clock_frozen", None)
        return Clock(offset, frozen)

    def _save_clock(self) -> None:
        with self.store.transaction():
            self.store.set_meta("clock_offset", repr(self.clock.offset))
            frozen = self.clock.frozen_at
            self.store.set_meta("clock_frozen", repr(frozen) if frozen is not None else None)

    def freeze(self) -> float:
        moment = self.clock.freeze()
        self._save_clock()
        return moment

    def unfreeze(self) -> float:
        moment = self.clock.unfreeze()
        self._save_clock()
        return moment

    def advance(self, seconds: float) -> Tuple[float, int]:
        """Move the clock on and settle everything that falls due; (new time, events run)."""
        before = self.clock.state()
        try:
            with self.store.transaction():
                now = self.clock.advance(seconds)  # ValueError, changing nothing, when out of range
                self._save_clock()
                outbox, count = self._run_events(now)
        except BaseException:
            self.clock.restore(before)  # the stored clock rolled back with the transaction
            raise
        self.notifier.submit(outbox)
        return now, count

    def tick(self) -> int:
        """Settle the events that fell due by the clock; the number run."""
        with self.store.transaction():
            outbox, count = self._run_events(self.clock.now())
        self.notifier.submit(outbox)
        return count

    def _tick_loop(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                with self.store.lock:
                    due = self.store.next_due()
                if due is not None and due <= self.clock.now():
                    self.tick()
            except Exception:  # pragma: no cover - keep the clock running
                log.exception("the sandbox clock failed to settle events")

    def _run_events(self, now: float) -> Tuple[List[int], int]:
        outbox: List[int] = []
        count = 0
        while count < MAX_EVENTS_PER_TICK:
            event = self.store.next_event(now)
            if event is None:
                break
            count += 1
            outbox += self._run_event(event)
        return outbox, count

    def _run_event(self, event: Event) -> List[int]:
        owner = self.store.account(event.account)
        handler = EVENTS.get(event.kind)
        if owner is None or handler is None:
            return []
        ctx = Ctx(self, owner, event.due)
        try:
            with self.store.transaction(), self.store.savepoint("event"):
                handler(ctx, event.data)
        except Exception:
            log.exception("sandbox event %s failed", event.kind)
            return []
        return ctx.outbox

    # ---- the API ----

    def api(self, path: str, method: str, params: Mapping[str, str], files: Mapping[str, Upload]) -> Tuple[int, Dict[str, Any]]:
        """Answer one request: (HTTP status, JSON body)."""
        endpoint = self.endpoints.get(path)
        if endpoint is None:
            return UNKNOWN_PATH[0], dict(UNKNOWN_PATH[1])
        if method not in ("GET", "POST"):
            return 200, {"status": "error_invalid_http_method"}
        outbox: List[int] = []
        with self.store.transaction():
            now = self.clock.now()
            early, _ = self._run_events(now)
            outbox += early
            try:
                owner = checks.authenticate(self.store, params)
            except ApiError as exc:
                body: Dict[str, Any] = {"status": exc.status}
            else:
                if self.rate_limits and self._over_limit(owner.app_id, path, now):
                    body = {"status": "error_rate_limit_exceeded"}
                else:
                    ctx = Ctx(self, owner, now, endpoint)
                    body = self._handle(ctx, endpoint, params, files)
                    outbox += ctx.outbox
            late, _ = self._run_events(now)
            outbox += late
        self.notifier.submit(outbox)
        return 200, body

    def _over_limit(self, app_id: str, path: str, now: float) -> bool:
        """Whether this request goes past the endpoint's limit (else it is counted)."""
        limit = RATE_LIMITS.get(path)
        if limit is None:
            return False
        requests, seconds = limit
        with self._requests_lock:
            seen = self._requests.setdefault((app_id, path), deque())
            while seen and seen[0] <= now - seconds:
                seen.popleft()
            if len(seen) >= requests:
                return True
            seen.append(now)
            return False

    def _handle(self, ctx: Ctx, endpoint: Endpoint, params: Mapping[str, str], files: Mapping[str, Upload]) -> Dict[str, Any]:
        try:
            with self.store.savepoint("request"):
                values = checks.check(ctx, endpoint, params, files)
                handler = HANDLERS.get(endpoint.path)
                if handler is None:
                    raise ApiError("error_internal_server_error")
                fields = handler(ctx, values)
        except ApiError as exc:
            ctx.outbox.clear()
            hint = HINTS.get(exc.status)
            if hint is not None:
                log.warning("%s answered %s (account %s); hint: %s", endpoint.path, exc.status, ctx.account.app_id, hint)
            return {"status": exc.status}
        except Exception:
            log.exception("the sandbox failed on %s", endpoint.path)
            ctx.outbox.clear()
            return {"status": "error_internal_server_error"}
        for name in CSV_FIELDS.get(endpoint.path, ()):  # lists Hoiio wrote as "AA-C-1,AA-C-2" (the spec's csv)
            if isinstance(fields.get(name), list):
                fields[name] = ",".join(fields[name])
        # Hoiio's examples put status last in the answers to actions and first in queries.
        if endpoint.kind == "action":
            return {**fields, "status": "success_ok"}
        return {"status": "success_ok", **fields}

    # ---- the control API's way in ----

    def act(self, app_id: Optional[str], action: Callable[[Ctx], T]) -> T:
        """Run ``action`` for an account (the default one when None), as a request would: state
        settled first, all or nothing, notifications sent after the commit."""
        with self.store.transaction():
            now = self.clock.now()
            outbox, _ = self._run_events(now)
            owner = self.store.account(app_id or self.default_app_id)
            if owner is None:
                raise KeyError(f"no account {app_id!r}")
            ctx = Ctx(self, owner, now)
            with self.store.savepoint("control"):
                result = action(ctx)
            outbox += ctx.outbox
            late, _ = self._run_events(now)
            outbox += late
        self.notifier.submit(outbox)
        return result

    def reset(self) -> None:
        """Forget everything; the default account starts again (the clock keeps its time)."""
        with self.store.transaction():
            self.store.wipe()
            self._save_clock()
            self.create_account(self.default_app_id, self.default_access_token)
        self.faults.clear()
        with self._requests_lock:
            self._requests.clear()

    # ---- shutting down ----

    def close(self) -> None:
        self._stop.set()
        self._ticker.join(timeout=2)
        self.notifier.wait(timeout=self.notifier.timeout + 1)
        self.notifier.stop()
        self._save_clock()
        self.store.close()
