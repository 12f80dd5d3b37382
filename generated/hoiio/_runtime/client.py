"""The client: configuration, the service attributes (loaded on first use) and the one call path
every generated method goes through."""

from __future__ import annotations

import threading
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, TypeVar
from urllib.parse import urlsplit

from .. import __version__
from .._generated.services import ClientServices
from ..exceptions import ValidationError, api_error_class
from . import rules
from .params import Method
from .phone import PhoneError, clean_prefix
from .settings import check_settings, requests_accepts
from .status import lookup, succeeded
from .transport import Transport
from .types import Timeout

M = TypeVar("M")

#: The User-Agent of both clients' requests.
USER_AGENT = f"hoiio-python/{__version__}"


class Service:
    """Base of the generated service classes (``client.sms``, ``client.voice``, ...)."""

    def __init__(self, client: "Client") -> None:
        self._client = client

    def _call(self, method: "Method[M]", values: Sequence[Any], options: Mapping[str, Any]) -> M:
        return self._client._call(method, values, options)

    # The original SDK's services carried the credentials (``Hoiio.voice.app_id``); they are
    # read from the client, so they are in no repr, no log line and no pickle.
    @property
    def app_id(self) -> Optional[str]:
        """The client's application ID (the original SDK's ``service.app_id``)."""
        return self._client.app_id

    @property
    def access_token(self) -> Optional[str]:
        """The client's access token (the original SDK's ``service.access_token``)."""
        return self._client._access_token

    def __repr__(self) -> str:
        return f"<{type(self).__name__} service of {self._client!r}>"


class BaseClient:
    """What :class:`Client` and :class:`hoiio.AsyncClient` share: the configuration (credentials,
    environment, base URL, prefix), the service attributes, and the steps around the transport
    call (checking the arguments and building the form; making the typed result)."""

    #: The public name of the client (in error messages).
    _NAME = "Client"
    #: Whether the client sends through requests (whose own checks of a URL its base URL passes).
    _REQUESTS = True

    def _configure(
        self,
        app_id: Optional[str],
        access_token: Optional[str],
        *,
        base_url: Optional[str],
        prefix: Optional[str],
        raise_on_error: bool,
        pool_size: int,
        allow_http: bool,
        **settings: Any,
    ) -> rules.Settings:
        """Set the shared configuration, checked (a ValidationError, in this order: credentials
        and base URL, prefix, pool_size, then the transport's ``settings``, the keyword arguments
        of :class:`.rules.Settings`, which checks them); return those settings."""
        requestable = requests_accepts if self._REQUESTS else None
        self.app_id, self._access_token, self.base_url = check_settings(self._NAME, app_id, access_token, base_url, allow_http, requestable)
        self._prefix = _prefix(prefix)
        self.raise_on_error = raise_on_error
        if isinstance(pool_size, bool) or not isinstance(pool_size, int) or pool_size < 1:
            raise ValidationError([f"pool_size: {pool_size!r} is not valid; expected an integer >= 1"], self._NAME)
        self._lock = threading.Lock()
        self._settings = rules.Settings(where=self._NAME, **settings)
        return self._settings

    _transport: Any

    @property
    def prefix(self) -> Optional[str]:
        """Country calling code added to numbers without "+", or None."""
        return self._prefix

    @prefix.setter
    def prefix(self, value: Optional[str]) -> None:
        self._prefix = _prefix(value)

    @property
    def timeout(self) -> Any:
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        return self._settings.max_retries

    @property
    def retry_budget(self) -> Any:
        return self._settings.budget

    @property
    def auto_tag(self) -> bool:
        """Whether every call that costs money or changes state gets a unique tag."""
        return bool(self._settings.auto_tag)

    def _prepare(
        self, method: "Method[Any]", values: Sequence[Any], options: Mapping[str, Any]
    ) -> Tuple[Dict[str, str], Optional[Dict[str, Any]], Dict[str, Any], Tuple[str, str]]:
        """Check the arguments; return what the transport sends: (form, files, call options,
        credentials). The transport adds the credentials and the auto tag to the request."""
        prefix = self._prefix if type(self).prefix is _OWN_PREFIX else self.prefix  # (the facade's is Hoiio.prefix)
        form, files, call = method.build(values, options, prefix)
        if call:  # per-call credentials override the client's
            app_id = call.pop("app_id", None) or self.app_id
            token = call.pop("access_token", None) or self._access_token
        else:
            app_id, token = self.app_id, self._access_token
        if not app_id or not token:
            missing = [n for n, v in (("app_id", app_id), ("access_token", token)) if not v]
            raise ValidationError(
                [f"{n} is not set; pass it to hoiio.{self._NAME}(...) or Hoiio.init(...), or set HOIIO_{n.upper()}" for n in missing],
                method.name,
            )
        return form, files, call, (app_id, token)

    def _result(self, method: "Method[M]", data: Dict[str, Any], text: str, http: Any) -> M:
        """The typed response of what the transport returned (raising on an error status if asked)."""
        model: Any = method.model
        result = model._answer(data, text, http, method.name)
        if not succeeded(data):
            if getattr(http, "status_code", None) == 404 and not urlsplit(self.base_url).path.endswith("/open/"):
                raise wrong_base_url(self.base_url, result, method.name)  # raise_on_error or not: nothing reached Hoiio's API
            if self.raise_on_error:
                result.raise_for_status()
        return result  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(app_id={self.app_id!r}, base_url={self.base_url!r}, prefix={self.prefix!r})"

    def __getstate__(self) -> Any:
        raise TypeError(f"a hoiio.{self._NAME} cannot be pickled (it holds credentials and connections)")


