"""A source map for JSON text that `json` has already accepted.

`json` (C) parses fast but keeps no positions. `scan` walks the same text
once, only when a diagnostic needs a position, recording where every key and
value is written and which keys are written twice. `locate` finds one
pointer without recording the rest, skipping the values beside its path with
`json`'s C scanner: a document with a few findings needs no full scan.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
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


#: skips a value at C speed: numbers, constants and objects become cheap ints
_SKIP = json.JSONDecoder(parse_int=len, parse_float=len, parse_constant=len, object_pairs_hook=len)


def locate(text: str, start: int, pointers: Iterable[str]) -> dict[str, tuple[str, Entry]]:
    """For each of ``pointers``, the deepest part of it written in the JSON
    document at ``text[start:]`` (the pointer itself when it exists) and that
    part's entry, as `scan` records it. One walk for all of them: values
    off their paths are skipped by `json`'s C scanner, and the walk stops
    once every pointer is placed. The document has no duplicate key (the
    first one is taken)."""
    wanted = list(pointers)
    trie: _Trie = {}
    for pointer in wanted:
        node = trie
        for token in jp.split(pointer):
            node = node.setdefault(token, {})
        node[None] = {}
    walk = _Walk(text, _count(trie))
    with contextlib.suppress(_Done):
        walk.visit(_WS.match(text, start).end(), -1, -1, "", trie)  # type: ignore[union-attr]
    placed: dict[str, tuple[str, Entry]] = {}
    for pointer in wanted:
        at = pointer
        while at not in walk.found:
            at = jp.parent(at)
        placed[pointer] = (at, walk.found[at])
    return placed


#: JSON pointer tokens as a tree; the key None marks a pointer that was asked for
_Trie = dict[str | None, "_Trie"]


def _count(trie: _Trie) -> int:
    """How many pointers ``trie`` holds."""
    return sum(1 if token is None else _count(child) for token, child in trie.items())


class _Done(Exception):
    """Every pointer is placed: the walk stops."""


class _Walk:
    def __init__(self, text: str, remaining: int) -> None:
        self.text = text
        self.remaining = remaining
        self.found: dict[str, Entry] = {}

    def _placed(self, count: int) -> None:
        self.remaining -= count
        if self.remaining <= 0:
            raise _Done

    def visit(self, pos: int, key_start: int, key_end: int, pointer: str, trie: _Trie) -> int:
        """Records what ``trie`` asks for in the value at ``pos``; where the
        value ends (and the spaces after it)."""
        text = self.text
        begin = pos
        asked = None in trie
        if text[pos] not in "{[" or len(trie) == asked:  # a scalar, or nothing asked inside
            entry = _entry(text, pos, key_start, key_end)
            self.found[pointer] = entry
            # a scalar has no children: the pointers below it end here
            self._placed(_count(trie))
            return _WS.match(text, entry.end).end()  # type: ignore[union-attr]
        if asked:
            self.found[pointer] = _entry(text, pos, key_start, key_end)
            self._placed(1)
        missing = {token: child for token, child in trie.items() if token is not None}
        opening = text[pos]
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        if opening == "{":
            while text[pos] != "}":
                m = _STRING.match(text, pos)
                assert m is not None
                value = _WS.match(text, _WS.match(text, m.end()).end() + 1).end()  # type: ignore[union-attr]
                child = missing.pop(_key(m.group()), None)
                if child is None:
                    pos = _skip(text, value)
                else:
                    token = _key(m.group())
                    pos = self.visit(value, m.start(), m.end(), jp.join(pointer, token), child)
                if text[pos] == ",":
                    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        else:
            index = 0
            while text[pos] != "]":
                child = missing.pop(str(index), None)
                if child is None:
                    pos = _skip(text, pos)
                else:
                    pos = self.visit(pos, -1, -1, jp.join(pointer, index), child)
                if text[pos] == ",":
                    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
                index += 1
        end = pos + 1
        if missing:  # this value is the nearest place of the pointers below it
            if pointer not in self.found:
                self.found[pointer] = Entry(begin, end, key_start, key_end)
            self._placed(sum(_count(child) for child in missing.values()))
        return _WS.match(text, end).end()  # type: ignore[union-attr]


def _skip(text: str, pos: int) -> int:
    """Where the value at ``pos`` ends, and the spaces after it."""
    end = _SKIP.raw_decode(text, pos)[1]
    return _WS.match(text, end).end()  # type: ignore[union-attr]


def _entry(text: str, pos: int, key_start: int, key_end: int) -> Entry:
    if text[pos] in "{[":
        return Entry(pos, _SKIP.raw_decode(text, pos)[1], key_start, key_end)
    m = (_STRING if text[pos] == '"' else _SCALAR).match(text, pos)
    assert m is not None, pos
    return Entry(m.start(), m.end(), key_start, key_end, '"' if text[pos] == '"' else "")


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
