"""Text -> `Document`s with source maps, or parse diagnostics. Never raises
on bad input: problems in the user's file are diagnostics.

JSON is parsed with `json` (C) and mapped lazily; YAML with `nflint.load.yamlload`.
A file that does not parse gets one NF001 that names the mistake
(`jsonerrors`, `yamlerrors`; merge-conflict markers first, `conflicts`).
The format follows the file extension; for other names the content decides
(a first character of ``{`` or ``[`` means JSON).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from nflint.diagnostics import Diagnostic, Fix, Related
from nflint.load import pointer as jp
from nflint.load.limits import MAX_DEPTH
from nflint.load.source import LineIndex
from nflint.load.sourcemap import Entry, SourceMap
from nflint.messages import quote
from nflint.rules import core

if TYPE_CHECKING:
    from nflint.load import yamlload

Format = Literal["json", "yaml"]

JSON_SUFFIXES = (".json",)
YAML_SUFFIXES = (".yaml", ".yml")


#: lookups answered one by one (`jsonmap.locate`) before a full scan
_LOOKUPS = 16


class _LazyJsonMap(SourceMap):
    """A JSON source map that finds its first few pointers one by one, then
    scans the whole text (``entries``: scanned already)."""

    def __init__(self, index: LineIndex, start: int, entries: dict[str, Entry] | None) -> None:
        super().__init__(index, entries or {})
        self._start = start
        self._scanned = entries is not None
        self._nearest: dict[str, str] = {}

    def _ensure(self) -> None:
        if not self._scanned:
            from nflint.load import jsonmap  # noqa: PLC0415 - only when a finding needs a place

            self._entries, _ = jsonmap.scan(self.index.text, self._start)
            self._scanned = True

    def entry(self, pointer: str) -> Entry | None:
        if self._scanned or self.nearest(pointer) == pointer:
            return super().entry(pointer)
        return None

    def nearest(self, pointer: str) -> str:
        if self._scanned:
            return super().nearest(pointer)
        found = self._nearest.get(pointer)
        if found is None:
            if len(self._nearest) >= _LOOKUPS:
                self._ensure()
                return super().nearest(pointer)
            self.prefetch([pointer])
            found = self._nearest[pointer]
        return found

    def prefetch(self, pointers: Iterable[str]) -> None:
        """Places ``pointers`` in one walk (not counted as lookups)."""
        if self._scanned:
            return
        wanted = [p for p in pointers if p not in self._nearest]
        if not wanted:
            return
        from nflint.load import jsonmap  # noqa: PLC0415 - only when a finding needs a place

        for pointer, (found, entry) in jsonmap.locate(self.index.text, self._start, wanted).items():
            self._entries[found] = entry
            self._nearest[pointer] = found

    def items(self) -> list[tuple[str, Entry]]:
        self._ensure()
        return super().items()


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed document: its data, where each value is written, and which
    document of the file it is (1-based)."""

    path: str
    data: object
    source_map: SourceMap = field(repr=False)
    number: int = 1
    format: Format = "json"
    #: the schema a ``# yaml-language-server: $schema=...`` comment names
    #: for this YAML document (editors read it; so does the type choice)
    modeline: str | None = None


def guess_format(path: str, text: str) -> Format:
    lower = path.lower()
    if lower.endswith(JSON_SUFFIXES):
        return "json"
    if lower.endswith(YAML_SUFFIXES):
        return "yaml"
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def load(
    text: str, path: str, fmt: Format | None = None
) -> tuple[list[Document], list[Diagnostic]]:
    """The documents in ``text`` and the problems found while reading it."""
    fmt = fmt or guess_format(path, text)
    index = LineIndex(text)
    if fmt == "json":
        return _load_json(text, path, index)
    return _load_yaml(text, path, index)


def _reject_constant(name: str) -> object:
    raise ValueError(name)


