"""The helpers for users' tests: hoiio.testing.Stubber (canned answers checked against the
generated JSON Schemas, parameters asserted) and the pytest fixtures that come with the sandbox
(hoiio_sandbox, hoiio_account, hoiio_client), used the way an application's test suite would."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Iterator, Optional

import hoiio
import pytest
from hoiio.sandbox.server import Sandbox
from hoiio.testing import Stubber, StubError

SENT = {"status": "success_ok", "txn_ref": "AA-S-1"}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as box:
        yield box


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[hoiio.Client]:
    account = sandbox.create_account()  # each test its own balance and history
    with sandbox.client(app_id=account["app_id"], access_token=account["access_token"]) as c:
        yield c


def notify_customer(client: hoiio.Client, number: str) -> str:
    """An application's code under test."""
    res = client.sms.send("Your order has shipped", number, tag="order-42")
    return res.txn_ref if res.is_success() else f"failed: {res.status}"


def test_a_canned_answer_is_returned_parsed_and_its_parameters_checked(client: hoiio.Client) -> None:
    with Stubber(client) as stub:
        stub.add_response("sms.send", SENT, expected_params={"msg": "Your order has shipped", "dest": "+6591234567", "tag": "order-42"})
        assert notify_customer(client, "+6591234567") == "AA-S-1"
        stub.assert_no_pending_responses()
    assert stub.calls == [("sms.send", {"msg": "Your order has shipped", "dest": "+6591234567", "tag": "order-42"})]


def test_other_parameters_than_expected_fail_the_test_and_say_which(client: hoiio.Client) -> None:
    with Stubber(client) as stub:
        stub.add_response("sms.send", SENT, expected_params={"msg": "Your order has shipped", "dest": "+6500000000", "tag": "order-42"})
        with pytest.raises(StubError, match=r"dest.*\+6500000000.*\+6591234567"):
            notify_customer(client, "+6591234567")


def test_calls_out_of_order_or_unqueued_fail(client: hoiio.Client) -> None:
    with Stubber(client) as stub:
        stub.add_response("account.balance", {"status": "success_ok", "currency": "SGD", "balance": "1.000", "points": "1.000", "bonus": "0.000"})
        with pytest.raises(StubError, match="next queued answer is for account.balance"):
            client.sms.send("hi", "+6591234567")
    with Stubber(client) as stub:
        with pytest.raises(StubError, match="no answer is queued"):
            client.account.balance()
        stub.add_response("sms.send", SENT)
        with pytest.raises(StubError, match="1 queued answers were not used: sms.send"):
            stub.assert_no_pending_responses()


@pytest.mark.parametrize(
    "method, body, problem",
    [
        ("sms.send", {"txn_ref": "AA-S-1"}, "status"),  # no status
        ("sms.send", {"status": "ok"}, "status"),  # not a Hoiio status
        ("sms.history", {"status": "success_ok", "entries": "none"}, "entries"),  # a list on the wire
        ("sms.history", {"status": "success_ok", "entries": [{"split_count": [1]}]}, "split_count"),
        ("account.balance", {"status": "success_ok", "balance": {"amount": 1}}, "balance"),
        # a success without a field every success has, named in the error
        ("sms.send", {"status": "success_ok"}, r"txn_ref: missing \(every success answer of sms/send has it\)"),
        ("account.balance", {"status": "success_ok", "currency": "SGD"}, "balance: missing"),
        ("sms.bulk_send", {"status": "success_ok"}, "bulk_txn_ref or txn_ref: missing"),
        ("sms.history", {"status": "success_ok", "entries_count": "1", "entries": [{"txn_ref": "A"}]}, "entries/0/sms_status: missing"),
        # a value outside the enum, a status the endpoint cannot answer, numbers of the wrong shape
        ("sms.status", {**{"status": "success_ok", "txn_ref": "A", "dest": "+6511111111", "date": "2012-01-01 10:00:00",
                           "currency": "SGD", "rate": "0.038"}, "sms_status": "sent"}, "sms_status: 'sent' is not one of"),
        ("sms.send", {"status": "error_session_ended"}, "status: 'error_session_ended' is not a status sms/send can answer"),
        ("account.balance", {"status": "success_ok", "currency": "SGD", "balance": "54,650"}, "balance"),
        ("account.balance", {"status": "success_ok", "currency": "SGD", "balance": " 54.650"}, "balance"),
        ("sms.history", {"status": "success_ok", "entries_count": "x", "entries": []}, "entries_count"),
        ("sms.status", {"status": "success_ok", "txn_ref": "A", "sms_status": "queued", "dest": "+6511111111",
                        "date": "yesterday", "currency": "SGD", "rate": "0.038"}, "date"),
    ],
)
def test_a_canned_answer_hoiio_could_not_send_is_refused_when_queued(client: hoiio.Client, method: str, body: Any, problem: str) -> None:
    stub = Stubber(client)
    with pytest.raises(StubError, match=problem):
        stub.add_response(method, body)


