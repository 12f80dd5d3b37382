"""The exact form body every SDK method sends: one POST to base_url + path, credentials in the
body and never in the URL, numbers, dates, ints and flags written the way Hoiio reads them."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any, Callable, Dict, List, Optional, Tuple

import hoiio
import pytest
import responses
from hoiio_unit_support import APP, BASE, TOKEN, answer, form_of, sent

URL = "http://my.server.com/myscript"
SGT = dt.timezone(dt.timedelta(hours=8))

class facade_of:
    """The services of a client in the form ``Hoiio.sms`` has (wire names as keywords)."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def __getattr__(self, name: str) -> Any:
        from hoiio._runtime.facade import facade_of

        return facade_of(getattr(self.client, name))


Case = Tuple[str, Callable[[hoiio.Client], Any], str, Dict[str, str]]

# One case at least per method of every service, with every parameter it takes.
CASES: List[Case] = [
    # sms
    ("sms.send", lambda c: c.sms.send("Hoiio World", "+6511111111"), "sms/send", {"msg": "Hoiio World", "dest": "+6511111111"}),
    (
        "sms.send all",
        lambda c: c.sms.send("Hoiio World", "+6511111111", sender_name="Citibank", tag="myapp", notify_url=URL),
        "sms/send",
        {"msg": "Hoiio World", "dest": "+6511111111", "sender_name": "Citibank", "tag": "myapp", "notify_url": URL},
    ),
    (
        "sms.send unicode",
        lambda c: c.sms.send("你好 & =+%", "+6511111111"),
        "sms/send",
        {"msg": "你好 & =+%", "dest": "+6511111111"},
    ),
    (
        "sms.bulk_send varargs",
        lambda c: c.sms.bulk_send("Hoiio World", "+6511111111", "+652222222", notify_url=URL),
        "sms/bulk_send",
        {"msg": "Hoiio World", "dest": "+6511111111,+652222222", "notify_url": URL},
    ),
    (
        "sms.bulk_send list",
        lambda c: c.sms.bulk_send("Hi", ["+6511111111", "+6522222222", "+6533333333"], sender_name="Acme", tag="b1"),
        "sms/bulk_send",
        {"msg": "Hi", "dest": "+6511111111,+6522222222,+6533333333", "sender_name": "Acme", "tag": "b1"},
    ),
    ("sms.history", lambda c: c.sms.history(), "sms/get_history", {}),
    (
        "sms.history filters",
        lambda c: c.sms.history(from_="2012-01-01 08:00:00", to="2012-12-31 08:00:00", page=2),
        "sms/get_history",
        {"from": "2012-01-01 08:00:00", "to": "2012-12-31 08:00:00", "page": "2"},
    ),
    (
        "sms.history **{'from'}",
        lambda c: facade_of(c).sms.history(**{"from": "2012-01-01 08:00:00", "to": "2012-12-31 08:00:00"}),
        "sms/get_history",
        {"from": "2012-01-01 08:00:00", "to": "2012-12-31 08:00:00"},
    ),
    (
        "sms.history_iter",
        lambda c: list(c.sms.history_iter(from_="2012-01-01 00:00:00")),
        "sms/get_history",
        {"from": "2012-01-01 00:00:00", "page": "1"},
    ),
    (
        "sms.rate",
        lambda c: c.sms.rate("Hoiio World", "+6511111111"),
        "sms/get_rate",
        {"msg": "Hoiio World", "dest": "+6511111111"},
    ),
    ("sms.rate no msg", lambda c: c.sms.rate(None, "+6511111111"), "sms/get_rate", {"dest": "+6511111111"}),
    ("sms.rate_in", lambda c: c.sms.rate_in("+6599999999"), "sms/get_rate", {"incoming": "+6599999999"}),
    ("sms.status", lambda c: c.sms.status("TX-1234"), "sms/query_status", {"txn_ref": "TX-1234"}),
    # voice
    (
        "voice.call",
        lambda c: c.voice.call("+6511111111", "+6522222222"),
        "voice/call",
        {"dest1": "+6511111111", "dest2": "+6522222222"},
    ),
    (
        "voice.call all",
        lambda c: c.voice.call("+6511111111", "+6522222222", caller_id="private", max_duration=600, tag="myapp", notify_url=URL),
        "voice/call",
        {
            "dest1": "+6511111111",
            "dest2": "+6522222222",
            "caller_id": "private",
            "max_duration": "600",
            "tag": "myapp",
            "notify_url": URL,
        },
    ),
    ("voice.call dest1 None", lambda c: c.voice.call(None, "+6522222222"), "voice/call", {"dest2": "+6522222222"}),
    (
        "voice.conference",
        lambda c: c.voice.conference("+6511111111", "+6522222222", "+6533333333", room="MY-ROOM".replace("-", "_"),
                                     caller_id="+6500000000", tag="t", notify_url=URL),
        "voice/conference",
        {
            "dest": "+6511111111,+6522222222,+6533333333",
            "room": "MY_ROOM",
            "caller_id": "+6500000000",
            "tag": "t",
            "notify_url": URL,
        },
    ),
    ("voice.conference one", lambda c: c.voice.conference("+6544444444", room="R123"), "voice/conference",
     {"dest": "+6544444444", "room": "R123"}),
    ("voice.hangup", lambda c: c.voice.hangup("TX-4"), "voice/hangup", {"txn_ref": "TX-4"}),
    ("voice.history", lambda c: c.voice.history(page=2), "voice/get_history", {"page": "2"}),
    (
        "voice.history **{'from'}",
        lambda c: facade_of(c).voice.history(**{"from": "2012-01-01 08:00:00"}, to="2012-12-31 08:00:00"),
        "voice/get_history",
        {"from": "2012-01-01 08:00:00", "to": "2012-12-31 08:00:00"},
    ),
    ("voice.history_iter", lambda c: list(c.voice.history_iter()), "voice/get_history", {"page": "1"}),
    (
        "voice.rate",
        lambda c: c.voice.rate("+6511111111", "+6522222222"),
        "voice/get_rate",
        {"dest1": "+6511111111", "dest2": "+6522222222"},
    ),
    ("voice.status", lambda c: c.voice.status("TX-1234"), "voice/query_status", {"txn_ref": "TX-1234"}),
    # conference
    (
        "conference.call",
        lambda c: c.conference.call("+6511111111", "+6522222222", room="R.1_x", caller_id="private", tag="t", notify_url=URL),
        "conference/call",
        {"dest": "+6511111111,+6522222222", "room": "R.1_x", "caller_id": "private", "tag": "t", "notify_url": URL},
    ),
    ("conference.call list", lambda c: c.conference.call(["+6511111111", "+6522222222"]), "conference/call",
     {"dest": "+6511111111,+6522222222"}),
    (
        "conference.moderate",
        lambda c: c.conference.moderate("AA-C-141147", "mute"),
        "conference/moderate",
        {"txn_ref": "AA-C-141147", "action": "mute"},
    ),
    # fax (fax.send is multipart: see below)
    ("fax.history", lambda c: c.fax.history(), "fax/get_history", {}),
    (
        "fax.history all",
        lambda c: facade_of(c).fax.history(**{"from": "2010-01-01 00:00:00"}, to="2012-01-01 00:00:00", page=3, type="incoming"),
        "fax/get_history",
        {"from": "2010-01-01 00:00:00", "to": "2012-01-01 00:00:00", "page": "3", "type": "incoming"},
    ),
    ("fax.history_iter", lambda c: list(c.fax.history_iter(type="outgoing")), "fax/get_history",
     {"type": "outgoing", "page": "1"}),
    ("fax.rate", lambda c: c.fax.rate("+6511111111"), "fax/get_rate", {"dest": "+6511111111"}),
    ("fax.rate_in", lambda c: c.fax.rate_in("+6500000000"), "fax/get_rate", {"incoming": "+6500000000"}),
    ("fax.status", lambda c: c.fax.status("TX-1234"), "fax/query_status", {"txn_ref": "TX-1234"}),
    # ivr
    ("ivr.dial", lambda c: c.ivr.dial("+6511111111"), "ivr/start/dial", {"dest": "+6511111111"}),
    (
        "ivr.dial all",
        lambda c: c.ivr.dial("+6511111111", msg="Hello. This is an automated message from Hoiio.", caller_id="+6500000000",
                             max_duration="60", tag="myapp", notify_url=URL),
        "ivr/start/dial",
        {
            "dest": "+6511111111",
            "msg": "Hello. This is an automated message from Hoiio.",
            "caller_id": "+6500000000",
            "max_duration": "60",
            "tag": "myapp",
            "notify_url": URL,
        },
    ),
    (
        "ivr.play",
        lambda c: c.ivr.play("S-1234", '<speech language="en" gender="female">Hi</speech>', tag="myapp", notify_url=URL),
        "ivr/middle/play",
        {"session": "S-1234", "msg": '<speech language="en" gender="female">Hi</speech>', "tag": "myapp", "notify_url": URL},
    ),
    (
        "ivr.gather",
        lambda c: c.ivr.gather("S-1234", msg="Press 1 for yes", max_digits=1, timeout=60, attempts=3, tag="myapp", notify_url=URL),
        "ivr/middle/gather",
        {
            "session": "S-1234",
            "msg": "Press 1 for yes",
            "max_digits": "1",
            "timeout": "60",
            "attempts": "3",
            "tag": "myapp",
            "notify_url": URL,
        },
    ),
    (
        "ivr.gather max_digits 0",
        lambda c: c.ivr.gather("S-1234", max_digits=0, notify_url=URL),
        "ivr/middle/gather",
        {"session": "S-1234", "max_digits": "0", "notify_url": URL},
    ),
    (
        "ivr.record",
        lambda c: c.ivr.record("S-1234", msg="Recording now.", max_duration=60, tag="myapp", notify_url=URL),
        "ivr/middle/record",
        {"session": "S-1234", "msg": "Recording now.", "max_duration": "60", "tag": "myapp", "notify_url": URL},
    ),
    (
        "ivr.monitor",
        lambda c: c.ivr.monitor("S-1234", msg="This call is recorded.", tag="myapp", notify_url=URL,
                                monitor_notify_url="https://my.server.com/rec"),
        "ivr/middle/monitor",
        {
            "session": "S-1234",
            "msg": "This call is recorded.",
            "tag": "myapp",
            "notify_url": URL,
            "monitor_notify_url": "https://my.server.com/rec",
        },
    ),
    ("ivr.hold", lambda c: c.ivr.hold("S-1234"), "ivr/middle/hold", {"session": "S-1234"}),
    ("ivr.hold msg", lambda c: c.ivr.hold("S-1234", msg="Please hold"), "ivr/middle/hold",
     {"session": "S-1234", "msg": "Please hold"}),
    (
        "ivr.unhold",
        lambda c: c.ivr.unhold("S-1234", tag="t", notify_url=URL),
        "ivr/middle/unhold",
        {"session": "S-1234", "tag": "t", "notify_url": URL},
    ),
    (
        "ivr.transfer",
        lambda c: c.ivr.transfer("S-1234", "+6522222222", msg="Transferring.", caller_id="+6500000000",
                                 on_failure="continue", tag="myapp", notify_url=URL),
        "ivr/end/transfer",
        {
            "session": "S-1234",
            "dest": "+6522222222",
            "msg": "Transferring.",
            "caller_id": "+6500000000",
            "on_failure": "continue",
            "tag": "myapp",
            "notify_url": URL,
        },
    ),
    ("ivr.transfer room", lambda c: c.ivr.transfer("S-1234", "room:R1234"), "ivr/end/transfer",
     {"session": "S-1234", "dest": "room:R1234"}),
    ("ivr.transfer new room", lambda c: c.ivr.transfer("S-1234", "room:"), "ivr/end/transfer",
     {"session": "S-1234", "dest": "room:"}),
    ("ivr.hangup", lambda c: c.ivr.hangup("S-1234"), "ivr/end/hangup", {"session": "S-1234"}),
    ("ivr.hangup force", lambda c: c.ivr.hangup("S-1234", force=True), "ivr/end/hangup",
     {"session": "S-1234", "force": "enabled"}),
    ("ivr.hangup force=False", lambda c: c.ivr.hangup("S-1234", force=False, msg="Bye"), "ivr/end/hangup",
     {"session": "S-1234", "msg": "Bye"}),
    (
        "ivr.hangup msg",
        lambda c: c.ivr.hangup("S-1234", msg="Bye!", tag="myapp", notify_url=URL),
        "ivr/end/hangup",
        {"session": "S-1234", "msg": "Bye!", "tag": "myapp", "notify_url": URL},
    ),
    # number
    ("number.available_countries", lambda c: c.number.available_countries(), "number/get_countries", {}),
    ("number.available_numbers", lambda c: c.number.available_numbers("US", "AL"), "number/get_choices",
     {"country": "US", "state": "AL"}),
    ("number.available_numbers page", lambda c: c.number.available_numbers("SG", page=2), "number/get_choices",
     {"country": "SG", "page": "2"}),
    ("number.available_numbers_iter", lambda c: list(c.number.available_numbers_iter("US", "CA")), "number/get_choices",
     {"country": "US", "state": "CA", "page": "1"}),
    ("number.rate", lambda c: c.number.rate("US"), "number/get_rates", {"country": "US"}),
    ("number.subscribe", lambda c: c.number.subscribe("+16001234567", 1), "number/subscribe",
     {"number": "+16001234567", "duration": "1"}),
    ("number.subscribe auto", lambda c: c.number.subscribe("+16001234567", "auto_extend"), "number/subscribe",
     {"number": "+16001234567", "duration": "auto_extend"}),
    ("number.configure voice", lambda c: c.number.configure("+16001234567", forward_to=URL), "number/update_forwarding",
     {"number": "+16001234567", "forward_to": URL}),
    (
        "number.configure sms",
        lambda c: c.number.configure("+16001234567", forward_sms_to=URL + "/sms"),
        "number/update_forwarding",
        {"number": "+16001234567", "forward_sms_to": URL + "/sms", "forward_to_sms": URL + "/sms"},
    ),
    (
        "number.configure fax+sms",
        lambda c: c.number.configure("+16001234567", forward_to=URL, forward_sms_to=URL + "/sms", mode="fax"),
        "number/update_forwarding",
        {"number": "+16001234567", "forward_to": URL, "forward_sms_to": URL + "/sms", "forward_to_sms": URL + "/sms",
         "mode": "fax"},
    ),
    ("number.subscribed_numbers", lambda c: c.number.subscribed_numbers(), "number/get_active", {}),
    ("number.active_numbers", lambda c: c.number.active_numbers(), "number/get_active", {}),
    # account (also reachable as user, the original SDK's docs' name)
    ("account.balance", lambda c: c.account.balance(), "user/get_balance", {}),
    ("account.info", lambda c: c.account.info(), "user/get_info", {}),
    ("user.balance", lambda c: c.user.balance(), "user/get_balance", {}),
    ("user.info", lambda c: c.user.info(), "user/get_info", {}),
]


