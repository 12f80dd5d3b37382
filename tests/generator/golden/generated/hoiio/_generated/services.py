# Generated from spec/api.yaml by `make generate`; do not edit.
"""The typed service attributes of the clients, one per group of the spec and per alias: what
type checkers see on ``hoiio.Client`` (``ClientServices``), ``hoiio.AsyncClient``
(``AsyncClientServices``) and the ``Hoiio`` facade (``FacadeServices``), which inherit them. At
run time each attribute is made on first use (``BaseClient.__getattr__``, from ``api.SERVICES``),
so these classes hold nothing."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..service.demo import AsyncDemo, Demo, DemoFacade


class ClientServices:
    """The service attributes of ``hoiio.Client``, created on first use."""

    __slots__ = ()

    if TYPE_CHECKING:
        demo: Demo
        dm: Demo


class AsyncClientServices:
    """The service attributes of ``hoiio.AsyncClient``, created on first use."""

    __slots__ = ()

    if TYPE_CHECKING:
        demo: AsyncDemo
        dm: AsyncDemo


class FacadeServices:
    """The services of the ``Hoiio`` facade (``Hoiio.sms`` and the like): the metaclass of
    ``Hoiio`` inherits them."""

    __slots__ = ()

    if TYPE_CHECKING:
        demo: DemoFacade
        dm: DemoFacade
