"""libyaml's errors -> messages that name the mistake where it was made:
a tab in the indentation, a quoted string never closed, a flow collection
missing its ``,``, a character YAML does not allow."""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from nflint.load.source import LineIndex


class Explained(NamedTuple):
    """A syntax error: offsets, the message and a hint; ``limit`` when it is
    libyaml's own nesting limit rather than a mistake."""

    message: str
    start: int
    end: int
    hint: str | None = None
    limit: bool = False


def explain(text: str, exc: yaml.YAMLError) -> Explained:
    """What went wrong, for any error PyYAML raises while parsing ``text``."""
    if isinstance(exc, yaml.MarkedYAMLError):
        return _marked(text, exc)
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        index = _char_offset(text, int(exc.position))
        return Explained(
            f"invalid YAML: the character U+{int(exc.character):04X} is not allowed",
            index,
            index + 1,
        )
    first = str(exc).splitlines()[0] if str(exc) else "unknown error"  # no mark
    return Explained(f"invalid YAML: {first}", 0, 1)


def _marked(text: str, exc: yaml.MarkedYAMLError) -> Explained:
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    index = int(mark.index) if mark is not None else 0
    if "maximum nesting depth" in problem:
        return Explained(problem, index, index + 1, limit=True)
    tab = _tab(text, index, problem)
    if tab is not None:
        return tab
    reserved = text[index : index + 1]
    if reserved in ("@", "`") and "cannot start any token" in problem:
        return Explained(
            f"invalid YAML: a value cannot start with {reserved} unquoted "
            "(YAML reserves the character)",
            index,
            index + 1,
            "quote the value",
        )
    alias = _alias(text, index, context)
    if alias is not None:
        return alias
    opened = exc.context_mark
    if "quoted scalar" in context and "end of stream" in problem and opened is not None:
        at = int(opened.index)
        quote_char = text[at : at + 1] or '"'
        return Explained(
            f"invalid YAML: unterminated string: the quoted string that starts here "
            f"has no closing {quote_char}",
            at,
            at + 1,
            f"add the closing {quote_char}",
        )
    flow = re.match(r"did not find expected ',' or '([\]}])'", problem)
    if flow and opened is not None:
        what = "flow sequence [" if flow.group(1) == "]" else "flow mapping {"
        start = LineIndex(text).position(int(opened.index))
        return Explained(
            f"invalid YAML: expected ',' or '{flow.group(1)}' before this (in the {what} "
            f"that opens at line {start.line}, column {start.column})",
            index,
            index + 1,
            "separate the items with ',' and close the brackets",
        )
    what = problem or context or "invalid YAML"
    if context and problem:
        what = f"{problem} ({context})"
    return Explained(f"invalid YAML: {what}", index, index + 1)


def _alias(text: str, index: int, context: str) -> Explained | None:
    """An unquoted value that starts with ``*`` or ``&`` (a cron schedule,
    a glob): YAML reads an alias or an anchor name and stops at the first
    character a name cannot hold."""
    for what, mark in (("alias", "*"), ("anchor", "&")):
        if f"while scanning an {what}" not in context:
            continue
        start = text.rfind(mark, 0, index + 1)
        if start < 0:
            return None
        return Explained(
            f"invalid YAML: a value that starts with {mark} unquoted is read as an {what}",
            start,
            start + 1,
            "quote the value (a cron schedule: '*/10 * * * *')"
            if mark == "*"
            else "quote the value",
        )
    return None


def _tab(text: str, index: int, problem: str) -> Explained | None:
    """A tab where YAML wants spaces: at the error mark, or in the
    indentation of the error's line."""
    if text[index : index + 1] != "\t" and "tab" not in problem:
        return None
    lines = LineIndex(text)
    line = lines.position(index).line
    start = lines.offset(line)
    indent = len(text) - start - len(text[start:].lstrip(" \t"))
    tab = text.find("\t", start, start + indent)
    if tab < 0:
        if text[index : index + 1] != "\t":
            return None
        return Explained(
            f"invalid YAML: a tab character at column {lines.position(index).column}, "
            "where YAML does not allow one",
            index,
            index + 1,
            "replace the tab with spaces",
        )
    return Explained(
        f"invalid YAML: a tab character in the indentation at column "
        f"{lines.position(tab).column}; YAML indents with spaces only",
        tab,
        tab + 1,
        "replace the tab with spaces",
    )


def anchor_hint(text: str, name: str, after: int) -> str:
    """What to do about ``*name`` without an anchor before it."""
    later = re.search(r"&" + re.escape(name) + r"(?=[\s,\]}]|$)", text[after:])
    if later is not None:
        return f"the anchor &{name} comes after this alias; YAML needs it before its first alias"
    return f"mark the value to reuse with &{name} before this alias, or fix the alias's name"


def _char_offset(text: str, byte_offset: int) -> int:
    """The character offset of a byte offset into ``text`` encoded as UTF-8."""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))
