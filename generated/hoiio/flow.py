"""IVR call flows: a session object that keeps the start -> middle* -> end rule, and a builder
for the ``msg`` markup.

    from hoiio.flow import IvrSession, Msg

    call = IvrSession.dial(client, "+6511111111", notify_url=URL)      # start block
    call.gather(msg=Msg.text("Press 1 for sales, 2 for support."), max_digits=1, notify_url=URL)
    ...                                                                # on the gather notification:
    call.transfer("+6522222222")                                       # end block
    call.play(msg="too late")                                          # IvrFlowError: the session has ended

With ``hoiio.AsyncClient``, ``AsyncIvrSession`` keeps the same rules and each block is awaited:
``call = await AsyncIvrSession.dial(client, ...)``, ``await call.gather(...)``.

Which block is a start, middle or end block comes from the spec (``stage``).
"""

from __future__ import annotations

import html
from typing import Any, Dict, NoReturn, Optional

from .exceptions import APIError, HoiioException, ValidationError

__all__ = ["IvrSession", "AsyncIvrSession", "IvrFlowError", "Msg"]


class IvrFlowError(HoiioException):
    """The block breaks the IVR rules for this session (it has ended, it is on hold, ...)."""


def _ivr_stages() -> Dict[str, str]:
    from ._runtime.params import Method
    from .service import ivr

    return {m.name.split(".", 1)[1]: m.endpoint.stage or "" for m in vars(ivr).values() if isinstance(m, Method)}


def _msg_limit() -> int:
    from ._runtime.params import Method
    from .service import ivr

    limits = [p.max_length for m in vars(ivr).values() if isinstance(m, Method) for p in m.params if p.wire == "msg" and p.max_length]
    return min(limits) if limits else 1000


class IvrSession:
    """One IVR call. Send blocks as methods (``play``, ``gather``, ``record``, ``monitor``,
    ``hold``, ``unhold``, ``transfer``, ``hangup``), with the keyword arguments of the
    ``client.ivr`` methods of the same names; the session id is filled in.

    ``state`` is "active", "on_hold" or "ended"; a block the rules forbid raises IvrFlowError
    before anything is sent. ``last`` is the last block's response.
    """

    def __init__(self, client: Any, session: str, *, state: str = "active") -> None:
        self.client = client
        self.id = session
        self.state = state
        self.ended_by: Optional[str] = None
        self.last: Any = None

    @classmethod
    def dial(cls, client: Any, dest: str, **kwargs: Any) -> "IvrSession":
        """Start block: call ``dest`` and return the session (raises APIError if Dial fails)."""
        res = client.ivr.dial(dest, **kwargs)
        res.raise_for_status()
        session = cls(client, res.session)
        session.last = res
        return session

    @classmethod
    def from_notification(cls, client: Any, notification: Any) -> "IvrSession":
        """The session of an IVR notification (an incoming call, or any block's notification)."""
        session_id = getattr(notification, "session", None)
        if not session_id:
            raise IvrFlowError(f"{type(notification).__name__} has no session")
        ended = getattr(notification, "call_state", None) == "ended"
        return cls(client, session_id, state="ended" if ended else "active")

    def __getattr__(self, name: str) -> Any:
        stages = _STAGES.get("map")
        if stages is None:
            stages = _STAGES["map"] = _ivr_stages()
        stage = stages.get(name)
        if stage is None or name.startswith("_"):
            raise AttributeError(f"IvrSession has no block {name!r}; blocks: {', '.join(sorted(b for b, s in stages.items() if s != 'start'))}")
        if stage == "start":
            raise AttributeError(f"{name} is a start block: it opens a session (use IvrSession.{name}(client, ...))")

        def block(*args: Any, **kwargs: Any) -> Any:
            return self._send(name, stage, args, kwargs)

        block.__name__ = name
        block.__doc__ = getattr(type(self.client.ivr), name).__doc__
        return block

    def _send(self, name: str, stage: str, args: Any, kwargs: Dict[str, Any]) -> Any:
        self._check(name)
        try:
            res = getattr(self.client.ivr, name)(self.id, *args, **kwargs)
        except APIError as exc:
            self._failed(exc)
        return self._after(name, stage, kwargs, res)

    def _failed(self, exc: APIError) -> NoReturn:
        """A raising client (the default) raised the block's error: note what it says, raise it."""
        self.last = exc.response
        if exc.status == "error_session_ended":
            self.state, self.ended_by = "ended", "Hoiio says it has ended"
        raise exc

    def _check(self, name: str) -> None:
        """Raise IvrFlowError if the rules forbid this block now (before anything is sent)."""
        if self.state == "ended":
            raise IvrFlowError(f"ivr.{name}: session {self.id} has ended ({self.ended_by or 'the call ended'}); no block can follow")
        if self.state == "on_hold" and name != "unhold":
            raise IvrFlowError(f"ivr.{name}: session {self.id} is on hold; only unhold can follow hold")
        if name == "unhold" and self.state != "on_hold":
            raise IvrFlowError(f"ivr.unhold: session {self.id} is not on hold")

    def _after(self, name: str, stage: str, kwargs: Dict[str, Any], res: Any) -> Any:
        """Follow the session's state from a block's response; return the response."""
        self.last = res
        status = res.status
        if status == "error_session_ended":
            self.state, self.ended_by = "ended", "Hoiio says it has ended"
        elif res.is_success():
            if name == "hold":
                self.state = "on_hold"
            elif name == "unhold":
                self.state = "active"
            elif stage == "end" and not (name == "transfer" and kwargs.get("on_failure") == "continue"):
                self.state, self.ended_by = "ended", f"after {name}"
        return res

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.state}>"


