"""The adapter of the sessions the SDK makes (transport._adapter_class) works out the steps that
depend only on the URL and the TLS settings once per URL, and gives what requests' own
HTTPAdapter gives for every URL, CA setting and client certificate: the same pool, the same URL
on the request line, the same TLS attributes on the pool, the same errors."""

from __future__ import annotations

import os
from typing import Any, Callable, List

import hoiio
import pytest
import requests
from hoiio._runtime.transport import _MEMO_SIZE, _adapter_class
from requests.adapters import HTTPAdapter
from support.hostile import Certificate, Hostile, ok, tempdir

URLS = ["http://127.0.0.1:8765/open/sms/send", "https://secure.hoiio.com/open/sms/send", "HTTPS://Secure.Hoiio.com:8443/open/x?y=1",
        "http://[::1]:80//double/slash", "https://secure.hoiio.com/open/sms/send#frag"]  # fmt: skip
TLS_ATTRIBUTES = ("cert_reqs", "ca_certs", "ca_cert_dir", "cert_file", "key_file")


@pytest.fixture(scope="module")
def bundle(cert: Certificate) -> str:
    """A CA bundle on the disk (the shared certificate's file)."""
    return cert.cert


def prepared(url: str) -> requests.PreparedRequest:
    p = requests.PreparedRequest()
    p.prepare(method="POST", url=url, data={"a": "b"})
    return p


def outcome(call: Callable[[], Any]) -> Any:
    try:
        return ("value", call())
    except Exception as exc:  # noqa: BLE001 - the same error is the point
        return ("raised", type(exc), str(exc))


def seen(adapter: HTTPAdapter, url: str, verify: Any, cert: Any) -> List[Any]:
    """What the adapter does with one request, as comparable data."""
    request = prepared(url)
    got: List[Any] = []
    pool = adapter.get_connection_with_tls_context(request, verify, proxies={}, cert=cert)
    got.append((type(pool).__name__, pool.scheme, pool.host, pool.port, sorted((k, str(v)) for k, v in pool.conn_kw.items())))
    got.append(outcome(lambda: adapter.cert_verify(pool, request.url, verify, cert)))
    got.append(tuple(getattr(pool, name, None) for name in TLS_ATTRIBUTES))
    got.append(adapter.request_url(request, {}))
    return got


@pytest.mark.parametrize("client_cert", [None, "client.pem", ("client.pem", "client.key")])
@pytest.mark.parametrize("verify", [True, False, "bundle-file", "bundle-dir", "/nonexistent/ca.pem"])
def test_every_step_gives_what_requests_gives_first_and_then(bundle: str, verify: Any, client_cert: Any) -> None:
    verify = {"bundle-file": bundle, "bundle-dir": os.path.dirname(bundle)}.get(verify, verify)
    stock, lean = HTTPAdapter(), _adapter_class()()
    for url in URLS:
        for _ in range(3):  # the first time works it out, the next ones remember it
            assert seen(lean, url, verify, client_cert) == seen(stock, url, verify, client_cert), url


def test_a_repeated_request_does_not_touch_the_disk(bundle: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """requests checks a CA bundle on the disk three times a request (isdir for the pool key,
    exists and isdir before using it); the SDK's adapter does it once per URL."""
    lean = _adapter_class()()
    url = "https://secure.hoiio.com/open/sms/send"
    seen(lean, url, bundle, None)
    calls: List[str] = []
    for name in ("isdir", "exists"):
        real = getattr(os.path, name)
        monkeypatch.setattr(os.path, name, lambda p, real=real, name=name: (calls.append(name), real(p))[1])
    seen(lean, url, bundle, None)
    assert calls == []
    seen(HTTPAdapter(), url, bundle, None)
    assert calls, "the check above would see requests' own disk checks"


def test_a_proxy_and_an_unhashable_setting_take_requests_own_path() -> None:
    lean, stock = _adapter_class()(), HTTPAdapter()
    request = prepared(URLS[0])
    proxies = {"http": "http://proxy.example:3128"}
    got = []
    for adapter in (lean, stock):
        assert adapter.request_url(request, {}) == "/open/sms/send"  # remembered without a proxy, not used with one
        pool = adapter.get_connection_with_tls_context(request, True, proxies=proxies)
        got.append((pool.host, pool.port, pool.proxy.host if pool.proxy else None, adapter.request_url(request, proxies)))
    assert got[0] == got[1] == ("proxy.example", 3128, "proxy.example", URLS[0])
    cert = ["client.pem", "client.key"]  # a list: not hashable, worked out every time
    assert outcome(lambda: lean.build_connection_pool_key_attributes(request, True, cert)) == outcome(
        lambda: stock.build_connection_pool_key_attributes(request, True, cert)
    )


def test_what_it_remembers_is_bounded() -> None:
    lean = _adapter_class()()
    for i in range(3 * _MEMO_SIZE):
        lean.request_url(prepared(f"http://127.0.0.1:8765/path/{i}"), {})
    assert 0 < len(lean.__dict__["_memo"]) <= _MEMO_SIZE


def test_the_client_sends_through_it_and_a_ca_bundle_still_holds(cert: Certificate) -> None:
    """The SDK's own session uses the adapter; a TLS server whose certificate is in the bundle
    answers, one that is not is refused, call after call."""
    other = Certificate(tempdir()).cert  # another certificate's bundle
    with Hostile(lambda r: ok(), cert=cert) as server:
        with hoiio.Client("APP", "TOKEN-x", base_url=server.base_url) as client:
            assert type(client._transport._session.get_adapter(server.base_url)) is _adapter_class()
            client._transport._verify = cert.cert
            for _ in range(3):
                assert client.sms.send("hi", "+6591234567").is_success()
            client._transport._verify = other
            client._transport._session.close()  # new connections, so a new handshake
            for _ in range(2):
                with pytest.raises(hoiio.TransportError, match="TLS handshake failed"):
                    client.sms.send("hi", "+6591234567")
