"""Auto-paging: iterate over every entry of a paginated endpoint, one page in memory at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Generic, Iterator, List, Mapping, Optional, Sequence, TypeVar

from ..exceptions import MalformedResponseError, ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from .client import Service
    from .params import Method

E = TypeVar("E")


class Pager(Generic[E]):
    """An iterable over the entries of every page, fetched lazily as the iteration needs them.

    ``total`` is the endpoint's total count (known once the first page is fetched), ``pages``
    how many pages were fetched so far, and ``last_response`` the last page's response. A page
    that answers an error raises its APIError, as any call does; with a client made with
    ``raise_on_error=False`` (the ``Hoiio`` facade's), iteration stops early instead, without
    raising: check ``last_response.status``.

    A server that pages without end cannot hold the iteration: a page that repeats an earlier
    one, more entries than the first page's total count allows, or entries that are not a list
    raise a :class:`hoiio.MalformedResponseError`.
    """

    def __init__(self, service: "Service", method: "Method[Any]", values: Sequence[Any], options: Mapping[str, Any], limit: Optional[int]) -> None:
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

    def __iter__(self) -> Iterator[E]:
        yielded = 0
        page = 1
        seen = set()
        first_total: Optional[int] = None
        while self._limit is None or yielded < self._limit:
            values = list(self._values)
            values[self._page_index] = page
            res = self._service._call(self._method, values, self._options)
            self.last_response = res
            self.pages += 1
            if not res.is_success():
                return
            total = getattr(res, self._total_field, None)
            if isinstance(total, int) and not isinstance(total, bool):
                self.total = total
                if first_total is None:
                    first_total = total
            entries = getattr(res, self._items, None)
            if entries is None:
                entries = []
            if not isinstance(entries, (list, tuple)):
                self._runaway(res, f"its {self._items!r} is {type(entries).__name__}, not a list of entries")
            fingerprint = hash(repr([getattr(e, "_data", e) for e in entries]))
            if entries and fingerprint in seen:
                self._runaway(res, f"page {page} repeats an earlier page")
            seen.add(fingerprint)
            if first_total is not None and yielded + len(entries) > first_total:
                self._runaway(res, f"page {page} takes the entries past the total of {first_total} the first page gave")
            for entry in entries:
                if self._limit is not None and yielded >= self._limit:
                    return
                yielded += 1
                yield entry
            del res
            if len(entries) < self._page_size or (self.total is not None and page * self._page_size >= self.total):
                return
            page += 1

    def _runaway(self, res: Any, why: str) -> None:
        raise MalformedResponseError(
            f"{self._method.name}: stopped paging after {self.pages} pages: {why}; the server's paging cannot be trusted",
            http_status=getattr(getattr(res, "response", None), "status_code", None),
            body=getattr(res, "text", "") or "",
            response=getattr(res, "response", None),
        )

    def __repr__(self) -> str:
        return f"<Pager {self._method.name} total={self.total} pages={self.pages}>"