_OWN_PREFIX = BaseClient.prefix


class Client(BaseClient, ClientServices):
    """A Hoiio API client. Safe to share between threads; use it as a context manager to close
    its connections.

    Credentials and the base URL default to the environment: HOIIO_APP_ID, HOIIO_ACCESS_TOKEN,
    HOIIO_BASE_URL. ``prefix`` (such as "65") completes numbers given without "+".
    ``timeout`` is seconds, or a (connect, read) pair; the default is (5, 30).
    An error status raises its :class:`hoiio.APIError` subclass (AuthenticationError,
    InsufficientCreditError, InvalidRequestError, NotFoundError, RateLimitError, ...), so what a
    method returns is a success; ``raise_on_error=False`` returns error answers instead (test
    ``is_success()``; the fields typed as always present are then None on an error). With ``auto_tag=True`` every call that costs money or changes state and
    takes a ``tag`` gets a unique one unless you give your own, so that an outcome left
    unknown by a network failure can be looked up (``TransportError.tag``). Only https base URLs are accepted, except on loopback addresses (a local
    sandbox), unless ``allow_http=True``.
    ``deadline`` bounds every call's total time, retries included (seconds, default 60);
    ``max_response_size`` caps an answer's decompressed size (bytes, default 4 MiB).
    """

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
        session: Any = None,
        deadline: Optional[float] = None,
        max_response_size: Optional[int] = None,
    ) -> None:
        settings = self._configure(
            app_id, access_token, base_url=base_url, prefix=prefix, raise_on_error=raise_on_error, pool_size=pool_size,
            allow_http=allow_http, timeout=timeout, max_retries=max_retries, deadline=deadline,
            max_response_size=max_response_size, log_sensitive=log_sensitive, auto_tag=auto_tag,
        )  # fmt: skip
        self._transport = Transport(self.base_url, settings, session=session, pool_size=pool_size, user_agent=USER_AGENT)

    def _call(self, method: "Method[M]", values: Sequence[Any], options: Mapping[str, Any]) -> M:
        form, files, call, credentials = self._prepare(method, values, options)
        data, text, http = self._transport.send(method.name, method.endpoint, form, files, call, credentials)
        return self._result(method, data, text, http)

    def close(self) -> None:
        """Close the client's connections."""
        self._transport.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _prefix(value: Any) -> Optional[str]:
    try:
        return clean_prefix(value)
    except PhoneError as exc:
        raise ValidationError([str(exc)], "prefix") from None


def wrong_base_url(base_url: str, result: Any, method: str) -> Exception:
    """The error for an answer of HTTP 404 (no such path) to a base URL that is not Hoiio's
    API, whose path ends in /open/."""
    status = result.status or "no status"
    parts = urlsplit(base_url)
    hint = (
        f"HTTP 404, no such path: base_url {base_url!r} does not end in /open/, where Hoiio's API is; "
        f"it should look like https://secure.hoiio.com/open/ (on this server: {parts.scheme}://{parts.netloc}/open/)"
    )
    error: Exception = api_error_class(lookup(status)[0])(status, result, method=method, doc=hint)
    return error
