"""Constants and helpers shared by the unit tests (a unique module name: tests/ has no packages here)."""

from __future__ import annotations

from typing import Any, Dict, List
from urllib.parse import parse_qs

import responses

BASE = "https://secure.hoiio.com/open/"
APP = "APP-ID-1"
TOKEN = "SECRET-TOKEN-xyz789"
OK = '{"status":"success_ok"}'


def answer(mock: responses.RequestsMock, path: str, body: str = OK, status: int = 200) -> None:
    mock.add(responses.POST, BASE + path, body=body, status=status, content_type="application/json")


def form_of(call: Any) -> Dict[str, List[str]]:
    """The url-encoded form body of a recorded request, parsed."""
    body = call.request.body
    if isinstance(body, bytes):
        body = body.decode("ascii")
    return parse_qs(body or "", keep_blank_values=True, strict_parsing=bool(body))


def sent(mock: responses.RequestsMock) -> Dict[str, str]:
    """The form of the only request made, one value per field, credentials checked and removed."""
    assert len(mock.calls) == 1, [c.request.url for c in mock.calls]
    form = form_of(mock.calls[0])
    assert all(len(v) == 1 for v in form.values()), form
    flat = {k: v[0] for k, v in form.items()}
    assert flat.pop("app_id") == APP
    assert flat.pop("access_token") == TOKEN
    return flat
