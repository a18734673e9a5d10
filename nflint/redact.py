"""Secrets never reach the output: values that hold credentials are masked in
a `FileResult` before any reporter sees it.

What is a secret:
- by place (the parsed documents): every value of a secret group's
  ``secrets.variables`` and every ``secrets.files.*.data``; in maps of
  environment variables and arguments (``runtimeEnvironment``,
  ``buildArguments``, ``arguments``, ``argumentOverrides``,
  ``runOnCreationArgumentOverrides``) a value whose key has a credential
  word in it (``DB_PASSWORD``, ``GITHUB_TOKEN``, ``STRIPE_KEY``); anywhere, a
  value whose key ends in one (``password``, ``clientSecret``, ``apiKey``,
  ``token``), and the path of a webhook URL (``webhookUrl``);
- by shape, anywhere in the text (also in files that do not parse): private
  key blocks, GitHub, GitLab, npm, Slack, Stripe, OpenAI, Groq, Hugging Face,
  Telegram, Google and AWS keys, JWTs, the password in ``scheme://user:password@host``, secret query
  parameters (``?token=...``), Slack, Discord and Northflank webhook tokens;
- by a credential-like key written before it (``"DB_PASSWORD": "..."``,
  ``token: ...``, ``SECRET=...``), for files that do not parse.

Template expressions (``${...}``) are references, not secrets, and stay.

How: `FileResult.source` (the text reporters quote) gets a mask of the same
length, so every position still holds; line breaks are kept. A result with
no findings is left as it is: no reporter shows any of its text. Messages, hints,
related messages, ``extra`` values and pointers lose every secret value, also
when a message shows it shortened (``"abc…xyz"``).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nflint import pointer as jp
from nflint.diagnostics import Diagnostic, FileResult, Related
from nflint.source import LineIndex

if TYPE_CHECKING:
    from nflint.loader import Document
    from nflint.sourcemap import Entry

MASK = "*"
#: secrets at least this long are masked wherever they appear (shorter ones
#: only where they are written, and in findings about their own value)
GLOBAL_MIN = 6

ENV_MAPS = frozenset(
    {
        "runtimeEnvironment",
        "buildArguments",
        "arguments",
        "argumentOverrides",
        "runOnCreationArgumentOverrides",
    }
)
#: words that make a key a credential when they end it, anywhere
_LAST_WORDS = frozenset(
    {"password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "privatekey"}
)
#: "...Key" is a credential after these words ("accessKey", not "stateKey")
_KEY_QUALIFIERS = frozenset(
    {"api", "private", "secret", "access", "application", "client", "encryption", "signing"}
)
#: words that make an environment variable or argument a credential
_ENV_WORDS = _LAST_WORDS | frozenset(
    {"pass", "key", "auth", "credential", "credentials", "private", "dsn", "salt", "cookie"}
)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


@dataclass(frozen=True, slots=True)
class Secret:
    """One secret value: where it is and the text that must not be shown."""

    document: int
    pointer: str
    value: str
    #: only this part of the value is secret (a webhook URL's path): offsets
    part: tuple[int, int] | None = None

    @property
    def secret_text(self) -> str:
        return self.value[self.part[0] : self.part[1]] if self.part else self.value


# -- by shape ---------------------------------------------------------------

#: (needles, pattern, group): the pattern is searched only when a needle is
#: in the text; ``group`` is the part to mask (0: the whole match). Every
#: pattern runs in linear time (no nested or overlapping quantifiers).
_SHAPES: tuple[tuple[tuple[str, ...], re.Pattern[str], int], ...] = tuple(
    (needles, re.compile(pattern), group)
    for needles, pattern, group in (
        (
            ("PRIVATE KEY",),
            r"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"
            r"((?:(?!-----)[A-Za-z0-9+/=:,.\- \t\r\n]|\\[nrt])+)",
            1,
        ),
        (("gh", "github_pat_"), r"\b(?:gh[pousr]_\w{36,}|github_pat_\w{22,})", 0),
        (("glpat-",), r"\bglpat-[A-Za-z0-9_\-]{20,}", 0),
        (("npm_",), r"\bnpm_[A-Za-z0-9]{36,}", 0),
        (("xox", "xapp-"), r"\b(?:xox[abposr]|xapp-[0-9])-[A-Za-z0-9\-]{10,}", 0),
        (("sk_", "rk_"), r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}", 0),
        (("sk-",), r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_\-]{20,}", 0),
        (("SG.",), r"\bSG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}", 0),
        (("AIza",), r"\bAIza[0-9A-Za-z_\-]{35}", 0),
        (("gsk_", "hf_"), r"\b(?:gsk_[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{30,})", 0),
        ((":",), r"\b[0-9]{8,10}:[A-Za-z0-9_\-]{35}\b", 0),  # a Telegram bot token
        (
            ("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "APKA", "AIPA", "ABIA"),
            r"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b",
            0,
        ),
        (("eyJ",), r"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*", 0),
        (("hooks.slack.com",), r"hooks\.slack\.com/(?:services|workflows|triggers)/([\w/\-]+)", 1),
        (("discord",), r"discord(?:app)?\.com/api/webhooks/([\w/\-]+)", 1),
        (("webhooks.northflank.com",), r"webhooks\.northflank\.com/[a-z\-]+/([\w\-]{8,})", 1),
        # the password of scheme://user:password@host (a lookbehind starts
        # the user name at a boundary, so that no run is scanned twice)
        (("://",), r"://[^\s/:@\"'<>]{0,256}:([^\s/@\"'<>]{1,512})@", 1),
        (
            ("=",),
            r"(?i)[?&](?:access_token|token|api_?key|key|secret|password|sig|signature|auth)="
            r"([^&\s\"'#<>]+)",
            1,
        ),
    )
)

#: a cheap first test: no match here, no shape matches
_ANY_SHAPE = re.compile(
    r"PRIVATE KEY|gh[pousr]_|github_pat_|glpat-|npm_|xox[abposr]-|xapp-|[sr]k_(?:live|test)_"
    r"|sk-|SG\.|AIza|gsk_|hf_|[0-9]{8}:|A[A-Z]{3}[A-Z0-9]{16}|eyJ|hooks\.slack|discord"
    r"|webhooks\.northflank|://|[?&]\w+="
)

# -- by a credential-like key written before the value (files that do not parse)
_KEY_VALUE = re.compile(
    r"""(?<![\w.\-])(["']?)([A-Za-z_][\w.\-]{0,200})\1[ \t]*[:=][ \t]*"""
    r"""("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'{}\[\],#&*!|>][^\s,}\]]*)"""
)
_KEY_WORDS = ("pass", "pwd", "secret", "token", "key")


def _words(key: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(key)]


def is_secret_key(key: str) -> bool:
    """A key whose value is a credential wherever it is: it ends in
    ``password``, ``secret``, ``token``, ``apiKey``, ``accessKey``..."""
    words = _words(key)
    if not words:
        return False
    last = words[-1]
    if last in _LAST_WORDS or "".join(words[-2:]) in _LAST_WORDS:
        return True
    return last == "key" and len(words) > 1 and words[-2] in _KEY_QUALIFIERS


def is_secret_variable(key: str) -> bool:
    """An environment variable or argument that holds a credential."""
    words = _words(key)
    return bool(set(words) & _ENV_WORDS) or is_secret_key(key)


def _templated(value: str) -> bool:
    return "${" in value


def _scalar_text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return None


def find(documents: Iterable[Document]) -> list[Secret]:
    """The secret values of the documents, by place."""
    found: list[Secret] = []
    for doc in documents:
        found.extend(_in_document(doc.data, doc.number))
    return found


def _in_document(data: object, number: int) -> Iterator[Secret]:
    # (node, path, mode, key of node): mode "" plain, "env" a map of
    # variables, "all" every value is secret, "files" secret-group files
    stack: list[tuple[object, tuple[str | int, ...], str, str]] = [(data, (), "", "")]
    while stack:
        node, path, mode, parent = stack.pop()
        items: Iterable[tuple[str | int, object]]
        if isinstance(node, dict):
            items = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            continue
        for key, value in items:
            if isinstance(value, (dict, list)):
                name = key if isinstance(key, str) else parent
                stack.append((value, (*path, key), _mode(mode, key, parent), name))
                continue
            if value is None or isinstance(value, bool):
                continue
            kind = _kind(mode, key)
            if kind is None:
                continue
            text = _scalar_text(value)
            if not text or _templated(text):
                continue
            pointer = jp.from_path((*path, key))
            if kind == "webhook":
                part = _url_path(text)
                if part is not None:
                    yield Secret(number, pointer, text, part)
            else:
                yield Secret(number, pointer, text)


def _mode(mode: str, key: str | int, parent: str) -> str:
    if mode == "all" or not isinstance(key, str):
        return mode
    if parent == "secrets" and key == "variables":
        return "all"
    if parent == "secrets" and key == "files":
        return "files"
    if key in ENV_MAPS:
        return "env"
    return "" if mode == "env" else mode


def _kind(mode: str, key: str | int) -> str | None:
    """What a value under ``key`` is: "secret", "webhook" (its path is) or None."""
    if mode == "all" or (mode == "files" and key == "data"):
        return "secret"
    if not isinstance(key, str):
        return None
    return _key_kind(key, mode == "env")


@functools.lru_cache(maxsize=4096)
def _key_kind(key: str, variable: bool) -> str | None:
    if (variable and is_secret_variable(key)) or is_secret_key(key):
        return "secret"
    return "webhook" if "webhook" in _words(key) else None


def _url_path(url: str) -> tuple[int, int] | None:
    """Where the secret part of a URL is: everything after ``scheme://host/``."""
    scheme = url.find("://")
    if scheme < 0:
        return (0, len(url))
    slash = url.find("/", scheme + 3)
    if slash < 0 or slash + 1 >= len(url):
        return None
    return (slash + 1, len(url))


# -- masking ------------------------------------------------------------------


def _mask(segment: str) -> str:
    """The same length of mask, keeping line breaks and the indentation
    that follows them (positions and lines stay where they were)."""
    out: list[str] = []
    for number, line in enumerate(re.split(r"(\r\n|\r|\n)", segment)):
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


def shape_ranges(text: str) -> list[tuple[int, int]]:
    """Where secrets are by their shape alone."""
    ranges: list[tuple[int, int]] = []
    if len(text) < 512 and not _ANY_SHAPE.search(text):  # a message: one quick test
        return ranges
    for needles, pattern, group in _SHAPES:
        if not any(n in text for n in needles):
            continue
        for m in pattern.finditer(text):
            if not _templated(m.group(group)):
                ranges.append(m.span(group))
    return ranges


def _key_value_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    lowered = text.lower()
    if not any(word in lowered for word in _KEY_WORDS):
        return ranges
    for m in _KEY_VALUE.finditer(text):
        key = m.group(2)
        # camelCase keys are the schema's: only a credential ending counts;
        # UPPER_SNAKE ones are variables (DB_PASS, STRIPE_KEY)
        if not is_secret_key(key) and not (key.isupper() and is_secret_variable(key)):
            continue
        value = m.group(3)
        if _templated(value):
            continue
        start, end = m.span(3)
        if value[:1] in "\"'":
            start, end = start + 1, end - 1
        ranges.append((start, end))
    return ranges


def mask_text(text: str) -> str:
    """``text`` with every secret found by shape or by its key masked."""
    return _apply(text, shape_ranges(text) + _key_value_ranges(text))


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
        where = _url_path(raw)
        if where is None:
            return None
        start, end = start + where[0], start + where[1]
    return (start, end) if end > start else None


def _forms(secret: str) -> list[str]:
    """How a secret value can be written in a message or in JSON text."""
    forms = {secret, json.dumps(secret, ensure_ascii=False)[1:-1], json.dumps(secret)[1:-1]}
    return sorted((f for f in forms if f), key=len, reverse=True)


_WORD_CHAR = re.compile(r"\w")


def _exact(text: str, form: str) -> list[tuple[int, int]]:
    """Whole-token occurrences of ``form`` (not inside a longer word)."""
    ranges: list[tuple[int, int]] = []
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        if not (_WORD_CHAR.match(text[at - 1 : at]) or _WORD_CHAR.match(text[end : end + 1])):
            ranges.append((at, end))
        at = text.find(form, at + 1)
    return ranges


class _Masker:
    """Masks the secrets of one file in any text, in time linear in the
    text: every window of GLOBAL_MIN characters is looked up among the heads
    and tails of the secrets (``"abcdef…uvwxyz"``: a message that shortens a
    value in the middle still loses both halves). A finding about a value
    also loses the short secrets at, above or below its pointer."""

    def __init__(self, secrets: Sequence[Secret]) -> None:
        self.heads: dict[str, list[str]] = {}
        self.tails: dict[str, list[str]] = {}
        #: (document, pointer) -> the forms of the secret there
        self.at: dict[tuple[int, str], list[str]] = {}
        for secret in secrets:
            forms = _forms(secret.secret_text)
            self.at.setdefault((secret.document, secret.pointer), []).extend(forms)
            for form in forms:
                if len(form) >= GLOBAL_MIN:
                    self.heads.setdefault(form[:GLOBAL_MIN], []).append(form)
                    self.tails.setdefault(form[-GLOBAL_MIN:], []).append(form)
        self.pointers = sorted(self.at)

    def ranges(self, text: str) -> list[tuple[int, int]]:
        """Where long secrets are in ``text``, whole or shortened."""
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
                found.append((i, end))
            for form in tails.get(window, ()):
                start, k = i, len(form) - n
                while start > 0 and k > 0 and text[start - 1] == form[k - 1]:
                    start, k = start - 1, k - 1
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
        ranges = shape_ranges(text) + self.ranges(text)
        if pointer is not None and self.at:
            for form in self._related(document, pointer):
                ranges.extend(_exact(text, form))
        return _apply(text, ranges)

    def diagnostic(self, d: Diagnostic) -> Diagnostic:
        message = self(d.message, d.document, d.pointer)
        hint = self(d.hint, d.document, d.pointer) if d.hint else d.hint
        pointer = _apply(d.pointer, shape_ranges(d.pointer))
        related = tuple(
            Related(
                self(r.message, d.document, r.pointer),
                _apply(r.pointer, shape_ranges(r.pointer)),
                r.span,
            )
            for r in d.related
        )
        extra = tuple((k, self(v, d.document, d.pointer)) for k, v in d.extra)
        if (message, hint, pointer, related, extra) == (
            d.message,
            d.hint,
            d.pointer,
            d.related,
            d.extra,
        ):
            return d
        return dataclasses.replace(
            d, message=message, hint=hint, pointer=pointer, related=related, extra=extra
        )


def redact(result: FileResult, documents: Sequence[Document] = ()) -> FileResult:
    """``result`` with every secret masked: in the source text (same length,
    so spans hold) and in every string of every finding. Secrets found in the
    documents are masked wherever they are written; searches by shape and by
    key, and copies of a secret's value, are masked on the lines that findings
    show (the only lines any output prints). A result without findings shows
    nothing of its file, so it is returned as it is (the fast path)."""
    if not result.diagnostics:
        return result
    secrets = find(documents)
    masker = _Masker(secrets)
    source = result.source
    if source is not None:
        # Only the lines findings show are ever printed: search those by shape
        # and by key (a whole-file search costs seconds on a 10 MB template).
        index = LineIndex(source)
        shown = sorted(_shown_lines(result.diagnostics))
        ranges: list[tuple[int, int]] = []
        for line in shown:
            start, text = index.offset(line), index.line_text(line)
            found_here = shape_ranges(text) + _key_value_ranges(text)
            ranges.extend((start + a, start + b) for a, b in found_here)
        by_number = {doc.number: doc for doc in documents}
        for secret in secrets:
            doc = by_number.get(secret.document)
            entry = doc.source_map.entry(secret.pointer) if doc is not None else None
            if entry is not None:
                found = _entry_range(entry, source, secret.part)
                if found is not None:
                    ranges.append(found)
        if masker.heads:
            for line in shown:
                start = index.offset(line)
                text = index.line_text(line)
                ranges.extend((start + a, start + b) for a, b in masker.ranges(text))
        source = _apply(source, ranges)
    diagnostics = tuple(masker.diagnostic(d) for d in result.diagnostics)
    if source == result.source and diagnostics == result.diagnostics:
        return result
    return dataclasses.replace(result, diagnostics=diagnostics, source=source)


def _shown_lines(diagnostics: Iterable[Diagnostic]) -> set[int]:
    lines: set[int] = set()
    for d in diagnostics:
        for span in (d.span, *(r.span for r in d.related)):
            if span is not None:  # the text report shows the first line of a span
                lines.add(span.start.line)
    return lines
