"""Paths to bytes, bytes to text, and character offsets to 1-based
line/column positions.

`read` opens nothing but regular files (a FIFO would block, a device may
never end) and never more than the size limit. `LineIndex.position` is the
one place where offsets become positions. Line breaks are ``\\r\\n``,
``\\n`` and a lone ``\\r``, as YAML and editors count them.
"""

from __future__ import annotations

import bisect
import codecs
import errno
import os
import re
import stat
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

from nflint.diagnostics import Position, Span

_BREAK = re.compile(r"\r\n|\r|\n")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(NamedTuple):
    """Why bytes could not become text, and where (a byte offset)."""

    message: str
    line: int
    column: int


def decode(data: bytes) -> str | DecodeError:
    """Decode a file's bytes: a BOM picks the encoding, else strict UTF-8.
    Text with a NUL character is refused too: neither JSON nor YAML allows
    one, and it is the mark of binary data or of UTF-16 without a BOM."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _no_nul(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                return DecodeError(f"invalid {encoding} data ({exc.reason})", 1, 1)
    if _looks_utf16(data):
        return DecodeError(
            "the file looks like UTF-16 text without a byte order mark; save it as UTF-8", 1, 1
        )
    try:
        return _no_nul(data.decode("utf-8"))
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


def _looks_utf16(data: bytes) -> bool:
    """Every other byte of the first line or so is NUL: UTF-16 ASCII text."""
    head = data[: len(data[:64]) // 2 * 2]
    if len(head) < 4:
        return False
    for zeros, text in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if not zeros.strip(b"\0") and all(9 <= b < 127 for b in text):
            return True
    return False


def _no_nul(text: str) -> str | DecodeError:
    at = text.find("\0")
    if at < 0:
        return text
    pos = LineIndex(text).position(at)
    return DecodeError("the file holds a NUL character (binary data?)", pos.line, pos.column)


class LineIndex:
    """Maps character offsets in ``text`` to positions and back.

    The start of every line is found on first need only. A file with a few
    findings needs a few positions: those are counted from the nearest
    position already known (C-speed `str.count`), without listing the starts
    of all 300,000 lines of a 10 MB template. After `_COUNTED` such lookups,
    or for a question about any line (`line_count`, an unknown line), every
    line start is listed once."""

    __slots__ = ("_known", "_lines", "_lookups", "text")

    #: positions counted one by one before every line start is listed
    _COUNTED = 16

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: list[int] | None = None
        #: line starts found by counting: sorted (offset, 0-based line) pairs
        self._known: list[tuple[int, int]] | None = None
        self._lookups = 0

    @property
    def _starts(self) -> list[int]:
        """Where each line starts, found on first use: a valid file never needs it."""
        if self._lines is None:
            if "\r" in self.text:
                self._lines = [0, *(m.end() for m in _BREAK.finditer(self.text))]
            else:  # the common case, without a Python step per line
                lines = self.text.split("\n")[:-1]
                self._lines = [0, *accumulate(map(add, map(len, lines), repeat(1)))]
        return self._lines

    def _counted(self, offset: int) -> tuple[int, int] | None:
        """(0-based line, its start) of ``offset``, counted from the nearest
        known line start, or None once listing every start is cheaper (or
        a lone CR makes counting newlines wrong)."""
        if self._lines is not None or self._lookups >= self._COUNTED:
            return None
        if self._known is None:
            if "\r" in self.text:
                self._lookups = self._COUNTED
                return None
            self._known = [(0, 0)]
        self._lookups += 1
        known = self._known
        at = bisect.bisect_right(known, (offset, 1 << 62)) - 1
        base, line = known[at]
        line += self.text.count("\n", base, offset)
        start = self.text.rfind("\n", base, offset) + 1 or base
        if (start, line) != known[at]:
            known.insert(at + 1, (start, line))
        return line, start

    def _start_of(self, line: int) -> int | None:
        """The start of 0-based ``line`` if counting found it already."""
        if self._lines is None and self._known is not None:
            for start, known in self._known:
                if known == line:
                    return start
        return None

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        counted = self._counted(offset)
        if counted is not None:
            line, start = counted
            return Position(line + 1, offset - start + 1)
        if 0 < offset < len(self.text) and self.text[offset - 1 : offset + 1] == "\r\n":
            offset -= 1  # inside a CRLF: the line break starts at the CR
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def span(self, start: int, end: int) -> Span:
        return Span(self.position(start), self.position(max(start, end)))

    def offset(self, line: int) -> int:
        """The offset where 1-based ``line`` starts (clamped to the text)."""
        known = self._start_of(line - 1)
        if known is not None:
            return known
        return self._starts[max(0, min(line, len(self._starts)) - 1)]

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break."""
        known = self._start_of(line - 1)
        if known is not None:  # counting found it: no CR in the text
            end = self.text.find("\n", known)
            return self.text[known : end if end >= 0 else len(self.text)]
        if line < 1 or line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._starts)


class ReadError(NamedTuple):
    """Why a path could not be read: one lower-case line."""

    message: str


class TooLarge(NamedTuple):
    """A regular file over the size limit: its size (at least)."""

    size: int


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO swapped in after stat must not block
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read(path: str, max_size: int | None = None) -> bytes | ReadError | TooLarge:
    """The bytes of the regular file at ``path`` (symbolic links followed),
    at most ``max_size`` of them (None or 0: no limit). Never raises and
    never opens a FIFO, socket or device: ``stat`` first, then ``fstat`` of
    what was opened, so a swap between the two is caught as well."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return ReadError(_directory(path))
        if not stat.S_ISREG(info.st_mode):
            return ReadError(f"not a regular file: {_kind(info.st_mode)}")
        if max_size and info.st_size > max_size:
            return TooLarge(info.st_size)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return ReadError(_reason(path, exc))
    except ValueError:  # a NUL character in the path
        return ReadError("the path holds a NUL character")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return ReadError(f"not a regular file: {_kind(info.st_mode)}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_size + 1) if max_size else handle.read()
    except OSError as exc:
        return ReadError(_reason(path, exc))
    finally:
        os.close(fd)
    if max_size and len(data) > max_size:
        return TooLarge(max(info.st_size, len(data)))
    return data


def _directory(path: str) -> str:
    """Why a directory is here at all: discovery lists it when it cannot be
    walked (then say why), or the path was passed to `read` directly."""
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return f"a directory that cannot be listed: {_reason(path, exc)}"
    return "not a regular file: a directory"


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def _reason(path: str, exc: OSError) -> str:
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "a broken symbolic link (its target does not exist)"
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]
