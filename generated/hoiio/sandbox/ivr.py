"""IVR: one start block (ivr/start/dial, or an incoming call to a Hoiio Number), any number of
middle blocks, one end block; each block's notification tells the application the session is
ready for the next.

Session states: ``dialing`` (the Dial block rings), ``ringing`` (an incoming call waits to be
answered), ``running`` (a block is playing or listening), ``ready`` (waiting for the next
block), ``on_hold``, ``transferring`` (a transfer with on_failure=continue is under way) and
``ended``. A block sent while another runs, or while on hold (except unhold), gets
error_session_not_ready; after an end block, or once the call is over, error_session_ended.
Hangup is taken at any time. A session left ready for ivr_idle_timeout_seconds is hung up.

What the caller does is scripted through the control API: the keys pressed at the next gather
(or now, in a running gather: ``press_now``), how long a recording lasts and whether the caller
hangs up, and (by number) how a transfer or a Dial is answered.

Each session keeps a ``timeline`` (``note``): every block with its parameters, the keys pressed,
transfers answered, the caller hanging up and the end of the call, each placed after the last
notification made before it; the console shows it with the session's notifications.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any, Dict, Optional

from . import data
from .context import ApiError, Ctx
from .sms import trial_check
from .store import Txn
from .values import money
from .voice import affordable_seconds, bill, call_rate, check_concurrency, outcome, talk_time

Session = Dict[str, Any]

#: One second of silence, as a stand-in for recordings.
SILENT_MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + (b"\xff\xfb\x90\x64" + b"\x00" * 413) * 38


# ---- msg markup ----


def check_msg(ctx: Ctx, msg: Optional[str]) -> None:
    """Plain text, or <speech language=".." gender="..">text</speech> and <url>http(s)://...</url>."""
    if not msg or "<" not in msg:
        return
    try:
        root = ET.fromstring(f"<msg>{msg}</msg>")
    except ET.ParseError:
        ctx.fail("error_msg_invalid_xml")
    speech = data.behaviour()["speech"]
    for element in root:
        if element.tag == "speech":
            language, gender = element.get("language"), element.get("gender")
            if language is not None and language not in speech["languages"]:
                ctx.fail("error_msg_invalid_language", "error_msg_invalid_xml")
            if gender is not None and gender not in speech["genders"]:
                ctx.fail("error_msg_invalid_gender", "error_msg_invalid_xml")
        elif element.tag == "url":
            url = (element.text or "").strip()
            if not url.lower().startswith(("http://", "https://")):
                ctx.fail("error_msg_invalid_url", "error_msg_invalid_xml")
            if not url.lower().split("?", 1)[0].endswith(tuple(speech["audio"])):
                ctx.fail("error_msg_invalid_file_format", "error_msg_invalid_xml")
        else:
            ctx.fail("error_msg_invalid_xml")


def _msg_seconds(msg: Optional[str]) -> float:
    return data.timing("ivr_msg_seconds") if msg else 0.0


# ---- sessions ----


def _session(ctx: Ctx, session_id: str) -> Session:
    s = ctx.store.session(session_id)
    if s is None:
        ctx.fail("error_invalid_session")
    if s["account"] != ctx.account.app_id:
        ctx.fail("error_session_access_denied", "error_invalid_session")
    return s


def _enter(ctx: Ctx, v: Dict[str, Any], block: str) -> Session:
    """The session, if it can take ``block`` now (answering an incoming call if need be)."""
    s = _session(ctx, v["session"])
    state = s["state"]
    if state == "ended":
        ctx.fail("error_session_ended")
    if block == "hangup":
        return s
    if block == "unhold":
        if state != "on_hold":
            ctx.fail("error_session_not_on_hold")
        return s
    if state in ("on_hold", "running", "dialing", "transferring"):
        ctx.fail("error_session_not_ready")
    if block == "monitor" and s.get("monitor"):
        ctx.fail("error_monitor_in_progress")
    return s


def _answer_if_ringing(ctx: Ctx, s: Session) -> None:
    """Any middle block or a transfer answers an incoming call."""
    if s["state"] == "ringing":
        _answer(ctx, s)


