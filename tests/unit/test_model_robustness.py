"""Models: wire names that look like methods or private attributes, and absent list fields."""

from __future__ import annotations

import pickle

import pytest
from hoiio.models.number import AvailableNumbersResponse, CountriesResponse
from hoiio.models.sms import SmsHistoryResponse, SmsSendResponse
from hoiio.models.voice import ConferenceResponse

TRICKY = ["keys", "to_dict", "is_success", "get", "raise_for_status", "json", "text", "response", "_data", "_x", "__class__", "__dict__"]


@pytest.mark.parametrize("name", TRICKY)
def test_a_field_named_like_a_method_or_private_attribute_is_plain_data(name: str) -> None:
    res = SmsSendResponse({"status": "success_ok", "txn_ref": "AA-S-1", name: "v"})
    assert repr(res) == f"SmsSendResponse(status='success_ok', txn_ref='AA-S-1', {name}='v')"
    assert res.to_dict() == {"status": "success_ok", "txn_ref": "AA-S-1", name: "v"}
    assert res[name] == "v" and res.get(name) == "v" and name in res and name in res.keys()
    assert res.json[name] == "v"
    # the object's own methods and attributes are untouched
    assert res.is_success() is True and res.txn_ref == "AA-S-1" and callable(res.keys)
    assert pickle.loads(pickle.dumps(res)).to_dict() == res.to_dict()


def test_private_wire_names_are_not_attributes() -> None:
    res = SmsSendResponse({"status": "success_ok", "_secret": 1})
    with pytest.raises(AttributeError):
        res._secret  # noqa: B018
    assert res["_secret"] == 1 and "_secret" not in dir(res)


def test_unknown_fields_by_item_and_get_only() -> None:
    res = SmsSendResponse({"status": "success_ok", "txn_ref": "T", "x_new": [1]})
    assert res["x_new"] == [1] and res.get("x_new") == [1] and res.get("missing", 5) == 5
    with pytest.raises(KeyError):
        res["missing"]
    with pytest.raises(KeyError):
        res[1]  # type: ignore[index]


def test_absent_list_fields_read_as_empty_lists() -> None:
    assert SmsHistoryResponse({"status": "success_ok"}).entries == []
    assert SmsHistoryResponse({"status": "error_invalid_app_id"}).entries == []
    assert ConferenceResponse({"status": "success_ok", "room": "R"}).txn_refs == []
    countries = CountriesResponse({"status": "success_ok", "entries": [{"code": "SG", "name": "Singapore"}]}).entries
    assert countries[0].states == []
    for state in countries[0].states:  # the guide's loop
        raise AssertionError(state)
    numbers = AvailableNumbersResponse({"status": "success_ok", "entries": ["+6531581234"]}).entries
    assert numbers[0].capability == []
    # but an absent list is still absent on the wire
    res = SmsHistoryResponse({"status": "success_ok"})
    assert "entries" not in res and res.to_dict() == {"status": "success_ok"} and res["entries"] == []
