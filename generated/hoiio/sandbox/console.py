"""The sandbox's console: a web page at the sandbox's root URL to see what an application did
(SMS, calls and conference legs, IVR sessions, faxes, numbers, charges, every notification
delivery) and to play the other party (text, call or fax a number, press keys, hang up, move the
clock, inject faults, reset).

The page is plain HTML, CSS and JavaScript shipped in the package (sandbox/console/), with no
build step and nothing fetched from elsewhere. It reads one snapshot from the control API
(``GET /_sandbox/console``, polled about once a second: an unchanged snapshot answers only its
version) and acts through the control API with same-origin ``fetch`` and JSON bodies, so the
control API's rules apply to the page as to any other caller. Links are shareable: the page
routes ``/sms/<txn_ref>``, ``/calls/<txn_ref>``, ``/ivr/<session>``, ``/fax/<txn_ref>``,
``/numbers/<number>`` and ``/notifications/<id>``.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from importlib import resources
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from werkzeug.wrappers import Response

from . import ivr
from .context import Ctx, public
from .control import ControlError
from .faults import KINDS
from .operations import OPERATIONS
from .store import Store, Txn
from .values import money, wire_date

if TYPE_CHECKING:  # pragma: no cover
    from .control import Control
    from .engine import Engine

Params = Dict[str, Any]

#: The views the page routes (each also takes /<view>/<id>).
VIEWS = ("sms", "calls", "ivr", "fax", "numbers", "notifications", "account", "faults")
#: The static files, by the name they are served at (/_console/<name>).
STATIC = {"console.js": "text/javascript", "console.css": "text/css", "favicon.svg": "image/svg+xml"}
#: A snapshot holds the latest this many rows of each kind (and the one a link names).
LATEST = 200

HEADERS = {
    # everything the page loads comes from the sandbox; no other site may frame it
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
    "Vary": "Accept",
}


def _asset(name: str) -> bytes:
    return resources.files(__package__).joinpath("console", name).read_bytes()


class Console:
    """Serves the page and its files, and the control API's ``console`` and ``ivr/press``."""

    def __init__(self, engine: "Engine") -> None:
        self.engine = engine
        self._run = secrets.token_hex(8)  # versions of another run (a restart on the same file) never match

    def register(self, control: "Control") -> None:
        for op in OPERATIONS:
            if op.owner == "console":
                control.routes[(op.method, op.path)] = getattr(self, op.name)

    # ---- the page ----

    def serves(self, path: str) -> bool:
        if path == "/" or path.startswith("/_console/"):
            return True
        return path.strip("/").split("/", 1)[0] in VIEWS

    def __call__(self, path: str) -> Response:
        if path.startswith("/_console/"):
            name = path[len("/_console/") :]
            if name not in STATIC:
                return Response("not found\n", 404, mimetype="text/plain")
            return Response(_asset(name), 200, mimetype=STATIC[name], headers=HEADERS)
        return Response(_asset("index.html"), 200, mimetype="text/html", headers=HEADERS)

    # ---- the control API's additions ----

    def press(self, p: Params) -> Dict[str, Any]:
        """POST /_sandbox/ivr/press {session, digits}: the caller presses keys now, in the
        session's running gather, which ends with them at once (ivr/keys queues keys for the
        next gather instead)."""
        session, digits = str(p.get("session") or ""), str(p.get("digits", ""))
        if not session:
            raise ControlError("session is required")
        if not digits or any(c not in "0123456789*#" for c in digits) or len(digits) > 64:
            raise ControlError("digits: 1 to 64 of the keys 0-9, * and #")
        with self.engine.store.transaction():
            found = self.engine.store.session(session)
        if found is None:
            raise ControlError(f"no session {session!r}", 404)
        done = self.engine.act(str(found["account"]), lambda ctx: ivr.press_now(ctx, session, digits))
        if not done:
            raise ControlError(f"session {session!r} is not in a gather now (ivr/keys queues keys for its next one)", 409)
        return {"pressed": digits, "session": session}

    def snapshot(self, p: Params) -> Dict[str, Any]:
        """GET /_sandbox/console: what the page shows, for the account ``app_id`` (else the one
        that owns ``ref``, ``session`` or ``note``, else the default one). With ``since`` equal
        to the current version, only the version and the clock come back."""
        store = self.engine.store
        asked = json.dumps([p.get(k) for k in ("app_id", "ref", "session", "note")], default=str)
        with store.transaction():
            # a version names the state: rows written so far, the faults waiting, what was asked
            faults = json.dumps(self.engine.faults.list(), sort_keys=True)
            version = hashlib.sha1(f"{self._run}|{store.changes}|{faults}|{asked}".encode()).hexdigest()[:16]
            if p.get("since") == version:
                return {"version": version, "unchanged": True, "clock": self._clock()}
            app_id = self._owner(store, p)
            account = store.account(app_id)
            if account is None:
                raise KeyError(f"no account {app_id!r}")
            ctx = Ctx(self.engine, account, self.engine.clock.now())
            body = self._view(ctx, p)
        return {"version": version, "clock": self._clock(), **body}

    def _clock(self) -> Dict[str, Any]:
        c = self.engine.clock
        now = c.now()
        return {"now": now, "date": wire_date(now), "frozen": c.frozen}

    def _owner(self, store: Store, p: Params) -> str:
        if p.get("app_id"):
            return str(p["app_id"])
        if p.get("ref"):
            txn = store.txn(str(p["ref"]))
            if txn is not None:
                return txn.account
        if p.get("session"):
            s = store.session(str(p["session"]))
            if s is not None:
                return str(s["account"])
        if p.get("note"):
            note = _note_id(p["note"])
            row = store.notification(note) if note is not None else None
            if row is not None:
                return str(row["account"])
        return self.engine.default_app_id

    def _view(self, ctx: Ctx, p: Params) -> Dict[str, Any]:
        store, a = ctx.store, ctx.account
        e = self.engine
        txns = {kind: [_txn(t) for t in store.latest_txns(a.app_id, kind, LATEST)] for kind in ("sms", "call", "fax")}
        counts = {kind: store.count_txns(a.app_id, kind) for kind in ("sms", "call", "fax")}
        numbers = [_number(n) for n in store.numbers(a.app_id)]
        notes = [_note(n) for n in store.latest_notifications(a.app_id, LATEST)]
        sessions = [_session(s) for s in store.latest_sessions(a.app_id, LATEST)]
        focus: Dict[str, Any] = {}
        ref = str(p.get("ref") or "")
        if ref:
            txn = store.txn(ref)
            if txn is not None and txn.account == a.app_id:
                focus["txn"] = _txn(txn)
                focus["notifications"] = [_note(n) for n in store.latest_notifications(a.app_id, LATEST, ref)]
        session_id = str(p.get("session") or "")
        if session_id:
            s = store.session(session_id)
            if s is not None and s["account"] == a.app_id:
                focus["session"] = _session(s)
                focus["notifications"] = [_note(n) for n in store.latest_notifications(a.app_id, LATEST, str(s["txn_ref"]))]
                focus["queued_keys"] = [x for x in store.scripts(a.app_id) if x["kind"] == "digits" and x["target"] in (session_id, "*")]
        if p.get("note"):
            note = _note_id(p["note"])
            row = store.notification(note) if note is not None else None
            if row is not None and row["account"] == a.app_id:
                focus["note"] = _note(row)
        return {
            "sandbox": {
                "base_url": e.public_url + "open/",
                "console_url": e.public_url,
                "control_url": e.public_url + "_sandbox/",
                "default_app_id": e.default_app_id,
            },
            "account": {
                "app_id": a.app_id,
                "access_token": a.access_token,
                "balance": money(a.balance),
                "points": money(a.points),
                "bonus": money(a.bonus),
                "currency": a.currency,
                **{k: v for k, v in a.data.items() if k in ("name", "mobile_number", "country", "user_status")},
            },
            "accounts": [x.app_id for x in store.accounts()][:LATEST],
            "counts": {**counts, "ivr": len(sessions), "numbers": len(numbers), "notifications": store.count_notifications(a.app_id),
                       "faults": len(e.faults.list())},  # fmt: skip
            "latest": LATEST,
            "sms": txns["sms"],
            "calls": txns["call"],
            "fax": txns["fax"],
            "ivr": sessions,
            "numbers": numbers,
            "notifications": notes,
            "charges": _charges(txns, numbers),
            "faults": e.faults.list(),
            "fault_kinds": list(KINDS),
            "scheduled": store.count_events(),
            "focus": focus,
        }


