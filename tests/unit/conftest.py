"""Fixtures of the unit tests: a client, and `responses` mocking every request it makes."""

from __future__ import annotations

from typing import Any, Iterator

import hoiio
import pytest
import responses
from hoiio import Hoiio
from hoiio_unit_support import APP, TOKEN


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    """Every request goes to `responses`; an unregistered URL raises ConnectionError."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def client() -> Iterator[hoiio.Client]:
    """A client that returns error answers, to look at them (test_errors_raise.py: the default raises)."""
    c = hoiio.Client(APP, TOKEN, raise_on_error=False)
    c._transport._sleep = lambda s: None
    yield c
    c.close()


@pytest.fixture
def facade(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The Hoiio facade, reset before and after (it is process-wide state)."""
    for name in ("HOIIO_APP_ID", "HOIIO_ACCESS_TOKEN", "HOIIO_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    saved = (Hoiio.prefix, Hoiio._default)
    Hoiio.prefix, Hoiio._default = None, None
    yield Hoiio
    if Hoiio._default is not None:
        Hoiio._default.close()
    Hoiio.prefix, Hoiio._default = saved