def _txn(ctx: Ctx, s: Session) -> Optional[Txn]:
    return ctx.store.txn(s["txn_ref"])


#: What the timeline keeps of a block's parameters (for the console; never the credentials).
SHOWN = ("msg", "tag", "notify_url", "dest", "max_digits", "timeout", "attempts", "max_duration", "on_failure", "force", "monitor_notify_url")
#: A session's timeline keeps its last this many entries.
TIMELINE = 500


def note(ctx: Ctx, s: Session, event: str, **details: Any) -> None:
    """Add an entry to the session's timeline (what the console shows); the caller saves ``s``.
    ``after`` is the last notification made before it, to place the entry among them."""
    timeline = s.setdefault("timeline", [])
    entry = {"at": ctx.now, "after": ctx.store.last_notification_id(), "event": event}
    timeline.append({**entry, **{k: v for k, v in details.items() if v is not None}})
    del timeline[:-TIMELINE]


def _begin(ctx: Ctx, s: Session, block: str, v: Dict[str, Any], state: str = "running") -> None:
    s.update(state=state, block=block, seq=int(s.get("seq", 0)) + 1, notify_url=v.get("notify_url"), tag=v.get("tag"))
    if v.get("notify_url"):
        s["last_url"] = v["notify_url"]
    note(ctx, s, "block", block=block, **{k: v[k] for k in SHOWN if v.get(k) not in (None, "")})
    ctx.store.put_session(s)


def _at(ctx: Ctx, delay: float, kind: str, s: Session, **extra: Any) -> None:
    ctx.schedule(delay, kind, {"session": s["id"], "seq": s["seq"], **extra})


def _current(ctx: Ctx, payload: Dict[str, Any]) -> Optional[Session]:
    """The session of an event, unless a later block (or the end of the call) made it stale."""
    s = ctx.store.session(payload["session"])
    if s is None or s.get("seq") != payload.get("seq"):
        return None
    txn = _txn(ctx, s)
    if txn is None or txn.state != "ongoing":
        return None
    return s


