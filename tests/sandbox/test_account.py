"""Account: starting balance, bonus-first debits, insufficient credit, top-ups, currencies, trial."""

from __future__ import annotations

from typing import Any, Dict

from .conftest import Raw, Sandbox, balance


def test_starting_balance_and_profile(client: Any, account: Dict[str, Any]) -> None:
    bal = client.account.balance()
    assert bal.json == {"status": "success_ok", "currency": "SGD", "balance": "54.650", "points": "50.000", "bonus": "4.650"}
    info = client.account.info()
    assert info.caller_ids == ["+6511111111", "p"]
    assert info.prefix == "65" and info.json["prefix"] == "+65"
    assert info.sms_rebrand_status is True and info.user_status == "active"


def test_debits_take_bonus_first_then_points(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    sandbox.set_account(account["app_id"], bonus="0.050")
    client.sms.send("one", "+6591234567")  # 0.038 from bonus
    assert balance(sandbox, account) == {"balance": "50.012", "points": "50.000", "bonus": "0.012"}
    client.sms.send("two", "+6591234567")  # 0.012 from bonus, 0.026 from points
    assert balance(sandbox, account) == {"balance": "49.974", "points": "49.974", "bonus": "0.000"}
    assert client.user.balance().points == 49.974


def test_insufficient_credit_changes_nothing(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    sandbox.drain(leave="0.037", app_id=account["app_id"])
    res = client.sms.send("hi", "+6591234567")
    assert res.status == "error_insufficient_credit"
    assert client.sms.history().total_entries_count == 0
    assert client.voice.call("+6591234567", "+6598765432").status == "error_insufficient_credit"
    assert client.number.subscribe("+6531581102", "1").status == "error_insufficient_credit"
    sandbox.topup(points="1", app_id=account["app_id"])
    assert client.sms.send("hi", "+6591234567").is_success()
    assert balance(sandbox, account)["balance"] == "0.999"


def test_a_call_is_cut_when_the_credit_runs_out(sandbox: Sandbox, client: Any, account: Dict[str, Any]) -> None:
    sandbox.drain(leave="0.100", app_id=account["app_id"])  # 2 minutes at 0.040
    sandbox.script("+6598765432", talk_seconds=600, app_id=account["app_id"])
    call = client.voice.call("+6591234567", "+6598765432")
    sandbox.advance(700)
    status = client.voice.status(call.txn_ref)
    assert (status.duration, status.debit) == (2, 0.08)
    assert balance(sandbox, account)["balance"] == "0.020"


def test_rates_follow_the_account_currency(sandbox: Sandbox, make_client: Any) -> None:
    acct = sandbox.create_account(currency="USD", points="10", bonus="0")
    client = make_client(acct)
    rate = client.sms.rate("hi", "+6591234567")
    assert rate.currency == "USD" and rate.json["rate"] == "0.028"  # 0.038 SGD x 0.74
    assert client.account.balance().currency == "USD"


def test_trial_accounts_reach_only_the_registered_number(sandbox: Sandbox, make_client: Any) -> None:
    acct = sandbox.create_account(user_status="trial")
    client = make_client(acct)
    assert client.sms.send("hi", "+6591234567").status == "error_not_allowed_for_trial"
    assert client.sms.send("hi", "+6511111111").is_success()
    assert client.voice.call(None, "+6598765432").status == "error_not_allowed_for_trial"
    assert client.number.subscribe("+6531581103", "1").status == "error_not_allowed_for_trial"
    sandbox.topup(points="5", app_id=acct["app_id"])  # a top-up ends the trial
    assert client.account.info().user_status == "active"
    assert client.sms.send("hi", "+6591234567").is_success()


def test_credentials_are_checked(raw: Raw, account: Dict[str, Any]) -> None:
    assert raw("user/get_balance", auth=False)["status"] == "error_app_id_param_missing"
    assert raw("user/get_balance", auth=False, app_id=account["app_id"])["status"] == "error_access_token_param_missing"
    assert raw("user/get_balance", auth=False, app_id="nope", access_token="x")["status"] == "error_invalid_app_id"
    assert raw("user/get_balance", auth=False, app_id=account["app_id"], access_token="wrong")["status"] == "error_invalid_access_token"
    assert raw("user/get_info", method="GET")["status"] == "success_ok"  # GET with a query string works too
    assert raw("user/get_info", method="PUT")["status"] == "error_invalid_http_method"
