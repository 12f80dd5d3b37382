"""The original SDK's usages (hoiio 0.1.x), in its own tests' style: ``Hoiio.init`` in setUp,
the facade, ``self.assertTrue(res.is_success())``; run against the sandbox over real HTTP
instead of the live API (the original's tests were live and cost money).

Each test is one usage that code written for the original SDK relies on, or one departure the
README lists (with what to write instead)."""

from __future__ import annotations

import logging
import pickle
import unittest
from typing import Any, Dict

import pytest
import requests
from hoiio import Hoiio, ValidationError
from hoiio.exceptions import HoiioException
from hoiio.service import Response

from .conftest import Sandbox

US_NUMBER = "+16505551101"  # the sandbox's catalogue: a US number (voice and SMS)
SG_NUMBER = "+6531581101"  # and a Singapore one (voice or fax)


class OriginalStyle(unittest.TestCase):
    """Like the original's tests: credentials at init, every call through the facade."""

    sandbox: Sandbox
    account: Dict[str, Any]

    def setUp(self) -> None:
        Hoiio.init(self.account["app_id"], self.account["access_token"])

    def tearDown(self) -> None:
        if Hoiio._default is not None:
            Hoiio._default.close()
        Hoiio._default = None


@pytest.fixture(autouse=True)
def _original_setup(request: pytest.FixtureRequest, sandbox: Sandbox, account: Dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """The credentials and the sandbox's URL come the way the original's users gave them:
    ``Hoiio.init(app_id, access_token)``, the base URL from the environment."""
    monkeypatch.setenv("HOIIO_BASE_URL", sandbox.base_url)
    saved = (Hoiio.prefix, Hoiio._default)
    Hoiio.prefix, Hoiio._default = None, None
    if request.instance is not None:
        request.instance.sandbox = sandbox
        request.instance.account = account
    yield
    if Hoiio._default is not None:
        Hoiio._default.close()
    Hoiio.prefix, Hoiio._default = saved


class TestBasics(OriginalStyle):
    def test_services_carry_the_credentials(self) -> None:
        Hoiio.init("a", "tok-secret-b")
        for service in (Hoiio.voice, Hoiio.sms, Hoiio.fax, Hoiio.ivr, Hoiio.number, Hoiio.account, Hoiio.user):
            self.assertEqual(service.app_id, "a")
            self.assertEqual(service.access_token, "tok-secret-b")
            self.assertNotIn("tok-secret-b", repr(service))  # never in a repr
            state = vars(service) if hasattr(service, "__dict__") else {k: getattr(service, k) for k in type(service).__slots__}
            self.assertNotIn("tok-secret-b", repr(state))  # nor in what the object holds
            with self.assertRaises(TypeError):  # nor in a pickle: a service holds its client
                pickle.dumps(service)
        Hoiio.init("c", "d")  # a second init: the services answer the new credentials
        self.assertEqual((Hoiio.voice.app_id, Hoiio.voice.access_token), ("c", "d"))

    def test_the_access_token_is_never_logged(self) -> None:
        token = self.account["access_token"]
        records = []
        handler = logging.Handler(logging.DEBUG)
        handler.emit = records.append  # type: ignore[method-assign]
        log = logging.getLogger("hoiio")
        old = log.level
        log.addHandler(handler)
        log.setLevel(logging.DEBUG)
        try:
            self.assertEqual(Hoiio.sms.access_token, token)
            res = Hoiio.account.balance()
        finally:
            log.removeHandler(handler)
            log.setLevel(old)
        self.assertTrue(res.is_success())
        self.assertTrue(records)
        for record in records:
            self.assertNotIn(token, record.getMessage())

    def test_response_from_a_requests_response(self) -> None:
        # the original's own tests built hoiio.service.Response from requests' answer
        r = requests.post(self.sandbox.base_url + "user/get_balance", data={"app_id": Hoiio.voice.app_id, "access_token": Hoiio.voice.access_token}, timeout=10)
        res = Response(r)
        self.assertTrue(res.is_success())
        self.assertEqual(res.status, "success_ok")
        self.assertEqual(res.currency, "SGD")
        self.assertEqual(res.json["balance"], "54.650")
        self.assertEqual(res.text, r.text)
        self.assertIs(res.response, r)
        failed = Response(requests.post(self.sandbox.base_url + "user/get_balance", data={"app_id": "x", "access_token": "y"}, timeout=10))
        self.assertFalse(failed.is_success())
        self.assertEqual(failed.status, "error_invalid_app_id")

    def test_bad_response(self) -> None:
        # the original's test_bad_response: an answer that is not Hoiio's raises HoiioException
        r = requests.get(self.sandbox.base_url.replace("/open/", "/"), timeout=10)  # the sandbox's text page
        with self.assertRaises(HoiioException) as info:
            Response(r)
        self.assertIn("HTTP 200 is not a Hoiio answer", str(info.exception))
        self.assertIs(info.exception.response, r)  # type: ignore[attr-defined]


class TestSms(OriginalStyle):
    def test_bulk_send_txn_ref(self) -> None:
        res = Hoiio.sms.bulk_send("Hoiio World", "+6511111111", "+6522222222")
        self.assertTrue(res.is_success())
        # code written for the original read the batch reference as txn_ref (Hoiio's answer
        # carried it under that name for years); bulk_txn_ref is the documented name
        self.assertEqual(res.txn_ref, res.bulk_txn_ref)
        self.assertTrue(res.txn_ref.startswith("AA-"))

    def test_rate_in_with_dest(self) -> None:
        by_name = Hoiio.sms.rate_in(dest=US_NUMBER)  # the original's keyword
        self.assertTrue(by_name.is_success())
        self.assertEqual(by_name.json, Hoiio.sms.rate_in(US_NUMBER).json)
        self.assertIsInstance(by_name.rate, float)


class TestFax(OriginalStyle):
    def test_rate_in_with_dest(self) -> None:
        by_name = Hoiio.fax.rate_in(dest=SG_NUMBER)
        self.assertTrue(by_name.is_success())
        self.assertEqual(by_name.json, Hoiio.fax.rate_in(SG_NUMBER).json)


class TestDepartures(OriginalStyle):
    """What the README's "Differences from the original SDK" promises, where it breaks."""

    def test_invalid_input_raises_before_anything_is_sent(self) -> None:
        with self.assertRaises(ValidationError) as info:
            Hoiio.voice.call("1234", "+6522222222")  # the original sent it; Hoiio answered an error
        self.assertIn("dest1", str(info.exception))
        self.assertIsInstance(info.exception, HoiioException)
        with self.assertRaises(ValidationError):
            Hoiio.sms.send("+6511111111", "Hoiio World~")  # the quick start's swapped arguments
        history = Hoiio.voice.history()
        self.assertTrue(history.is_success())
        self.assertEqual(history.entries_count, 0)  # nothing reached the server
        self.assertEqual(Hoiio.sms.history().entries_count, 0)
        # what to write instead: a full number, or Hoiio.prefix for the short ones
        Hoiio.prefix = "65"
        self.assertTrue(Hoiio.voice.call("11111234", "22222222").is_success())

    def test_conference_room_ids_use_the_official_characters(self) -> None:
        with self.assertRaises(ValidationError) as info:
            Hoiio.voice.conference("+6544444444", room="MY-ROOM")  # the guide's own example
        self.assertIn("room", str(info.exception))
        res = Hoiio.voice.conference("+6544444444", room="MY_ROOM")  # letters, digits, "." and "_"
        self.assertTrue(res.is_success())
        self.assertEqual(res.room, "MY_ROOM")
