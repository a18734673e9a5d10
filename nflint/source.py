"""Bytes to text, and character offsets to 1-based line/column positions.

`LineIndex.position` is the one place where offsets become positions. Line
breaks are ``\\r\\n``, ``\\n`` and a lone ``\\r``, as YAML and editors count them.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass

from nflint.diagnostics import Position, Span

_BREAK = re.compile(r"\r\n|\r|\n")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class DecodeError:
    """Why bytes could not become text, and where (a byte offset)."""

    message: str
    line: int
    column: int


def decode(data: bytes) -> str | DecodeError:
    """Decode a file's bytes: a BOM picks the encoding, else strict UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                return DecodeError(f"invalid {encoding} data ({exc.reason})", 1, 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        index = LineIndex(good)
        pos = index.position(len(good))
        byte = data[exc.start]
        return DecodeError(
            f"the file is not UTF-8 text (byte 0x{byte:02x} cannot be decoded)",
            pos.line,
            pos.column,
        )


class LineIndex:
    """Maps character offsets in ``text`` to positions and back."""

    __slots__ = ("_lines", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        """Where each line starts, found on first use: a valid file never needs it."""
        if self._lines is None:
            self._lines = [0, *(m.end() for m in _BREAK.finditer(self.text))]
        return self._lines

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def span(self, start: int, end: int) -> Span:
        return Span(self.position(start), self.position(max(start, end)))

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break."""
        if line < 1 or line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._starts)
