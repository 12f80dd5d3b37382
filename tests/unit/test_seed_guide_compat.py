"""Compatibility with the original SDK: a program written from its user guide runs unchanged
through the ``Hoiio`` facade against mocks answering the API reference's documented bodies."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any, Dict, List, Tuple
from urllib.parse import parse_qs

import pytest
import responses
from hoiio_unit_support import BASE, form_of

HERE = Path(__file__).resolve().parent
RECORDED = HERE.parent / "conformance" / "responses"
PROGRAM = HERE / "seed_guide_program.py"
PDF = b"%PDF-1.4\n" + bytes(range(256)) + b"\n%%EOF\n"


def body(name: str) -> str:
    return str(json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))["body"])


# Endpoint -> recorded body (documented where the reference has an example).
BODIES: Dict[str, str] = {
    "voice/call": body("voice__call__documented"),
    "voice/conference": body("voice__conference__documented"),
    "voice/hangup": body("voice__hangup__documented"),
    "voice/query_status": body("voice__query_status__documented"),
    "voice/get_history": body("voice__get_history__documented"),
    "voice/get_rate": body("voice__get_rate__plausible"),
    "sms/send": body("sms__send__documented"),
    "sms/bulk_send": body("sms__bulk_send__documented"),
    "sms/query_status": body("sms__query_status__documented"),
    "sms/get_history": body("sms__get_history__plausible"),
    "ivr/start/dial": body("ivr__start_dial__plausible"),
    "ivr/middle/play": '{"status":"success_ok"}',
    "ivr/middle/gather": '{"status":"success_ok"}',
    "ivr/middle/record": '{"status":"success_ok"}',
    "ivr/middle/monitor": '{"status":"success_ok"}',
    "ivr/end/transfer": body("ivr__end_transfer__no_room"),
    "ivr/end/hangup": '{"status":"success_ok"}',
    "fax/send": body("fax__send__plausible"),
    "fax/query_status": body("fax__query_status__plausible"),
    "fax/get_history": body("fax__get_history__plausible"),
    "fax/get_rate": body("fax__get_rate__documented"),
    "number/get_countries": body("number__get_countries__with_states"),
    "number/get_choices": body("number__get_choices__objects"),
    "number/get_rates": body("number__get_rates__plausible"),
    "number/subscribe": body("number__subscribe__plausible"),
    "number/update_forwarding": '{"status":"success_ok"}',
    "number/get_active": body("number__get_active__documented"),
    "user/get_balance": body("user__get_balance__documented"),
    "user/get_info": body("user__get_info__documented"),
}
SMS_RATE_OUT = body("sms__get_rate__outgoing")
SMS_RATE_IN = body("sms__get_rate__incoming")

EXPECTED = """\
before init: ValidationError
AA-S-141147
True
The txn ref: AA-S-141147
{"txn_ref":"AA-S-141147","status":"success_ok"}
{'txn_ref': 'AA-S-141147', 'status': 'success_ok'}
application/json
application/x-www-form-urlencoded
True
R123
['AA-C-141147', 'AA-C-141148', 'AA-C-141149']
['AA-C-141147', 'AA-C-141148', 'AA-C-141149']
True
AA-S-141147
id_1
2010-01-01 10:10:00+08:00
+6511111111
+6522222222
answered
answered
7
SGD
0.02
0.14
True
None
2
None
2010-01-01 10:10:00+08:00
None
2010-01-01 16:10:00+08:00
SGD
0.036
2352
AA-S-141147
True
AA-B-147
AA-S-141147
delivered
+6511111111
2010-01-01 10:10:00+08:00
id_1
2
SGD
0.038
0.076
True
2
2
AA-S-141147
2010-01-01 10:10:00+08:00
AA-SI-85
2012-10-30 12:20:50+08:00
SGD
0.032
2
0.064
False
SGD
0.01
TX-1234
S4643
True
True
True
True
True
True
AA-F-141147
AA-F-141147
answered
+6500000000
+6511111111
2010-01-01 10:10:00+08:00
3
https://hoiio.s3.amazonaws.com/infax/fax-1.pdf?Expires=1640069813&AWSAccessKeyId=42GA2R6P2T57JSDQ&Signature=V32sD4hXJb%2Bfh3BFSiy%2Bkg%2F0%3D
None
SGD
0.032
0.064
True
2
2
AA-F-141147
answered
AA-F-141150
answered
SGD
0.015
SGD
0.015
Singapore [SG] with number prefix 65
USA [US] with number prefix 1
  Alabama [AL]
  California [CA]
