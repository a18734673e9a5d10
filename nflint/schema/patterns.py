"""What a ``pattern`` mismatch says (the failure path of `nflint.schema.errors`).

Three cases, most specific first:

- a template expression (``${refs.db.id}``) where the reference documents
  no expression: the text is not the mistake, the place may be; a warning,
  since whether Northflank resolves it before checking is not documented;
- a pattern that is one character class repeated (the description's
  ``^[a-zA-Z0-9.,?...]+$``): the first character outside it, named with
  its place in the value (``"+" (character 45) is not allowed``): a long
  value is shown shortened in the middle, where the character may be;
- any other pattern: the value and the pattern.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from nflint import messages as msg
from nflint.load.loader import Document
from nflint.schema import places
from nflint.schema.ecmaregex import search

#: a pattern that is one character class repeated, start to end
_CLASS_RUN = re.compile(r"\^(\[(?:\\.|[^\]\\])*\])(?:[+*]|\{\d+(?:,\d*)?\})\$")


class Mismatch(NamedTuple):
    """A pattern finding's message and hint; ``doubtful``: a warning, not an
    error."""

    message: str
    hint: str
    doubtful: bool = False


def explain(error: Any, doc: Document, pointer: str) -> Mismatch:
    """The message and hint of a ``pattern`` error at ``pointer``."""
    value, pattern = error.instance, error.validator_value
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    what = title or f"a valid {places.field(error)} value"
    where = places.where(doc, pointer)
    expected = f"expected a match for {pattern}"
    if isinstance(value, str) and "${" in value:
        return Mismatch(
            f"{msg.quote(value)} is a template expression, but Northflank documents "
            f"none for {msg.quote(places.field(error))}{where}, which takes {what}",
            f"write the value itself, or check that Northflank resolves the expression "
            f"here ({expected})",
            doubtful=True,
        )
    bad = first_outside(pattern, value) if isinstance(value, str) else None
    if bad is not None:
        return Mismatch(
            f"{msg.quote(value)} is not {what}{where}: {msg.quote(value[bad])} "
            f"(character {bad + 1}) is not allowed",
            expected,
        )
    return Mismatch(f"{msg.quote(value)} is not {what}{where}", expected)


def first_outside(pattern: str, value: str) -> int | None:
    """The index of the first character of ``value`` outside ``pattern``'s
    one character class (ECMAScript semantics); None when ``pattern`` is not
    such a run or every character is in it."""
    found = _CLASS_RUN.fullmatch(pattern)
    if found is None:
        return None
    one = f"^{found.group(1)}$"
    for index, char in enumerate(value):
        if not search(one, char):
            return index
    return None
