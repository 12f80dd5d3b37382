"""The control API under /_sandbox/, for tests and demos: move the clock, change the balance,
make the world call, text and fax the account's numbers, script what callers do, read the
notifications sent, inject faults, and fetch the files the sandbox serves.

Reads (GET) take query parameters; calls that change state take a JSON object
(``Content-Type: application/json``; forms are refused, see guard.py); answers are JSON.
Out-of-range, non-finite and nested values are refused with a 400 before anything changes.
``app_id`` picks the account (the default one when omitted). The operations are declared in
``operations.OPERATIONS`` (request, handler, client twin, command, docs), which the dispatch reads.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import secrets
from decimal import Decimal
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl

from werkzeug.wrappers import Request, Response

from .. import __version__
from . import incoming, ivr
from .context import Ctx, public
from .engine import Engine
from .faults import KINDS
from .operations import BY_NAME, OPERATIONS
from .values import money, to_milli, wire_date

Params = Dict[str, Any]


class ControlError(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _json(data: Any, status: int = 200) -> Response:
    # nosniff: no browser may run an answer (which can hold the credentials) as a script
    return Response(json.dumps(data, ensure_ascii=False, indent=1), status, mimetype="application/json",
                    headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})  # fmt: skip


#: Bounds of what the control API accepts: beyond them a value is refused (400), never stored.
MAX_ADVANCE = 100 * 366 * 86400.0  # a century per call
MAX_TIMEOUT = 300.0
MAX_COUNT = 1_000_000
MAX_AMOUNT = 10**12  # thousandths: a billion in the account's currency
MAX_SECONDS = 7 * 86400.0  # a talk or a recording
MAX_AMOUNT_DIGITS = len(str(MAX_AMOUNT // 1000))  # an amount's decimal exponent above this is out of range at once
MAX_NUMBER_TEXT = 100  # characters: a longer number is refused unread


def _shown(value: Any) -> str:
    """A value for an error message, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

#: The prefix of the files' path (the operation ``file``), dispatched by it.
FILES = BY_NAME["file"].path.split("<", 1)[0]

#: Methods that only read; every other control call changes state and must send JSON.
SAFE_METHODS = ("GET", "HEAD")


def _constant(name: str) -> Any:
    raise ControlError(f"the JSON body holds {name}, which is not a number")


def _params(request: Request) -> Params:
    params: Params = {k: v for k, v in parse_qsl(request.query_string.decode("latin-1"), keep_blank_values=True)}
    if request.method in SAFE_METHODS:
        return params
    if request.mimetype != "application/json":
        raise ControlError(
            f"a control call that changes state takes a JSON body with Content-Type: application/json "
            f"(got {request.mimetype or 'no content type'!r}); HTML forms are refused so that no web page can drive the sandbox",
            415,
        )
    body = request.get_data()
    if body:
        try:
            parsed = json.loads(body, parse_constant=_constant)
        except RecursionError:
            raise ControlError("the JSON body is nested too deeply") from None
        except ValueError:
            raise ControlError("the body is not JSON") from None
        if not isinstance(parsed, dict):
            raise ControlError("the JSON body must be an object")
        for key, value in parsed.items():
            if value is not None and not isinstance(value, (str, int, float, bool)):
                raise ControlError(f"{key}: expected a string, number or boolean, got a JSON {type(value).__name__}")
        params.update(parsed)
    return params


def _str(p: Params, name: str, default: Optional[str] = None) -> str:
    value = p.get(name, default)
    if value is None or value == "":
        raise ControlError(f"{name} is required")
    return str(value)


def _opt(p: Params, name: str) -> Optional[str]:
    value = p.get(name)
    return None if value is None or value == "" else str(value)


