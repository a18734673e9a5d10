"""A scalar written as the wrong literal: the literal to write instead.

One mistake, one finding: ``paused: off`` in YAML is the string "off" (YAML
1.2, like Northflank's JSON) where a boolean is expected; ``apiVersion: 1.2``
is a number where a string is expected. The schema finding at that value
(NF103, or NF104 when the place has a list of allowed values) carries the
literal to write, as its hint (``write false``, ``write "v1.2"``) and as
structured data (`Intended`, kept on the finding as a `Fix` whose edit
replaces the value as written).

Only values written plainly count: a quoted ``'no'`` or ``"1.2"`` was meant
as text, and an alias or a container is not a literal. One more YAML
look-alike: ``color: #ff0000`` is a key with no value and a comment, so the
value is null; when a string is wanted and the comment is one word glued to
its ``#``, that word was the value meant (``write "#ff0000"``). The other
way round, a quoted JSON literal where only numbers or booleans are allowed
(``"instances": "2"``) was meant without its quotes (``write 2``).
"""

from __future__ import annotations

import dataclasses
import re
from typing import NamedTuple

from nflint.diagnostics import Applicability, Diagnostic, Edit, Fix
from nflint.load.loader import Document
from nflint.load.yamlscalar import yaml11_boolean
from nflint.messages import did_you_mean, quote


class Intended(NamedTuple):
    """The value meant, the literal that writes it, and where it goes
    (character offsets of the value as written)."""

    value: object
    literal: str
    start: int
    end: int
    why: str = ""

    @property
    def hint(self) -> str:
        return f"{self.why}write {self.literal}"

    def fix(self) -> Fix:
        """The repair: replace the value as written with the literal. Unsafe
        (applied only when asked): it changes the value the file holds."""
        edit = Edit(self.start, self.end, self.literal)
        return Fix(Applicability.UNSAFE, self.hint, (edit,))


def attach(found: Diagnostic, intended: Intended | None) -> Diagnostic:
    """``found`` with the literal to write as its hint and fix, when one is known."""
    if intended is None:
        return found
    return dataclasses.replace(found, hint=intended.hint, fix=intended.fix())


def for_type(doc: Document, pointer: str, value: object, expected: object) -> Intended | None:
    """The literal meant where a value of the ``expected`` JSON type(s) is
    wanted and ``value`` was read: a YAML 1.1 boolean (``off``) where a
    boolean is wanted, a number or boolean where a string is wanted (the
    text as written: ``1.10`` -> ``"1.10"``)."""
    names = expected if isinstance(expected, list) else [expected]
    if value is None and "string" in names and doc.format == "yaml":
        return _commented(doc, pointer)
    unquoted = _unquoted(doc, pointer, value, names) if isinstance(value, str) else None
    if unquoted is not None and "string" not in names:
        return unquoted
    written = _written(doc, pointer, value)
    if written is None:
        return None
    text, start, end = written
    if "boolean" in names and isinstance(value, str):
        meant = yaml11_boolean(text) if doc.format == "yaml" else None
        if meant is not None:
            return Intended(meant, "true" if meant else "false", start, end)
    if "string" in names and isinstance(value, (bool, int, float)):
        return Intended(text, quote(text, limit=None), start, end)
    return None


#: a quoted number whose quotes make it a string: JSON's integer and number
#: syntax (no leading zeros, no ``+``, no hex: ``"08"`` stays unexplained)
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _unquoted(doc: Document, pointer: str, value: str, names: list[object]) -> Intended | None:
    """The number or boolean meant by a quoted string where only numbers or
    booleans are wanted (``"instances": "2"`` -> ``2``, ``"public": "true"``
    -> ``true``): the same text without its quotes."""
    meant: object
    if "integer" in names and _INTEGER.fullmatch(value):
        meant = int(value)
    elif "number" in names and _NUMBER.fullmatch(value):
        meant = float(value)
    elif "boolean" in names and value in ("true", "false"):
        meant = value == "true"
    else:
        return None
    entry = doc.source_map.entry(pointer)
    if entry is None or entry.style not in ('"', "'"):
        return None
    written = doc.source_map.index.text[entry.start : entry.end]
    if written[1:-1] != value:
        return None  # escapes inside the quotes: leave it to the reader
    return Intended(meant, value, entry.start, entry.end)


def for_choice(
    doc: Document, pointer: str, value: object, allowed: list[object]
) -> Intended | None:
    """The allowed string meant by a number or boolean written plainly: the
    text as written when it is allowed, else the allowed value closest to
    it (``1.2`` -> ``"v1.2"``)."""
    if not isinstance(value, (bool, int, float)):
        return None
    written = _written(doc, pointer, value)
    if written is None:
        return None
    text, start, end = written
    choices = [a for a in allowed if isinstance(a, str)]
    meant = text if text in choices else did_you_mean(text, choices)
    if meant is None:
        return None
    return Intended(meant, quote(meant, limit=None), start, end)


def _written(doc: Document, pointer: str, value: object) -> tuple[str, int, int] | None:
    """The text of a scalar written without quotes, and its offsets."""
    if value is None or isinstance(value, (dict, list)):
        return None
    entry = doc.source_map.entry(pointer)
    if entry is None or entry.style != "" or entry.end <= entry.start:
        return None
    return doc.source_map.index.text[entry.start : entry.end], entry.start, entry.end


#: the rest of a line after an empty value: one comment word glued to its #
_COMMENT_WORD = re.compile(r"([ \t]+)(#\S+)[ \t]*\r?")


def _commented(doc: Document, pointer: str) -> Intended | None:
    """The string meant by an empty YAML value followed by a one-word
    comment (``color: #ff0000``): the comment, quoted. A comment with a
    space after its ``#`` (``description:  # TODO``) is a real comment."""
    entry = doc.source_map.entry(pointer)
    if entry is None or entry.end != entry.start:
        return None
    text = doc.source_map.index.text
    line_end = text.find("\n", entry.start)
    rest = text[entry.start : len(text) if line_end < 0 else line_end]
    found = _COMMENT_WORD.fullmatch(rest)
    if found is None:
        return None
    start = entry.start + len(found.group(1))
    word = found.group(2)
    why = '"#" starts a comment in YAML, so the value is empty; '
    return Intended(word, quote(word, limit=None), start, start + len(word), why)
