"""The fast paths of parsing give exactly what the lenient slow paths give.

coerce.py tries the exact wire shapes ("123", "0.038", "2012-01-01 12:34:56") first, in C, and
falls back to the lenient slow path on anything else; a model's builder (Model._builder, what
an entries list is made with) coerces every known field of an entry in one call, inlining the
same fast paths. These tests pin both against the slow path and against reading each field
through its descriptor, on tricky values, so that the speedup cannot change a result.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import math
import pickle
import pkgutil
from typing import Any, Dict, Iterator, List, Type

import hoiio.models
import pytest
from hoiio._runtime import coerce as C
from hoiio._runtime.model import Model, Response
from hoiio.models.number import AvailableNumber, AvailableNumbersResponse
from hoiio.models.sms import SmsBulkSendResponse, SmsHistoryResponse, SmsRecord
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

GMT8 = dt.timezone(dt.timedelta(hours=8))
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


def same(a: Any, b: Any) -> bool:
    """Equal, of the same type (NaN equal to NaN), datetimes in the same tzinfo object; lists and
    models compared item by item and field by field."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, Model):
        return a == b and all(same(getattr(a, k), getattr(b, k)) for k in a.keys() if k.isidentifier())
    if isinstance(a, dt.datetime):
        return a == b and a.tzinfo is b.tzinfo and a.fold == b.fold
    return bool(a == b)


# ---- the scalar coercers: fast path against slow path ----

INTS = [
    "123", " 12 ", "\t7\n", "-5", "+5", "0", "007", "1_000", "1__0", "_1", "1.0", "2.5", "-3.0", "1e3", "1e-3", " 1.0 ",
    "", " ", "abc", "0x10", "12a", "nan", "inf", "-inf", "\u0663", "\u0661\u0662", "\uff11\uff12", "\x1c12", "12\x1f",
    "\u200312", "12\x85", "\xa012", "1" * 5000, "1" * 4301 + ".0", "\ud800", "1\x00", True, False, 7, -7, 7.0, 7.5,
    float("nan"), float("inf"), None, [1], {"a": 1}, b"12",
]  # fmt: skip
FLOATS = [
    "0.038", " 0.038 ", "1.0", "-0.5", "+.5", "5.", "1e-3", "1E3", "1_0.5", "nan", "-nan", "NaN", "inf", "-Infinity",
    "1.0\n", "\x1c1.5", "\u20031.5", "", " ", "abc", "1,5", "0x1p3", "\u0661.\u0665", "1" * 400, True, False, 3, 3.5,
    float("nan"), None, ["1.0"], b"1.0",
]  # fmt: skip
DATETIMES = [
    "2012-01-01 12:34:56", "2010-01-01 10:10:00", "2012-12-31 23:59:59", "2012-02-29 00:00:00", "2011-02-29 00:00:00",
    "2012-02-30 12:00:00", "2012-13-01 00:00:00", "2012-01-01 24:00:00", "2012-01-01 12:60:00", "2012-01-01 12:34:60",
    "0000-01-01 00:00:00", "0001-01-01 00:00:00", "9999-12-31 23:59:59", "2012-01-01T12:34:56", " 2012-01-01 12:34:56",
    "2012-01-01 12:34:56 ", "2012-01-01  12:34:5", "2012-01-01 1:34:56 ", "2012-01-01 12:34:5Z", "2012-01-01 12:34+08",
    "2012-01-01 12:34.56", "2012-01-01 123456.7", "2012-W01-1 12:34:56", "2012-W01-1T12:34:5", "20120101 12:34:56.1",
    "2012-01x01 12x34x56", "2012-+1-01 12:34:56", "2012- 1-01 12:34:56", "2012-01-01 12:34:56.123",
    "2012-01-01 12:34:56.1234567", "2012-01-01 12:34:56.0", "2012-01-01 12:34:56.", "2012-01-01 12:34:56.abc",
    "2012-01-01", "2012-13-45", "2012-01-01 12:34", "\uff12012-01-01 12:34:56", "\u0662012-01-01 12:34:56",
    "\ud8002-01-01 12:34:56", "2012-01-01\x0012:34:56", "2012-01-01 12:34:56\x00", "", "yesterday", "-- ::" * 4, "x" * 19,
    None, 20120101, 1.5, True, ["2012-01-01 12:34:56"], dt.datetime(2012, 1, 1),
]  # fmt: skip


