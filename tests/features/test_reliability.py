"""Retries that never spend money twice, timeouts, logging without secrets, https only, threads."""

from __future__ import annotations

import datetime
import logging
import pickle
import threading
from typing import Any, Iterator, List

import hoiio
import pytest
import requests
import urllib3
from support.fakes import FakeSession, make_response

TOKEN = "SECRET-TOKEN-123"
OK_SEND = b'{"status":"success_ok","txn_ref":"AA-S-1"}'
RATE_LIMITED = b'{"status":"error_rate_limit_exceeded"}'
HTML_502 = b"<html><body><h1>502 Bad Gateway</h1></body></html>"


def refused() -> requests.exceptions.ConnectionError:
    reason = urllib3.exceptions.NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")  # type: ignore[arg-type]
    return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, "https://x/", reason))  # type: ignore[arg-type]


def scripted(*answers: Any) -> FakeSession:
    queue: Iterator[Any] = iter(answers)

    def reply(**kw: Any) -> Any:
        answer = next(queue)
        if isinstance(answer, BaseException):
            raise answer
        body, status, headers = answer if isinstance(answer, tuple) else (answer, 200, None)
        return make_response(body, status, headers)

    return FakeSession(reply)


def make(fake: FakeSession, **options: Any) -> hoiio.Client:
    client = hoiio.Client("APP", TOKEN, session=fake, **options)
    client.sleeps = []  # type: ignore[attr-defined]
    client._transport._sleep = client.sleeps.append  # type: ignore[attr-defined]
    return client


def test_a_query_is_retried_on_502_pages_and_succeeds_on_the_third_request(caplog: pytest.LogCaptureFixture) -> None:
    fake = scripted((HTML_502, 502, {"Content-Type": "text/html"}), (HTML_502, 502, None), b'{"status":"success_ok","talktime":"12"}')
    client = make(fake)
    with caplog.at_level(logging.INFO, logger="hoiio"):
        res = client.voice.rate("+6511111111", "+6522222222")
    assert res.talktime == 12 and len(fake.calls) == 3
    assert len(client.sleeps) == 2 and all(0 <= s <= 20 for s in client.sleeps)  # type: ignore[attr-defined]
    retries = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert retries == [
        "retrying voice.rate (attempt 2 of 3) after HTTP 502 with a body that is not a JSON object",
        "retrying voice.rate (attempt 3 of 3) after HTTP 502 with a body that is not a JSON object",
    ]


def test_rate_limit_twice_then_success_retries_a_query_but_never_repeats_a_send() -> None:
    fake = scripted(RATE_LIMITED, RATE_LIMITED, b'{"status":"success_ok","balance":"1.5"}')
    assert make(fake).account.balance().balance == 1.5 and len(fake.calls) == 3
    fake = scripted(RATE_LIMITED, OK_SEND)
    with pytest.raises(hoiio.RateLimitError) as info:
        make(fake).sms.send("hi", "+6511111111")
    assert info.value.status == "error_rate_limit_exceeded" and info.value.retryable and len(fake.calls) == 1
    assert info.value.method == "sms.send" and info.value.response is not None


def test_retry_after_is_honoured() -> None:
    fake = scripted((b"{}", 503, {"Retry-After": "7"}), b'{"status":"success_ok"}')
    client = make(fake)
    client.voice.status("AA-1")
    assert client.sleeps == [7.0]  # type: ignore[attr-defined]


def test_retry_after_as_an_http_date_is_honoured() -> None:
    from email.utils import format_datetime

    soon = format_datetime(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=20), usegmt=True)
    fake = scripted((b"{}", 503, {"Retry-After": soon}), (b"{}", 503, {"Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT"}), b'{"status":"success_ok"}')
    client = make(fake)
    client.voice.status("AA-1")
    first, second = client.sleeps  # type: ignore[attr-defined]
    assert 18.0 <= first <= 20.0  # the date, less the time it took to get here
    assert second == 0.0  # a date in the past: retry at once


