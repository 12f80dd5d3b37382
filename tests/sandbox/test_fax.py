"""Fax: multipart and base64 uploads, PDF and size checks, pages, the fax_url the sandbox
serves, status settling and billing, failures, history by type, rates."""

from __future__ import annotations

import base64
from typing import Any, Dict

import requests

from .conftest import PDF, Raw, Receiver, Sandbox, balance

FAX = "+6561234567"


def test_send_settle_and_download(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver, tmp_path: Any) -> None:
    path = tmp_path / "contract.pdf"
    path.write_bytes(PDF)
    res = client.fax.send(FAX, str(path), tag="contract", notify_url=receiver.url("/fax"))
    status = client.fax.status(res.txn_ref)
    assert (status.fax_status, status.fax_pages, status.tag, status.dest) == ("ongoing", 2, "contract", FAX)
    assert status.fax_url.endswith("/contract.pdf")
    assert requests.get(status.fax_url, timeout=5).content == PDF
    sandbox.advance(5 + 2 * 30)
    status = client.fax.status(res.txn_ref)
    assert (status.fax_status, status.debit, status.rate) == ("answered", 0.032, 0.032)
    assert balance(sandbox, account)["balance"] == "54.618"
    got = receiver.wait_for(1, path="/fax")[0]
    assert got.verify(account["access_token"])
    note = got.note
    assert type(note).__name__ == "FaxNotification"
    assert (note.fax_status, note.fax_pages, note.duration, note.fax_url, note.fax_error_code) == ("answered", 2, 1, status.fax_url, None)


def test_filename_names_the_download(client: Any) -> None:
    res = client.fax.send(FAX, PDF, filename="quote 7.pdf")
    assert client.fax.status(res.txn_ref).fax_url.endswith("/quote_7.pdf")


def test_base64_file_in_a_form(raw: Raw, client: Any) -> None:
    body = raw("fax/send", dest=FAX, file=base64.b64encode(PDF).decode())
    assert body["status"] == "success_ok"
    assert client.fax.status(body["txn_ref"]).fax_pages == 2


def test_file_checks(raw: Raw) -> None:
    assert raw.status("fax/send", dest=FAX) == "error_file_param_missing"
    text = {"file": ("notes.txt", b"just text", "text/plain")}
    assert raw("fax/send", dest=FAX, files=text)["status"] == "error_file_invalid"
    big = {"file": ("big.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), "application/pdf")}
    assert raw("fax/send", dest=FAX, files=big)["status"] == "error_file_too_big"
    exactly = {"file": ("max.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024 - 9), "application/pdf")}
    assert raw("fax/send", dest=FAX, files=exactly)["status"] == "success_ok"
    pdf = {"file": ("a.pdf", PDF, "application/pdf")}
    assert raw("fax/send", dest="+16505550000", files=pdf)["status"] == "error_service_not_available"
    assert raw("fax/send", dest="+999123456789", files=pdf)["status"] == "error_dest_not_supported"
    assert raw("fax/send", dest=FAX, files=pdf, fax_header="Not @llowed")["status"] == "error_malformed_params"


def test_busy_fax_costs_nothing(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    res = client.fax.send("+6561230001", PDF, notify_url=receiver.url("/fax-busy"))
    sandbox.advance(120)
    status = client.fax.status(res.txn_ref)
    assert (status.fax_status, status.debit) == ("busy", 0.0)
    assert receiver.wait_for(1, path="/fax-busy")[0].note.fax_error_code == "busy"
    assert balance(sandbox, account)["balance"] == "54.650"


def test_history_by_type_and_rates(sandbox: Sandbox, client: Any, account: Dict[str, Any], raw: Raw) -> None:
    client.fax.send(FAX, PDF)
    number = client.number.available_numbers("SG").entries[-1].number
    client.number.subscribe(number, "1")
    client.number.configure(number, mode="fax")
    sandbox.incoming_fax(number, "+6567778888", PDF, app_id=account["app_id"])
    assert client.fax.history().total_entries_count == 2
    assert [e.dest for e in client.fax.history(type="outgoing").entries] == [FAX]
    incoming = client.fax.history(type="incoming").entries
    assert [(e.src, e.dest, e.fax_status) for e in incoming] == [("+6567778888", number, "answered")]
    assert raw.status("fax/get_history", type="sideways") == "error_invalid_type"
    assert client.fax.rate("+85291234567").json["rate"] == "0.035"
    assert client.fax.rate("+16505550000").status == "error_service_not_available"
    assert client.fax.rate_in(number).json["rate"] == "0.015"
    assert raw.status("fax/get_rate") == "error_dest_incoming_both_missing"
    assert raw.status("fax/get_rate", dest=FAX, incoming=number) == "error_dest_incoming_both_present"