def _txn(t: Txn) -> Dict[str, Any]:
    d = t.data
    out: Dict[str, Any] = {"ref": t.ref, "kind": t.kind, "state": t.state, "created": t.created, **public(d)}
    for key in ("direction", "type", "notify_url", "bulk", "session", "muted", "caller_id"):
        if d.get("_" + key) is not None:
            out[key] = d["_" + key]
    return out


def _note_id(value: Any) -> Optional[int]:
    """A notification id from a request (a whole number SQLite can hold), else None."""
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        return None
    return int(text)


def _number(n: Dict[str, Any]) -> Dict[str, Any]:
    return {**public(n), "charges": n.get("_charges", [])}


def _session(s: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in s.items() if k != "account"}


def _note(row: Dict[str, Any]) -> Dict[str, Any]:
    out = {k: v for k, v in row.items() if k != "account"}  # the page reads the body's fields itself
    out["created_date"] = wire_date(float(row["created"]))
    if row.get("sent") is not None:
        out["sent_date"] = wire_date(float(row["sent"]))
    return out


def _charges(txns: Dict[str, List[Dict[str, Any]]], numbers: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """What cost money, newest first: messages, calls and faxes with a debit, and subscriptions."""
    out: List[Dict[str, Any]] = []
    for kind, rows in txns.items():
        for r in rows:
            debit = r.get("debit") or r.get("total_cost")
            if debit and debit.strip("0.") != "":
                out.append({"date": r.get("date", ""), "kind": kind, "ref": r["ref"], "what": _what(kind, r), "debit": debit})
    for n in numbers:
        for c in n["charges"]:
            out.append({"date": c["date"], "kind": "number", "ref": n["number"], "what": f"{n['number']} {c['what']} ({c['months']} month(s))",
                        "debit": c["debit"]})  # fmt: skip
    out.sort(key=lambda c: str(c["date"]), reverse=True)
    return out


def _what(kind: str, r: Dict[str, Any]) -> str:
    if kind == "sms":
        return f"SMS {'from ' + str(r.get('src')) if r.get('direction') == 'incoming' else 'to ' + str(r.get('dest'))} ({r.get('split_count', '1')} part(s))"
    if kind == "fax":
        return f"fax {'from ' + str(r.get('src')) if r.get('direction') == 'incoming' else 'to ' + str(r.get('dest'))} ({r.get('fax_pages', '?')} page(s))"
    legs = " and ".join(str(r[k]) for k in ("dest1", "dest2") if r.get(k))
    return f"{r.get('type', 'call')} call {legs} ({r.get('duration', '0')} min)"
