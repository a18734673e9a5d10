"""nflint's benchmark, side by side with check-jsonschema.

    python bench/run.py              # the full run (several minutes)
    python bench/run.py --quick      # a smoke run: tiny corpora, one round
    python bench/run.py --no-compare # nflint alone (no check-jsonschema, no network)

What it does, in order:

1. Writes deterministic corpora to a temporary folder (``bench/corpus.py``):
   one small release flow; 1,000 small release flows as JSON and the same as
   YAML; one template of 5,000 nodes and one of 10,000. Every document is
   valid, so that validation and every rule run to the end; the script stops
   if nflint reports an error on them. Then the same two templates with one
   wrong enum value each (the error path: exactly one error, checked too).
2. Finds nflint: the interpreter running this script when it can import
   nflint and its dependencies (the repository's code is put first on
   ``PYTHONPATH``), else a virtual environment in the cache folder with
   ``pip install -e`` of this repository.
3. Finds check-jsonschema: ``--check-jsonschema PYTHON`` (an interpreter that
   has it), else a virtual environment in the cache folder with
   ``check-jsonschema==CJ_VERSION`` installed by pip on first use. It is never
   a dependency of nflint.
4. Exports nflint's bundled schemas (``nflint schema --type release-flow`` and
   ``--type template``) and gives check-jsonschema those same files
   (``--schemafile``); nflint runs with every rule (``--isolated``: no config
   file). Both get the same files on the command line.
5. Runs every case as a fresh process (a cold start, as on a commit hook or in
   CI), several rounds (the small file several times a round:
   ``--small-repeat``), the tools interleaved, after one warm-up run each
   (which also writes Python's bytecode caches, as any installed tool has;
   ``PYTHONDONTWRITEBYTECODE`` is dropped from the children's environment).
   Time is wall-clock, from fork to exit in a small launcher process (so
   that the measured process does not inherit this script's memory
   high-water mark); memory is the process's peak RSS (``wait4``'s
   ``ru_maxrss``), or, while it runs worker processes, the peak of the
   tree's summed PSS sampled from ``/proc`` (summed RSS printed beside it).
6. Times `nflint lsp` (when pygls is installed): from an edit to the new
   diagnostics, on a 150-node and a 2,000-node template (``bench/lsp_edit.py``).
7. Prints medians, peak memory and ratios nflint / check-jsonschema, plus a
   floor: a fresh interpreter that only reads and parses the same files with
   the ``json`` and libyaml (``yaml.CSafeLoader``) C parsers.

The cache folder is ``$NFLINT_BENCH_CACHE`` or ``~/.cache/nflint-bench``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # the script's own folder (put on sys.path just above)
import lsp_edit  # the editor latency (`nflint lsp`)

REPO = Path(__file__).resolve().parent.parent
CJ_VERSION = "0.39.0"
MB = 1024 * 1024

#: what a console script (pip's ``bin/nflint``) runs, without runpy's ``-m`` cost
ENTRY = (
    "import sys; from {module} import {function}; sys.argv[0] = {name!r}; sys.exit({function}())"
)

#: issue 6's own reference: check-jsonschema "measured here at about 0.22 s
#: cold for one small file" (with a schema file); the bench runs the same
#: thing (an empty schema) to show how fast this host is next to that one
ISSUE_CJ_SMALL = 0.22

#: the 10,000-node template is 12 MB, above nflint's default 10 MiB file limit
LARGE_FILES = ["--max-file-size", "64MiB"]
NFLINT_OPTIONS = {"release-flow": [], "template": LARGE_FILES}

FLOOR_SCRIPT = """
import json, sys, time
import yaml
loader = getattr(yaml, "CSafeLoader", None)
if loader is None:
    sys.exit("PyYAML has no libyaml here: no C floor")
for path in sys.argv[1:]:
    with open(path, "rb") as handle:
        data = handle.read()
    if path.endswith(".json"):
        json.loads(data)
    else:
        yaml.load(data, Loader=loader)