def _float(p: Params, name: str, default: Optional[float] = None, low: float = 0.0, high: float = MAX_TIMEOUT) -> float:
    """A finite number in [low, high] (inclusive)."""
    value = p.get(name, default)
    if isinstance(value, str) and len(value) > MAX_NUMBER_TEXT:
        raise ControlError(f"{name}: expected a number, got {_shown(value)}")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise ControlError(f"{name}: expected a number, got {_shown(value)}") from None
    if not math.isfinite(number):
        raise ControlError(f"{name}: expected a finite number, got {_shown(value)}")
    if not low <= number <= high:
        raise ControlError(f"{name}: expected a number from {low:g} to {high:g}, got {_shown(value)}")
    return number


def _int(p: Params, name: str, default: int, low: int, high: int) -> int:
    number = _float(p, name, default, low, high)
    if number != int(number):
        raise ControlError(f"{name}: expected a whole number, got {_shown(p.get(name))}")
    return int(number)


def _bool(p: Params, name: str) -> bool:
    value = p.get(name, False)
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "yes", "on", "enabled")


def _amount(p: Params, name: str) -> Optional[int]:
    value = p.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ControlError(f"{name}: {value!r} is not an amount")
    text = str(value)
    try:
        number = Decimal(text) if len(text) <= MAX_NUMBER_TEXT else None
    except (ValueError, ArithmeticError):
        number = None
    if number is None or not number.is_finite():
        raise ControlError(f"{name}: {_shown(value)} is not an amount")
    # Checked before any arithmetic: 1e700000 is a short text but a 700,000-digit integer
    if number and number.adjusted() > MAX_AMOUNT_DIGITS:
        raise ControlError(f"{name}: {_shown(value)} is more than {money(MAX_AMOUNT)}")
    try:
        milli = to_milli(text)
    except (ValueError, ArithmeticError):
        raise ControlError(f"{name}: {_shown(value)} is not an amount") from None
    if abs(milli) > MAX_AMOUNT:
        raise ControlError(f"{name}: {_shown(value)} is more than {money(MAX_AMOUNT)}")
    return milli


def _balance(value: int) -> int:
    if value > MAX_AMOUNT:
        raise ControlError(f"the balance would be more than {money(MAX_AMOUNT)}")
    return value


