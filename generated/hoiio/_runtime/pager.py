"""Auto-paging: iterate over every entry of a paginated endpoint, one page in memory at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, AsyncIterator, Dict, Generic, Iterator, List, Mapping, Optional, Sequence, Set, TypeVar

from ..exceptions import MalformedResponseError, ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from .aclient import AsyncService
    from .client import Service
    from .params import Method

E = TypeVar("E")

#: How many pages an iteration fetches at most when the server gives no total count and the
#: caller set no ``max_pages`` (100,000 entries at 100 a page): then MalformedResponseError.
DEFAULT_MAX_PAGES = 1000


class _Walk:
    """Where one iteration is: the page last fetched and whether another follows, the entries
    yielded, the pages' fingerprints and the first page's total (so that a server paging
    without end cannot hold it)."""

    __slots__ = ("page", "more", "yielded", "seen", "first_total", "taken")

    def __init__(self) -> None:
        self.page = 0
        self.more = True
        self.yielded = 0
        self.seen: Set[int] = set()
        self.first_total: Optional[int] = None
        self.taken = 0


class _Paging(Generic[E]):
    """What Pager and AsyncPager share: the arguments of each page, and what a page answered
    means (its entries, and whether another page follows).

    ``total`` is the endpoint's total count (known once the first page is fetched), ``pages``
    how many pages were fetched so far, and ``last_response`` the last page's response. A page
    that answers an error raises its APIError, as any call does; with a client made with
    ``raise_on_error=False`` (the ``Hoiio`` facade's), iteration stops early instead, without
    raising: check ``last_response.status``.

    ``limit`` stops the iteration quietly after that many entries, ``max_pages`` after that many
    pages (both None by default: no bound of the caller's).

    A server that pages without end cannot hold the iteration: a page that repeats an earlier
    one, more entries than the first page's total count allows, or entries that are not a list
    raise a :class:`hoiio.MalformedResponseError`; so does a server that gives no total count
    and keeps answering full pages, once DEFAULT_MAX_PAGES (1,000) pages are read, unless the
    caller set ``max_pages`` (a server claiming a huge total is bounded by ``max_pages`` only).
    """

    def __init__(
        self, service: Service | AsyncService, method: "Method[Any]", values: Sequence[Any], options: Mapping[str, Any], limit: Optional[int],
        max_pages: Optional[int] = None,
    ) -> None:  # fmt: skip
        problems = [
            f"{name}: {value!r} is not valid; expected an integer >= 0 (or None: no bound)"
            for name, value in (("limit", limit), ("max_pages", max_pages))
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0)
        ]
        if problems:
            raise ValidationError(problems, method.name)
        paginated = method.endpoint.paginated or {}
        self._service = service
        self._method = method
        self._values: List[Any] = list(values)
        self._options: Dict[str, Any] = dict(options)
        self._limit = limit
        self._max_pages = max_pages
        self._page_index = next(i for i, p in enumerate(method.params) if p.wire == paginated["page_param"])
        self._items: str = paginated["items"]
        self._total_field: str = paginated["total"]
        self._page_size: int = paginated["page_size"]
        self.total: Optional[int] = None
        self.pages = 0
        self.last_response: Any = None

    def _fetch(self, walk: _Walk) -> bool:
        """Whether to fetch another page (number ``walk.page``): not after the last page, the
        caller's ``limit`` or ``max_pages``; past DEFAULT_MAX_PAGES without a total count (and
        no ``max_pages``), a runaway."""
        if not walk.more or (self._limit is not None and walk.yielded >= self._limit):
            return False
        walk.page += 1
        if self._max_pages is not None:
            return walk.page <= self._max_pages
        if walk.page > DEFAULT_MAX_PAGES and walk.first_total is None:
            self._runaway(
                self.last_response,
                f"the server gave no total count and still had more after {DEFAULT_MAX_PAGES} full pages "
                "(pass max_pages= to read further)",
            )
        return True

    def _page_values(self, page: int) -> List[Any]:
        values = list(self._values)
        values[self._page_index] = page
        return values

    def _take(self, res: Any, walk: _Walk) -> List[E]:
        """The entries of a page's response to yield (up to the caller's ``limit``); sets
        ``walk.more``, whether another page follows."""
        self.last_response = res
        self.pages += 1
        page = walk.page
        walk.more = False
        if not res.is_success():
            return []
        total = getattr(res, self._total_field, None)
        if isinstance(total, int) and not isinstance(total, bool):
            self.total = total
            if walk.first_total is None:
                walk.first_total = total
        entries = getattr(res, self._items, None)
        if entries is None:
            entries = []
        if not isinstance(entries, (list, tuple)):
            self._runaway(res, f"its {self._items!r} is {type(entries).__name__}, not a list of entries")
        fingerprint = hash(repr([getattr(e, "_data", e) for e in entries]))
        if entries and fingerprint in walk.seen:
            self._runaway(res, f"page {page} repeats an earlier page")
        walk.seen.add(fingerprint)
        walk.taken += len(entries)
        if walk.first_total is not None and walk.taken > walk.first_total:
            self._runaway(res, f"page {page} takes the entries past the total of {walk.first_total} the first page gave")
        walk.more = not (len(entries) < self._page_size or (self.total is not None and page * self._page_size >= self.total))
        taken = list(entries) if self._limit is None else list(entries[: self._limit - walk.yielded])
        walk.yielded += len(taken)
        return taken

    def _runaway(self, res: Any, why: str) -> None:
        raise MalformedResponseError(
            f"{self._method.name}: stopped paging after {self.pages} pages: {why}; the server's paging cannot be trusted",
            http_status=getattr(getattr(res, "response", None), "status_code", None),
            body=getattr(res, "text", "") or "",
            response=getattr(res, "response", None),
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._method.name} total={self.total} pages={self.pages}>"


class Pager(_Paging[E]):
    """An iterable over the entries of every page, fetched lazily as the iteration needs them
    (see :class:`_Paging` for ``total``, ``pages``, ``last_response`` and errors)."""

    def __iter__(self) -> Iterator[E]:
        walk = _Walk()
        while self._fetch(walk):
            yield from self._take(self._service._call(self._method, self._page_values(walk.page), self._options), walk)


class AsyncPager(_Paging[E]):
    """The async twin of :class:`Pager`: ``async for entry in client.sms.history_iter()``,
    one page in memory at a time, with the same ``total``, ``pages`` and ``last_response``."""

    async def __aiter__(self) -> AsyncIterator[E]:
        walk = _Walk()
        while self._fetch(walk):
            for entry in self._take(await self._service._call(self._method, self._page_values(walk.page), self._options), walk):
                yield entry
