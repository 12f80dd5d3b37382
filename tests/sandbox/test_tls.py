"""``hoiio sandbox --tls`` (Sandbox(tls=True)): https with a certificate for secure.hoiio.com from
a local CA made once, so that an app written for the original SDK runs against the sandbox
unmodified: its hard-coded ``https://secure.hoiio.com/open/``, port 443, certificate checks on.

The app runs in a child process whose only differences from a user's machine are the two steps
docs/sandbox.md gives: the name secure.hoiio.com resolves to the sandbox (a hosts entry there; here
a sitecustomize that answers that one name, in the child only) and the CA is trusted through
REQUESTS_CA_BUNDLE. The sandbox listens on port 443 of a random loopback address (127.x.y.z, so
that no other run on the machine collides with it); binding port 443 needs root, which CI has."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import socket
import ssl
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Iterator, Tuple

import pytest
import requests
from hoiio.sandbox.server import Sandbox
from hoiio.sandbox.tls import CA_KEY_FILE, ensure_ca

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None and not os.environ.get("CI"), reason="--tls makes its certificates with the openssl command")

APP = textwrap.dedent(
    """
    # An app written for hoiio 0.1.x: nothing in it knows about the sandbox.
    import json
    from hoiio import Hoiio

    Hoiio.init('AP-LEGACY', 'legacy-token')
    sent = Hoiio.sms.send('Hello from the legacy app', '+6591234567')
    status = Hoiio.sms.status(sent.txn_ref)
    balance = Hoiio.account.balance()
    print(json.dumps({'sent': sent.status, 'txn_ref': sent.txn_ref, 'status': status.status,
                      'balance': balance.status, 'url': sent.response.url}))
    """
)

RESOLVER = textwrap.dedent(
    """
    # secure.hoiio.com -> the test's sandbox, as a hosts entry would do (this process only)
    import os
    import socket

    _address = os.environ["TEST_SANDBOX_ADDRESS"]
    _getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, (str, bytes)) and (host.decode() if isinstance(host, bytes) else host).lower().rstrip(".") == "secure.hoiio.com":
            host = _address
        return _getaddrinfo(host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo
    """
)


@pytest.fixture(scope="module")
def ca_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sandbox-ca") / "ca"


@pytest.fixture(scope="module")
def tls_sandbox(ca_dir: Path) -> Iterator[Tuple[Sandbox, str]]:
    """A --tls sandbox on port 443 of a random loopback address, with the legacy app's account."""
    last: Any = None
    for _ in range(5):
        address = f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        sb = Sandbox(host=address, port=443, tls=True, ca_dir=str(ca_dir), freeze=True, app_id="AP-LEGACY", access_token="legacy-token")
        try:
            sb.start()
        except PermissionError:
            pytest.skip("binding port 443 needs root (or CAP_NET_BIND_SERVICE); CI runs as root")
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            last = exc
            continue
        try:
            yield sb, address
        finally:
            sb.stop()
        return
    raise AssertionError(f"no loopback address with port 443 free: {last}")


def test_an_unmodified_legacy_app_talks_to_the_sandbox_over_https(tls_sandbox: Tuple[Sandbox, str], tmp_path: Path) -> None:
    sb, address = tls_sandbox
    assert sb.ca_file is not None
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(RESOLVER)
    (tmp_path / "legacy_app.py").write_text(APP)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOIIO_") and "proxy" not in k.lower() and k != "SSL_CERT_FILE"}
    env.update(PYTHONPATH=str(tmp_path / "site"), TEST_SANDBOX_ADDRESS=address, REQUESTS_CA_BUNDLE=sb.ca_file)
    done = subprocess.run([sys.executable, str(tmp_path / "legacy_app.py")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["url"] == "https://secure.hoiio.com/open/sms/send"  # the hard-coded URL, unchanged
    assert (out["sent"], out["status"], out["balance"]) == ("success_ok", "success_ok", "success_ok")
    assert [t.data["txn_ref"] for t in sb.engine.store.txns()] == [out["txn_ref"]]  # it reached this sandbox

    # without the CA trusted, the same app refuses the sandbox's certificate: verification is on
    del env["REQUESTS_CA_BUNDLE"]
    env["SSL_CERT_FILE"] = env["REQUESTS_CA_BUNDLE"] = os.devnull
    done = subprocess.run([sys.executable, str(tmp_path / "legacy_app.py")], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "TLS handshake failed" in done.stderr, done.stderr[-2000:]
    assert len(sb.engine.store.txns()) == 1


def test_the_certificate_names_secure_hoiio_com_and_loopback(tls_sandbox: Tuple[Sandbox, str]) -> None:
    sb, address = tls_sandbox
    assert sb.ca_file is not None
    context = ssl.create_default_context(cafile=sb.ca_file)
    if hasattr(ssl, "VERIFY_X509_STRICT"):
        context.verify_flags |= ssl.VERIFY_X509_STRICT  # as Python 3.13 does by default
    for name in ("secure.hoiio.com", "localhost", address):
        with socket.create_connection((address, 443), timeout=10) as raw, context.wrap_socket(raw, server_hostname=name) as tls:
            assert tls.version() in ("TLSv1.2", "TLSv1.3")
    with socket.create_connection((address, 443), timeout=10) as raw:
        with pytest.raises(ssl.SSLCertVerificationError):
            context.wrap_socket(raw, server_hostname="example.com")


def test_it_answers_as_secure_hoiio_com_and_its_own_https_origin(tls_sandbox: Tuple[Sandbox, str]) -> None:
    sb, address = tls_sandbox
    url = f"https://{address}/_sandbox/clock"
    assert requests.get(url, headers={"Host": "secure.hoiio.com"}, verify=sb.ca_file, timeout=10).status_code == 200
    assert requests.get(url, headers={"Host": "evil.example"}, verify=sb.ca_file, timeout=10).status_code == 403
    own = requests.post(f"https://{address}/_sandbox/clock", json={}, verify=sb.ca_file, timeout=10,
                        headers={"Host": "secure.hoiio.com", "Origin": "https://secure.hoiio.com"})  # fmt: skip
    assert own.status_code == 200, own.text
    other = requests.post(f"https://{address}/_sandbox/clock", json={}, verify=sb.ca_file, timeout=10,
                          headers={"Host": "secure.hoiio.com", "Origin": "http://secure.hoiio.com"})  # fmt: skip
    assert other.status_code == 403


def test_the_ca_is_made_once_and_its_key_kept_private(tls_sandbox: Tuple[Sandbox, str], ca_dir: Path) -> None:
    sb, _ = tls_sandbox
    assert Path(sb.ca_file or "") == ca_dir / "ca.pem"
    before = (ca_dir / "ca.pem").read_bytes()
    assert ensure_ca(ca_dir) == ca_dir / "ca.pem"
    with Sandbox(tls=True, ca_dir=str(ca_dir)) as again:  # a second start: the same CA, a new server certificate
        assert again.url.startswith("https://127.0.0.1:")
        assert again.info()["app_id"]
    assert (ca_dir / "ca.pem").read_bytes() == before
    assert stat.S_IMODE((ca_dir / CA_KEY_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(ca_dir.stat().st_mode) == 0o700
    assert sorted(p.name for p in ca_dir.iterdir()) == ["ca-key.pem", "ca.pem"]  # the server's key was never kept


def test_plain_http_stays_the_default_and_refuses_the_real_api_name() -> None:
    with Sandbox(freeze=True) as sb:
        assert sb.url.startswith("http://127.0.0.1:") and sb.ca_file is None
        assert requests.get(sb.url + "_sandbox/clock", headers={"Host": "secure.hoiio.com"}, timeout=10).status_code == 403


def test_the_command_line_says_where_the_ca_is(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOIIO_")}
    proc = subprocess.Popen([sys.executable, "-m", "hoiio", "sandbox", "--tls", "--port", "0", "--ca-dir", str(tmp_path / "ca")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl-C"):
                break
        shown = "\n".join(lines)
        assert f"CA certificate to trust: {tmp_path / 'ca' / 'ca.pem'}" in shown, shown
        assert "HOIIO_BASE_URL=https://127.0.0.1:" in shown and "https://secure.hoiio.com:" in shown, shown
        assert "REQUESTS_CA_BUNDLE" in shown
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert (tmp_path / "ca" / "ca.pem").is_file()


def test_a_peer_that_never_shakes_hands_does_not_hold_the_https_sandbox_up(tls_sandbox: Tuple[Sandbox, str]) -> None:
    """cheroot does the TLS handshake in its selector thread: silent peers are dropped after a
    short handshake timeout (3 s each), not the server's 60 s, and the next client is served."""
    sb, address = tls_sandbox
    silent = [socket.create_connection((address, 443), timeout=30) for _ in range(2)]
    try:
        answer = requests.get(f"https://{address}/_sandbox/clock", verify=sb.ca_file, timeout=(30, 30))
        assert answer.status_code == 200
        for sock in silent:  # dropped, without a word
            assert sock.recv(100) == b""
    finally:
        for sock in silent:
            sock.close()