def check_request(mock: responses.RequestsMock, path: str) -> None:
    """One POST to exactly base_url + path: no query string, so no credentials in the URL."""
    assert len(mock.calls) == 1
    request = mock.calls[0].request
    assert request.method == "POST"
    assert request.url == BASE + path
    assert "?" not in request.url and TOKEN not in request.url and APP not in request.url


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_form_body(case: Case, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    _name, call, path, expected = case
    answer(mock, path)
    call(client)
    check_request(mock, path)
    assert mock.calls[0].request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent(mock) == expected


def test_every_sdk_method_has_a_form_body_case() -> None:
    """The table above covers every public method of every service (so a new one needs a case)."""
    covered = {name.split(" ")[0] for name, *_ in CASES} | {"fax.send"}
    client = hoiio.Client(APP, TOKEN)
    public = set()
    for service in ("sms", "voice", "conference", "fax", "ivr", "number", "account", "user"):
        obj = getattr(client, service)
        public |= {f"{service}.{m}" for m in dir(obj) if not m.startswith("_") and callable(getattr(obj, m))}
    assert public - covered == set()


@pytest.mark.parametrize("base", ["http://127.0.0.1:8099/open", "http://localhost:8099/open/", "https://api.example.com/hoiio/v1/"])
def test_posts_to_the_configured_base_url(base: str, mock: responses.RequestsMock) -> None:
    root = base.rstrip("/") + "/"
    mock.add(responses.POST, root + "ivr/end/transfer", body='{"status":"success_ok"}')
    with hoiio.Client(APP, TOKEN, base_url=base) as client:
        client.ivr.transfer("S1", "room:R1")
    assert [c.request.url for c in mock.calls] == [root + "ivr/end/transfer"]
    assert sent(mock) == {"session": "S1", "dest": "room:R1"}


def test_url_encoding_of_plus_and_specials(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    """'+' in numbers travels as %2B (the API reads a bare '+' as a space)."""
    answer(mock, "sms/send")
    client.sms.send("a+b & c", "+6511111111")
    body = mock.calls[0].request.body
    assert "dest=%2B6511111111" in body
    assert "msg=a%2Bb+%26+c" in body


def test_recipients_are_sent_as_json(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/bulk_send")
    people = [{"dest": "+6511111111", "name": "Nick", "age": "22"}, {"dest": "+6522222222", "name": "Dave", "age": 18}]
    client.sms.bulk_send("Hello {{name}}, you are {{age}} years old!", recipients=people, tag="tmpl")
    form = sent(mock)
    assert set(form) == {"msg", "recipients", "tag"}
    assert form["msg"] == "Hello {{name}}, you are {{age}} years old!"
    assert json.loads(form["recipients"]) == people
    assert "dest" not in form


def test_recipients_dest_gets_the_prefix(mock: responses.RequestsMock) -> None:
    answer(mock, "sms/bulk_send")
    with hoiio.Client(APP, TOKEN, prefix="65") as client:
        client.sms.bulk_send("Hi {{name}}", recipients=[{"dest": "91234567", "name": "Ann"}, {"dest": "+6011111111", "name": "Bo"}])
    assert json.loads(sent(mock)["recipients"]) == [{"dest": "+6591234567", "name": "Ann"}, {"dest": "+6011111111", "name": "Bo"}]


# ---- numbers with a default prefix ----

PREFIXED: List[Tuple[str, Callable[[hoiio.Client], Any], str, Dict[str, str]]] = [
    ("voice.call", lambda c: c.voice.call("11111111", "22222222"), "voice/call", {"dest1": "+6511111111", "dest2": "+6522222222"}),
    ("voice.call mixed", lambda c: c.voice.call("+8500000000", "22222222"), "voice/call",
     {"dest1": "+8500000000", "dest2": "+6522222222"}),
    ("voice.call None", lambda c: c.voice.call(None, "22222222"), "voice/call", {"dest2": "+6522222222"}),
    ("voice.rate", lambda c: c.voice.rate("11111111", "+6022222222"), "voice/get_rate",
     {"dest1": "+6511111111", "dest2": "+6022222222"}),
    ("voice.conference", lambda c: c.voice.conference("11111111", "+6022222222", "33333333"), "voice/conference",
     {"dest": "+6511111111,+6022222222,+6533333333"}),
    ("conference.call", lambda c: c.conference.call(["11111111", "22222222"]), "conference/call",
     {"dest": "+6511111111,+6522222222"}),
    ("sms.send", lambda c: c.sms.send("Hi", "91234567"), "sms/send", {"msg": "Hi", "dest": "+6591234567"}),
    ("sms.bulk_send", lambda c: c.sms.bulk_send("Hi", "91234567", "98765432", "+6011111111"), "sms/bulk_send",
     {"msg": "Hi", "dest": "+6591234567,+6598765432,+6011111111"}),
    ("sms.bulk_send list", lambda c: c.sms.bulk_send("Hi", ["91234567", "98765432"]), "sms/bulk_send",
     {"msg": "Hi", "dest": "+6591234567,+6598765432"}),
    ("sms.rate", lambda c: c.sms.rate("Hi", "91234567"), "sms/get_rate", {"msg": "Hi", "dest": "+6591234567"}),
    ("ivr.dial", lambda c: c.ivr.dial("11111111"), "ivr/start/dial", {"dest": "+6511111111"}),
    ("ivr.transfer number", lambda c: c.ivr.transfer("S1", "22222222"), "ivr/end/transfer", {"session": "S1", "dest": "+6522222222"}),
    ("ivr.transfer room", lambda c: c.ivr.transfer("S1", "room:R1234"), "ivr/end/transfer", {"session": "S1", "dest": "room:R1234"}),
    ("ivr.transfer new room", lambda c: c.ivr.transfer("S1", "room:"), "ivr/end/transfer", {"session": "S1", "dest": "room:"}),
    ("fax.rate", lambda c: c.fax.rate("11111111"), "fax/get_rate", {"dest": "+6511111111"}),
]


@pytest.mark.parametrize("prefix", ["65", "+65", 65])
@pytest.mark.parametrize("case", PREFIXED, ids=[c[0] for c in PREFIXED])
def test_numbers_get_the_prefix(case: Case, prefix: Any, mock: responses.RequestsMock) -> None:
    _name, call, path, expected = case
    answer(mock, path)
    with hoiio.Client(APP, TOKEN, prefix=prefix) as client:
        assert client.prefix == "65"
        call(client)
    check_request(mock, path)
    assert sent(mock) == expected


@pytest.mark.parametrize(
    "call, param",
    [
        (lambda c: c.sms.send("Hi", "91234567"), "dest"),
        (lambda c: c.voice.call("11111111", "+6522222222"), "dest1"),
        (lambda c: c.voice.call("+6511111111", "22222222"), "dest2"),
        (lambda c: c.sms.bulk_send("Hi", "+6511111111", "22222222"), "dests"),
        (lambda c: c.voice.conference("+6511111111", "22222222"), "dests"),
        (lambda c: c.ivr.transfer("S1", "22222222"), "dest"),
    ],
)
def test_without_a_prefix_a_number_without_plus_is_refused(
    call: Callable[[hoiio.Client], Any], param: str, client: hoiio.Client, mock: responses.RequestsMock
) -> None:
    assert client.prefix is None
    with pytest.raises(hoiio.ValidationError) as info:
        call(client)
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith(f"{param}: ")
    assert "country code" in info.value.problems[0]
    assert len(mock.calls) == 0


def test_facade_prefix_is_read_at_call_time(facade: Any, mock: responses.RequestsMock) -> None:
    answer(mock, "voice/call")
    facade.init(APP, TOKEN)
    facade.prefix = "65"
    facade.voice.call("11111111", "22222222")
    facade.prefix = "+852"
    facade.voice.call("11111111", "+6522222222")
    assert [form_of(c)["dest1"] for c in mock.calls] == [["+6511111111"], ["+85211111111"]]
    assert [form_of(c)["dest2"] for c in mock.calls] == [["+6522222222"], ["+6522222222"]]


# ---- dates, ints, flags ----


@pytest.mark.parametrize(
    "value, wire",
    [
        ("2012-01-01 08:00:00", "2012-01-01 08:00:00"),
        (dt.datetime(2012, 1, 1, 8, 0, 0), "2012-01-01 08:00:00"),  # naive: taken as GMT+8
        (dt.datetime(2012, 1, 1, 8, 0, 0, 999999), "2012-01-01 08:00:00"),
        (dt.datetime(2012, 1, 1, 8, 0, 0, tzinfo=SGT), "2012-01-01 08:00:00"),
        (dt.datetime(2012, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc), "2012-01-01 08:00:00"),  # aware: converted
        (dt.datetime(2011, 12, 31, 19, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))), "2012-01-01 08:00:00"),
        (dt.datetime(2012, 1, 1, 20, 30, 0, tzinfo=dt.timezone.utc), "2012-01-02 04:30:00"),  # crosses midnight
        (dt.date(2012, 1, 1), "2012-01-01 00:00:00"),
    ],
)
def test_history_dates(value: Any, wire: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "voice/get_history")
    client.voice.history(from_=value, to=value)
    assert sent(mock) == {"from": wire, "to": wire}


def test_from_keyword_and_dict_spelling_agree(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/get_history")
    client.sms.history(from_=dt.datetime(2012, 1, 1, 8), page=1)
    facade_of(client).sms.history(**{"from": dt.datetime(2012, 1, 1, 8), "page": 1})  # the facade takes wire names
    assert form_of(mock.calls[0]) == form_of(mock.calls[1])
    assert form_of(mock.calls[0])["from"] == ["2012-01-01 08:00:00"]


@pytest.mark.parametrize("value, wire", [(60, "60"), ("60", "60"), (" 60 ", "60"), (1, "1")])
def test_ints(value: Any, wire: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "ivr/middle/record")
    client.ivr.record("S1", max_duration=value, notify_url=URL)
    assert sent(mock)["max_duration"] == wire


@pytest.mark.parametrize("duration, wire", [(1, "1"), ("3", "3"), (12, "12"), ("auto_extend", "auto_extend")])
def test_subscribe_duration(duration: Any, wire: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "number/subscribe")
    client.number.subscribe("+16001234567", duration)
    assert sent(mock) == {"number": "+16001234567", "duration": wire}


# ---- per-call options ----


def test_extra_params_are_sent_as_given(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "sms/get_history")
    client.sms.history(page=2, extra_params={"page_size": 50, "src": "+6511111111", "skip": None})
    assert sent(mock) == {"page": "2", "page_size": "50", "src": "+6511111111"}


def test_per_call_credentials_override_the_clients(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    answer(mock, "user/get_balance")
    client.account.balance(app_id="OTHER-APP", access_token="OTHER-TOKEN")
    client.account.balance(access_token="OTHER-TOKEN-2")
    client.account.balance()
    forms = [form_of(c) for c in mock.calls]
    assert [(f["app_id"], f["access_token"]) for f in forms] == [
        (["OTHER-APP"], ["OTHER-TOKEN"]),
        ([APP], ["OTHER-TOKEN-2"]),
        ([APP], [TOKEN]),
    ]
    assert all(set(f) == {"app_id", "access_token"} for f in forms)
    assert all("TOKEN" not in c.request.url for c in mock.calls)


def test_facade_per_call_credentials(facade: Any, mock: responses.RequestsMock) -> None:
    """The original SDK documented app_id/access_token keywords but ignored them; now they work."""
    answer(mock, "sms/send")
    facade.init(APP, TOKEN)
    facade.sms.send("Hi", "+6511111111", app_id="APP-2", access_token="TOKEN-2")
    assert form_of(mock.calls[0])["app_id"] == ["APP-2"]
    assert form_of(mock.calls[0])["access_token"] == ["TOKEN-2"]


# ---- fax.send: multipart, binary-safe ----

PDF = b"%PDF-1.4\n" + bytes(range(256)) + b"\r\n\r\n--\r\n" + bytes(range(255, -1, -1)) + b"\n%%EOF\n"


def multipart(call: Any) -> Tuple[Dict[str, str], Dict[str, Tuple[Optional[str], str, bytes]]]:
    """(fields, files) of a multipart/form-data request: files map name -> (filename, type, bytes)."""
    content_type = call.request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode()
    body = call.request.body
    assert isinstance(body, bytes)
    chunks = body.split(b"--" + boundary)
    assert chunks[0] == b"" and chunks[-1] == b"--\r\n"
    fields: Dict[str, str] = {}
    files: Dict[str, Tuple[Optional[str], str, bytes]] = {}
    for chunk in chunks[1:-1]:
        assert chunk.startswith(b"\r\n") and chunk.endswith(b"\r\n")
        head, _, data = chunk[2:-2].partition(b"\r\n\r\n")
        headers = dict(line.split(": ", 1) for line in head.decode().split("\r\n"))
        disposition = dict(
            part.strip().split("=", 1) for part in headers["Content-Disposition"].split(";")[1:]
        )
        name = disposition["name"].strip('"')
        assert name not in fields and name not in files
        if "filename" in disposition:
            files[name] = (disposition["filename"].strip('"'), headers.get("Content-Type", ""), data)
        else:
            fields[name] = data.decode("utf-8")
    return fields, files


@pytest.mark.parametrize("source", ["path", "pathlike", "bytes", "bytearray", "file", "bytesio"])
def test_fax_send_multipart(source: str, client: hoiio.Client, mock: responses.RequestsMock, tmp_path: Any) -> None:
    path = tmp_path / "my file.pdf"
    path.write_bytes(PDF)
    answer(mock, "fax/send", '{"txn_ref":"AA-F-1","status":"success_ok"}')
    handle = None
    if source == "path":
        value: Any = str(path)
    elif source == "pathlike":
        value = path
    elif source == "bytes":
        value = PDF
    elif source == "bytearray":
        value = bytearray(PDF)
    elif source == "file":
        value = handle = open(path, "rb")  # noqa: SIM115
    else:
        value = io.BytesIO(PDF)
    try:
        res = client.fax.send("+6511111111", value)
    finally:
        if handle is not None:
            handle.close()
    assert res.txn_ref == "AA-F-1"
    check_request(mock, "fax/send")
    fields, files = multipart(mock.calls[0])
    assert fields == {"dest": "+6511111111", "app_id": APP, "access_token": TOKEN}
    expected_name = "my file.pdf" if source in ("path", "pathlike", "file") else "document.pdf"
    assert files == {"file": (expected_name, "application/pdf", PDF)}


def test_fax_send_with_every_option(client: hoiio.Client, mock: responses.RequestsMock, tmp_path: Any) -> None:
    path = tmp_path / "file.pdf"
    path.write_bytes(PDF)
    answer(mock, "fax/send", '{"txn_ref":"AA-F-2","status":"success_ok"}')
    client.fax.send(
        "+6511111111", str(path), filename="awesome-file.pdf", caller_id="+6500000000",
        fax_header="Invoice 42", tag="myapp", notify_url=URL,
    )  # fmt: skip
    fields, files = multipart(mock.calls[0])
    assert fields == {
        "dest": "+6511111111",
        "filename": "awesome-file.pdf",
        "caller_id": "+6500000000",
        "fax_header": "Invoice 42",
        "tag": "myapp",
        "notify_url": URL,
        "app_id": APP,
        "access_token": TOKEN,
    }
    assert files["file"][2] == PDF


def test_fax_send_with_prefix_and_empty_header(mock: responses.RequestsMock) -> None:
    answer(mock, "fax/send")
    with hoiio.Client(APP, TOKEN, prefix="65") as client:
        client.fax.send("11111111", PDF, fax_header="")
    fields, _files = multipart(mock.calls[0])
    assert fields["dest"] == "+6511111111"
    assert fields["fax_header"] == ""
