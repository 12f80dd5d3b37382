"""The hoiio code generator: spec/*.yaml -> generated/hoiio/, JSON Schemas and docs/api.md."""
