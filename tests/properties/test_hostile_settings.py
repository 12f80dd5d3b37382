"""Property (issue 21): whatever settings a client is given (credentials of any type, text with
lone surrogates, base URLs built from hostile parts or arbitrary text), making the client either
raises one ValidationError naming the setting, or gives a client whose base URL its HTTP stack
(requests for Client, aiohttp's yarl for AsyncClient) accepts as it is. Nothing here touches the network."""

from __future__ import annotations

from typing import Any

import hoiio
import pytest
import requests
from hoiio._runtime.settings import check_settings, requests_accepts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_schemes = st.sampled_from(["http", "https", "HTTPS", "ftp", "", "http:", "javascript"])
_hosts = st.sampled_from([
    "127.0.0.1", "localhost", "[::1]", "[::1", "::1]", "::1", "", "exa mple.com", ".example.com", "a..b", "xn--", "例え.jp",
    "127.0.0.1\x00", "user:pw@127.0.0.1", "@", "[v1.x]", "[::ffff:127.0.0.1]", "256.256.256.256", "-x-", "x" * 300,
])  # fmt: skip
_ports = st.one_of(
    st.sampled_from(["", ":", ":0", ":1", ":65535", ":65536", ":99999", ":-1", ":abc", ": 80", ":８０", ":1e3", ":0x50"]),
    st.integers(-10, 10**6).map(lambda n: f":{n}"),
)
_paths = st.one_of(st.sampled_from(["/open/", "", "/", "/open", "/open/?x=1", "/#f", "/\ud800/", "/a b/", "/\t/"]), st.text(max_size=12).map(lambda t: "/" + t))
_built = st.builds(lambda s, h, p, q: f"{s}://{h}{p}{q}", _schemes, _hosts, _ports, _paths)
_urls = st.one_of(_built, st.text(max_size=40), st.binary(max_size=10), st.integers(), st.none())
_credentials = st.one_of(st.none(), st.text(max_size=12), st.binary(max_size=8), st.integers(), st.floats(), st.just(["x"]))


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(url=_urls, allow_http=st.booleans())
def test_a_base_url_is_refused_by_name_or_accepted_by_the_clients_http_stack(url: Any, allow_http: bool) -> None:
    # Client: the rules, then requests' own checks; AsyncClient: the rules alone (requests is
    # not imported for it), which yarl, aiohttp's URLs, must then take.
    for where, requestable in (("Client", requests_accepts), ("AsyncClient", None)):
        try:
            _, _, checked = check_settings(where, "APP", "TOKEN", url, allow_http, requestable)
        except hoiio.ValidationError as exc:
            assert all(p.startswith("base_url") for p in exc.problems), exc.problems
            continue
        target = checked + "sms/send"
        if where == "Client":
            requests.Request("POST", target).prepare()
            continue
        yarl = pytest.importorskip("yarl")
        parsed = yarl.URL(target)
        assert parsed.scheme in ("http", "https") and parsed.raw_host
        assert parsed.port is None or 1 <= parsed.port <= 65535
        assert parsed.host


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(app_id=_credentials, token=_credentials)
def test_credentials_are_refused_by_name_or_are_text_utf8_can_encode(
    monkeypatch_env: None, app_id: Any, token: Any
) -> None:
    try:
        app, tok, _ = check_settings("Client", app_id, token, "https://secure.hoiio.com/open/")
    except hoiio.ValidationError as exc:
        assert all(p.split(" ")[0].rstrip(":") in ("app_id", "access_token") for p in exc.problems), exc.problems
        if isinstance(token, str) and len(token) > 3:  # a credential's value is never shown (quoted, as a value would be)
            assert repr(token) not in str(exc) and repr(token.encode("utf-8", "replace")) not in str(exc)
        return
    for value in (app, tok):
        assert value is None or (isinstance(value, str) and value.encode("utf-8") is not None)


@pytest.fixture
def monkeypatch_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOIIO_APP_ID", "HOIIO_ACCESS_TOKEN", "HOIIO_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
