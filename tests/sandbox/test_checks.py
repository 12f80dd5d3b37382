"""Request checking comes from the spec: for every endpoint, each required parameter missing, an
over-long tag, a bad notify_url, a bad phone number, a bad method, unreadable bytes."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import pytest
import requests
from hoiio._runtime.params import Endpoint, Param
from hoiio.sandbox.checks import endpoints

from .conftest import PDF, Raw, Sandbox

ENDPOINTS = sorted(endpoints().items())


def sample(p: Param) -> str:
    """A value of the right kind, that passes the parameter's own checks."""
    if p.kind == "phone" or p.kind == "phone_list" or p.kind == "transfer_dest":
        return "+6591234567"
    if p.kind == "caller_id":
        return "private"
    if p.kind == "url":
        return "http://receiver.test/hook"
    if p.kind == "enum":
        return (p.values or ("",))[0]
    if p.kind == "int":
        return str(max(1, p.minimum or 1))
    if p.kind == "datetime":
        return "2012-01-01 00:00:00"
    if p.kind == "recipients":
        return '[{"dest": "+6591234567"}]'
    if p.kind == "flag":
        return "enabled"
    if p.pattern == "^[A-Z]{2}$":
        return "SG"
    return "x" * max(1, p.min_length or 1)


def request_for(ep: Endpoint, leave_out: Optional[str] = None, **override: str) -> Tuple[Dict[str, str], Dict[str, Any]]:
    """Form and files for the required parameters (and one of each required group)."""
    wanted = [p for p in ep.params if p.required]
    for group in ep.one_of:
        if group.required:
            chosen = next((w for w in group.params if w in override), group.params[0])
            wanted.append(ep.by_wire[chosen])
    form: Dict[str, str] = {}
    files: Dict[str, Any] = {}
    for p in wanted:
        if p.wire == leave_out:
            continue
        if p.kind == "pdf":
            files[p.wire] = ("a.pdf", PDF, "application/pdf")
        else:
            form[p.wire] = sample(p)
    form.update(override)
    return form, files


REQUIRED = [(path, p.wire) for path, ep in ENDPOINTS for p in ep.params if p.required]


@pytest.mark.parametrize(("path", "wire"), REQUIRED, ids=[f"{p}:{w}" for p, w in REQUIRED])
def test_missing_required_parameter(raw: Raw, path: str, wire: str) -> None:
    ep = endpoints()[path]
    form, files = request_for(ep, leave_out=wire)
    assert raw(path, files=files or None, **form)["status"] == f"error_{wire}_param_missing"


def with_param(name: str) -> List[str]:
    return [path for path, ep in ENDPOINTS if name in ep.by_wire]


@pytest.mark.parametrize("path", with_param("tag"))
def test_tag_longer_than_256(raw: Raw, path: str) -> None:
    form, files = request_for(endpoints()[path], tag="t" * 257)
    assert raw(path, files=files or None, **form)["status"] == "error_tag_invalid_length"


@pytest.mark.parametrize("path", with_param("notify_url"))
def test_bad_notify_url(raw: Raw, path: str) -> None:
    ep = endpoints()[path]
    form, files = request_for(ep, notify_url="mailto:me@example.com")
    assert raw(path, files=files or None, **form)["status"] == "error_invalid_notify_url"
    form, files = request_for(ep, notify_url="http://" + "a" * 4000 + ".test/")
    assert raw(path, files=files or None, **form)["status"] == "error_invalid_notify_url"
    form, files = request_for(ep, notify_url="http://nowhere.invalid/hook")
    status = raw(path, files=files or None, **form)["status"]
    if "error_unable_to_resolve_notify_url" in ep.statuses:
        assert status == "error_unable_to_resolve_notify_url"
    else:
        assert status != "error_invalid_notify_url"


PHONES = [(path, p.wire, p.invalid) for path, ep in ENDPOINTS for p in ep.params if p.kind in ("phone", "phone_list") and p.invalid]


@pytest.mark.parametrize(("path", "wire", "code"), PHONES, ids=[f"{p}:{w}" for p, w, _ in PHONES])
def test_bad_phone_number(raw: Raw, path: str, wire: str, code: str) -> None:
    form, files = request_for(endpoints()[path], **{wire: "6591234567"})
    assert raw(path, files=files or None, **form)["status"] == code


@pytest.mark.parametrize("path", [p for p, _ in ENDPOINTS])
def test_only_get_and_post(raw: Raw, path: str) -> None:
    assert raw(path, method="DELETE")["status"] == "error_invalid_http_method"


def test_unreadable_bytes_are_malformed(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    auth = f"app_id={account['app_id']}&access_token={account['access_token']}".encode()
    url = sandbox.base_url + "sms/send"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    for body in (auth + b"&dest=%2B6591234567&msg=%FF%FE", auth + b"&dest=%2B6591234567&msg=\xff"):
        assert requests.post(url, data=body, headers=headers, timeout=5).json() == {"status": "error_malformed_params"}
    assert requests.get(url + "?msg=%C3%28", timeout=5).json() == {"status": "error_malformed_params"}
    ok = auth + b"&dest=%2B6591234567&msg=h%C3%A9llo"
    assert requests.post(url, data=ok, headers=headers, timeout=5).json()["status"] == "success_ok"


def test_query_string_and_body_both_count(sandbox: Sandbox, account: Dict[str, Any]) -> None:
    url = sandbox.base_url + f"sms/send?app_id={account['app_id']}&msg=from+the+query"
    res = requests.post(url, data={"access_token": account["access_token"], "dest": "+6591234567"}, timeout=5).json()
    assert res["status"] == "success_ok"


def test_unknown_paths(sandbox: Sandbox) -> None:
    res = requests.post(sandbox.base_url + "sms/teleport", timeout=5)
    assert res.status_code == 404 and res.json()["status"].startswith("error_")
    assert "HOIIO_BASE_URL" in requests.get(sandbox.url, timeout=5).text
