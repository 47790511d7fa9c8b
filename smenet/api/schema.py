"""OpenAPI schema hooks."""

from __future__ import annotations

from typing import Any

# Integer bounds that come from the database backend (SQLite's int64, PostgreSQL's int2/int4),
# not from the API: dropped so that the published schema is the same on every backend.
BACKEND_BOUNDS = {32767, 2147483647, 9223372036854775807, -32768, -2147483648, -9223372036854775808}


def drop_backend_integer_bounds(result: dict, generator: Any, request: Any, public: bool) -> dict:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "integer":
                for key in ("maximum", "minimum"):
                    if node.get(key) in BACKEND_BOUNDS:
                        del node[key]
                if node.get("format") == "int64":
                    del node["format"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
