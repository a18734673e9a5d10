"""Every schema regex against adversarial strings, on the engine nflint uses.

nflint matches JSON Schema ``pattern`` (and ``patternProperties`` keys)
through `nflint.ecmaregex.compile_pattern`: ECMAScript translated to Python's
backtracking `re`, with the linear-time equivalents of `ecmaregex.LINEAR`.
A pattern with nested or overlapping quantifiers can take quadratic or
exponential time on a crafted string, so:

1. screening: for each pattern, strings ``prefix + unit * n + suffix`` built
   from the pattern's own characters (n = 200) are timed, and the slowest
   shapes kept;
2. the figure: those shapes at n = 20,000 characters (four times the longest
   value in the corpus) must each match in under 50 ms. A quadratic pattern
   takes seconds there, an exponential one forever (an interval timer stops
   it: `re` checks for signals while it backtracks);
3. each linear equivalent accepts exactly the strings its original accepts
   (a differential test over the characters both use).
"""

from __future__ import annotations

import json
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nflint.schema import ecmaregex

pytestmark = pytest.mark.slow  # screens every regex with adversarial strings

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
BUDGET = 0.050  # seconds per match
SCREEN_N = 200
FIGURE_N = 20_000
KEEP = 4  # slowest shapes per pattern re-run at FIGURE_N


