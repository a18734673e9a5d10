"""Secrets never reach the output: values that hold credentials are masked in
a `FileResult` before any reporter sees it.

What is a secret: `nflint.secrets` decides, the detector rule NF220 uses
(every value NF220 reports is masked, and more):
- in the parsed documents (`nflint.secret_values`): by place, secret-group
  values and files, credential-named variables and arguments, values under
  keys that end in a credential word (``password``, ``clientSecret``,
  ``apiKey``), the path of a webhook URL; by shape, the secret part of any
  string that matches a row of `secrets.SHAPES`. These are masked wherever
  they are written, whole or shortened;
- by shape, anywhere in the text (also in files that do not parse): the
  secret part of every match of `secrets.SHAPES` (private keys, tokens,
  webhook tokens, URL passwords, secret query parameters);
- by a credential-like key written before it (``"DB_PASSWORD": "..."``,
  ``token: ...``, ``SECRET=...``), for files that do not parse.

Template expressions (``${...}``) are references, not secrets, and stay.

How: `FileResult.source` (the text reporters quote) gets a mask of the same
length, so every position still holds; line breaks are kept. A result with
no findings is left as it is: no reporter shows any of its text. Messages, hints,
related messages and pointers lose every secret value, also
when a message shows it shortened (``"abc…xyz"``).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from nflint.diagnostics import Diagnostic, FileResult, Fix, Related
from nflint.load import pointer as jp
from nflint.load.source import LineIndex
from nflint.secrets import places
from nflint.secrets import shapes as secrets
from nflint.secrets import values as secret_values

if TYPE_CHECKING:
    from nflint.findings.record import FileRecord
    from nflint.load.loader import Document
    from nflint.load.sourcemap import Entry
    from nflint.secrets.values import Secret

MASK = "*"
#: secrets at least this long are masked wherever they appear (shorter ones
#: only where they are written, and in findings about their own value)
GLOBAL_MIN = 6

#: a key written before its value, in text (files that do not parse)
_KEY_VALUE = (
    r"""(?<![\w.\-])(["']?)([A-Za-z_][\w.\-]{0,200})\1[ \t]*[:=][ \t]*"""
    r"""("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'{}\[\],#&*!|>][^\s,}\]]*)"""
)
_LINE_BREAK = r"(\r\n|\r|\n)"
#: a name character: a secret inside a longer name is another name
_WORD_CHAR = r"[\w\-]"
#: where `messages.quote` shortened a value
_ELLIPSIS = "…"


@functools.cache
def _rx(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled, on first use (nothing is compiled at import)."""
    return re.compile(pattern)


# -- masking ------------------------------------------------------------------


def _mask(segment: str) -> str:
    """The same length of mask, keeping line breaks and the indentation
    that follows them (positions and lines stay where they were)."""
    out: list[str] = []
    for number, line in enumerate(_rx(_LINE_BREAK).split(segment)):
        if line in ("\r\n", "\r", "\n"):
            out.append(line)
        elif number == 0:
            out.append(MASK * len(line))
        else:
            body = line.lstrip(" \t")
            out.append(line[: len(line) - len(body)] + MASK * len(body))
    return "".join(out)


def _apply(text: str, ranges: list[tuple[int, int]]) -> str:
    if not ranges:
        return text
    out: list[str] = []
    done = 0
    for first, end in sorted(ranges):
        start = max(first, done)
        if end <= start:
            continue
        out.append(text[done:start])
        out.append(_mask(text[start:end]))
        done = end
    out.append(text[done:])
    return "".join(out)


def _key_value_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    lowered = text.lower()
    if not any(word in lowered for word in secrets.NAME_NEEDLES):
        return ranges
    for m in _rx(_KEY_VALUE).finditer(text):
        key = m.group(2)
        # camelCase keys are the schema's: only a credential ending counts;
        # UPPER_SNAKE ones are variables (DB_PASS, STRIPE_KEY)
        where = (key.isupper() and places.variable_place(key, "")) or places.key_place(key)
        if not where or where.kind == places.WEBHOOK:
            continue
        value = m.group(3)
        start, end = m.span(3)
        if value[:1] in "\"'":
            start, end = start + 1, end - 1
        if places.holds_credential(where, text[start:end]):
            ranges.append((start, end))
    return ranges


def mask_text(text: str) -> str:
    """``text`` with every secret found by shape or by its key masked."""
    return _apply(text, secrets.spans(text) + _key_value_ranges(text))


def _entry_range(entry: Entry, text: str, part: tuple[int, int] | None) -> tuple[int, int] | None:
    start, end = entry.start, entry.end
    if entry.style == "alias" or end <= start:
        return None
    if entry.style in ('"', "'"):
        start, end = start + 1, end - 1
    elif entry.style in ("|", ">"):
        brk = text.find("\n", start, end)
        if brk < 0:
            return None
        start = brk + 1
    if part is not None:
        raw = text[start:end]
        where = secret_values.url_path(raw)
        if where is None:
            return None
        start, end = start + where[0], start + where[1]
    return (start, end) if end > start else None


def _forms(secret: str) -> list[str]:
    """How a secret value can be written in a message or in JSON text."""
    forms = {secret, json.dumps(secret, ensure_ascii=False)[1:-1], json.dumps(secret)[1:-1]}
    return sorted((f for f in forms if f), key=len, reverse=True)


def _alone(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is not part of a longer word or name."""
    word = _rx(_WORD_CHAR)
    return not (word.match(text[start - 1 : start]) if start else False) and not word.match(
        text[end : end + 1]
    )


def _exact(text: str, form: str) -> list[tuple[int, int]]:
    """Whole-token occurrences of ``form`` (not inside a longer word)."""
    ranges: list[tuple[int, int]] = []
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        if _alone(text, at, end):
            ranges.append((at, end))
        at = text.find(form, at + 1)
    return ranges


class _Masker:
    """Masks the secrets of one file in any text, in time linear in the
    text: every window of GLOBAL_MIN characters is looked up among the heads
    and tails of the secrets (``"abcdef…uvwxyz"``: a message that shortens a
    value in the middle still loses both halves). A finding about a value
    also loses the secrets at, above or below its pointer: the short ones,
    and those that are plain words or resource names, which are masked
    nowhere else (a secret group's ``MODE: sequential`` must not turn every
    "sequential" of every message into stars)."""

    def __init__(self, found: Sequence[Secret]) -> None:
        self.heads: dict[str, list[str]] = {}
        self.tails: dict[str, list[str]] = {}
        #: (document, pointer) -> the forms of the secret there
        self.at: dict[tuple[int, str], list[str]] = {}
        for secret in found:
            forms = _forms(secret.secret_text)
            self.at.setdefault((secret.document, secret.pointer), []).extend(forms)
            if not (secret.shape or secrets.looks_like_credential(secret.secret_text)):
                # a plain word or resource name ("sequential", "postgres",
                # "ghcr-readonly"): masked where it is written and in findings
                # about its own value, not in every message that uses the word
                continue
            for form in forms:
                if len(form) >= GLOBAL_MIN:
                    self.heads.setdefault(form[:GLOBAL_MIN], []).append(form)
                    self.tails.setdefault(form[-GLOBAL_MIN:], []).append(form)
        self.pointers = sorted(self.at)

    def ranges(self, text: str) -> list[tuple[int, int]]:
        """Where long secrets are in ``text``: whole (never inside a longer
        word: ``data-refresh`` keeps its ``refresh``), or a head that ends
        at a shortening mark (``"abcdef…``) or a tail that starts after one
        (``…uvwxyz"``), as `messages.quote` shortens a value."""
        found: list[tuple[int, int]] = []
        if not self.heads:
            return found
        heads, tails, n = self.heads, self.tails, GLOBAL_MIN
        for i in range(len(text) - n + 1):
            window = text[i : i + n]
            for form in heads.get(window, ()):
                end = i + n
                while end < len(text) and end - i < len(form) and text[end] == form[end - i]:
                    end += 1
                whole = end - i == len(form) and _alone(text, i, end)
                if whole or text[end : end + 1] == _ELLIPSIS:
                    found.append((i, end))
            for form in tails.get(window, ()):
                start, k = i, len(form) - n
                while start > 0 and k > 0 and text[start - 1] == form[k - 1]:
                    start, k = start - 1, k - 1
                if k > 0 and text[start - 1 : start] == _ELLIPSIS:
                    found.append((start, i + n))
        return found

    def _related(self, document: int, pointer: str) -> Iterator[str]:
        """The forms of the secrets at ``pointer``, its ancestors and below it."""
        at = pointer
        while True:
            yield from self.at.get((document, at), ())
            if not at:
                break
            at = jp.parent(at)
        first = bisect.bisect_right(self.pointers, (document, pointer + "/"))
        for doc, below in self.pointers[first:]:
            if doc != document or not below.startswith(pointer + "/"):
                break
            yield from self.at[(doc, below)]

    def __call__(self, text: str, document: int = 0, pointer: str | None = None) -> str:
        ranges = secrets.spans(text) + self.ranges(text)
        if pointer is not None and self.at:
            for form in self._related(document, pointer):
                ranges.extend(_exact(text, form))
        return _apply(text, ranges)

    def diagnostic(self, d: Diagnostic) -> Diagnostic:
        message = self(d.message, d.document, d.pointer)
        hint = self(d.hint, d.document, d.pointer) if d.hint else d.hint
        pointer = _apply(d.pointer, secrets.spans(d.pointer))
        related = tuple(
            Related(
                self(r.message, d.document, r.pointer),
                _apply(r.pointer, secrets.spans(r.pointer)),
                r.span,
            )
            for r in d.related
        )
        fix = d.fix
        if fix is not None:  # a fix may write a secret back (quoting a numeric password)
            edits = tuple(
                e._replace(content=self(e.content, d.document, d.pointer)) for e in fix.edits
            )
            fix = Fix(fix.applicability, self(fix.message, d.document, d.pointer), edits)
        if (message, hint, pointer, related, fix) == (
            d.message,
            d.hint,
            d.pointer,
            d.related,
            d.fix,
        ):
            return d
        return dataclasses.replace(
            d, message=message, hint=hint, pointer=pointer, related=related, fix=fix
        )


def redact(result: FileResult, record: FileRecord) -> FileResult:
    """``result`` with every secret masked: in the source text (same length,
    so spans hold) and in every string of every finding. Secrets found in the
    documents are masked where they are written (in a JSON document, at
    least on the lines that findings show: a string that cannot be written
    there is not looked up); searches by shape and by key, and copies of a
    secret's value, are masked on the lines that findings show (the only
    lines any output prints). A result without findings shows
    nothing of its file, so it is returned as it is (the fast path)."""
    if not result.diagnostics:
        return result
    documents = record.documents
    placed = secret_values.find(documents, _shown_text(result, documents), record.analyses)
    masker = _Masker(placed)
    source = result.source
    if source is not None:
        # Only the lines findings show are ever printed: search those by shape
        # and by key (a whole-file search costs seconds on a 10 MB template).
        # the documents' own index of this text, when they have one (its line
        # starts may be known already: a 10 MB file has 300,000 lines)
        known = [d.source_map.index for d in documents if d.source_map.index.text is source]
        index = known[0] if known else LineIndex(source)
        shown = sorted(_shown_lines(result.diagnostics))
        ranges: list[tuple[int, int]] = []
        for line in shown:
            start, text = index.offset(line), index.line_text(line)
            found_here = secrets.spans(text) + _key_value_ranges(text)
            ranges.extend((start + a, start + b) for a, b in found_here)
        by_number = {doc.number: doc for doc in documents}
        shown_text = "\n".join(index.line_text(line) for line in shown)
        wanted = [  # those found by shape are found on the shown lines above
            (secret, by_number[secret.document])
            for secret in placed
            if not secret.shape
            and secret.document in by_number
            and _maybe_shown(secret, by_number[secret.document], shown_text)
        ]
        for doc in documents:  # one pass over a lazily mapped document, not one per secret
            doc.source_map.prefetch(s.pointer for s, owner in wanted if owner is doc)
        for secret, owner in wanted:
            entry = owner.source_map.entry(secret.pointer)
            if entry is not None:
                where = _entry_range(entry, source, secret.part)
                if where is not None:
                    ranges.append(where)
        if masker.heads:
            for line in shown:
                start = index.offset(line)
                text = index.line_text(line)
                ranges.extend((start + a, start + b) for a, b in masker.ranges(text))
        source = _apply(source, ranges)
    diagnostics = tuple(masker.diagnostic(d) for d in result.diagnostics)
    if source == result.source and diagnostics == result.diagnostics:
        return result
    return result._replace(diagnostics=diagnostics, source=source)


def _shown_text(result: FileResult, documents: Sequence[Document]) -> str | None:
    """Every text a report of ``result`` can print that holds document
    values (the lines findings show, messages, hints, pointers, fixes), when
    each value in it is written as it is: JSON documents (a string stays on
    one line) with no backslash (no escape) in that text. None otherwise:
    then every secret of the documents is looked up."""
    if result.source is None or any(d.format != "json" for d in documents):
        return None
    index = next(
        (d.source_map.index for d in documents if d.source_map.index.text is result.source),
        None,
    ) or LineIndex(result.source)
    parts = [index.line_text(line) for line in _shown_lines(result.diagnostics)]
    for d in result.diagnostics:
        parts += [d.message, d.hint or "", d.pointer]
        parts += [text for r in d.related for text in (r.message, r.pointer)]
        if d.fix is not None:
            parts += [d.fix.message, *(e.content for e in d.fix.edits)]
    text = "\n".join(parts)
    return None if "\\" in text else text


def _maybe_shown(secret: Secret, doc: Document, shown_text: str) -> bool:
    """False when ``secret`` is surely not written on the shown lines: a JSON
    string is written on one line, and as it is unless escaped (no backslash
    on the shown lines: no escape there). Numbers may be written otherwise."""
    if doc.format != "json" or "\\" in shown_text:
        return True
    try:
        value = jp.resolve(doc.data, secret.pointer)
    except LookupError:
        return True
    return not isinstance(value, str) or value in shown_text


def _shown_lines(diagnostics: Iterable[Diagnostic]) -> set[int]:
    lines: set[int] = set()
    for d in diagnostics:
        for span in (d.span, *(r.span for r in d.related)):
            if span is not None:  # the text report shows the first line of a span
                lines.add(span.start.line)
    return lines
