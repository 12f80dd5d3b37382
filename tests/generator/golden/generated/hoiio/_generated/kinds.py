# Generated from spec/api.yaml by `make generate`; do not edit.
"""The kinds of parameter value (spec/api.yaml's kinds): each kind's class in
hoiio._runtime.kinds, made with the kind's traits. A Param names its kind; the SDK sends a value
with ``KINDS[kind].send``, the sandbox reads one with its reader, hoiio.sandbox.reading's
``READ[kind]``."""

from typing import Dict

from .._runtime.kinds import Enum, Int, Kind, PhoneList, Str

KINDS: Dict[str, Kind] = {
    "str": Str(),
    "int": Int(ordered=True),
    "phone_list": PhoneList(masked=True),
    "enum": Enum(),
}
