"""An IVR menu on asyncio: a Starlette app (the same code runs under FastAPI) that receives
Hoiio's notifications and answers each with the next IVR block through ``hoiio.AsyncClient``,
without blocking its event loop.

    caller dials your Hoiio Number  -> Hoiio POSTs the incoming call to the number's forward_to (this app)
    app: await client.ivr.gather("Press 1 for sales, 2 to hear our opening hours")
    caller presses 1                -> app: await client.ivr.transfer(sales)
    caller presses anything else    -> app: await client.ivr.hangup("We are open ...")

Every notification's X-Hoiio-Signature is checked (``notifications.from_starlette``); a forged
one is answered 403, a request that is not a notification 400.

Try it against the local sandbox (``pip install 'hoiio[async]' starlette uvicorn``):

    make sandbox                                   # 1: prints HOIIO_BASE_URL and the credentials
    export HOIIO_BASE_URL=http://127.0.0.1:8765/open/ HOIIO_APP_ID=AP-SANDBOX HOIIO_ACCESS_TOKEN=sandbox-access-token
    .venv/bin/python examples/async_ivr.py --number NUMBER --sales +6561110101   # 2: serves on :8080
    .venv/bin/hoiio sandbox incoming-call --to NUMBER --from +6591234567        # 3: a call...
    .venv/bin/hoiio sandbox press 1 && .venv/bin/hoiio sandbox advance 5        # ...presses 1

(``--subscribe`` instead of ``--number`` buys a number first; ``--port``, ``--public-url`` as in
examples/auto_attendant.py.)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from typing import Any, AsyncIterator, List, Optional, Sequence

try:
    import hoiio
    from hoiio import notifications
    from hoiio.flow import Msg
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route
except ImportError as exc:  # pragma: no cover - run before `make setup`
    sys.exit(f"{exc}: pip install 'hoiio[async]' starlette uvicorn (or run `make setup`)")

log = logging.getLogger("async_ivr")

MENU = Msg.text("Welcome. Press 1 for sales, or 2 to hear our opening hours.")
HOURS = Msg.text("We are open from nine to six, Monday to Friday. Goodbye.")
CONNECTING = Msg.text("Connecting you to sales.")


class AsyncMenu:
    """Answers a Hoiio Number's calls: ``handle`` takes each notification and awaits the next
    IVR block; ``app()`` is the Starlette application that receives them at ``public_url``."""

    def __init__(self, client: hoiio.AsyncClient, access_token: str, sales: str, public_url: str = "") -> None:
        self.client = client
        self.access_token = access_token
        self.sales = sales
        self.public_url = public_url
        self.answered: List[str] = []  # the blocks sent, as "session block"

    async def handle(self, note: Any) -> None:
        if not isinstance(note, notifications.IvrNotification) or note.call_state == "ended":
            return
        session = note.session or ""
        if isinstance(note, notifications.IncomingCallNotification):
            res: Any = await self.client.ivr.gather(session, msg=MENU, max_digits=1, timeout=8, notify_url=self.public_url)
            block = "gather"
        elif isinstance(note, notifications.GatherNotification) and note.digits == "1":
            res = await self.client.ivr.transfer(session, self.sales, msg=CONNECTING, notify_url=self.public_url)
            block = "transfer"
        elif isinstance(note, notifications.GatherNotification):
            res = await self.client.ivr.hangup(session, msg=HOURS, notify_url=self.public_url)
            block = "hangup"
        else:
            return
        if not res.is_success():  # such as error_session_ended: the caller hung up meanwhile
            log.warning("%s: %s answered %s", session, block, res.status)
        self.answered.append(f"{session} {block}")

    async def receive(self, request: Request) -> Response:
        try:
            note = await notifications.from_starlette(request, access_token=self.access_token)
        except notifications.SignatureError as exc:
            return PlainTextResponse(str(exc), status_code=403)
        except notifications.NotificationError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        await self.handle(note)
        return PlainTextResponse("ok")

    def app(self, *, close_client: bool = False) -> Starlette:
        """The web app: every path takes notifications. With ``close_client``, the client is
        closed when the app shuts down."""

        @contextlib.asynccontextmanager
        async def lifespan(app: Starlette) -> AsyncIterator[None]:
            yield
            if close_client:
                await self.client.aclose()

        return Starlette(routes=[Route("/{path:path}", self.receive, methods=["POST"])], lifespan=lifespan)


async def prepare_number(client: hoiio.AsyncClient, number: Optional[str], url: str) -> str:
    """The number to answer (buying the first Singapore number for sale if none is given),
    with its incoming calls forwarded to ``url``."""
    if not number:
        choices = await client.number.available_numbers("SG")
        choices.raise_for_status()
        if not choices.entries:
            raise SystemExit("no number is for sale")
        number = str(choices.entries[0].number)
        (await client.number.subscribe(number, "1")).raise_for_status()
    (await client.number.configure(number, forward_to=url, mode="voice")).raise_for_status()
    return number


def main(argv: Optional[Sequence[str]] = None) -> int:  # pragma: no cover - a command-line entry
    import uvicorn

    env = os.environ.get
    p = argparse.ArgumentParser(description="An async IVR menu on a Hoiio Number (see the top of this file).")
    p.add_argument("--number", default=env("MENU_NUMBER"), help="the Hoiio Number to answer")
    p.add_argument("--subscribe", action="store_true", help="subscribe a Singapore number first (costs money on the real API)")
    p.add_argument("--sales", default=env("MENU_SALES"), required=env("MENU_SALES") is None, help="where 1 goes")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--public-url", default="", help="the URL Hoiio reaches this app at (default http://HOST:PORT/)")
    args = p.parse_args(argv)
    if not args.number and not args.subscribe:
        p.error("missing --number (or --subscribe)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    token = env("HOIIO_ACCESS_TOKEN")
    if not token:
        p.error("set HOIIO_APP_ID and HOIIO_ACCESS_TOKEN (and HOIIO_BASE_URL for the sandbox)")
    client = hoiio.AsyncClient()  # HOIIO_APP_ID, HOIIO_ACCESS_TOKEN, HOIIO_BASE_URL
    menu = AsyncMenu(client, token, args.sales, args.public_url or f"http://{args.host}:{args.port}/")
    number = asyncio.run(_prepare(menu, args.number))
    log.info("answering %s at %s; Ctrl-C stops", number, menu.public_url)
    uvicorn.run(menu.app(close_client=True), host=args.host, port=args.port, log_level="warning")
    return 0


async def _prepare(menu: AsyncMenu, number: Optional[str]) -> str:  # pragma: no cover
    async with hoiio.AsyncClient() as setup:
        return await prepare_number(setup, number, menu.public_url)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
