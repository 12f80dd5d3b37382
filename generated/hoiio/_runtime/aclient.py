"""The async client: ``hoiio.AsyncClient``, the twin of :class:`hoiio.Client` for asyncio.

It shares everything with the sync client but the I/O: the configuration, the argument checks
and form building (``Method.build``), the models and the errors are the very same code
(``client.BaseClient``); only the transport differs (``atransport.AsyncTransport``, on aiohttp,
imported when the first AsyncClient is made, so ``import hoiio`` never loads aiohttp).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence, TypeVar

from .._generated.services import AsyncClientServices
from ..exceptions import HoiioException, TransportError, ValidationError
from .client import USER_AGENT, BaseClient

if TYPE_CHECKING:  # pragma: no cover
    from .params import Method
    from .types import Timeout

M = TypeVar("M")


class AsyncService:
    """Base of the generated async service classes (``async_client.sms``, ...)."""

    def __init__(self, client: "AsyncClient") -> None:
        self._client = client

    async def _call(self, method: "Method[M]", values: Sequence[Any], options: Mapping[str, Any]) -> M:
        return await self._client._call(method, values, options)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} service of {self._client!r}>"


class AsyncClient(BaseClient, AsyncClientServices):
    """A Hoiio API client for asyncio: every method of :class:`hoiio.Client`, awaited.

        async with hoiio.AsyncClient("MY_APP_ID", "MY_ACCESS_TOKEN", prefix="65") as client:
            res = await client.sms.send("Hoiio World", "+6511111111")
            async for entry in client.sms.history_iter():
                print(entry.txn_ref)

    The same options and environment variables as :class:`hoiio.Client` (HOIIO_APP_ID,
    HOIIO_ACCESS_TOKEN, HOIIO_BASE_URL) and the same rules for retries, timeouts and errors.
    One client serves any number of concurrent tasks; ``pool_size`` bounds its connections.
    ``http_client`` takes an ``aiohttp.ClientSession`` of your own (as ``session`` takes a
    ``requests.Session`` on the sync client); the client's own is made in the event loop of its
    first call. ``res.response`` is a :class:`hoiio.HTTPResponse` (read-only, the token
    scrubbed). ``deadline`` bounds every call's total time, retries included (seconds, default
    60); ``max_response_size`` caps an answer's decompressed size (bytes, default 4 MiB). Close
    it with ``async with`` or ``await client.aclose()``. Needs aiohttp: ``pip install
    'hoiio[async]'``.
    """

    _NAME = "AsyncClient"
    _REQUESTS = False  # aiohttp: the base URL is checked by our own rules alone, and requests is not imported

    def __init__(
        self,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        *,
        base_url: Optional[str] = None,
        prefix: Optional[str] = None,
        timeout: Optional[Timeout] = None,
        raise_on_error: bool = True,
        max_retries: int = 2,
        pool_size: int = 10,
        allow_http: bool = False,
        log_sensitive: bool = False,
        auto_tag: bool = False,
        http_client: Any = None,
        deadline: Optional[float] = None,
        max_response_size: Optional[int] = None,
    ) -> None:
        settings = self._configure(
            app_id, access_token, base_url=base_url, prefix=prefix, raise_on_error=raise_on_error, pool_size=pool_size,
            allow_http=allow_http, timeout=timeout, max_retries=max_retries, deadline=deadline,
            max_response_size=max_response_size, log_sensitive=log_sensitive, auto_tag=auto_tag,
        )  # fmt: skip
        try:
            from .atransport import AsyncTransport
        except ImportError as exc:  # aiohttp is missing
            raise HoiioException(f"hoiio.AsyncClient needs aiohttp: pip install 'hoiio[async]' ({exc})") from None
        import aiohttp

        self._closed = False
        if http_client is not None and not isinstance(http_client, aiohttp.ClientSession):
            raise ValidationError([f"http_client: {type(http_client).__name__} is not valid; expected an aiohttp.ClientSession"], self._NAME)
        self._own_http = http_client is None  # then the transport makes its own, in the event loop of the first call
        self._transport = AsyncTransport(self.base_url, settings, client=http_client, pool_size=pool_size, user_agent=USER_AGENT)

    async def _call(self, method: "Method[M]", values: Sequence[Any], options: Mapping[str, Any]) -> M:
        form, files, call, credentials = self._prepare(method, values, options)
        if self._closed:
            raise TransportError(f"{method.name}: this AsyncClient was closed (aclose); nothing was sent. Make a new one", method=method.name)
        data, text, http = await self._transport.send(method.name, method.endpoint, form, files, call, credentials)
        return self._result(method, data, text, http)

    async def aclose(self) -> None:
        """Close the client's connections (not those of an ``http_client`` you gave); it cannot
        be used afterwards."""
        self._closed = True
        if self._own_http:
            await self._transport.aclose()

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()
