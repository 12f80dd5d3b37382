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
    "CountriesResponse",
    "AvailableNumbersResponse",
    "NumberRatesResponse",
    "SubscribeResponse",
    "ConfigureResponse",
    "ActiveNumbersResponse",
]


class State(Model):
    """A state of a country whose numbers are sold by state.

    code (str): ISO 3166-2 state code, such as AL.
    name (str): State name.
    capability (list of str): What numbers there can do: VOICE, FAX, SMS.
    """

    code: Optional[str]
    name: Optional[str]
    capability: Optional[List[str]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "code": C.to_str,
        "name": C.to_str,
        "capability": C.str_list,
    }


class Country(Model):
    """A country with Hoiio Numbers for sale.

    code (str): ISO 3166-1 alpha-2 country code.
    name (str): Country name.
    prefix (str): Calling code, without "+".
    states (list of State): The states to choose from, where numbers are sold by state (else None).
    """

    code: Optional[str]
    name: Optional[str]
    prefix: Optional[str]
    states: Optional[List[State]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "code": C.to_str,
        "name": C.to_str,
        "prefix": C.to_str,
        "states": C.entries(State),
    }


class AvailableNumber(Model):
    """A number for sale (the wire gives either an object or the bare number).

    number (str): The number (E.164).
    capability (list of str): What it can do: VOICE, FAX, SMS.
    """

    number: Optional[str]
    capability: Optional[List[str]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "number": C.to_str,
        "capability": C.str_list,
    }
    _FROM_STRING: ClassVar[Optional[str]] = "number"


class NumberRate(Model):
    """The price of a subscription period.

    duration (int): Period in months.
    rate (float): Price of the whole period.
    """

    duration: Optional[int]
    rate: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "duration": C.to_int,
        "rate": C.to_float,
    }


class ActiveNumber(Model):
    """One of your Hoiio Numbers.

    number (str): The number (E.164).
    forward_to (str): URL notified of incoming calls or faxes.
    forward_sms_to (str): URL notified of incoming SMS.
    mode (str): voice or fax.
    expiry (date): Last day of the subscription (GMT+8).
    auto_extend_status (bool (enabled/disabled)): True when the subscription renews itself (the original SDK had this inverted).
    country (str): ISO 3166-1 alpha-2 country code.
    state (str): ISO 3166-2 state code, or empty.
    capabilities (list of str): What it can do: VOICE, FAX, SMS.
    """

    number: Optional[str]
    forward_to: Optional[str]
    forward_sms_to: Optional[str]
    mode: Optional[str]
    expiry: Optional[datetime.date]
    auto_extend_status: Optional[bool]
    country: Optional[str]
    state: Optional[str]
    capabilities: Optional[List[str]]
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


class CountriesResponse(Response):
    """Countries (and states) with Hoiio Numbers for sale.

    status (str): success_ok, or the error code.
    entries_count (int): Number of entries in this page.
    entries (list of Country): The countries.
    """

    entries_count: Optional[int]
    entries: Optional[List[Country]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "entries": C.entries(Country),
    }


class AvailableNumbersResponse(Response):
    """Numbers for sale in a country (and state), 20 a page.

    status (str): success_ok, or the error code.
    entries_count (int): Number of entries in this page.
    total_entries_count (int): Numbers available in all.
    entries (list of AvailableNumber): The numbers of this page.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: Optional[List[AvailableNumber]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(AvailableNumber),
    }


class NumberRatesResponse(Response):
    """Subscription prices for a country's numbers.

    status (str): success_ok, or the error code.
    currency (str): Currency code of the account, such as SGD or USD.
    entries_count (int): Number of entries in this page.
    entries (list of NumberRate): One price per subscription period.
    """

    currency: Optional[str]
    entries_count: Optional[int]
    entries: Optional[List[NumberRate]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "currency": C.to_str,
        "entries_count": C.to_int,
        "entries": C.entries(NumberRate),
    }


class SubscribeResponse(Response):
    """Subscribe to a number, or extend one you have.

    status (str): success_ok, or the error code.
    debit (float): Amount charged.
    currency (str): Currency code of the account, such as SGD or USD.
    expiry (date): Last day of the subscription (GMT+8).
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


class ConfigureResponse(Response):
    """Set the URLs notified of a number's incoming calls, faxes and SMS.

    status (str): success_ok, or the error code.
    """

    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
    }


class ActiveNumbersResponse(Response):
    """Your subscribed Hoiio Numbers.

    status (str): success_ok, or the error code.
    entries_count (int): Number of entries in this page.
    total_entries_count (int): Number of entries in the whole period.
    entries (list of ActiveNumber): Your numbers.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: Optional[List[ActiveNumber]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(ActiveNumber),
    }
