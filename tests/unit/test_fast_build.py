"""Method.build's fast paths give exactly what the general path gives: the same form, files and
call options, or a ValidationError with the same problems in the same order. Two fast paths:
the plain path of Method._build (no option, no alias, no rule across parameters: most calls),
and the build compiled for each method on its first call (params._compile_build)."""

from __future__ import annotations

import importlib
from typing import Any, Dict, List, Tuple

import pytest
from hoiio._generated.api import SERVICES
from hoiio._runtime.params import Method, _compile_build
from hoiio.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
PLAIN = [
    m
    for module, _ in sorted(set(SERVICES.values()))
    for m in vars(importlib.import_module(module)).values()
    if isinstance(m, Method) and not m._checks
]
EVERY = [m for module, _ in sorted(set(SERVICES.values())) for m in vars(importlib.import_module(module)).values() if isinstance(m, Method)]
# values of every kind, good and bad, for every parameter
VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", "SG", "+6591234567", "6591234567", "+0591234567", "https://example.com/n", "room:R1", "private",
                     "2012-01-01 00:00:00", "2012-02-30 00:00:00", "enabled", "\ud800", "x" * 5000, "5", "-1", "１２",
                     "+1234567", "+123456", "+123456789012345", "+1234567890123456", "+65912345６7", "+6591234567\n",
                     " +6591234567", "+65 9123 4567", "a b&c=d", "ü", "x" * 257]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.lists(st.sampled_from(["+6591234567", "+659", 5]), max_size=3),
    st.just(b"%PDF-1.4 x"),
    st.text(max_size=30),
)


def outcome(build: Any) -> Tuple[str, Any]:
    try:
        return "ok", build()
    except ValidationError as exc:
        return "error", exc.problems


def test_the_plain_path_serves_most_methods() -> None:
    assert len(PLAIN) >= 20, [m.name for m in PLAIN]
    assert any(m.name == "sms.send" for m in PLAIN)


@pytest.mark.parametrize("method", PLAIN, ids=lambda m: m.name)
@SETTINGS
@given(data=st.data())
def test_the_plain_path_equals_the_general_path(method: Method[Any], data: st.DataObject) -> None:
    values: List[Any] = [data.draw(VALUES) for _ in method.params] + [None] * len(method.aliases)
    prefix = data.draw(st.sampled_from([None, "65"]))
    options = dict.fromkeys(("app_id", "access_token", "extra_params", "request_timeout", "max_retries"))
    plain = outcome(lambda: method._build(tuple(values), options, prefix))
    general = outcome(lambda: method._build_general(tuple(values), options, prefix))
    assert plain == general


def test_the_compiled_build_serves_most_methods() -> None:
    compiled = [m.name for m in EVERY if _compile_build(m) is not None]
    assert len(compiled) >= 20 and "sms.send" in compiled and "voice.status" in compiled, compiled
    assert _compile_build(next(m for m in EVERY if m.name == "fax.send")) is None  # a file is read once


def test_a_method_builds_with_its_compiled_build_after_the_first_call() -> None:
    method = next(m for m in EVERY if m.name == "sms.send")
    method.build(("hi", "+6591234567", None, None, None), {}, None)
    assert method.build.__qualname__ == "Method('sms.send').build"
    assert method.build(["hi", "+6591234567", None, None, None], {}, None) == ({"msg": "hi", "dest": "+6591234567"}, None, {})


@pytest.mark.parametrize("method", [m for m in EVERY if _compile_build(m) is not None], ids=lambda m: m.name)
@SETTINGS
@given(data=st.data())
def test_the_compiled_build_equals_the_general_path(method: Method[Any], data: st.DataObject) -> None:
    compiled = _compile_build(method)
    values: List[Any] = [data.draw(VALUES) for _ in method.params] + [None] * len(method.aliases)
    prefix = data.draw(st.sampled_from([None, "65"]))
    nones = dict.fromkeys(("app_id", "access_token", "extra_params", "request_timeout", "max_retries"))
    options = data.draw(st.sampled_from([{}, nones, {"max_retries": 1}]))
    fast = outcome(lambda: compiled(tuple(values), options, prefix))
    general = outcome(lambda: method._build_general(tuple(values), dict(options), prefix))
    assert fast == general


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@SETTINGS
@given(form=st.dictionaries(st.one_of(TEXT, st.sampled_from(["msg", "dest", "a-b_c.d~"])), st.one_of(TEXT, st.sampled_from(["", "+6591234567", "~.-_"]))))
def test_the_form_encoding_is_what_urlencode_makes(form: Dict[str, str]) -> None:
    from urllib.parse import urlencode

    from hoiio._runtime.rules import encode_form

    assert encode_form(form) == urlencode(form)


def test_a_caller_id_takes_ascii_digits_only() -> None:
    from hoiio._runtime.params import _as_caller_id, _Bad

    param = next(m for m in EVERY if "caller_id" in m.endpoint.by_wire).endpoint.by_wire["caller_id"]
    assert _as_caller_id("+6591234567", param, None) == "+6591234567"
    with pytest.raises(_Bad):
        _as_caller_id("+65٩١٢٣٤٥٦٧", param, None)  # Arabic-Indic digits: \d took them
