"""Helpers for testing your application's Hoiio code without a network.

``Stubber`` (after botocore's) queues canned answers per method and checks what your code
sends; every canned answer is validated against the endpoint's JSON Schema (generated from the
spec), so a test cannot drift from Hoiio's real wire format:

    from hoiio.testing import Stubber

    client = hoiio.Client("app", "token")
    with Stubber(client) as stub:
        stub.add_response("sms.send", {"status": "success_ok", "txn_ref": "AA-S-1"},
                          expected_params={"dest": "+6511111111", "msg": "hi"})
        my_code_that_sends(client)
        stub.assert_no_pending_responses()

It works the same with ``hoiio.AsyncClient`` (the canned answer then comes with an
``httpx.Response``). Needs ``jsonschema`` (``pip install 'hoiio[testing]'``). For tests against the sandbox, the
pytest fixtures ``hoiio_sandbox``, ``hoiio_client`` and ``hoiio_async_client`` come with the
package (see the README).
"""

from __future__ import annotations

import collections
import importlib
import inspect
import io
import json
from typing import Any, Callable, Deque, Dict, List, Mapping, Optional, Tuple

import requests

from ._generated.api import SERVICES
from .exceptions import HoiioException, TransportError

__all__ = ["Stubber", "StubError", "schema_for", "validate_body"]


class StubError(HoiioException, AssertionError):
    """The code under test did not call what the stubber expected, or a canned answer is not
    what Hoiio could send."""


_SCHEMAS: Dict[str, Any] = {}


def _find_method(name: str) -> Any:
    from ._runtime.params import Method

    group, _, method = name.partition(".")
    where = SERVICES.get(group)
    if where is None or not method:
        raise StubError(f"unknown method {name!r}; expected 'group.method' such as 'sms.send' (groups: {', '.join(sorted(SERVICES))})")
    module = importlib.import_module(where[0])
    for obj in vars(module).values():
        if isinstance(obj, Method) and obj.name.split(".", 1)[1] == method:
            return obj
    names = sorted(o.name for o in vars(module).values() if isinstance(o, Method))
    raise StubError(f"unknown method {name!r}; {group} has: {', '.join(names)}")


def schema_for(path: str) -> Dict[str, Any]:
    """The generated JSON Schema of an endpoint's response, such as "sms/send"."""
    if path not in _SCHEMAS:
        from importlib import resources

        text = resources.files("hoiio").joinpath("schemas", path.replace("/", "__") + ".json").read_text(encoding="utf-8")
        _SCHEMAS[path] = json.loads(text)
    schema: Dict[str, Any] = _SCHEMAS[path]
    return schema


def validate_body(path: str, body: Mapping[str, Any]) -> None:
    """Raise StubError unless ``body`` is a response Hoiio could send for ``path``."""
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover
        raise StubError("the Stubber validates canned answers with jsonschema: pip install 'hoiio[testing]'") from None
    validator = jsonschema.Draft202012Validator(schema_for(path))
    problems = [_problem(path, e) for e in validator.iter_errors(dict(body))]
    if problems:
        raise StubError(f"the canned answer for {path} is not what Hoiio sends: " + "; ".join(problems))


def _problem(path: str, error: Any) -> str:
    """One schema error in words, naming the field (``entries/0/date: ...``)."""
    where = "/".join(map(str, error.absolute_path))
    prefix = where + "/" if where else ""
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return "; ".join(f"{prefix}{name}: missing (every success answer of {path} has it)" for name in missing)
    if error.validator == "anyOf" and all(set(alt) == {"required"} for alt in error.validator_value):
        names = " or ".join(alt["required"][0] for alt in error.validator_value)
        return f"{prefix}{names}: missing (every success answer of {path} has one)"
    if where == "status" and error.validator == "anyOf":
        return f"status: {error.instance!r} is not a status {path} can answer"
    return f"{where or '(body)'}: {error.message}"


