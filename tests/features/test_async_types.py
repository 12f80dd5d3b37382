"""``mypy --strict`` on user code of hoiio.AsyncClient: the awaited methods, the async pager,
the bulk helper and AsyncIvrSession type-check, and the typical async mistakes are reported,
one error each (a forgotten await, a misspelt method, a wrong argument type)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

USER_CODE = """
    import asyncio

    import hoiio
    from hoiio.bulk import asend_in_chunks
    from hoiio.flow import AsyncIvrSession


    async def main() -> None:
        async with hoiio.AsyncClient("app", "token") as client:
            res = await client.sms.send("hi", "+6591234567", tag="t")
            print(res.txn_ref)
            async for entry in client.sms.history_iter(limit=5):
                reveal_type(entry)
            page = await client.sms.history(page=2)
            chunks = await asend_in_chunks(client, "hi", ["+6591234567"])
            call = await AsyncIvrSession.dial(client, "+6591234567")
            print(page.entries, chunks, call)


    async def mistakes() -> None:
        client = hoiio.AsyncClient()
        res = client.sms.send("hi", "+6591234567")  # MISTAKE: forgot await
        print(res.txn_ref)
        await client.sms.sendd("hi", "+6591234567")  # MISTAKE: misspelt
        await client.sms.send(42, "+6591234567")  # MISTAKE: not a str


    asyncio.run(main())
"""


def test_user_code_of_the_async_client_under_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    source = tmp_path / "user_async.py"
    source.write_text(textwrap.dedent(USER_CODE), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "cache"), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    lines = source.read_text(encoding="utf-8").splitlines()
    mistakes = {i + 1 for i, line in enumerate(lines) if "MISTAKE" in line}
    errors = [(int(m.group(1)), m.group(2)) for m in re.finditer(r":(\d+): error: (.*)", proc.stdout)]
    assert 'Revealed type is "hoiio.models.sms.SmsRecord"' in proc.stdout, proc.stdout
    assert len(errors) == 3, proc.stdout
    lines_with_errors = {n for n, _ in errors}
    # the forgotten await shows where the coroutine is used, one line below it
    assert lines_with_errors == {min(mistakes) + 1} | (mistakes - {min(mistakes)}), proc.stdout
    assert any('no attribute "txn_ref"' in e for _, e in errors) and any("sendd" in e for _, e in errors)
    assert any('incompatible type "int"; expected "str"' in e for _, e in errors)
