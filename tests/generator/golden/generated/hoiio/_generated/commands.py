# Generated from spec/ by `make generate`; do not edit.
"""The command line's table of commands: plain data from the spec, cheap to import."""

from typing import Any, Dict, List

#: group -> command -> {"method", "summary", "charged", "paginated", "params": [...]}; a param's
#: "cli" is its kind's row of the kinds table (metavar, list, switch, integer, json, help).
COMMANDS: Dict[str, Dict[str, Dict[str, Any]]] = {
    "demo": {
        "send": {
            "method": "send",
            "path": "demo/send",
            "summary": "Send a greeting to some numbers, or to a group.",
            "charged": True,
            "paginated": False,
            "params": [
                {
                    "python": "msg",
                    "wire": "msg",
                    "type": "str",
                    "required": True,
                    "positional": True,
                    "variadic": False,
                    "values": [],
                    "cli": {"metavar": "STR"},
                    "help": "The greeting. [1 to 160 characters]",
                },
                {
                    "python": "dests",
                    "wire": "dest",
                    "type": "phone_list",
                    "required": False,
                    "positional": True,
                    "variadic": True,
                    "values": [],
                    "cli": {
                        "metavar": "NUMBER",
                        "list": True,
                        "help": "; repeat, separate with commas, or give @FILE with one a line",
                    },
                    "help": "The recipients' numbers (at most 10), sent comma-separated. [E.164 each; at most 10 items]",
                },
                {
                    "python": "group",
                    "wire": "group",
                    "type": "str",
                    "required": False,
                    "positional": False,
                    "variadic": False,
                    "values": [],
                    "cli": {"metavar": "STR"},
                    "help": "Instead of dests, a group name.",
                },
                {
                    "python": "tag",
                    "wire": "tag",
                    "type": "str",
                    "required": False,
                    "positional": False,
                    "variadic": False,
                    "values": [],
                    "cli": {"metavar": "STR"},
                    "help": "Your own reference, echoed back. [at most 32 characters]",
                },
            ],
        },
        "items": {
            "method": "items",
            "path": "demo/get_items",
            "summary": "List items, 10 a page.",
            "charged": False,
            "paginated": True,
            "params": [
                {
                    "python": "colour",
                    "wire": "colour",
                    "type": "enum",
                    "required": False,
                    "positional": True,
                    "variadic": False,
                    "values": ["red", "green", "blue"],
                    "cli": {"metavar": "ENUM"},
                    "help": "Only items of this colour. [one of red, green, blue]",
                },
                {
                    "python": "page",
                    "wire": "page",
                    "type": "int",
                    "required": False,
                    "positional": False,
                    "variadic": False,
                    "values": [],
                    "cli": {"metavar": "N", "integer": True},
                    "help": "The page to fetch, counting from 1. [at least 1]",
                },
            ],
        },
        "item": {
            "method": "item",
            "path": "demo/get_item",
            "summary": "One item.",
            "charged": False,
            "paginated": False,
            "params": [
                {
                    "python": "ref",
                    "wire": "ref",
                    "type": "str",
                    "required": True,
                    "positional": True,
                    "variadic": False,
                    "values": [],
                    "cli": {"metavar": "STR"},
                    "help": "The reference a send returned. [not empty]",
                },
            ],
        },
    },
}

#: The list fields of paginated responses, by path: what `--all` iterates over.
PAGED_ITEMS: Dict[str, str] = {
    "demo/get_items": "entries",
}

#: The fields of those lists' entries, by path: the columns of `hoiio history export`.
PAGED_COLUMNS: Dict[str, List[str]] = {
    "demo/get_items": ["ref", "colour", "count", "price", "date", "labels"],
}

__all__: List[str] = ["COMMANDS", "PAGED_ITEMS", "PAGED_COLUMNS"]