class Stubber:
    """Replaces a client's transport with a queue of canned answers, in order."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._queue: Deque[Tuple[str, Any, Optional[Dict[str, str]]]] = collections.deque()
        self._original: Any = None
        self.calls: List[Tuple[str, Dict[str, str]]] = []

    def add_response(self, method: str, body: Mapping[str, Any], expected_params: Optional[Mapping[str, Any]] = None) -> None:
        """Queue ``body`` as the answer to the next call of ``method`` ("sms.send").

        ``expected_params`` are the wire parameters the call must send (credentials aside),
        as strings or values that compare equal once turned into strings.
        """
        m = _find_method(method)
        validate_body(m.endpoint.path, body)
        expected = None if expected_params is None else {k: v if isinstance(v, str) else str(v) for k, v in expected_params.items()}
        self._queue.append((m.name, dict(body), expected))

    def add_client_error(self, method: str, status: str, expected_params: Optional[Mapping[str, Any]] = None) -> None:
        """Queue an error answer such as ``error_insufficient_credit``."""
        self.add_response(method, {"status": status}, expected_params)

    def add_transport_error(self, method: str, *, outcome_unknown: bool = False) -> None:
        """Queue a network failure (``outcome_unknown`` as after a send that may have gone out)."""
        m = _find_method(method)
        self._queue.append((m.name, TransportError(f"{m.name}: stubbed network failure", method=m.name, outcome_unknown=outcome_unknown), None))

    def activate(self) -> None:
        transport = self.client._transport
        self._original = transport.send
        if inspect.iscoroutinefunction(transport.send):  # an AsyncClient's transport

            async def send(name: str, endpoint: Any, form: Dict[str, str], files: Any, options: Any, credentials: Any = None) -> Tuple[Dict[str, Any], str, Any]:
                return self._answer(name, endpoint, form, _httpx_response)

            transport.send = send
        else:
            transport.send = self._send

    def deactivate(self) -> None:
        if self._original is not None:
            self.client._transport.send = self._original
            self._original = None

    def __enter__(self) -> "Stubber":
        self.activate()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.deactivate()

    def assert_no_pending_responses(self) -> None:
        """Fail if queued answers were never asked for."""
        if self._queue:
            raise StubError(f"{len(self._queue)} queued answers were not used: {', '.join(q[0] for q in self._queue)}")

    def _send(
        self, name: str, endpoint: Any, form: Dict[str, str], files: Any, options: Any, credentials: Any = None
    ) -> Tuple[Dict[str, Any], str, requests.Response]:
        return self._answer(name, endpoint, form, _requests_response)

    def _answer(self, name: str, endpoint: Any, form: Dict[str, str], response: Callable[[str, str], Any]) -> Tuple[Dict[str, Any], str, Any]:
        params = {k: v for k, v in form.items() if k not in ("app_id", "access_token")}
        self.calls.append((name, params))
        if not self._queue:
            raise StubError(f"{name} was called with {params}, but no answer is queued")
        expected_name, answer, expected = self._queue.popleft()
        if expected_name != name:
            raise StubError(f"{name} was called, but the next queued answer is for {expected_name}")
        if expected is not None and params != expected:
            missing = {k: v for k, v in expected.items() if params.get(k) != v}
            extra = {k: v for k, v in params.items() if k not in expected}
            raise StubError(f"{name} sent other parameters than expected: expected {missing or '{}'} but got "
                            f"{ {k: params.get(k) for k in missing} }; not expected: {extra or '{}'}")  # fmt: skip
        if isinstance(answer, Exception):
            raise answer
        text = json.dumps(answer)
        return answer, text, response(self.client.base_url + endpoint.path, text)


def _requests_response(url: str, text: str) -> requests.Response:
    http = requests.Response()
    http.status_code = 200
    http.raw = io.BytesIO(text.encode("utf-8"))  # read through requests' own path on .content
    http.headers["Content-Type"] = "application/json"
    http.url = url
    return http


def _httpx_response(url: str, text: str) -> Any:
    import httpx

    return httpx.Response(200, content=text.encode("utf-8"), headers={"Content-Type": "application/json"}, request=httpx.Request("POST", url))