@pytest.mark.parametrize("value", INTS, ids=repr)
def test_to_int_fast_path_is_the_slow_path(value: Any) -> None:
    assert same(C.to_int(value), C._int_slow(value))


@pytest.mark.parametrize("value", FLOATS, ids=repr)
def test_to_float_fast_path_is_the_slow_path(value: Any) -> None:
    assert same(C.to_float(value), C._float_slow(value))


@pytest.mark.parametrize("value", DATETIMES, ids=repr)
def test_parse_datetime_fast_path_is_the_slow_path(value: Any) -> None:
    assert same(C.parse_datetime(value), C._datetime_slow(value))


def test_the_wire_shapes_take_the_fast_path_and_parse() -> None:
    assert same(C.to_int("123"), 123) and same(C.to_int("-5"), -5) and same(C.to_int(" 12 "), 12)
    assert same(C.to_int("1.0"), 1) and same(C.to_int("2.5"), "2.5")
    assert same(C.to_float("0.038"), 0.038) and same(C.to_float("n/a"), "n/a")
    moment = C.parse_datetime("2012-01-01 12:34:56")
    assert same(moment, dt.datetime(2012, 1, 1, 12, 34, 56, tzinfo=C.GMT8)) and moment.utcoffset() == dt.timedelta(hours=8)
    assert moment.tzinfo is C.GMT8  # the one GMT+8 object, as the slow path gives
    assert same(C.parse_datetime("2012-01-01 12:34:56.5"), dt.datetime(2012, 1, 1, 12, 34, 56, 500000, tzinfo=C.GMT8))
    assert same(C.parse_datetime("2012-02-30 12:00:00"), "2012-02-30 12:00:00")  # kept as it came
    assert same(C.parse_datetime("2012-W01-1 12:34:56"), "2012-W01-1 12:34:56")  # fromisoformat would read it


numberish = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789+-._eE \t\n\x1c\u2003\u0663naif", max_size=12),
    st.builds(lambda n, a, b: f"{a}{n}{b}", st.one_of(st.integers(), st.floats()), st.sampled_from(["", " ", "\t"]), st.sampled_from(["", " ", "\n"])),
)  # fmt: skip


@SETTINGS
@given(value=numberish)
def test_numbers_fast_equals_slow_on_any_text(value: str) -> None:
    assert same(C.to_int(value), C._int_slow(value))
    assert same(C.to_float(value), C._float_slow(value))


@st.composite
def datetime_like(draw: st.DrawFn) -> str:
    """A wire datetime, valid or not, with a few characters replaced, inserted or removed."""
    moment = draw(st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)))
    text = list(moment.strftime("%Y-%m-%d %H:%M:%S") if moment.year >= 1000 else f"{moment.year:04d}" + moment.strftime("-%m-%d %H:%M:%S"))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        char = draw(st.sampled_from("0123456789-: T.+WZ\x00\u0663\uff11\x1c"))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        if action == "insert" or not text:
            text.insert(at, char)
        elif action == "replace":
            text[min(at, len(text) - 1)] = char
        else:
            del text[min(at, len(text) - 1)]
    return "".join(text)


@SETTINGS
@given(value=st.one_of(datetime_like(), st.text(alphabet="0123456789-: T.", min_size=17, max_size=21)))
def test_datetimes_fast_equals_slow_on_near_misses(value: str) -> None:
    assert same(C.parse_datetime(value), C._datetime_slow(value))


# ---- the builder: one call per entry gives what reading each field gives ----


def _model_classes() -> List[Type[Model]]:
    out: List[Type[Model]] = []
    for info in pkgutil.iter_modules(hoiio.models.__path__):
        module = importlib.import_module(f"hoiio.models.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Model) and obj.__module__ == module.__name__ and obj._FIELDS:
                out.append(obj)
    return out


MODELS = _model_classes()

RAW = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=True), st.text(max_size=8),
    st.sampled_from([
        "", " ", "7", " 7 ", "-3", "1.0", "2.5", "0.038", " 0.038", "1e3", "n/a", "2012-01-01 12:34:56", "2012-01-01T12:34:56",
        "2012-02-30 12:00:00", "2012-01-01 12:34:56.123", "2012-01-01 12:34:56.1234567", " 2012-01-01 12:34:56", "2012-01-01",
        "2012-13-45", "yesterday", "delivered", "answered", "enabled", "disabled", "true", "0", "+65", "a, b,,c", "SGD",
    ]),
    st.lists(st.sampled_from(["VOICE", "SMS", 3, None]), max_size=3),
    st.lists(st.dictionaries(st.sampled_from(["code", "name", "capability", "number", "x"]), st.sampled_from(["SG", "7", ["SMS"], None]), max_size=3), max_size=2),
    st.dictionaries(st.sampled_from(["a", "date"]), st.sampled_from(["1", "2012-01-01 12:34:56"]), max_size=2),
)  # fmt: skip


