"""YAML text -> JSON-like data and a source map, from one pass over the
parser's events (libyaml's C parser where present).

Decisions, each because the platform reads JSON:
- Plain scalars resolve by the YAML 1.2 core schema: `true`/`false`, `null`,
  decimal/hex/octal integers, floats. Everything else stays the string the
  user wrote: dates, `yes`/`no`/`on`/`off`, `010`. The YAML 1.1 look-alikes are
  reported (NF005) so nobody is surprised when another tool reads them.
- Duplicate keys are reported, never silently dropped (the last one wins, as in
  JSON.parse).
- An alias maps to the position of its use, not of the anchor.
- Alias expansion and nesting depth are bounded (billion laughs): aliases
  may add at most `limits.MAX_ALIAS_VALUES` values to a document, a document
  may hold at most `limits.MAX_NODES`, and nothing may nest deeper than
  `limits.MAX_DEPTH` levels, counted through aliases too. libyaml refuses more than 1,000
  levels by itself, before any of this runs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from nflint.load import pointer as jp
from nflint.load.limits import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_NODES
from nflint.load.sourcemap import Entry
from nflint.messages import quote

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)$")
_HEX = re.compile(r"0x[0-9a-fA-F]+$")
_OCT = re.compile(r"0o[0-7]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"\.(nan|NaN|NAN)$")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML11_BOOL = frozenset(
    w
    for base in ("yes", "no", "on", "off", "y", "n")
    for w in (base, base.capitalize(), base.upper())
)
_YAML11_NUMBER = re.compile(
    r"[-+]?(0[0-9_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|0b[01_]+|[0-9]+(_[0-9]+)+)$"
)
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Something to report about the YAML text: offsets and a message."""

    kind: str  # "parse", "duplicate", "implicit", "limit", "key"
    message: str
    pointer: str
    start: int
    end: int
    related: tuple[int, int] | None = None


@dataclass(slots=True)
class YamlDocument:
    data: object
    entries: dict[str, Entry]
    problems: list[YamlProblem]
    start: int


def _resolve(value: str, tag: str | None, plain: bool) -> tuple[object, str | None]:
    """The JSON value of a scalar, and a note when YAML 1.1 would differ."""
    if tag == _STR_TAG or not plain:
        return value, None
    if value in _NULL:
        return None, None
    if value in _TRUE:
        return True, None
    if value in _FALSE:
        return False, None
    if _INT.match(value):
        return _int(value), None
    if _HEX.match(value):
        return int(value, 16), None
    if _OCT.match(value):
        return int(value[2:], 8), None
    if _YAML11_NUMBER.match(value):
        return value, f"kept as the string {quote(value)}; YAML 1.1 tools read it as a number"
    if _FLOAT.match(value):
        return float(value), None
    if _INF.match(value):
        return (-math.inf if value.startswith("-") else math.inf), None
    if _NAN.match(value):
        return math.nan, None
    if value in _YAML11_BOOL:
        return value, f"kept as the string {quote(value)}; YAML 1.1 tools read it as a boolean"
    return value, None


def _int(text: str) -> int | float:
    """A decimal integer; past Python's 4,300-digit guard, the float that
    JavaScript would read (JSON numbers have no size limit)."""
    try:
        return int(text)
    except ValueError:
        return float(text)


class _Frame:
    __slots__ = (
        "container",
        "depth",
        "height",
        "key",
        "key_span",
        "pointer",
        "seen",
        "start",
        "weight",
    )

    def __init__(
        self, container: dict[str, object] | list[object], pointer: str, depth: int, start: int
    ) -> None:
        self.container = container
        self.start = start
        self.pointer = pointer
        self.depth = depth
        self.key: str | None = None
        self.key_span: tuple[int, int] = (-1, -1)
        self.seen: dict[str, tuple[int, int]] = {}
        self.weight = 1
        #: levels of containers below this one (0: none)
        self.height = 0


