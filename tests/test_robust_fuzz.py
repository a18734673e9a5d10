"""Property-based tests: random and mutated documents never break nflint.

Seeds are every example and corpus file. Mutations: byte flips, truncation,
deleted and inserted bytes and lines (the text as it comes), and on the data
of the JSON seeds key deletion, type swaps, unknown keys and deep nesting,
written back as JSON or YAML with LF, CRLF or CR line ends and an optional
BOM. For every input:

- nothing raises, and no finding is NF000 (a crash caught in a rule);
- INVARIANT SPAN: every finding has a span; ``1 <= line <= lines in the file``
  and ``1 <= column <= len(line) + 1`` (column len + 1 is the line break or
  the end of the file) at both ends, and ``start <= end``;
- INVARIANT POINTER: a finding about a document that was loaded has a pointer
  that either resolves in the document's data, or names one absent key of an
  object that resolves (a finding about a missing key). Its span lies inside
  the extent (key to end of value) of the pointer's nearest ancestor that is
  written in the file (`SourceMap.nearest`), so a missing key is shown on the
  object that lacks it; a key written twice (NF002) inside the object holding
  it. Parse errors and limits (NF001, NF007) are about the text, not a value:
  their pointer resolves, their span is only checked as above. A finding about
  a document that was not loaded is a file-level one (``NF0xx``);
- messages and hints are one line;
- the same input gives the same output, in every format, run after run
  (and, in a subprocess test, with other hash seeds and with ``--jobs``).
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nflint.analysis import expressions
from nflint.diagnostics import Diagnostic, FileResult, Position, RunResult
from nflint.engine import Options, lint_text
from nflint.load import loader, source
from nflint.load import pointer as jp
from nflint.reporters import REPORTERS
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # property-based fuzzing of whole runs

SEED_DIRS = [ROOT / "examples", ROOT / "tests" / "data" / "corpus"]
SUFFIXES = (".json", ".yaml", ".yml")


def _seeds() -> list[tuple[str, bytes]]:
    found = []
    for folder in SEED_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES:
                found.append((path.name, path.read_bytes()))
    return found


SEEDS = _seeds()
JSON_SEEDS: list[tuple[str, Any]] = []
for _name, _data in SEEDS:
    with contextlib.suppress(ValueError):
        JSON_SEEDS.append((_name, json.loads(_data)))

FUZZ = settings(
    max_examples=int(os.environ.get("NFLINT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- the invariants ------------------------------------------------------------


def _valid_position(at: Position, index: source.LineIndex) -> bool:
    if not 1 <= at.line <= index.line_count:
        return False
    return 1 <= at.column <= len(index.line_text(at.line)) + 1


def _resolves(data: object, pointer: str) -> bool:
    try:
        jp.resolve(data, pointer)
    except (LookupError, IndexError):
        return False
    return True


def _names_missing_key(data: object, pointer: str) -> bool:
    if not pointer:
        return False
    parent = jp.parent(pointer)
    if not _resolves(data, parent):
        return False
    node = jp.resolve(data, parent)
    return isinstance(node, dict) and jp.split(pointer)[-1] not in node


def check_invariants(
    result: FileResult, text: str | None, path: str, raw: bytes | None = None
) -> None:
    """``text``: the decoded file (None: it does not decode; then positions
    are checked against ``raw`` decoded with replacement characters)."""
    assert result.error is None
    docs: dict[int, loader.Document] = {}
    if text is not None:
        docs = {d.number: d for d in loader.load(text, path)[0]}
    lenient = (raw or b"").decode("utf-8", errors="replace")
    index = source.LineIndex(text if text is not None else lenient)
    for d in result.diagnostics:
        assert d.rule != "NF000", d.message
        assert "\n" not in d.message and "\r" not in d.message, d.message
        assert d.hint is None or ("\n" not in d.hint and "\r" not in d.hint), d.hint
        assert d.span is not None, d
        assert _valid_position(d.span.start, index), (d, index.line_count)
        assert _valid_position(d.span.end, index), (d, index.line_count)
        assert (d.span.start.line, d.span.start.column) <= (d.span.end.line, d.span.end.column)
        doc = docs.get(d.document)
        if doc is None:
            assert d.rule.startswith("NF0"), d
            continue
        _check_pointer(d, doc, index)


def _check_pointer(d: Diagnostic, doc: loader.Document, index: source.LineIndex) -> None:
    assert _resolves(doc.data, d.pointer) or _names_missing_key(doc.data, d.pointer), (
        f"{d.rule} pointer {d.pointer!r} resolves nowhere in the document"
    )
    if d.rule in ("NF001", "NF007"):
        return  # about the text (a parse error, a limit), not about a value
    smap = doc.source_map
    # a key written twice: only the last one is in the source map
    holder = jp.parent(d.pointer) if d.rule == "NF002" else d.pointer
    entry = smap.entry(smap.nearest(holder))
    assert entry is not None, d
    low = entry.key_start if entry.key_start >= 0 else entry.start
    first, last = index.position(min(low, entry.start)), index.position(entry.end)
    assert d.span is not None
    start = (d.span.start.line, d.span.start.column)
    assert (first.line, first.column) <= start <= (last.line, last.column), (
        f"{d.rule} at {start} outside {d.pointer!r} ({first} to {last})"
    )


def lint_and_check(data: bytes, path: str) -> FileResult:
    result = lint_text(data, path, Options())
    decoded = source.decode(data)
    text = None if isinstance(decoded, source.DecodeError) else decoded
    if result.source is not None:
        assert text is not None and len(result.source) == len(text)  # masks keep length
    check_invariants(result, text, path, data)
    return result


def render_all(result: RunResult) -> dict[str, str]:
    return {name: render(result, False) for name, render in REPORTERS.items()}


# -- strategies ------------------------------------------------------------------


@st.composite
def byte_mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    name, data = draw(st.sampled_from(SEEDS))
    ops = draw(st.lists(st.sampled_from(["flip", "cut", "delete", "insert", "line"]), max_size=4))
    buf = bytearray(data)
    for op in ops:
        at = draw(st.integers(0, max(0, len(buf) - 1)))
        if op == "flip" and buf:
            buf[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del buf[at:]
        elif op == "delete":
            del buf[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            buf[at:at] = draw(st.binary(max_size=12) | st.sampled_from(_SNIPPETS))
        elif op == "line":
            lines = bytes(buf).splitlines(keepends=True)
            if lines:
                k = at % len(lines)
                lines.insert(k, lines[k])
                buf = bytearray(b"".join(lines))
    return name, bytes(buf)


_SNIPPETS = [
    b"{",
    b"}",
    b"[",
    b'"',
    b",",
    b":",
    b"\n",
    b"\r\n",
    b"\r",
    b"\t",
    b"&a ",
    b"*a",
    b"<<: ",
    b"---\n",
    b"- ",
    b"${",
    b"${args.X}",
    b"${fn.nope(}",
    b"\xef\xbb\xbf",
    b"\xff",
    b'"\\ud800"',
    b"# comment\n",
    b"!!binary ",
    b"? ",
    b"%YAML 1.2\n",
]

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["", "${args.X}", "${refs.a.b}", "${fn.slug(", "x" * 300, "Workflow"]),
    # fresh objects: a mutation later must not change the strategy's constant
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}),
)


#: keys rules read to find their way (a type swap there finds most crashes)
_NODE_KEYS = frozenset({"kind", "type", "spec", "steps", "ref", "data", "projectId", "condition"})


def _containers(node: Any, ptr: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    stack = [(node, ptr)]
    while stack:
        current, at = stack.pop()
        if isinstance(current, (dict, list)):
            out.append((at, current))
            items = current.items() if isinstance(current, dict) else enumerate(current)
            stack.extend((v, jp.join(at, k)) for k, v in items)
    return out


@st.composite
def data_mutants(draw: st.DrawFn) -> tuple[str, Any]:
    name, original = draw(st.sampled_from(JSON_SEEDS))
    data = json.loads(json.dumps(original))
    for _ in range(draw(st.integers(1, 4))):
        places = _containers(data)
        _, node = draw(st.sampled_from(places))
        op = draw(st.sampled_from(["delete", "swap", "add", "nest"]))
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if op == "add" or not keys:
            if isinstance(node, dict):
                node[draw(st.text(max_size=12))] = draw(_VALUES)
            else:
                node.append(draw(_VALUES))
            continue
        known = [k for k in keys if k in _NODE_KEYS]
        key = draw(st.sampled_from(known if known and draw(st.booleans()) else keys))
        if op == "delete":
            del node[key]
        elif op == "swap":
            node[key] = draw(_VALUES)
        else:
            value = node[key]
            for _ in range(draw(st.integers(1, 250))):
                value = [value] if draw(st.booleans()) else {"k": value}
            node[key] = value
    return name, data


def _write(data: Any, as_yaml: bool, newline: str, bom: bool) -> bytes:
    if as_yaml:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    else:
        text = json.dumps(data, indent=2, ensure_ascii=False)
    raw = text.replace("\n", newline).encode("utf-8", "surrogatepass")
    return codecs.BOM_UTF8 + raw if bom else raw


# -- the properties --------------------------------------------------------------


@FUZZ
@given(mutant=byte_mutants())
def test_mutated_bytes_never_break_the_loader_or_the_linter(mutant: tuple[str, bytes]) -> None:
    name, data = mutant
    decoded = source.decode(data)
    if not isinstance(decoded, source.DecodeError):
        loader.load(decoded, name)  # never raises
    lint_and_check(data, name)


@FUZZ
@given(
    mutant=data_mutants(),
    as_yaml=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
)
def test_mutated_documents_never_break_the_validator(
    mutant: tuple[str, Any], as_yaml: bool, newline: str, bom: bool
) -> None:
    name, data = mutant
    path = name.rsplit(".", 1)[0] + (".yaml" if as_yaml else ".json")
    try:
        raw = _write(data, as_yaml, newline, bom)
    except (RecursionError, UnicodeEncodeError):
        return  # the writers' limits, not nflint's
    result = lint_and_check(raw, path)
    assert render_all(RunResult((result,))) == render_all(
        RunResult((lint_text(raw, path, Options()),))
    )


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


@FUZZ
@given(data=_JSONISH, doc_type=st.sampled_from(["release-flow", "template", "workflow"]))
def test_random_documents_of_a_forced_type(data: Any, doc_type: str) -> None:
    raw = json.dumps(data).encode()
    result = lint_text(raw, "random.json", Options(doc_type=doc_type))
    check_invariants(result, raw.decode(), "random.json")


@FUZZ
@given(text=st.text(max_size=200))
def test_random_text_in_either_format(text: str) -> None:
    for path in ("random.json", "random.yaml"):
        raw = text.encode("utf-8", "surrogatepass")
        result = lint_text(raw, path, Options())
        decoded = source.decode(raw)
        good = None if isinstance(decoded, source.DecodeError) else decoded
        check_invariants(result, good, path, raw)


def test_every_seed_holds_the_invariants() -> None:
    for name, data in SEEDS:
        lint_and_check(data, name)


# -- the expression parser ---------------------------------------------------------

_EXPRESSION_PIECES = st.sampled_from(
    ["${", "${{", "}", "}}", "args", "refs", "fn", "secrets", "template", ".", "(", ")", ",",
     "'", '"', "\\", "$", "{", " ", "x", "1", "-", "[", "]", "0", "\n", "é"]
)  # fmt: skip


@FUZZ
@given(pieces=st.lists(_EXPRESSION_PIECES | st.text(max_size=3), max_size=30))
def test_expression_parser_never_raises_and_stays_in_the_string(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = expressions.parse(text)
    assert found == expressions.parse(text)
    for e in found:
        assert 0 <= e.start < e.end <= len(text)
        assert text.startswith("${", e.start)
        if e.error is not None:
            assert 0 <= e.error.start <= e.error.end <= len(text)
        for ref in e.references:
            assert e.start <= ref.start <= ref.end <= e.end


@FUZZ
@given(pieces=st.lists(_EXPRESSION_PIECES, max_size=20), as_yaml=st.booleans())
def test_expressions_inside_documents_keep_valid_spans(pieces: list[str], as_yaml: bool) -> None:
    value = "".join(pieces)
    data = {
        "$schema": "https://api.northflank.com/v1/schemas/release-flow",
        "apiVersion": "v1.2",
        "arguments": {"X": "1"},
        "spec": {
            "kind": "Workflow",
            "spec": {
                "type": "sequential",
                "steps": [{"kind": "Message", "spec": {"kind": "SLACK", "message": value}}],
            },
        },
    }
    path = "expr.yaml" if as_yaml else "expr.json"
    lint_and_check(_write(data, as_yaml, "\n", False), path)


# -- reporters ---------------------------------------------------------------------

_PATHS = st.sampled_from(
    ["a.json", "dir with space/ü.yaml", "c:\\x%,:y.json", "new\nline.json", "bad\udcff.json",
     "esc\x1b[31m.yaml", ""]
)  # fmt: skip


@FUZZ
@given(mutants=st.lists(byte_mutants(), min_size=1, max_size=3), paths=st.lists(_PATHS, max_size=3))
def test_every_reporter_renders_any_result(
    mutants: list[tuple[str, bytes]], paths: list[str]
) -> None:
    files = [lint_text(data, name, Options()) for name, data in mutants]
    files += [FileResult(p, (), error="permission denied") for p in paths]
    files += [lint_text(b'{"a": 1, "a": 2}', p, Options()) for p in paths]
    result = RunResult(tuple(files))
    first = render_all(result)
    assert first == render_all(result)
    for name, out in first.items():
        assert isinstance(out, str), name


# -- byte-identical output across processes, hash seeds and --jobs -------------------


@pytest.fixture(scope="module")
def mutated_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of 40 mutated files (seeded, so the same every run)."""
    import random

    rng = random.Random(7)
    root = tmp_path_factory.mktemp("mutants")
    for number in range(40):
        name, data = SEEDS[rng.randrange(len(SEEDS))]
        buf = bytearray(data)
        for _ in range(rng.randrange(3)):
            if buf:
                buf[rng.randrange(len(buf))] = rng.randrange(256)
        (root / f"{number:02d}-northflank-{name}").write_bytes(bytes(buf))
    return root


def _cli(args: list[str], seed: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "nflint", "check", "--isolated", *args],
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_output_is_byte_identical_across_runs_and_jobs(mutated_tree: Path, fmt: str) -> None:
    files = sorted(str(p) for p in mutated_tree.iterdir())
    runs = [_cli(["--format", fmt, *files], seed) for seed in ("0", "12345")]
    runs.append(_cli(["--format", fmt, "--jobs", "2", *files], "99"))
    runs.append(_cli(["--format", fmt, "--jobs", "1", *files], "7"))
    first = runs[0]
    assert first.returncode in (0, 1), first.stderr.decode()
    assert b"Traceback" not in first.stderr
    for other in runs[1:]:
        assert (other.returncode, other.stdout) == (first.returncode, first.stdout)