def _load_json(text: str, path: str, index: LineIndex) -> tuple[list[Document], list[Diagnostic]]:
    duplicated = False

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        nonlocal duplicated
        result = dict(items)
        if len(result) != len(items):
            duplicated = True
        return result

    if not text.strip():
        return [], [_parse_error(path, index, 0, "the file is empty")]
    try:
        try:
            data = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant)
        except ValueError as exc:
            if not str(exc).startswith("Exceeds the limit"):
                raise
            # a number of more than 4,300 digits: valid JSON, read as JavaScript would
            data = json.loads(
                text, object_pairs_hook=pairs, parse_constant=_reject_constant, parse_int=_int
            )
    except json.JSONDecodeError as exc:
        return _yaml_in_json(text, path, index, _json_syntax_error(text, path, index, exc))
    except ValueError as exc:  # NaN / Infinity, which JSON does not have
        offset = text.find(str(exc))
        return [], [
            _parse_error(path, index, max(offset, 0), f"invalid JSON: {exc} is not a JSON value")
        ]
    except RecursionError:
        return [], [_too_deep_error(path, index, text)]
    start = len(text) - len(text.lstrip(" \t\r\n\ufeff"))
    problems: list[Diagnostic] = []
    if _too_deep(data):
        return [], [_too_deep_error(path, index, text)]
    entries: dict[str, Entry] | None = None
    if duplicated:  # the full map now: `jsonmap.locate` takes the first of two keys
        from nflint.load import jsonmap  # noqa: PLC0415 - only for a file with a duplicate key

        entries, dups = jsonmap.scan(text, start)
        for dup in dups:
            key = quote(jp.unescape(dup.pointer.rsplit("/", 1)[-1]), limit=None)
            first = index.span(*dup.first)
            problems.append(
                core.diagnostic(
                    core.DUPLICATE_KEY,
                    f"the key {key} is already defined at line {first.start.line}; "
                    "the last value wins",
                    path=path,
                    pointer=dup.pointer,
                    span=index.span(*dup.second),
                    related=(Related("first defined here", dup.pointer, first),),
                    fix=_overridden(index.text, "json", dup.first[0], key),
                )
            )
    smap = _LazyJsonMap(index, start, entries)
    return [Document(path, data, smap, 1, "json")], problems


def _json_syntax_error(
    text: str, path: str, index: LineIndex, exc: json.JSONDecodeError
) -> Diagnostic:
    conflict = _conflict(text, path, index)
    if conflict is not None:
        return conflict
    from nflint.load import jsonerrors  # noqa: PLC0415 - only for a file that does not parse

    message = exc.msg[0].lower() + exc.msg[1:]
    message = message.removesuffix(" at").removesuffix(" starting")  # "... starting at"
    found = jsonerrors.explain(text, exc.pos, message)
    return _found_at(path, index, found.message, found.start, found.end, found.hint)


def _conflict(text: str, path: str, index: LineIndex) -> Diagnostic | None:
    """The parse error of a file with merge-conflict markers, at the first marker."""
    from nflint.load import conflicts  # noqa: PLC0415 - only for a file that does not parse

    found = conflicts.find(text, index)
    if found is None:
        return None
    return _found_at(path, index, found.message, found.start, found.end, found.hint)


def _found_at(
    path: str, index: LineIndex, message: str, start: int, end: int, hint: str | None
) -> Diagnostic:
    """NF001 at characters ``start:end`` of the text."""
    return core.diagnostic(
        core.PARSE_ERROR, message, path=path, pointer="", span=index.span(start, end), hint=hint
    )


def _yaml_in_json(
    text: str, path: str, index: LineIndex, error: Diagnostic
) -> tuple[list[Document], list[Diagnostic]]:
    """A ``.json`` file that holds YAML: the JSON error, with a hint, and the
    YAML documents linted anyway so that no other finding is lost."""
    if text.lstrip()[:1] in ("{", "["):
        return [], [error]
    documents, problems = _load_yaml(text, path, index)
    if not documents or any(p.rule == core.PARSE_ERROR for p in problems):
        return [], [error]
    hinted = dataclasses.replace(
        error,
        hint="the file holds YAML; Northflank reads JSON from a .json path: convert it, "
        "or rename it to .yaml if it is only kept as YAML",
    )
    return documents, [hinted, *problems]