class AsyncIvrSession(IvrSession):
    """:class:`IvrSession` for ``hoiio.AsyncClient``: the same rules, each block awaited
    (``await call.transfer("+6522222222")``)."""

    @classmethod
    async def dial(cls, client: Any, dest: str, **kwargs: Any) -> "AsyncIvrSession":  # type: ignore[override]
        """Start block: call ``dest`` and return the session (raises APIError if Dial fails)."""
        res = await client.ivr.dial(dest, **kwargs)
        res.raise_for_status()
        session = cls(client, res.session)
        session.last = res
        return session

    async def _send(self, name: str, stage: str, args: Any, kwargs: Dict[str, Any]) -> Any:
        self._check(name)
        try:
            res = await getattr(self.client.ivr, name)(self.id, *args, **kwargs)
        except APIError as exc:
            self._failed(exc)
        return self._after(name, stage, kwargs, res)


_STAGES: Dict[str, Dict[str, str]] = {}


class Msg(str):
    """The ``msg`` of an IVR block: text to speak, speech in a language, or a recording.

    Parts join with ``+``; text is escaped; the whole is checked against the spec's limit
    (1000 characters).
    """

    def __new__(cls, value: str = "") -> "Msg":
        limit = _msg_limit()
        if len(value) > limit:
            raise ValidationError([f"msg: is {len(value)} characters long; expected at most {limit}"], "Msg")
        return super().__new__(cls, value)

    @classmethod
    def text(cls, text: str) -> "Msg":
        """Plain text, spoken in the default voice (English, female); markup characters escaped."""
        return cls(html.escape(text, quote=False))

    @classmethod
    def speech(cls, text: str, *, language: Optional[str] = None, gender: Optional[str] = None) -> "Msg":
        """Text spoken in ``language`` (such as "zh-HK") by a ``gender`` ("female" or "male") voice."""
        problems = []
        if gender is not None and gender not in ("female", "male"):
            problems.append(f"gender: {gender!r} is not allowed; expected one of: female, male")
        if language is not None and (not language or not all(c.isalnum() or c == "-" for c in language)):
            problems.append(f"language: {language!r} is not a language tag such as 'en-US' or 'zh-HK'")
        if problems:
            raise ValidationError(problems, "Msg.speech")
        attrs = "".join(f' {k}="{v}"' for k, v in (("language", language), ("gender", gender)) if v)
        return cls(f"<speech{attrs}>{html.escape(text, quote=False)}</speech>")

    @classmethod
    def url(cls, url: str) -> "Msg":
        """A recording to play: an http(s) URL of an .mp3, .wav or .gsm file (8000 Hz mono, at most 10 MB)."""
        lowered = url.lower().split("?", 1)[0]
        problems = []
        if not lowered.startswith(("http://", "https://")):
            problems.append(f"url: {url!r} is not an http or https URL")
        if not lowered.endswith((".mp3", ".wav", ".gsm")):
            problems.append(f"url: {url!r} is not an .mp3, .wav or .gsm file")
        if problems:
            raise ValidationError(problems, "Msg.url")
        return cls(f"<url>{html.escape(url, quote=False)}</url>")

    def __add__(self, other: str) -> "Msg":
        other_msg = other if isinstance(other, Msg) else Msg.text(other)
        return Msg(str.__add__(self, other_msg))

    def __radd__(self, other: str) -> "Msg":
        return Msg.text(other) + self
