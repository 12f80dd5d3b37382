# Generated from spec/ by `make generate`; do not edit.
"""Tables generated from the spec that are not services or models: the API's constants and
status codes (``api``), the command line's commands (``commands``) and the facts the SDK, the
sandbox and the docs share (``facts``: signature, SMS length, limits, number capabilities)."""