def _int(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


#: compiled on first use (by ``re``'s cache): only a too-deep document needs it
_BRACKET = r'"(?:[^"\\]|\\.)*"|[\[\]{}]'


def _depth_offset(text: str) -> int:
    """Where the first object or array deeper than MAX_DEPTH opens."""
    depth = 0
    for m in re.finditer(_BRACKET, text, re.DOTALL):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
        elif token in "]}":
            depth -= 1
    return 0


def _too_deep(data: object) -> bool:
    """Whether objects and arrays nest deeper than MAX_DEPTH (level by level:
    one list comprehension per container, no per-value tuples)."""
    level: list[dict[str, object] | list[object]] = [data] if isinstance(data, (dict, list)) else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            return True
        below: list[dict[str, object] | list[object]] = []
        for node in level:
            values = node.values() if isinstance(node, dict) else node
            below += [v for v in values if isinstance(v, (dict, list))]
        level = below
        depth += 1
    return False


def _load_yaml(text: str, path: str, index: LineIndex) -> tuple[list[Document], list[Diagnostic]]:
    from nflint.load import yamlload  # noqa: PLC0415 - PyYAML loads only when a YAML file comes

    if not text.strip(" \t\r\n\ufeff"):
        return [], []  # only white space (libyaml rejects some tabs): nothing to lint
    loaded = yamlload.load(text)
    if isinstance(loaded, yamlload.YamlProblem):
        conflict = _conflict(text, path, index) if loaded.kind == "parse" else None
        if conflict is not None:
            return [], [conflict]
        return [], list(_yaml_problems((loaded,), path, index, 1))
    documents: list[Document] = []
    problems: list[Diagnostic] = []
    number = 0
    modelines = _MODELINE_TAG in text
    before = 0  # where the text of this document starts (after the previous one)
    for doc in loaded:  # an empty file or one of only comments has none: a clean pass
        number += 1
        problems.extend(_yaml_problems(doc.problems, path, index, number))
        root = doc.entries.get("")
        end = root.end if root is not None else before
        modeline = _modeline(text, before, end) if modelines else None
        before = max(before, end)
        if doc.data is None and all(e.end <= e.start for e in doc.entries.values()):
            continue  # an empty document (a comment-only file, a trailing ---)
        if any(p.kind in ("limit", "parse") for p in doc.problems):
            continue  # not linted: beyond a limit, or YAML cannot compose it (an undefined alias)
        source_map = SourceMap(index, doc.entries)
        documents.append(Document(path, doc.data, source_map, number, "yaml", modeline))
    return documents, problems


_MODELINE_TAG = "yaml-language-server"
#: yaml-language-server's modeline, a comment line anywhere in the document
_MODELINE = r"^[ \t]*#[ \t]*yaml-language-server[ \t]*:.*?\$schema=([^\s]+)"


@functools.cache
def _modeline_pattern() -> re.Pattern[str]:
    return re.compile(_MODELINE, re.MULTILINE)


def _modeline(text: str, start: int, end: int) -> str | None:
    """The ``$schema`` of the first modeline in ``text[start:end]``."""
    found = _modeline_pattern().search(text, start, end)
    return found.group(1) if found else None


def _yaml_problems(
    problems: Iterable[yamlload.YamlProblem], path: str, index: LineIndex, number: int
) -> Iterable[Diagnostic]:
    for p in problems:
        span = index.span(p.start, p.end)
        if p.kind == "duplicate" and p.related is not None:
            first = index.span(*p.related)
            yield core.diagnostic(
                core.DUPLICATE_KEY,
                f"{p.message} at line {first.start.line}; the last value wins",
                path=path,
                pointer=p.pointer,
                span=span,
                document=number,
                related=(Related("first defined here", p.pointer, first),),
                fix=_overridden(index.text, "yaml", p.related[0], _key_of(p.pointer)),
            )
        else:
            rule = _YAML_PROBLEM_RULES.get(p.kind, core.PARSE_ERROR)
            yield core.diagnostic(
                rule,
                p.message,
                path=path,
                pointer=p.pointer,
                span=span,
                document=number,
                hint=p.hint,
            )


def _key_of(pointer: str) -> str:
    return quote(jp.unescape(pointer.rsplit("/", 1)[-1]), limit=None)


def _overridden(text: str, fmt: Format, key_start: int, key: str) -> Fix | None:
    """The fix of a duplicate key: remove the occurrence the later one overrides."""
    from nflint.fixes.edits import remove_written  # noqa: PLC0415 - only for a duplicate key

    message = f"remove the overridden {key} (the later value wins)"
    return remove_written(text, fmt, key_start, 2, message)


def _too_deep_error(path: str, index: LineIndex, text: str) -> Diagnostic:
    message = f"the document nests deeper than {MAX_DEPTH} levels; nflint does not lint it"
    return _parse_error(path, index, _depth_offset(text), message, core.LIMIT_EXCEEDED)


#: the rule of a YAML problem by its kind (a syntax error otherwise)
_YAML_PROBLEM_RULES = {"implicit": core.YAML_IMPLICIT_TYPE, "limit": core.LIMIT_EXCEEDED}


def _parse_error(
    path: str, index: LineIndex, offset: int, message: str, rule: str = core.PARSE_ERROR
) -> Diagnostic:
    return core.diagnostic(
        rule, message, path=path, pointer="", span=index.span(offset, offset + 1)
    )
