"""Source maps: JSON pointer -> where the key and the value are written.

Both loaders produce a `SourceMap`. Lookups fall back to the nearest
ancestor, so every pointer gets a span even when the value is absent (a
missing key is reported on the object that lacks it).
"""

from __future__ import annotations

from collections.abc import Iterable

from nflint.diagnostics import Span
from nflint.load import pointer as jp
from nflint.load.source import LineIndex


class Entry:
    """Offsets of one value, and of its key when it is an object member (a
    plain class: one per value of the document, and no dataclass start-up)."""

    __slots__ = ("end", "key_end", "key_start", "start", "style")

    def __init__(
        self, start: int, end: int, key_start: int = -1, key_end: int = -1, style: str = ""
    ) -> None:
        self.start = start
        self.end = end
        self.key_start = key_start
        self.key_end = key_end
        #: for scalars, how the value is written: '"' or "'" (quoted), '|' or
        #: '>' (YAML block), '' (plain or JSON literal), 'alias'
        self.style = style

    def __repr__(self) -> str:
        return f"Entry({self.start}, {self.end}, {self.key_start}, {self.key_end}, {self.style!r})"


class SourceMap:
    """Pointer -> offsets for one document, plus the file's `LineIndex`."""

    def __init__(self, index: LineIndex, entries: dict[str, Entry]) -> None:
        self.index = index
        self._entries = entries

    def entry(self, pointer: str) -> Entry | None:
        return self._entries.get(pointer)

    def prefetch(self, pointers: Iterable[str]) -> None:
        """Tells the map that ``pointers`` will be looked up (a lazy map
        places them in one pass); a map that has every entry does nothing."""

    def items(self) -> list[tuple[str, Entry]]:
        """Every (pointer, entry) of the document (the language server finds
        what is under the cursor with them)."""
        return list(self._entries.items())

    def nearest(self, pointer: str) -> str:
        """The pointer itself, or its closest ancestor that has an entry."""
        while pointer and pointer not in self._entries:
            pointer = jp.parent(pointer)
        return pointer

    def value_span(self, pointer: str) -> Span | None:
        entry = self.entry(self.nearest(pointer))
        if entry is None:
            return None
        return self.index.span(entry.start, entry.end)

    def key_span(self, pointer: str) -> Span | None:
        """The span of the key naming ``pointer``, else its value span."""
        entry = self.entry(self.nearest(pointer))
        if entry is None:
            return None
        if entry.key_start >= 0:
            return self.index.span(entry.key_start, entry.key_end)
        return self.index.span(entry.start, entry.end)

    def head_span(self, pointer: str) -> Span | None:
        """Where to point for a finding about a whole object: its key if any,
        else its first line only (an object may span hundreds of lines)."""
        entry = self.entry(self.nearest(pointer))
        if entry is None:
            return None
        if entry.key_start >= 0:
            return self.index.span(entry.key_start, entry.key_end)
        return self.index.span(entry.start, min(entry.end, entry.start + 1))
