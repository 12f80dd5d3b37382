"""Against the real sandbox: a default hoiio.Client raises the APIError subclass of each error
status (with the status, the method, the answer and whether a retry can help), and nothing is
charged; the Hoiio facade returns the same answers."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import hoiio
import pytest
from hoiio.sandbox import Sandbox

from .conftest import checked_session

DEST = "+6591234567"


@pytest.fixture
def raising(sandbox: Sandbox, account: Dict[str, Any]) -> Iterator[hoiio.Client]:
    with hoiio.Client(account["app_id"], account["access_token"], base_url=sandbox.base_url, session=checked_session(), max_retries=0) as c:
        yield c


def test_bad_credentials(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    with hoiio.Client(account["app_id"], "not-the-token", base_url=sandbox.base_url, session=checked_session()) as client:
        with pytest.raises(hoiio.AuthenticationError) as info:
            client.sms.send("hi", DEST)
    err = info.value
    assert err.status == "error_invalid_access_token" and err.method == "sms.send" and not err.retryable
    assert err.response is not None and err.response.json == {"status": "error_invalid_access_token"}
    assert "not-the-token" not in str(err) and "not-the-token" not in repr(err.response)


def test_insufficient_credit_changes_nothing(sandbox: Sandbox, account: Dict[str, Any], raising: hoiio.Client) -> None:
    sandbox.drain(app_id=account["app_id"])
    before = raising.account.balance().balance
    with pytest.raises(hoiio.InsufficientCreditError) as info:
        raising.sms.send("hi", DEST)
    assert info.value.status == "error_insufficient_credit" and not info.value.retryable
    assert raising.account.balance().balance == before
    assert raising.sms.history().entries == []


def test_not_found_and_invalid_parameter(raising: hoiio.Client) -> None:
    with pytest.raises(hoiio.NotFoundError) as info:
        raising.sms.status("AA-S-0000000")
    assert info.value.status in ("error_invalid_txn_ref", "error_txn_ref_invalid")
    with pytest.raises(hoiio.NotFoundError, match="error_invalid_session"):
        raising.ivr.hangup("S-no-such-session")


def test_rate_limited_is_retryable(sandbox: Sandbox, raising: hoiio.Client) -> None:
    sandbox.fault("rate_limit", count=1, path="sms/send")
    with pytest.raises(hoiio.RateLimitError) as info:
        raising.sms.send("hi", DEST)
    assert info.value.retryable and info.value.status == "error_rate_limit_exceeded"
    assert raising.sms.send("hi", DEST).txn_ref  # the limit has passed; a success returns


def test_a_success_is_returned_typed(raising: hoiio.Client) -> None:
    sent = raising.sms.send("hi", DEST)
    status = raising.sms.status(sent.txn_ref)
    assert status.txn_ref == sent.txn_ref and isinstance(status.sms_status, hoiio.SmsStatus)
    assert raising.account.balance().balance > 0


def test_the_facade_returns_the_error(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    saved = (hoiio.Hoiio.prefix, hoiio.Hoiio._default)
    try:
        hoiio.Hoiio.init(account["app_id"], "not-the-token", base_url=sandbox.base_url)
        res = hoiio.Hoiio.sms.send("hi", DEST)
        assert res.is_success() is False and res.status == "error_invalid_access_token" and res.txn_ref is None
    finally:
        if hoiio.Hoiio._default is not None:
            hoiio.Hoiio._default.close()
        hoiio.Hoiio.prefix, hoiio.Hoiio._default = saved
