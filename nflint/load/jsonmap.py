"""A source map for JSON text that `json` has already accepted.

`json` (C) parses fast but keeps no positions. This scanner walks the same
text once, only when a diagnostic needs a position, recording where every
key and value is written and which keys are written twice.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from nflint.load import pointer as jp
from nflint.load.sourcemap import Entry

_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null")


class Duplicate(NamedTuple):
    """A key written twice in one object: the pointer and both key offsets."""

    pointer: str
    first: tuple[int, int]
    second: tuple[int, int]


def _key(raw: str) -> str:
    if "\\" not in raw:
        return raw[1:-1]
    value = json.loads(raw)
    assert isinstance(value, str)
    return value


def scan(text: str, start: int = 0) -> tuple[dict[str, Entry], list[Duplicate]]:
    """Entries for every value of the JSON document at ``text[start:]``."""
    entries: dict[str, Entry] = {}
    duplicates: list[Duplicate] = []
    # frames: [pointer, is_object, next_index, seen_keys]
    stack: list[tuple[str, bool, list[int], dict[str, tuple[int, int]]]] = []
    pos = _WS.match(text, start).end()  # type: ignore[union-attr]
    pending_key: tuple[str, int, int] | None = None
    while True:
        if stack:
            ptr, is_obj, counter, seen = stack[-1]
            ch = text[pos]
            if ch in "]}":
                entries[ptr].end = pos + 1
                stack.pop()
                pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                if not stack:
                    return entries, duplicates
                if text[pos] == ",":
                    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            if is_obj:
                m = _STRING.match(text, pos)
                assert m is not None
                key = _key(m.group())
                child = jp.join(ptr, key)
                if key in seen:
                    duplicates.append(Duplicate(child, seen[key], (m.start(), m.end())))
                seen[key] = (m.start(), m.end())
                pending_key = (child, m.start(), m.end())
                pos = _WS.match(text, m.end()).end()  # type: ignore[union-attr]
                pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]  # ':'
            else:
                pending_key = (jp.join(ptr, counter[0]), -1, -1)
                counter[0] += 1
        child_ptr, key_start, key_end = pending_key if pending_key else ("", -1, -1)
        ch = text[pos]
        if ch in "{[":
            entries[child_ptr] = Entry(pos, pos + 1, key_start, key_end)
            stack.append((child_ptr, ch == "{", [0], {}))
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            continue
        if ch == '"':
            m = _STRING.match(text, pos)
            style = '"'
        else:
            m = _SCALAR.match(text, pos)
            style = ""
        assert m is not None, pos
        entries[child_ptr] = Entry(m.start(), m.end(), key_start, key_end, style)
        pos = _WS.match(text, m.end()).end()  # type: ignore[union-attr]
        if not stack:
            return entries, duplicates
        if text[pos] == ",":
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)


def decoded_offsets(raw: str) -> list[int]:
    """For a JSON string token (with quotes), the raw offset of each decoded
    character, plus one past the end: ``result[i]`` is where character ``i``
    of the value is written inside ``raw``."""
    offsets: list[int] = []
    pos = 1
    end = len(raw) - 1
    while pos < end:
        if raw[pos] == "\\":
            m = _ESCAPE.match(raw, pos)
            assert m is not None
            token = m.group(1)
            if token[0] == "u":
                code = int(token[1:], 16)
                # a surrogate pair decodes to one character from 12 raw ones
                if 0xD800 <= code < 0xDC00 and raw.startswith("\\u", m.end()):
                    offsets.append(pos)
                    pos = m.end() + 6
                    continue
            offsets.append(pos)
            pos = m.end()
        else:
            offsets.append(pos)
            pos += 1
    offsets.append(end)
    return offsets
