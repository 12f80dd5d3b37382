"""Property-based tests (hypothesis): hostile input from the caller and from the server.

Rule 1 (caller): any arguments either raise one hoiio.ValidationError before anything is sent,
or send one well-formed request; nothing else escapes.
Rule 2 (server): any answer either parses (every field readable, repr and to_dict work) or
raises a hoiio.HoiioException subclass that says what came back; never a bare KeyError,
ValueError, JSONDecodeError or AttributeError.
"""

from __future__ import annotations

import importlib
import inspect
import json
from typing import Any, Dict, List, Tuple

import hoiio
import pytest
from hoiio._generated.api import SERVICES
from hoiio._runtime.facade import facade_of
from hoiio._runtime.params import Method
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support.fakes import FakeSession, make_response

TOKEN = "SECRET-TOKEN-123"


def _methods() -> List[Tuple[str, str, Method]]:
    out = []
    for attr, (module_name, _cls) in sorted(SERVICES.items()):
        if attr == "user":
            continue
        module = importlib.import_module(module_name)
        for obj in vars(module).values():
            if isinstance(obj, Method):
                out.append((attr, obj.name.split(".", 1)[1], obj))
    return sorted(out, key=lambda t: t[2].name)


METHODS = _methods()

VALID = {
    "str": "SG",
    "int": 5,
    "phone": "+6591234567",
    "phone_list": ["+6591234567", "+6598765432"],
    "transfer_dest": "room:R1",
    "caller_id": "private",
    "url": "https://example.com/notify",
    "datetime": "2012-01-01 00:00:00",
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF",
    "recipients": [{"dest": "+6591234567", "name": "Nick"}],
    "flag": True,
}


def valid_kwargs(method: Method) -> Dict[str, Any]:
    """Arguments that pass validation: every required parameter, nothing else."""
    out: Dict[str, Any] = {}
    for p in method.params:
        if p.required or p.wire in method.require:
            out[p.python] = p.values[0] if p.kind == "enum" and p.values else VALID[p.kind]
    for group in method.endpoint.one_of:
        shown = [w for w in group.params if any(q.wire == w for q in method.params)]
        if group.required and shown and not any(method.endpoint.by_wire[w].python in out for w in shown):
            first = method.endpoint.by_wire[shown[0]]
            out[first.python] = VALID[first.kind]
    return out


def call(client: Any, attr: str, name: str, kwargs: Dict[str, Any]) -> Any:
    bound = getattr(getattr(client, attr) if attr else client, name)
    params = inspect.signature(bound).parameters
    args: List[Any] = []
    rest = dict(kwargs)
    for pname, p in params.items():
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and pname in rest:
            args.append(rest.pop(pname))
        elif p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            args.append(None)
        elif p.kind is inspect.Parameter.VAR_POSITIONAL and pname in rest:
            value = rest.pop(pname)
            args.extend(value if isinstance(value, (list, tuple)) else [value])
    return bound(*args, **rest)


hostile_scalars = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.text(alphabet="+0123456789 -()abc", max_size=20),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    st.booleans(),
    st.binary(max_size=20),
    st.sampled_from(["", " ", "+", "+65", "+6591234567", "room:", "room:bad id!", "private", "http://x", "ftp://x",
                     "2012-13-45 99:99:99", "2012-01-01 00:00:00", "auto_extend", "kick", "x" * 300, "x" * 5000]),
)  # fmt: skip
hostile_values = st.one_of(hostile_scalars, st.lists(hostile_scalars, max_size=4), st.dictionaries(st.text(max_size=5), hostile_scalars, max_size=3))


