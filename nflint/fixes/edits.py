"""`Fix` objects from the spans the loader recorded: replace a value or a
key, remove an object member, insert text inside a string.

Every builder returns None when it cannot say exactly which characters to
change (an alias, a block scalar, a tagged or anchored value, a key that is
not alone on its YAML line): no fix is better than a wrong one. Offsets are
into the text of the document's `LineIndex`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from nflint.diagnostics import Applicability, Edit, Fix
from nflint.fixes import quoting
from nflint.load import pointer as jp

if TYPE_CHECKING:
    from nflint.load.loader import Document, Format
    from nflint.load.sourcemap import Entry

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE

_LINE_END = re.compile(r"[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n|$)")


def _text(doc: Document) -> str:
    return doc.source_map.index.text


def _scalar_entry(doc: Document, pointer: str) -> Entry | None:
    """The entry of the scalar at ``pointer`` when it can be replaced whole."""
    entry = doc.source_map.entry(pointer)
    if entry is None or entry.end <= entry.start or entry.style in ("alias", "|", ">"):
        return None
    try:
        current = jp.resolve(doc.data, pointer)
    except LookupError:
        return None
    if isinstance(current, (dict, list)) or _text(doc)[entry.start] in "&!*":
        return None  # a container, or YAML node properties (anchor, tag) that must stay
    return entry


def replace_value(
    doc: Document, pointer: str, new: object, message: str, applicability: Applicability = UNSAFE
) -> Fix | None:
    """Write ``new`` (a JSON value) where the scalar at ``pointer`` is."""
    entry = _scalar_entry(doc, pointer)
    if entry is None:
        return None
    text = _text(doc)
    if isinstance(new, str) and doc.format == "json":
        content = quoting.string(new, "json", ascii_only=quoting.ascii_only(text))
    else:
        content = quoting.value(new, doc.format, entry.style)
    if content == text[entry.start : entry.end]:
        return None
    return Fix(applicability, message, (Edit(entry.start, entry.end, content),))


def quote_written(doc: Document, pointer: str, message: str) -> Fix | None:
    """Quote an unquoted scalar as the text it is written as (``1.10`` ->
    ``"1.10"``): the string the author meant, not the number YAML read."""
    entry = _scalar_entry(doc, pointer)
    if entry is None or entry.style != "":
        return None
    raw = _text(doc)[entry.start : entry.end]
    if not raw or "\n" in raw or "\r" in raw:
        return None
    return Fix(UNSAFE, message, (Edit(entry.start, entry.end, json.dumps(raw)),))


def rename_key(doc: Document, pointer: str, new: str, message: str) -> Fix | None:
    """Rename the key naming ``pointer`` (never onto a key the object has)."""
    entry = doc.source_map.entry(pointer)
    if entry is None or entry.key_start < 0 or not pointer:
        return None
    try:
        parent = jp.resolve(doc.data, jp.parent(pointer))
    except LookupError:
        return None
    if not isinstance(parent, dict) or new in parent:
        return None
    text = _text(doc)
    written = text[entry.key_start : entry.key_end]
    if doc.format == "json":
        content = quoting.string(new, "json", ascii_only=quoting.ascii_only(text))
    else:
        if written[:1] in "&!*?" or "\n" in written:
            return None
        style = written[0] if written[:1] in ("'", '"') else ""
        content = quoting.string(new, "yaml", style)
    return Fix(UNSAFE, message, (Edit(entry.key_start, entry.key_end, content),))


def insert(doc: Document, offset: int, content: str, message: str) -> Fix:
    return Fix(UNSAFE, message, (Edit(offset, offset, content),))


# -- removing a member ---------------------------------------------------------


def remove_member(doc: Document, pointer: str, message: str) -> Fix | None:
    """Remove the member (key and value) that ``pointer`` names."""
    entry = doc.source_map.entry(pointer)
    if entry is None or entry.key_start < 0:
        return None
    return remove_at(doc, pointer, entry.key_start, message)


def remove_at(doc: Document, pointer: str, key_start: int, message: str) -> Fix | None:
    """Remove the member of the object at ``jp.parent(pointer)`` whose key is
    written at ``key_start`` (also an overridden duplicate, which has no
    entry of its own)."""
    text = _text(doc)
    try:
        parent = jp.resolve(doc.data, jp.parent(pointer))
    except LookupError:
        return None
    if not isinstance(parent, dict):
        return None
    return remove_written(text, doc.format, key_start, len(parent), message)


def remove_written(
    text: str, fmt: Format, key_start: int, members: int, message: str
) -> Fix | None:
    """Remove the member whose key is written at ``key_start``, from the
    text alone (the loader has no document yet when it finds a duplicate);
    ``members``: how many the object holds (a YAML mapping keeps one)."""
    if fmt == "json":
        edits = _json_member(text, key_start)
    else:
        edits = _yaml_member(text, key_start, members)
    return Fix(UNSAFE, message, edits) if edits else None


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _json_member(text: str, key_start: int) -> tuple[Edit, ...]:
    decoder = json.JSONDecoder()
    try:
        _, key_end = decoder.raw_decode(text, key_start)
        colon = _skip(text, key_end)
        if text[colon] != ":":
            return ()
        _, value_end = decoder.raw_decode(text, _skip(text, colon + 1))
    except (ValueError, IndexError):
        return ()
    after = value_end
    while after < len(text) and text[after] in " \t":
        after += 1
    comma = after < len(text) and text[after] == ","
    before = key_start - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    start = _line_start(text, key_start)
    tail = _LINE_END.match(text, after + 1 if comma else after)
    own_line = not text[start:key_start].strip() and tail is not None and "#" not in tail.group()
    if comma:
        if own_line:
            assert tail is not None
            return (Edit(start, tail.end(), ""),)
        end = after + 1
        while end < len(text) and text[end] in " \t":
            end += 1
        return (Edit(key_start, end, ""),)
    if before >= 0 and text[before] == ",":
        if own_line:
            assert tail is not None
            return (Edit(before, before + 1, ""), Edit(start, tail.end(), ""))
        return (Edit(before, value_end, ""),)
    if own_line:
        assert tail is not None
        return (Edit(start, tail.end(), ""),)
    return (Edit(key_start, value_end, ""),)


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _yaml_member(text: str, key_start: int, siblings: int) -> tuple[Edit, ...]:
    """The lines of a block mapping member: its key's line and every
    following line indented deeper (or a block sequence item at the key's own
    indentation, which can only belong to this key), comments inside
    included; never the only member (the mapping would become null). The
    first key of a sequence item (``- key: value``) goes up to the next
    key of its item, which then follows the dash."""
    start = _line_start(text, key_start)
    indent = text[start:key_start]
    item = bool(indent.strip(" "))
    if (item and not _DASHES.fullmatch(indent)) or siblings < 2:
        return ()
    column = len(indent)
    lines = _LINE.finditer(text, start)
    end = next(lines).end()
    following: int | None = None
    for line in lines:
        if line.start() == line.end():
            break
        body = line.group()
        stripped = body.lstrip(" ")
        depth = len(body) - len(stripped)
        if not stripped.strip():
            continue  # a blank line: taken only if a line of the value follows
        if depth > column or (depth == column and _ITEM.match(stripped)):
            end = line.end()
            continue
        following = line.start() + depth if depth == column else None
        break
    if item:
        if following is None or text[following] == "#":
            return ()
        return (Edit(key_start, following, ""),)
    if end == len(text) and start > 0 and not text.endswith(("\n", "\r")):
        # the last line of a file without a final line break: take the break before it
        return (Edit(start - _break_before(text, start), end, ""),)
    return (Edit(start, end, ""),)


_DASHES = re.compile(r" *(?:- +)+")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_ITEM = re.compile(r"-(?:[ \t]|\r|\n|$)")


def _break_before(text: str, start: int) -> int:
    return 2 if text[max(0, start - 2) : start] == "\r\n" else 1
