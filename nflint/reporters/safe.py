"""Control characters in output: one definition, and the ways reporters
defuse them. Printed raw, a file's content or name could drive the terminal
(ESC sequences, U+009B) or break a machine format; nflint never prints one.

- `escape` is what the command line does to everything it writes: a control
  character (and a lone surrogate, from a file name that is not UTF-8) becomes
  a ``\\uXXXX`` escape, valid inside JSON strings and XML text too. Tabs and
  line breaks stay.
- `replace` is for one-line text (a message, a path, a source line): line
  breaks are control characters there too, and the caller chooses the mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: C0 controls but tab and line breaks, DEL, and the C1 controls
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
#: compiled on first use (by ``re``'s cache): a control character anywhere,
#: keeping line breaks (a lone CR is not one: it moves the cursor back)
_IN_TEXT = f"[{CONTROLS}]|\r(?!\n)"
#: a control character on one line: line breaks too
_IN_LINE = f"[{CONTROLS}\r\n]"


def replace(text: str, mark: Callable[[str], str]) -> str:
    """``text`` with each control character or line break replaced by
    ``mark(character)``."""
    return re.sub(_IN_LINE, lambda m: mark(m.group()), text)


def hex_escape(char: str) -> str:
    """``\\xNN``: how the text report shows a control character in a message."""
    return f"\\x{ord(char):02x}"


def escape(text: str, keep_esc: bool = False) -> str:
    """Text any UTF-8 stream can take and no terminal acts on: lone
    surrogates and control characters as ``\\uXXXX`` escapes. ESC stays
    with ``keep_esc`` (a coloured text report, which escaped file content
    with `replace` already)."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return re.sub(_IN_TEXT, lambda m: _unicode_escape(m.group(), keep_esc), text)


def _unicode_escape(char: str, keep_esc: bool) -> str:
    return char if keep_esc and char == "\x1b" else f"\\u{ord(char):04x}"
