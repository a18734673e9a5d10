"""Property tests of the fixes (see tests/fixcheck.py for the properties):
applying edits touches nothing else, and every fix of the corpus and of
generated mutations keeps the file parseable, removes its finding, adds no
error, and the fix loop reaches a fixed point."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nflint.diagnostics import Applicability, Edit, Fix
from nflint.fixes.apply import apply
from tests.conftest import CORPUS, ROOT
from tests.fixcheck import check_each_fix, check_fixed_point

FILES = sorted(
    p for p in CORPUS.rglob("*") if p.suffix in (".json", ".yaml", ".yml") and p.is_file()
)


# -- applying edits -----------------------------------------------------------

edits = st.builds(
    lambda a, b, c: Edit(min(a, b), max(a, b), c),
    st.integers(0, 40),
    st.integers(0, 40),
    st.text("xy\n", max_size=3),
)
fixes = st.lists(
    st.builds(
        lambda es: Fix(Applicability.SAFE, "m", tuple(es)), st.lists(edits, min_size=1, max_size=3)
    ),
    max_size=6,
)


@pytest.mark.slow  # hypothesis: a property test (the full run has it)
@given(st.text("abc\r\n", min_size=40, max_size=40), fixes)
def test_apply_changes_nothing_outside_the_applied_edits(text: str, found: list[Fix]) -> None:
    step = apply(text, found)
    done = sorted({e for f in step.applied for e in f.edits}, key=lambda e: (e.start, e.end))
    rebuilt, cursor = [], 0
    for edit in done:
        assert edit.start >= cursor, "applied edits never overlap"
        rebuilt += [text[cursor : edit.start], edit.content]
        cursor = edit.end
    assert step.text == "".join(rebuilt) + text[cursor:]
    assert set(step.applied) | set(step.skipped) == set(found)


def test_overlapping_and_touching_fixes_wait() -> None:
    first = Fix(Applicability.SAFE, "a", (Edit(2, 4, "X"),))
    touching = Fix(Applicability.SAFE, "b", (Edit(4, 5, "Y"),))
    overlapping = Fix(Applicability.SAFE, "c", (Edit(3, 6, "Z"),))
    later = Fix(Applicability.SAFE, "d", (Edit(7, 7, "!"),))
    step = apply("0123456789", [later, overlapping, touching, first])
    assert step.text == "01X456!789"
    assert step.applied == (first, later) and set(step.skipped) == {touching, overlapping}


# -- the corpus ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_every_fix_of_the_corpus(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    check_each_fix(text, path.name)
    check_fixed_point(text, path.name)


# -- generated mutations ------------------------------------------------------

SEEDS = [
    ROOT / "examples" / "release-flow.json",
    ROOT / "examples" / "release-flow.yaml",
    CORPUS / "docs-examples" / "09-template-opentofu-with-teardown.json",
]


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.append((*path, k))
            out += _leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _leaves(v, (*path, i))
    return out


def _typo(word: str, how: int) -> str:
    if not word:
        return word
    i = how % len(word)
    return [
        word.upper(),
        word.capitalize() if word[:1].islower() else word.lower(),
        f" {word} ",
        word[:i] + word[i + 1 :],
        word[:i] + word[i] * 2 + word[i + 1 :],
        word + "/",
    ][how % 6]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    seed = draw(st.sampled_from(SEEDS))
    data = json.loads(seed.read_text(encoding="utf-8")) if seed.suffix == ".json" else None
    if data is None:
        data = yaml.safe_load(seed.read_text(encoding="utf-8"))
    places = _leaves(data)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(places))
        parent: Any = data
        try:
            for token in where[:-1]:
                parent = parent[token]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation renamed a key on the way
        key = where[-1]
        if not isinstance(parent, dict) or key not in parent:
            continue
        how = draw(st.integers(0, 11))
        if how >= 6 or not isinstance(parent[key], str):  # the key instead of the value
            value = parent.pop(key)
            parent[_typo(str(key), how)] = value
        else:
            parent[key] = _typo(parent[key], how)
    if draw(st.booleans()):
        data["apiVersion"] = "v1"
    yaml_out = draw(st.booleans())
    if yaml_out:
        text = yaml.safe_dump(data, default_flow_style=draw(st.sampled_from([False, None])))
    else:
        text = json.dumps(data, indent=draw(st.sampled_from([None, 1, 2, 4])), ensure_ascii=False)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text, "northflank.yaml" if yaml_out else "northflank.json"


@pytest.mark.slow  # hypothesis: a property test (the full run has it)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_every_fix_of_a_mutated_document(case: tuple[str, str]) -> None:
    text, path = case
    check_each_fix(text, path)
    check_fixed_point(text, path)


# -- every kind of fix --------------------------------------------------------

CASES = sorted((ROOT / "tests" / "data" / "fixes").iterdir())


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_fix_of_the_golden_cases(case: Path, crlf: bool) -> None:
    text = case.read_bytes().decode("utf-8")
    if crlf:
        text = text.replace("\n", "\r\n")
    assert check_each_fix(text, case.name) >= 3
    check_fixed_point(text, case.name)