def test_a_send_that_may_have_reached_hoiio_is_not_repeated_and_says_how_to_check() -> None:
    for failure in (requests.exceptions.ReadTimeout("read timed out"), requests.exceptions.ConnectionError("Connection aborted.")):
        fake = scripted(failure, OK_SEND)
        with pytest.raises(hoiio.TransportError) as info:
            make(fake).sms.send("hi", "+6511111111", tag="order-42")
        assert len(fake.calls) == 1
        assert info.value.outcome_unknown and info.value.tag == "order-42"
        assert "outcome is unknown" in str(info.value) and "'order-42'" in str(info.value) and "history" in str(info.value)
    fake = scripted((HTML_502, 502, None), OK_SEND)
    with pytest.raises(hoiio.TransportError) as info:
        make(fake).voice.call(None, "+6522222222")
    assert info.value.outcome_unknown and len(fake.calls) == 1 and "502" in str(info.value)


def test_auto_tag_gives_each_action_a_unique_tag_to_look_it_up_by() -> None:
    fake = scripted(requests.exceptions.ReadTimeout("x"), OK_SEND, OK_SEND)
    client = make(fake, auto_tag=True)
    with pytest.raises(hoiio.TransportError) as info:
        client.sms.send("hi", "+6511111111")
    client.sms.send("hi", "+6511111111")
    client_tagged = fake.calls[1]["data"]["tag"]
    assert info.value.tag == fake.calls[0]["data"]["tag"] != client_tagged
    assert client_tagged.startswith("hoiio-")
    fake = scripted(b'{"status":"success_ok"}')
    make(fake, auto_tag=True).voice.status("AA-1")
    assert "tag" not in fake.calls[0]["data"], "queries are not tagged"


def test_a_send_whose_connection_could_not_be_made_is_retried() -> None:
    fake = scripted(refused(), OK_SEND)
    assert make(fake).sms.send("hi", "+6511111111").txn_ref == "AA-S-1" and len(fake.calls) == 2
    fake = scripted(refused(), refused(), refused())
    with pytest.raises(hoiio.TransportError) as info:
        make(fake).sms.send("hi", "+6511111111")
    assert not info.value.outcome_unknown and info.value.attempts == 3 and "could not be made" in str(info.value)


def test_max_retries_per_client_and_per_call() -> None:
    fake = scripted(requests.exceptions.ReadTimeout("x"))
    with pytest.raises(hoiio.TransportError):
        make(fake, max_retries=0).voice.status("AA-1")
    assert len(fake.calls) == 1
    fake = scripted(requests.exceptions.ReadTimeout("x"), requests.exceptions.ReadTimeout("x"))
    with pytest.raises(hoiio.TransportError):
        make(fake, max_retries=5).voice.status("AA-1", max_retries=1)
    assert len(fake.calls) == 2
    with pytest.raises(hoiio.ValidationError, match="max_retries"):
        hoiio.Client("A", "T", max_retries=-1)


