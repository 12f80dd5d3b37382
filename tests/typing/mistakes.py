"""Typical mistakes that `mypy --strict` must report, one error on each line marked `# E:`
(tests/typing/test_typecheck.py). Never run: it is only type-checked."""

from __future__ import annotations

import hoiio
from hoiio import Hoiio

client = hoiio.Client("APP", "TOKEN")
res = client.sms.send("hi", "+6591234567", sender="ACME")  # E: unknown keyword (sender_name)
print(res.txn_reff)  # E: misspelt attribute
client.sms.history(page="2")  # E: wrong argument type (page is an int)
client.voice.call(6511111111, "+6522222222")  # E: a number where a string is expected
client.sms.send(None, "+6591234567")  # E: None where a required argument is expected
status = client.sms.status(res.txn_ref)
print(status.src.upper())  # E: src is missing in some real answers (Optional)
balance: float = Hoiio.account.balance().balance  # E: the facade's answer may be an error (None)
client.sms.send("hi", "+6591234567", request_timeout="5")  # E: wrong type of a call option
client.sms.bulk_send("hi", "+6591234567", dests=["+6598765432"])  # E: dests are positional
note: str = client.account.info().email  # E: email is not always there (Optional)
client.smss.send("hi", "+6591234567")  # E: misspelt service


def rewrite(http: hoiio.HTTPResponse) -> None:
    http.status_code = 200  # E: the async client's response is read-only
