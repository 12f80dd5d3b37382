"""Voice: call back, conference (voice/conference and conference/call), hangup, moderate,
status, history and rate.

A call back rings dest1, then dest2, then they talk; each leg's outcome comes from the number
(reserved endings, or a script set with /_sandbox/script), the talk lasts the scripted time, cut
by max_duration and by what the balance pays for. The call is billed when it ends: every started
minute at the rate of both legs together, bonus first. Conference participants are dialled one
a second into the room and billed on their own.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Tuple

from . import data
from .context import Ctx, public
from .sms import history_page, trial_check
from .store import Txn
from .values import minutes


def outcome(ctx: Ctx, number: str, service: str = "call") -> Tuple[str, Optional[float]]:
    """(answered, busy, unanswered or failed; seconds of talk, None when the number has no
    say) for a call to ``number``."""
    script = ctx.store.number_script(ctx.account.app_id, number) or {}
    reserved = data.reserved(number)
    result = str(script.get(service) or reserved.get(service) or "answered")
    talk = script.get("talk_seconds") or reserved.get("talk_seconds")
    return result, float(talk) if talk else None


def talk_time(*talks: Optional[float]) -> float:
    """How long a conversation lasts: the shortest any party scripted, else the default."""
    given = [t for t in talks if t is not None]
    return min(given) if given else data.timing("talk_seconds")


def call_rate(ctx: Ctx, number: str, invalid: str, unsupported: str, service: str = "voice") -> int:
    try:
        price = ctx.rate(number, service)
    except LookupError:
        ctx.fail(unsupported, invalid)
    if price is None:
        ctx.fail(unsupported, "error_call_service_not_available", invalid)
    return price


def check_concurrency(ctx: Ctx, adding: int = 1) -> None:
    if ctx.store.count_ongoing(ctx.account.app_id) + adding > data.limit("concurrent_calls"):
        ctx.fail("error_concurrent_call_limit_reached")


def affordable_seconds(ctx: Ctx, rate: int) -> float:
    """How long the balance pays for, in whole minutes, at ``rate`` a minute."""
    if rate <= 0:
        return math.inf
    return (ctx.account.balance // rate) * 60.0


def bill(ctx: Ctx, txn: Txn, talk: float) -> Dict[str, str]:
    """Charge a finished call and return its billing fields."""
    mins = minutes(talk)
    rate = int(txn.data["_rate"])
    debit = ctx.charge(mins * rate)
    return {"duration": str(mins), "debit": ctx.money(debit)}


# ---- call back ----


def call(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    dest1 = v.get("dest1") or str(ctx.account.data.get("mobile_number"))
    dest2 = v["dest2"]
    if dest1 == dest2:
        ctx.fail("error_same_dest1_dest2")
    trial_check(ctx, dest2)
    rate = call_rate(ctx, dest1, "error_dest1_invalid", "error_dest1_not_supported") + call_rate(
        ctx, dest2, "error_dest2_invalid", "error_dest2_not_supported"
    )
    check_concurrency(ctx)
    ctx.require_credit(rate)
    ref, seq = ctx.new_ref("C")
    record = {
        "txn_ref": ref, "tag": v.get("tag"), "dest1": dest1, "dest2": dest2,
        "call_status_dest1": "ongoing", "call_status_dest2": "ongoing", "date": ctx.date(),
        "currency": ctx.currency, "rate": ctx.money(rate),
        "_type": "callback", "_rate": rate, "_notify_url": v.get("notify_url"), "_max_duration": v.get("max_duration"),
    }  # fmt: skip
    ctx.add_txn(ref, seq, "call", record)
    ctx.schedule(data.timing("ring_seconds"), "call_leg1", {"ref": ref})
    return {"txn_ref": ref}


def _ongoing(ctx: Ctx, ref: str) -> Optional[Txn]:
    txn = ctx.store.txn(ref)
    return txn if txn is not None and txn.state == "ongoing" else None


def leg1(ctx: Ctx, payload: Dict[str, Any]) -> None:
    txn = _ongoing(ctx, payload["ref"])
    if txn is None:
        return
    result, _ = outcome(ctx, txn.data["dest1"])
    if result != "answered":
        finish_callback(ctx, txn, result, "unanswered", 0.0)
        return
    txn.data["call_status_dest1"] = "answered"
    ctx.store.put_txn(txn)
    ctx.schedule(data.timing("ring_seconds"), "call_leg2", {"ref": txn.ref})


def leg2(ctx: Ctx, payload: Dict[str, Any]) -> None:
    txn = _ongoing(ctx, payload["ref"])
    if txn is None:
        return
    result, talk = outcome(ctx, txn.data["dest2"])
    if result != "answered":
        finish_callback(ctx, txn, "answered", result, 0.0)
        return
    _, talk1 = outcome(ctx, txn.data["dest1"])
    limit = txn.data.get("_max_duration")
    seconds = min(talk_time(talk, talk1), float(limit) if limit else math.inf, affordable_seconds(ctx, int(txn.data["_rate"])))
    txn.data["call_status_dest2"] = "answered"
    txn.data["_answered_at"] = ctx.now
    ctx.store.put_txn(txn)
    ctx.schedule(seconds, "call_end", {"ref": txn.ref})


def call_end(ctx: Ctx, payload: Dict[str, Any]) -> None:
    txn = _ongoing(ctx, payload["ref"])
    if txn is not None:
        hang_up(ctx, txn)


def finish_callback(ctx: Ctx, txn: Txn, status1: str, status2: str, talk: float) -> None:
    r = txn.data
    r.update({"call_status_dest1": status1, "call_status_dest2": status2, **bill(ctx, txn, talk)})
    txn.state = "done"
    ctx.store.put_txn(txn)
    ctx.notify(
        r.get("_notify_url"),
        "call_ended",
        {k: r.get(k) for k in ("txn_ref", "tag", "dest1", "dest2", "call_status_dest1", "call_status_dest2", "date", "duration",
                               "currency", "rate", "debit")},
        txn.ref,
    )  # fmt: skip


def hang_up(ctx: Ctx, txn: Txn) -> None:
    """End a call in progress now, whatever it is."""
    kind = txn.data.get("_type")
    answered_at = txn.data.get("_answered_at")
    talk = ctx.now - float(answered_at) if answered_at is not None else 0.0
    if kind == "callback":
        s1 = txn.data["call_status_dest1"]
        s2 = txn.data["call_status_dest2"]
        finish_callback(ctx, txn, "unanswered" if s1 == "ongoing" else s1, "unanswered" if s2 == "ongoing" else s2, talk)
    elif kind == "conference":
        status = txn.data["call_status_dest1"]
        finish_leg(ctx, txn, "unanswered" if status == "ongoing" else status, talk)
    elif kind == "ivr":
        from .ivr import hang_up_call

        hang_up_call(ctx, txn)


# ---- conference ----


def conference(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    dests: List[str] = v["dest"]
    trial_check(ctx, *dests)
    rates = [call_rate(ctx, d, "error_dest_invalid", "error_dest_not_supported") for d in dests]
    room = v.get("room") or ctx.new_room()
    if len(ctx.store.room_members(ctx.account.app_id, room)) + len(dests) > data.limit("conference_room"):
        ctx.fail("error_dest_too_many")
    check_concurrency(ctx, len(dests))
    ctx.require_credit(sum(rates))
    refs = []
    for index, (dest, rate) in enumerate(zip(dests, rates)):
        ref, seq = ctx.new_ref("C")
        record = {
            "txn_ref": ref, "tag": v.get("tag"), "dest1": dest, "call_status_dest1": "ongoing", "room": room,
            "date": ctx.date(), "currency": ctx.currency, "rate": ctx.money(rate),
            "_type": "conference", "_rate": rate, "_notify_url": v.get("notify_url"), "_muted": False,
        }  # fmt: skip
        ctx.add_txn(ref, seq, "call", record)
        ctx.schedule(data.timing("ring_seconds") + index, "conf_answer", {"ref": ref})
        refs.append(ref)
    return {"txn_refs": refs, "room": room}


def conf_answer(ctx: Ctx, payload: Dict[str, Any]) -> None:
    txn = _ongoing(ctx, payload["ref"])
    if txn is None:
        return
    result, talk = outcome(ctx, txn.data["dest1"])
    if result != "answered":
        finish_leg(ctx, txn, result, 0.0)
        return
    txn.data["call_status_dest1"] = "answered"
    txn.data["_answered_at"] = ctx.now
    ctx.store.put_txn(txn)
    ctx.schedule(min(talk_time(talk), affordable_seconds(ctx, int(txn.data["_rate"]))), "conf_end", {"ref": txn.ref})


def conf_end(ctx: Ctx, payload: Dict[str, Any]) -> None:
    txn = _ongoing(ctx, payload["ref"])
    if txn is not None:
        hang_up(ctx, txn)


def finish_leg(ctx: Ctx, txn: Txn, status: str, talk: float) -> None:
    r = txn.data
    r.update({"call_status_dest1": status, **bill(ctx, txn, talk)})
    txn.state = "done"
    ctx.store.put_txn(txn)
    ctx.notify(
        r.get("_notify_url"),
        "conference_leg_ended",
        # The call notification's fields for the one leg (spec/notifications.yaml conference_leg_ended)
        {"txn_ref": r["txn_ref"], "tag": r.get("tag"), "dest1": r["dest1"], "call_status_dest1": status,
         "date": r["date"], "duration": r["duration"], "currency": r["currency"], "rate": r["rate"], "debit": r["debit"]},
        txn.ref,
    )  # fmt: skip


def moderate(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    txn = ctx.own_txn(v["txn_ref"], "call")
    if txn.data.get("_type") != "conference":
        ctx.fail("error_invalid_txn_ref")
    if txn.state == "ongoing":
        action = v["action"]
        if action == "kick":
            hang_up(ctx, txn)
        else:
            txn.data["_muted"] = action == "mute"
            ctx.store.put_txn(txn)
    return {}


# ---- hangup, queries ----


def hangup(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    txn = ctx.own_txn(v["txn_ref"], "call")
    if txn.state == "ongoing":
        hang_up(ctx, txn)
    return {}


def get_history(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    return history_page(ctx, "call", v)


def get_rate(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    rate = call_rate(ctx, v["dest1"], "error_dest1_invalid", "error_dest1_not_supported") + call_rate(
        ctx, v["dest2"], "error_dest2_invalid", "error_dest2_not_supported"
    )
    talktime = ctx.account.balance // rate if rate else 0
    return {"currency": ctx.currency, "rate": ctx.money(rate), "talktime": str(talktime)}


def query_status(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    return public(ctx.own_txn(v["txn_ref"], "call").data)


HANDLERS = {
    "voice/call": call,
    "voice/conference": conference,
    "conference/call": conference,
    "conference/moderate": moderate,
    "voice/hangup": hangup,
    "voice/get_history": get_history,
    "voice/get_rate": get_rate,
    "voice/query_status": query_status,
}
EVENTS = {"call_leg1": leg1, "call_leg2": leg2, "call_end": call_end, "conf_answer": conf_answer, "conf_end": conf_end}