def load(text: str) -> list[YamlDocument] | YamlProblem:
    """All documents in ``text``, or the first parse error."""
    docs: list[YamlDocument] = []
    loader = _Loader(text)
    try:
        while True:
            event: Any = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                docs.append(_document(loader, _start(event)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        index = mark.index if mark is not None else 0
        what = exc.problem or exc.context or "invalid YAML"
        if "maximum nesting depth" in what:  # libyaml's own limit, 1,000 levels
            why = f"the document nests deeper than {MAX_DEPTH} levels"
            return _limit(why, "", index, index + 1)
        if exc.context and exc.problem:
            what = f"{exc.problem} ({exc.context})"
        return YamlProblem("parse", f"invalid YAML: {what}", "", index, index + 1)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        index = _char_offset(text, int(exc.position))
        return YamlProblem(
            "parse",
            f"invalid YAML: the character U+{int(exc.character):04X} is not allowed",
            "",
            index,
            index + 1,
        )
    except yaml.YAMLError as exc:  # other errors without a mark
        first = str(exc).splitlines()[0] if str(exc) else "unknown error"
        return YamlProblem("parse", f"invalid YAML: {first}", "", 0, 1)
    finally:
        loader.dispose()
    return docs


def _char_offset(text: str, byte_offset: int) -> int:
    """The character offset of a byte offset into ``text`` encoded as UTF-8."""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def _limit(message: str, pointer: str, start: int, end: int) -> YamlProblem:
    return YamlProblem("limit", f"{message}; nflint does not lint it", pointer, start, end)


def _document(loader: Any, start: int) -> YamlDocument:  # noqa: C901, PLR0915
    entries: dict[str, Entry] = {}
    problems: list[YamlProblem] = []
    #: anchor -> (value, values in it, levels of containers in it)
    anchors: dict[str, tuple[object, int, int]] = {}
    stack: list[_Frame] = []
    result: object = None
    total = 0
    aliased = 0
    anchor_of: dict[int, str] = {}

    def place(value: object, weight: int, entry: Entry, height: int = 0) -> None:
        nonlocal result
        if not stack:
            entry_ptr = ""
            entries[entry_ptr] = entry
            result = value
            return
        frame = stack[-1]
        frame.weight += weight
        frame.height = max(frame.height, height)
        if isinstance(frame.container, list):
            ptr = jp.join(frame.pointer, len(frame.container))
            frame.container.append(value)
            entries[ptr] = entry
            return
        if frame.key is None:  # this value is a key
            if isinstance(value, (dict, list)):
                problems.append(
                    YamlProblem(
                        "key",
                        "a mapping key must be a string, not a "
                        + ("mapping" if isinstance(value, dict) else "sequence"),
                        frame.pointer,
                        entry.start,
                        entry.end,
                    )
                )
                frame.key, frame.key_span = "\0invalid", (entry.start, entry.end)
                return
            key = _key_text(value)
            frame.key, frame.key_span = key, (entry.start, entry.end)
            return
        key, (ks, ke) = frame.key, frame.key_span
        frame.key = None
        if key == "\0invalid":
            return
        ptr = jp.join(frame.pointer, key)
        if key == "<<" and entry.style in ("alias", "") and isinstance(value, (dict, list)):
            _merge(frame.container, value)
            return
        if key in frame.seen:
            first = frame.seen[key]
            problems.append(
                YamlProblem(
                    "duplicate",
                    f"the key {quote(key, limit=None)} is already defined",
                    ptr,
                    ks,
                    ke,
                    first,
                )
            )
        frame.seen[key] = (ks, ke)
        assert isinstance(frame.container, dict)
        frame.container[key] = value
        entry.key_start, entry.key_end = ks, ke
        entries[ptr] = entry

    def child_pointer() -> str:
        if not stack:
            return ""
        frame = stack[-1]
        if isinstance(frame.container, list):
            return jp.join(frame.pointer, len(frame.container))
        return jp.join(frame.pointer, frame.key) if frame.key is not None else frame.pointer

    while True:
        event: Any = loader.get_event()
        if isinstance(event, yaml.DocumentEndEvent):
            break
        if isinstance(event, yaml.ScalarEvent):
            plain = event.style in (None, "")
            tag = None if event.tag in (None, "!") else event.tag
            value, note = _resolve(event.value, tag, plain)
            s, e = _start(event), _end(event)
            is_key = bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None
            if note and not is_key:
                problems.append(YamlProblem("implicit", note, child_pointer(), s, e))
            style = "" if plain else str(event.style)
            total += 1
            if event.anchor:
                anchors[event.anchor] = (value, 1, 0)
            place(value, 1, Entry(s, e, style=style))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth = stack[-1].depth + 1 if stack else 1
            ptr = child_pointer()
            if depth > MAX_DEPTH:
                problems.append(
                    _limit(
                        f"the document nests deeper than {MAX_DEPTH} levels",
                        ptr,
                        _start(event),
                        _start(event) + 1,
                    )
                )
                _drain(loader, len(stack) + 1)
                return YamlDocument(None, entries, problems, start)
            container: dict[str, object] | list[object] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            stack.append(_Frame(container, ptr, depth, _start(event)))
            if event.anchor:
                anchor_of[id(container)] = event.anchor
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            total += 1
            height = frame.height + 1
            if id(frame.container) in anchor_of:
                anchors[anchor_of.pop(id(frame.container))] = (
                    frame.container,
                    frame.weight,
                    height,
                )
            place(frame.container, frame.weight, Entry(frame.start, _end(event)), height)
        elif isinstance(event, yaml.AliasEvent):
            s, e = _start(event), _end(event)
            if event.anchor not in anchors:
                problems.append(
                    YamlProblem(
                        "parse",
                        "invalid YAML: found undefined alias "
                        + quote(str(event.anchor), limit=None),
                        child_pointer(),
                        s,
                        e,
                    )
                )
                place(None, 1, Entry(s, e, style="alias"))
                continue
            value, weight, height = anchors[event.anchor]
            total += weight
            aliased += weight
            deepest = (stack[-1].depth if stack else 0) + height
            if aliased > MAX_ALIAS_VALUES or total > MAX_NODES or deepest > MAX_DEPTH:
                if deepest > MAX_DEPTH:
                    why = f"this alias nests the document deeper than {MAX_DEPTH} levels"
                elif aliased > MAX_ALIAS_VALUES:
                    why = (
                        f"aliases add more than {MAX_ALIAS_VALUES:,} values to the "
                        "document (an alias bomb?)"
                    )
                else:
                    why = f"aliases expand the document beyond {MAX_NODES:,} values"
                problems.append(_limit(why, child_pointer(), s, e))
                _drain(loader, len(stack))
                return YamlDocument(None, entries, problems, start)
            place(value, weight, Entry(s, e, style="alias"), height)
    return YamlDocument(result, entries, problems, start)


def _start(event: Any) -> int:
    return int(event.start_mark.index)


def _end(event: Any) -> int:
    return int(event.end_mark.index)


def _drain(loader: Any, depth: int) -> None:
    """Skip the rest of the current document."""
    while True:
        event: Any = loader.get_event()
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.DocumentEndEvent):
            return


def _key_text(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _merge(target: dict[str, object], source: dict[str, object] | list[object]) -> None:
    sources = source if isinstance(source, list) else [source]
    for item in sources:
        if isinstance(item, dict):
            for key, value in item.items():
                target.setdefault(key, value)


def resolve_plain(text: str) -> tuple[object, str | None]:
    """The value of ``text`` written as a plain scalar, and the note when
    YAML 1.1 tools would read it differently (None: they agree)."""
    return _resolve(text, None, True)
