"""The hoiio.notifications adapters in real web frameworks on real servers.

For each of Flask (werkzeug's server), Django (its WSGI application on werkzeug's server) and
FastAPI (uvicorn), a tiny app with one view that reads the notification with the matching
adapter (from_flask, from_django, from_starlette), checking the signature with the access token:
403 for a bad signature, 400 for what is not a notification. The sandbox posts the
notifications to it over HTTP, signed as it signs them (an SMS delivery report to a notify_url,
an incoming SMS to a number's forwarding), and the tests check the typed notification the view
got, and that forged or altered ones are refused.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List

import django
import flask
import pytest
import requests
import uvicorn
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from hoiio import notifications
from hoiio.sandbox.server import Sandbox
from werkzeug.serving import make_server

TOKEN = "framework-test-token"  # the access token of each test's account, known to the apps
GMT8 = dt.timezone(dt.timedelta(hours=8))
SMS_DELIVERY_SECONDS = 5
# The documented incoming-SMS notification, fields in the query string (hoiio-api-part1.md 1.10).
DOCUMENTED = "to=%2B16501234567&debit=0.013&from=%2B16201234567&date=2012-10-30+12%3A20%3A50&msg=hoiio+world&txn_ref=AA-SI-85&currency=SGD"


@dataclass
class Seen:
    """What an app's view did with each request."""

    notes: List[Any] = field(default_factory=list)
    refused: List[Exception] = field(default_factory=list)

    def clear(self) -> None:
        self.notes.clear()
        self.refused.clear()


@dataclass
class App:
    name: str
    url: str
    seen: Seen


# ---- the apps: one view each, as a user would write it ----


def flask_app(seen: Seen) -> Any:
    app = flask.Flask("hoiio_flask_test")

    @app.post("/hoiio")
    def hoiio_notification() -> Any:
        try:
            note = notifications.from_flask(flask.request, access_token=TOKEN)
        except notifications.SignatureError as exc:
            seen.refused.append(exc)
            return "forged", 403
        except notifications.NotificationError as exc:
            seen.refused.append(exc)
            return "not a notification", 400
        seen.notes.append(note)
        return "ok"

    return app


#: Django's URLconf is this module (ROOT_URLCONF below); the view is set by django_app().
urlpatterns: List[Any] = []


def django_app(seen: Seen) -> Any:
    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="hoiio-framework-tests",
            ALLOWED_HOSTS=["127.0.0.1"],
            ROOT_URLCONF=__name__,
            MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],  # as in most projects: the view must be exempt
            INSTALLED_APPS=[],
            USE_TZ=True,
        )
        django.setup()

    @csrf_exempt
    @require_POST
    def hoiio_notification(request: HttpRequest) -> HttpResponse:
        try:
            note = notifications.from_django(request, access_token=TOKEN)
        except notifications.SignatureError as exc:
            seen.refused.append(exc)
            return HttpResponse("forged", status=403)
        except notifications.NotificationError as exc:
            seen.refused.append(exc)
            return HttpResponse("not a notification", status=400)
        seen.notes.append(note)
        return HttpResponse("ok")

    urlpatterns[:] = [path("hoiio", hoiio_notification)]
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def fastapi_app(seen: Seen) -> Any:
    app = FastAPI()

    @app.post("/hoiio")
    async def hoiio_notification(request: Request) -> PlainTextResponse:
        try:
            note = await notifications.from_starlette(request, access_token=TOKEN)
        except notifications.SignatureError as exc:
            seen.refused.append(exc)
            return PlainTextResponse("forged", status_code=403)
        except notifications.NotificationError as exc:
            seen.refused.append(exc)
            return PlainTextResponse("not a notification", status_code=400)
        seen.notes.append(note)
        return PlainTextResponse("ok")

    return app


# ---- serving them on a free loopback port, in a thread ----


