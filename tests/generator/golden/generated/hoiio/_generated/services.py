# Generated from spec/api.yaml by `make generate`; do not edit.
"""The service attributes of the clients, one per group of the spec and per alias:
``hoiio.Client``'s (``ClientServices``) and ``hoiio.AsyncClient``'s (``AsyncClientServices``),
each made on first use (its module imported then) and kept; and how the ``Hoiio`` facade's are
typed (``FacadeServices``, which the metaclass of ``Hoiio`` inherits)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # pragma: no cover
    from .._runtime.aclient import AsyncClient
    from .._runtime.client import Client
    from ..service.demo import AsyncDemo, Demo, DemoFacade


class ClientServices:
    """The service attributes of ``hoiio.Client``, each made on first use."""

    @cached_property
    def demo(self) -> Demo:
        from ..service.demo import Demo

        return Demo(cast("Client", self))

    @property
    def dm(self) -> Demo:
        return self.demo


class AsyncClientServices:
    """The service attributes of ``hoiio.AsyncClient``, each made on first use."""

    @cached_property
    def demo(self) -> AsyncDemo:
        from ..service.demo import AsyncDemo

        return AsyncDemo(cast("AsyncClient", self))

    @property
    def dm(self) -> AsyncDemo:
        return self.demo


class FacadeServices:
    """The services of the ``Hoiio`` facade (``Hoiio.sms`` and the like): the metaclass of
    ``Hoiio`` inherits them."""

    __slots__ = ()

    if TYPE_CHECKING:
        demo: DemoFacade
        dm: DemoFacade
