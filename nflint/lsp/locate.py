"""What is under the cursor: the document, the JSON pointer, whether the
cursor is on a key or a value, and inside a string the ``${...}`` expression
and the reference or call at that character."""

from __future__ import annotations

import bisect
from typing import NamedTuple

from nflint.analysis.expression_model import Call, Expression, Reference
from nflint.analysis.expressions import parse
from nflint.load import strpos
from nflint.load.loader import Document
from nflint.load.sourcemap import Entry
from nflint.lsp.state import Snapshot


class Place(NamedTuple):
    number: int
    doc: Document
    pointer: str
    entry: Entry
    on_key: bool
    #: in a string value: the index of the character in the decoded string
    char: int | None = None
    expression: Expression | None = None
    reference: Reference | None = None
    call: Call | None = None


def at(snapshot: Snapshot, offset: int) -> Place | None:
    number = snapshot.document_at(offset)
    if number is None:
        return None
    doc = snapshot.documents[number]
    best: tuple[int, str, Entry, bool] | None = None
    for pointer, entry in doc.source_map.items():
        if 0 <= entry.key_start <= offset <= entry.key_end:
            size = entry.key_end - entry.key_start
            if best is None or size < best[0]:
                best = (size, pointer, entry, True)
        if entry.start <= offset <= entry.end:
            size = entry.end - entry.start
            if best is None or size < best[0]:
                best = (size, pointer, entry, False)
    if best is None:
        return None
    _, pointer, entry, on_key = best
    place = Place(number, doc, pointer, entry, on_key)
    return place if on_key else _in_string(place, offset)


def _in_string(place: Place, offset: int) -> Place:
    offsets = strpos.raw_offsets(place.doc, place.pointer)
    if offsets is None:
        return place
    index = max(0, min(bisect.bisect_right(offsets, offset) - 1, len(offsets) - 1))
    if offset > offsets[-1]:
        index = len(offsets) - 1
    place = place._replace(char=index)
    value = value_of(place)
    if not isinstance(value, str) or "${" not in value:
        return place
    for expression in parse(value):
        if expression.start <= index <= expression.end:
            reference = next((r for r in expression.references if r.start <= index <= r.end), None)
            call = next((c for c in expression.calls if c.start <= index <= c.name_end), None)
            return place._replace(expression=expression, reference=reference, call=call)
    return place


def value_of(place: Place) -> object:
    from nflint.load import pointer as jp  # noqa: PLC0415

    try:
        return jp.resolve(place.doc.data, place.pointer)
    except LookupError:
        return None


def decoded_range(doc: Document, pointer: str, start: int, end: int) -> tuple[int, int] | None:
    """File offsets of characters ``start:end`` of the string at ``pointer``
    (None when the string cannot be mapped exactly)."""
    offsets = strpos.raw_offsets(doc, pointer)
    if offsets is None or not 0 <= start <= end < len(offsets):
        return None
    if start == end:
        return offsets[start], offsets[start]
    return offsets[start], offsets[end - 1] + 1
