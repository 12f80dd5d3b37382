"""The sandbox answers every Hoiio client as Hoiio did (issue 22's first part): each case spoken
on the wire the way a foreign client speaks it (``http.client``, a form-encoded POST, the answer
read as JSON) and through the SDK.

- voice/conference's txn_refs is one comma-separated string (conference/call's a JSON array);
- an optional parameter sent empty is the parameter left out (fax_header's "" alone means
  something: no header), for every optional parameter of every endpoint;
- a base64 fax in the standard or the URL-safe alphabet, padded or not, is stored byte for byte,
  and text that is not base64 is refused, never stored as some other file;
- an unknown path is HTTP 404 with a status Hoiio had, and the SDK's error for a base URL
  without /open/ says what the URL should look like.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import io
import json
from contextlib import redirect_stderr
from typing import Any, Dict, List, Mapping, Tuple
from urllib.parse import urlencode, urlsplit

import hoiio
import pytest
import requests
from hoiio import Hoiio
from hoiio._generated.api import GENERIC_STATUSES
from hoiio._generated.facts import CSV_FIELDS, EMPTY_MEANS
from hoiio.cli import main as cli_main
from hoiio.sandbox.checks import endpoints

from .conftest import PDF, Sandbox, balance, check_wire
from .test_checks import request_for, sample

A, B, C = "+6591234567", "+6598765432", "+6591230002"
FAX = "+6561234567"
TXN_REF = r"AA-C-\d+"


def post(sandbox: Sandbox, path: str, form: Mapping[str, str], *, under: str = "open/") -> Tuple[int, Dict[str, Any]]:
    """POST a form the way a foreign client does (http.client, urlencoded body): (HTTP status, JSON)."""
    url = urlsplit(sandbox.url)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=10)
    try:
        conn.request("POST", f"{url.path}{under}{path}", urlencode(dict(form)), {"Content-Type": "application/x-www-form-urlencoded"})
        res = conn.getresponse()
        body: Dict[str, Any] = json.loads(res.read())
        return res.status, body
    finally:
        conn.close()


def api(sandbox: Sandbox, acct: Mapping[str, Any], path: str, **form: str) -> Dict[str, Any]:
    """An authenticated API call over the raw wire; the answer is checked as the SDK's are."""
    status, body = post(sandbox, path, {"app_id": acct["app_id"], "access_token": acct["access_token"], **form})
    assert status == 200, (path, status, body)
    check_wire(path, body)
    return body


# ---- voice/conference's txn_refs ----


