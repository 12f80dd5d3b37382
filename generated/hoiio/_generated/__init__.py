# Generated from spec/ by `make generate`; do not edit.
"""Tables generated from the spec that are not services or models: the API's constants and
status codes (``api``), the command line's commands (``commands``), the facts the SDK, the
sandbox and the docs share (``facts``: signature, SMS length, room ids, the words for a hidden
caller ID and a flag, limits, number capabilities) and the clients' typed service attributes
(``services``)."""