+16502223333
+16502224444
45
2
USD
1 month: 4.000000 USD
3 month: 12.000000 USD
12 month: 48.000000 USD
Subscribed for 4.000000 USD
Expires on 2012-10-25
True
+6511111111
http://www.example.com/notify/voice
http://www.example.com/myApp1/notify/sms
2012-01-01
False
SG
None
+16502222222
http://www.example.com/notify/voice
http://www.example.com/notify/sms
2012-01-15
False
US
CA
2
Balance [SGD]: 54.650000 (50.000000 + 4.650000)
54.65
None
John Doe
+6511111111
myemail@example.com
SG
SGD
65
2012-09-10 17:58:49+08:00
2012-09-10 17:58:49
['Voice', 'Sms', 'Fax', 'Ivr', 'Number', 'Account']
True True
True True True
"""


def sms_rate(request: Any) -> Tuple[int, Dict[str, str], str]:
    form = parse_qs(request.body)
    return 200, {"Content-Type": "application/json"}, SMS_RATE_IN if "incoming" in form else SMS_RATE_OUT


@pytest.fixture
def mocked(mock: responses.RequestsMock) -> responses.RequestsMock:
    for path, text in BODIES.items():
        mock.add(responses.POST, BASE + path, body=text, status=200, content_type="application/json")
    mock.add_callback(responses.POST, BASE + "sms/get_rate", callback=sms_rate)
    return mock


def test_the_guide_program_runs_unchanged(
    facade: Any, mocked: responses.RequestsMock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "file.pdf"
    pdf.write_bytes(PDF)
    program = runpy.run_path(str(PROGRAM))
    program["main"](str(pdf))
    printed = capsys.readouterr().out
    assert printed.splitlines() == EXPECTED.splitlines()

    calls: List[Tuple[str, Dict[str, List[str]]]] = []
    for call in mocked.calls:
        path = call.request.url[len(BASE):]
        assert call.request.url == BASE + path and "?" not in path
        calls.append((path, {} if path == "fax/send" else form_of(call)))
    forms = [f for _p, f in calls]
    # every request carried the credentials given to Hoiio.init, in the body
    assert all(f["app_id"] == ["MY_APP_ID"] and f["access_token"] == ["MY_ACCESS_TOKEN"] for p, f in calls if p != "fax/send")
    assert len(calls) == 52

    def sent(path: str, index: int = 0) -> Dict[str, str]:
        matching = [f for p, f in calls if p == path]
        return {k: v[0] for k, v in matching[index].items() if k not in ("app_id", "access_token")}

    assert sent("voice/call", 1) == {
        "dest1": "+6511111111", "dest2": "+6522222222", "caller_id": "private", "max_duration": "600",
        "tag": "myapp", "notify_url": "http://my.server.com/myscript",
    }  # fmt: skip
    assert sent("voice/conference", 0) == {"dest": "+6511111111,+6522222222,+6533333333"}
    assert sent("voice/conference", 1) == {"dest": "+6544444444", "room": "MY_ROOM"}
    assert sent("voice/get_history", 3) == {"from": "2012-01-01 08:00:00", "to": "2012-12-31 08:00:00"}
    assert sent("sms/send", 1)["sender_name"] == "Citibank"
    assert sent("sms/bulk_send") == {"msg": "Hoiio World", "dest": "+6511111111,+652222222", "notify_url": "http://my.server.com/myscript"}
    assert sent("sms/get_rate", 1) == {"incoming": "+6599999999"}
    assert sent("ivr/middle/play")["session"] == "S4643"
    assert sent("ivr/end/transfer", 1)["on_failure"] == "continue"
    assert sent("ivr/start/dial", 1)["max_duration"] == "60"
    assert sent("fax/get_history", 1) == {"from": "2010-01-01 00:00:00", "to": "2012-01-01 00:00:00", "page": "3", "type": "incoming"}
    assert sent("fax/get_rate", 1) == {"incoming": "+6500000000"}
    assert sent("number/subscribe") == {"number": "+16001234567", "duration": "1"}
    assert sent("number/update_forwarding", 3) == {
        "number": "+16001234567", "forward_to": "http://my.server.com/myscript",
        "forward_sms_to": "http://my.server.com/myscript", "forward_to_sms": "http://my.server.com/myscript", "mode": "fax",
    }  # fmt: skip
    # Advanced: Hoiio.prefix = '65' completes short numbers, and mixing works
    assert forms[-2]["dest1"] == ["+6511111111"] and forms[-2]["dest2"] == ["+6522222222"]
    assert forms[-1]["dest1"] == ["+8500000000"] and forms[-1]["dest2"] == ["+6522222222"]
    # the fax went as multipart, the PDF intact, under the API's filename
    fax = [c for c in mocked.calls if c.request.url.endswith("fax/send")]
    assert len(fax) == 2
    assert fax[0].request.headers["Content-Type"].startswith("multipart/form-data")
    assert PDF in fax[0].request.body and b'name="filename"\r\n\r\nawesome-file.pdf' in fax[1].request.body
    assert b"MY_ACCESS_TOKEN" in fax[0].request.body


def test_the_program_as_a_script_needs_credentials(facade: Any, mock: responses.RequestsMock, capsys: pytest.CaptureFixture[str]) -> None:
    """Missing credentials raise HoiioException (a ValidationError), before any request."""
    from hoiio import Hoiio
    from hoiio.exceptions import HoiioException

    with pytest.raises(HoiioException) as info:
        Hoiio.sms.send("Hoiio World", "+6511111111")
    assert "app_id is not set" in str(info.value) and "access_token is not set" in str(info.value)
    assert len(mock.calls) == 0


def test_import_surface() -> None:
    import hoiio
    import hoiio.service as service
    from hoiio import CallStatus, FaxStatus, Hoiio, SmsStatus
    from hoiio.exceptions import HoiioException
    from hoiio.service import Response, date_to_str, str_to_date
    from hoiio.service.account import Account
    from hoiio.service.fax import Fax
    from hoiio.service.ivr import Ivr
    from hoiio.service.number import Number
    from hoiio.service.sms import Sms
    from hoiio.service.voice import Voice

    assert [c.ANSWERED for c in (CallStatus, FaxStatus)] == ["answered", "answered"]
    assert [m.value for m in CallStatus] == ["answered", "unanswered", "failed", "busy", "ongoing"]
    assert [m.value for m in FaxStatus] == ["answered", "unanswered", "failed", "busy", "ongoing"]
    assert [m.value for m in SmsStatus] == ["queued", "delivered", "failed", "error", "received"]
    assert SmsStatus.QUEUED == "queued" and str(SmsStatus.QUEUED) == "queued" and f"{CallStatus.BUSY}" == "busy"
    for cls in (hoiio.ValidationError, hoiio.TransportError, hoiio.MalformedResponseError, hoiio.APIError, hoiio.ServerError):
        assert issubclass(cls, HoiioException)
    assert service.Response is Response is hoiio.Response
    for cls in (Voice, Sms, Fax, Ivr, Number, Account):
        assert issubclass(cls, service.Service)
    assert Hoiio.debuglevel == 0
    assert str_to_date("2012-09-10 17:58:49.123").microsecond == 123000
    assert date_to_str(str_to_date("2012-01-31 12:06:15")) == "2012-01-31 12:06:15"


def test_facade_init_replaces_the_client_and_prefix_option(facade: Any, mock: responses.RequestsMock) -> None:
    mock.add(responses.POST, BASE + "sms/send", body='{"status":"success_ok"}')
    facade.init("APP-1", "TOKEN-1")
    first = facade.client()
    facade.init("APP-2", "TOKEN-2", prefix="+65")
    assert facade.client() is not first and facade.prefix == "+65"
    facade.sms.send("Hi", "91234567")
    form = form_of(mock.calls[0])
    assert form["app_id"] == ["APP-2"] and form["dest"] == ["+6591234567"]
    assert facade.user.balance == facade.account.balance
    assert facade.number.active_numbers == facade.number.subscribed_numbers
