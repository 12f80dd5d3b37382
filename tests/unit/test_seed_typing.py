"""Code written for the original SDK type-checks under ``mypy --strict`` (the usages this
SDK keeps: Response(requests_response), the services' credentials, rate_in(dest=...), a bulk
send's txn_ref), and the departures show as type errors where they can."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ORIGINAL_STYLE = '''
import requests
from hoiio import Hoiio
from hoiio.service import Response

Hoiio.init("MY_APP_ID", "MY_ACCESS_TOKEN")
res = Response(requests.get("http://127.0.0.1:9/"))
ok: bool = res.is_success()
app_id: "str | None" = Hoiio.voice.app_id
token: "str | None" = Hoiio.voice.access_token
rate: "float | None" = Hoiio.sms.rate_in(dest="+6599999999").rate
fax_rate: "float | None" = Hoiio.fax.rate_in(dest="+6500000000").rate
batch: "str | None" = Hoiio.sms.bulk_send("Hoiio World", "+6511111111", "+6522222222").txn_ref
'''

MISTAKES = '''
from hoiio import Hoiio

Hoiio.voice.app_id = "x"
Hoiio.sms.rate_in(incomming="+6599999999")
'''


def mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "user.py").write_text("from __future__ import annotations\n" + source, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".cache"), "user.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_original_style_code_passes_mypy_strict(tmp_path: Path) -> None:
    proc = mypy(tmp_path, ORIGINAL_STYLE)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_writing_the_credentials_of_a_service_is_a_type_error(tmp_path: Path) -> None:
    proc = mypy(tmp_path, MISTAKES)
    assert proc.returncode == 1, proc.stdout
    # Hoiio.voice is typed by the generated VoiceFacade protocol, whose credentials are read-only
    assert re.search(r'Property "app_id" defined in "\w+" is read-only', proc.stdout), proc.stdout
