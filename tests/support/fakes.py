"""Fakes shared by the tests: a requests session that never touches the network."""

from __future__ import annotations

from typing import Any, Callable, List, Optional

import requests


class FakeSession(requests.Session):
    """Records every request and answers with ``reply(method, url, kwargs)``."""

    def __init__(self, reply: Optional[Callable[..., requests.Response]] = None) -> None:
        super().__init__()
        self.calls: List[dict] = []
        self.reply = reply or (lambda **kw: make_response(b'{"status":"success_ok"}'))

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.calls.append({"method": method, "url": url, **kwargs})
        return self.reply(method=method, url=url, **kwargs)


def make_response(body: bytes, status: int = 200, headers: Optional[dict] = None) -> requests.Response:
    res = requests.Response()
    res.status_code = status
    res._content = body
    res.headers.update(headers or {"Content-Type": "application/json"})
    res.url = "https://secure.hoiio.com/open/x"
    return res