def test_the_retry_budget_stops_a_retry_storm(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeSession(lambda **kw: make_response(HTML_502, 502))
    client = make(fake, max_retries=3)
    client.retry_budget._tokens = 12  # room for two retries (5 tokens each)
    with caplog.at_level(logging.INFO, logger="hoiio"), pytest.raises(hoiio.MalformedResponseError):
        client.voice.status("AA-1")
    assert len(fake.calls) == 3
    assert any("retry budget is spent" in r.getMessage() for r in caplog.records)
    fake.reply = lambda **kw: make_response(b'{"status":"success_ok"}')
    client.voice.status("AA-1")
    assert client.retry_budget.available == 3, "a success refunds one token"


def test_timeouts_are_finite_by_default_and_configurable() -> None:
    fake = FakeSession()
    make(fake).voice.status("AA-1")
    make(fake, timeout=10).voice.status("AA-1")
    make(fake, timeout=(2, 20)).voice.status("AA-1", request_timeout=(1, 3))
    assert [c["timeout"] for c in fake.calls] == [(5.0, 30.0), (10.0, 10.0), (1.0, 3.0)]
    with pytest.raises(ValueError):
        hoiio.Client("A", "T", timeout=-1)


@pytest.mark.parametrize("cls", [hoiio.Client, hoiio.AsyncClient])
def test_a_bad_transport_setting_is_reported_by_the_client_that_was_given_it(cls: Any) -> None:
    with pytest.raises(hoiio.ValidationError) as caught:
        cls("A", "T", timeout=-1, max_retries=-1, deadline=0, max_response_size=10)
    message = str(caught.value)
    assert message.startswith(f"{cls.__name__}: ")
    for name in ("timeout: -1", "max_retries: -1", "deadline: 0", "max_response_size: 10"):  # every problem at once
        assert name in message


def test_debug_logs_never_show_the_token_and_mask_numbers_and_text(caplog: pytest.LogCaptureFixture) -> None:
    fake = scripted(OK_SEND, OK_SEND)
    with caplog.at_level(logging.DEBUG, logger="hoiio"):
        make(fake).sms.send("secret message", "+6591234567", tag="t1")
        make(fake, log_sensitive=True).sms.send("secret message", "+6591234567")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in text and "'access_token': '***'" in text
    first, second = [r.getMessage() for r in caplog.records if "params=" in r.getMessage()]
    assert "+6591234567" not in first and "secret message" not in first
    assert "+65******67" in first and "<14 chars>" in first and "'tag': 't1'" in first
    assert "+6591234567" in second and "secret message" in second
    assert any("sms/send -> HTTP 200 success_ok" in r.getMessage() for r in caplog.records)


def test_parameters_the_spec_does_not_know_are_masked_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    fake = scripted(OK_SEND, OK_SEND)
    with caplog.at_level(logging.DEBUG, logger="hoiio"):
        make(fake).sms.send("hi", "+6591234567", extra_params={"customer_ref": "Jane Tan 91234567"})
        make(fake, log_sensitive=True).sms.send("hi", "+6591234567", extra_params={"customer_ref": "Jane Tan 91234567"})
    first, second = [r.getMessage() for r in caplog.records if "params=" in r.getMessage()]
    assert "Jane Tan" not in first and "'customer_ref': '<17 chars>'" in first
    assert "'app_id': 'APP'" in first  # the app id is no secret
    assert "Jane Tan 91234567" in second


def test_the_token_is_not_in_the_url_reprs_or_errors() -> None:
    fake = scripted(b'{"status":"error_invalid_access_token"}')
    client = make(fake, raise_on_error=True)
    with pytest.raises(hoiio.AuthenticationError) as info:
        client.user.info()
    assert TOKEN not in fake.calls[0]["url"] and fake.calls[0]["data"]["access_token"] == TOKEN
    for text in (repr(client), str(client), str(info.value), repr(info.value), repr(info.value.response), repr(client.sms)):
        assert TOKEN not in text
    with pytest.raises(TypeError):
        pickle.dumps(client)


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://secure.hoiio.com/open/", True),
        ("http://127.0.0.1:8765/open/", True),
        ("http://localhost:8765/open", True),
        ("http://[::1]:8765/open/", True),
        ("http://secure.hoiio.com/open/", False),
        ("http://10.0.0.5/open/", False),
        ("ftp://secure.hoiio.com/open/", False),
    ],
)
def test_only_https_base_urls_except_loopback(url: str, ok: bool) -> None:
    if ok:
        assert hoiio.Client("A", "T", base_url=url).base_url.endswith("/")
    else:
        with pytest.raises(hoiio.ValidationError, match="base_url"):
            hoiio.Client("A", "T", base_url=url)
    assert hoiio.Client("A", "T", base_url="http://secure.hoiio.com/open/", allow_http=True)


def test_one_client_shared_by_16_threads_gives_each_caller_its_own_answer() -> None:
    def echo(**kw: Any) -> Any:
        return make_response(b'{"status":"success_ok","txn_ref":"%s"}' % kw["data"]["msg"].encode())

    fake = FakeSession(echo)
    client = make(fake)
    mismatches: List[str] = []

    def worker(n: int) -> None:
        for i in range(50):
            msg = f"thread-{n}-msg-{i}"
            if client.sms.send(msg, "+6511111111").txn_ref != msg:
                mismatches.append(msg)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert mismatches == [] and len(fake.calls) == 800