@st.composite
def wire_objects(draw: st.DrawFn, model: Type[Model]) -> Dict[str, Any]:
    wires = list(model._FIELDS) + [a for aliases in model._ALIASES.values() for a in aliases] + ["x_unknown"]
    return {wire: draw(RAW) for wire in wires if draw(st.booleans())}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_builder_equals_reading_each_field(model: Type[Model], data: st.DataObject) -> None:
    wire = data.draw(wire_objects(model), label="wire")
    built = model._builder()(wire)
    read = model(wire) if not issubclass(model, Response) else model(wire, text="", method="x")
    assert type(built) is model and built._data is wire and built == read
    for wire_name in model._FIELDS:
        name = {w: p for p, w in model._PYTHON.items()}.get(wire_name, wire_name)
        if name.isidentifier():
            assert same(getattr(built, name), getattr(read, name)), (name, wire.get(wire_name))
    assert built.to_dict() == read.to_dict() or repr(built.to_dict()) == repr(read.to_dict())  # NaN != NaN
    assert repr(built) == repr(read)
    assert built.keys() == read.keys()
    if "x_unknown" in wire:
        assert same(built.x_unknown, wire["x_unknown"])


def test_every_generated_model_has_a_builder() -> None:
    assert len(MODELS) > 40
    for model in MODELS:
        build = model._builder()
        assert build is model._builder()  # compiled once, kept on the class
        assert type(build({})) is model


def _history_entry(**override: Any) -> Dict[str, Any]:
    entry = {
        "txn_ref": "AA-S-1", "tag": "t", "sms_status": "delivered", "src": "+6590000000", "dest": "+6581000000",
        "date": "2012-01-01 12:34:56", "split_count": "2", "msg": "Hi", "currency": "SGD", "rate": "0.038", "debit": "0.076",
    }  # fmt: skip
    entry.update(override)
    return {k: v for k, v in entry.items() if v is not ...}


def test_history_entries_tricky_values() -> None:
    entries = [
        _history_entry(),
        _history_entry(split_count=" 3 ", rate="1.0", debit="-0.5", date="2012-01-01 12:34:56.250"),
        _history_entry(split_count="2.5", rate="n/a", date="2012-02-30 12:00:00", sms_status="brand_new"),
        _history_entry(split_count=4, rate=1, debit=0.5, tag=42, date=None, sms_status=None),
        _history_entry(src=..., date=..., rate=..., msg=...),
    ]
    got = SmsHistoryResponse({"status": "success_ok", "entries": entries}).entries
    assert [type(e) for e in got] == [SmsRecord] * 5
    first, second, third, fourth, fifth = got
    assert same(first.date, dt.datetime(2012, 1, 1, 12, 34, 56, tzinfo=C.GMT8)) and same(first.split_count, 2)
    assert first.sms_status is hoiio.models.sms.SmsStatus.DELIVERED and same(first.rate, 0.038)
    assert same(second.split_count, 3) and same(second.rate, 1.0) and same(second.debit, -0.5)
    assert same(second.date, dt.datetime(2012, 1, 1, 12, 34, 56, 250000, tzinfo=C.GMT8))
    assert (third.split_count, third.rate, third.date, third.sms_status) == ("2.5", "n/a", "2012-02-30 12:00:00", "brand_new")
    assert type(third.sms_status) is str
    assert same(fourth.split_count, 4) and same(fourth.rate, 1.0) and same(fourth.debit, 0.5) and same(fourth.tag, "42")
    assert fourth.date is None and fourth.sms_status is None
    assert fifth.src is None and fifth.date is None and fifth.rate is None and fifth.msg is None  # missing: None
    assert "src" not in fifth and "src" in first
    for entry, raw in zip(got, entries):
        fresh = SmsRecord(raw)
        assert all(same(getattr(entry, name), getattr(fresh, name)) for name in SmsRecord._FIELDS)


