"""Validation: every problem of a call is reported at once, in one hoiio.ValidationError (also a
ValueError), before anything is sent."""

from __future__ import annotations

import io
from typing import Any, Callable, List

import hoiio
import pytest
import responses
from hoiio_unit_support import APP, TOKEN

URL = "http://my.server.com/myscript"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
TWO_MB = 2 * 1024 * 1024


def refused(call: Callable[[], Any], mock: responses.RequestsMock) -> List[str]:
    """Run a call that must fail validation; return its problems. Nothing may have been sent."""
    with pytest.raises(hoiio.ValidationError) as info:
        call()
    assert len(mock.calls) == 0
    err = info.value
    assert isinstance(err, ValueError) and isinstance(err, hoiio.HoiioException)
    for problem in err.problems:
        assert problem in str(err)
    return err.problems


def test_every_problem_at_once(client: hoiio.Client, facade: Any, mock: responses.RequestsMock) -> None:
    facade.init(APP, TOKEN)
    problems = refused(
        lambda: facade.sms.send("", "12345", sender_name="ab", tag="x" * 257, notify_url="ftp://my.server.com/x", foo=1),
        mock,
    )
    assert len(problems) == 6, problems
    assert sorted(p.split(":")[0] if not p.startswith("unknown") else "unknown" for p in problems) == [
        "dest", "msg", "notify_url", "sender_name", "tag", "unknown",
    ]  # fmt: skip
    err_text = str(pytest.raises(hoiio.ValidationError, client.sms.send, "", "12345", tag="x" * 257).value)
    assert err_text.startswith("sms.send: 3 problems:")