def schema_patterns() -> dict[str, str]:
    """Every ``pattern`` value and ``patternProperties`` key -> a file using it."""
    found: dict[str, str] = {}

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.setdefault(value, where)
                elif key == "patternProperties" and isinstance(value, dict):
                    for name in value:
                        found.setdefault(name, where)
                walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for path in sorted(SCHEMAS.rglob("*.schema.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name)
    return found


PATTERNS = schema_patterns()


class _Slow(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Slow


def timed(rx: re.Pattern[str], text: str, limit: float, *, every: bool = False) -> float:
    """Seconds ``rx.search(text)`` takes (``every``: walking every match);
    ``inf`` when it passes ``limit``."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        if every:
            for _ in rx.finditer(text):
                pass
        else:
            rx.search(text)
    except _Slow:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.perf_counter() - start


def _alphabet(pattern: str) -> list[str]:
    """Characters the pattern names, plus range ends and class stand-ins."""
    chars = {c for c in pattern if c.isprintable() and c != "\\"}
    chars |= {"a", "z", "A", "0", "9", " ", "-", ".", "/"}
    return sorted(chars)


def _words(pattern: str) -> list[str]:
    """Literal runs the pattern spells (``https://``, ``xn--``, ``tag:``)."""
    plain = pattern.replace("\\", "")
    runs = re.findall(r"[a-z]{2,}[:/-]*[/:-]+|[a-z]{3,}", plain)
    return sorted({r for r in runs if r not in ("zA", "za")})[:12]


def shapes(pattern: str, n: int) -> Iterator[tuple[str, str, str]]:
    """(prefix, unit, suffix) triples: ``prefix + unit * k + suffix`` of
    length about n drives the engine into every loop the pattern has."""
    alphabet = _alphabet(pattern)
    punct = [c for c in alphabet if not c.isalnum()]
    units = alphabet + [f"a{c}" for c in punct] + [f"{c}a" for c in punct]
    units += [f"aa{c}" for c in punct] + [f"{c}aa" for c in punct] + ["${", "a=aa&"]
    prefixes = ["", *alphabet, *(f"a{c}" for c in punct), *_words(pattern), "/?", "${"]
    for prefix in prefixes:
        for unit in units:
            for suffix in ("!", "\n"):
                yield prefix, unit, suffix


def build(shape: tuple[str, str, str], n: int) -> str:
    prefix, unit, suffix = shape
    return prefix + unit * (n // len(unit)) + suffix


def test_the_patterns_are_found() -> None:
    assert len(PATTERNS) > 30, "the schema walk found too few patterns"
    assert r".*\$\{.*\}.*" in PATTERNS


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_pattern_is_fast_on_adversarial_strings(pattern: str) -> None:
    rx = ecmaregex.compile_pattern(pattern)
    screened = sorted(
        ((timed(rx, build(shape, SCREEN_N), 0.5), shape) for shape in shapes(pattern, SCREEN_N)),
        reverse=True,
    )
    worst = 0.0
    for _, shape in screened[:KEEP]:
        text = build(shape, FIGURE_N)
        took = min(timed(rx, text, 2.0) for _ in range(2))
        worst = max(worst, took)
        assert took < BUDGET, (
            f"{pattern} ({PATTERNS[pattern]}) takes {took * 1000:.0f} ms on "
            f"{shape[0]!r} + {shape[1]!r} * {FIGURE_N // len(shape[1])} + {shape[2]!r}"
        )


def test_every_linear_equivalent_is_still_used() -> None:
    stale = sorted(set(ecmaregex.LINEAR) - set(PATTERNS))
    assert not stale, f"LINEAR rewrites patterns no schema uses any more: {stale}"


def test_pattern_properties_are_matched_by_the_same_engine() -> None:
    """jsonschema matches ``patternProperties`` with Python's `re` directly;
    the timing above covers them only while none exist."""
    names: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.extend(node.get("patternProperties", {}) if isinstance(node, dict) else ())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in SCHEMAS.rglob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    for name in names:  # if any appear: they must also be fast in plain `re`
        rx = re.compile(name)
        for shape in list(shapes(name, SCREEN_N))[:200]:
            assert timed(rx, build(shape, FIGURE_N), 2.0) < BUDGET, name


# -- the rewrites accept exactly what the originals accept ------------------

_PIECES = [
    *"aAz0x1n9-._/:@?&=${}!% \n",
    "www",
    "www.",
    "https://",
    "http://",
    "xn--",
    "${",
    "/v1",
    "aa",
    ".aa",
    "a=aa",
]


@pytest.mark.parametrize("original", sorted(ecmaregex.LINEAR))
@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=14))
def test_linear_equivalent_accepts_the_same_strings(original: str, pieces: list[str]) -> None:
    text = "".join(pieces)
    slow = re.compile(ecmaregex.translate(original))
    fast = ecmaregex.compile_pattern(original)
    assert fast.pattern != slow.pattern
    assert bool(fast.search(text)) == bool(slow.search(text)), text


@pytest.mark.parametrize(
    ("original", "examples"),
    [
        (r".*\$\{.*\}.*", ["${args.x}", "a ${refs.b.id} c", "${{secrets.s}}", "x${${y}"]),
        (
            "^(https:\\/\\/)?((www(\\.[a-zA-Z0-9\\-]{2,})+\\.)?[a-zA-Z0-9\\-]{2,})"
            "(\\.([a-zA-Z0-9\\-]{2,}))+(\\/([a-zA-Z0-9\\-._]{2,}))+?$",
            ["https://github.com/acme/api", "www.gitlab.com/ab/cd", "https://www.xy.io/ab"],
        ),
        (
            r"^(([a-z0-9][a-z0-9\-]*)|[a-z0-9]\.)*([a-z]+|xn--[a-z0-9]+)\.?$",
            ["example.com", "a-b.c.", "xn--bcher-kva", "my-app.xn--p1ai"],
        ),
    ],
)
def test_linear_equivalent_still_accepts_real_values(original: str, examples: list[str]) -> None:
    slow = re.compile(ecmaregex.translate(original))
    for text in examples:
        assert slow.search(text), text
        assert ecmaregex.search(original, text), text


def test_dot_is_ecmascript_dot() -> None:
    """``.`` stops at all four ECMAScript line terminators, not only ``\\n``."""
    for terminator in "\n\r\u2028\u2029":
        assert not ecmaregex.search("^a.b$", f"a{terminator}b")
    assert ecmaregex.search("^a.b$", "a\tb")


# -- the credential detector (nflint.secrets) and the redactor's patterns ----
#
# NF220 searches every string of a document with these, and the redactor
# every line a finding shows (and whole texts): the same screening, on
# `finditer` (both walk every match), with each shape's needles and sample as
# extra prefixes so that the engine gets past the literal start.


def secret_patterns() -> dict[str, tuple[re.Pattern[str], tuple[str, ...]]]:
    """name -> (compiled pattern, extra prefixes)."""
    from nflint.findings import masking as redact
    from nflint.secrets import shapes as secrets
    from tests.test_secret_hints import SAMPLES

    found = {
        shape.what: (re.compile(shape.pattern), (*shape.needles, SAMPLES[shape.what]))
        for shape in secrets.SHAPES
    }
    found["any needle"] = (secrets._any_needle(), ())
    for name in ("_SECRET_NAME", "_NOT_SECRET_NAME", "_WORD", "_CAMEL", "_NOT_NAME_CHAR"):
        found[name] = (re.compile(getattr(secrets, name)), ())
    found["_PLACEHOLDER"] = (re.compile(secrets._PLACEHOLDER, re.IGNORECASE), ("<", "change"))
    found["redact._KEY_VALUE"] = (re.compile(redact._KEY_VALUE), ('"DB_PASSWORD": ', "key: '"))
    return found


SECRET_PATTERNS = secret_patterns()


def timed_all(rx: re.Pattern[str], text: str, limit: float) -> float:
    """Seconds it takes to walk every match; ``inf`` past ``limit``."""
    return timed(rx, text, limit, every=True)


@pytest.mark.parametrize("name", sorted(SECRET_PATTERNS))
def test_secret_pattern_is_fast_on_adversarial_strings(name: str) -> None:
    rx, extra = SECRET_PATTERNS[name]
    candidates = list(shapes(rx.pattern, SCREEN_N))
    units = sorted({unit for _, unit, _ in candidates})
    candidates += [(p, u, s) for p in extra for u in units for s in ("!", "\n")]
    screened = sorted(
        ((timed_all(rx, build(shape, SCREEN_N), 0.5), shape) for shape in candidates),
        reverse=True,
    )
    for _, shape in screened[:KEEP]:
        text = build(shape, FIGURE_N)
        took = min(timed_all(rx, text, 2.0) for _ in range(2))
        assert took < BUDGET, (
            f"{name} takes {took * 1000:.0f} ms on "
            f"{shape[0]!r} + {shape[1]!r} * {FIGURE_N // len(shape[1])} + {shape[2]!r}"
        )