def test_entries_items_that_are_not_objects_stay_as_they_came() -> None:
    got = SmsHistoryResponse({"entries": [_history_entry(), "AA-S-2", 7, None, ["x"]]}).entries
    assert type(got[0]) is SmsRecord and got[1:] == ["AA-S-2", 7, None, ["x"]]  # SmsRecord has no from_string field
    assert SmsHistoryResponse({"entries": "not a list"}).entries == "not a list"


def test_from_string_entries_are_built_too() -> None:
    got = AvailableNumbersResponse({"entries": ["+6531581234", {"number": "+16502223333", "capability": "VOICE, SMS"}, 5]}).entries
    assert [type(e) for e in got[:2]] == [AvailableNumber, AvailableNumber] and got[2] == 5
    assert got[0].number == "+6531581234" and got[0].capability == [] and got[0]._data == {"number": "+6531581234"}
    assert got[1].capability == ["VOICE", "SMS"]


def test_the_builder_honours_aliases() -> None:
    build = SmsBulkSendResponse._builder()
    assert build({"txn_ref": "AA-B-1"}).bulk_txn_ref == "AA-B-1"
    assert build({"bulk_txn_ref": "AA-B-2", "txn_ref": "AA-B-1"}).bulk_txn_ref == "AA-B-2"  # the field's own name first
    assert build({"bulk_txn_ref": None, "txn_ref": "AA-B-1"}).bulk_txn_ref is None  # present, even as null
    assert build({}).bulk_txn_ref is None
    res = build({"txn_ref": "AA-B-1", "status": "success_ok"})
    # txn_ref is a field of its own too (aliased to bulk_txn_ref), so both read the batch reference
    assert res.to_dict() == {"status": "success_ok", "bulk_txn_ref": "AA-B-1", "txn_ref": "AA-B-1"} and "bulk_txn_ref" in res
    assert build({"bulk_txn_ref": "AA-B-2"}).txn_ref == "AA-B-2"
    assert res.status == "success_ok" and res.is_success()  # the property, not a field value


# ---- a model of every kind of field, made by hand ----


class Colour(str, enum.Enum):
    RED = "red"
    BLUE = "blue"


class Part(Model):
    _FIELDS = {"code": C.to_str, "count": C.to_int}


class Item(Model):
    _FIELDS = {
        "ref": C.to_str, "count": C.to_int, "price": C.to_float, "when": C.parse_datetime, "day": C.parse_date,
        "colour": C.enum_of(Colour), "ok": C.to_bool, "labels": C.str_list, "parts": C.entries(Part), "raw": None,
        "class": C.to_str, "describe": C.to_str, "shadowed": C.to_int, "some-wire": C.to_int,
    }  # fmt: skip
    _ALIASES = {"ref": ("id", "item_ref")}
    _PYTHON = {"klass": "class"}
    _FROM_STRING = "ref"

    @property
    def shadowed(self) -> str:
        return "the property"

    @staticmethod
    def describe() -> str:
        return "a method"


class Items(Model):
    _FIELDS = {"entries": C.entries(Item)}


ITEM = {
    "id": "I-1", "item_ref": "I-0", "count": " 3 ", "price": "1.0", "when": "2012-01-01 12:34:56", "day": "2012-01-02",
    "colour": "red", "ok": "yes", "labels": "a, b", "parts": [{"code": 7, "count": "2"}, "p"], "raw": {"k": "v"},
    "class": "first", "describe": "d", "shadowed": "5", "some-wire": "6", "extra": "e",
}  # fmt: skip


def _items() -> Iterator[Item]:
    got = Items({"entries": [ITEM, "I-2", {"ref": "I-3", "price": "x"}, 1.5]}).entries
    assert isinstance(got, list)
    yield from got


def test_a_hand_made_model_built_in_one_go() -> None:
    item, from_string, third, odd = _items()
    assert type(item) is Item and type(from_string) is Item and type(third) is Item and odd == 1.5
    assert item.ref == "I-1"  # the first alias present
    assert same(item.count, 3) and same(item.price, 1.0) and same(item.when, dt.datetime(2012, 1, 1, 12, 34, 56, tzinfo=C.GMT8))
    assert same(item.day, dt.date(2012, 1, 2)) and item.colour is Colour.RED and item.ok is True and item.labels == ["a", "b"]
    assert item.raw == {"k": "v"} and item.klass == "first" and item.extra == "e"
    assert [type(p) for p in item.parts] == [Part, str] and item.parts[0].code == "7" and same(item.parts[0].count, 2)
    assert item.shadowed == "the property"  # a property defined on the class keeps precedence
    assert item.describe() == "a method" and "describe" in item.keys()  # so does a method: the builder never shadows it
    assert item["some-wire"] == 6
    assert from_string.ref == "I-2" and from_string.count is None and from_string._data == {"ref": "I-2"}
    assert third.price == "x" and third.when is None
    for built in (item, from_string, third):
        fresh = Item(built._data)
        assert built == fresh and repr(built) == repr(fresh) and built.to_dict() == fresh.to_dict() and built.keys() == fresh.keys()
        for name in ("ref", "count", "price", "when", "day", "colour", "ok", "labels", "parts", "raw", "klass", "shadowed"):
            assert same(getattr(built, name), getattr(fresh, name)), name