"""


# -- tools ---------------------------------------------------------------------


@dataclass
class Tool:
    name: str
    argv: list[str]
    env: dict[str, str]
    version: str = ""


def child_env(extra_path: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a tool's .pyc caches exist in real use
    env["NO_COLOR"] = "1"
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (extra_path, env.get("PYTHONPATH")) if p)
    return env


def cache_dir() -> Path:
    root = os.environ.get("NFLINT_BENCH_CACHE") or Path.home() / ".cache" / "nflint-bench"
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _venv(path: Path, packages: Sequence[str], log: str) -> Path:
    """A virtual environment at ``path`` with ``packages``; its python."""
    python = path / "bin" / "python"
    if not python.exists():
        print(f"bench: creating {path} for {log} (pip install {' '.join(packages)})", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *packages],
            check=True,
            env=child_env(),
        )
    return python


def find_nflint() -> Tool:
    env = child_env(str(REPO))
    probe = "import nflint, nflint.cli, jsonschema, yaml, click; print(nflint.__file__)"
    found = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    if found.returncode == 0 and Path(found.stdout.strip()).is_relative_to(REPO):
        python = sys.executable
        how = f"this interpreter ({python}) with {REPO} first on PYTHONPATH"
    else:
        python = str(_venv(cache_dir() / "venv-nflint", ["-e", str(REPO)], "nflint"))
        how = f"{python} (pip install -e {REPO})"
    version = subprocess.run(
        [python, "-m", "nflint", "--version"], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    entry = ENTRY.format(module="nflint.cli", function="run", name="nflint")  # pyproject
    return Tool("nflint", [python, "-c", entry], env, f"{version}; {how}")


def find_check_jsonschema(python: str | None) -> Tool:
    env = child_env()
    if python is None:
        python = str(
            _venv(cache_dir() / "venv-check-jsonschema", [f"check-jsonschema=={CJ_VERSION}"], "cj")
        )
    version = subprocess.run(
        [python, "-m", "check_jsonschema", "--version"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    entry = ENTRY.format(module="check_jsonschema", function="main", name="check-jsonschema")
    return Tool("check-jsonschema", [python, "-c", entry], env, version)


# -- measuring -------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in bytes; PSS counts a page shared by n
    processes as 1/n (a forked worker shares its parent's modules)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


class TreeSampler(threading.Thread):
    """While the measured process (the launcher's child) has worker
    processes, samples the memory of its tree: the sum of PSS (what the run
    costs) and of RSS (an upper bound that counts shared pages once per
    process). Linux only."""

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_pss = self.peak_rss = 0
        self.workers = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            tree, pids = _children(self.pid), []  # the launcher's: the measured process
            while tree:
                pid = tree.pop()
                pids.append(pid)
                tree.extend(_children(pid))
            if len(pids) > 1:
                self.workers = max(self.workers, len(pids) - 1)
                sizes = [_memory(pid) for pid in pids]
                self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes))
                self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes))
            self.done.wait(self.interval)


@dataclass
class Run:
    seconds: float
    #: peak memory: the process's peak RSS, or with workers the tree's summed PSS
    peak_bytes: int
    #: with workers: the tree's summed RSS (else the process's peak RSS)
    peak_rss_sum: int
    workers: int
    code: int


#: A small process that forks the measured command and reports, on the file
#: descriptor it is given, "seconds max_rss_kib exit_code": forked from this
#: (large) script, the command would inherit its high-water mark of RSS.
LAUNCHER = """
import os, sys, time
out = int(sys.argv[1])
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.close(out)
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
os.write(out, f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""


def run_once(argv: list[str], env: dict[str, str], cwd: Path, ok_codes: Sequence[int]) -> Run:
    """One cold run: wall time, peak memory (of the tree), exit code."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-S", "-c", LAUNCHER, str(write), *argv],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(write,),
    )
    os.close(write)
    sampler = TreeSampler(proc.pid) if Path("/proc").is_dir() else None
    if sampler:
        sampler.start()
    _, errors = proc.communicate()
    with os.fdopen(read, "rb") as handle:
        seconds_text, rss_kib, code = handle.read().decode().split()
    peak = rss_sum = int(rss_kib) * 1024  # the measured process (KiB on Linux)
    workers = 0
    if sampler:
        sampler.done.set()
        sampler.join()
        workers = sampler.workers
        peak, rss_sum = max(peak, sampler.peak_pss), max(rss_sum, sampler.peak_rss)
    if int(code) not in ok_codes:
        shown = " ".join(argv[:6]) + (" ..." if len(argv) > 6 else "")
        raise SystemExit(f"bench: {shown} exited {code}\n{errors.decode(errors='replace')[-2000:]}")
    return Run(float(seconds_text), peak, rss_sum, workers, int(code))


@dataclass
class Case:
    key: str
    label: str
    files: list[str]
    schema: str  # a document type: the exported schema check-jsonschema uses
    rounds: int
    cj_rounds: int
    #: runs per round (the small file: a 0.15 s process on a shared host
    #: varies by a third from run to run; more samples steady its median)
    repeat: int = 1
    #: the exit codes a run may end with (1: the case has an error on purpose)
    ok_codes: tuple[int, ...] = (0,)
    runs: dict[str, list[Run]] = field(default_factory=dict)

    def median(self, tool: str) -> float | None:
        runs = self.runs.get(tool)
        return statistics.median(r.seconds for r in runs) if runs else None

    def peak_mb(self, tool: str) -> float | None:
        runs = self.runs.get(tool)
        return max(r.peak_bytes for r in runs) / MB if runs else None

    def memory(self, tool: str) -> str:
        """The peak, and with workers how many and the summed RSS."""
        runs = self.runs.get(tool)
        if not runs:
            return "-"
        shown = _mb(self.peak_mb(tool))
        workers = max(r.workers for r in runs)
        if workers:
            rss = max(r.peak_rss_sum for r in runs) / MB
            shown += f" ({workers} workers; RSS sum {rss:.0f} MB)"
        return shown


def commands(
    case: Case, nflint: Tool, cj: Tool | None, schemas: dict[str, Path]
) -> dict[str, list[str]]:
    cmds = {
        "nflint": [*nflint.argv, "check", "--isolated", *NFLINT_OPTIONS[case.schema], *case.files],
        "floor": [nflint.argv[0], "-c", FLOOR_SCRIPT, *case.files],
    }
    if cj is not None and case.cj_rounds > 0:
        cmds["check-jsonschema"] = [
            *cj.argv,
            "--schemafile",
            str(schemas[case.schema]),
            *case.files,
        ]
    if case.key == "one":  # how fast this host and interpreter are
        cmds["interpreter"] = [nflint.argv[0], "-c", "pass"]
        if cj is not None:
            cmds["cj-empty-schema"] = [*cj.argv, "--schemafile", str(schemas["empty"]), *case.files]
    return cmds


def measure(
    cases: list[Case],
    nflint: Tool,
    cj: Tool | None,
    schemas: dict[str, Path],
    cwd: Path,
    warm_up: bool = True,
) -> None:
    cj_env = cj.env if cj else {}
    envs = {
        "nflint": nflint.env,
        "floor": nflint.env,
        "interpreter": nflint.env,
        "check-jsonschema": cj_env,
        "cj-empty-schema": cj_env,
    }
    plans = {case.key: commands(case, nflint, cj, schemas) for case in cases}
    if warm_up:  # bytecode caches, the page cache
        for tool, argv in plans[cases[0].key].items():
            run_once(argv, envs[tool], cwd, (0,))
    rounds = max(case.rounds for case in cases)
    for number in range(rounds):
        print(f"bench: round {number + 1}/{rounds}", flush=True)
        for case in cases:
            for again in range(case.repeat):  # the tools interleaved within a round too
                for tool, argv in plans[case.key].items():
                    if number >= (case.cj_rounds if tool == "check-jsonschema" else case.rounds):
                        continue
                    if again and tool != "nflint" and case.key != "one":
                        continue  # the templates repeat for nflint's paired ratios only
                    ok = (0,) if tool == "floor" else case.ok_codes
                    case.runs.setdefault(tool, []).append(run_once(argv, envs[tool], cwd, ok))


# -- corpora and checks --------------------------------------------------------------


@dataclass
class Sizes:
    many: int
    large: int
    larger: int


def build_corpora(root: Path, sizes: Sizes) -> dict[str, list[str]]:
    one = corpus.write_json(root / "one" / "release-flow.json", corpus.release_flow(0))
    many_json = corpus.write_many(root / "json", sizes.many, "json")
    many_yaml = corpus.write_many(root / "yaml", sizes.many, "yaml")
    large = corpus.write_json(root / f"template-{sizes.large}.json", corpus.template(sizes.large))
    larger = corpus.write_json(
        root / f"template-{sizes.larger}.json", corpus.template(sizes.larger)
    )
    large_error, larger_error = (
        corpus.write_json(root / f"template-{n}-error.json", corpus.template_with_error(n))
        for n in (sizes.large, sizes.larger)
    )
    rel = lambda paths: [str(p.relative_to(root)) for p in paths]  # noqa: E731
    return {
        "one": rel([one]),
        "json": rel(many_json),
        "yaml": rel(many_yaml),
        "large": rel([large]),
        "larger": rel([larger]),
        "large-error": rel([large_error]),
        "larger-error": rel([larger_error]),
    }


def check_valid(nflint: Tool, files: list[str], cwd: Path) -> dict[str, int]:
    """nflint's findings on the corpora; stops the benchmark on any error."""
    out = subprocess.run(
        [*nflint.argv, "check", "--isolated", *LARGE_FILES, "--format", "json", *files],
        env=nflint.env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(out.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"bench: nflint failed on the corpora:\n{out.stderr[-2000:]}") from None
    summary = report["summary"]
    if summary["errors"] or out.returncode not in (0, 1):
        shown = [
            f"  {d['path']}:{d['line']}: {d['rule']} {d['message']}"
            for d in report["diagnostics"]
            if d["severity"] == "error"
        ][:20]
        raise SystemExit(
            "bench: the generated corpora must be valid, but nflint reports "
            f"{summary['errors']} errors:\n" + "\n".join(shown)
        )
    return {k: summary[k] for k in ("files", "errors", "warnings", "infos")}


def check_one_error(nflint: Tool, files: list[str], cwd: Path) -> None:
    """Each error case has exactly one finding, the error it was built with."""
    for name in files:
        out = subprocess.run(
            [*nflint.argv, "check", "--isolated", *LARGE_FILES, "--format", "json", name],
            env=nflint.env,
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
        found = [(d["rule"], d["severity"]) for d in json.loads(out.stdout)["diagnostics"]]
        if found != [("NF104", "error")] or out.returncode != 1:
            raise SystemExit(f"bench: {name} must have one NF104 error, not {found}")


def export_schemas(nflint: Tool, root: Path) -> dict[str, Path]:
    paths = {}
    for doc_type in ("release-flow", "template"):
        path = root / f"{doc_type}.schema.json"
        out = subprocess.run(
            [*nflint.argv, "schema", "--type", doc_type],
            env=nflint.env,
            capture_output=True,
            check=True,
        )
        path.write_bytes(out.stdout)
        paths[doc_type] = path
    paths["empty"] = root / "empty.schema.json"
    paths["empty"].write_text("{}\n")
    return paths


# -- the report --------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f} s"


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f} MB"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def paired_ratio(case: Case | None, base: Case) -> float | None:
    """The median of nflint's per-round ratios ``case / base``. The error
    case runs right after its valid twin in each round, so both runs of a
    pair see the same moment of a shared host; a ratio of two medians
    taken minutes apart swings by half on such a host (1.2x to 1.9x)."""
    runs = case.runs.get("nflint") if case else None
    base_runs = base.runs.get("nflint")
    if not runs or not base_runs:
        return None
    return statistics.median(r.seconds / b.seconds for r, b in zip(runs, base_runs, strict=True))


def targets(cases: dict[str, Case]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for each of issue 6's targets."""
    nf = {k: c.median("nflint") for k, c in cases.items()}
    cj = {k: c.median("check-jsonschema") for k, c in cases.items()}
    rows: list[tuple[str, str, bool | None]] = []

    def against(key: str, limit: float, what: str) -> None:
        r = _ratio(nf[key], cj[key])
        shown = "-" if r is None else f"{r:.2f}x"
        rows.append(
            (
                f"{what}: nflint <= {limit}x check-jsonschema",
                shown,
                None if r is None else r <= limit,
            )
        )

    against("one", 0.6, "1 small file, cold")
    one = nf["one"]
    rows.append(("1 small file, cold: under 150 ms", _s(one), one is not None and one < 0.150))
    against("yaml", 0.3, f"{len(cases['yaml'].files):,} small YAML files")
    against("json", 1.0, f"{len(cases['json'].files):,} small JSON files (every rule)")
    growth = _ratio(nf["larger"], nf["large"])
    rows.append(
        (
            "large template: 2x the nodes <= 2.3x the time",
            "-" if growth is None else f"{growth:.2f}x",
            growth is not None and growth <= 2.3,
        )
    )
    larger = nf["larger"]
    rows.append(
        ("large template (larger one): under 2 s", _s(larger), larger is not None and larger < 2.0)
    )
    for key, label in (("large", "large template"), ("larger", "large template (larger one)")):
        cost = paired_ratio(cases.get(f"{key}-error"), cases[key])
        rows.append(
            (
                f"{label}, one error: <= 1.5x the valid run",
                "-" if cost is None else f"{cost:.2f}x",
                cost is not None and cost <= 1.5,
            )
        )
    peak = max(cases[k].peak_mb("nflint") or 0 for k in ("json", "yaml"))
    rows.append(
        (f"peak memory, {len(cases['json'].files):,} files: <= 80 MB", _mb(peak), peak <= 80)
    )
    return rows


def editor_cases(nflint: Tool, root: Path, quick: bool) -> dict[str, Any] | None:
    """Edit-to-diagnostics latencies of `nflint lsp`; None without pygls."""
    probe = subprocess.run(
        [nflint.argv[0], "-c", "import pygls, lsprotocol"], env=nflint.env, check=False
    )
    if probe.returncode != 0:
        print("bench: pygls is not installed; editor latency not measured", flush=True)
        return None
    print("bench: editor latency (nflint lsp)", flush=True)
    return lsp_edit.cases(nflint.argv, nflint.env, root, quick)


def editor_targets(editor: dict[str, Any] | None) -> list[tuple[str, str, bool | None]]:
    """Issue 15's two targets for `nflint lsp`."""
    rows: list[tuple[str, str, bool | None]] = []
    for key, what, limit in (
        ("typical (150 nodes)", "editor: diagnostics of a 150-node document", 0.100),
        ("large (2,000 nodes)", "editor: diagnostics of a 2,000-node document", 1.5),
    ):
        median = editor[key]["median"] if editor else None
        rows.append((f"{what} within {limit * 1000:.0f} ms of an edit", _s(median),
                     None if median is None else median < limit))
    return rows


def calibration(small: Case) -> list[str]:
    """How fast this host is: a bare interpreter start, and check-jsonschema
    on the small file with an empty schema, the setup behind the issue's own
    reference figure (ISSUE_CJ_SMALL). The absolute targets (150 ms, 2 s)
    were set on that machine; the ratios hold anywhere."""
    lines = [f"host: python -c pass {_s(small.median('interpreter'))}"]
    empty = small.median("cj-empty-schema")
    if empty is not None:
        lines.append(
            f"host: check-jsonschema with an empty schema on the small file {_s(empty)} "
            f"(issue 6 measured about {ISSUE_CJ_SMALL:.2f} s: "
            f"{empty / ISSUE_CJ_SMALL:.1f}x that machine's time)"
        )
    return lines


def table(cases: list[Case]) -> list[list[str]]:
    head = [
        "case",
        "nflint",
        "check-jsonschema",
        "ratio",
        "floor (parse only)",
        "nflint peak",
        "cj peak",
    ]
    rows = [head]
    for c in cases:
        nf, cj = c.median("nflint"), c.median("check-jsonschema")
        r = _ratio(nf, cj)
        rows.append(
            [
                c.label,
                _s(nf),
                _s(cj),
                "-" if r is None else f"{r:.2f}x",
                _s(c.median("floor")),
                c.memory("nflint"),
                c.memory("check-jsonschema"),
            ]
        )
    return rows


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join("---" for _ in rows[0]) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def plain(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


# -- main --------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--quick", action="store_true", help="tiny corpora, one round (a smoke run)")
    p.add_argument("--no-compare", action="store_true", help="skip check-jsonschema")
    p.add_argument("--rounds", type=int, default=None, help="rounds per case (default 5, quick 1)")
    p.add_argument(
        "--cj-heavy-rounds",
        type=int,
        default=1,
        help="check-jsonschema rounds on the many-file and template cases "
        "(default 1: 20 s to 2 min each)",
    )
    p.add_argument(
        "--small-repeat",
        type=int,
        default=None,
        help="runs of the small-file case per round (default 5, quick 1)",
    )
    p.add_argument("--check-jsonschema", metavar="PYTHON", help="an interpreter that has it")
    p.add_argument("--keep", metavar="DIR", help="write the corpora here and keep them")
    p.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = Sizes(20, 200, 400) if args.quick else Sizes(1000, 5000, 10000)
    rounds = args.rounds or (1 if args.quick else 5)
    repeat = args.small_repeat or (1 if args.quick else 5)
    nflint = find_nflint()
    cj = None if args.no_compare else find_check_jsonschema(args.check_jsonschema)
    holder = None if args.keep else tempfile.TemporaryDirectory(prefix="nflint-bench-")
    root = Path(args.keep or holder.name)  # type: ignore[union-attr]
    root.mkdir(parents=True, exist_ok=True)
    try:
        files = build_corpora(root, sizes)
        schemas = export_schemas(nflint, root)
        valid = [f for key, group in files.items() if not key.endswith("-error") for f in group]
        findings = check_valid(nflint, valid, root)
        check_one_error(nflint, files["large-error"] + files["larger-error"], root)
        heavy = min(rounds, args.cj_heavy_rounds)
        plan = [
            ("one", "1 small release flow", "release-flow", rounds),
            ("yaml", f"{sizes.many:,} small YAML files", "release-flow", heavy),
            ("json", f"{sizes.many:,} small JSON files", "release-flow", heavy),
            # each error case right after its valid twin: `paired_ratio`
            ("large", f"template, {sizes.large:,} nodes", "template", heavy),
            ("large-error", f"template, {sizes.large:,} nodes, one error", "template", heavy),
            ("larger", f"template, {sizes.larger:,} nodes", "template", heavy),
            ("larger-error", f"template, {sizes.larger:,} nodes, one error", "template", heavy),
        ]
        cases = [Case(k, label, files[k], kind, rounds, cj) for k, label, kind, cj in plan]
        for case in cases:
            if case.key.endswith("-error"):
                case.ok_codes = (1,)
        cases[0].repeat = repeat
        for case in cases[3:]:  # the templates: 3 pairs a round for `paired_ratio`
            case.repeat = 1 if args.quick else 3
        print(f"bench: corpora in {root}; nflint finds {findings}", flush=True)
        measure(cases, nflint, cj, schemas, root, warm_up=not args.quick)
        editor = editor_cases(nflint, root, args.quick)
    finally:
        if holder is not None:
            holder.cleanup()
    by_key = {c.key: c for c in cases}
    rows = table(cases)
    info = machine()
    print()
    print(f"machine: {info['cpus']} CPUs, {info['cpu']}, Python {info['python']}, {info['system']}")
    print(f"nflint: {nflint.version}")
    print(f"check-jsonschema: {cj.version if cj else 'not run (--no-compare)'}")
    print(
        f"rounds: {rounds}, medians of {rounds * repeat} runs on the small file "
        f"({repeat} a round), {rounds * by_key['large'].repeat} on the templates, "
        f"{rounds} on the others (check-jsonschema: {min(rounds, args.cj_heavy_rounds)}); "
        "one error / valid: the median of the paired runs' ratios"
    )
    for line in calibration(by_key["one"]):
        print(line)
    print()
    print(markdown(rows) if args.markdown else plain(rows))
    print()
    met_rows = targets(by_key) + editor_targets(editor)
    for what, measured, met in met_rows:
        mark = {True: "met", False: "MISSED", None: "not measured"}[met]
        print(f"  {mark:<12} {what}: {measured}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "machine": info,
                    "nflint": nflint.version,
                    "check_jsonschema": cj.version if cj else None,
                    "rounds": rounds,
                    "small_repeat": repeat,
                    "cases": {
                        c.key: {
                            "label": c.label,
                            "files": len(c.files),
                            "seconds": {t: [r.seconds for r in runs] for t, runs in c.runs.items()},
                            "peak_mb": {t: c.peak_mb(t) for t in c.runs},
                            "rss_sum_mb": {
                                t: max(r.peak_rss_sum for r in runs) / MB
                                for t, runs in c.runs.items()
                            },
                            "workers": {
                                t: max(r.workers for r in runs) for t, runs in c.runs.items()
                            },
                        }
                        for c in cases
                    },
                    "editor": editor,
                    "targets": [{"target": w, "measured": m, "met": ok} for w, m, ok in met_rows],
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
