"""Correct code that `mypy --strict` must accept (tests/typing/test_typecheck.py): what the
always-present fields, enums and the facade let you write."""

from __future__ import annotations

import datetime
from typing import List, Optional

import hoiio
from hoiio import Hoiio, SmsStatus

client = hoiio.Client("APP", "TOKEN", raise_on_error=True)
ref: str = client.sms.send("hi", "+6591234567", sender_name="ACME", request_timeout=(3, 10), max_retries=0).txn_ref
status = client.sms.status(ref)
when: datetime.datetime = status.date
delivered: bool = status.sms_status is SmsStatus.DELIVERED
same: bool = status.sms_status == "delivered"  # a str Enum: equal to the wire string
src: Optional[str] = status.src
balance: float = client.account.balance().balance
states: List[str] = [s.code for c in client.number.available_countries().entries for s in c.states]
refs: List[str] = client.voice.conference("+6511111111", "+6522222222", room="R1").txn_refs
unknown = status["x_new_field"], status.get("x_new_field"), status.json.get("x_new_field")
for entry in client.sms.history_iter(from_=datetime.date(2012, 1, 1), limit=10):
    print(entry.txn_ref, entry.date.isoformat(), entry.sms_status.value)
try:
    client.sms.send("hi", "+6591234567", extra_params={"new_param": "1"}, app_id="OTHER", access_token="T2")
except hoiio.InsufficientCreditError as exc:
    print(exc.status, exc.method, exc.retryable, exc.response)

legacy = Hoiio.sms.send("hi", "+6591234567", sender_name="ACME")
if legacy.is_success():
    maybe: Optional[str] = legacy.txn_ref
history = Hoiio.sms.history(**{"from": "2012-01-01 00:00:00"})
for old in history.entries:
    print(old.txn_ref)


def summary(http: hoiio.HTTPResponse) -> str:
    """What the async client's ``res.response`` types as."""
    seconds: float = http.elapsed.total_seconds()
    code: int = http.status_code + 0
    sent: bytes = http.request.body + http.request.content
    return f"{code} {http.reason} {http.headers.get('Content-Type')} {http.ok} {seconds} {sent!r} {http.text} {http.json()}"