def _fields(s: Session, block: str, call_state: str, extra: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    fields: Dict[str, Any] = {"ivr_block": block, "call_state": call_state, "session": s["id"], "txn_ref": s["txn_ref"], "tag": s.get("tag")}
    if s.get("incoming"):
        fields.update({"from": s["from"], "to": s["to"]})
    fields.update(extra or {})
    return fields


def _ready(ctx: Ctx, s: Session) -> None:
    s["state"] = "ready"
    ctx.store.put_session(s)
    _at(ctx, data.timing("ivr_idle_timeout_seconds"), "ivr_idle", s)


def end_call(ctx: Ctx, s: Session, *, status: Optional[str] = None, block: Optional[str] = None, url: Optional[str] = None,
             extra: Optional[Dict[str, Any]] = None) -> None:  # fmt: skip
    """The call is over: bill it, end the session, send the block's last notification (to
    ``url``) and, when monitored, the recording of the conversation."""
    txn = _txn(ctx, s)
    billing: Dict[str, Any] = {}
    if txn is not None:
        answered_at = txn.data.get("_answered_at")
        if txn.state == "ongoing":
            talk = ctx.now - float(answered_at) if answered_at is not None else 0.0
            if status is not None:
                txn.data["call_status_dest1"] = status
            elif txn.data.get("call_status_dest1") == "ongoing":
                txn.data["call_status_dest1"] = "answered" if answered_at is not None else "unanswered"
            if txn.data.get("call_status_dest2") == "ongoing":
                txn.data["call_status_dest2"] = "unanswered"
            txn.data.update(bill(ctx, txn, talk))
            txn.state = "done"
            ctx.store.put_txn(txn)
        r = txn.data
        billing = {"date": r["date"], "duration": r.get("duration", "0"), "currency": r["currency"], "rate": r["rate"], "debit": r.get("debit", "0.000")}
    s.update(state="ended", seq=int(s.get("seq", 0)) + 1)
    note(ctx, s, "ended", status=txn.data.get("call_status_dest1") if txn is not None else status, **billing)
    ctx.store.put_session(s)
    if block is not None:
        ctx.notify(url, f"ivr_{block}" if block != "answer" else "call_incoming", _fields(s, block, "ended", {**(extra or {}), **billing}), s["txn_ref"])
    if s.get("monitor") and txn is not None and txn.data.get("_answered_at") is not None:
        monitor_url = ctx.put_file(f"monitor-{s['id']}.mp3", "audio/mpeg", SILENT_MP3)
        fields = _fields(s, "monitor", "ended", {"monitor_url": monitor_url, **billing})
        fields["tag"] = s.get("monitor_tag")
        ctx.notify(s.get("monitor_url"), "ivr_monitor", fields, s["txn_ref"])


def hang_up_call(ctx: Ctx, txn: Txn) -> None:
    """voice/hangup of an IVR call, or the caller hanging up: end it now."""
    s = ctx.store.session(str(txn.data.get("_session")))
    if s is None:
        return
    end_call(ctx, s, block=str(s.get("block") or "hangup"), url=s.get("notify_url") or s.get("last_url"))


# ---- start: dial ----


def dial(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    dest = v["dest"]
    trial_check(ctx, dest)
    check_msg(ctx, v.get("msg"))
    rate = call_rate(ctx, dest, "error_dest_invalid", "error_dest_not_supported")
    check_concurrency(ctx)
    ctx.require_credit(rate)
    ref, seq = ctx.new_ref("C")
    session_id = ctx.new_session()
    record = {
        "txn_ref": ref, "tag": v.get("tag"), "dest1": dest, "call_status_dest1": "ongoing", "date": ctx.date(),
        "currency": ctx.currency, "rate": ctx.money(rate), "_type": "ivr", "_rate": rate, "_session": session_id,
    }  # fmt: skip
    ctx.add_txn(ref, seq, "call", record)
    s: Session = {"id": session_id, "account": ctx.account.app_id, "txn_ref": ref, "incoming": False, "dest": dest, "monitor": False}
    _begin(ctx, s, "dial", v, state="dialing")
    s["msg_seconds"] = _msg_seconds(v.get("msg"))
    s["max_duration"] = v.get("max_duration")
    ctx.store.put_session(s)
    _at(ctx, data.timing("ring_seconds"), "ivr_dial_answer", s)
    return {"txn_ref": ref, "session": session_id}


def _dial_answer(ctx: Ctx, payload: Dict[str, Any]) -> None:
    s = _current(ctx, payload)
    if s is None:
        return
    result, _ = outcome(ctx, s["dest"])
    if result != "answered":
        end_call(ctx, s, status=result, block="dial", url=s.get("notify_url"), extra={"dest": s["dest"], "dial_status": result})
        return
    _answer(ctx, s)
    _at(ctx, float(s.get("msg_seconds") or 0), "ivr_done", s)


def _answer(ctx: Ctx, s: Session) -> None:
    txn = _txn(ctx, s)
    if txn is None:
        return
    txn.data["call_status_dest1"] = "answered"
    txn.data["_answered_at"] = ctx.now
    ctx.store.put_txn(txn)
    cap = min(float(s.get("max_duration") or math.inf), affordable_seconds(ctx, int(txn.data["_rate"])))
    if cap != math.inf:
        ctx.schedule(cap, "ivr_cut", {"session": s["id"]})


def _cut(ctx: Ctx, payload: Dict[str, Any]) -> None:
    """max_duration reached, or the credit ran out."""
    s = ctx.store.session(payload["session"])
    if s is None:
        return
    txn = _txn(ctx, s)
    if txn is not None and txn.state == "ongoing":
        end_call(ctx, s, block=str(s.get("block")), url=s.get("notify_url") or s.get("last_url"))


# ---- middle blocks ----


def _middle(ctx: Ctx, v: Dict[str, Any], block: str, delay: float) -> Session:
    s = _enter(ctx, v, block)
    check_msg(ctx, v.get("msg"))
    _answer_if_ringing(ctx, s)
    _begin(ctx, s, block, v)
    _at(ctx, delay, "ivr_done", s)
    return s


def play(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    _middle(ctx, v, "play", _msg_seconds(v.get("msg")))
    return {}


def gather(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    s = _enter(ctx, v, "gather")
    check_msg(ctx, v.get("msg"))
    _answer_if_ringing(ctx, s)
    _begin(ctx, s, "gather", v)
    timeout = float(v.get("timeout") or data.timing("gather_timeout_seconds"))
    s["gather"] = {"max_digits": int(v.get("max_digits") or 0), "wait": timeout * int(v.get("attempts") or 1)}
    ctx.store.put_session(s)
    _at(ctx, _msg_seconds(v.get("msg")) + data.timing("gather_input_seconds"), "ivr_gather_input", s, final=False)
    return {}


def _keys(ctx: Ctx, s: Session) -> Optional[Dict[str, Any]]:
    return ctx.store.take_script(ctx.account.app_id, "digits", (s["id"], "*"))


def _gather_input(ctx: Ctx, payload: Dict[str, Any]) -> None:
    s = _current(ctx, payload)
    if s is None:
        return
    script = _keys(ctx, s)
    if script is None and not payload.get("final"):
        wait = max(0.0, float(s["gather"]["wait"]) - data.timing("gather_input_seconds"))
        _at(ctx, wait, "ivr_gather_input", s, final=True)
        return
    _gathered(ctx, s, script or {})


def _gathered(ctx: Ctx, s: Session, script: Dict[str, Any]) -> None:
    if script.get("hangup"):
        note(ctx, s, "caller_hangup")
        end_call(ctx, s, block="gather", url=s.get("notify_url"), extra={"digits": ""})
        return
    pressed = str(script.get("digits", "")).split("#", 1)[0]
    digits = "".join(c for c in pressed if c in "0123456789*")
    limit = int(s["gather"]["max_digits"])
    if limit:
        digits = digits[:limit]
    note(ctx, s, "keys", digits=digits)
    ctx.notify(s.get("notify_url"), "ivr_gather", _fields(s, "gather", "ongoing", {"digits": digits}), s["txn_ref"])
    _ready(ctx, s)


def press_now(ctx: Ctx, session_id: str, digits: str) -> bool:
    """The caller presses ``digits`` now, in the session's running gather (the gather ends with
    them at once); False when the session is not gathering."""
    s = ctx.store.session(session_id)
    if s is None or s["account"] != ctx.account.app_id:
        raise KeyError(f"no session {session_id!r}")
    txn = _txn(ctx, s)
    if s.get("block") != "gather" or s.get("state") != "running" or txn is None or txn.state != "ongoing":
        return False
    s["seq"] = int(s.get("seq", 0)) + 1  # the gather's pending input moments are stale now
    _gathered(ctx, s, {"digits": digits})
    return True


def record(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    s = _enter(ctx, v, "record")
    check_msg(ctx, v.get("msg"))
    script = ctx.store.take_script(ctx.account.app_id, "record", (s["id"], "*")) or {}
    limit = float(v.get("max_duration") or math.inf)
    seconds = min(float(script.get("seconds") or data.timing("record_seconds")), limit)
    _answer_if_ringing(ctx, s)
    _begin(ctx, s, "record", v)
    s["record_hangup"] = bool(script.get("hangup"))
    ctx.store.put_session(s)
    delay = _msg_seconds(v.get("msg")) + seconds + data.timing("record_processing_seconds")
    _at(ctx, delay, "ivr_done", s)
    return {}


def monitor(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    s = _middle(ctx, v, "monitor", _msg_seconds(v.get("msg")) + data.timing("monitor_setup_seconds"))
    s.update(monitor=True, monitor_url=v.get("monitor_notify_url") or v.get("notify_url"), monitor_tag=v.get("tag"))
    ctx.store.put_session(s)
    return {}


def hold(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    s = _enter(ctx, v, "hold")
    check_msg(ctx, v.get("msg"))
    _answer_if_ringing(ctx, s)
    _begin(ctx, s, "hold", {"notify_url": s.get("last_url"), "msg": v.get("msg")}, state="on_hold")
    return {}


def unhold(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    s = _enter(ctx, v, "unhold")
    _begin(ctx, s, "unhold", v, state="ready")
    ctx.notify(v.get("notify_url"), "ivr_unhold", _fields(s, "unhold", "ongoing"), s["txn_ref"])
    _ready(ctx, s)
    return {}


def _done(ctx: Ctx, payload: Dict[str, Any]) -> None:
    """A play, dial, record or monitor block finished."""
    s = _current(ctx, payload)
    if s is None:
        return
    block = s["block"]
    url = s.get("notify_url")
    extra: Dict[str, Any] = {}
    if block == "dial":
        extra = {"dest": s["dest"], "dial_status": "answered"}
    elif block == "record":
        extra = {"record_url": ctx.put_file(f"record-{s['id']}-{s['seq']}.mp3", "audio/mpeg", SILENT_MP3)}
        if s.get("record_hangup"):
            end_call(ctx, s, block="record", url=url, extra=extra)
            return
    if not url:  # without a notify_url Hoiio hangs up once the message has played
        end_call(ctx, s)
        return
    ctx.notify(url, f"ivr_{block}", _fields(s, block, "ongoing", extra), s["txn_ref"])
    _ready(ctx, s)


def _idle(ctx: Ctx, payload: Dict[str, Any]) -> None:
    s = _current(ctx, payload)
    if s is not None and s["state"] == "ready":
        end_call(ctx, s, block=str(s.get("block")), url=s.get("last_url"))


# ---- end blocks ----


def transfer(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    s = _enter(ctx, v, "transfer")
    check_msg(ctx, v.get("msg"))
    dest: str = v["dest"]
    on_failure = v.get("on_failure") or "hangup"
    txn = _txn(ctx, s)
    room: Optional[str] = None
    extra_rate = 0
    if dest.startswith("room:"):
        room = dest[5:] or ctx.new_room()
    else:
        trial_check(ctx, dest)
        extra_rate = call_rate(ctx, dest, "error_dest_invalid", "error_dest_invalid")
    base_rate = int(txn.data["_rate"]) if txn is not None else 0
    ctx.require_credit(base_rate + extra_rate)
    _answer_if_ringing(ctx, s)
    _begin(ctx, s, "transfer", v, state="transferring" if on_failure == "continue" else "ended")
    s["transfer"] = {"dest": dest, "room": room, "on_failure": on_failure, "rate": extra_rate}
    ctx.store.put_session(s)
    _at(ctx, _msg_seconds(v.get("msg")) + data.timing("ring_seconds"), "ivr_transfer_answer", s)
    return {"room": room} if room else {}


def _transfer_answer(ctx: Ctx, payload: Dict[str, Any]) -> None:
    s = _current(ctx, payload)
    txn = _txn(ctx, s) if s is not None else None
    if s is None or txn is None:
        return
    t = s["transfer"]
    if t["room"]:
        full = len(ctx.store.room_members(ctx.account.app_id, t["room"])) >= data.limit("conference_room")
        result, talk = ("failed" if full else "answered"), talk_time()
    else:
        result, scripted = outcome(ctx, t["dest"])
        talk = talk_time(scripted)
        txn.data["dest2"] = t["dest"]
        txn.data["call_status_dest2"] = result
    extra: Dict[str, Any] = {"transfer_status": result, "room": t["room"]}
    note(ctx, s, "transfer", dest=t["dest"], status=result)
    if result != "answered":
        ctx.store.put_txn(txn)
        if t["on_failure"] == "continue":
            ctx.notify(s.get("notify_url"), "ivr_transfer", _fields(s, "transfer", "ongoing", extra), s["txn_ref"])
            _ready(ctx, s)
        else:
            end_call(ctx, s, block="transfer", url=s.get("notify_url"), extra=extra)
        return
    rate = int(txn.data["_rate"]) + int(t["rate"])
    txn.data.update({"_rate": rate, "rate": money(rate)})
    if t["room"]:
        txn.data["room"] = t["room"]
    ctx.store.put_txn(txn)
    s["state"] = "ended"  # the caller is with someone else now: no block can follow
    ctx.store.put_session(s)
    _at(ctx, min(talk, affordable_seconds(ctx, rate)), "ivr_transfer_end", s)


def _transfer_end(ctx: Ctx, payload: Dict[str, Any]) -> None:
    s = _current(ctx, payload)
    if s is not None:
        end_call(ctx, s, block="transfer", url=s.get("notify_url"), extra={"transfer_status": "answered", "room": s["transfer"]["room"]})


def hangup(ctx: Ctx, v: Dict[str, Any]) -> Dict[str, Any]:
    s = _enter(ctx, v, "hangup")
    if v.get("force") and v.get("msg"):
        raise ApiError("error_malformed_params")
    check_msg(ctx, v.get("msg"))
    ringing = s["state"] == "ringing"
    _begin(ctx, s, "hangup", v, state="ended")
    if ringing and (v.get("force") or not v.get("msg")):  # rejecting an incoming call
        end_call(ctx, s, status="unanswered", block="hangup", url=v.get("notify_url"))
        return {}
    if ringing:  # answered to play the message first
        _answer(ctx, s)
    delay = 0.0 if v.get("force") else _msg_seconds(v.get("msg"))
    _at(ctx, delay, "ivr_hangup_done", s)
    return {}


def _hangup_done(ctx: Ctx, payload: Dict[str, Any]) -> None:
    s = _current(ctx, payload)
    if s is not None:
        end_call(ctx, s, block="hangup", url=s.get("notify_url"))


# ---- the start of an incoming call (from the control API) ----


def incoming_call(ctx: Ctx, number: Dict[str, Any], caller: str) -> Dict[str, Any]:
    """Someone calls one of the account's Hoiio Numbers: notify its forward_to (the Answer
    start block) and wait for the application to answer with a block."""
    to = number["number"]
    try:
        rate = ctx.rate(to, "voice_incoming") or 0
    except LookupError:
        rate = 0
    ref, seq = ctx.new_ref("C")
    session_id = ctx.new_session()
    record = {
        "txn_ref": ref, "dest1": caller, "number": to, "call_status_dest1": "ongoing", "date": ctx.date(),
        "currency": ctx.currency, "rate": ctx.money(rate), "_type": "ivr", "_rate": rate, "_session": session_id,
    }  # fmt: skip
    ctx.add_txn(ref, seq, "call", record)
    s: Session = {"id": session_id, "account": ctx.account.app_id, "txn_ref": ref, "incoming": True, "from": caller, "to": to,
                  "monitor": False}  # fmt: skip
    _begin(ctx, s, "answer", {"notify_url": number.get("forward_to")}, state="ringing")
    ctx.notify(number.get("forward_to"), "call_incoming", _fields(s, "answer", "ringing"), ref)
    _at(ctx, data.timing("incoming_ring_timeout_seconds"), "ivr_ring_timeout", s)
    return {"session": session_id, "txn_ref": ref}


def _ring_timeout(ctx: Ctx, payload: Dict[str, Any]) -> None:
    s = _current(ctx, payload)
    if s is not None and s["state"] == "ringing":
        end_call(ctx, s, status="unanswered")


def caller_hangs_up(ctx: Ctx, session_id: str) -> bool:
    """The person on the line hangs up; False when the call was already over."""
    s = ctx.store.session(session_id)
    txn = _txn(ctx, s) if s is not None else None
    if s is None or txn is None or txn.state != "ongoing":
        return False
    block = str(s.get("block") or "hangup")
    extra = {"digits": ""} if block == "gather" and s.get("state") == "running" else {}
    note(ctx, s, "caller_hangup")
    end_call(ctx, s, block=block, url=s.get("notify_url") or s.get("last_url"), extra=extra)
    return True


HANDLERS = {
    "ivr/start/dial": dial,
    "ivr/middle/play": play,
    "ivr/middle/gather": gather,
    "ivr/middle/record": record,
    "ivr/middle/monitor": monitor,
    "ivr/middle/hold": hold,
    "ivr/middle/unhold": unhold,
    "ivr/end/transfer": transfer,
    "ivr/end/hangup": hangup,
}
EVENTS = {
    "ivr_dial_answer": _dial_answer,
    "ivr_done": _done,
    "ivr_cut": _cut,
    "ivr_idle": _idle,
    "ivr_gather_input": _gather_input,
    "ivr_transfer_answer": _transfer_answer,
    "ivr_transfer_end": _transfer_end,
    "ivr_hangup_done": _hangup_done,
    "ivr_ring_timeout": _ring_timeout,
}
