"""Values written the way the file writes them.

JSON: `json.dumps` (strings JSON-escaped; non-ASCII text stays as written
unless the file only uses ``\\u`` escapes). YAML: a string keeps the style
of the scalar it replaces (plain, single- or double-quoted) as long as that
style keeps its meaning; a plain scalar that YAML would read as another type
(``no``, ``1.10``, ``null``) or that holds an indicator is double-quoted.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nflint.load.loader import Format

#: a plain scalar nflint writes without quotes: it starts with a letter,
#: digit, ``/``, ``.``, ``_``, ``(``, ``~`` or ``$``; it holds no ``: ``,
#: `` #``, flow indicator, quote or control character; it does not end with
#: ``:`` or a space (words are separated by single spaces)
_PLAIN = re.compile(r"[A-Za-z0-9_./$(~](?:[A-Za-z0-9_./$@+=~()%^;?*&!<>\-]|:(?=[^ :])| (?=[^ #]))*")


def plain_keeps_type(text: str) -> bool:
    """Whether ``text`` written as a YAML plain scalar reads back as the same
    string (and YAML 1.1 tools would not read it as something else)."""
    from nflint.load import yamlscalar  # noqa: PLC0415 - only for YAML files

    if not _PLAIN.fullmatch(text):
        return False
    value, note = yamlscalar.resolve(text)
    return value == text and note is None


def string(value: str, fmt: Format, style: str = '"', ascii_only: bool = False) -> str:
    """``value`` as a string scalar; ``style`` is the style of the scalar it
    replaces ('' plain, ``'``, ``"``)."""
    if fmt == "json":
        return json.dumps(value, ensure_ascii=ascii_only)
    if style == "" and plain_keeps_type(value):
        return value
    if style == "'" and "\n" not in value and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


def value(data: object, fmt: Format, style: str = '"') -> str:
    """Any JSON value as a scalar of the file (strings as in `string`)."""
    if isinstance(data, str):
        return string(data, fmt, style)
    return json.dumps(data)


def ascii_only(text: str) -> bool:
    """Whether a JSON file writes non-ASCII characters as ``\\u`` escapes
    (it is all ASCII and holds at least one such escape)."""
    return text.isascii() and "\\u" in text
