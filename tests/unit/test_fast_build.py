"""Method.build's plain path (no option, no alias, no rule across parameters: most calls) gives
exactly what the general path gives: the same form, files and call options, or a
ValidationError with the same problems in the same order."""

from __future__ import annotations

import importlib
from typing import Any, List, Tuple

import pytest
from hoiio._generated.api import SERVICES
from hoiio._runtime.params import Method
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
# values of every kind, good and bad, for every parameter
VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", "SG", "+6591234567", "6591234567", "+0591234567", "https://example.com/n", "room:R1", "private",
                     "2012-01-01 00:00:00", "2012-02-30 00:00:00", "enabled", "\ud800", "x" * 5000, "5", "-1", "１２"]),
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
    plain = outcome(lambda: method.build(tuple(values), options, prefix))
    general = outcome(lambda: method._build_general(tuple(values), options, prefix))
    assert plain == general
