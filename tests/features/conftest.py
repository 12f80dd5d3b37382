"""Fixtures of the feature tests: a client whose session never touches the network, and a
self-signed certificate for the TLS tests over real sockets."""

from __future__ import annotations

import os

import hoiio
import pytest
from support.fakes import FakeSession
from support.hostile import Certificate, tempdir


@pytest.fixture(scope="session")
def cert() -> Certificate:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    if not Certificate.available():
        if os.environ.get("CI") == "true":
            pytest.fail("the openssl command is needed for the TLS tests")
        pytest.skip("the openssl command is not installed")
    return Certificate(tempdir())


@pytest.fixture
def fake() -> FakeSession:
    return FakeSession()


@pytest.fixture
def client(fake: FakeSession) -> hoiio.Client:
    c = hoiio.Client("APP", "SECRET-TOKEN-123", session=fake, max_retries=0)
    c._transport._sleep = lambda s: None
    return c
