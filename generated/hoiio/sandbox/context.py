"""What a behaviour function works with: the account, the sandbox time, the endpoint being
answered, and helpers to charge, schedule, notify and name things the way Hoiio did."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any, Dict, List, NoReturn, Optional, Tuple
from urllib.parse import urlencode

from .._generated.api import GENERIC_STATUSES
from .._runtime.params import Endpoint
from ..notifications import sign
from . import data
from .store import Account, Store, Txn
from .values import money, wire_date

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Engine


class ApiError(Exception):
    """Answer the request with this status (and nothing else); the request's changes are undone."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


class Ctx:
    """One request (or one scheduled event) being handled, inside a store transaction."""

    def __init__(self, engine: "Engine", account: Account, now: float, endpoint: Optional[Endpoint] = None) -> None:
        self.engine = engine
        self.store: Store = engine.store
        self.account = account
        self.now = now
        self.endpoint = endpoint
        self.outbox: List[int] = []

    # ---- statuses ----

    def pick(self, *candidates: str) -> str:
        """The first candidate the endpoint may answer (its own statuses or the generic ones)."""
        allowed = set(self.endpoint.statuses) | set(GENERIC_STATUSES) if self.endpoint is not None else None
        for status in candidates:
            if allowed is None or status in allowed:
                return status
        return candidates[-1]

    def fail(self, *candidates: str) -> NoReturn:
        raise ApiError(self.pick(*candidates))

    # ---- money ----

    @property
    def currency(self) -> str:
        return self.account.currency

    def rate(self, number: str, service: str) -> Optional[int]:
        """Price in thousandths of the account's currency; None where not offered; LookupError
        when the number's country is not served."""
        return data.rate(number, service, self.currency)

    def can_pay(self, amount: int) -> bool:
        return self.account.balance >= amount

    def charge(self, amount: int) -> int:
        """Debit ``amount`` (thousandths), bonus first, then points; never below zero. Returns
        what was actually debited."""
        account = self.store.account(self.account.app_id)
        if account is None:  # pragma: no cover - an account is never removed during a request
            account = self.account
            self.store.put_account(account)
        amount = max(0, min(amount, account.balance))
        from_bonus = min(amount, account.bonus)
        account.bonus -= from_bonus
        account.points -= amount - from_bonus
        self.store.set_balance(account.app_id, account.points, account.bonus)
        self.account = account
        return amount

    def require_credit(self, amount: int) -> None:
        if amount > 0 and not self.can_pay(amount):
            self.fail("error_insufficient_credit")

    def money(self, milli: int) -> str:
        return money(milli)

    # ---- time ----

    def date(self, moment: Optional[float] = None) -> str:
        return wire_date(self.now if moment is None else moment)

    def schedule(self, delay: float, kind: str, payload: Dict[str, Any]) -> None:
        """Run the event ``kind`` ``delay`` sandbox seconds from now."""
        self.store.add_event(self.now + max(0.0, delay), self.account.app_id, kind, payload)

    # ---- names ----

    def new_ref(self, prefix: str) -> Tuple[str, int]:
        """A transaction reference such as AA-S-141147, and its sequence number."""
        seq = self.store.next_seq("txn", 141147)
        return f"AA-{prefix}-{seq}", seq

    def new_session(self) -> str:
        return f"S-{self.store.next_seq('session', 1234)}"

    def new_room(self) -> str:
        return f"R{self.store.next_seq('room', 123)}"

    def put_file(self, name: str, content_type: str, content: bytes) -> str:
        """Keep a file (a fax, a recording) and return the URL the sandbox serves it at."""
        file_id = secrets.token_hex(8)
        self.store.put_file(file_id, self.account.app_id, name, content_type, content, self.now)
        return f"{self.engine.public_url}_sandbox/files/{file_id}/{name}"

    # ---- transactions ----

    def add_txn(self, ref: str, seq: int, kind: str, record: Dict[str, Any], state: str = "ongoing") -> Txn:
        txn = Txn(ref, self.account.app_id, kind, seq, self.now, state, record)
        self.store.add_txn(txn)
        return txn

    def own_txn(self, ref: str, kind: str, *, kinds: Tuple[str, ...] = ()) -> Txn:
        """The caller's transaction ``ref`` of this kind, or the error the endpoint gives."""
        txn = self.store.txn(ref)
        if txn is None or (txn.kind != kind and txn.kind not in kinds):
            self.fail("error_invalid_txn_ref", "error_txn_ref_invalid")
        if txn.account != self.account.app_id:
            self.fail("error_txn_ref_access_denied", "error_invalid_txn_ref")
        return txn

    # ---- notifications ----

    def notify(self, url: Optional[str], kind: str, fields: Dict[str, Any], ref: Optional[str] = None) -> None:
        """Queue a notification: a form POST of ``fields`` (as strings) to ``url``, signed with the
        account's access token. It is sent by the background worker once this transaction commits."""
        if not url:
            return
        form = {k: str(v) for k, v in fields.items() if v is not None and not k.startswith("_")}
        body = urlencode(form)
        signature = sign(body, self.account.access_token)  # by spec/api.yaml notification_signature
        note_id = self.store.add_notification(self.account.app_id, kind, ref, url, body, signature, self.now)
        self.outbox.append(note_id)


def public(record: Dict[str, Any]) -> Dict[str, Any]:
    """A stored record without the sandbox's own keys (those starting with "_")."""
    return {k: v for k, v in record.items() if not k.startswith("_") and v is not None}
