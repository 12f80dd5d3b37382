"""Auto-paging: iterate over every entry of a paginated endpoint, one page in memory at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, AsyncIterator, Dict, Generic, Iterator, List, Mapping, Optional, Sequence, Tuple, TypeVar

from ..exceptions import ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from .aclient import AsyncService
    from .client import Service
    from .params import Method

E = TypeVar("E")


class _Paging(Generic[E]):
    """What Pager and AsyncPager share: the arguments of each page, and what a page answered
    means (its entries, and whether another page follows)."""

    def __init__(self, service: Any, method: "Method[Any]", values: Sequence[Any], options: Mapping[str, Any], limit: Optional[int]) -> None:
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise ValidationError([f"limit: {limit!r} is not valid; expected an integer >= 0"], method.name)
        paginated = method.endpoint.paginated or {}
        self._service = service
        self._method = method
        self._values: List[Any] = list(values)
        self._options: Dict[str, Any] = dict(options)
        self._limit = limit
        self._page_index = next(i for i, p in enumerate(method.params) if p.wire == paginated["page_param"])
        self._items: str = paginated["items"]
        self._total_field: str = paginated["total"]
        self._page_size: int = paginated["page_size"]
        self.total: Optional[int] = None
        self.pages = 0
        self.last_response: Any = None

    def _wants_more(self, yielded: int) -> bool:
        return self._limit is None or yielded < self._limit

    def _page_values(self, page: int) -> List[Any]:
        values = list(self._values)
        values[self._page_index] = page
        return values

    def _take(self, res: Any, page: int) -> Tuple[List[E], bool]:
        """The entries of a page's response, and whether another page follows."""
        self.last_response = res
        self.pages += 1
        if not res.is_success():
            return [], False
        total = getattr(res, self._total_field, None)
        if isinstance(total, int):
            self.total = total
        entries: List[E] = list(getattr(res, self._items, None) or [])
        more = not (len(entries) < self._page_size or (self.total is not None and page * self._page_size >= self.total))
        return entries, more

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._method.name} total={self.total} pages={self.pages}>"


class Pager(_Paging[E]):
    """An iterable over the entries of every page, fetched lazily as the iteration needs them.

    ``total`` is the endpoint's total count (known once the first page is fetched), ``pages``
    how many pages were fetched so far, and ``last_response`` the last page's response (check
    its ``status``: iteration stops early, without raising, when a page answers an error,
    unless the client raises on errors).
    """

    def __init__(self, service: "Service", method: "Method[Any]", values: Sequence[Any], options: Mapping[str, Any], limit: Optional[int]) -> None:
        super().__init__(service, method, values, options, limit)

    def __iter__(self) -> Iterator[E]:
        yielded = 0
        page = 1
        while self._wants_more(yielded):
            entries, more = self._take(self._service._call(self._method, self._page_values(page), self._options), page)
            for entry in entries:
                if not self._wants_more(yielded):
                    return
                yielded += 1
                yield entry
            if not more:
                return
            page += 1


class AsyncPager(_Paging[E]):
    """The async twin of :class:`Pager`: ``async for entry in client.sms.history_iter()``,
    one page in memory at a time, with the same ``total``, ``pages`` and ``last_response``."""

    def __init__(self, service: "AsyncService", method: "Method[Any]", values: Sequence[Any], options: Mapping[str, Any], limit: Optional[int]) -> None:
        super().__init__(service, method, values, options, limit)

    async def __aiter__(self) -> AsyncIterator[E]:
        yielded = 0
        page = 1
        while self._wants_more(yielded):
            entries, more = self._take(await self._service._call(self._method, self._page_values(page), self._options), page)
            for entry in entries:
                if not self._wants_more(yielded):
                    return
                yielded += 1
                yield entry
            if not more:
                return
            page += 1
