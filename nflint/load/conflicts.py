"""Merge-conflict markers left in a file (``<<<<<<<``, ``=======``,
``>>>>>>>``): the real cause of the parse error they bring, in JSON and
YAML alike, named at the ``<<<<<<<`` line."""

from __future__ import annotations

import re
from typing import NamedTuple

from nflint.load.source import LineIndex

#: a marker line: seven characters at the start of a line, then a label or the line's end
_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?=[ \t\r\n]|$)", re.MULTILINE)


class Conflict(NamedTuple):
    """Where the first marker is (offsets of its seven characters) and what to say."""

    start: int
    end: int
    message: str
    hint: str


def find(text: str, index: LineIndex) -> Conflict | None:
    """The merge conflict in ``text``, if a marker line is there. Called
    only for text that does not parse: a marker at the start of a line
    breaks both JSON and YAML."""
    if "<<<<<<<" not in text and "=======" not in text and ">>>>>>>" not in text:
        return None
    markers = [(m.start(), m.group(1)[0]) for m in _MARKER.finditer(text)]
    if not markers:
        return None
    opening = next((at for at, kind in markers if kind == "<"), None)
    at = opening if opening is not None else markers[0][0]
    first_line = index.position(at).line
    closing = next((m for m, kind in markers if kind == ">" and m > at), None)
    if opening is not None and closing is not None:
        last_line = index.position(closing).line
        what = f"an unresolved merge conflict (lines {first_line} to {last_line})"
    else:
        what = "a line left over from a merge conflict"
    return Conflict(
        at,
        at + 7,
        f"merge conflict marker: the file holds {what}",
        "keep the lines you want, then delete the <<<<<<<, ======= and >>>>>>> lines",
    )
