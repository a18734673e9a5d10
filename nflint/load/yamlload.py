"""YAML text -> JSON-like data and a source map, from one pass over the
parser's events (libyaml's C parser where present).

Decisions, each because the platform reads JSON:
- Plain scalars resolve by the YAML 1.2 core schema (`nflint.load.yamlscalar`);
  the YAML 1.1 look-alikes are reported (NF005) so nobody is surprised when
  another tool reads them.
- Duplicate keys are reported, never silently dropped (the last one wins, as in
  JSON.parse).
- An alias maps to the position of its use, not of the anchor. An alias
  without an anchor is one parse error per name, and its document is not
  linted (YAML cannot compose it).
- Alias expansion and nesting depth are bounded (billion laughs): aliases
  may add at most `limits.MAX_ALIAS_VALUES` values to a document, a document
  may hold at most `limits.MAX_NODES`, and nothing may nest deeper than
  `limits.MAX_DEPTH` levels, counted through aliases too. libyaml refuses more than 1,000
  levels by itself, before any of this runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from nflint.load import pointer as jp
from nflint.load.limits import MAX_ALIAS_VALUES, MAX_DEPTH, MAX_NODES
from nflint.load.sourcemap import Entry
from nflint.load.yamlscalar import STR_TAG, key_text, resolve
from nflint.messages import quote

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

#: the key of a mapping entry whose key is not a scalar (the entry is skipped)
_INVALID_KEY = "\0invalid"


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Something to report about the YAML text: offsets and a message."""

    kind: str  # "parse", "duplicate", "implicit", "limit", "key"
    message: str
    pointer: str
    start: int
    end: int
    related: tuple[int, int] | None = None
    hint: str | None = None


@dataclass(slots=True)
class YamlDocument:
    data: object
    entries: dict[str, Entry]
    problems: list[YamlProblem]


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
                docs.append(_Builder(loader, text).build())
    except yaml.YAMLError as exc:
        return _syntax_problem(text, exc)
    finally:
        loader.dispose()
    return docs


def _syntax_problem(text: str, exc: yaml.YAMLError) -> YamlProblem:
    from nflint.load import yamlerrors  # noqa: PLC0415 - only for a file that does not parse

    found = yamlerrors.explain(text, exc)
    if found.limit:  # libyaml's own nesting limit, 1,000 levels
        why = f"the document nests deeper than {MAX_DEPTH} levels"
        return _limit(why, "", found.start, found.end)
    return YamlProblem("parse", found.message, "", found.start, found.end, hint=found.hint)


def _limit(message: str, pointer: str, start: int, end: int) -> YamlProblem:
    return YamlProblem("limit", f"{message}; nflint does not lint it", pointer, start, end)


class _Frame:
    """A mapping or sequence being built."""

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
        #: the key whose value comes next (None: the next scalar is a key)
        self.key: str | None = None
        self.key_span: tuple[int, int] = (-1, -1)
        #: key -> where it was first written, for duplicates
        self.seen: dict[str, tuple[int, int]] = {}
        #: values in it (itself included), for the alias limits
        self.weight = 1
        #: levels of containers below this one (0: none)
        self.height = 0