def test_voice_conference_answers_txn_refs_comma_separated(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    body = api(sandbox, account, "voice/conference", dest=f"{A},{B},{C}")
    assert CSV_FIELDS["voice/conference"] == ("txn_refs",)
    assert isinstance(body["txn_refs"], str)
    refs = body["txn_refs"].split(",")  # what the original Python, PHP and .NET SDKs do with it
    assert len(refs) == 3 and len(set(refs)) == 3
    for ref, dest in zip(refs, (A, B, C)):  # one per number, in the order given (SDK-php pairs them by index)
        assert api(sandbox, account, "voice/query_status", txn_ref=ref)["dest1"] == dest
    one = api(sandbox, account, "voice/conference", dest=A, room=body["room"])
    assert isinstance(one["txn_refs"], str) and "," not in one["txn_refs"] and one["room"] == body["room"]


def test_conference_call_answers_txn_refs_as_an_array(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    body = api(sandbox, account, "conference/call", dest=f"{A},{B}")
    assert "conference/call" not in CSV_FIELDS
    assert isinstance(body["txn_refs"], list) and len(body["txn_refs"]) == 2


def test_the_sdk_reads_both_as_lists(sandbox: Sandbox, client: Any, monkeypatch: pytest.MonkeyPatch, account: Dict[str, Any]) -> None:
    conf = client.voice.conference(A, B)
    assert isinstance(conf.json["txn_refs"], str)  # as it came
    assert conf.txn_refs == conf.json["txn_refs"].split(",") and len(conf.txn_refs) == 2
    assert client.voice.status(conf.txn_refs[1]).dest1 == B
    call = client.conference.call(A, B, C)
    assert isinstance(call.json["txn_refs"], list) and call.txn_refs == call.json["txn_refs"] and len(call.txn_refs) == 3
    # the original SDK's facade, as its users wrote it
    monkeypatch.setenv("HOIIO_BASE_URL", sandbox.base_url)
    saved = Hoiio._default
    Hoiio._default = None
    try:
        Hoiio.init(account["app_id"], account["access_token"])
        res = Hoiio.voice.conference(A, C)
        assert res.is_success() and res.txn_refs == res.json["txn_refs"].split(",") and len(res.txn_refs) == 2
    finally:
        if Hoiio._default is not None:
            Hoiio._default.close()
        Hoiio._default = saved


# ---- empty optional parameters ----

OPTIONAL = [(path, p.wire) for path, ep in sorted(endpoints().items()) for p in ep.params if not p.required]


def _form(path: str, **override: str) -> Dict[str, str]:
    """The required parameters of ``path`` (the fax file as base64 text, as the form-only
    clients send it) and ``override``."""
    form, files = request_for(endpoints()[path], **override)
    for name in files:
        form[name] = base64.b64encode(PDF).decode()
    return form


@pytest.mark.parametrize(("path", "wire"), OPTIONAL, ids=[f"{p}:{w}" for p, w in OPTIONAL])
def test_an_optional_parameter_sent_empty_is_left_out(sandbox: Sandbox, account: Dict[str, Any], path: str, wire: str) -> None:
    """What the Go SDK does (every optional parameter, empty when unset) answers what leaving
    the parameter out answers. One fresh account per case: both requests see the same state."""
    ep = endpoints()[path]
    others = [w for group in ep.one_of if wire in group.params for w in group.params if w != wire]
    form = _form(path, **{others[0]: sample(ep.by_wire[others[0]])}) if others else _form(path)  # another of its group given
    assert wire not in form
    left_out = api(sandbox, account, path, **form)["status"]
    empty = api(sandbox, account, path, **{**form, wire: ""})["status"]
    assert empty == left_out, f"{path}: {wire}='' answered {empty}; without {wire}: {left_out}"


def test_the_three_that_were_refused(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    sms = api(sandbox, account, "sms/send", dest=A, msg="hello", sender_name="", tag="", notify_url="")
    assert sms["status"] == "success_ok"  # was error_invalid_sender_name
    assert api(sandbox, account, "sms/bulk_send", dest=f"{A},{B}", msg="hi", sender_name="")["status"] == "success_ok"
    conf = api(sandbox, account, "voice/conference", dest=A, room="", caller_id="", tag="")
    assert conf["status"] == "success_ok" and conf["room"]  # was error_invalid_room; a new room
    assert api(sandbox, account, "conference/call", dest=A, room="")["status"] == "success_ok"
    choices = api(sandbox, account, "number/get_choices", country="SG", state="", page="")
    assert choices["status"] == "success_ok" and choices["entries"]  # was error_malformed_params
    # what is not empty is still checked
    assert api(sandbox, account, "sms/send", dest=A, msg="hello", sender_name="Hi")["status"] == "error_invalid_sender_name"
    assert api(sandbox, account, "voice/conference", dest=A, room=" ")["status"] == "error_invalid_room"
    assert api(sandbox, account, "number/get_choices", country="SG", state="x")["status"] == "error_malformed_params"
    # and a required parameter sent empty is still missing
    assert api(sandbox, account, "sms/send", dest=A, msg="")["status"] in ("error_msg_empty", "error_msg_param_missing")
    assert api(sandbox, account, "sms/send", dest="", msg="hi")["status"] == "error_dest_param_missing"


def test_fax_header_empty_means_no_header(sandbox: Sandbox, account: Dict[str, Any], client: Any) -> None:
    assert EMPTY_MEANS == {"fax/send": {"fax_header": "no header is printed"}}
    assert api(sandbox, account, "fax/send", **_form("fax/send"), fax_header="")["status"] == "success_ok"
    assert client.fax.send(FAX, PDF, fax_header="").is_success()
    with sandbox.engine.store.lock:  # the sandbox keeps the header it would print: "" is kept, not dropped
        headers = [t.data.get("_header") for t in sandbox.engine.store.txns(account["app_id"]) if t.kind == "fax"]
    assert headers == ["", ""]


def test_through_the_sdk(client: Any) -> None:
    """The SDK refuses before sending what is no value (sender_name="" is 0 characters); the
    empty values it does send (a tag, a filename) are left out by the sandbox, as Hoiio did."""
    sent = client.sms.send("hello", A, tag="")
    assert sent.is_success() and client.sms.status(sent.txn_ref).tag is None
    with pytest.raises(hoiio.ValidationError, match="sender_name"):
        client.sms.send("hello", A, sender_name="")
    fax = client.fax.send(FAX, PDF, filename="")
    assert fax.is_success() and client.fax.status(fax.txn_ref).fax_url.endswith("/document.pdf")


# ---- base64 fax files ----

#: A PDF whose standard base64 has "+" and "/" and needs padding (its URL-safe form has "-" and "_").
BINARY_PDF = PDF + b"%\xfb\xef\xbe\xff\xff\xfe\x3e\x3f\n"


def stored(sandbox: Sandbox, account: Mapping[str, Any], sent: Dict[str, Any]) -> bytes:
    assert sent["status"] == "success_ok", sent
    url = api(sandbox, account, "fax/query_status", txn_ref=sent["txn_ref"])["fax_url"]
    content: bytes = requests.get(url, timeout=10).content
    return content


def encodings() -> List[Tuple[str, str]]:
    std = base64.b64encode(BINARY_PDF).decode()
    url = base64.urlsafe_b64encode(BINARY_PDF).decode()
    assert "+" in std and "/" in std and std.endswith("=") and "-" in url and "_" in url
    return [
        ("standard", std),
        ("url-safe", url),  # Go's base64.URLEncoding
        ("standard, unpadded", std.rstrip("=")),
        ("url-safe, unpadded", url.rstrip("=")),  # Go's base64.RawURLEncoding
        ("MIME lines", base64.encodebytes(BINARY_PDF).decode().replace("\n", "\r\n")),
    ]


@pytest.mark.parametrize(("name", "text"), encodings(), ids=[n for n, _ in encodings()])
def test_base64_fax_is_stored_as_sent(sandbox: Sandbox, account: Dict[str, Any], name: str, text: str) -> None:
    sent = api(sandbox, account, "fax/send", dest=FAX, file=text)
    assert stored(sandbox, account, sent) == BINARY_PDF


@pytest.mark.parametrize(
    "text",
    [
        base64.b64encode(BINARY_PDF).decode().replace("+", " "),  # an unescaped "+" in a form body
        base64.b64encode(BINARY_PDF).decode().replace("/", "_"),  # the two alphabets mixed
        base64.b64encode(BINARY_PDF).decode() + "A",  # a length no encoder writes
        base64.b64encode(BINARY_PDF).decode()[:8] + "=" + base64.b64encode(BINARY_PDF).decode()[8:],  # padding inside
        base64.b64encode(BINARY_PDF).decode()[:-4] + "!!!!",
        "%PDF-1.4 not base64 at all",
    ],
    ids=["space", "mixed", "length", "inner-padding", "punctuation", "text"],
)
def test_text_that_is_not_base64_is_refused(sandbox: Sandbox, account: Dict[str, Any], text: str) -> None:
    assert api(sandbox, account, "fax/send", dest=FAX, file=text)["status"] == "error_file_invalid"
    assert api(sandbox, account, "fax/get_history")["entries_count"] == "0"  # nothing was stored, nothing charged
    assert balance(sandbox, account)["balance"] == "54.650"


def test_the_sdk_uploads_the_file_byte_for_byte(client: Any) -> None:
    res = client.fax.send(FAX, BINARY_PDF)
    assert requests.get(client.fax.status(res.txn_ref).fax_url, timeout=10).content == BINARY_PDF


# ---- unknown paths and base URLs without /open/ ----


def test_an_unknown_path_is_a_404_with_a_status_hoiio_had(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    auth = {"app_id": account["app_id"], "access_token": account["access_token"], "dest": A, "msg": "hi"}
    for path, under in (("sms/teleport", "open/"), ("sms/send", ""), ("sms/send", "api/"), ("", "open/")):
        status, body = post(sandbox, path, auth, under=under)
        assert (status, body) == (404, {"status": "error_malformed_params"}), (under + path, status, body)
        assert body["status"] in GENERIC_STATUSES
    assert balance(sandbox, account)["balance"] == "54.650"  # nothing was sent


@pytest.mark.parametrize("raise_on_error", [True, False])
def test_the_sdk_says_the_base_url_should_end_in_open(sandbox: Sandbox, account: Dict[str, Any], raise_on_error: bool) -> None:
    root = sandbox.base_url[: -len("open/")]
    with hoiio.Client(account["app_id"], account["access_token"], base_url=root, raise_on_error=raise_on_error) as client:
        with pytest.raises(hoiio.InvalidRequestError) as caught:
            client.sms.send("hi", A)
    message = str(caught.value)
    assert f"base_url {root!r} does not end in /open/" in message
    assert f"(on this server: {sandbox.base_url})" in message and "https://secure.hoiio.com/open/" in message
    assert caught.value.status == "error_malformed_params" and account["access_token"] not in message
    assert balance(sandbox, account)["balance"] == "54.650"
    # a base URL that ends in /open/ and a path the sandbox does not know: no such hint
    with hoiio.Client(account["app_id"], account["access_token"], base_url=sandbox.base_url + "v2/open/") as client:
        with pytest.raises(hoiio.APIError) as other:
            client.sms.send("hi", A)
    assert "does not end in /open/" not in str(other.value)


def test_the_async_client_says_so_too(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    root = sandbox.base_url[: -len("open/")]

    async def send() -> None:
        async with hoiio.AsyncClient(account["app_id"], account["access_token"], base_url=root, raise_on_error=False) as client:
            await client.sms.send("hi", A)

    with pytest.raises(hoiio.InvalidRequestError, match="does not end in /open/"):
        asyncio.run(send())


def test_the_cli_says_so_for_base_url(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    root = sandbox.base_url[: -len("open/")]
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli_main(["sms", "send", "--msg", "hi", "--dest", A, "--base-url", root,
                         "--app-id", account["app_id"], "--access-token", account["access_token"]])  # fmt: skip
    text = err.getvalue()
    assert code == 1, text
    assert f"--base-url (or HOIIO_BASE_URL) {root!r} does not end in /open/" in text and sandbox.base_url in text
    assert "base_url" not in text and account["access_token"] not in text
