"""The control API's operations, each declared once: its request (method and path under
/_sandbox/), the handler that answers it (a method of ``control.Control``, or of
``console.Console`` for the console's two), its Python twin on ``SandboxControl``, its
``hoiio sandbox`` sub-command, and what it does.

The dispatch (``Control.routes``, ``Console.register``) routes by this table, ``SandboxControl``
sends each request by the operation's name (``SandboxControl.call``), and the Control API table
of docs/sandbox.md is this table rendered (``python -m hoiio.sandbox.operations`` prints it;
tests/sandbox/test_control_table.py fails when they differ). A new operation: a row here, its
handler, its twin in remote.py (and a sub-command in cli.py if it deserves one).
"""

from __future__ import annotations

from typing import Dict, NamedTuple, Tuple


class Operation(NamedTuple):
    #: the handler's name (a method of the owner), which also names the operation
    name: str
    method: str
    #: under /_sandbox/; a part in <...> is a variable (such a path is dispatched by its prefix)
    path: str
    #: the parameters, as the docs list them (query parameters for GET, a JSON object otherwise)
    params: str
    #: the calls of SandboxControl (and Sandbox) that make it, as the docs show them
    python: Tuple[str, ...]
    #: the ``hoiio sandbox`` sub-commands that make it
    commands: Tuple[str, ...]
    what: str
    owner: str = "control"


OPERATIONS: Tuple[Operation, ...] = (
    Operation("info", "GET", "", "", ("info()",), ("status",), "base URL, default credentials, clock"),
    Operation("reset", "POST", "reset", "", ("reset()",), ("reset",), "forget everything; the default account starts again"),
    Operation("clock", "GET", "clock", "", ("now()",), ("clock",), "the sandbox time"),
    Operation("set_clock", "POST", "clock", "frozen", ("freeze()", "unfreeze()"), ("freeze", "unfreeze"), "stop or restart the clock"),
    Operation("advance", "POST", "advance", "seconds, minutes, hours, days, wait", ("advance(seconds, minutes=, hours=, days=)",),
              ("advance SECONDS",), "move time on; everything due happens"),  # fmt: skip
    Operation("account", "GET", "account", "", ("account()",), ("balance",), "balance, points, bonus, profile"),
    Operation("set_account", "POST", "account",
              "points, bonus, currency, user_status, sms_rebrand_status, call_rebrand_status, credit_card, name, mobile_number, …",
              ("set_account(**fields)",), (), "change the account"),  # fmt: skip
    Operation("accounts", "GET", "accounts", "", ("accounts()",), (), "every account: app_id, balance, currency"),
    Operation("create_account", "POST", "accounts", "app_id, access_token, …", ("create_account()",), (),
              "another account (another application)"),  # fmt: skip
    Operation("topup", "POST", "topup", "points, bonus", ("topup(points=, bonus=)",), ("topup --points N",), "add credit (points end a trial)"),
    Operation("drain", "POST", "drain", "leave", ("drain(leave=)",), ("drain",), "empty the balance"),
    Operation("incoming_sms", "POST", "incoming/sms", "to, from, msg", ("incoming_sms(to, from_, msg)",), ("incoming-sms",),
              "an SMS to your number (pieces of 152 over 160 characters)"),  # fmt: skip
    Operation("incoming_call", "POST", "incoming/call", "to, from", ("incoming_call(to, from_)",), ("incoming-call",),
              "a call to your number: its `forward_to` gets the Answer notification; answer with any block"),  # fmt: skip
    Operation("incoming_fax", "POST", "incoming/fax", "to, from, pdf (base64), status, filename", ("incoming_fax(to, from_, pdf=, status=)",),
              ("incoming-fax",), "a fax to your number in fax mode"),  # fmt: skip
    Operation("keys", "POST", "ivr/keys", "digits, session, hangup", ("press(digits, session=, hangup=)",), ("press DIGITS",),
              "the keys pressed at the next gather (of that session, or of any); `#` ends the input"),  # fmt: skip
    Operation("press", "POST", "ivr/press", "session, digits", ("press_now(digits, session)",), (),
              "the caller presses keys now, in the session's running gather, which ends with them at once (409 when the session "
              "is not gathering)", owner="console"),  # fmt: skip
    Operation("record", "POST", "ivr/record", "seconds, hangup, session", ("script_record(seconds=, hangup=, session=)",), (),
              "how long the next recording lasts; `hangup`: the caller hangs up after it"),  # fmt: skip
    Operation("caller_hangup", "POST", "ivr/hangup", "session", ("caller_hangup(session)",), ("hangup SESSION",), "the caller hangs up now"),
    Operation("script", "POST", "script", "number, call, sms, fax, talk_seconds, clear", ("script(number, call=, sms=, fax=, talk_seconds=)",
              "clear_script(number)"), ("script NUMBER",), "how calls, SMS and faxes to a number turn out"),  # fmt: skip
    Operation("scripts", "GET", "script", "", ("scripts()",), (), "the scripts set, for debugging"),
    Operation("notifications", "GET", "notifications", "kind, after, app_id", ("notifications(kind=)",), ("notifications",),
              "what was sent: url, fields, signature, state, http_status, error"),  # fmt: skip
    Operation("wait", "POST", "notifications/wait", "timeout", ("wait_for_notifications()",), (),
              "wait until every queued notification was tried"),  # fmt: skip
    Operation("transactions", "GET", "transactions", "kind", ("transactions(kind=)",), (), "the transactions, for debugging"),
    Operation("sessions", "GET", "sessions", "", ("sessions()",), (), "the IVR sessions, for debugging (each has its `timeline`)"),
    Operation("events", "GET", "events", "", ("events()",), (), "what is due to happen, for debugging"),
    Operation("snapshot", "GET", "console", "app_id, ref, session, note, since", ("console(**params)",), (),
              "what the console shows: the latest 200 SMS, calls, faxes, sessions and notifications, numbers, charges, faults; "
              "`ref`/`session`/`note` add that one (and pick its account); with `since` equal to the current `version`, only "
              "`{version, unchanged, clock}`", owner="console"),  # fmt: skip
    Operation("add_fault", "POST", "faults", "kind, count, path, seconds, after", ("fault(kind, count, path=, seconds=, after=)",),
              ("fault KIND",), "inject a fault (below)"),  # fmt: skip
    Operation("faults", "GET", "faults", "", ("faults()",), (), "the faults waiting"),
    Operation("clear_faults", "DELETE", "faults", "", ("clear_faults()",), ("clear-faults",), "remove them"),
    Operation("file", "GET", "files/<id>/<name>", "", (), (), "a fax PDF or a recording"),
)

#: Operation name -> operation.
BY_NAME: Dict[str, Operation] = {op.name: op for op in OPERATIONS}


def doc_table() -> str:
    """The Control API table of docs/sandbox.md, one row per operation."""

    def code(items: Tuple[str, ...]) -> str:
        return ", ".join(f"`{item}`" for item in items)

    rows = ["| Request | Python | Command | What |", "|---|---|---|---|"]
    for op in OPERATIONS:
        request = f"{op.method} /_sandbox/{op.path}" + (f" {{{op.params}}}" if op.params else "")
        cells = [f"`{request}`", code(op.python), code(op.commands), op.what]
        rows.append("|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(doc_table(), end="")
