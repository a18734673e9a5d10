"""Glob patterns for paths, with ``.gitignore``-like rules.

Paths are relative, with ``/`` separators. ``*`` and ``?`` stay inside one
directory, ``**`` crosses directories, ``[abc]`` / ``[!abc]`` are classes.
A pattern without a ``/`` (other than a trailing one) matches at any depth; a
pattern with one is anchored at the root. A pattern that matches a directory
matches everything below it.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.strip("/")
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    head = "" if anchored else "(?:.*/)?"
    return re.compile(f"{head}{''.join(out)}(?:/.*)?")


def glob_match(pattern: str, rel: str) -> bool:
    """Whether ``rel`` (or a directory above it) matches ``pattern``."""
    return _glob_regex(pattern).fullmatch(rel) is not None
