"""Bounded resources: each test holds a figure (docs/robustness.md).

- YAML alias bombs and alias chains: refused (NF007) in under 100 MB,
  measured in a child process (peak RSS of the whole process, interpreter
  included); their time is a benchmark figure, not a test;
- nesting 100,000 levels deep, JSON and YAML: NF007 at the level that broke
  the limit, no RecursionError (libyaml stops at 1,000 levels by itself,
  nflint at 200);
- a 50 MB file: refused by ``--max-file-size`` (default 10 MiB) without
  being read: peak RSS under 5x the file size (it is ~1x: the interpreter);
- odd bytes: binary, invalid UTF-8, UTF-16 with and without BOM, UTF-8 BOM,
  CRLF and lone CR line ends, empty, white space only, comments only: a
  finding at the right position or a clean pass, never a crash; CRLF and CR
  files report exactly the positions of the LF file.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nflint.diagnostics import FileResult
from nflint.engine import DEFAULT_MAX_FILE_SIZE, Options, lint_text
from tests.conftest import ROOT

MEGABYTES = 100

#: peak RSS of this process image: /proc's VmHWM (getrusage's ru_maxrss
#: would keep the forking parent's size across exec)
_PEAK = """
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_MEASURE = (
    _PEAK
    + """
import json, sys
from nflint.engine import Options, lint_text
data = open(sys.argv[1], "rb").read()
result = lint_text(data, sys.argv[2], Options())
print(json.dumps({
    "rss_mb": peak_mb(),
    "found": [(d.rule, d.span.start.line, d.span.start.column, d.message)
              for d in result.diagnostics],
}))
"""
)