class _Builder:
    """Builds one document from the parser's events, one method per event
    kind. A method returns True when the rest of the document is skipped (a
    limit or an undefined alias)."""

    __slots__ = (
        "aliased",
        "anchor_of",
        "anchors",
        "entries",
        "loader",
        "problems",
        "result",
        "stack",
        "text",
        "total",
        "undefined",
    )

    def __init__(self, loader: Any, text: str) -> None:
        self.loader = loader
        self.text = text
        self.entries: dict[str, Entry] = {}
        self.problems: list[YamlProblem] = []
        #: anchor -> (value, values in it, levels of containers in it)
        self.anchors: dict[str, tuple[object, int, int]] = {}
        #: id(container) -> the anchor it will be known by once complete
        self.anchor_of: dict[int, str] = {}
        self.stack: list[_Frame] = []
        self.result: object = None
        self.total = 0
        self.aliased = 0
        #: undefined alias name -> its problem, uses so far
        self.undefined: dict[str, tuple[YamlProblem, int]] = {}

    def build(self) -> YamlDocument:
        handlers = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.mapping_start,
            yaml.SequenceStartEvent: self.sequence_start,
            yaml.MappingEndEvent: self.collection_end,
            yaml.SequenceEndEvent: self.collection_end,
            yaml.AliasEvent: self.alias,
        }
        get_event = self.loader.get_event
        while True:
            event: Any = get_event()
            handler = handlers.get(type(event))
            if handler is None:
                if isinstance(event, yaml.DocumentEndEvent):
                    break
                continue
            if handler(event):
                _drain(self.loader)
                return YamlDocument(None, self.entries, self.problems)
        self._report_undefined()
        return YamlDocument(self.result, self.entries, self.problems)

    # -- one method per event kind ----------------------------------------------------

    def scalar(self, event: Any) -> bool:
        s, e = event.start_mark.index, event.end_mark.index
        if event.style is None or event.style == "":
            style = ""
            if event.tag == STR_TAG:
                value: object = event.value
            else:
                value, note = resolve(event.value)
                if note and not self._at_key():
                    self.problems.append(YamlProblem("implicit", note, self._child_pointer(), s, e))
        else:  # quoted or a block scalar: the text as written
            value, style = event.value, str(event.style)
        self.total += 1
        if event.anchor:
            self.anchors[event.anchor] = (value, 1, 0)
        self._place(value, 1, Entry(s, e, style=style))
        return False

    def mapping_start(self, event: Any) -> bool:
        return self._open({}, event)

    def sequence_start(self, event: Any) -> bool:
        return self._open([], event)

    def collection_end(self, event: Any) -> bool:
        frame = self.stack.pop()
        self.total += 1
        height = frame.height + 1
        anchor = self.anchor_of.pop(id(frame.container), None)
        if anchor is not None:
            self.anchors[anchor] = (frame.container, frame.weight, height)
        self._place(frame.container, frame.weight, Entry(frame.start, event.end_mark.index), height)
        return False

    def alias(self, event: Any) -> bool:
        s, e = event.start_mark.index, event.end_mark.index
        name = str(event.anchor)
        if name not in self.anchors:
            self._undefined(name, s, e)
            self._place(None, 1, Entry(s, e, style="alias"))
            return False
        value, weight, height = self.anchors[name]
        self.total += weight
        self.aliased += weight
        deepest = (self.stack[-1].depth if self.stack else 0) + height
        if deepest > MAX_DEPTH:
            why = f"this alias nests the document deeper than {MAX_DEPTH} levels"
        elif self.aliased > MAX_ALIAS_VALUES:
            why = (
                f"aliases add more than {MAX_ALIAS_VALUES:,} values to the document "
                "(an alias bomb?)"
            )
        elif self.total > MAX_NODES:
            why = f"aliases expand the document beyond {MAX_NODES:,} values"
        else:
            self._place(value, weight, Entry(s, e, style="alias"), height)
            return False
        self.problems.append(_limit(why, self._child_pointer(), s, e))
        return True

    # -- building -----------------------------------------------------------------------

    def _open(self, container: dict[str, object] | list[object], event: Any) -> bool:
        depth = self.stack[-1].depth + 1 if self.stack else 1
        pointer = self._child_pointer()
        start = event.start_mark.index
        if depth > MAX_DEPTH:
            why = f"the document nests deeper than {MAX_DEPTH} levels"
            self.problems.append(_limit(why, pointer, start, start + 1))
            return True
        self.stack.append(_Frame(container, pointer, depth, start))
        if event.anchor:
            self.anchor_of[id(container)] = event.anchor
        return False

    def _at_key(self) -> bool:
        """Whether the next value is a mapping key."""
        stack = self.stack
        return bool(stack) and stack[-1].key is None and type(stack[-1].container) is dict

    def _child_pointer(self) -> str:
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return jp.join(frame.pointer, len(frame.container))
        return jp.join(frame.pointer, frame.key) if frame.key is not None else frame.pointer

    def _place(self, value: object, weight: int, entry: Entry, height: int = 0) -> None:
        """Put a complete value where it belongs: the root, a list item, a
        mapping key or a mapping value."""
        if not self.stack:
            self.entries[""] = entry
            self.result = value
            return
        frame = self.stack[-1]
        frame.weight += weight
        frame.height = max(frame.height, height)
        container = frame.container
        if isinstance(container, list):
            self.entries[jp.join(frame.pointer, len(container))] = entry
            container.append(value)
        elif frame.key is None:
            self._set_key(frame, value, entry)
        else:
            self._set_value(frame, container, value, entry)

    def _set_key(self, frame: _Frame, value: object, entry: Entry) -> None:
        frame.key_span = (entry.start, entry.end)
        if isinstance(value, (dict, list)):
            what = "mapping" if isinstance(value, dict) else "sequence"
            self.problems.append(
                YamlProblem(
                    "key",
                    f"a mapping key must be a string, not a {what}",
                    frame.pointer,
                    entry.start,
                    entry.end,
                )
            )
            frame.key = _INVALID_KEY
        else:
            frame.key = key_text(value)

    def _set_value(
        self, frame: _Frame, container: dict[str, object], value: object, entry: Entry
    ) -> None:
        key, (ks, ke) = frame.key, frame.key_span
        frame.key = None
        if key is None or key == _INVALID_KEY:
            return
        pointer = jp.join(frame.pointer, key)
        if key == "<<" and entry.style in ("alias", "") and isinstance(value, (dict, list)):
            _merge(container, value)
            return
        first = frame.seen.get(key)
        if first is not None:
            self.problems.append(
                YamlProblem(
                    "duplicate",
                    f"the key {quote(key, limit=None)} is already defined",
                    pointer,
                    ks,
                    ke,
                    first,
                )
            )
        frame.seen[key] = (ks, ke)
        container[key] = value
        entry.key_start, entry.key_end = ks, ke
        self.entries[pointer] = entry

    # -- undefined aliases --------------------------------------------------------------

    def _undefined(self, name: str, start: int, end: int) -> None:
        known = self.undefined.get(name)
        if known is not None:
            self.undefined[name] = (known[0], known[1] + 1)
            return
        from nflint.load import yamlerrors  # noqa: PLC0415 - only for a document with an error

        problem = YamlProblem(
            "parse",
            f"invalid YAML: undefined alias *{name} (no anchor &{name} before it)",
            self._child_pointer(),
            start,
            end,
            hint=yamlerrors.anchor_hint(self.text, name, end),
        )
        self.undefined[name] = (problem, 1)

    def _report_undefined(self) -> None:
        for problem, uses in self.undefined.values():
            more = f"; used {uses} times in this document" if uses > 1 else ""
            self.problems.append(
                YamlProblem(
                    problem.kind,
                    problem.message + more,
                    problem.pointer,
                    problem.start,
                    problem.end,
                    hint=problem.hint,
                )
            )


def _drain(loader: Any) -> None:
    """Skip the rest of the current document."""
    while True:
        event: Any = loader.get_event()
        if event is None or isinstance(event, yaml.DocumentEndEvent):
            return


def _merge(target: dict[str, object], source: dict[str, object] | list[object]) -> None:
    sources = source if isinstance(source, list) else [source]
    for item in sources:
        if isinstance(item, dict):
            for key, value in item.items():
                target.setdefault(key, value)
