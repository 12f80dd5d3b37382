"""Fixtures of the feature tests: a client whose session never touches the network."""

from __future__ import annotations

import hoiio
import pytest
from support.fakes import FakeSession


@pytest.fixture
def fake() -> FakeSession:
    return FakeSession()


@pytest.fixture
def client(fake: FakeSession) -> hoiio.Client:
    c = hoiio.Client("APP", "SECRET-TOKEN-123", session=fake, max_retries=0)
    c._transport._sleep = lambda s: None
    return c
