"""Schemathesis, a tool nobody here wrote, tests the sandbox from the generated OpenAPI file.

Every operation gets a fixed number of generated requests, valid ones (positive) and invalid
ones (negative), each sent over a real socket to a sandbox on a free loopback port with a fresh
account's credentials. Every answer must pass Schemathesis's checks (no 5xx, the documented HTTP
status and content type, the body valid against the operation's answer schema, whose ``status``
enum lists what the endpoint may answer) and ours: the sandbox never answers
error_internal_server_error (its answer to a crash in the behaviour code) and logs no error.

Two of Schemathesis's checks do not apply to Hoiio, which answers HTTP 200 with an error status
for bad input and for other HTTP methods: negative_data_rejection (wants a 4xx) and
unsupported_method (wants a 405).

So that the behaviour code runs too, not only the checks, two of three generated `session`,
`txn_ref`, `number`, `caller_id` and `country` values are replaced by live ones of the same
account (an answered IVR call, an SMS, a call, a conference leg, a fax, a number for sale or
subscribed, its registered number, SG). Generated URLs are pointed at a local receiver: nothing leaves
the machine.

Bounded and deterministic: EXAMPLES per operation and mode, derandomized Hypothesis without an
example database, and REQUEST_TIMEOUT for each answer (so at most EXAMPLES x 2 x REQUEST_TIMEOUT
seconds per operation, in practice about a second).
"""

from __future__ import annotations

import collections
import logging
import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
import requests
import schemathesis
from hoiio.sandbox.receiver import Receiver
from hoiio.sandbox.server import Sandbox
from hypothesis import HealthCheck, Phase, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import negative_data_rejection, unsupported_method

OPENAPI = Path(__file__).resolve().parents[2] / "generated" / "hoiio" / "_generated" / "openapi.json"
#: Generated requests per operation and mode; HOIIO_SCHEMATHESIS_EXAMPLES asks for more (a longer local hunt).
EXAMPLES = int(os.environ.get("HOIIO_SCHEMATHESIS_EXAMPLES", "15"))
REQUEST_TIMEOUT = 10.0
URL_FIELDS = ("notify_url", "forward_to", "forward_sms_to")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

schema = schemathesis.openapi.from_path(str(OPENAPI))
schema.config.generation.update(modes=["positive", "negative"], max_examples=EXAMPLES, deterministic=True, database="none")

#: operation label -> the statuses it answered (printed at the end with -s; asserted below)
SEEN: Dict[str, List[str]] = collections.defaultdict(list)
NUMBER_ACCOUNTS: Dict[str, Dict[str, Any]] = {}


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: List[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def fuzzed_sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture(scope="module")
def hook_receiver() -> Iterator[Receiver]:
    with Receiver() as rx:
        yield rx


@pytest.fixture(scope="module")
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


@pytest.fixture
def sandbox_errors() -> Iterator[_Errors]:
    handler = _Errors()
    logger = logging.getLogger("hoiio.sandbox")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _live(path: str, sb: Sandbox, account: Dict[str, Any], rx: Receiver, http: requests.Session) -> Dict[str, str]:
    """Live values of the account for the operation at ``path``: a caller ID it may show, and
    where the operation needs one, an IVR session ready for its next block, a transaction of
    the right kind, a number for sale or one it has, a country with numbers."""

    def post(endpoint: str, **form: Any) -> Dict[str, Any]:
        files = form.pop("files", None)
        creds = {"app_id": account["app_id"], "access_token": account["access_token"]}
        answer: Dict[str, Any] = http.post(sb.base_url + endpoint, data={**creds, **form}, files=files, timeout=REQUEST_TIMEOUT).json()
        assert answer["status"] == "success_ok", (endpoint, answer)
        return answer

    def for_sale() -> Optional[str]:  # the sandbox sells 25 numbers in SG; a subscribed one leaves the list
        creds = {"app_id": account["app_id"], "access_token": account["access_token"]}
        entries = http.post(sb.base_url + "number/get_choices", data={**creds, "country": "SG"}, timeout=REQUEST_TIMEOUT).json().get("entries")
        return None if not entries else str(entries[0]["number"] if isinstance(entries[0], dict) else entries[0])

    live = {"caller_id": str(account["mobile_number"]), "country": "SG"}
    if path.startswith(("ivr/middle/", "ivr/end/")):
        dial = post("ivr/start/dial", dest="+6591234567", msg="Hello", notify_url=rx.url("/dial"))
        sb.advance(10, wait=False)  # rung and answered: the session takes the next block
        live["session"] = dial["session"]
    elif path == "sms/query_status":
        live["txn_ref"] = post("sms/send", msg="hi", dest="+6591234567")["txn_ref"]
    elif path in ("voice/query_status", "voice/hangup"):
        live["txn_ref"] = post("voice/call", dest1="+6591234567", dest2="+6591234568")["txn_ref"]
    elif path == "conference/moderate":
        refs = post("conference/call", dest="+6591234567,+6591234568")["txn_refs"]
        live["txn_ref"] = refs[0] if isinstance(refs, list) else refs.split(",")[0]
    elif path == "fax/query_status":
        live["txn_ref"] = post("fax/send", dest="+6561234567", files={"file": ("a.pdf", PDF, "application/pdf")})["txn_ref"]
    elif path == "number/subscribe":
        number = for_sale()
        if number:
            live["number"] = number
    elif path == "number/update_forwarding":
        if "_number" not in account:  # this operation's account (see the test) subscribes once
            number = for_sale()
            assert number, "no number for sale left in SG"
            post("number/subscribe", number=number, duration="1")
            account["_number"] = number
        live["number"] = account["_number"]
    return live


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))  # fmt: skip
def test_the_sandbox_answers_every_generated_request_within_its_schema(case: Any, fuzzed_sandbox: Sandbox, hook_receiver: Receiver,
        http: requests.Session, sandbox_errors: _Errors) -> None:  # fmt: skip
    path = case.operation.path.lstrip("/")
    # a fresh account for each request; the number operations keep one each (numbers for sale are few)
    account: Dict[str, Any] = NUMBER_ACCOUNTS.setdefault(path, fuzzed_sandbox.create_account()) if path.startswith("number/") \
        else fuzzed_sandbox.create_account()  # fmt: skip
    body = case.body
    if isinstance(body, dict):
        body["app_id"], body["access_token"] = account["app_id"], account["access_token"]
        for key in URL_FIELDS:
            if isinstance(body.get(key), str):
                body[key] = hook_receiver.url("/hook")
        for key, value in _live(path, fuzzed_sandbox, account, hook_receiver, http).items():
            if isinstance(body.get(key), str) and len(body[key]) % 3:
                body[key] = value
    answer = call_and_check(case, fuzzed_sandbox, sandbox_errors)
    SEEN[case.operation.label].append(answer["status"])