def measure(tmp_path: Path, name: str, text: str) -> dict[str, object]:
    """Lint ``text`` in a fresh process: peak RSS (MB) and findings."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), name],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    figures: dict[str, object] = json.loads(done.stdout)
    return figures


def _chain(levels: int, fan: int, base: str = "[x, x, x, x, x, x, x, x, x, x]") -> str:
    lines = [f"a0: &a0 {base}"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fan) + "]")
    return "\n".join(lines) + "\n"


_NF = "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
BOMBS = {
    # 10^10 values: the billion laughs
    "billion-laughs": _chain(10, 10),
    # 2^64: each level doubles the last
    "doubling-chain": _chain(64, 2),
    # a chain of aliases, each one level deeper: depth beyond any limit
    "deep-alias-chain": "a0: &a0 [x]\n"
    + "".join(f"a{i}: &a{i} [[[[[*a{i - 1}]]]]]\n" for i in range(1, 400)),
    # nodes: the bomb a validator would walk
    "node-bomb": _NF
    + "n0: &n0 {kind: AddonBackup, spec: {addonId: db, backupType: snapshot}}\n"
    + "".join(
        f"n{i}: &n{i} {{kind: Workflow, spec: {{type: sequential, steps: "
        f"[{', '.join([f'*n{i - 1}'] * 9)}]}}}}\n"
        for i in range(1, 9)
    )
    + "spec: *n8\n",
    # merge keys: every level merges the last twice over
    "merge-bomb": "m0: &m0 {"
    + ", ".join(f"k{j}: {j}" for j in range(10))
    + "}\n"
    + "".join(
        f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}], "
        + ", ".join(f"l{i}x{j}: *m{i - 1}" for j in range(5))
        + "}\n"
        for i in range(1, 12)
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BOMBS))
def test_alias_bombs_are_refused_and_stay_small(tmp_path: Path, name: str) -> None:
    figures = measure(tmp_path, f"{name}.yaml", BOMBS[name])
    rules = [f[0] for f in figures["found"]]  # type: ignore[union-attr]
    assert "NF007" in rules, figures["found"]
    message = next(f[3] for f in figures["found"] if f[0] == "NF007")  # type: ignore[union-attr]
    assert "alias" in message and "nflint does not lint it" in message
    assert figures["rss_mb"] < MEGABYTES, figures  # type: ignore[operator]


@pytest.mark.slow
def test_the_largest_accepted_alias_expansion_is_linted(tmp_path: Path) -> None:
    """Just under the budget (10,000 values added by aliases): linted. The
    worst such file is one of nodes, which the validator walks one by one:
    11 aliases of 91 nodes each (0.9 s on the reference machine)."""
    text = _chain(4, 9, "[x, x, x, x, x, x, x, x, x]")  # aliases add 90 + 819 + 7,380
    figures = measure(tmp_path, "big-anchors.yaml", text)
    assert "NF007" not in [f[0] for f in figures["found"]]  # type: ignore[union-attr]
    assert figures["rss_mb"] < MEGABYTES, figures  # type: ignore[operator]
    nodes = BOMBS["node-bomb"].split("n3:")[0] + (
        "spec: {kind: Workflow, spec: {type: parallel, steps: [" + ", ".join(["*n2"] * 11) + "]}}\n"
    )
    figures = measure(tmp_path, "node-anchors.yaml", nodes)
    assert "NF007" not in [f[0] for f in figures["found"]]  # type: ignore[union-attr]
    assert figures["rss_mb"] < MEGABYTES, figures  # type: ignore[operator]
    over = nodes.replace("*n2]", "*n2, *n2]")  # one alias more: refused
    assert "NF007" in [f[0] for f in measure(tmp_path, "over.yaml", over)["found"]]  # type: ignore[union-attr]


# -- nesting ----------------------------------------------------------------------

DEEP = 100_000


def _indented(levels: int) -> str:
    return "".join(" " * i + "a:\n" for i in range(levels))


NESTED = {
    "json-arrays": ("deep.json", "[" * DEEP + "]" * DEEP, (1, 201)),
    "json-objects": ("deep.json", '{"a":' * DEEP + "1" + "}" * DEEP, (1, 1001)),
    "yaml-flow-sequences": ("deep.yaml", "[" * DEEP + "]" * DEEP, (1, 1001)),
    "yaml-flow-mappings": ("deep.yaml", "{a: " * DEEP + "1" + "}" * DEEP, (1, 4001)),
    "yaml-block-sequences": ("deep.yaml", "- " * DEEP + "x\n", (1, 1999)),
    # libyaml's scanner refuses level 1,000 before nflint sees level 201
    "yaml-block-mappings": ("deep.yaml", _indented(1_500), (1000, 1001)),
    "yaml-block-mappings-300": ("deep.yaml", _indented(300), (201, 201)),
}


@pytest.mark.parametrize("case", sorted(NESTED))
def test_deep_nesting_is_a_finding_not_a_recursion_error(case: str) -> None:
    name, text, where = NESTED[case]
    result = lint_text(text, name, Options())
    [finding] = result.diagnostics
    assert finding.rule == "NF007"
    assert "nests deeper than 200 levels" in finding.message
    assert finding.span is not None
    assert (finding.span.start.line, finding.span.start.column) == where


@pytest.mark.slow
def test_deep_nesting_from_the_command_line(tmp_path: Path) -> None:
    for name, text in (("deep.json", "[" * DEEP + "]" * DEEP), ("deep.yaml", "- " * DEEP)):
        (tmp_path / name).write_text(text)
    named = [str(tmp_path / "deep.json"), str(tmp_path / "deep.yaml")]
    done = subprocess.run(
        [sys.executable, "-m", "nflint", "check", "--isolated", *named],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.count(b"NF007") == 2
    assert b"Traceback" not in done.stderr and b"RecursionError" not in done.stdout


def test_nesting_just_under_the_limit_is_linted() -> None:
    node: object = {"kind": "AddonBackup", "spec": {"addonId": "db", "backupType": "snapshot"}}
    for _ in range(65):  # 3 levels each: 196 in all
        node = {"kind": "Workflow", "spec": {"type": "sequential", "steps": [node]}}
    doc = {"$schema": "https://api.northflank.com/v1/schemas/release-flow", "apiVersion": "v1.2"}
    result = lint_text(json.dumps({**doc, "spec": node}), "deep.json", Options())
    assert [d.rule for d in result.diagnostics if d.rule in ("NF000", "NF007")] == []


# -- size ---------------------------------------------------------------------------

_CLI_RSS = (
    _PEAK
    + """
import sys
from nflint.cli import main  # not cli.run, whose quick exit skips what follows
sys.argv = ["nflint", "check", "--isolated", *sys.argv[1:]]
try:
    main()
finally:
    print("RSS_MB", int(peak_mb()), file=sys.stderr)
