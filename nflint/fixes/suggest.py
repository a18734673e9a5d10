"""Fixes for schema findings, from the same structured data as the messages:
an enum value or node kind written in the wrong case or with spaces around
it (safe), a typo of one (unsafe, only when one choice is clearly closest),
an unknown key that is a typo of a known one, and a repository URL with a
trailing ``/`` or ``.git``. (A scalar written as the wrong literal, ``paused:
no``, is `nflint.schema.literals`'.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nflint import messages as msg
from nflint.diagnostics import Fix
from nflint.fixes import edits
from nflint.load.loader import Document

#: how much closer the best choice must be than the next one to be "clearly" it
MARGIN = 0.1
#: and how close it must be (the hints suggest from 0.75: "buildRules" for
#: "buildArguments" or "dockerfileTarget" for "dockerFilePath" is a fair
#: question, not a fix)
MIN_SCORE = 0.85


def _replace(old: str, new: object) -> str:
    return f"replace {msg.quote(old)} with {msg.quote(new)}"


def exact(value: str, choices: Iterable[str]) -> str | None:
    """The one choice ``value`` is, up to letter case and surrounding spaces."""
    folded = value.strip().casefold()
    found = {c for c in choices if c.casefold() == folded}
    return found.pop() if len(found) == 1 else None


def _score(value: str, option: str, prefix: bool = True) -> float:
    """How close ``option`` is (as `msg.did_you_mean` scores it); ``prefix``:
    also as a truncated or misspelt prefix of ``option``."""
    import difflib  # noqa: PLC0415 - only when a finding has a suggestion

    a, b = value.lower(), option.lower()
    score = difflib.SequenceMatcher(None, a, b).ratio()
    if prefix and len(a) >= 4 and len(b) > len(a):
        head = b[: len(a) + 1]
        score = max(score, difflib.SequenceMatcher(None, a, head).ratio() - 0.05)
    return score


def clearly_closest(
    value: str, choices: Iterable[str], aliases: dict[str, str] | None = None
) -> str | None:
    """The suggestion "did you mean" makes, when no other choice comes near it."""
    options = [c for c in choices if isinstance(c, str)]
    best = msg.did_you_mean(value, options, aliases)
    if best is None:
        return None
    if aliases and aliases.get(value) == best:
        return best
    # a whole-word match is compared whole ("Relase": "Release", not
    # "ReleaseStage"); a prefix match with the prefixes of the others
    prefix = _score(value, best, prefix=False) < 0.75
    top = _score(value, best, prefix)
    rivals = [_score(value, c, prefix) for c in options if c != best]
    return best if top >= MIN_SCORE and all(top - r >= MARGIN for r in rivals) else None


def enum_fix(doc: Document, pointer: str, value: object, choices: Iterable[str]) -> Fix | None:
    """An enum value (or node kind) that is one of ``choices`` but for case
    or spaces (safe), or a typo clearly closest to one (unsafe)."""
    if not isinstance(value, str) or "${" in value:
        return None
    options = [c for c in choices if isinstance(c, str)]
    found = exact(value, options)
    if found is not None and found != value:
        return edits.replace_value(doc, pointer, found, _replace(value, found), edits.SAFE)
    closest = clearly_closest(value, options)
    if closest is None or closest == value:
        return None
    return edits.replace_value(doc, pointer, closest, _replace(value, closest))


def kind_fix(doc: Document, pointer: str, value: object, allowed: Iterable[str]) -> Fix | None:
    """An unknown node kind: one of the kinds ``allowed`` here but for case
    or spaces (safe), or clearly a typo of one (unsafe; also a known alias).
    The closest of all kinds must be allowed here, as the hint says."""
    from nflint.northflank.kinds import ALL_KINDS  # noqa: PLC0415

    if not isinstance(value, str):
        return None
    options = sorted(allowed)
    found = exact(value, sorted(ALL_KINDS))
    if found is not None and found != value:
        if found not in options:
            return None
        return edits.replace_value(doc, pointer, found, _replace(value, found), edits.SAFE)
    closest = clearly_closest(value, sorted(ALL_KINDS), msg.KIND_ALIASES)
    if closest is None or closest not in options:
        return None
    return edits.replace_value(doc, pointer, closest, _replace(value, closest))


def key_fix(doc: Document, pointer: str, key: str, known: Iterable[str]) -> Fix | None:
    """An unknown key clearly closest to a key the object may have (and does
    not have yet): rename it."""
    closest = clearly_closest(key, known, {**msg.KEY_ALIASES, **msg.LEGACY_KEYS})
    if closest is None or closest == key:
        return None
    message = f"rename {msg.quote(key)} to {msg.quote(closest)}"
    return edits.rename_key(doc, pointer, closest, message)


_REPO_SUFFIX = re.compile(r"(?:\.git)?/*$")


def repo_url_fix(doc: Document, pointer: str, value: object, pattern: str) -> Fix | None:
    """``repoUrl`` written with a trailing ``/`` or ``.git``: the URL without
    it, when that matches the pattern."""
    from nflint.schema.ecmaregex import search  # noqa: PLC0415

    if not pointer.endswith("/repoUrl") or not isinstance(value, str):
        return None
    trimmed = _REPO_SUFFIX.sub("", value.strip())
    if trimmed == value or not trimmed or not search(pattern, trimmed):
        return None
    return edits.replace_value(doc, pointer, trimmed, _replace(value, trimmed))


def schema_url_fix(doc: Document, current: str, documented: str) -> Fix | None:
    """A look-alike ``$schema`` URL replaced by the documented one."""
    return edits.replace_value(doc, "/$schema", documented, _replace(current, documented))