def call_and_check(case: Any, sb: Sandbox, errors: _Errors) -> Dict[str, Any]:
    """Send the case; Schemathesis's checks and ours must pass. The answer."""
    response = case.call_and_validate(base_url=sb.base_url.rstrip("/"), timeout=REQUEST_TIMEOUT,
                                      excluded_checks=[negative_data_rejection, unsupported_method])  # fmt: skip
    answer: Dict[str, Any] = response.json()
    assert answer["status"] != "error_internal_server_error", f"the sandbox crashed on {case.operation.label}: {case.body!r}"
    assert not errors.records, [r.getMessage() for r in errors.records]
    return answer


def test_the_generated_requests_reached_the_behaviour_code() -> None:
    """The run above was not all refusals: every group had successes, and the IVR blocks got past the session check."""
    if not SEEN:
        pytest.skip("the Schemathesis run did not take place (run the whole file)")
    for label, codes in sorted(SEEN.items()):
        print(label, len(codes), collections.Counter(codes).most_common(4))
    assert len(SEEN) == len([1 for item in schema.raw_schema["paths"].values() for _ in item])
    succeeded = {label.split()[1].split("/")[1] for label, codes in SEEN.items() if "success_ok" in codes}
    assert succeeded >= {"sms", "voice", "conference", "fax", "ivr", "number", "user"}, succeeded
    for label in ("POST /number/subscribe", "POST /number/update_forwarding", "POST /voice/call", "POST /ivr/middle/gather"):
        assert "success_ok" in SEEN[label], (label, collections.Counter(SEEN[label]))
    ivr_blocks = [c for label, codes in SEEN.items() if "/ivr/middle/" in label or "/ivr/end/" in label for c in codes]
    assert sum(c not in ("error_invalid_session", "error_session_param_missing") for c in ivr_blocks) > len(ivr_blocks) // 4


# ---- the checks bite: a sandbox broken on purpose fails them ----


def _balance_case(account: Dict[str, Any]) -> Any:
    return schema["/user/get_balance"]["POST"].Case(body=dict(account_creds(account)), media_type="application/x-www-form-urlencoded")


def account_creds(account: Dict[str, Any]) -> Dict[str, str]:
    return {"app_id": account["app_id"], "access_token": account["access_token"]}


@pytest.mark.parametrize(
    "broken, complaint",
    [
        (lambda ctx, values: {"currency": "SGD", "balance": {"points": "1"}}, "balance"),  # a field of the wrong shape
        (lambda ctx, values: {"status_note": "x", "currency": "SGD", "balance": "1.000", "points": "0"}, None),  # extra fields are allowed
        (lambda ctx, values: ctx.fail("error_number_not_assigned"), "error_number_not_assigned"),  # a status the endpoint never answers
        (lambda ctx, values: 1 / 0, "crashed"),  # the behaviour code crashes
    ],
)
def test_the_checks_fail_on_a_sandbox_that_answers_wrongly(monkeypatch: pytest.MonkeyPatch, fuzzed_sandbox: Sandbox,
        sandbox_errors: _Errors, broken: Any, complaint: Optional[str]) -> None:  # fmt: skip
    from hoiio.sandbox import engine

    monkeypatch.setitem(engine.HANDLERS, "user/get_balance", broken)
    case = _balance_case(fuzzed_sandbox.create_account())
    if complaint is None:
        assert call_and_check(case, fuzzed_sandbox, sandbox_errors)["status"] == "success_ok"
        return
    with pytest.raises((FailureGroup, AssertionError)) as caught:  # Schemathesis's failures, or ours
        call_and_check(case, fuzzed_sandbox, sandbox_errors)
    text = str(caught.value) + "".join(f"\n{e}" for e in getattr(caught.value, "exceptions", ()))  # a FailureGroup's failures
    assert complaint in text, text[:2000]
