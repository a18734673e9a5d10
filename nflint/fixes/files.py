"""A file's bytes as text and back: the encoding and byte order mark it was
read with, and an atomic write that keeps its mode.

Line endings and the final newline need nothing here: fixes are text edits
that never touch a line break they do not remove whole.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from typing import NamedTuple

from nflint.load.source import _BOMS as BOMS  # the table decode() reads BOMs with
from nflint.load.source import decode


class Decoded(NamedTuple):
    """A file's text and how to write it back."""

    text: str
    encoding: str
    bom: bytes


def read_text(data: bytes) -> Decoded | None:
    """The text of ``data`` as nflint lints it; None when it cannot be decoded."""
    text = decode(data)
    if not isinstance(text, str):
        return None
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return Decoded(text, encoding, bom)
    return Decoded(text, "utf-8", b"")


def encode(text: str, how: Decoded) -> bytes:
    return how.bom + text.encode(how.encoding)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at ``path`` (the target of a symbolic link) with
    ``data``: a temporary file in the same folder, the old file's mode,
    flushed, then renamed over it. Raises OSError."""
    target = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    folder = os.path.dirname(target) or "."
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".nflint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
