"""`json`'s syntax errors -> messages that name the mistake at the
character that caused it: a trailing comma, a comment, a string never
closed, a missing comma or colon, single quotes.

The diagnosis reads the text around the error offset (never the wording
of `json`'s message, which changes between Python versions). What cannot
be named more precisely keeps `json`'s own description.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from nflint.messages import quote

_WS = " \t\r\n"
#: characters a JSON value or key can start with / end with
_STARTS = frozenset('"{[-0123456789tfn')
_ENDS = frozenset('"}]0123456789el')
#: a string token that closes on its line
_STRING = re.compile(r'"(?:[^"\\\r\n]|\\.)*"')


class Explained(NamedTuple):
    """A syntax error: offsets (``start == end``: a place between two
    characters), the message and a hint."""

    message: str
    start: int
    end: int
    hint: str | None = None


def explain(text: str, pos: int, fallback: str) -> Explained:
    """What is wrong at offset ``pos`` of ``text``, where `json` stopped;
    ``fallback``: `json`'s own description."""
    found = (
        _truncated(text, pos)
        or _comment(text, pos)
        or _trailing_comma(text, pos)
        or _unterminated(text, pos)
        or _missing_separator(text, pos)
        or _single_quote(text, pos)
    )
    return found or Explained(f"invalid JSON: {fallback}", pos, pos + 1)


#: a JSON string, or a bracket outside strings
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_CLOSER = {"{": "}", "[": "]"}


def _truncated(text: str, pos: int) -> Explained | None:
    """The text ends while an object or array is open (a file cut short):
    named with where that object or array opens, at the end of the text."""
    if text[pos:].strip(_WS):
        return None
    opened: list[int] = []
    for token in _TOKEN.finditer(text):
        char = token.group()
        if char in _CLOSER:
            opened.append(token.start())
        elif char in "]}" and opened:
            opened.pop()
    if not opened:
        return None
    start = opened[-1]
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    what = "object" if text[start] == "{" else "array"
    end = len(text.rstrip(_WS))
    return Explained(
        f"invalid JSON: the text ends inside the {what} that opens at line {line}, "
        f"column {column}",
        max(0, end - 1),
        end,
        f"the file may be cut short; close it with {quote(_CLOSER[text[start]])}",
    )


def _comment(text: str, pos: int) -> Explained | None:
    if text.startswith("//", pos) or text.startswith("#", pos):
        end = _line_end(text, pos)
    elif text.startswith("/*", pos):
        close = text.find("*/", pos + 2)
        end = _line_end(text, pos) if close < 0 else close + 2
    else:
        return None
    return Explained(
        "invalid JSON: a comment; JSON has no comments",
        pos,
        min(end, _line_end(text, pos)),
        'remove it (templates and workflows can keep a note in "description")',
    )


def _trailing_comma(text: str, pos: int) -> Explained | None:
    at = pos if text[pos : pos + 1] == "," else _before(text, pos)
    if at < 0 or text[at] != ",":
        return None
    closing = _after(text, at + 1)
    if closing >= len(text) or text[closing] not in "}]":
        return None
    what = "member of an object" if text[closing] == "}" else "item of an array"
    return Explained(
        f"invalid JSON: a trailing comma; JSON allows no ',' after the last {what}",
        at,
        at + 1,
        "remove the comma",
    )


def _unterminated(text: str, pos: int) -> Explained | None:
    char = text[pos : pos + 1]
    if char == '"':
        if _STRING.match(text, pos):
            return None
        opening = pos
    elif char and ord(char) < 0x20:
        opening = _opening_quote(text, pos)
        if opening < 0:
            return None
        if char not in "\r\n":
            return Explained(
                f"invalid JSON: a raw control character (U+{ord(char):04X}) inside a string",
                pos,
                pos + 1,
                "write it as an escape: \\t for a tab, \\n for a line break",
            )
    else:
        return None
    return Explained(
        'invalid JSON: an unterminated string; it has no closing " on its line',
        opening,
        opening + 1,
        'add the closing "',
    )


def _missing_separator(text: str, pos: int) -> Explained | None:
    prev = _before(text, pos)
    if prev < 0 or pos >= len(text) or text[prev] not in _ENDS:
        return None
    if text[pos] not in _STARTS:
        return None
    if text[prev] == '"' and _is_key(text, prev):
        return Explained(
            "invalid JSON: a ':' is missing after this key", prev + 1, prev + 1, 'write ": "'
        )
    return Explained(
        "invalid JSON: a ',' is missing after this value",
        prev + 1,
        prev + 1,
        "separate the members of objects and the items of arrays with ','",
    )


def _single_quote(text: str, pos: int) -> Explained | None:
    if text[pos : pos + 1] != "'":
        return None
    return Explained(
        "invalid JSON: a single quote; JSON strings take double quotes",
        pos,
        pos + 1,
        "write \"...\" instead of '...'",
    )


def _is_key(text: str, end: int) -> bool:
    """Whether the string that ends at ``end`` is an object key: the
    token before it is ``{`` or ``,`` inside an object."""
    line_start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
    for m in _STRING.finditer(text, line_start, end + 1):
        if m.end() == end + 1:
            before = _before(text, m.start())
            if before < 0:
                return False
            return text[before] == "{" or (text[before] == "," and _innermost(text, before) == "{")
    return False


def _innermost(text: str, pos: int) -> str:
    """The bracket (``{`` or ``[``) that encloses offset ``pos``."""
    stack: list[str] = []
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text[:pos]):
        token = m.group()
        if token in "[{":
            stack.append(token)
        elif token in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else ""


def _opening_quote(text: str, pos: int) -> int:
    """The ``"`` that opened the string a control character at ``pos`` is
    in: strings never span lines, so the line before ``pos`` tells."""
    line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    i, opening = line_start, -1
    while i < pos:
        char = text[i]
        if opening < 0:
            if char == '"':
                opening = i
        elif char == "\\":
            i += 1
        elif char == '"':
            opening = -1
        i += 1
    return opening


def _before(text: str, pos: int) -> int:
    """The offset of the last non-white-space character before ``pos``, or -1."""
    i = pos - 1
    while i >= 0 and text[i] in _WS:
        i -= 1
    return i


def _after(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    return pos


def _line_end(text: str, pos: int) -> int:
    ends = [e for e in (text.find("\n", pos), text.find("\r", pos)) if e >= 0]
    return min(ends) if ends else len(text)
