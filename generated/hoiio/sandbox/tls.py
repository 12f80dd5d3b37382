"""The certificates of ``hoiio sandbox --tls``: a local certificate authority, made once and kept
in a per-user data directory, and a server certificate it signs at each start for the names an
unmodified app uses (``secure.hoiio.com``) and the loopback names (``localhost``, ``127.0.0.1``,
``::1``).

The CA may only vouch for those names (a critical name constraint): a machine that trusts it
to run an app against the sandbox trusts it for nothing else, even if its key leaks. Its key
stays in the directory (mode 0600, the directory 0700); the server certificate's key lives
only in memory once the server has loaded it.

Made with the ``openssl`` command (no Python dependency): the CA and the key pairs are ECDSA
P-256.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable, List, NamedTuple, Optional

from .guard import HOIIO_HOST  # the real API's name (https://secure.hoiio.com/open/)

#: Where the CA is kept, overriding the per-user default (``--ca-dir`` overrides both).
ENV_CA_DIR = "HOIIO_SANDBOX_CA_DIR"
#: The names the server certificate holds (and the only ones the CA may sign).
DNS_NAMES = (HOIIO_HOST, "localhost")
IP_ADDRESSES = ("127.0.0.1", "::1")
CA_FILE = "ca.pem"
CA_KEY_FILE = "ca-key.pem"
CA_DAYS = 3650
SERVER_DAYS = 90


class TlsError(Exception):
    """The certificates could not be made (no openssl command, or it failed)."""


class TlsFiles(NamedTuple):
    ca: str  # the CA certificate to trust (PEM)
    certificate: str  # the server's certificate (PEM)
    private_key: str  # and its key (PEM)


def default_ca_dir() -> Path:
    """``$HOIIO_SANDBOX_CA_DIR``, else ``$XDG_DATA_HOME/hoiio/sandbox-ca``, else
    ``~/.local/share/hoiio/sandbox-ca`` (``%LOCALAPPDATA%\\hoiio\\sandbox-ca`` on Windows)."""
    chosen = os.environ.get(ENV_CA_DIR)
    if chosen:
        return Path(chosen).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "hoiio" / "sandbox-ca"
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(data) / "hoiio" / "sandbox-ca"


def _openssl(args: List[str], cwd: Path) -> None:
    exe = shutil.which("openssl")
    if exe is None:
        raise TlsError("--tls needs the openssl command to make its certificates (install OpenSSL)")
    try:
        done = subprocess.run([exe, *args], cwd=str(cwd), capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as exc:
        raise TlsError(f"openssl could not run: {exc}") from None
    if done.returncode != 0:
        raise TlsError(f"openssl {args[0]} failed: {(done.stderr or done.stdout).strip()[-500:]}")


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="ascii")


def _san(addresses: Iterable[str] = ()) -> str:
    ips = list(IP_ADDRESSES) + [a for a in addresses if a not in IP_ADDRESSES and _loopback(a)]
    return ",".join([*(f"DNS:{n}" for n in DNS_NAMES), *(f"IP:{a}" for a in ips)])


def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def _name_constraints() -> str:
    permitted = [f"permitted;DNS:{n}" for n in DNS_NAMES]
    permitted += ["permitted;IP:127.0.0.0/255.0.0.0", "permitted;IP:::1/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]
    return "critical," + ",".join(permitted)


def ensure_ca(directory: Optional[Path] = None) -> Path:
    """The CA certificate in ``directory`` (default_ca_dir()), made there first if missing."""
    directory = Path(directory) if directory is not None else default_ca_dir()
    ca = directory / CA_FILE
    if ca.is_file() and (directory / CA_KEY_FILE).is_file():
        return ca
    directory.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".sandbox-ca-", dir=str(directory.parent)))  # mode 0700
    try:
        _write(work / "ca.cnf", "\n".join([
            "[req]", "distinguished_name = dn", "prompt = no", "x509_extensions = v3_ca",
            "[dn]", "CN = hoiio sandbox local CA", "O = hoiio sandbox (local, for development only)",
            "[v3_ca]", "basicConstraints = critical,CA:TRUE,pathlen:0", "keyUsage = critical,keyCertSign,cRLSign",
            "subjectKeyIdentifier = hash", f"nameConstraints = {_name_constraints()}", "",
        ]))  # fmt: skip
        old = os.umask(0o077)
        try:
            _openssl(["req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-sha256",
                      "-days", str(CA_DAYS), "-config", "ca.cnf", "-keyout", CA_KEY_FILE, "-out", CA_FILE], work)  # fmt: skip
        finally:
            os.umask(old)
        (work / "ca.cnf").unlink()
        os.chmod(work / CA_FILE, 0o644)
        try:
            os.rename(work, directory)  # atomic: two first starts at once keep one CA
        except OSError:
            if not (ca.is_file() and (directory / CA_KEY_FILE).is_file()):  # not another start's: a directory of the user's
                try:
                    for name in (CA_KEY_FILE, CA_FILE):
                        os.replace(work / name, directory / name)
                except OSError as exc:
                    raise TlsError(f"cannot keep the CA in {directory}: {exc}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ca


def server_files(directory: Optional[Path] = None, into: Optional[Path] = None, addresses: Iterable[str] = ()) -> TlsFiles:
    """The CA (made once, ensure_ca) and a new server certificate it signs, with its key, in
    ``into`` (a directory the caller removes once the server has loaded them). ``addresses``:
    more loopback addresses for the certificate (the one the server listens on, such as
    127.0.0.2); any other is left out, as the CA may not vouch for it."""
    ca = ensure_ca(directory)
    ca_dir = ca.parent
    out = Path(into) if into is not None else Path(tempfile.mkdtemp(prefix="hoiio-sandbox-tls-"))
    _write(out / "server.cnf", "\n".join([
        "[req]", "distinguished_name = dn", "prompt = no", "[dn]", f"CN = {HOIIO_HOST}",
        "[v3_server]", "basicConstraints = critical,CA:FALSE", "keyUsage = critical,digitalSignature",
        "extendedKeyUsage = serverAuth", f"subjectAltName = {_san(addresses)}", "subjectKeyIdentifier = hash",
        "authorityKeyIdentifier = keyid:always", "",
    ]))  # fmt: skip
    old = os.umask(0o077)
    try:
        _openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-config", "server.cnf",
                  "-keyout", "server-key.pem", "-out", "server.csr"], out)  # fmt: skip
        _openssl(["x509", "-req", "-in", "server.csr", "-CA", str(ca), "-CAkey", str(ca_dir / CA_KEY_FILE), "-set_serial",
                  str(int.from_bytes(os.urandom(16), "big") >> 1), "-days", str(SERVER_DAYS), "-sha256", "-extfile", "server.cnf",
                  "-extensions", "v3_server", "-out", "server.pem"], out)  # fmt: skip
    finally:
        os.umask(old)
    return TlsFiles(str(ca), str(out / "server.pem"), str(out / "server-key.pem"))
