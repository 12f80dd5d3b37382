"""The sandbox's data, kept as JSON beside this module (data/*.json): the rate table, the
catalogue of Hoiio Numbers, the default account, the reserved numbers and the timings.

Nothing here knows about HTTP or SQLite; it only answers questions about the data.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Dict, List, Optional, Tuple

from .._generated.facts import LIMITS, NUMBER_CAPABILITIES
from .values import to_milli

SERVICES = ("sms", "sms_incoming", "voice", "voice_incoming", "fax", "fax_incoming")


@cache
def load(name: str) -> Dict[str, Any]:
    """One data file, such as "rates"."""
    text = resources.files("hoiio.sandbox").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    data: Dict[str, Any] = json.loads(text)
    return data


def behaviour() -> Dict[str, Any]:
    return load("behaviour")


def timing(name: str) -> float:
    return float(behaviour()["timing"][name])


def limit(name: str) -> int:
    """One of the account-wide limits of the spec (spec/api.yaml ``limits``)."""
    return LIMITS[name]


def default_account() -> Dict[str, Any]:
    return dict(behaviour()["account"])


# ---- rates ----


def country_of(number: str) -> Optional[Dict[str, Any]]:
    """The rate-table entry of a number's country (longest calling-code prefix), or None."""
    digits = number.lstrip("+")
    prefixes: Dict[str, Dict[str, Any]] = load("rates")["prefixes"]
    for size in (4, 3, 2, 1):
        entry = prefixes.get(digits[:size])
        if entry is not None:
            return {"prefix": digits[:size], **entry}
    return None


def currencies() -> Dict[str, str]:
    result: Dict[str, str] = load("rates")["currencies"]
    return result


@lru_cache(maxsize=4096)
def convert(base_price: str, currency: str) -> int:
    """A price of the rate table (base currency) in ``currency``, in thousandths."""
    factor = Decimal(currencies().get(currency, "1"))
    return to_milli(str((Decimal(base_price) * factor).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)))


def rate(number: str, service: str, currency: str) -> Optional[int]:
    """The price (thousandths of ``currency``) of ``service`` for a number, or None where it is
    not offered. Raises LookupError when the number's country is not served at all."""
    entry = country_of(number)
    if entry is None:
        raise LookupError(number)
    price = entry.get(service)
    return None if price is None else convert(str(price), currency)


def rebrands(number: str) -> bool:
    entry = country_of(number)
    return bool(entry is None or entry.get("rebrand", True))


# ---- reserved numbers ----


def reserved(number: str) -> Dict[str, Any]:
    """What a number's last four digits reserve (empty for an ordinary number)."""
    table: Dict[str, Dict[str, Any]] = behaviour()["reserved"]
    return dict(table.get(number[-4:], {}))


# ---- the number catalogue ----


def catalogue() -> List[Dict[str, Any]]:
    countries: List[Dict[str, Any]] = load("numbers")["countries"]
    return countries


def max_subscriptions() -> int:
    return int(load("numbers")["max_subscriptions"])


def find_country(code: str) -> Optional[Dict[str, Any]]:
    for country in catalogue():
        if country["code"] == code:
            return country
    return None


def catalogue_number(number: str) -> Optional[Tuple[Dict[str, Any], Optional[Dict[str, Any]]]]:
    """(country, state or None) of a number in the catalogue, or None."""
    for country in catalogue():
        if number in country.get("numbers", ()):
            return country, None
        for state in country.get("states", ()):
            if number in state.get("numbers", ()):
                return country, state
    return None


def capabilities(country: Dict[str, Any], state: Optional[Dict[str, Any]]) -> List[str]:
    """What the country's numbers can do (spec/api.yaml ``number_capabilities``; the same in
    every state of it)."""
    return list(NUMBER_CAPABILITIES.get(country["code"], ()))