def serve_wsgi(app: Any) -> Iterator[int]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve_asgi(app: Any) -> Iterator[int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


FRAMEWORKS: Dict[str, Callable[[Seen], Iterator[int]]] = {
    "flask": lambda seen: serve_wsgi(flask_app(seen)),
    "django": lambda seen: serve_wsgi(django_app(seen)),
    "fastapi": lambda seen: serve_asgi(fastapi_app(seen)),
}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture(scope="module", params=list(FRAMEWORKS))
def running(request: pytest.FixtureRequest) -> Iterator[App]:
    seen = Seen()
    servers = FRAMEWORKS[request.param](seen)
    port = next(servers)
    yield App(request.param, f"http://127.0.0.1:{port}/hoiio", seen)
    servers.close()


@pytest.fixture
def app(running: App) -> App:
    running.seen.clear()
    return running


@pytest.fixture
def account(sandbox: Sandbox) -> Dict[str, Any]:
    """A fresh account whose access token the apps check signatures with."""
    acct: Dict[str, Any] = sandbox.create_account(access_token=TOKEN)
    return acct


@pytest.fixture
def client(sandbox: Sandbox, account: Dict[str, Any]) -> Iterator[Any]:
    with sandbox.client(app_id=account["app_id"], access_token=account["access_token"]) as c:
        yield c


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        session.trust_env = False  # straight to loopback, whatever proxies the environment sets
        yield session


def post(http: requests.Session, url: str, body: str, signature: Any = None) -> int:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature is not None:
        headers["X-Hoiio-Signature"] = signature
    return http.post(url, data=body.encode(), headers=headers, timeout=5).status_code


# ---- the tests, for each framework ----


def test_an_sms_delivery_report_arrives_typed_and_verified(sandbox: Sandbox, account: Dict[str, Any], client: Any, app: App) -> None:
    res = client.sms.send("Hello from the sandbox", "+6591234567", tag="order-42", notify_url=app.url + "?shop=7")
    res.raise_for_status()
    assert app.seen.notes == []
    sandbox.advance(SMS_DELIVERY_SECONDS)  # delivered; the report goes out (advance waits for it)

    (note,) = app.seen.notes
    assert isinstance(note, notifications.SmsDeliveryNotification)
    assert (note.txn_ref, note.sms_status, note.dest, note.tag) == (res.txn_ref, "delivered", "+6591234567", "order-42")
    assert note.split_count == 1 and note.currency == "SGD"
    assert note.rate == pytest.approx(0.038) and note.debit == pytest.approx(0.038)
    assert isinstance(note.date, dt.datetime) and note.date.utcoffset() == dt.timedelta(hours=8)
    assert note.shop == "7"  # the notify_url's own query parameter comes back
    (sent,) = sandbox.notifications(app_id=account["app_id"])
    assert (sent["state"], sent["http_status"]) == ("delivered", 200)
    assert notifications.verify_signature(sent["body"], sent["signature"], TOKEN)  # what the view checked
    assert app.seen.refused == []


def test_an_incoming_sms_arrives_through_the_numbers_forwarding(sandbox: Sandbox, account: Dict[str, Any], client: Any, app: App) -> None:
    number = client.number.available_numbers("US", "CA").entries[0].number  # US numbers take SMS
    client.number.subscribe(number, "1").raise_for_status()
    client.number.configure(number, forward_sms_to=app.url).raise_for_status()
    (ref,) = sandbox.incoming_sms(number, "+16501234567", "Is the shop open on Sunday? €5 ok", app_id=account["app_id"])
    sandbox.wait_for_notifications()

    (note,) = app.seen.notes
    assert isinstance(note, notifications.IncomingSmsNotification)
    assert (note.txn_ref, note.from_, note.to, note.msg) == (ref, "+16501234567", number, "Is the shop open on Sunday? €5 ok")
    assert note.currency == "SGD" and note.debit == pytest.approx(0.013)
    assert note.date is not None and note.date.utcoffset() == dt.timedelta(hours=8)
    (sent,) = sandbox.notifications(app_id=account["app_id"])
    assert (sent["state"], sent["http_status"]) == ("delivered", 200)


def test_a_notification_signed_with_another_token_is_refused(sandbox: Sandbox, app: App) -> None:
    other = sandbox.create_account(access_token="another-applications-token")
    with sandbox.client(app_id=other["app_id"], access_token=other["access_token"]) as c:
        c.sms.send("hi", "+6591234567", notify_url=app.url).raise_for_status()
    sandbox.advance(SMS_DELIVERY_SECONDS)

    (sent,) = sandbox.notifications(app_id=other["app_id"])
    assert (sent["state"], sent["http_status"]) == ("failed", 403)
    assert app.seen.notes == []
    assert [type(e) for e in app.seen.refused] == [notifications.SignatureError]


def test_an_altered_or_unsigned_notification_is_refused(sandbox: Sandbox, account: Dict[str, Any], client: Any, app: App,
                                                        http: requests.Session) -> None:  # fmt: skip
    client.sms.send("hi", "+6591234567", notify_url=app.url).raise_for_status()
    sandbox.advance(SMS_DELIVERY_SECONDS)
    (sent,) = sandbox.notifications(app_id=account["app_id"])
    body, signature = sent["body"], sent["signature"]
    assert "sms_status=delivered" in body and len(app.seen.notes) == 1

    assert post(http, app.url, body, signature) == 200  # the same request again goes through (no replay protection)
    altered = body.replace("sms_status=delivered", "sms_status=failed")
    assert post(http, app.url, altered, signature) == 403
    assert post(http, app.url, altered) == 403
    assert post(http, app.url, altered, notifications.sign(altered, "guessed-token")) == 403
    assert post(http, app.url, "colour=blue", notifications.sign("colour=blue", TOKEN)) == 400

    assert [n.sms_status for n in app.seen.notes] == ["delivered", "delivered"]
    assert [type(e) for e in app.seen.refused] == [notifications.SignatureError] * 3 + [notifications.NotificationError]
    assert "does not match" in str(app.seen.refused[0]) and "missing" in str(app.seen.refused[1])


def test_the_documented_notification_in_the_query_string_cannot_be_verified(app: App, http: requests.Session) -> None:
    """Hoiio's docs put the fields in the URL of the POST, which X-Hoiio-Signature does not cover:
    the signature of the empty body is the same for every such notification, so with the token
    each adapter refuses it (403), a forged one replayed with that signature among them."""
    assert post(http, f"{app.url}?{DOCUMENTED}", "", notifications.sign(b"", TOKEN)) == 403
    assert post(http, f"{app.url}?ivr_block=gather&session=S-9&digits=1", "", notifications.sign(b"", TOKEN)) == 403
    assert app.seen.notes == []
    assert [type(e) for e in app.seen.refused] == [notifications.SignatureError] * 2
    assert "query string" in str(app.seen.refused[0])


def test_each_framework_hands_over_the_query_string_still_encoded(app: App, http: requests.Session) -> None:
    """The documented fields, signed in the body; each framework must hand over the query string
    still encoded ("%2B" is "+", "+" is a space), as the pass-through parameters show."""
    assert post(http, f"{app.url}?shop=a%2Bb+c&ref=x%26y", DOCUMENTED, notifications.sign(DOCUMENTED, TOKEN)) == 200
    (note,) = app.seen.notes
    assert isinstance(note, notifications.IncomingSmsNotification)
    assert (note.from_, note.to, note.msg, note.txn_ref) == ("+16201234567", "+16501234567", "hoiio world", "AA-SI-85")
    assert note.date == dt.datetime(2012, 10, 30, 12, 20, 50, tzinfo=GMT8)
    assert (note.shop, note.ref) == ("a+b c", "x&y")


def test_flask_says_so_when_request_form_was_read_before_from_flask() -> None:
    """Werkzeug keeps no raw body once request.form is parsed (a hook or an extension may do it):
    with the token, from_flask refuses with a message saying why, not "does not match"; without
    it, the parsed form is read."""
    app = flask.Flask("hoiio_flask_form_first")

    @app.before_request
    def peek() -> None:
        assert flask.request.form["sms_status"] == "delivered"

    @app.post("/checked")
    def checked() -> Any:
        try:
            return repr(notifications.from_flask(flask.request, access_token=TOKEN))
        except notifications.SignatureError as exc:
            return str(exc), 403

    @app.post("/unchecked")
    def unchecked() -> Any:
        note = notifications.from_flask(flask.request)
        return f"{type(note).__name__} {note.txn_ref} {note.sms_status} {note.shop}"

    body = "txn_ref=AA-S-1&sms_status=delivered&dest=%2B6591234567"
    headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Hoiio-Signature": notifications.sign(body, TOKEN)}
    with app.test_client() as c:
        refused = c.post("/checked", data=body, headers=headers)
        read = c.post("/unchecked?shop=7", data=body, headers=headers)
    assert refused.status_code == 403 and "already read (request.form)" in refused.get_data(as_text=True)
    assert read.status_code == 200 and read.get_data(as_text=True) == "SmsDeliveryNotification AA-S-1 delivered 7"
