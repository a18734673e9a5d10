"""Offsets inside a *decoded* string value -> positions in the file.

Rules find problems at an index of the value the parser produced (for
example the ``f`` of ``fn.nope()``); the user needs the line and column
where that character is written. This module maps one to the other:

- JSON strings: escapes (``\\n``, ``\\u00e9``, surrogate pairs) are accounted
  for with `nflint.jsonmap.decoded_offsets`.
- YAML plain, single-quoted (``''``) and double-quoted (escapes, ``\\`` line
  continuations) scalars, on one line or folded over several.
- YAML literal (``|``) and folded (``>``) block scalars, by walking the lines.

Every mapping is checked: the walker rebuilds the value, and when it does
not match what the loader produced (an alias, a form not handled here), the
span falls back to the whole value. Positions still come from
`LineIndex.position`, the one place where offsets become line/column.
"""

from __future__ import annotations

from nflint.diagnostics import Span
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.load.sourcemap import Entry

_BREAKS = "\r\n"
_BLANK = " \t"
_SIMPLE_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}

# a decoded character and where it is written; ``hard`` marks characters that
# folding must keep (escaped blanks in double-quoted scalars)
_Char = tuple[str, int, bool]


def span(doc: Document, pointer: str, start: int, end: int) -> Span | None:
    """The span of characters ``start:end`` of the string at ``pointer``."""
    smap = doc.source_map
    offsets = raw_offsets(doc, pointer)
    if offsets is None or not 0 <= start < len(offsets):
        return smap.value_span(pointer)
    end = max(start + 1, min(end, len(offsets) - 1))
    return smap.index.span(offsets[start], offsets[end - 1] + 1)


def raw_offsets(doc: Document, pointer: str) -> list[int] | None:
    """For the string at ``pointer``: the file offset of each decoded
    character, plus one past the end; None when it cannot be mapped exactly."""
    entry = doc.source_map.entry(pointer)
    try:
        value = jp.resolve(doc.data, pointer)
    except LookupError:
        return None
    if entry is None or not isinstance(value, str):
        return None
    text = doc.source_map.index.text
    if doc.format == "json":
        if entry.style != '"':
            return None
        from nflint.load import jsonmap  # noqa: PLC0415 - only when a finding needs a column

        relative = jsonmap.decoded_offsets(text[entry.start : entry.end])
        offsets = [entry.start + r for r in relative]
        return offsets if len(offsets) == len(value) + 1 else None
    chars = _yaml_chars(text, entry)
    if chars is None:
        return None
    decoded = "".join(c for c, _, _ in chars)
    if entry.style in ("|", ">"):
        # chomping only changes trailing line breaks
        if decoded.rstrip("\n") != value.rstrip("\n"):
            return None
        chars = chars[: len(value)]
        while len(chars) < len(value):
            chars.append(("\n", chars[-1][1] if chars else entry.start, False))
    elif decoded != value:
        return None
    offsets = [offset for _, offset, _ in chars]
    offsets.append(chars[-1][1] + 1 if chars else entry.start)
    return offsets


def _yaml_chars(text: str, entry: Entry) -> list[_Char] | None:
    style = entry.style
    if style == "":
        return _flow(text, entry.start, entry.end, "")
    if style in ("'", '"'):
        return _flow(text, entry.start + 1, entry.end - 1, style)
    if style in ("|", ">"):
        return _block(text, entry.start, entry.end, style)
    return None


def _flow(text: str, start: int, stop: int, quote: str) -> list[_Char] | None:
    """Plain and quoted scalars: escapes, ``''``, and line folding."""
    out: list[_Char] = []
    pos = start
    while pos < stop:
        char = text[pos]
        if char in _BREAKS:
            while out and out[-1][0] in _BLANK and not out[-1][2]:
                out.pop()
            pos = _fold(text, pos, stop, out)
            continue
        if quote == "'" and char == "'" and text[pos + 1 : pos + 2] == "'":
            out.append(("'", pos, False))
            pos += 2
            continue
        if quote == '"' and char == "\\":
            after = text[pos + 1 : pos + 2]
            if after in _BREAKS and after:
                pos = _skip_break(text, pos + 1)
                while pos < stop and text[pos] in _BLANK:
                    pos += 1
                continue
            if after in _SIMPLE_ESCAPES:
                out.append((_SIMPLE_ESCAPES[after], pos, True))
                pos += 2
                continue
            if after in _HEX_ESCAPES:
                digits = text[pos + 2 : pos + 2 + _HEX_ESCAPES[after]]
                try:
                    out.append((chr(int(digits, 16)), pos, True))
                except ValueError:
                    return None
                pos += 2 + _HEX_ESCAPES[after]
                continue
            return None
        out.append((char, pos, False))
        pos += 1
    return out


def _skip_break(text: str, pos: int) -> int:
    return pos + 2 if text.startswith("\r\n", pos) else pos + 1


def _fold(text: str, pos: int, stop: int, out: list[_Char]) -> int:
    """At a line break inside a flow scalar: one break becomes a space, each
    further (empty) line a line feed; leading blanks are dropped."""
    first = pos
    breaks: list[int] = []
    while pos < stop:
        if text[pos] in _BREAKS:
            breaks.append(pos)
            pos = _skip_break(text, pos)
        elif text[pos] in _BLANK:
            pos += 1
        else:
            break
    if len(breaks) == 1:
        out.append((" ", first, False))
    else:
        out.extend(("\n", b, False) for b in breaks[1:])
    return pos


def _block(text: str, start: int, stop: int, style: str) -> list[_Char] | None:
    """Literal and folded block scalars with an auto-detected indentation."""
    header_end = start
    while header_end < stop and text[header_end] not in _BREAKS:
        header_end += 1
    header = text[start + 1 : header_end].split("#", 1)[0].strip()
    if any(c.isdigit() for c in header):
        return None  # explicit indentation: the parent's indentation is unknown
    lines = _lines(text, _skip_break(text, header_end) if header_end < stop else stop, stop)
    indent = next((len(t) - len(t.lstrip(" ")) for _, t in lines if t.strip(" ")), 0)
    out: list[_Char] = []
    previous: str | None = None  # "text", "more" (more indented) or "empty"
    pending: list[int] = []  # offsets of line breaks not yet emitted
    for line_start, line in lines:
        body = line[indent:] if len(line) > indent else ""
        kind = "empty" if not body.strip(" \t") and len(line) <= indent else "text"
        if kind == "text" and body[:1] in _BLANK:
            kind = "more"
        if kind == "empty":
            if previous is not None:
                pending.append(line_start - 1)
            continue
        if previous is not None:
            if style == ">" and previous == "text" and kind == "text":
                if len(pending) == 1:
                    out.append((" ", pending[0], False))
                else:
                    out.extend(("\n", b, False) for b in pending[1:])
            else:
                out.extend(("\n", b, False) for b in pending)
        pending = []
        base = line_start + indent
        out.extend((c, base + i, False) for i, c in enumerate(body))
        pending.append(line_start + len(line))
        previous = kind
    out.extend(("\n", b, False) for b in pending)
    return out


def _lines(text: str, pos: int, stop: int) -> list[tuple[int, str]]:
    """The lines of ``text[pos:stop]`` with their start offsets, no breaks."""
    lines: list[tuple[int, str]] = []
    while pos < stop:
        end = pos
        while end < stop and text[end] not in _BREAKS:
            end += 1
        lines.append((pos, text[pos:end]))
        pos = _skip_break(text, end) if end < stop else stop
    return lines
