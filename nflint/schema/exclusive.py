"""Keys that exclude each other, as the schemas write them: ``{"not":
{"required": ["region", "clusterId"]}}``, or a key's ``dependentSchemas``
entry that forbids any of several others. `nflint.schema.check` turns such
a failure into "use region or clusterId, not both"."""

from __future__ import annotations

from typing import Any


def keys(schema: object) -> list[str]:
    """The keys a ``not`` schema forbids together: its ``required`` list, or
    those of an ``anyOf`` of ``required`` lists."""
    if not isinstance(schema, dict):
        return []
    found = [k for k in schema.get("required", ()) if isinstance(k, str)]
    for branch in schema.get("anyOf", ()):
        found.extend(keys(branch))
    return found


def dependent_key(error: Any) -> str | None:
    """The key whose ``dependentSchemas`` entry holds this ``not``."""
    path = list(error.absolute_schema_path)
    for index in range(len(path) - 2, 0, -1):
        if path[index - 1] == "dependentSchemas" and path[index + 1] == "not":
            key = path[index]
            return key if isinstance(key, str) else None
    return None
