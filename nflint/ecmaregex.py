"""ECMAScript regexes (JSON Schema's dialect) run on Python's `re`.

The schemas quote Northflank's patterns. Where the two dialects differ, the
pattern is translated so that it behaves as it does in ECMAScript:
- ``$`` matches only at the very end (Python's also matches before a final
  newline), so it becomes ``(?!\\n)\\Z``-equivalent ``\\Z``;
- ``\\d`` and ``\\w`` are ASCII-only (``[0-9]``, ``[A-Za-z0-9_]``);
- ``(?<name>`` named groups become ``(?P<name>``.
"""

from __future__ import annotations

import functools
import re

_ESCAPES_OUTSIDE = {"d": "[0-9]", "D": "[^0-9]", "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]"}
_ESCAPES_INSIDE = {"d": "0-9", "w": "A-Za-z0-9_"}


def translate(pattern: str) -> str:
    """The Python `re` spelling of an ECMAScript (non-unicode) pattern."""
    out: list[str] = []
    i = 0
    in_class = False
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            table = _ESCAPES_INSIDE if in_class else _ESCAPES_OUTSIDE
            out.append(table.get(nxt, ch + nxt))
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif ch == "[":
                out.append("\\[")  # a literal [ inside a class (Python warns on it)
                i += 1
                continue
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if pattern.startswith("^", i + 1):
                out.append("^")
                i += 1
            if pattern.startswith("]", i + 1):  # ECMAScript: [] / [^] are special
                out.append("\\]")
                i += 1
        elif ch == "$":
            out.append(r"\Z")
        elif pattern.startswith("(?<", i) and not pattern.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")
            i += 3
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(translate(pattern))


def search(pattern: str, text: str) -> bool:
    """JSON Schema ``pattern`` semantics: an unanchored ECMAScript search."""
    return compile_pattern(pattern).search(text) is not None
