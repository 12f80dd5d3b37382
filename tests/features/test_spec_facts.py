"""The facts the spec holds (spec/api.yaml: the notification signature, the SMS length rule,
the limits, the number capabilities) reach the SDK through the generated hoiio._generated.facts,
and the notifications the evidence describes parse as the spec says."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from urllib.parse import urlencode

import hoiio
import pytest
import yaml
from hoiio import measure_sms
from hoiio import notifications as n
from hoiio._generated import facts

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "spec" / "api.yaml").read_text(encoding="utf-8"))


def test_the_generated_facts_are_the_specs() -> None:
    sig, sms = SPEC["notification_signature"], SPEC["sms_length"]
    assert (facts.SIGNATURE_HEADER, facts.SIGNATURE_DIGEST) == (sig["header"], sig["algorithm"]) == ("X-Hoiio-Signature", "sha256")
    assert facts.SMS_GSM == (sms["gsm"]["single"], sms["gsm"]["part"]) == (160, 153)
    assert facts.SMS_UNICODE == (sms["unicode"]["single"], sms["unicode"]["part"]) == (70, 67)
    assert facts.SMS_MAX_PARTS == sms["max_parts"] == 3
    assert facts.SMS_DOUBLE_WIDTH == frozenset(sms["double_width"]) >= frozenset("\n[]\\^{}|€")  # the evidence's list
    assert facts.LIMITS == {k: v["value"] for k, v in SPEC["limits"].items()}
    assert facts.RATE_LIMITS == {k: (v["requests"], v["seconds"]) for k, v in SPEC["rate_limits"].items()}
    assert facts.RATE_LIMITS["user/get_balance"] == (60, 60) and "sms/send" in facts.UNLIMITED
    assert facts.NUMBER_CAPABILITIES == {k: tuple(v) for k, v in SPEC["number_capabilities"].items()}
    assert n.SIGNATURE_HEADER == "X-Hoiio-Signature"
    private, flag = SPEC["wire_values"]["caller_id_private"], SPEC["wire_values"]["flag"]
    assert facts.CALLER_ID_PRIVATE == tuple(private["values"]) == ("private", "p")
    assert facts.CALLER_ID_PRIVATE_LISTED == private["listed_as"] == "p"
    assert (facts.FLAG_SET, facts.FLAG_UNSET) == (flag["set"], flag["unset"]) == ("enabled", "disabled")
    room = SPEC["parameters"]["room"]
    assert (facts.ROOM_PATTERN, facts.ROOM_MAX_LENGTH, facts.ROOM_INVALID) == (room["pattern"], room["max_length"], room["invalid"])


def test_sign_is_hex_hmac_sha256_of_the_raw_body_keyed_by_the_token() -> None:
    body = b"txn_ref=AA-S-1&sms_status=delivered&msg=caf%C3%A9"
    expected = hmac.new(b"my-token", body, hashlib.sha256).hexdigest()
    assert n.sign(body, "my-token") == expected == n.sign(body.decode(), "my-token")
    assert n.parse(body, signature=expected.upper(), access_token="my-token").txn_ref == "AA-S-1"
    with pytest.raises(n.SignatureError):
        n.parse(body, signature=n.sign(body + b"&x=1", "my-token"), access_token="my-token")
    environ = {"wsgi.input": __import__("io").BytesIO(body), "CONTENT_LENGTH": str(len(body)), "HTTP_X_HOIIO_SIGNATURE": expected}
    assert n.from_wsgi_environ(environ, access_token="my-token").sms_status == "delivered"


@pytest.mark.parametrize(
    "text, unicode, length, parts",
    [
        ("", False, 0, 1),
        ("a" * 160, False, 160, 1),
        ("a" * 161, False, 161, 2),
        ("a" * 306, False, 306, 2),
        ("a" * 307, False, 307, 3),
        ("a" * 459, False, 459, 3),
        ("a" * 460, False, 460, 4),
        ("[" * 80, False, 160, 1),  # each counts as two
        ("{}" * 40 + "a", False, 161, 2),
        ("€" * 80 + "\n", False, 162, 2),
        ("é" * 160, False, 160, 1),  # in the GSM character set
        ("中" * 70, True, 70, 1),
        ("中" * 71, True, 71, 2),
        ("中" * 134, True, 134, 2),
        ("中" * 201, True, 201, 3),
        ("中" * 202, True, 202, 4),
        ("a" * 100 + "中", True, 101, 2),  # one character outside GSM makes all of it Unicode
        ("😀" * 35, True, 70, 1),  # beyond the BMP: two
        ("😀" * 36, True, 72, 2),
    ],
)
def test_measure_sms_counts_as_hoiio_does(text: str, unicode: bool, length: int, parts: int) -> None:
    got = measure_sms(text)
    assert (got.unicode, got.length, got.parts) == (unicode, length, parts)
    assert got.fits is (parts <= 3)
    assert isinstance(got, hoiio.SmsLength)


def test_measure_sms_refuses_what_is_not_text() -> None:
    with pytest.raises(hoiio.ValidationError, match="expected a string, got bytes"):
        measure_sms(b"hello")  # type: ignore[arg-type]


def test_a_conference_leg_shaped_like_the_evidence() -> None:
    # part1 3.8: a leg carries the call notification's fields, for its one leg
    leg = n.parse(urlencode({"txn_ref": "AA-C-141147", "dest1": "+6511111111", "call_status_dest1": "answered",
                             "date": "2012-01-31 12:06:15", "duration": "2", "currency": "SGD", "rate": "0.020", "debit": "0.040"}))  # fmt: skip
    assert type(leg) is n.ConferenceLegNotification and isinstance(leg, n.CallNotification)
    assert leg.call_status_dest1 == hoiio.CallStatus.ANSWERED and leg.dest1 == "+6511111111"
    assert (leg.duration, leg.debit, leg.date.tzinfo is not None) == (2, 0.04, True)
    assert not hasattr(n.ConferenceLegNotification, "call_status") and not hasattr(n.ConferenceLegNotification, "room")
    presumed = n.parse("txn_ref=AA-C-2&dest=%2B6522222222&call_status_dest1=busy")  # the reference's presumed dest
    assert type(presumed) is n.ConferenceLegNotification and presumed.dest == "+6522222222"
    both = n.parse("txn_ref=AA-C-3&dest1=%2B6511111111&dest2=%2B6522222222&call_status_dest1=answered&call_status_dest2=busy")
    assert type(both) is n.CallNotification and both.call_status_dest2 == "busy"


def test_the_fax_result_in_both_shapes() -> None:
    inferred = n.parse("txn_ref=AA-F-1&fax_status=answered&dest=%2B6511111111&fax_pages=3&rate=0.032")
    assert type(inferred) is n.FaxNotification and (inferred.dest, inferred.fax_pages, inferred.rate) == ("+6511111111", 3, 0.032)
    # the shape the evidence presumes (the incoming fax's fields): told apart only by kind=
    body = "txn_ref=AA-F-2&fax_status=busy&from=%2B6500000000&to=%2B6511111111&fax_error_code=busy&duration=0"
    assert type(n.parse(body)) is n.IncomingFaxNotification
    result = n.parse(body, kind="fax_result")
    assert type(result) is n.FaxNotification
    assert (result.dest, result.to, result.from_, result.fax_status, result.fax_error_code) == ("+6511111111", "+6511111111", "+6500000000", "busy", "busy")
    with pytest.raises(n.NotificationError, match="kind 'fax' is not a notification; expected one of: sms_delivery"):
        n.parse(body, kind="fax")


def test_room_ids_follow_the_shared_room_parameter() -> None:
    assert (facts.ROOM_PATTERN, facts.ROOM_MAX_LENGTH) == (SPEC["parameters"]["room"]["pattern"], SPEC["parameters"]["room"]["max_length"])
    client = hoiio.Client("app", "token", base_url="http://127.0.0.1:9/")  # nothing is sent: every call below is refused
    for bad in ("MY-ROOM", "r" * 33, "ok\n"):
        with pytest.raises(hoiio.ValidationError, match="room"):
            client.voice.conference("+6511111111", room=bad)
        with pytest.raises(hoiio.ValidationError, match="room id"):
            client.ivr.transfer("S-1", "room:" + bad)
    with pytest.raises(hoiio.ValidationError, match="country"):
        client.number.available_numbers("SG\n")  # a pattern must match all of the value
    client.close()


def test_the_api_reference_names_python_parameters_and_the_facts() -> None:
    api_md = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    assert "Give exactly one of: `dests`, `recipients`." in api_md  # sms.bulk_send's Python name
    assert "### `sms.rate_in(incoming=None, *, dest=None)`" in api_md and "`dest=` is accepted for `incoming`" in api_md
    assert "| `txn_ref` (also `bulk_txn_ref` on the wire) |" in api_md
    assert "the `X-Hoiio-Signature` header is hex(HMAC-SHA256(key=access token, message=raw HTTP body))" in api_md
    assert "(160, 306, 459 GSM; 70, 134, 201 Unicode)" in api_md
    assert "| `user/get_balance` | 60 | 60 s | yes |" in api_md and "| US | VOICE, SMS |" in api_md
    assert "- `connect/get_token`: Hoiio Connect" in api_md and "`error_invalid_code`" in api_md


def test_the_sandbox_command_turns_the_rate_limits_on() -> None:
    from hoiio.sandbox.cli import serve_parser

    assert serve_parser().parse_args(["--rate-limits"]).rate_limits is True
    assert serve_parser().parse_args([]).rate_limits is False
