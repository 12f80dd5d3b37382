"""The outside world reaching the account's Hoiio Numbers (driven by the control API):
an incoming SMS, call or fax, notified to the URLs the number is configured with."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from . import data, ivr
from .context import Ctx
from .fax import count_pages, safe_name
from .values import is_phone, minutes

#: A one-page PDF, for incoming faxes given no document.
BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class WorldError(ValueError):
    """The simulated event cannot happen (the message says why)."""


def _number(ctx: Ctx, to: str, capability: str) -> Dict[str, Any]:
    if not is_phone(to):
        raise WorldError(f"to: {to!r} is not an E.164 number")
    record = ctx.store.number(to)
    if record is None or record["_account"] != ctx.account.app_id:
        raise WorldError(f"{to} is not one of this account's Hoiio Numbers (subscribe to it first)")
    if capability not in record.get("capabilities", ()):
        raise WorldError(f"{to} cannot receive {capability.lower()} (it can: {', '.join(record.get('capabilities', ()))})")
    return record


def _caller(ctx: Ctx, frm: str) -> None:
    if not is_phone(frm):
        raise WorldError(f"from: {frm!r} is not an E.164 number")
    if ctx.account.data.get("user_status") == "trial" and frm != ctx.account.data.get("mobile_number"):
        raise WorldError("a trial account only receives from its registered number")


def _incoming_rate(ctx: Ctx, to: str, service: str) -> int:
    try:
        return ctx.rate(to, service) or 0
    except LookupError:
        return 0


def sms(ctx: Ctx, to: str, frm: str, msg: str) -> List[str]:
    """An SMS to ``to``: one transaction (and one notification to forward_sms_to) per piece of at
    most 152 characters when it is longer than 160."""
    number = _number(ctx, to, "SMS")
    _caller(ctx, frm)
    if not msg:
        raise WorldError("msg: an SMS needs some text")
    size = data.limit("incoming_sms_part")
    pieces = [msg] if len(msg) <= data.limit("incoming_sms_single") else [msg[i : i + size] for i in range(0, len(msg), size)]
    rate = _incoming_rate(ctx, to, "sms_incoming")
    refs = []
    for piece in pieces:
        ref, seq = ctx.new_ref("SI")
        debit = ctx.charge(rate)
        record = {
            "txn_ref": ref, "sms_status": "received", "src": frm, "dest": to, "date": ctx.date(), "split_count": "1",
            "msg": piece, "currency": ctx.currency, "rate": ctx.money(rate), "debit": ctx.money(debit), "_direction": "incoming",
        }  # fmt: skip
        ctx.add_txn(ref, seq, "sms", record, state="done")
        ctx.notify(
            number.get("forward_sms_to"),
            "sms_incoming",
            {"txn_ref": ref, "msg": piece, "from": frm, "to": to, "date": record["date"], "currency": ctx.currency, "debit": record["debit"]},
            ref,
        )
        refs.append(ref)
    return refs


def call(ctx: Ctx, to: str, frm: str) -> Dict[str, Any]:
    number = _number(ctx, to, "VOICE")
    _caller(ctx, frm)
    if number.get("mode") != "voice" or not number.get("forward_to"):
        raise WorldError(f"{to} has no voice forward_to configured (number.configure(..., forward_to=URL, mode='voice'))")
    return ivr.incoming_call(ctx, number, frm)


def fax(ctx: Ctx, to: str, frm: str, pdf: Optional[bytes], status: str = "answered", filename: Optional[str] = None) -> str:
    number = _number(ctx, to, "FAX")
    _caller(ctx, frm)
    if number.get("mode") != "fax":
        raise WorldError(f"{to} is in voice mode; configure it with mode='fax' to receive faxes")
    if status not in ("answered", "failed", "busy"):
        raise WorldError("status: expected answered, failed or busy")
    document = pdf or BLANK_PDF
    if not document.startswith(b"%PDF-"):
        raise WorldError("pdf: not a PDF document")
    pages = count_pages(document)
    rate = _incoming_rate(ctx, to, "fax_incoming")
    ref, seq = ctx.new_ref("FI")
    received = status == "answered"
    mins = minutes(pages * data.timing("fax_seconds_per_page")) if received else 0
    debit = ctx.charge(mins * rate)
    url = ctx.put_file(safe_name(filename or f"fax-{ref}.pdf"), "application/pdf", document) if received else None
    record = {
        "txn_ref": ref, "src": frm, "dest": to, "fax_status": status, "fax_pages": str(pages if received else 0),
        "fax_url": url, "date": ctx.date(), "duration": str(mins), "currency": ctx.currency, "rate": ctx.money(rate),
        "debit": ctx.money(debit), "fax_error_code": None if received else status, "_direction": "incoming",
    }  # fmt: skip
    ctx.add_txn(ref, seq, "fax", record, state="done")
    if number.get("forward_to"):
        ctx.notify(
            number.get("forward_to"),
            "fax_incoming",
            {"txn_ref": ref, "fax_status": status, "from": frm, "to": to, "fax_url": url, "date": record["date"], "duration": str(mins),
             "currency": ctx.currency, "debit": record["debit"], "fax_error_code": record["fax_error_code"]},
            ref,
        )  # fmt: skip
    return ref