def test_unknown_methods_are_refused_with_the_names_that_exist(client: hoiio.Client) -> None:
    stub = Stubber(client)
    with pytest.raises(StubError, match="sms has: .*sms.send"):
        stub.add_response("sms.sned", SENT)
    with pytest.raises(StubError, match="groups: .*voice"):
        stub.add_response("telegram.send", SENT)


def test_error_answers_and_network_failures(sandbox: Sandbox) -> None:
    with sandbox.client() as client, Stubber(client) as stub:  # raising is the default
        stub.add_client_error("sms.send", "error_insufficient_credit")
        with pytest.raises(hoiio.InsufficientCreditError):
            client.sms.send("hi", "+6591234567")
        stub.add_transport_error("sms.send", outcome_unknown=True)
        with pytest.raises(hoiio.TransportError) as failure:
            client.sms.send("hi", "+6591234567")
        assert failure.value.outcome_unknown


def test_after_the_stubber_the_client_talks_to_the_server_again(sandbox: Sandbox, client: hoiio.Client) -> None:
    before = client.sms.history().total_entries_count
    with Stubber(client) as stub:
        stub.add_response("sms.send", SENT)
        assert client.sms.send("stubbed", "+6591234567").txn_ref == "AA-S-1"
    real = client.sms.send("real", "+6591234567")
    assert real.is_success() and real.txn_ref != "AA-S-1"
    assert client.sms.history().total_entries_count == before + 1  # the stubbed send never left


def test_what_the_sandbox_answers_is_accepted_as_a_canned_answer(client: hoiio.Client) -> None:
    """Both sides of the wire format agree: an answer recorded from the sandbox can be replayed."""
    sent = client.sms.send("record me", "+6591234567")
    recorded = [("sms.send", sent.json), ("sms.status", client.sms.status(sent.txn_ref).json), ("sms.history", client.sms.history().json)]
    with Stubber(client) as stub:
        for method, body in recorded:
            stub.add_response(method, body)
        assert client.sms.send("again", "+6591234567").txn_ref == sent.txn_ref
        assert client.sms.status(sent.txn_ref).sms_status == "queued"
        assert client.sms.history().entries[0].msg == "record me"


APP_TEST = '''
import hoiio


def send_welcome(client, number):
    return client.sms.send("Welcome!", number)


def test_welcome_is_sent_and_charged(hoiio_sandbox, hoiio_client):
    before = hoiio_client.account.balance().balance
    res = send_welcome(hoiio_client, "+6591234567")
    assert res.is_success()
    hoiio_sandbox.advance(10)
    assert hoiio_client.sms.status(res.txn_ref).sms_status == "delivered"
    assert hoiio_client.account.balance().balance < before


def test_each_test_gets_a_fresh_account(hoiio_client):
    assert hoiio_client.sms.history().total_entries_count == 0


def test_the_fixture_client_is_a_client(hoiio_client, hoiio_account):
    assert isinstance(hoiio_client, hoiio.Client)
    assert hoiio_client.app_id == hoiio_account["app_id"]
'''


@pytest.mark.parametrize("conftest", [None, "pytest_plugins = ['hoiio.sandbox.pytest_plugin']\n"], ids=["entry-point", "also-in-conftest"])
def test_the_pytest_fixtures_work_in_a_users_test_suite(tmp_path: Path, conftest: Optional[str]) -> None:
    """A user's test file, run by pytest in a process of its own: the fixtures come with the
    installed package (its pytest11 entry point); naming the plugin in a conftest as well, as
    its docstring allows, must not make pytest refuse to start."""
    (tmp_path / "test_app.py").write_text(textwrap.dedent(APP_TEST), encoding="utf-8")
    if conftest:
        (tmp_path / "conftest.py").write_text(conftest, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_app.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout


@pytest.mark.parametrize(
    "method, body",
    [
        ("sms.send", {"status": "error_dest_param_missing"}),  # error_<param>_param_missing of its params
        ("sms.send", {"status": "error_insufficient_credit"}),  # an error answer has no payload
        ("sms.bulk_send", {"status": "success_ok", "txn_ref": "AA-B-1"}),  # the alias some answers use
        ("sms.rate", {"status": "success_ok", "currency": "SGD", "rate": 0.038, "split_count": 2, "is_unicode": False}),
        ("account.balance", {"status": "success_ok", "currency": "SGD", "balance": "-1.5", "x_new_field": {"a": 1}}),
    ],
)
def test_what_the_evidence_shows_is_accepted(client: hoiio.Client, method: str, body: Any) -> None:
    Stubber(client).add_response(method, body)


def test_schema_descriptions_are_whole(client: hoiio.Client) -> None:
    """No description is cut mid-word: each is a spec doc (or the status note) in full."""
    from hoiio.testing import schema_for

    def descriptions(node: Any) -> Any:
        if isinstance(node, dict):
            if isinstance(node.get("description"), str):
                yield node["description"]
            for value in node.values():
                yield from descriptions(value)
        elif isinstance(node, list):
            for value in node:
                yield from descriptions(value)

    for path in ("sms/send", "sms/bulk_send", "sms/get_history", "ivr/middle/gather", "user/get_info", "number/get_countries"):
        for text in descriptions(schema_for(path)):
            assert text.rstrip().endswith((".", ")", "?")), (path, text)
