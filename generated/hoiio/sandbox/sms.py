"""SMS: send, bulk send, history, rate, status; delivery settles after a few sandbox seconds.

Parts are counted by the spec's rule (spec/api.yaml ``sms_length``, through
hoiio.measure_sms): GSM text takes 160 characters in one part and 153 in each part of a longer
message, Unicode text 70, then 67; some GSM characters count as two. A message over
three parts is error_msg_too_big. Where a sender name is not shown (the rate table's
`rebrand: false`, and the USA unless it is one of your US numbers) the text goes out prefixed
with "Fr:<sender_name>" and a newline, which counts towards the length.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from .._generated.facts import FLAG_SET, SMS_MAX_PARTS
from .._runtime.sms_length import measure_sms
from . import data
from .context import Ctx, public

PAGE_SIZE = 100
MAX_PARTS = SMS_MAX_PARTS


def measure(text: str) -> Tuple[bool, int, int]:
    """(needs Unicode, length in characters as counted, parts)."""
    unicode, length, parts = measure_sms(text)
    return unicode, length, parts


def _text(ctx: Ctx, msg: str, sender: Optional[str], dest: str) -> str:
    if not sender:
        return msg
    shown = data.rebrands(dest)
    if dest.startswith("+1"):
        own_us = {n["number"] for n in ctx.store.numbers(ctx.account.app_id) if n["number"].startswith("+1")}
        shown = sender in own_us
    return msg if shown else f"Fr:{sender}\n{msg}"


def trial_check(ctx: Ctx, *numbers: str) -> None:
    """A trial account may only reach its own registered number."""
    if ctx.account.data.get("user_status") == "trial":
        own = ctx.account.data.get("mobile_number")
        if any(n != own for n in numbers):
            ctx.fail("error_not_allowed_for_trial")


def _sms_rate(ctx: Ctx, dest: str) -> int:
    try:
        price = ctx.rate(dest, "sms")
    except LookupError:
        ctx.fail("error_dest_not_supported", "error_dest_invalid")
    if price is None:
        ctx.fail("error_sms_service_not_available", "error_dest_not_supported")
    return price


def _prepare(ctx: Ctx, msg: str, dest: str, sender: Optional[str]) -> Dict[str, Any]:
    text = _text(ctx, msg, sender, dest)
    if not text.strip():
        ctx.fail("error_msg_empty", "error_msg_param_missing")
    _, _, parts = measure(text)
    if parts > MAX_PARTS:
        ctx.fail("error_msg_too_big")
    price = _sms_rate(ctx, dest)
    return {"text": text, "parts": parts, "rate": price, "cost": price * parts}


def _check_sender(ctx: Ctx, sender: Optional[str]) -> None:
    if sender and ctx.account.data.get("sms_rebrand_status") != FLAG_SET:
        ctx.fail("error_sms_rebrand_not_enabled")


def _create(ctx: Ctx, dest: str, job: Dict[str, Any], v: Dict[str, Any], bulk: Optional[str]) -> str:
    ref, seq = ctx.new_ref("S")
    record: Dict[str, Any] = {
        "txn_ref": ref,
        "tag": v.get("tag"),
        "sms_status": "queued",
        "src": v.get("sender_name") or ctx.account.data.get("mobile_number"),
        "dest": dest,
        "date": ctx.date(),
        "split_count": str(job["parts"]),
        "msg": job["text"],
        "currency": ctx.currency,
        "rate": ctx.money(job["rate"]),
        "debit": ctx.money(job["cost"]),
        "_direction": "outgoing",
        "_notify_url": v.get("notify_url"),
        "_bulk": bulk,
    }
    ctx.add_txn(ref, seq, "sms", record, state="done")
    ctx.schedule(data.timing("sms_delivery_seconds"), "sms_settle", {"ref": ref})
    return ref


def send(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    dest = v["dest"]
    trial_check(ctx, dest)
    _check_sender(ctx, v.get("sender_name"))
    job = _prepare(ctx, v["msg"], dest, v.get("sender_name"))
    ctx.require_credit(job["cost"])
    ctx.charge(job["cost"])
    return {"txn_ref": _create(ctx, dest, job, v, None)}


_TEMPLATE = re.compile(r"\{\{\{?\s*([A-Za-z0-9_.-]+)\s*\}?\}\}")


def render(template: str, variables: Dict[str, str]) -> str:
    """The Mustache variables of a bulk message filled in ({{name}}; unknown ones empty)."""
    return _TEMPLATE.sub(lambda m: variables.get(m.group(1), ""), template)


def bulk_send(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    recipients: List[Dict[str, str]] = v.get("recipients") or [{"dest": d} for d in v.get("dest", [])]
    trial_check(ctx, *(r["dest"] for r in recipients))
    _check_sender(ctx, v.get("sender_name"))
    jobs = [(r["dest"], _prepare(ctx, render(v["msg"], r), r["dest"], v.get("sender_name"))) for r in recipients]
    total = sum(job["cost"] for _, job in jobs)
    ctx.require_credit(total)
    ctx.charge(total)
    bulk_ref, _ = ctx.new_ref("B")
    for dest, job in jobs:
        _create(ctx, dest, job, v, bulk_ref)
    return {"bulk_txn_ref": bulk_ref}


def settle(ctx: Ctx, payload: Dict[str, Any]) -> None:
    txn = ctx.store.txn(payload["ref"])
    if txn is None or txn.data.get("sms_status") != "queued":
        return
    script = ctx.store.number_script(ctx.account.app_id, txn.data["dest"]) or {}
    outcome = str(script.get("sms") or data.reserved(txn.data["dest"]).get("sms") or "delivered")
    if outcome == "queued":  # a carrier without delivery reports: it never leaves queued
        return
    txn.data["sms_status"] = outcome
    ctx.store.put_txn(txn)
    r = txn.data
    ctx.notify(
        r.get("_notify_url"),
        "sms_delivery",
        {"txn_ref": r["txn_ref"], "bulk_txn_ref": r.get("_bulk"), "tag": r.get("tag"), "sms_status": outcome, "date": r["date"],
         "dest": r["dest"], "split_count": r["split_count"], "currency": r["currency"], "rate": r["rate"], "debit": r["debit"]},
        r["txn_ref"],
    )  # fmt: skip


def history_page(ctx: Ctx, kind: str, v: Dict[str, Any], direction: Optional[str] = None) -> Dict[str, Any]:
    page = int(v.get("page", 1))
    if page < 1:
        ctx.fail("error_page_invalid")
    total, txns = ctx.store.history(ctx.account.app_id, kind, v.get("from"), v.get("to"), (page - 1) * PAGE_SIZE, PAGE_SIZE, direction)
    entries = [public(t.data) for t in txns]
    return {"entries_count": str(len(entries)), "total_entries_count": str(total), "entries": entries}


def get_history(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    return history_page(ctx, "sms", v)


def get_rate(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    if "incoming" in v:
        try:
            price = ctx.rate(v["incoming"], "sms_incoming")
        except LookupError:
            price = None
        if price is None:
            ctx.fail("error_incoming_sms_not_supported", "error_dest_not_supported")
        return {"currency": ctx.currency, "rate": ctx.money(price), "split_count": "1", "total_cost": ctx.money(price), "is_unicode": False}
    price = _sms_rate(ctx, v["dest"])
    unicode, _, parts = measure(v.get("msg") or "")
    return {"currency": ctx.currency, "rate": ctx.money(price), "split_count": str(parts), "total_cost": ctx.money(price * parts), "is_unicode": unicode}


def query_status(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    return public(ctx.own_txn(v["txn_ref"], "sms").data)


HANDLERS = {
    "sms/send": send,
    "sms/bulk_send": bulk_send,
    "sms/get_history": get_history,
    "sms/get_rate": get_rate,
    "sms/query_status": query_status,
}
EVENTS = {"sms_settle": settle}
