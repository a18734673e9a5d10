"""The template functions Northflank documents (spec d.3), with the number
of arguments each takes where the documentation fixes it.

``(minimum, maximum)``; ``maximum`` None means "any number" (``or(b1, b2,
...)``), and ``(0, None)`` means the documentation gives no usable
signature. Optional parameters are those the docs mark with ``?``.
"""

from __future__ import annotations

FUNCTIONS: dict[str, tuple[int, int | None]] = {
    # general
    "randomSecret": (1, 2),
    "date": (0, 1),
    "fetchSecret": (1, 1),
    # strings
    "toBase64": (1, 1),
    "fromBase64": (1, 1),
    "slug": (1, 1),
    "indexOf": (2, 2),
    "search": (2, 2),
    "replace": (3, 3),
    "replaceAll": (3, 3),
    "slice": (3, 3),
    "length": (1, 1),
    "toUpper": (1, 1),
    "toLower": (1, 1),
    "split": (2, 3),
    "join": (1, 2),
    # booleans
    "not": (1, 1),
    "or": (2, None),
    "and": (2, None),
    "if": (2, 3),
    "eq": (2, None),
    "neq": (2, None),
    "gt": (2, 2),
    "lt": (2, 2),
    "gte": (2, 2),
    "lte": (2, 2),
    # maths
    "add": (0, None),
    "subtract": (0, None),
    "multiply": (0, None),
    "divide": (2, 2),
    "remainder": (2, 2),
    "exp": (2, 2),
    "floor": (1, 1),
    "ceil": (1, 1),
    # objects
    "get": (2, 2),
    "stringifyJSON": (1, 1),
    "parseJSON": (1, 1),
    "entries": (1, 1),
    "values": (1, 1),
    "keys": (1, 1),
    # arrays
    "find": (2, 2),
    "concat": (2, None),
    "some": (2, 2),
    "every": (2, 2),
    "filter": (2, 2),
    "map": (2, 2),
    "arrSlice": (2, 3),
    "arrLength": (1, 1),
}

#: used in the docs' nested-template note but missing from the function
#: table (Open questions, item 18): accepted, with no signature
UNDOCUMENTED: dict[str, tuple[int, int | None]] = {"randomString": (0, None)}

KNOWN: dict[str, tuple[int, int | None]] = {**FUNCTIONS, **UNDOCUMENTED}


def arity_text(name: str) -> str:
    """``1 or 2 arguments``, ``exactly 3 arguments``, ``at least 2 arguments``."""
    low, high = KNOWN[name]
    if high is None:
        return f"at least {low} argument{'s' if low != 1 else ''}"
    if low == high:
        return f"exactly {low} argument{'s' if low != 1 else ''}"
    if high == low + 1:
        return f"{low} or {high} arguments"
    return f"{low} to {high} arguments"
