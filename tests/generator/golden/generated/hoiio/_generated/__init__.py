# Generated from spec/ by `make generate`; do not edit.
"""Tables generated from the spec that are not services or models: the API's constants and
status codes (``api``) and the command line's commands (``commands``)."""
