"""The generated response, entry and notification models (one module per API group)."""
