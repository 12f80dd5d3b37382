"""Property (issue 21): a number field holding what no int or float of its type can be (a
400-digit integer in a float field, 1e999, "nan", "inf", an integer at the decoder's digit
limit) reads as it came or as a value of its type, in every model the spec generates (responses,
their entries, notifications): reading each field, repr, to_dict and pickling raise nothing.
The bodies are JSON text decoded as the transport decodes an answer (json.loads)."""

from __future__ import annotations

import importlib
import json
import math
import pickle
from typing import List, Tuple

from hoiio._runtime import coerce as C
from hoiio._runtime.model import Model, Response
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_MODULES = ["account", "conference", "fax", "ivr", "notifications", "number", "sms", "voice"]
_NUMERIC = (C.to_int, C.to_float)


def _models() -> List[type]:
    out = []
    for name in _MODULES:
        module = importlib.import_module(f"hoiio.models.{name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Model) and obj.__module__ == module.__name__ and obj._FIELDS:
                out.append(obj)
    return sorted(set(out), key=lambda c: c.__qualname__)


MODELS = _models()
NUMERIC_FIELDS: List[Tuple[type, str]] = [(m, f) for m in MODELS for f, c in m._FIELDS.items() if c in _NUMERIC]
ENTRY_LISTS: List[Tuple[type, str, type]] = []
for _m in MODELS:
    for _f, _c in _m._FIELDS.items():
        # an entries(model) coercer holds its entry model in its closure
        _held = [cell.cell_contents for cell in (getattr(_c, "__closure__", None) or ())]
        _entry = next((h for h in _held if isinstance(h, type) and issubclass(h, Model)), None)
        if getattr(_c, "is_list", False) and _entry is not None:
            ENTRY_LISTS.append((_m, _f, _entry))

# JSON text of a hostile number: huge integers (within the decoder's 4,300-digit limit), floats
# beyond the double range (decoded to inf), and strings no int or float reads as a number.
_huge_ints = st.integers(300, 4300).flatmap(lambda n: st.sampled_from(["9" * n, "-" + "9" * n, "1" + "0" * (n - 1)]))
_texts = st.sampled_from([
    "1e999", "-1e999", "1E400", "1e-999", "123456789012345678901234567890.5e300", "0.0", "-0", "NaN", "Infinity", "-Infinity",
    '"nan"', '"inf"', '"-inf"', '"Infinity"', '"1e400"', '"1e999"', '"' + "9" * 400 + '"', '"' + "9" * 5000 + '"',
    '"9' + "9" * 400 + '.5"', '" 1e999 "', '"0x10"', '"1_000"', '"\u0661\u0662"', '"\u00b2"', "true", "null", "[]", "{}",
])  # fmt: skip
_numbers = st.one_of(_huge_ints, _texts, st.floats(allow_nan=True, allow_infinity=True).map(lambda f: json.dumps(f)))


def _read_all(obj: Model) -> None:
    for name in type(obj)._FIELDS:
        value = obj[name]
        if isinstance(value, float) and not math.isnan(value):
            assert value == value
    repr(obj)
    obj.to_dict()
    pickle.loads(pickle.dumps(obj)).to_dict()


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_hostile_number_in_any_numeric_field_reads_without_raising(data: st.DataObject) -> None:
    model, field = data.draw(st.sampled_from(NUMERIC_FIELDS), label="field")
    text = data.draw(_numbers, label="number")
    body = json.loads(f'{{"status":"success_ok","{field}":{text}}}')  # as the transport decodes an answer
    obj = Response._answer.__func__(model, body, "", None, "") if issubclass(model, Response) else model(body)  # type: ignore[attr-defined]
    _read_all(obj)
    value = obj[field]
    raw = body[field]
    coercer = model._FIELDS[field]
    if isinstance(raw, int) and not isinstance(raw, bool):
        if coercer is C.to_int:
            assert value == raw
        elif abs(raw) >= 2**1024:  # no float holds it: kept as it came
            assert value == raw and type(value) is int
        else:
            assert value == float(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_hostile_numbers_in_entries_read_without_raising(data: st.DataObject) -> None:
    """The entries of a list (made by the model's builder) with a hostile number in every numeric field."""
    model, field, entry = data.draw(st.sampled_from(ENTRY_LISTS), label="list")
    numeric = [f for f, c in entry._FIELDS.items() if c in _NUMERIC]
    items = []
    for _ in range(data.draw(st.integers(1, 3), label="entries")):
        items.append("{" + ",".join(f'"{f}":{data.draw(_numbers, label=f)}' for f in numeric) + "}")
    body = json.loads(f'{{"status":"success_ok","{field}":[{",".join(items)}]}}')
    obj = Response._answer.__func__(model, body, "", None, "") if issubclass(model, Response) else model(body)  # type: ignore[attr-defined]
    _read_all(obj)
    for item in obj[field]:
        _read_all(item)


def test_every_numeric_field_and_entry_list_is_covered() -> None:
    assert len(NUMERIC_FIELDS) > 20 and {"balance", "rate", "debit"} <= {f for _, f in NUMERIC_FIELDS}
    assert {f for _, f, _ in ENTRY_LISTS} >= {"entries"}
