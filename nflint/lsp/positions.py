"""Character offsets into a document's text <-> LSP positions.

LSP counts lines from 0 and characters in UTF-16 code units (the default
position encoding, the one every client supports); nflint counts characters
(code points) and 1-based lines and columns. This is the one place that
converts between them.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types as T

from nflint.diagnostics import Span

_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str) -> int:
    """UTF-16 code units of ``text``."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Lines:
    """Line starts of one text (``\\n``, ``\\r\\n`` and ``\\r`` end a line, in
    LSP as in `nflint.load.source.LineIndex`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    def position(self, offset: int) -> T.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return T.Position(line=line, character=_units(self.text[self.starts[line] : offset]))

    def offset(self, position: T.Position) -> int:
        """The offset of ``position``; past a line's end: the line's end."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[max(0, position.line)]
        last = position.line + 1 >= len(self.starts)
        end = len(self.text) if last else self.starts[position.line + 1]
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        units, offset = 0, start
        while offset < end and units < position.character:
            units += 2 if ord(self.text[offset]) > 0xFFFF else 1
            offset += 1
        return offset

    def range(self, start: int, end: int) -> T.Range:
        return T.Range(start=self.position(start), end=self.position(end))

    def span_offsets(self, span: Span) -> tuple[int, int]:
        """A nflint span (1-based line and column, in characters) as offsets."""

        def one(line: int, column: int) -> int:
            if line - 1 >= len(self.starts):
                return len(self.text)
            return min(self.starts[max(0, line - 1)] + max(0, column - 1), len(self.text))

        return one(span.start.line, span.start.column), one(span.end.line, span.end.column)

    def span_range(self, span: Span | None) -> T.Range:
        if span is None:  # a finding nflint could not place: the first character
            return T.Range(
                start=T.Position(line=0, character=0), end=T.Position(line=0, character=1)
            )
        return self.range(*self.span_offsets(span))