"""
)


def _cli_rss(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, int]:
    done = subprocess.run(
        [sys.executable, "-c", _CLI_RSS, *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )
    rss = int(done.stderr.decode().rsplit("RSS_MB", 1)[1].split()[0])
    return done.returncode, done.stdout, rss


@pytest.fixture(scope="module")
def fifty_megabytes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.json"
    filler = "x" * 1000
    count = 50 * 1024 * 1024 // 1010
    with path.open("w") as handle:
        handle.write('{"$schema": "https://api.northflank.com/v1/schemas/template", "arguments": {')
        handle.write(", ".join(f'"A{i}": "{filler}"' for i in range(count)))
        handle.write("}}\n")
    return path


@pytest.mark.slow
def test_a_50_mb_file_is_refused_without_being_read(fifty_megabytes: Path) -> None:
    size = fifty_megabytes.stat().st_size
    assert size > 50 * 1024 * 1024
    code, out, rss = _cli_rss([str(fifty_megabytes)])
    assert code == 1
    assert b"NF007" in out and f"{size:,} bytes".encode() in out and b"--max-file-size" in out
    assert rss * 1024 * 1024 < 5 * size
    assert rss < MEGABYTES  # it is not read at all: this is the interpreter


@pytest.mark.slow
def test_a_50_mb_standard_input_is_refused_after_the_limit(fifty_megabytes: Path) -> None:
    code, out, rss = _cli_rss(["-"], fifty_megabytes.read_bytes())
    assert code == 1 and b"NF007" in out and b"larger than the 10,485,760-byte limit" in out
    assert rss < MEGABYTES  # one limit's worth is read, not the 50 MB


def test_the_limit_is_inclusive_and_can_be_lifted(tmp_path: Path) -> None:
    data = b'{"a": "' + b"x" * 1000 + b'"}'
    path = tmp_path / "x.json"
    path.write_bytes(data)
    from nflint.engine import lint_file

    assert lint_file(str(path), Options(max_file_size=len(data))).diagnostics[0].rule == "NF004"
    assert lint_file(str(path), Options(max_file_size=len(data) - 1)).diagnostics[0].rule == "NF007"
    assert lint_file(str(path), Options(max_file_size=None)).diagnostics[0].rule == "NF004"
    assert DEFAULT_MAX_FILE_SIZE == 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("option", "size"),
    [("0", 0), ("1024", 1024), ("512KiB", 512 * 1024), ("10MB", 10 * 1024**2), ("1g", 1024**3)],
)
def test_max_file_size_option_parses_sizes(option: str, size: int) -> None:
    from nflint.cli import _Size

    assert _Size().convert(option, None, None) == size


# -- odd bytes and line ends -----------------------------------------------------------

EXAMPLE = (ROOT / "examples" / "invalid" / "release-flow-mistakes.yaml").read_text()
EXAMPLE_JSON = (ROOT / "examples" / "invalid" / "release-flow-mistakes.json").read_text()


def _where(result: FileResult) -> list[tuple[str, int, int, int, int]]:
    return [
        (d.rule, d.span.start.line, d.span.start.column, d.span.end.line, d.span.end.column)
        for d in result.diagnostics
        if d.span is not None
    ]


@pytest.mark.parametrize("name,text", [("m.yaml", EXAMPLE), ("m.json", EXAMPLE_JSON)])
@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="lone-cr"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.encode(), id="utf8-bom"),
        pytest.param(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), id="utf16-le-bom"),
        pytest.param(lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), id="utf16-be-bom"),
        pytest.param(lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode(), id="bom-crlf"),
    ],
)
def test_every_encoding_and_line_end_gives_the_same_positions(
    name: str, text: str, encode: object
) -> None:
    expected = _where(lint_text(text.encode(), name, Options()))
    assert len(expected) >= 5
    assert _where(lint_text(encode(text), name, Options())) == expected  # type: ignore[operator]


def test_crlf_positions_exactly() -> None:
    crlf = EXAMPLE.replace("\n", "\r\n").encode()
    assert _where(lint_text(crlf, "m.yaml", Options())) == [
        ("NF103", 4, 11, 4, 13),  # `paused: no`: one finding (write false), no NF005 beside it
        ("NF102", 5, 3, 5, 13),
        ("NF105", 9, 32, 9, 48),
        ("NF002", 10, 5, 10, 15),
        ("NF108", 12, 9, 12, 17),
    ]
    crlf_json = EXAMPLE_JSON.replace("\n", "\r\n").encode()
    found = _where(lint_text(crlf_json, "m.json", Options()))
    assert found[:3] == [("NF104", 3, 17, 3, 23), ("NF104", 5, 26, 5, 33), ("NF104", 9, 21, 9, 28)]


def test_a_parse_error_on_a_crlf_line_points_at_the_line_not_past_it() -> None:
    result = lint_text(b'{\r\n  "a": 1,\r\n  "b" 2\r\n}\r\n', "x.json", Options())
    assert _where(result) == [("NF001", 3, 6, 3, 6)]  # where the ':' belongs
    result = lint_text(b'{\r\n  "a": 1\r\n  "b": 2\r\n}\r\n', "x.json", Options())
    assert _where(result) == [("NF001", 2, 9, 2, 9)]  # the ',' belongs at the end of line 2
    result = lint_text(b"a: 1\r\nb: [1, 2\r\nc: 3\r\n", "x.yaml", Options())
    [(rule, line, column, _, _)] = _where(result)
    assert rule == "NF001" and line in (2, 3) and column <= len("b: [1, 2") + 1


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"", "e.json", [("NF001", 1, 1)]),
        (b"", "e.yaml", []),
        (b"  \n\t\n\r\n", "w.json", [("NF001", 1, 1)]),
        (b"  \n\t\n\r\n", "w.yaml", []),
        (b"# only\n# comments\n", "c.yaml", []),
        (b"# only\r# comments with lone CR\r", "c.yaml", []),
        (b"---\n# a comment\n...\n", "c.yaml", []),
        (bytes(range(256)), "b.json", [("NF001", 3, 115)]),  # 0x80 after \n (10) and \r (13)
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "p.json", [("NF001", 1, 1)]),
        (b"a: 1\nb: 2\nc: \xff\n", "u.yaml", [("NF001", 3, 4)]),
        (b'{"a":\n "\xc3\x28"}', "u.json", [("NF001", 2, 3)]),
        ("a: 1\n".encode("utf-16-le"), "u16.yaml", [("NF001", 1, 1)]),
        (b"a: \0b\n", "n.yaml", [("NF001", 1, 4)]),
        (b'{"a":\n"\x00"}', "n.json", [("NF001", 2, 2)]),
        (b"a: b\x01c\n", "ctl.yaml", [("NF001", 1, 5)]),
        ("é😀: \x07\n".encode(), "ctl.yaml", [("NF001", 1, 5)]),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "bad16.yaml", [("NF001", 1, 1)]),
        (b'{"a": ' + b"9" * 5000 + b"}", "big.json", [("NF004", 1, 1)]),
        (b"a: " + b"9" * 5000 + b"\n", "big.yaml", [("NF004", 1, 1)]),
    ],
)
def test_odd_bytes_give_a_positioned_finding_or_a_clean_pass(
    data: bytes, name: str, expected: list[tuple[str, int, int]]
) -> None:
    result = lint_text(data, name, Options())
    assert [(r, line, col) for r, line, col, _, _ in _where(result)] == expected
    for d in result.diagnostics:
        assert "\n" not in d.message and d.rule != "NF000"


def test_odd_bytes_messages_say_what_is_wrong() -> None:
    def message(data: bytes, name: str) -> str:
        return lint_text(data, name, Options()).diagnostics[0].message

    assert "UTF-16" in message("a: 1\n".encode("utf-16-le"), "x.yaml")
    assert "byte 0x89" in message(b"\x89PNG", "x.json")
    assert "NUL" in message(b"a\0", "x.yaml")
    assert "U+0001" in message(b"a: \x01\n", "x.yaml")
    assert message(b"", "x.json") == "the file is empty"


@pytest.mark.slow
def test_odd_files_from_the_command_line(tmp_path: Path) -> None:
    files = {
        "binary.json": bytes(range(256)) * 4,
        "utf16.yaml": codecs.BOM_UTF16_LE + EXAMPLE.encode("utf-16-le"),
        "crlf.yaml": EXAMPLE.replace("\n", "\r\n").encode(),
        "empty.yaml": b"",
        "blank.yaml": b"\n \n",
        "comments.yaml": b"# nothing\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    env = {**os.environ, "NO_COLOR": "1"}
    named = sorted(map(str, tmp_path.iterdir()))
    done = subprocess.run(
        [sys.executable, "-m", "nflint", "check", "--isolated", *named],
        capture_output=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode()
    assert "binary.json:3:115: error[NF001]" in out
    assert "crlf.yaml:4:11: error[NF103]" in out and "utf16.yaml:4:11: error[NF103]" in out
