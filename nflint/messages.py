"""Pure helpers that render parts of messages, for every stage: JSON
quoting (`quote`, the only one), type names, lists of allowed values and
"did you mean" suggestions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from difflib import SequenceMatcher

MAX_SHOWN = 60
MAX_CHOICES = 12

#: names people write for kinds that exist under another name (spec c.2)
KIND_ALIASES = {
    "RunJob": "JobRun",
    "AwaitCondition": "Condition",
    "BackupAddon": "AddonBackup",
    "RestoreAddon": "Action",
    "Execute": "Action",
    "PreviewTemplate": "PreviewBlueprint",
    "Deployment": "DeploymentService",
    "DeployService": "DeploymentService",
    "Service": "DeploymentService",
    "Combined": "CombinedService",
}


#: node keys of apiVersion v1 -> their v1.2 names
LEGACY_KEYS = {"nfObjectId": "id", "nfObjectType": "type"}

#: keys written for another that no spelling distance finds (``args:`` for
#: ``arguments:``, as expressions spell it ``${args.X}``)
KEY_ALIASES = {"args": "arguments", "params": "arguments", "parameters": "arguments"}


def legacy_key(key: str, known: Iterable[str]) -> str | None:
    """The hint for a v1 key (``nfObjectType``): its v1.2 name, and whether
    this object has that key."""
    new = LEGACY_KEYS.get(key)
    if new is None:
        return None
    hint = f"{quote(key)} is the apiVersion v1 name of {quote(new)}"
    if new in known:
        return f"{hint}; write {quote(new)}"
    return f"{hint}, which this object does not have either"


def quote(value: object, limit: int | None = MAX_SHOWN) -> str:
    """A value as JSON (``"abc"``, ``3``, ``["a"]``), the one way nflint
    quotes a value in a message. Shortened in the middle when longer than
    ``limit`` characters (None: never); a value JSON cannot hold is quoted
    as its ``str()``."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = json.dumps(str(value), ensure_ascii=False)
    if limit is not None and len(text) > limit:
        if isinstance(value, dict):
            return "an object"
        if isinstance(value, list):
            return f"an array of {plural(len(value), 'item')}"
        keep = (limit - 3) // 2
        text = text[:keep] + "…" + text[-keep:]
    return text


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 character``, ``0 infos``, ``3 nodes`` (``many``: an irregular plural)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def listing(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b, and c`` (the items may contain "and")."""
    shown = list(items)
    if len(shown) <= 2:
        return " and ".join(shown)
    return ", ".join(shown[:-1]) + ", and " + shown[-1]


def article(word: str) -> str:
    """``a Build``, ``an OpenTofuDestroy``, ``an LLMModelDeployment``."""
    spoken_vowel = word[:1].lower() in "aeiou" or word.startswith(("LLM", "SSH"))
    return f"{'an' if spoken_vowel else 'a'} {word}"


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def describe(value: object) -> str:
    """``string "abc"``, ``integer 3``, ``an object``: what was found."""
    kind = json_type(value)
    if kind in ("object", "array"):
        return "an object" if kind == "object" else "an array"
    if kind == "null":
        return "null"
    return f"{kind} {quote(value)}"


def one_of(values: Iterable[object], limit: int = MAX_CHOICES) -> str:
    """``"a", "b" or "c"`` (the first ``limit`` values, then "…")."""
    shown = [quote(v) for v in values]
    if len(shown) > limit:
        shown = [*shown[:limit], f"… ({len(shown) - limit} more)"]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def expected(values: Sequence[object]) -> str:
    """``expected "a"``, ``expected "a" or "b"``, ``expected one of "a", "b"
    or "c"``."""
    return f"expected {'one of ' if len(values) > 2 else ''}{one_of(values)}"


def types(expected: object) -> str:
    names = expected if isinstance(expected, list) else [expected]
    words = [str(n) for n in names]
    return " or ".join(words)


def did_you_mean(
    value: object, choices: Iterable[str], aliases: dict[str, str] | None = None
) -> str | None:
    """The closest choice to ``value`` (case-insensitive first), or None."""
    if not isinstance(value, str):
        return None
    options = [c for c in choices if isinstance(c, str)]
    if aliases and value in aliases and aliases[value] in options:
        return aliases[value]
    folded = {c.lower(): c for c in options}
    if value.lower() in folded:
        return folded[value.lower()]
    swapped = _transposed(value.lower(), folded)
    if swapped is not None:  # "sah" for "sha": too short for the ratio below
        return swapped
    import difflib  # noqa: PLC0415 - only when there is something to suggest

    # Every option is scored (the first best wins), but a score only matters
    # when it reaches 0.75 and beats the best so far: options whose upper
    # bounds (difflib's length and character-count bounds) cannot reach that
    # skip the costly ratio(). Same answer, far less work on long lists
    # (10,000 refs: seconds per suggestion before).
    lowered = value.lower()
    matcher = difflib.SequenceMatcher(None, lowered, "")
    best, best_score = None, 0.0
    for option in options:
        candidate = option.lower()
        bar = max(best_score, 0.75)
        score = _ratio(matcher, len(lowered), candidate, bar, 0.0)
        if len(value) >= 4 and len(candidate) > len(lowered):
            # a truncated or misspelt prefix: "concurency" for "concurrencyPolicy"
            head = candidate[: len(lowered) + 1]
            score = max(score, _ratio(matcher, len(lowered), head, bar, 0.05))
        if score > best_score:
            best, best_score = option, score
    return best if best_score >= 0.75 else None


def _transposed(lowered: str, folded: dict[str, str]) -> str | None:
    """The option (by its lower case) that ``lowered`` writes with two
    neighbouring letters swapped, for words of 3 letters or more."""
    if len(lowered) < 3:
        return None
    for i in range(len(lowered) - 1):
        if lowered[i] != lowered[i + 1]:
            swapped = lowered[:i] + lowered[i + 1] + lowered[i] + lowered[i + 2 :]
            if swapped in folded:
                return folded[swapped]
    return None


def _ratio(matcher: SequenceMatcher[str], a_len: int, b: str, bar: float, penalty: float) -> float:
    """``matcher``'s ratio (its first string has ``a_len`` characters) to
    ``b`` less ``penalty``, or -1.0 when that is certainly below ``bar``
    (upper bounds first, the exact ratio last)."""
    length = a_len + len(b)
    bound = 2.0 * min(a_len, len(b)) / length if length else 1.0  # real_quick_ratio
    if bound - penalty < bar:
        return -1.0
    matcher.set_seq2(b)
    if matcher.quick_ratio() - penalty < bar:
        return -1.0
    return matcher.ratio() - penalty


def suggestion(
    value: object, choices: Iterable[str], aliases: dict[str, str] | None = None
) -> str | None:
    best = did_you_mean(value, choices, aliases)
    return f"did you mean {quote(best)}?" if best else None
