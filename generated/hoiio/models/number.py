# Generated from spec/number.yaml by `make generate`; do not edit.
"""Response and entry models of the number service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response

__all__ = [
    "State",
    "Country",
    "AvailableNumber",
    "NumberRate",
    "ActiveNumber",
    "UncheckedCountriesResponse",
    "CountriesResponse",
    "UncheckedAvailableNumbersResponse",
    "AvailableNumbersResponse",
    "UncheckedNumberRatesResponse",
    "NumberRatesResponse",
    "UncheckedSubscribeResponse",
    "SubscribeResponse",
    "UncheckedConfigureResponse",
    "ConfigureResponse",
    "UncheckedActiveNumbersResponse",
    "ActiveNumbersResponse",
]


class State(Model):
    """A state of a country whose numbers are sold by state.

    code (str, always present): ISO 3166-2 state code, such as AL.
    name (str, always present): State name.
    capability (list of str): What numbers there can do: VOICE, FAX, SMS.
    """

    code: str
    name: str
    capability: List[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "code": C.to_str,
        "name": C.to_str,
        "capability": C.str_list,
    }


class Country(Model):
    """A country with Hoiio Numbers for sale.

    code (str, always present): ISO 3166-1 alpha-2 country code.
    name (str, always present): Country name.
    prefix (str): Calling code, without "+".
    states (list of State): The states to choose from, where numbers are sold by state (else empty).
    """

    code: str
    name: str
    prefix: Optional[str]
    states: List[State]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "code": C.to_str,
        "name": C.to_str,
        "prefix": C.to_str,
        "states": C.entries(State),
    }


class AvailableNumber(Model):
    """A number for sale (the wire gives either an object or the bare number).

    number (str, always present): The number (E.164).
    capability (list of str): What it can do: VOICE, FAX, SMS.
    """

    number: str
    capability: List[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "number": C.to_str,
        "capability": C.str_list,
    }
    _FROM_STRING: ClassVar[Optional[str]] = "number"


class NumberRate(Model):
    """The price of a subscription period.

    duration (int, always present): Period in months.
    rate (float, always present): Price of the whole period.
    """

    duration: int
    rate: float
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "duration": C.to_int,
        "rate": C.to_float,
    }


class ActiveNumber(Model):
    """One of your Hoiio Numbers.

    number (str, always present): The number (E.164).
    forward_to (str): URL notified of incoming calls or faxes.
    forward_sms_to (str): URL notified of incoming SMS.
    mode (str): voice or fax.
    expiry (date): Last day of the subscription (GMT+8).
    auto_extend_status (bool (enabled/disabled)): True when the subscription renews itself (the original SDK had this inverted).
    country (str): ISO 3166-1 alpha-2 country code.
    state (str): ISO 3166-2 state code, or empty.
    capabilities (list of str): What it can do: VOICE, FAX, SMS.
    """

    number: str
    forward_to: Optional[str]
    forward_sms_to: Optional[str]
    mode: Optional[str]
    expiry: Optional[datetime.date]
    auto_extend_status: Optional[bool]
    country: Optional[str]
    state: Optional[str]
    capabilities: List[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "number": C.to_str,
        "forward_to": C.to_str,
        "forward_sms_to": C.to_str,
        "mode": C.to_str,
        "expiry": C.parse_date,
        "auto_extend_status": C.enabled,
        "country": C.to_str,
        "state": C.to_str,
        "capabilities": C.str_list,
    }


class UncheckedCountriesResponse(Response):
    """Countries (and states) with Hoiio Numbers for sale: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`CountriesResponse`.
    """

    entries_count: Optional[int]
    entries: List[Country]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "entries": C.entries(Country),
    }


class CountriesResponse(UncheckedCountriesResponse):
    """Countries (and states) with Hoiio Numbers for sale. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    entries_count (int, always present): Number of entries in this page.
    entries (list of Country, always present): The countries.
    """

    entries_count: int


class UncheckedAvailableNumbersResponse(Response):
    """Numbers for sale in a country (and state), 20 a page: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`AvailableNumbersResponse`.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: List[AvailableNumber]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(AvailableNumber),
    }


class AvailableNumbersResponse(UncheckedAvailableNumbersResponse):
    """Numbers for sale in a country (and state), 20 a page. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    entries_count (int, always present): Number of entries in this page.
    total_entries_count (int): Numbers available in all.
    entries (list of AvailableNumber, always present): The numbers of this page.
    """

    entries_count: int


class UncheckedNumberRatesResponse(Response):
    """Subscription prices for a country's numbers: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`NumberRatesResponse`.
    """

    currency: Optional[str]
    entries_count: Optional[int]
    entries: List[NumberRate]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "currency": C.to_str,
        "entries_count": C.to_int,
        "entries": C.entries(NumberRate),
    }


class NumberRatesResponse(UncheckedNumberRatesResponse):
    """Subscription prices for a country's numbers. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    currency (str, always present): Currency code of the account, such as SGD or USD.
    entries_count (int, always present): Number of entries in this page.
    entries (list of NumberRate, always present): One price per subscription period.
    """

    currency: str
    entries_count: int


class UncheckedSubscribeResponse(Response):
    """Subscribe to a number, or extend one you have: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`SubscribeResponse`.
    """

    debit: Optional[float]
    currency: Optional[str]
    expiry: Optional[datetime.date]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "debit": C.to_float,
        "currency": C.to_str,
        "expiry": C.parse_date,
    }


class SubscribeResponse(UncheckedSubscribeResponse):
    """Subscribe to a number, or extend one you have. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    debit (float, always present): Amount charged.
    currency (str, always present): Currency code of the account, such as SGD or USD.
    expiry (date, always present): Last day of the subscription (GMT+8).
    """

    debit: float
    currency: str
    expiry: datetime.date


class UncheckedConfigureResponse(Response):
    """Set the URLs notified of a number's incoming calls, faxes and SMS: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`ConfigureResponse`.
    """

    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
    }


class ConfigureResponse(UncheckedConfigureResponse):
    """Set the URLs notified of a number's incoming calls, faxes and SMS. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    """


class UncheckedActiveNumbersResponse(Response):
    """Your subscribed Hoiio Numbers: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`ActiveNumbersResponse`.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: List[ActiveNumber]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(ActiveNumber),
    }


class ActiveNumbersResponse(UncheckedActiveNumbersResponse):
    """Your subscribed Hoiio Numbers. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    entries_count (int, always present): Number of entries in this page.
    total_entries_count (int): Number of entries in the whole period.
    entries (list of ActiveNumber, always present): Your numbers.
    """

    entries_count: int
