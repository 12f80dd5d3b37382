"""End-to-end tests against one sandbox on a free loopback port (frozen clock), over real HTTP.

Every API response any test receives through ``client``/``raw`` is checked on the way in:
it must validate against the endpoint's generated JSON Schema, carry only a status the spec
allows for that endpoint, and look like Hoiio's wire format (numbers and money as strings,
GMT+8 dates, txn_refs like AA-S-141147).
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, Iterator, List, Optional
from urllib.parse import urlsplit

import hoiio
import pytest
import requests
from hoiio._generated.api import GENERIC_STATUSES
from hoiio._generated.facts import CSV_FIELDS
from hoiio.sandbox.checks import endpoints
from hoiio.sandbox.receiver import Receiver
from hoiio.sandbox.server import Sandbox
from hoiio.testing import validate_body

MONEY = re.compile(r"^\d+\.\d{3}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TXN_REF = re.compile(r"^AA-[A-Z]{1,2}-\d+$")
INTEGER = re.compile(r"^\d+$")
MONEY_KEYS = {"rate", "debit", "total_cost", "balance", "points", "bonus"}
INT_KEYS = {"split_count", "duration", "talktime", "entries_count", "total_entries_count", "fax_pages"}
LIST_KEYS = {"entries", "txn_refs", "caller_ids", "capabilities", "capability", "states"}

#: (path, status) of every API answer the tests saw.
SEEN: List[tuple] = []


def check_wire(path: str, body: Dict[str, Any]) -> None:
    """The body is what Hoiio would send for ``path``; raises AssertionError otherwise."""
    ep = endpoints()[path]
    validate_body(path, body)
    status = body["status"]
    allowed = set(ep.statuses) | set(GENERIC_STATUSES)  # statuses include what params and groups declare
    assert status in allowed or re.fullmatch(r"error_[a-z0-9_]+_param_missing", status), f"{path} answered {status}, not in the spec"
    if status != "success_ok":
        assert list(body) == ["status"], f"{path}: an error carries only its status: {body}"
    _walk(path, body)
    SEEN.append((path, status))


def _walk(path: str, obj: Dict[str, Any]) -> None:
    for key, value in obj.items():
        where = f"{path}: {key}={value!r}"
        if key == "is_unicode":
            assert isinstance(value, bool), where
        elif key in CSV_FIELDS.get(path, ()):  # a list Hoiio wrote comma-separated (voice/conference's txn_refs)
            assert isinstance(value, str) and all(TXN_REF.match(ref) for ref in value.split(",")), where
        elif key in LIST_KEYS:
            assert isinstance(value, list), where
            for item in value:
                if isinstance(item, dict):
                    _walk(path, item)
                else:
                    assert isinstance(item, str), where
        else:
            assert isinstance(value, str), f"{where}: every scalar is a string on the wire"
            if key in MONEY_KEYS:
                assert MONEY.match(value), where
            if key in INT_KEYS or (key == "duration" and path != "number/get_rates"):
                assert INTEGER.match(value), where
            if key == "date":
                assert DATE.match(value), where
            if key == "expiry":
                assert DAY.match(value), where
            if key in ("txn_ref", "bulk_txn_ref"):
                assert TXN_REF.match(value), where
            if key == "session":
                assert re.fullmatch(r"S-\d+", value), where


def _hook(res: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
    path = urlsplit(res.url).path
    if "/open/" in path and res.headers.get("Content-Type", "").startswith("application/json"):
        endpoint = path.split("/open/", 1)[1]
        if endpoint in endpoints():
            check_wire(endpoint, res.json())
    return res


def checked_session() -> requests.Session:
    session = requests.Session()
    session.hooks["response"].append(_hook)
    return session


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture(scope="session")
def receiver() -> Iterator[Receiver]:
    with Receiver() as rx:
        yield rx


@pytest.fixture
def account(sandbox: Sandbox) -> Dict[str, Any]:
    """A fresh account: default profile, 50.000 points and 4.650 bonus SGD."""
    acct: Dict[str, Any] = sandbox.create_account()
    return acct


@pytest.fixture
def make_client(sandbox: Sandbox) -> Iterator[Callable[..., hoiio.Client]]:
    made: List[hoiio.Client] = []

    def make(acct: Dict[str, Any], **kwargs: Any) -> hoiio.Client:
        """A client of the account that returns error answers (raise_on_error=False): these tests
        check the statuses the sandbox answers; test_errors_raise.py checks the raising default."""
        kwargs.setdefault("session", checked_session())
        kwargs.setdefault("raise_on_error", False)
        client = hoiio.Client(acct["app_id"], acct["access_token"], base_url=sandbox.base_url, **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(account: Dict[str, Any], make_client: Callable[..., hoiio.Client]) -> hoiio.Client:
    return make_client(account)


class Raw:
    """Requests the SDK would refuse: straight to the sandbox, answers checked like the SDK's."""

    def __init__(self, sandbox: Sandbox, account: Dict[str, Any]) -> None:
        self.base = sandbox.base_url
        self.account = account
        self.http = checked_session()

    def __call__(self, path: str, method: str = "POST", *, auth: bool = True, files: Optional[Dict[str, Any]] = None,
                 **params: Any) -> Dict[str, Any]:  # fmt: skip
        data = {k: v for k, v in params.items() if v is not None}
        if auth:
            data = {"app_id": self.account["app_id"], "access_token": self.account["access_token"], **data}
        if method == "GET":
            res = self.http.get(self.base + path, params=data, timeout=10)
        else:
            res = self.http.request(method, self.base + path, data=data, files=files, timeout=10)
        body: Dict[str, Any] = res.json()
        return body

    def status(self, path: str, **params: Any) -> str:
        return str(self(path, **params)["status"])


@pytest.fixture
def raw(sandbox: Sandbox, account: Dict[str, Any]) -> Raw:
    return Raw(sandbox, account)


def balance(sandbox: Sandbox, acct: Dict[str, Any]) -> Dict[str, str]:
    info = sandbox.account(acct["app_id"])
    return {k: info[k] for k in ("balance", "points", "bonus")}


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>endobj\n" \
      b"3 0 obj<</Type/Page/Parent 2 0 R>>endobj\n4 0 obj<</Type /Page/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # fmt: skip
