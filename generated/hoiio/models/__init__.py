# Generated from spec/ by `make generate`; do not edit.
"""The generated response, entry and notification models (one module per API group), and the
spec's enums (``hoiio.models.enums``)."""
