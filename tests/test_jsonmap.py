"""`jsonmap.locate` places pointers as `jsonmap.scan` does, without the full scan."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from nflint.load import jsonmap, loader
from nflint.load import pointer as jp
from nflint.load.source import LineIndex
from nflint.load.sourcemap import SourceMap

ROOT = Path(__file__).resolve().parent.parent


def _files() -> list[Path]:
    found = sorted((ROOT / "tests" / "data" / "corpus").rglob("*.json"))
    return [*found, *sorted((ROOT / "examples").rglob("*.json"))]


ODD = '{"a": [1, {"b~c/d": "x\\"y", "e": []}, -2.5e3, null], "f\\u00e9": {}, "g": true}'


@pytest.mark.parametrize("text", [ODD, "[[], [[1]], {}]", '"alone"', ' \n {"x": {"y": [0]}} '])
def test_odd_documents(text: str) -> None:
    _agree(text, random.Random(0))


@pytest.mark.slow
def test_corpus_documents() -> None:
    rng = random.Random(3)
    checked = 0
    for path in _files():
        text = path.read_text(encoding="utf-8")
        try:
            json.loads(text)
        except ValueError:
            continue
        checked += _agree(text, rng)
    assert checked > 5000


def _agree(text: str, rng: random.Random) -> int:
    start = len(text) - len(text.lstrip(" \t\r\n\ufeff"))
    entries, duplicates = jsonmap.scan(text, start)
    if duplicates:
        return 0
    present = list(entries)
    absent = [p + "/missing" for p in present] + [p + "/0/x" for p in present] + ["/~1", "/01"]

    def nearest(pointer: str) -> str:
        while pointer not in entries:
            pointer = jp.parent(pointer)
        return pointer

    wanted = present + absent
    batches = [wanted, *([p] for p in rng.sample(wanted, min(30, len(wanted))))]
    for batch in batches:
        for pointer, (at, entry) in jsonmap.locate(text, start, batch).items():
            assert at == nearest(pointer), pointer
            assert repr(entry) == repr(entries[at]), pointer
    return len(wanted)


def test_a_lazy_map_answers_as_a_full_one() -> None:
    """The first lookups are walks (`locate`), later ones read the full scan."""
    doc = loader.load(ODD, "x.json")[0][0]
    full = SourceMap(LineIndex(ODD), jsonmap.scan(ODD, 0)[0])
    pointers = [*jsonmap.scan(ODD, 0)[0], "/nope/x", "/a/9", "/a/1/b~0c~1d/q"]
    pointers += [p + "/z" for p in pointers]
    assert len(pointers) > loader._LOOKUPS
    for pointer in pointers:
        assert doc.source_map.nearest(pointer) == full.nearest(pointer)
        assert repr(doc.source_map.entry(pointer)) == repr(full.entry(pointer))
        assert doc.source_map.value_span(pointer) == full.value_span(pointer)


@pytest.mark.parametrize("text", ["", "a", "a\n", "a\nb", "\n\n", "x\ny\n\nzz", "a\r\nb\rc\n\r"])
def test_line_starts(text: str) -> None:
    index = LineIndex(text)
    assert index._starts == [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]


@pytest.mark.parametrize(
    "text", ["", "a", "a\n", "a\nb", "\n\n", "x\ny\n\nzz\n", "ab\ncd\n\nef", "a\r\nb\rc\n\r"]
)
def test_counted_positions_equal_listed_ones(text: str) -> None:
    """The first positions are counted from the nearest known line start;
    later ones read the listed starts: both answer as the listed index does,
    whatever order the offsets come in, and so do `offset` and `line_text`."""
    rng = random.Random(len(text))
    offsets = [*range(len(text) + 1)] * 2
    rng.shuffle(offsets)
    listed = LineIndex(text)
    listed._starts  # noqa: B018 - list every start first
    counted = LineIndex(text)
    for at in offsets:
        assert counted.position(at) == listed.position(at), (text, at)
        line = listed.position(at).line
        assert counted.offset(line) == listed.offset(line)
        assert counted.line_text(line) == listed.line_text(line)
    assert counted.line_count == listed.line_count


def test_a_few_positions_list_no_line_starts() -> None:
    """A file with a few findings needs a few positions: counted, not listed."""
    text = "".join(f"line {n}\n" for n in range(1000))
    index = LineIndex(text)
    assert index.position(text.index("line 500")) == (501, 1)
    assert index.line_text(501) == "line 500"
    assert index.offset(501) == text.index("line 500")
    assert index._lines is None
