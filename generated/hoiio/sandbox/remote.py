"""Drive a running sandbox's control API from Python (needs only requests).

    from hoiio.sandbox import SandboxControl

    sb = SandboxControl("http://127.0.0.1:8765/")
    sb.advance(60)                                  # calls end, SMS are delivered
    sb.incoming_sms("+16505551101", "+16501234567", "hello")
    for note in sb.notifications(kind="sms_incoming"):
        print(note["fields"])

``Sandbox`` (hoiio.sandbox.server) runs a sandbox in-process and has the same methods.
"""

from __future__ import annotations

import base64
from typing import Any, Dict, List, Optional

import requests

from ..exceptions import HoiioException
from .operations import BY_NAME


class SandboxError(HoiioException):
    """The control API refused a request (the message says why)."""


class SandboxControl:
    """The control API of the sandbox at ``url`` (its root, such as http://127.0.0.1:8765/)."""

    def __init__(self, url: str, *, app_id: Optional[str] = None, access_token: Optional[str] = None, timeout: float = 30.0) -> None:
        root = url.rstrip("/")
        if root.endswith("/open"):
            root = root[: -len("/open")]
        self.url = root + "/"
        self.timeout = timeout
        self._http = requests.Session()
        self._http.trust_env = False
        self.app_id = app_id
        self.access_token = access_token
        if app_id is None or access_token is None:
            info = self.info()
            self.app_id = self.app_id or info["app_id"]
            self.access_token = self.access_token or info["access_token"]

    @property
    def base_url(self) -> str:
        """The API base URL to give the SDK (HOIIO_BASE_URL)."""
        return self.url + "open/"

    def client(self, **kwargs: Any) -> Any:
        """A hoiio.Client for this sandbox's account (keyword arguments go to the Client)."""
        from .._runtime.client import Client

        kwargs.setdefault("app_id", self.app_id)
        kwargs.setdefault("access_token", self.access_token)
        return Client(base_url=self.base_url, **kwargs)

    def async_client(self, **kwargs: Any) -> Any:
        """A hoiio.AsyncClient for this sandbox's account (keyword arguments go to the AsyncClient)."""
        from .._runtime.aclient import AsyncClient

        kwargs.setdefault("app_id", self.app_id)
        kwargs.setdefault("access_token", self.access_token)
        return AsyncClient(base_url=self.base_url, **kwargs)

    def close(self) -> None:
        self._http.close()

    # ---- plumbing ----

    def request(self, method: str, endpoint: str, **params: Any) -> Any:
        """Call /_sandbox/<endpoint> with JSON parameters (None values left out)."""
        body = {k: v for k, v in params.items() if v is not None}
        url = self.url + "_sandbox/" + endpoint.lstrip("/")
        if method == "GET":
            res = self._http.get(url, params=body, timeout=self.timeout)
        else:
            res = self._http.request(method, url, json=body, timeout=self.timeout)
        try:
            data = res.json()
        except ValueError:
            raise SandboxError(f"/_sandbox/{endpoint}: HTTP {res.status_code}, not JSON: {res.text[:200]!r}") from None
        if res.status_code >= 400:
            raise SandboxError(f"/_sandbox/{endpoint}: {data.get('error') if isinstance(data, dict) else data}")
        return data

    def call(self, operation: str, **params: Any) -> Any:
        """Make the control operation of that name (``operations.OPERATIONS``: its method and
        path) with these parameters (None values left out)."""
        op = BY_NAME[operation]
        return self.request(op.method, op.path, **params)

    # ---- overview, clock ----

    def info(self) -> Dict[str, Any]:
        result: Dict[str, Any] = self.call("info")
        return result

    def reset(self) -> None:
        """Forget everything: the default account starts again with its starting balance."""
        self.call("reset")

    def now(self) -> float:
        """The sandbox time (epoch seconds)."""
        return float(self.call("clock")["now"])

    def freeze(self) -> Dict[str, Any]:
        """Stop the clock: from now on only advance() moves it."""
        result: Dict[str, Any] = self.call("set_clock", frozen=True)
        return result

    def unfreeze(self) -> Dict[str, Any]:
        result: Dict[str, Any] = self.call("set_clock", frozen=False)
        return result

    def advance(self, seconds: float = 0, *, minutes: float = 0, hours: float = 0, days: float = 0, wait: bool = True) -> Dict[str, Any]:
        """Move the clock on; everything that falls due happens (calls end, SMS are delivered,
        IVR blocks complete). With ``wait`` it returns once their notifications were sent."""
        result: Dict[str, Any] = self.call("advance", seconds=seconds, minutes=minutes, hours=hours, days=days, wait=wait)
        return result

    # ---- accounts ----

    def account(self, app_id: Optional[str] = None) -> Dict[str, Any]:
        """The account: balance, points, bonus (as strings) and profile."""
        result: Dict[str, Any] = self.call("account", app_id=app_id)
        return result

    def set_account(self, app_id: Optional[str] = None, **fields: Any) -> Dict[str, Any]:
        """Change the account: points, bonus, currency, user_status ("trial"/"active"),
        sms_rebrand_status, credit_card, name, mobile_number, ..."""
        result: Dict[str, Any] = self.call("set_account", app_id=app_id, **fields)
        return result

    def accounts(self) -> List[Dict[str, Any]]:
        """Every account: app_id, balance, currency."""
        result: List[Dict[str, Any]] = self.call("accounts")
        return result

    def create_account(self, app_id: Optional[str] = None, access_token: Optional[str] = None, **profile: Any) -> Dict[str, Any]:
        """Another account (another application) with the default profile and balance."""
        result: Dict[str, Any] = self.call("create_account", app_id=app_id, access_token=access_token, **profile)
        return result

    def topup(self, points: Any = None, bonus: Any = None, app_id: Optional[str] = None) -> Dict[str, Any]:
        """Add credit (amounts such as "10" or "2.500")."""
        result: Dict[str, Any] = self.call("topup", points=_amount(points), bonus=_amount(bonus), app_id=app_id)
        return result

    def drain(self, leave: Any = None, app_id: Optional[str] = None) -> Dict[str, Any]:
        """Empty the balance (leaving ``leave`` in points)."""
        result: Dict[str, Any] = self.call("drain", leave=_amount(leave), app_id=app_id)
        return result

    # ---- the outside world ----

    def incoming_sms(self, to: str, from_: str, msg: str, app_id: Optional[str] = None) -> List[str]:
        """Someone texts one of the account's numbers; returns the txn_refs (one per piece)."""
        result: List[str] = self.call("incoming_sms", to=to, msg=msg, app_id=app_id, **{"from": from_})["txn_refs"]
        return result

    def incoming_call(self, to: str, from_: str, app_id: Optional[str] = None) -> Dict[str, Any]:
        """Someone calls one of the account's numbers; returns its session and txn_ref."""
        result: Dict[str, Any] = self.call("incoming_call", to=to, app_id=app_id, **{"from": from_})
        return result

    def incoming_fax(self, to: str, from_: str, pdf: Optional[bytes] = None, status: str = "answered", filename: Optional[str] = None,
                     app_id: Optional[str] = None) -> str:  # fmt: skip
        """Someone faxes one of the account's numbers (in fax mode); returns the txn_ref."""
        encoded = base64.b64encode(pdf).decode("ascii") if pdf is not None else None
        result: str = self.call("incoming_fax", to=to, pdf=encoded, status=status, filename=filename, app_id=app_id,
                                   **{"from": from_})["txn_ref"]  # fmt: skip
        return result

    def press(self, digits: str, session: Optional[str] = None, hangup: bool = False, app_id: Optional[str] = None) -> None:
        """The keys the caller presses at the next gather (of ``session``, or of any session);
        ``hangup`` makes the caller hang up instead."""
        self.call("keys", digits=digits, session=session, hangup=hangup, app_id=app_id)

    def press_now(self, digits: str, session: str) -> None:
        """The caller presses ``digits`` now, in the session's running gather (which ends with
        them at once); SandboxError when the session is not gathering."""
        self.call("press", digits=digits, session=session)

    def console(self, **params: Any) -> Dict[str, Any]:
        """The snapshot the console page shows (``app_id``, or ``ref``/``session``/``note`` to
        focus on one thing and pick its account)."""
        result: Dict[str, Any] = self.call("snapshot", **params)
        return result

    def script_record(self, seconds: Optional[float] = None, hangup: bool = False, session: Optional[str] = None,
                      app_id: Optional[str] = None) -> None:  # fmt: skip
        """How long the caller's next recording lasts, and whether they hang up after it."""
        self.call("record", seconds=seconds, hangup=hangup, session=session, app_id=app_id)

    def caller_hangup(self, session: str, app_id: Optional[str] = None) -> None:
        """The person on the line of an IVR session hangs up."""
        self.call("caller_hangup", session=session, app_id=app_id)

    def script(self, number: str, *, call: Optional[str] = None, sms: Optional[str] = None, fax: Optional[str] = None,
               talk_seconds: Optional[float] = None, app_id: Optional[str] = None) -> Dict[str, Any]:  # fmt: skip
        """How calls (answered/busy/unanswered/failed), faxes and SMS (delivered/failed/error/
        queued) to ``number`` turn out, and how long an answered call talks."""
        result: Dict[str, Any] = self.call("script", number=number, call=call, sms=sms, fax=fax, talk_seconds=talk_seconds,
                                              app_id=app_id)  # fmt: skip
        return result

    def clear_script(self, number: str, app_id: Optional[str] = None) -> None:
        self.call("script", number=number, clear=True, app_id=app_id)

    def scripts(self, app_id: Optional[str] = None) -> List[Dict[str, Any]]:
        """The scripts set with script(), for debugging."""
        result: List[Dict[str, Any]] = self.call("scripts", app_id=app_id)
        return result

    # ---- what happened ----

    def notifications(self, kind: Optional[str] = None, after: int = 0, app_id: Optional[str] = None, wait: bool = True) -> List[Dict[str, Any]]:
        """The notifications sent, oldest first: id, kind, url, fields, signature, state
        (queued/delivered/failed), http_status, error. With ``wait``, once all were tried."""
        if wait:
            self.wait_for_notifications()
        result: List[Dict[str, Any]] = self.call("notifications", kind=kind, after=after or None, app_id=app_id)
        return result

    def wait_for_notifications(self, timeout: float = 10.0) -> bool:
        """Block until every queued notification was tried; False on timeout."""
        return bool(self.call("wait", timeout=timeout)["idle"])

    def transactions(self, kind: Optional[str] = None, app_id: Optional[str] = None) -> List[Dict[str, Any]]:
        result: List[Dict[str, Any]] = self.call("transactions", kind=kind, app_id=app_id)
        return result

    def sessions(self, app_id: Optional[str] = None) -> List[Dict[str, Any]]:
        result: List[Dict[str, Any]] = self.call("sessions", app_id=app_id)
        return result

    def events(self) -> List[Dict[str, Any]]:
        """What is due to happen (calls ending, deliveries, IVR blocks), for debugging."""
        result: List[Dict[str, Any]] = self.call("events")
        return result

    # ---- faults ----

    def fault(self, kind: str, count: int = 1, *, path: Optional[str] = None, seconds: float = 0, after: bool = False) -> Dict[str, Any]:
        """Inject a fault into the next ``count`` API requests (to ``path`` only, if given):
        rate_limit, server_error, delay (``seconds``), drop (``after``: once handled), bad_gateway."""
        result: Dict[str, Any] = self.call("add_fault", kind=kind, count=count, path=path, seconds=seconds, after=after)
        return result

    def faults(self) -> List[Dict[str, Any]]:
        """The faults waiting."""
        result: List[Dict[str, Any]] = self.call("faults")
        return result

    def clear_faults(self) -> None:
        self.call("clear_faults")


def _amount(value: Any) -> Optional[str]:
    return None if value is None else str(value)
