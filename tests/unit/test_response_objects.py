"""What a method returns: attribute access, coercions, the original SDK's text/json/response,
status helpers and exceptions, repr without secrets; and how network failures surface."""

from __future__ import annotations

import datetime as dt
import json
import logging
import socket
from typing import Any, Iterator

import hoiio
import pytest
import requests
import responses
from hoiio._runtime import rules
from hoiio_unit_support import APP, BASE, TOKEN, answer

SGT = dt.timezone(dt.timedelta(hours=8))


# ---- fields ----


def test_known_unknown_and_absent_fields(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", '{"txn_ref":"AA-S-141147","status":"success_ok","x_unknown_field":"ignored","n":7}')
    res = client.sms.send("Hi", "+6511111111")
    assert res.txn_ref == "AA-S-141147"
    assert res.x_unknown_field == "ignored"  # unknown fields read as they came
    assert res.n == 7
    with pytest.raises(AttributeError):
        res.not_there  # noqa: B018
    assert res.get("not_there", "dflt") == "dflt"
    assert "txn_ref" in res and "not_there" not in res


def test_known_but_absent_reads_none(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/query_status", '{"status":"success_ok","txn_ref":"AA-S-1","sms_status":"delivered"}')
    res = client.sms.status("AA-S-1")
    assert res.src is None and res.tag is None and res.date is None and res.debit is None and res.split_count is None
    assert "src" not in res
    with pytest.raises(AttributeError):
        res.srcc  # noqa: B018


def test_a_misspelt_field_names_the_closest_one(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    """What mypy says of `res.txn_reff`, said at run time too (an entry's fields too)."""
    answer(mock, "sms/send", '{"txn_ref":"AA-S-141147","status":"success_ok"}')
    res = client.sms.send("Hi", "+6511111111")
    with pytest.raises(AttributeError) as info:
        res.txn_reff  # noqa: B018
    assert str(info.value) == "SmsSendResponse has no field 'txn_reff'; did you mean 'txn_ref'?"
    with pytest.raises(AttributeError) as info:
        res.nothing_like_it  # noqa: B018
    assert str(info.value) == "SmsSendResponse has no field 'nothing_like_it'"
    answer(mock, "sms/get_history", '{"status":"success_ok","entries_count":"1","total_entries_count":"1",'
                                    '"entries":[{"txn_ref":"AA-S-1","sms_status":"delivered"}]}')  # fmt: skip
    entry = client.sms.history().entries[0]
    with pytest.raises(AttributeError, match="^SmsRecord has no field 'sms_stats'; did you mean 'sms_status'\\?$"):
        entry.sms_stats  # noqa: B018


def test_error_response_has_status_and_none_fields(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "number/get_countries", '{"status":"error_invalid_app_id"}')
    res = client.number.available_countries()
    assert res.status == "error_invalid_app_id"
    assert res.is_success() is False
    assert res.entries == []  # an absent list reads as empty (the original SDK raised AttributeError here)


def test_coercions(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(
        mock,
        "voice/query_status",
        '{"status":"success_ok","txn_ref":"AA-S-141147","date":"2010-01-01 10:10:00","duration":"7",'
        '"currency":"SGD","rate":"0.020","debit":"0.140","call_status_dest1":"answered"}',
    )
    res = client.voice.status("AA-S-141147")
    assert res.date == dt.datetime(2010, 1, 1, 10, 10, tzinfo=SGT)
    assert res.date.utcoffset() == dt.timedelta(hours=8)
    assert res.date == dt.datetime(2010, 1, 1, 2, 10, tzinfo=dt.timezone.utc)
    assert type(res.duration) is int and res.duration == 7
    assert type(res.rate) is float and res.rate == 0.02
    assert type(res.debit) is float and res.debit == 0.14
    assert res.call_status_dest1 == hoiio.CallStatus.ANSWERED == "answered"
    assert res.json["duration"] == "7"  # the raw body stays as it came


@pytest.mark.parametrize(
    "wire, micro",
    [("2012-09-10 17:58:49.123", 123000), ("2012-09-10 17:58:49.0", 0), ("2012-09-10 17:58:49.500000", 500000),
     ("2012-09-10 17:58:49.1234567", 123456)],
)
def test_fractional_seconds(wire: str, micro: int, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/query_status", json.dumps({"status": "success_ok", "date": wire}))
    assert client.sms.status("T").date == dt.datetime(2012, 9, 10, 17, 58, 49, micro, tzinfo=SGT)


def test_unparseable_values_are_kept_as_they_came(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "voice/query_status", '{"status":"success_ok","date":"yesterday","duration":"2.5","rate":"n/a"}')
    res = client.voice.status("T")
    assert (res.date, res.duration, res.rate) == ("yesterday", "2.5", "n/a")


@pytest.mark.parametrize(
    "body, expected",
    [
        ('{"status":"success_ok","txn_refs":["AA-C-1","AA-C-2","AA-C-3"],"room":"R123"}', ["AA-C-1", "AA-C-2", "AA-C-3"]),
        ('{"status":"success_ok","txn_refs":"AA-C-1,AA-C-2,AA-C-3","room":"R123"}', ["AA-C-1", "AA-C-2", "AA-C-3"]),
        ('{"status":"success_ok","txn_refs":"AA-C-1","room":"R123"}', ["AA-C-1"]),
    ],
)
@pytest.mark.parametrize("path", ["voice/conference", "conference/call"])
def test_txn_refs_from_array_and_csv(path: str, body: str, expected: Any, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, path, body)
    method = client.voice.conference if path == "voice/conference" else client.conference.call
    res = method("+6511111111", "+6522222222", "+6533333333")
    assert res.txn_refs == expected
    assert res.room == "R123"


@pytest.mark.parametrize("body", ['{"bulk_txn_ref":"AA-B-147","status":"success_ok"}', '{"txn_ref":"AA-B-147","status":"success_ok"}'])
def test_bulk_txn_ref_also_arrives_as_txn_ref(body: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/bulk_send", body)
    res = client.sms.bulk_send("Hi", "+6511111111", "+6522222222")
    assert res.bulk_txn_ref == "AA-B-147"
    assert res.txn_ref == "AA-B-147"  # what code written for the original SDK reads
    assert res.to_dict() == {"status": "success_ok", "bulk_txn_ref": "AA-B-147", "txn_ref": "AA-B-147"}
    assert "bulk_txn_ref" in res and "txn_ref" in res
    assert repr(res) == "SmsBulkSendResponse(status='success_ok', bulk_txn_ref='AA-B-147', txn_ref='AA-B-147')"


def test_choices_entries_as_strings_or_objects(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "number/get_choices", '{"status":"success_ok","total_entries_count":"2","entries_count":"2","entries":["+6531581234","+6531585678"]}')
    res = client.number.available_numbers("SG")
    assert [e.number for e in res.entries] == ["+6531581234", "+6531585678"]
    assert [e.capability for e in res.entries] == [[], []]
    mock.replace(
        responses.POST, BASE + "number/get_choices",
        body='{"status":"success_ok","entries":[{"number":"+16502223333","capability":["VOICE","SMS"]}]}',
    )  # fmt: skip
    res = client.number.available_numbers("US", "CA")
    assert res.entries[0].number == "+16502223333"
    assert res.entries[0].capability == ["VOICE", "SMS"]


def test_info_prefix_without_plus_and_enabled_flags(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(
        mock, "user/get_info",
        '{"status":"success_ok","uid":"AA-1234","caller_ids":["+6511111111","p"],"prefix":"+65",'
        '"sms_rebrand_status":"enabled","call_rebrand_status":"disabled"}',
    )  # fmt: skip
    res = client.account.info()
    assert res.prefix == "65"
    assert res.json["prefix"] == "+65"
    assert res.caller_ids == ["+6511111111", "p"]
    assert res.sms_rebrand_status is True
    assert res.call_rebrand_status is False  # not inverted, as the original SDK's auto_extend_status was


def test_nested_entries_and_dates(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(
        mock, "number/get_active",
        '{"status":"success_ok","entries_count":"2","entries":[{"number":"+16001234567","expiry":"2012-12-31",'
        '"auto_extend_status":"enabled","capabilities":["VOICE","SMS"]},{"number":"+6531580000","expiry":"2013-01-15",'
        '"auto_extend_status":"disabled"}]}',
    )  # fmt: skip
    res = client.number.subscribed_numbers()
    assert res.entries_count == 2
    first, second = res.entries
    assert first.expiry == dt.date(2012, 12, 31) and not isinstance(first.expiry, dt.datetime)
    assert first.auto_extend_status is True and second.auto_extend_status is False
    assert first.capabilities == ["VOICE", "SMS"] and second.capabilities == []
    assert first.forward_to is None and second.state is None
    answer(
        mock, "number/get_countries",
        '{"status":"success_ok","entries_count":"2","entries":[{"code":"SG","name":"Singapore","prefix":"65"},'
        '{"code":"US","name":"USA","prefix":"1","states":[{"code":"AL","name":"Alabama","capability":["VOICE","SMS"]}]}]}',
    )  # fmt: skip
    countries = client.number.available_countries().entries
    assert countries[0].states == []  # absent: empty, so `for state in country.states` works
    assert [(s.code, s.name, s.capability) for s in countries[1].states] == [("AL", "Alabama", ["VOICE", "SMS"])]


def test_is_unicode_from_bool_or_string(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/get_rate", '{"status":"success_ok","is_unicode":"false","total_cost":"0.064","split_count":"2"}')
    res = client.sms.rate("Hi", "+6511111111")
    assert res.is_unicode is False and res.total_cost == 0.064 and res.split_count == 2
    mock.replace(responses.POST, BASE + "sms/get_rate", body='{"status":"success_ok","is_unicode":true}')
    assert client.sms.rate("你好", "+6511111111").is_unicode is True


# ---- the original SDK's attributes ----


def test_text_json_response(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    body = '{"txn_ref": "AA-C-3070102","status": "success_ok"}'
    mock.add(responses.POST, BASE + "voice/call", body=body, status=200, headers={"X-Test": "1"}, content_type="application/json")
    res = client.voice.call("+6511111111", "+6522222222")
    assert res.text == body
    assert isinstance(res.json, dict) and res.json == {"txn_ref": "AA-C-3070102", "status": "success_ok"}
    assert isinstance(res.response, requests.Response)
    assert res.response.status_code == 200 and res.response.headers["X-Test"] == "1"
    assert "hoiio-python/" in res.response.request.headers["User-Agent"]
    assert res.status == "success_ok" and res.is_success() is True
    assert res.raise_for_status() is res
    assert isinstance(res, hoiio.Response)


def test_to_dict_gives_plain_coerced_data(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(
        mock, "voice/get_history",
        '{"status":"success_ok","entries_count":"1","total_entries_count":"1","x":"y","entries":[{"date":"2010-01-01 10:10:00",'
        '"duration":"7","dest1":"+6511111111","currency":"SGD","rate":"0.020"}]}',
    )  # fmt: skip
    data = client.voice.history().to_dict()
    assert data == {
        "status": "success_ok",
        "entries_count": 1,
        "total_entries_count": 1,
        "entries": [{"date": dt.datetime(2010, 1, 1, 10, 10, tzinfo=SGT), "duration": 7, "dest1": "+6511111111",
                     "currency": "SGD", "rate": 0.02}],
        "x": "y",
    }
    assert type(data["entries"][0]) is dict


# ---- errors ----

CATEGORIES = [
    ("error_insufficient_credit", hoiio.InsufficientCreditError),
    ("error_invalid_access_token", hoiio.AuthenticationError),
    ("error_invalid_app_id", hoiio.AuthenticationError),
    ("error_not_allowed_for_trial", hoiio.AuthenticationError),
    ("error_rate_limit_exceeded", hoiio.RateLimitError),
    ("error_concurrent_call_limit_reached", hoiio.RateLimitError),
    ("error_invalid_txn_ref", hoiio.NotFoundError),
    ("error_invalid_session", hoiio.NotFoundError),
    ("error_session_ended", hoiio.SessionStateError),
    ("error_session_not_ready", hoiio.SessionStateError),
    ("error_dest_invalid", hoiio.InvalidRequestError),
    ("error_dest_param_missing", hoiio.InvalidRequestError),
    ("error_internal_server_error", hoiio.ServerError),
    ("error_brand_new_code", hoiio.APIError),
]


@pytest.mark.parametrize("code, cls", CATEGORIES)
def test_raise_for_status_raises_the_category_class(code: str, cls: type, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", json.dumps({"status": code}))
    res = client.sms.send("Hi", "+6511111111")  # errors are returned, not raised
    assert len(mock.calls) == 1  # a send is never retried
    assert res.status == code and res.is_success() is False
    with pytest.raises(hoiio.APIError) as info:
        res.raise_for_status()
    assert type(info.value) is cls
    assert isinstance(info.value, hoiio.HoiioException)
    assert info.value.status == code and info.value.response is res and info.value.method == "sms.send"
    assert code in str(info.value)


@pytest.mark.parametrize("code, cls", CATEGORIES)
def test_raise_on_error(code: str, cls: type, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", json.dumps({"status": code}))
    with hoiio.Client(APP, TOKEN, raise_on_error=True) as client:
        with pytest.raises(cls) as info:
            client.sms.send("Hi", "+6511111111")
    assert type(info.value) is cls
    assert info.value.response.status == code


def test_raise_on_error_success_returns(mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", '{"status":"success_ok","txn_ref":"AA-S-1"}')
    with hoiio.Client(APP, TOKEN, raise_on_error=True) as client:
        assert client.sms.send("Hi", "+6511111111").txn_ref == "AA-S-1"


def test_http_error_status_with_a_json_body(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "user/get_info", '{"status":"error_invalid_access_token"}', status=401)
    res = client.account.info()
    assert res.status == "error_invalid_access_token"
    assert res.response.status_code == 401
    assert len(mock.calls) == 1
    with pytest.raises(hoiio.AuthenticationError):
        res.raise_for_status()


def test_repr_never_shows_the_token(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", '{"status":"error_insufficient_credit"}')
    res = client.sms.send("Hi", "+6511111111")
    with pytest.raises(hoiio.APIError) as info:
        res.raise_for_status()
    texts = [repr(client), str(client), repr(client.sms), repr(res), str(res), repr(info.value), str(info.value),
             repr(res.to_dict()), repr(rules.describe(_endpoint(), _form(), None, client._transport.settings.log_sensitive))]
    for text in texts:
        assert TOKEN not in text, text
    assert APP in repr(client)


def _endpoint() -> Any:
    from hoiio.service import sms

    return sms._SMS_SEND


def _form() -> Any:
    return {"msg": "Hi", "dest": "+6511111111", "app_id": APP, "access_token": TOKEN}


def test_debug_log_never_shows_the_token(client: hoiio.Client, mock: responses.RequestsMock, caplog: pytest.LogCaptureFixture) -> None:
    answer(mock, "sms/send")
    with caplog.at_level(logging.DEBUG, logger="hoiio"):
        client.sms.send("Secret message", "+6591234567")
    assert caplog.records, "expected debug records"
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in text and "Secret message" not in text and "+6591234567" not in text
    assert "sms/send" in text


# ---- transport failures ----


def test_non_json_body_on_a_query_is_malformed(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, BASE + "user/get_balance", body="<html>502 Bad Gateway</html>", status=502, content_type="text/html")
    with pytest.raises(hoiio.MalformedResponseError) as info:
        client.account.balance()
    assert len(mock.calls) == 3  # a query is retried (max_retries=2), then gives up
    err = info.value
    assert isinstance(err, hoiio.HoiioException)
    assert err.http_status == 502 and err.body == "<html>502 Bad Gateway</html>"
    assert isinstance(err.response, requests.Response)


@pytest.mark.parametrize("body", ["<html>oops</html>", "", '["a list"]', "null", '{"status":'])
def test_non_json_body_on_a_send_has_an_unknown_outcome(body: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, BASE + "sms/send", body=body, status=200)
    with pytest.raises(hoiio.TransportError) as info:
        client.sms.send("Hi", "+6511111111", tag="order-42")
    assert len(mock.calls) == 1  # never re-sent: it may have gone out
    err = info.value
    assert err.outcome_unknown is True and err.tag == "order-42" and err.method == "sms.send"
    assert not isinstance(err, hoiio.MalformedResponseError)


def test_no_retry_of_a_send_after_a_read_timeout(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, BASE + "voice/call", body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(hoiio.TransportError) as info:
        client.voice.call("+6511111111", "+6522222222")
    assert len(mock.calls) == 1
    assert info.value.outcome_unknown is True and info.value.attempts == 1
    assert "outcome is unknown" in str(info.value) and TOKEN not in str(info.value)


def test_a_query_is_retried_after_a_read_timeout(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, BASE + "voice/get_rate", body=requests.exceptions.ReadTimeout("read timed out"))
    mock.add(responses.POST, BASE + "voice/get_rate", body='{"status":"success_ok","talktime":"2352"}')
    assert client.voice.rate("+6511111111", "+6522222222").talktime == 2352
    assert len(mock.calls) == 2


def test_a_query_is_retried_on_502_then_succeeds(mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, BASE + "sms/query_status", body="<h1>502 Bad Gateway</h1>", status=502, content_type="text/html")
    mock.add(responses.POST, BASE + "sms/query_status", body='{"status":"error_internal_server_error"}', status=502)
    mock.add(responses.POST, BASE + "sms/query_status", body='{"status":"success_ok","sms_status":"delivered"}')
    slept = []
    with hoiio.Client(APP, TOKEN) as client:
        client._transport._sleep = slept.append
        res = client.sms.status("AA-S-1")
    assert res.sms_status == "delivered" and res.is_success()
    assert len(mock.calls) == 3 and len(slept) == 2
    assert all(0 <= s <= 20 for s in slept)


def test_a_query_is_retried_on_rate_limit_but_a_send_is_not(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, BASE + "sms/get_rate", body='{"status":"error_rate_limit_exceeded"}')
    mock.add(responses.POST, BASE + "sms/get_rate", body='{"status":"success_ok","rate":"0.032"}')
    assert client.sms.rate("Hi", "+6511111111").rate == 0.032
    answer(mock, "sms/send", '{"status":"error_rate_limit_exceeded"}')
    res = client.sms.send("Hi", "+6511111111")
    assert res.status == "error_rate_limit_exceeded"
    assert [c.request.url.rsplit("/", 1)[1] for c in mock.calls] == ["get_rate", "get_rate", "send"]


def test_a_send_answering_5xx_json_is_returned_not_retried(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/send", '{"status":"error_internal_server_error"}', status=500)
    res = client.sms.send("Hi", "+6511111111")
    assert len(mock.calls) == 1
    with pytest.raises(hoiio.ServerError):
        res.raise_for_status()


@pytest.fixture
def closed_port() -> Iterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    yield port


def test_connection_refused_is_a_transport_error(closed_port: int) -> None:
    with hoiio.Client(APP, TOKEN, base_url=f"http://127.0.0.1:{closed_port}/open/", max_retries=1, timeout=(2, 2)) as client:
        slept = []
        client._transport._sleep = slept.append
        with pytest.raises(hoiio.TransportError) as info:
            client.sms.send("Hi", "+6511111111")  # a send, but it provably never left: retried once
    err = info.value
    assert err.outcome_unknown is False and err.attempts == 2 and len(slept) == 1
    assert "could not be made" in str(err) and TOKEN not in str(err)
    assert not isinstance(err, hoiio.APIError)


def test_an_unmatched_connection_error_on_a_query_is_a_transport_error(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, BASE + "fax/get_rate", body=requests.exceptions.ConnectionError("connection reset"))
    with pytest.raises(hoiio.TransportError) as info:
        client.fax.rate("+6511111111", max_retries=0)
    assert len(mock.calls) == 1 and info.value.outcome_unknown is False