@pytest.mark.parametrize("value", INTS + FLOATS + DATETIMES + ["red", "blue", " red", Colour.BLUE], ids=repr)
def test_the_builder_inlines_the_same_fast_paths(value: Any) -> None:
    """Each inlined coercion of the builder against the field read through its descriptor."""
    wire = {name: value for name in ("ref", "count", "price", "when", "colour", "class")}
    built, fresh = Item._builder()(wire), Item(wire)
    for name in ("ref", "count", "price", "when", "colour", "klass"):
        assert same(getattr(built, name), getattr(fresh, name)), name
    assert same(built.when, C._datetime_slow(value)) and same(built.count, C._int_slow(value))
    assert same(built.price, C._float_slow(value))


def test_built_entries_pickle_and_compare_like_any_model() -> None:
    item = next(_items())
    copy = pickle.loads(pickle.dumps(item))
    assert type(copy) is Item and copy == item and copy._data == item._data
    assert same(copy.when, item.when) and copy.parts == item.parts and repr(copy) == repr(item)
    history = SmsHistoryResponse({"status": "success_ok", "entries": [_history_entry()]}, text="{}", method="sms.history")
    again = pickle.loads(pickle.dumps(history))
    assert again == history and same(again.entries, history.entries)


class Custom(Part):
    """A subclass with its own constructor, a property over a field and one more field."""

    _FIELDS = {**Part._FIELDS, "extra": C.to_int}

    def __init__(self, data: Dict[str, Any]) -> None:
        super().__init__(data)
        self.made_by_init = True
        self.__dict__["extra"] = "set by __init__"

    @property
    def code(self) -> str:
        return "overridden"


def test_a_subclass_gets_its_own_builder_and_constructor() -> None:
    assert Custom._builder() is not Part._builder()
    part = Part._builder()({"code": 1, "extra": "3"})
    assert type(part) is Part and part.code == "1" and part.extra == "3"  # extra is not a field of Part
    custom = Custom._builder()({"code": 1, "count": "4", "extra": "3"})
    assert type(custom) is Custom and custom.made_by_init is True
    assert custom.code == "overridden" and same(custom.count, 4)
    assert custom.extra == "set by __init__"  # what the constructor set is kept


def test_an_answer_is_made_as_its_constructor_makes_it() -> None:
    """Response._answer (what the client returns) skips the two __init__ calls of the generated
    models: the same object as the constructor makes, field reads, pickling and all."""
    data = {"status": "success_ok", "txn_ref": "AA-S-1", "extra": "x"}
    for cls in (SmsBulkSendResponse, SmsHistoryResponse, Response):
        made = cls._answer(data, '{"status":"success_ok"}', None, "sms.send")
        built = cls(data, text='{"status":"success_ok"}', response=None, method="sms.send")
        assert type(made) is cls and made.__dict__ == built.__dict__ and made == built
        assert made.status == "success_ok" and made.json is data and made.method == "sms.send" and made.extra == "x"
        assert pickle.loads(pickle.dumps(made)).__dict__ == pickle.loads(pickle.dumps(built)).__dict__

    class Own(Response):  # a constructor of its own is called
        def __init__(self, data: Any, **kw: Any) -> None:
            super().__init__(data, **kw)
            self.seen = True

    assert Own._answer(data, "", None, "m").seen is True


@pytest.mark.parametrize("text", ["2000-01-01 00:Z\x00:00", "2000-01-01 00:00:0Z"])
def test_a_string_of_the_wire_shape_but_not_its_digits_is_kept_as_it_came(text: str) -> None:
    """datetime.fromisoformat accepts more shapes on newer Pythons (3.12 read the first as
    midnight): the fast path takes only ASCII digits in the wire's places."""
    from hoiio._runtime.coerce import parse_datetime

    assert parse_datetime(text) == text