class Control:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        #: (method, path) -> handler, for each operation of the table that this class answers (the
        #: console registers its own; a path with a <variable> part is dispatched by its prefix)
        self.routes: Dict[Tuple[str, str], Callable[[Params], Any]] = {
            (op.method, op.path): getattr(self, op.name) for op in OPERATIONS if op.owner == "control" and "<" not in op.path
        }

    def __call__(self, request: Request, path: str) -> Response:
        if path.startswith(FILES):
            return self.file(path[len(FILES) :])
        handler = self.routes.get((request.method, path))
        if handler is None:
            known = sorted({p for _, p in self.routes if p == path})
            if known:
                return _json({"error": f"{request.method} is not allowed on /_sandbox/{path}"}, 405)
            return _json({"error": f"no control endpoint /_sandbox/{path}", "endpoints": sorted({f"{m} /_sandbox/{p}" for m, p in self.routes})}, 404)
        try:
            return _json(handler(_params(request)))
        except ControlError as exc:
            return _json({"error": str(exc)}, exc.status)
        except incoming.WorldError as exc:
            return _json({"error": str(exc)}, 409)
        except KeyError as exc:
            return _json({"error": str(exc.args[0]) if exc.args else "not found"}, 404)

    # ---- overview, reset, clock ----

    def info(self, p: Params) -> Dict[str, Any]:
        e = self.engine
        return {
            "sandbox": f"hoiio {__version__}",
            "base_url": e.public_url + "open/",
            "app_id": e.default_app_id,
            "access_token": e.default_access_token,
            "db": e.store.path,
            **self.clock(p),
        }

    def reset(self, p: Params) -> Dict[str, Any]:
        self.engine.reset()
        return {"reset": True, "app_id": self.engine.default_app_id}

    def clock(self, p: Params) -> Dict[str, Any]:
        c = self.engine.clock
        now = c.now()
        return {"now": now, "date": wire_date(now), "frozen": c.frozen, "offset": c.offset}

    def set_clock(self, p: Params) -> Dict[str, Any]:
        if "frozen" in p or "freeze" in p:
            if _bool(p, "frozen" if "frozen" in p else "freeze"):
                self.engine.freeze()
            else:
                self.engine.unfreeze()
        return self.clock(p)

    def advance(self, p: Params) -> Dict[str, Any]:
        seconds = 0.0
        for unit, size in (("seconds", 1), ("minutes", 60), ("hours", 3600), ("days", 86400)):
            if unit in p and _float(p, unit, 0, -math.inf, math.inf) < 0:
                raise ControlError(f"{unit}: time only moves forward")
            seconds += size * _float(p, unit, 0, 0, MAX_ADVANCE / size)
        if seconds > MAX_ADVANCE:
            raise ControlError(f"advance at most {MAX_ADVANCE / 86400:g} days at a time")
        timeout = _float(p, "timeout", 10)
        try:
            now, count = self.engine.advance(seconds)
        except ValueError as exc:
            raise ControlError(str(exc)) from None
        if _bool(p, "wait"):
            self.engine.notifier.wait(timeout)
        return {"now": now, "date": wire_date(now), "events": count}

    # ---- accounts and balance ----

    def _account_view(self, ctx: Ctx) -> Dict[str, Any]:
        a = ctx.account
        return {"app_id": a.app_id, "access_token": a.access_token, "balance": money(a.balance), "points": money(a.points),
                "bonus": money(a.bonus), **a.data}  # fmt: skip

    def account(self, p: Params) -> Dict[str, Any]:
        return self.engine.act(_opt(p, "app_id"), self._account_view)

    PROFILE = ("name", "mobile_number", "email", "country", "prefix", "currency", "time_zone", "user_status", "sms_rebrand_status",
               "call_rebrand_status", "uid")  # fmt: skip

    def set_account(self, p: Params) -> Dict[str, Any]:
        def change(ctx: Ctx) -> Dict[str, Any]:
            a = ctx.store.account(ctx.account.app_id) or ctx.account
            for key in self.PROFILE:
                if key in p:
                    a.data[key] = str(p[key])
            if "credit_card" in p:
                a.data["credit_card"] = _bool(p, "credit_card")
            points, bonus = _amount(p, "points"), _amount(p, "bonus")
            if points is not None:
                a.points = max(0, points)
            if bonus is not None:
                a.bonus = max(0, bonus)
            _balance(a.balance)
            if "access_token" in p:
                a.access_token = _str(p, "access_token")
            ctx.store.put_account(a)
            ctx.account = a
            return self._account_view(ctx)

        return self.engine.act(_opt(p, "app_id"), change)

    def accounts(self, p: Params) -> List[Dict[str, Any]]:
        with self.engine.store.transaction():
            return [{"app_id": a.app_id, "balance": money(a.balance), "currency": a.currency} for a in self.engine.store.accounts()]

    def create_account(self, p: Params) -> Dict[str, Any]:
        app_id = _opt(p, "app_id") or f"AP-{secrets.token_hex(4).upper()}"
        token = _opt(p, "access_token") or secrets.token_hex(16)
        with self.engine.store.transaction():
            if self.engine.store.account(app_id) is not None:
                raise ControlError(f"account {app_id!r} exists", 409)
            profile = {k: str(p[k]) for k in self.PROFILE if k in p}
            for key in ("points", "bonus"):
                amount = _amount(p, key)
                if amount is not None:
                    profile[key] = money(max(0, amount))
            self.engine.create_account(app_id, token, **profile)
        return self.account({"app_id": app_id})

    def topup(self, p: Params) -> Dict[str, Any]:
        points, bonus = _amount(p, "points") or 0, _amount(p, "bonus") or 0
        if points < 0 or bonus < 0:
            raise ControlError("a top-up adds credit; use /_sandbox/account to set it")

        def add(ctx: Ctx) -> Dict[str, Any]:
            a = ctx.account
            a.points += points
            a.bonus += bonus
            _balance(a.balance)
            if points and a.data.get("user_status") == "trial":
                a.data["user_status"] = "active"  # a top-up lifts the trial restrictions
            ctx.store.put_account(a)
            return self._account_view(ctx)

        return self.engine.act(_opt(p, "app_id"), add)

    def drain(self, p: Params) -> Dict[str, Any]:
        leave = _amount(p, "leave") or 0

        def empty(ctx: Ctx) -> Dict[str, Any]:
            a = ctx.account
            a.points, a.bonus = max(0, leave), 0
            ctx.store.put_account(a)
            return self._account_view(ctx)

        return self.engine.act(_opt(p, "app_id"), empty)

    def _owner(self, p: Params) -> Optional[str]:
        """The account named by app_id, else the one the session belongs to, else the default."""
        app_id = _opt(p, "app_id")
        session = _opt(p, "session")
        if app_id is None and session is not None:
            with self.engine.store.transaction():
                found = self.engine.store.session(session)
            if found is None:
                raise ControlError(f"no session {session!r}", 404)
            app_id = str(found["account"])
        return app_id

    # ---- the outside world ----

    def incoming_sms(self, p: Params) -> Dict[str, Any]:
        refs = self.engine.act(_opt(p, "app_id"), lambda ctx: incoming.sms(ctx, _str(p, "to"), _str(p, "from"), _str(p, "msg")))
        return {"txn_refs": refs}

    def incoming_call(self, p: Params) -> Dict[str, Any]:
        return self.engine.act(_opt(p, "app_id"), lambda ctx: incoming.call(ctx, _str(p, "to"), _str(p, "from")))

    def incoming_fax(self, p: Params) -> Dict[str, Any]:
        pdf: Optional[bytes] = None
        if _opt(p, "pdf"):
            try:
                pdf = base64.b64decode(_str(p, "pdf"))
            except (binascii.Error, ValueError):
                raise ControlError("pdf: expected the PDF in base64") from None
        status = _opt(p, "status") or "answered"
        ref = self.engine.act(
            _opt(p, "app_id"), lambda ctx: incoming.fax(ctx, _str(p, "to"), _str(p, "from"), pdf, status, _opt(p, "filename"))
        )
        return {"txn_ref": ref}

    def keys(self, p: Params) -> Dict[str, Any]:
        """The keys the caller presses at the next gather (of ``session``, or of any session)."""
        digits = str(p.get("digits", ""))
        if any(c not in "0123456789*#" for c in digits):
            raise ControlError("digits: only 0-9, * and #")
        data = {"digits": digits, "hangup": _bool(p, "hangup")}
        self.engine.act(self._owner(p), lambda ctx: ctx.store.add_script(ctx.account.app_id, "digits", _opt(p, "session") or "*", data))
        return {"queued": data, "session": _opt(p, "session") or "*"}

    def record(self, p: Params) -> Dict[str, Any]:
        """How the caller's next recording goes: its length, and whether they hang up after it."""
        data: Dict[str, Any] = {"hangup": _bool(p, "hangup")}
        if _opt(p, "seconds"):
            data["seconds"] = _float(p, "seconds", high=MAX_SECONDS)
        self.engine.act(self._owner(p), lambda ctx: ctx.store.add_script(ctx.account.app_id, "record", _opt(p, "session") or "*", data))
        return {"queued": data, "session": _opt(p, "session") or "*"}

    def caller_hangup(self, p: Params) -> Dict[str, Any]:
        session = _str(p, "session")
        done = self.engine.act(self._owner(p), lambda ctx: ivr.caller_hangs_up(ctx, session))
        if not done:
            raise ControlError(f"session {session!r} has no call in progress", 409)
        return {"hung_up": session}

    OUTCOMES = ("answered", "busy", "unanswered", "failed")

    def script(self, p: Params) -> Dict[str, Any]:
        """How calls, faxes and SMS to a number turn out (overrides the reserved endings)."""
        number = _str(p, "number")
        if _bool(p, "clear"):
            self.engine.act(_opt(p, "app_id"), lambda ctx: ctx.store.set_number_script(ctx.account.app_id, number, None))
            return {"number": number, "cleared": True}
        data: Dict[str, Any] = {}
        for service in ("call", "fax"):
            if _opt(p, service):
                if p[service] not in self.OUTCOMES:
                    raise ControlError(f"{service}: expected one of {', '.join(self.OUTCOMES)}")
                data[service] = p[service]
        if _opt(p, "sms"):
            if p["sms"] not in ("queued", "delivered", "failed", "error"):
                raise ControlError("sms: expected queued, delivered, failed or error")
            data["sms"] = p["sms"]
        if _opt(p, "talk_seconds"):
            data["talk_seconds"] = _float(p, "talk_seconds", high=MAX_SECONDS)
        self.engine.act(_opt(p, "app_id"), lambda ctx: ctx.store.set_number_script(ctx.account.app_id, number, data))
        return {"number": number, **data}

    def scripts(self, p: Params) -> List[Dict[str, Any]]:
        return self.engine.act(_opt(p, "app_id"), lambda ctx: ctx.store.scripts(ctx.account.app_id))

    # ---- what happened ----

    def notifications(self, p: Params) -> List[Dict[str, Any]]:
        after = _int(p, "after", 0, 0, 2**62)
        kind = _opt(p, "kind")
        app_id = _opt(p, "app_id")
        with self.engine.store.transaction():
            rows = self.engine.store.notifications(app_id, after)
        out = []
        for row in rows:
            if kind and row["kind"] != kind:
                continue
            row["fields"] = dict(parse_qsl(row["body"], keep_blank_values=True))
            row["created_date"] = wire_date(row["created"])
            out.append(row)
        return out

    def wait(self, p: Params) -> Dict[str, Any]:
        done = self.engine.notifier.wait(_float(p, "timeout", 10))
        return {"idle": done, "pending": self.engine.notifier.pending}

    def faults(self, p: Params) -> List[Dict[str, Any]]:
        return self.engine.faults.list()

    def add_fault(self, p: Params) -> Dict[str, Any]:
        kind = _str(p, "kind")
        if kind not in KINDS:
            raise ControlError(f"kind: expected one of {', '.join(KINDS)}")
        try:
            fault = self.engine.faults.add(kind, _int(p, "count", 1, 1, MAX_COUNT), _opt(p, "path"), _float(p, "seconds", 0), _bool(p, "after"))
        except ValueError as exc:
            raise ControlError(str(exc)) from None
        return {"id": fault.id, "kind": fault.kind, "count": fault.count, "path": fault.path, "seconds": fault.seconds, "after": fault.after}

    def clear_faults(self, p: Params) -> Dict[str, Any]:
        self.engine.faults.clear()
        return {"cleared": True}

    def transactions(self, p: Params) -> List[Dict[str, Any]]:
        kind = _opt(p, "kind")

        def listing(ctx: Ctx) -> List[Dict[str, Any]]:
            return [{"kind": t.kind, "state": t.state, **public(t.data)} for t in ctx.store.txns(ctx.account.app_id) if not kind or t.kind == kind]

        return self.engine.act(_opt(p, "app_id"), listing)

    def sessions(self, p: Params) -> List[Dict[str, Any]]:
        return self.engine.act(_opt(p, "app_id"), lambda ctx: ctx.store.sessions(ctx.account.app_id))

    def events(self, p: Params) -> List[Dict[str, Any]]:
        with self.engine.store.transaction():
            return [{"due": e.due, "date": wire_date(e.due), "kind": e.kind, "account": e.account, **e.data} for e in self.engine.store.events()]

    def file(self, rest: str) -> Response:
        file_id = rest.split("/", 1)[0]
        with self.engine.store.transaction():
            found = self.engine.store.file(file_id)
        if found is None:
            return _json({"error": "no such file"}, 404)
        name, content_type, content, _ = found
        return Response(content, 200, mimetype=content_type, headers={"Content-Disposition": f'inline; filename="{name}"'})
