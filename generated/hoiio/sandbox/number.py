"""Hoiio Numbers: the catalogue (data/numbers.json), prices, subscribing (which debits and sets
an expiry; auto_extend renews monthly while the balance lasts), forwarding, the active list.

A subscription ends at the end of its expiry day (GMT+8): the number is released back to the
catalogue, or, with auto_extend, renewed for a month if the balance pays for it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Optional

from .._generated.facts import FLAG_SET, FLAG_UNSET
from . import data
from .context import ApiError, Ctx, public
from .values import add_months, day_of, end_of_day

CHOICES_PAGE = 20


def get_countries(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    entries: List[Dict[str, Any]] = []
    for c in data.catalogue():
        entry: Dict[str, Any] = {"code": c["code"], "name": c["name"], "prefix": c["prefix"]}
        if c.get("states"):
            entry["states"] = [{"code": s["code"], "name": s["name"], "capability": data.capabilities(c, s)} for s in c["states"]]
        entries.append(entry)
    return {"entries_count": str(len(entries)), "entries": entries}


def get_choices(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    country = data.find_country(v["country"])
    if country is None:
        ctx.fail("error_no_number_available")
    if country.get("states"):
        if not v.get("state"):
            raise ApiError("error_state_param_missing")
        state = next((s for s in country["states"] if s["code"] == v["state"]), None)
        if state is None:
            ctx.fail("error_no_number_available")
        pool, capability = list(state["numbers"]), data.capabilities(country, state)
    else:
        pool, capability = list(country.get("numbers", ())), data.capabilities(country, None)
    taken = {n["number"] for n in ctx.store.numbers()}
    available = [n for n in pool if n not in taken]
    if not available:
        ctx.fail("error_no_number_available")
    page = int(v.get("page", 1))
    chunk = available[(page - 1) * CHOICES_PAGE : page * CHOICES_PAGE]
    entries = [{"number": n, "capability": capability} for n in chunk]
    return {"total_entries_count": str(len(available)), "entries_count": str(len(entries)), "entries": entries}


def get_rates(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    country = data.find_country(v["country"])
    rates: Dict[str, str] = dict(country.get("rates", {})) if country is not None else {}
    entries = [{"duration": months, "rate": ctx.money(data.convert(price, ctx.currency))} for months, price in rates.items()]
    return {"currency": ctx.currency, "entries_count": str(len(entries)), "entries": entries}


def _schedule_expiry(ctx: Ctx, record: Dict[str, Any]) -> None:
    day = _dt.date.fromisoformat(record["expiry"])
    ctx.store.add_event(end_of_day(day), ctx.account.app_id, "number_expiry", {"number": record["number"], "expiry": record["expiry"]})


def _charged(ctx: Ctx, record: Dict[str, Any], debit: int, what: str, months: int) -> None:
    """Keep what a subscription cost (the console lists it with the account's charges)."""
    record.setdefault("_charges", []).append({"date": ctx.date(), "debit": ctx.money(debit), "what": what, "months": months})


def subscribe(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    if ctx.account.data.get("user_status") == "trial":
        ctx.fail("error_not_allowed_for_trial")
    number, duration = v["number"], v["duration"]
    owned = ctx.store.number(number)
    if owned is not None and owned["_account"] != ctx.account.app_id:
        ctx.fail("error_subscribe_number_not_available")
    found = data.catalogue_number(number)
    if found is None:
        ctx.fail("error_number_not_available")
    country, state = found
    if owned is None and len(ctx.store.numbers(ctx.account.app_id)) >= data.max_subscriptions():
        ctx.fail("error_exceed_max_subscriptions")
    auto = duration == "auto_extend"
    if auto and not ctx.account.data.get("credit_card", True):
        ctx.fail("error_auto_extend_not_available")
    months = 1 if auto else int(duration)
    price = data.convert(str(country["rates"][str(months)]), ctx.currency)
    ctx.require_credit(price)
    debit = ctx.charge(price)
    start = _dt.date.fromisoformat(owned["expiry"]) if owned is not None else day_of(ctx.now)
    capabilities = data.capabilities(country, state)
    record: Dict[str, Any] = owned or {
        "number": number,
        "mode": "voice" if "VOICE" in capabilities else "fax",
        "country": country["code"],
        "state": state["code"] if state is not None else "",
        "capabilities": capabilities,
        "_account": ctx.account.app_id,
    }
    record["expiry"] = add_months(start, months).isoformat()
    renews = auto or (owned is not None and owned.get("auto_extend_status") == FLAG_SET)
    record["auto_extend_status"] = FLAG_SET if renews else FLAG_UNSET
    _charged(ctx, record, debit, "subscribed" if owned is None else "extended", months)
    ctx.store.put_number(record)
    _schedule_expiry(ctx, record)
    return {"debit": ctx.money(debit), "currency": ctx.currency, "expiry": record["expiry"]}


def expire(ctx: Ctx, payload: Dict[str, Any]) -> None:
    record = ctx.store.number(payload["number"])
    if record is None or record["_account"] != ctx.account.app_id or record["expiry"] != payload["expiry"]:
        return  # released, or extended since
    if record.get("auto_extend_status") == FLAG_SET:
        found = data.catalogue_number(record["number"])
        price = data.convert(str(found[0]["rates"]["1"]), ctx.currency) if found else 0
        if found and ctx.can_pay(price):
            _charged(ctx, record, ctx.charge(price), "auto-extended", 1)
            record["expiry"] = add_months(_dt.date.fromisoformat(record["expiry"]), 1).isoformat()
            ctx.store.put_number(record)
            _schedule_expiry(ctx, record)
            return
    ctx.store.drop_number(record["number"])


def mine(ctx: Ctx, number: str) -> Optional[Dict[str, Any]]:
    record = ctx.store.number(number)
    return record if record is not None and record["_account"] == ctx.account.app_id else None


def update_forwarding(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    record = mine(ctx, v["number"])
    if record is None:
        ctx.fail("error_number_not_assigned")
    capabilities = record["capabilities"]
    mode = v.get("mode") or record.get("mode", "voice")
    if mode.upper() not in capabilities:
        ctx.fail("error_mode_invalid")
    if v.get("forward_sms_to") and "SMS" not in capabilities:
        ctx.fail("error_incoming_sms_not_supported")
    record["mode"] = mode
    for key in ("forward_to", "forward_sms_to"):
        if key in v:
            record[key] = v[key]
    ctx.store.put_number(record)
    return {}


ACTIVE_FIELDS = ("number", "forward_to", "forward_sms_to", "mode", "expiry", "auto_extend_status", "country", "state", "capabilities")


def get_active(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    entries = []
    for record in ctx.store.numbers(ctx.account.app_id):
        shown = public(record)
        entries.append({k: shown[k] for k in ACTIVE_FIELDS if k in shown})
    return {"entries_count": str(len(entries)), "total_entries_count": str(len(entries)), "entries": entries}


HANDLERS = {
    "number/get_countries": get_countries,
    "number/get_choices": get_choices,
    "number/get_rates": get_rates,
    "number/subscribe": subscribe,
    "number/update_forwarding": update_forwarding,
    "number/get_active": get_active,
}
EVENTS = {"number_expiry": expire}
