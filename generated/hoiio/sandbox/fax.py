"""Fax: send (the PDF is kept and served back at its fax_url), status, history, rate.

A fax rings, then takes fax_seconds_per_page for each page; it is billed per started minute
when it ends. Busy, unanswered and failed faxes (reserved numbers, or a script) cost nothing and
carry a fax_error_code.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

from . import data
from .context import Ctx, public
from .sms import history_page, trial_check
from .values import minutes
from .voice import check_concurrency, outcome

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF, by its page objects (at least one)."""
    return max(1, len(_PAGE.findall(pdf)))


def safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]) or "document.pdf"
    return cleaned if cleaned.lower().endswith(".pdf") else cleaned + ".pdf"


def _rate(ctx: Ctx, number: str, service: str) -> int:
    try:
        price: Optional[int] = ctx.rate(number, service)
    except LookupError:
        if service == "fax":
            ctx.fail("error_dest_not_supported", "error_service_not_available")
        price = None
    if price is None:
        ctx.fail("error_service_not_available")
    return price


def send(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    dest = v["dest"]
    trial_check(ctx, dest)
    rate = _rate(ctx, dest, "fax")
    name, content = v["file"]
    pages = count_pages(content)
    check_concurrency(ctx)
    ctx.require_credit(rate)
    url = ctx.put_file(safe_name(v.get("filename") or name), "application/pdf", content)
    ref, seq = ctx.new_ref("F")
    record = {
        "txn_ref": ref, "tag": v.get("tag"), "dest": dest, "fax_status": "ongoing", "fax_pages": str(pages),
        "fax_url": url, "date": ctx.date(), "currency": ctx.currency, "rate": ctx.money(rate),
        "_direction": "outgoing", "_rate": rate, "_notify_url": v.get("notify_url"), "_header": v.get("fax_header"),
        "_caller_id": v.get("caller_id"),  # not on the wire: the console's From
    }  # fmt: skip
    ctx.add_txn(ref, seq, "fax", record)
    delay = data.timing("ring_seconds") + pages * data.timing("fax_seconds_per_page")
    ctx.schedule(delay, "fax_done", {"ref": ref})
    return {"txn_ref": ref}


def done(ctx: Ctx, payload: Dict[str, Any]) -> None:
    txn = ctx.store.txn(payload["ref"])
    if txn is None or txn.state != "ongoing":
        return
    r = txn.data
    result, _ = outcome(ctx, r["dest"], "fax")
    seconds = int(r["fax_pages"]) * data.timing("fax_seconds_per_page") if result == "answered" else 0.0
    mins = minutes(seconds)
    debit = ctx.charge(mins * int(r["_rate"]))
    r.update({"fax_status": result, "duration": str(mins), "debit": ctx.money(debit)})
    if result != "answered":
        r["fax_error_code"] = result
    txn.state = "done"
    ctx.store.put_txn(txn)
    ctx.notify(
        r.get("_notify_url"),
        "fax_result",
        {k: r.get(k) for k in ("txn_ref", "tag", "fax_status", "dest", "fax_pages", "fax_url", "date", "duration", "currency",
                               "rate", "debit", "fax_error_code")},
        txn.ref,
    )  # fmt: skip


def get_history(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    kind = v.get("type", "all")
    return history_page(ctx, "fax", v, None if kind == "all" else kind)


def get_rate(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    if "incoming" in v:
        return {"currency": ctx.currency, "rate": ctx.money(_rate(ctx, v["incoming"], "fax_incoming"))}
    return {"currency": ctx.currency, "rate": ctx.money(_rate(ctx, v["dest"], "fax"))}


def query_status(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    return public(ctx.own_txn(v["txn_ref"], "fax").data)


HANDLERS = {"fax/send": send, "fax/get_history": get_history, "fax/get_rate": get_rate, "fax/query_status": query_status}
EVENTS = {"fax_done": done}
