"""user/get_balance and user/get_info."""

from __future__ import annotations

from typing import Any, Dict

from .checks import caller_ids
from .context import Ctx


def get_balance(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    a = ctx.account
    return {"currency": a.currency, "balance": ctx.money(a.balance), "points": ctx.money(a.points), "bonus": ctx.money(a.bonus)}


INFO_FIELDS = ("uid", "name", "mobile_number", "email", "country", "prefix", "currency", "time_zone", "user_status",
               "sms_rebrand_status", "call_rebrand_status")  # fmt: skip


def get_info(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    profile = ctx.account.data
    out: Dict[str, Any] = {}
    for key in INFO_FIELDS:
        value = profile.get(key)
        if value not in (None, ""):
            out[key] = str(value)
        if key == "mobile_number":
            out["caller_ids"] = caller_ids(ctx)
    return out


HANDLERS = {"user/get_balance": get_balance, "user/get_info": get_info}