def test_missing_required(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    assert refused(lambda: client.sms.send(None, None), mock) == [  # type: ignore[arg-type]
        "missing required parameter 'msg'",
        "missing required parameter 'dest'",
    ]
    assert refused(lambda: client.voice.rate(None, None), mock) == [  # type: ignore[arg-type]
        "missing required parameter 'dest1'",
        "missing required parameter 'dest2'",
    ]
    assert refused(lambda: client.ivr.play("S1", None), mock) == ["missing required parameter 'msg'"]  # type: ignore[arg-type]
    assert refused(lambda: client.sms.rate("Hi", None), mock) == ["missing required parameter 'dest'"]  # type: ignore[arg-type]
    assert refused(lambda: client.fax.rate(None), mock) == ["missing required parameter 'dest'"]  # type: ignore[arg-type]
    assert refused(lambda: client.voice.conference(), mock) == ["missing required parameter 'dests'"]
    assert refused(lambda: client.conference.call(), mock) == ["missing required parameter 'dests'"]


@pytest.mark.parametrize("block", ["gather", "record", "monitor"])
def test_notify_url_is_required_where_the_api_needs_it(block: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    assert refused(lambda: getattr(client.ivr, block)("S1", msg="Hi"), mock) == ["missing required parameter 'notify_url'"]


def test_an_unknown_keyword_is_a_type_error_on_the_client(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    """hoiio.Client's methods take their parameters and the call options, nothing else (mypy
    reports the same mistake before the program runs: tests/typing)."""
    for call in (
        lambda: client.sms.send("Hi", "+6511111111", sender="ACME"),  # type: ignore[call-arg]
        lambda: client.sms.history(**{"from": "2012-01-01 00:00:00"}),  # the facade takes wire names
        lambda: client.sms.rate("Hi", "+6511111111", incoming="+6599999999"),  # type: ignore[call-arg]
    ):
        with pytest.raises(TypeError, match="unexpected keyword argument"):
            call()
    assert len(mock.calls) == 0


def test_unknown_keywords_suggest_the_right_name(facade: Any, mock: responses.RequestsMock) -> None:
    """Through the facade, which takes keywords as the original SDK did: the original guide
    spells them foward_to / foward_sms_to; the old SDK sent them silently."""
    facade.init(APP, TOKEN)
    client = facade
    problems = refused(lambda: client.number.configure("+16001234567", foward_to=URL, foward_sms_to=URL), mock)
    assert len(problems) == 2
    assert problems[0].startswith("unknown parameter 'foward_to' (did you mean 'forward_to'?)")
    assert problems[1].startswith("unknown parameter 'foward_sms_to' (did you mean 'forward_sms_to'?)")
    assert "valid parameters: number, forward_to, forward_sms_to, mode" in problems[0]
    (problem,) = refused(lambda: client.sms.send("Hi", "+6511111111", notifyurl=URL), mock)
    assert "did you mean 'notify_url'?" in problem
    (problem,) = refused(lambda: client.voice.history(frm="2012-01-01 00:00:00"), mock)
    assert "did you mean 'from_'?" in problem
    (problem,) = refused(lambda: client.sms.send("Hi", "+6511111111", page=2), mock)
    assert problem.startswith("unknown parameter 'page'")


def test_a_parameter_given_twice(facade: Any, mock: responses.RequestsMock) -> None:
    facade.init(APP, TOKEN)
    (problem,) = refused(lambda: facade.sms.history(from_="2012-01-01 00:00:00", **{"from": "2012-01-02 00:00:00"}), mock)
    assert problem.startswith("from_: given twice")


@pytest.mark.parametrize(
    "call, start",
    [
        (lambda c: c.sms.send("Hi", "+6511111111", tag="x" * 257), "tag: is 257 characters long; expected at most 256"),
        (lambda c: c.ivr.play("S1", "x" * 1001), "msg: is 1001 characters long; expected at most 1000"),
        (lambda c: c.ivr.dial("+6511111111", msg="x" * 1001), "msg: is 1001 characters long"),
        (lambda c: c.sms.send("Hi", "+6511111111", notify_url="http://a.com/" + "x" * 3988), "notify_url: is 4001 characters"),
        (lambda c: c.sms.send("Hi", "+6511111111", sender_name="TwelveChars!"), "sender_name: is 12 characters long"),
        (lambda c: c.sms.send("Hi", "+6511111111", sender_name="ab"), "sender_name: 'ab' is 2 characters; expected at least 3"),
        (lambda c: c.voice.conference("+6511111111", room="r" * 33), "room: is 33 characters long"),
        (lambda c: c.voice.conference("+6511111111", room="MY-ROOM"), "room: 'MY-ROOM' is not valid"),
        (lambda c: c.fax.send("+6511111111", PDF, fax_header="x" * 101), "fax_header: is 101 characters long"),
        (lambda c: c.fax.send("+6511111111", PDF, fax_header="Invoice #42"), "fax_header: 'Invoice #42' is not valid"),
        (lambda c: c.ivr.transfer("S1", "room:bad room"), "dest: room id 'bad room' is not valid"),
        (lambda c: c.number.available_numbers("sg"), "country: 'sg' is not valid"),
        (lambda c: c.sms.status(""), "txn_ref: must not be empty"),
        (lambda c: c.ivr.hold(""), "session: must not be empty"),
    ],
)
def test_lengths_and_patterns(call: Callable[[hoiio.Client], Any], start: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: call(client), mock)
    assert problem.startswith(start), problem


def test_limits_are_inclusive(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, "https://secure.hoiio.com/open/sms/send", body='{"status":"success_ok"}')
    client.sms.send("Hi", "+6511111111", tag="x" * 256, notify_url="http://a.com/" + "x" * 3987, sender_name="Elevenchars")
    assert len(mock.calls) == 1


@pytest.mark.parametrize(
    "url",
    ["ftp://my.server.com/x", "my.server.com/myscript", "http://", "http:///path", "http://my server.com/x", "javascript:alert(1)"],
)
def test_notify_url_must_be_http(url: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: client.voice.call("+6511111111", "+6522222222", notify_url=url), mock)
    assert problem.startswith("notify_url: ") and "is not an http or https URL" in problem
    (problem,) = refused(lambda: client.number.configure("+16001234567", forward_sms_to=url), mock)
    assert problem.startswith("forward_sms_to: ")


def test_bulk_send_at_most_1000_numbers(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    numbers = [f"+659{i:07d}" for i in range(1001)]
    (problem,) = refused(lambda: client.sms.bulk_send("Hi", *numbers), mock)
    assert problem == "dests: 1001 numbers; expected at most 1000"
    (problem,) = refused(lambda: client.sms.bulk_send("Hi", numbers), mock)
    assert problem == "dests: 1001 numbers; expected at most 1000"
    (problem,) = refused(lambda: client.sms.bulk_send("Hi", recipients=[{"dest": n} for n in numbers]), mock)
    assert problem == "recipients: 1001 recipients; expected at most 1000"
    mock.add(responses.POST, "https://secure.hoiio.com/open/sms/bulk_send", body='{"status":"success_ok"}')
    client.sms.bulk_send("Hi", *numbers[:1000])
    assert len(mock.calls) == 1


@pytest.mark.parametrize("service", ["voice.conference", "conference.call"])
def test_conference_at_most_8_numbers(service: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    group, name = service.split(".")
    method = getattr(getattr(client, group), name)
    numbers = [f"+65911111{i:02d}" for i in range(9)]
    assert refused(lambda: method(*numbers), mock) == ["dests: 9 numbers; expected at most 8"]
    assert refused(lambda: method(numbers), mock) == ["dests: 9 numbers; expected at most 8"]


def test_bad_numbers_in_a_list_are_each_named(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: client.sms.bulk_send("Hi", "+6511111111", "91234567", "+65abc"), mock)
    assert problem.startswith("dests: #2 ") and "; #3 " in problem


def test_fax_file_problems(client: hoiio.Client, mock: responses.RequestsMock, tmp_path: Any) -> None:
    (problem,) = refused(lambda: client.fax.send("+6511111111", b"hello, not a pdf"), mock)
    assert problem.startswith("file: the file is not a PDF")
    (problem,) = refused(lambda: client.fax.send("+6511111111", b"%PDF-" + b"\0" * TWO_MB), mock)
    assert problem.startswith("file: the file is larger than 2 MB")
    (problem,) = refused(lambda: client.fax.send("+6511111111", str(tmp_path / "missing.pdf")), mock)
    assert problem.startswith("file: cannot read") and "missing.pdf" in problem
    (problem,) = refused(lambda: client.fax.send("+6511111111", str(tmp_path)), mock)
    assert problem.startswith("file: cannot read")
    (problem,) = refused(lambda: client.fax.send("+6511111111", "bad\x00name.pdf"), mock)
    assert problem.startswith("file: cannot read 'bad\\x00name.pdf'")
    (problem,) = refused(lambda: client.fax.send("+6511111111", "bad\udc80name.pdf"), mock)
    assert problem.startswith("file: cannot read")
    (problem,) = refused(lambda: client.fax.send("+6511111111", b""), mock)
    assert problem.startswith("file: the file is empty")
    (problem,) = refused(lambda: client.fax.send("+6511111111", io.StringIO("%PDF-1.4")), mock)
    assert "binary mode" in problem
    (problem,) = refused(lambda: client.fax.send("+6511111111", 42), mock)  # type: ignore[arg-type]
    assert problem.startswith("file: expected a path, bytes or a binary file object")
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-" + b"\0" * TWO_MB)
    (problem,) = refused(lambda: client.fax.send("+6511111111", str(big)), mock)
    assert problem.startswith("file: the file is larger than 2 MB")
    exact = tmp_path / "exact.pdf"
    exact.write_bytes(b"%PDF-" + b"\0" * (TWO_MB - 5))
    mock.add(responses.POST, "https://secure.hoiio.com/open/fax/send", body='{"status":"success_ok"}')
    client.fax.send("+6511111111", str(exact))
    assert len(mock.calls) == 1


def test_one_of_groups(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    assert refused(lambda: client.sms.bulk_send("Hi"), mock) == ["missing a required parameter: give one of dests, recipients"]
    assert refused(lambda: client.sms.bulk_send("Hi", "+6511111111", recipients=[{"dest": "+6522222222"}]), mock) == [
        "dests and recipients cannot be used together; give only one of: dests, recipients"
    ]
    # rate_in has only `incoming` of the dest/incoming pair, so it needs it (None is refused too).
    assert refused(lambda: client.sms.rate_in(None), mock) == ["missing required parameter 'incoming'"]
    assert refused(lambda: client.fax.rate_in(None), mock) == ["missing required parameter 'incoming'"]
    with pytest.raises(TypeError, match="incoming"):
        client.sms.rate("Hi", "+6511111111", incoming="+6599999999")  # type: ignore[call-arg]
    Hoiio = hoiio.Hoiio
    Hoiio.init(APP, TOKEN)
    try:
        (problem,) = refused(lambda: Hoiio.sms.rate("Hi", "+6511111111", incoming="+6599999999"), mock)
    finally:
        Hoiio._default = None
    assert problem.startswith("unknown parameter 'incoming'")


@pytest.mark.parametrize("service", ["sms", "fax"])
def test_rate_in_takes_incoming_or_the_original_sdks_dest(service: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    import inspect

    method = getattr(getattr(client, service), "rate_in")
    params = inspect.signature(method).parameters
    assert list(params)[:2] == ["incoming", "dest"] and params["dest"].kind is inspect.Parameter.KEYWORD_ONLY
    assert refused(lambda: method(), mock) == ["missing required parameter 'incoming'"]
    assert refused(lambda: method("+6599999999", dest="+6599999999"), mock) == ["incoming: given twice (as 'incoming' and 'dest')"]
    assert refused(lambda: method(dest="99999999"), mock)[0].startswith("incoming: '99999999' has no country code")


def test_force_and_msg_together(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    assert refused(lambda: client.ivr.hangup("S1", force=True, msg="Bye"), mock) == [
        "force and msg cannot be used together; give only one of: force, msg"
    ]


def test_to_before_from(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    import datetime as dt

    (problem,) = refused(lambda: client.voice.history(from_="2012-12-31 08:00:00", to="2012-01-01 08:00:00"), mock)
    assert problem == "to: '2012-01-01 08:00:00' is before from_ '2012-12-31 08:00:00'; expected to at or after from_"
    # 00:00 UTC is 08:00 GMT+8, so a naive 07:00 (GMT+8) is before it
    utc_midnight = dt.datetime(2012, 1, 1, tzinfo=dt.timezone.utc)
    (problem,) = refused(lambda: client.fax.history(from_=utc_midnight, to=dt.datetime(2012, 1, 1, 7)), mock)
    assert problem.startswith("to: '2012-01-01 07:00:00' is before from_ '2012-01-01 08:00:00'")
    mock.add(responses.POST, "https://secure.hoiio.com/open/sms/get_history", body='{"status":"success_ok"}')
    client.sms.history(from_=utc_midnight, to=dt.datetime(2012, 1, 1, 8))  # equal is fine
    assert len(mock.calls) == 1


@pytest.mark.parametrize(
    "call, start",
    [
        (lambda c: c.conference.moderate("AA-C-1", "ban"), "action: 'ban' is not allowed; expected one of: kick, mute, unmute"),
        (lambda c: c.fax.history(type="inbound"), "type: 'inbound' is not allowed; expected one of: incoming, outgoing, all"),
        (lambda c: c.number.subscribe("+16001234567", 6), "duration: '6' is not allowed; expected one of: 1, 3, 12, auto_extend"),
        (lambda c: c.number.subscribe("+16001234567", True), "duration: True is not allowed"),
        (lambda c: c.number.configure("+16001234567", mode="sms"), "mode: 'sms' is not allowed; expected one of: voice, fax"),
        (lambda c: c.ivr.transfer("S1", "+6522222222", on_failure="retry"), "on_failure: 'retry' is not allowed"),
    ],
)
def test_enum_values(call: Callable[[hoiio.Client], Any], start: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: call(client), mock)
    assert problem.startswith(start), problem


@pytest.mark.parametrize(
    "call, start",
    [
        (lambda c: c.ivr.gather("S1", max_digits=256, notify_url=URL), "max_digits: 256 is too large; expected at most 255"),
        (lambda c: c.ivr.gather("S1", timeout=0, notify_url=URL), "timeout: 0 is too small; expected at least 1"),
        (lambda c: c.ivr.gather("S1", attempts=0, notify_url=URL), "attempts: 0 is too small"),
        (lambda c: c.ivr.record("S1", max_duration=0, notify_url=URL), "max_duration: 0 is too small"),
        (lambda c: c.voice.call("+6511111111", "+6522222222", max_duration=-5), "max_duration: -5 is too small"),
        (lambda c: c.sms.history(page=0), "page: 0 is too small; expected at least 1"),
        (lambda c: c.number.available_numbers("SG", page="0"), "page: 0 is too small"),
    ],
)
def test_int_ranges(call: Callable[[hoiio.Client], Any], start: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: call(client), mock)
    assert problem.startswith(start), problem


def test_max_digits_accepts_0_and_255(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, "https://secure.hoiio.com/open/ivr/middle/gather", body='{"status":"success_ok"}')
    client.ivr.gather("S1", max_digits=0, notify_url=URL)
    client.ivr.gather("S1", max_digits=255, notify_url=URL)
    assert len(mock.calls) == 2


def test_max_digits_below_0_is_refused(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: client.ivr.gather("S1", max_digits=-1, notify_url=URL), mock)
    assert problem.startswith("max_digits: -1 is too small; expected at least 0")


@pytest.mark.parametrize(
    "call, start",
    [
        (lambda c: c.sms.send(123, "+6511111111"), "msg: expected a string, got int 123"),
        (lambda c: c.sms.send("Hi", 6511111111), "dest: expected a phone number as a string, got int"),
        (lambda c: c.sms.send("Hi", "+6511111111", tag=5), "tag: expected a string, got int"),
        (lambda c: c.voice.call("+6511111111", "+6522222222", max_duration="ten"), "max_duration: 'ten' is not an integer"),
        (lambda c: c.voice.call("+6511111111", "+6522222222", max_duration=1.5), "max_duration: expected an integer, got float"),
        (lambda c: c.fax.history(page="\u00b2"), "page: '\u00b2' is not an integer"),  # a digit to str.isdigit(), not to int()
        (lambda c: c.sms.history(page="\u0663"), "page: '\u0663' is not an integer"),  # an Arabic-Indic 3: ASCII digits only
        (lambda c: c.sms.history(page=True), "page: expected an integer, got bool"),
        (lambda c: c.ivr.hangup("S1", force="yes"), "force: expected True or False, got str"),
        (lambda c: c.ivr.hangup("S1", force=1), "force: expected True or False, got int"),
        (lambda c: c.sms.history(from_="2012-01-01"), "from_: '2012-01-01' is not a date and time"),
        (lambda c: c.sms.history(to="2012-02-30 00:00:00"), "to: '2012-02-30 00:00:00' is not a real date and time"),
        (lambda c: c.sms.history(from_=1325376000), "from_: 1325376000 is not a date and time"),
        (lambda c: c.sms.bulk_send("Hi", recipients="+6511111111"), "recipients: expected a list of mappings each with 'dest'"),
        (lambda c: c.sms.bulk_send("Hi", recipients=[{"name": "Nick"}]), "recipients: #1 is not a mapping with 'dest'"),
        (lambda c: c.voice.call("+6511111111", "+6522222222", caller_id="me"), "caller_id: 'me' is not valid"),
        (lambda c: c.sms.send("Hi", "+65 1111 1111"), "dest: '+65 1111 1111' is not a phone number"),
        (lambda c: c.sms.send("Hi", "+0511111111"), "dest: '+0511111111' is not a phone number"),
        (lambda c: c.sms.history(extra_params=["page_size"]), "extra_params: expected a mapping"),
        (lambda c: c.sms.send("Hi", "+6511111111", extra_params={"dest": "+6522222222"}), "extra_params: 'dest' is already given"),
        (lambda c: c.sms.send("Hi", "+6511111111", extra_params={"access_token": "x"}), "extra_params: pass 'access_token'"),
    ],
)
def test_wrong_types(call: Callable[[hoiio.Client], Any], start: str, client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: call(client), mock)
    assert problem.startswith(start), problem


def test_same_dest1_dest2(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    assert refused(lambda: client.voice.call("+6511111111", "+6511111111"), mock) == ["dest1 and dest2 must be different numbers"]
    with hoiio.Client(APP, TOKEN, prefix="65") as prefixed:
        with pytest.raises(hoiio.ValidationError, match="must be different numbers"):
            prefixed.voice.call("11111111", "+6511111111")


def test_missing_credentials(mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOIIO_APP_ID", raising=False)
    monkeypatch.delenv("HOIIO_ACCESS_TOKEN", raising=False)
    with hoiio.Client() as client:
        problems = refused(lambda: client.account.balance(), mock)
    assert [p.split(" ")[0] for p in problems] == ["app_id", "access_token"]
    with hoiio.Client(APP) as client:
        (problem,) = refused(lambda: client.account.balance(), mock)
    assert problem.startswith("access_token is not set")


def test_bad_client_options() -> None:
    with pytest.raises(hoiio.ValidationError, match="prefix"):
        hoiio.Client(APP, TOKEN, prefix="sixty-five")
    with pytest.raises(hoiio.ValidationError, match="plain http"):
        hoiio.Client(APP, TOKEN, base_url="http://api.example.com/open/")
    with pytest.raises(hoiio.ValidationError, match="max_retries"):
        hoiio.Client(APP, TOKEN, max_retries=-1)


def test_extra_params_cannot_smuggle_a_known_parameter_past_its_checks(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: client.sms.send("Hi", "+6511111111", extra_params={"tag": "x" * 300}), mock)
    assert problem == "extra_params: 'tag' is a parameter the spec knows; pass it as tag= so that it is checked"


def test_caller_id_accepts_the_p_that_user_get_info_lists(client: hoiio.Client, mock: responses.RequestsMock) -> None:
    (problem,) = refused(lambda: client.voice.call(None, "+6522222222", caller_id="hidden"), mock)
    assert problem.startswith("caller_id: 'hidden' is not valid")
    mock.add(responses.POST, "https://secure.hoiio.com/open/voice/call", body='{"status":"success_ok","txn_ref":"AA-C-1"}')
    client.voice.call(None, "+6522222222", caller_id="p")
    assert "caller_id=p" in mock.calls[0].request.body


@pytest.mark.parametrize("prefix", ["6x", "\u00b2", "\u0666\u0665", "12345", "+"])
def test_a_prefix_that_is_not_a_country_calling_code_is_refused(prefix: str) -> None:
    with pytest.raises(hoiio.ValidationError, match="is not a country calling code"):
        hoiio.Client("APP", "TOKEN", prefix=prefix)
