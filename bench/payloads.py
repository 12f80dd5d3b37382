"""The canned bodies the loopback server answers, shared with the parsing benchmark.

They have the documented shapes (docs/api.md, tests/conformance/responses): numbers and dates
travel as strings, as Hoiio sent them.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

APP_ID = "AP-BENCH"
ACCESS_TOKEN = "bench-token-0123456789"

#: sms/send: the documented example, verbatim.
SMS_SEND = '{"txn_ref":"AA-S-141147","status":"success_ok"}'

#: voice/query_status: the documented example (hoiio-api-part1.md 3.7), verbatim.
VOICE_STATUS = (
    '{\n    "status":"success_ok",\n    "txn_ref":"AA-S-141147",\n    "tag":"id_1",\n'
    '    "dest1":"+6511111111",\n    "dest2":"+6522222222",\n    "call_status_dest1":"answered",\n'
    '    "call_status_dest2":"answered",\n    "date":"2010-01-01 10:10:00",\n    "duration":"7",\n'
    '    "currency":"SGD",\n    "rate":"0.020",\n    "debit":"0.140"\n}'
)

STATUSES = ("delivered", "delivered", "delivered", "queued", "failed", "received")


def history_entries(count: int = 100, start: int = 0) -> List[Dict[str, Any]]:
    """``count`` varied SMS records in the sms/get_history entry shape."""
    out = []
    for i in range(start, start + count):
        parts = 1 + i % 3
        out.append(
            {
                "txn_ref": f"AA-S-{141147 + i}",
                "tag": f"order-{i}",
                "sms_status": STATUSES[i % len(STATUSES)],
                "src": "+6590000000",
                "dest": f"+65{81000000 + i * 37 % 9000000}",
                "date": f"2012-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}",
                "split_count": str(parts),
                "msg": f"Your code is {100000 + i * 7919 % 900000}. It expires in 10 minutes.",
                "currency": "SGD",
                "rate": "0.038",
                "debit": f"{0.038 * parts:.3f}",
            }
        )
    return out


def history_page(count: int = 100, total: int = 1000) -> str:
    """A sms/get_history body with ``count`` entries (one full page) of ``total``."""
    body = {
        "status": "success_ok",
        "entries_count": str(count),
        "total_entries_count": str(total),
        "entries": history_entries(count),
    }
    return json.dumps(body, separators=(",", ":"))


#: What the loopback server answers, by request path.
ROUTES: Dict[str, str] = {
    "/open/sms/send": SMS_SEND,
    "/open/voice/query_status": VOICE_STATUS,
    "/open/sms/get_history": history_page(),
    "/open/sms/bulk_send": '{"status":"success_ok","bulk_txn_ref":"AA-B-141147"}',
}