@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_caller_input_is_validated_or_sent_whole(data: st.DataObject) -> None:
    attr, name, method = data.draw(st.sampled_from(METHODS), label="method")
    kwargs = valid_kwargs(method)
    for p in method.params:
        if data.draw(st.booleans(), label=f"mutate {p.python}?"):
            kwargs[p.python] = data.draw(hostile_values, label=p.python)
    unknown = data.draw(st.integers(0, 9), label="unknown kw?") == 0
    if unknown:
        kwargs[data.draw(st.sampled_from(["foward_to", "notifyurl", "dest3", "from", "pagee"]))] = "x"
    fake = FakeSession()
    client = hoiio.Client("APP", TOKEN, session=fake, max_retries=0)
    if unknown:
        # hoiio.Client takes the parameters it declares and nothing else (a TypeError, as
        # with any Python function); the facade checks keywords with the rest (a ValidationError)
        with pytest.raises(TypeError, match="unexpected keyword argument"):
            call(client, attr, name, kwargs)
        assert fake.calls == []
        client = facade_of(getattr(client, attr))  # type: ignore[assignment]
        attr = ""
    try:
        res = call(client, attr, name, kwargs)
    except hoiio.ValidationError as exc:
        event("refused before sending")
        assert fake.calls == [], "a request was sent although the arguments were refused"
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        assert TOKEN not in str(exc)
        return
    event("sent")
    assert isinstance(res, hoiio.Response) and res.is_success()
    assert len(fake.calls) == 1
    sent = fake.calls[0]
    assert sent["method"] == "POST" and sent["url"].endswith("/open/" + method.endpoint.path)
    assert TOKEN not in sent["url"]
    form = sent["data"]
    assert form["access_token"] == TOKEN and form["app_id"] == "APP"
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in form.items())
    for p in method.params:
        if p.kind in ("phone", "phone_list") and p.wire in form:
            assert all(n.startswith("+") and n[1:].isdigit() for n in form[p.wire].split(","))
        if p.max_length and p.wire in form:
            assert len(form[p.wire]) <= p.max_length
    if method.endpoint.multipart:
        assert sent["files"] and sent["files"]["file"][1].startswith(b"%PDF-")


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
              st.sampled_from(["2010-01-01 10:10:00", "2010-01-01 10:10:00.123", "2010-13-01", "12", "1.5", "x,y", "enabled"])),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=20,
)  # fmt: skip


def _field_names(model: Any) -> List[str]:
    return list(getattr(model, "_FIELDS", {}))


@st.composite
def bodies(draw: st.DrawFn, method: Method) -> bytes:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:
        return draw(st.sampled_from([b"", b"{", b'{"status":', b"<html><body>502 Bad Gateway</body></html>", b"null",
                                     b"[]", b'"success_ok"', b"12", b"\xff\xfe{}", b'{"status":"success_ok"}' * 2]))  # fmt: skip
    fields = _field_names(method.model)
    obj: Dict[str, Any] = {}
    for name in fields:
        if draw(st.booleans()):
            obj[name] = draw(json_values)
    if kind == 2:
        obj["status"] = draw(st.sampled_from(["success_ok", "error_rate_limit_exceeded", "error_invalid_txn_ref", "error_whatever"]))
    if kind == 3 and "entries" in fields:
        obj["entries"] = draw(st.lists(st.dictionaries(st.sampled_from(["date", "rate", "duration", "number", "states", "capability", "x"]), json_values, max_size=4), max_size=4))
    if kind == 4:
        return json.dumps(obj).encode()[: draw(st.integers(0, 40))]
    return json.dumps(obj).encode()


@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_server_answers_parse_or_raise_hoiio_exceptions(data: st.DataObject) -> None:
    attr, name, method = data.draw(st.sampled_from(METHODS), label="method")
    body = data.draw(bodies(method), label="body")
    status = data.draw(st.sampled_from([200, 200, 200, 400, 404, 500, 502, 503]), label="http status")
    raise_on_error = data.draw(st.booleans(), label="raise_on_error")
    fake = FakeSession(lambda **kw: make_response(body, status, {"Content-Type": "text/html", "Retry-After": "0"}))
    client = hoiio.Client("APP", TOKEN, session=fake, max_retries=1, raise_on_error=raise_on_error)
    client._transport._sleep = lambda s: None
    try:
        res = call(client, attr, name, valid_kwargs(method))
    except hoiio.HoiioException as exc:
        event(f"raised {type(exc).__name__}")
        assert str(exc) and TOKEN not in str(exc) and TOKEN not in repr(exc)
        if isinstance(exc, hoiio.TransportError):
            assert exc.outcome_unknown is (not method.endpoint.retry_safe)
        return
    except (KeyError, ValueError, AttributeError, TypeError, IndexError) as exc:  # pragma: no cover - the failure
        pytest.fail(f"{method.name} let {type(exc).__name__} escape for body {body!r}: {exc}")
    event("parsed")
    assert isinstance(res, method.model)
    for field in _field_names(method.model):
        getattr(res, field)
    entries = getattr(res, "entries", None)
    if isinstance(entries, list):
        for entry in entries:
            repr(entry)
            if isinstance(entry, hoiio.Response.__mro__[1]):
                entry.to_dict()
    assert TOKEN not in repr(res)
    res.to_dict()
    res.is_success()
    if not raise_on_error and not res.is_success():
        with pytest.raises(hoiio.APIError):
            res.raise_for_status()
