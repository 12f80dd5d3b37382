"""hoiio.Client raises the APIError subclass of an error status by default; the facade and a
client made with raise_on_error=False return the answer."""

from __future__ import annotations

import json
from typing import Any

import hoiio
import pytest
import responses
from hoiio._generated.api import STATUS_CODES
from hoiio_unit_support import APP, TOKEN, answer

CASES = [
    ("error_invalid_access_token", hoiio.AuthenticationError, False),
    ("error_insufficient_credit", hoiio.InsufficientCreditError, False),
    ("error_dest_invalid", hoiio.InvalidRequestError, False),
    ("error_txn_ref_access_denied", hoiio.NotFoundError, False),
    ("error_rate_limit_exceeded", hoiio.RateLimitError, True),
    ("error_internal_server_error", hoiio.ServerError, True),
    ("error_session_not_ready", hoiio.SessionStateError, True),
    ("error_brand_new_code", hoiio.APIError, False),
]


@pytest.mark.parametrize("code, cls, retryable", CASES)
def test_a_default_client_raises_the_category_class(code: str, cls: type, retryable: bool, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", json.dumps({"status": code}))
    with hoiio.Client(APP, TOKEN, max_retries=0) as client:
        with pytest.raises(cls) as info:
            client.sms.send("Hi", "+6511111111")
    err = info.value
    assert type(err) is cls and isinstance(err, hoiio.HoiioException)
    assert err.status == code and err.method == "sms.send" and err.retryable is retryable
    assert err.response is not None and err.response.status == code and err.response.json == {"status": code}
    assert err.response.response.status_code == 200  # the requests.Response
    assert f"sms.send: Hoiio answered {code}" in str(err) and TOKEN not in str(err) and TOKEN not in repr(err)
    assert len(mock.calls) == 1


def test_retryable_comes_from_the_spec_status_table() -> None:
    from hoiio._runtime.status import error_for

    for code, (_category, retry, _doc) in STATUS_CODES.items():
        if code != "success_ok":
            assert error_for(code).retryable is retry, code


def test_the_readme_quick_start_with_placeholder_credentials_names_the_cause(mock: responses.RequestsMock) -> None:
    """The failure that used to print None, then fail on a missing txn_ref."""
    answer(mock, "sms/send", '{"status":"error_invalid_app_id"}')
    with hoiio.Client("MY_APP_ID", "MY_ACCESS_TOKEN") as client:
        with pytest.raises(hoiio.AuthenticationError, match="error_invalid_app_id"):
            client.sms.send("Hoiio World", "+6511111111")


def test_raise_on_error_false_returns_the_answer(mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", '{"status":"error_insufficient_credit"}')
    with hoiio.Client(APP, TOKEN, raise_on_error=False) as client:
        res = client.sms.send("Hi", "+6511111111")
    assert res.status == "error_insufficient_credit" and not res.is_success() and res.txn_ref is None
    with pytest.raises(hoiio.InsufficientCreditError):
        res.raise_for_status()


def test_the_facade_returns_errors_as_the_original_sdk(facade: Any, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", '{"status":"error_insufficient_credit"}')
    facade.init(APP, TOKEN)
    res = facade.sms.send("Hi", "+6511111111")
    assert res.is_success() is False and res.status == "error_insufficient_credit" and res.txn_ref is None
    facade.init(APP, TOKEN, raise_on_error=True)  # asked for, it raises too
    with pytest.raises(hoiio.InsufficientCreditError):
        facade.sms.send("Hi", "+6511111111")


def test_the_pager_raises_on_an_error_page(mock: responses.RequestsMock) -> None:
    answer(mock, "sms/get_history", '{"status":"error_invalid_access_token"}')
    with hoiio.Client(APP, TOKEN) as client:
        with pytest.raises(hoiio.AuthenticationError):
            list(client.sms.history_iter())


def test_a_success_is_returned_with_its_always_present_fields(mock: responses.RequestsMock) -> None:
    answer(mock, "user/get_balance", '{"status":"success_ok","currency":"SGD","balance":"54.650"}')
    with hoiio.Client(APP, TOKEN) as client:
        bal = client.account.balance()
    assert (bal.currency, bal.balance, bal.points) == ("SGD", 54.65, None)
    assert isinstance(bal, hoiio.Response)


def test_the_facade_pages_with_wire_names_and_returns_error_pages(facade: Any, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/get_history", '{"status":"success_ok","entries_count":"1","total_entries_count":"1","entries":[{"txn_ref":"A"}]}')
    facade.init(APP, TOKEN)
    got = list(facade.sms.history_iter(**{"from": "2012-01-01 00:00:00"}))
    assert [e.txn_ref for e in got] == ["A"]
    assert "from=2012-01-01" in mock.calls[0].request.body
    with pytest.raises(hoiio.ValidationError, match="given twice"):
        facade.sms.history_iter(from_="2012-01-01 00:00:00", **{"from": "2012-01-02 00:00:00"})
    mock.replace(responses.POST, mock.calls[0].request.url, body='{"status":"error_invalid_access_token"}')
    pager = facade.sms.history_iter()
    assert list(pager) == [] and pager.last_response.status == "error_invalid_access_token"
