"""The layout's rules (docs/architecture.md), read from the source with `ast`:

- no import cycle among nflint's modules: imports inside functions count
  (they run, later), imports under ``if TYPE_CHECKING:`` do not (they never
  run);
- at most 12 modules directly in ``nflint/``, at least 5 subpackages (one per
  stage), no module over 450 lines;
- the core rule ids are written once, in ``nflint/rules/core.py``: elsewhere
  code names them by constant.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

from nflint.rules import core
from tests.conftest import ROOT

PACKAGE = ROOT / "nflint"
MAX_TOP_LEVEL = 12
MIN_SUBPACKAGES = 5
MAX_LINES = 450


def modules(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``package``."""
    found: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        found[name] = path
    return found


@functools.cache
def parse(path: Path) -> ast.Module:
    """A module's syntax tree (each file is parsed once for all the tests)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _import_statements(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements in ``body`` and in every block nested in it
    (functions, classes, branches, ``try``), except ``if TYPE_CHECKING:``
    blocks. Imports are statements: expressions are never searched."""
    for statement in body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            yield statement
            continue
        blocks: list[list[ast.stmt]] = []
        if isinstance(statement, ast.If) and "TYPE_CHECKING" in ast.unparse(statement.test):
            blocks.append(statement.orelse)  # the body never runs
        else:
            for field in ("body", "orelse", "finalbody"):
                blocks.append(getattr(statement, field, []))
            blocks += [handler.body for handler in getattr(statement, "handlers", [])]
            blocks += [case.body for case in getattr(statement, "cases", [])]
        for block in blocks:
            yield from _import_statements(block)


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that module ``name`` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    named: set[str] = set()
    for node in _import_statements(parse(path).body):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            named.add(base)
            named.update(f"{base}.{alias.name}" for alias in node.names)
    deps: set[str] = set()
    for target in named:
        module = target
        while module and module not in known:  # `from a.b import name`: a.b
            module = module.rpartition(".")[0]
        if module and module != name:
            deps.add(module)
    return deps


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component: list[str] = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    known = modules(package)
    return {name: imports(name, path, set(known)) for name, path in known.items()}


def test_no_import_cycle() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_a_cycle_through_a_function_import_is_found(tmp_path: Path) -> None:
    """The check itself: a lazy import closes a cycle; a TYPE_CHECKING one does not."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from pkg.a import x\n")
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import d\n"
    )
    (pkg / "d.py").write_text("from . import c\n")
    assert cycles(import_graph(pkg)) == [["pkg.a", "pkg.b"]]


def test_few_modules_at_the_top_and_one_folder_per_stage() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, top
    subpackages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert len(subpackages) >= MIN_SUBPACKAGES, subpackages


def test_every_module_is_short() -> None:
    long = {}
    for path in modules(PACKAGE).values():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long[str(path.relative_to(ROOT))] = lines
    assert long == {}, "split these modules"


_CORE_ID = re.compile(r"NF[01][0-9][0-9]")


def test_core_rule_ids_are_written_once() -> None:
    """``"NF001"`` as a value appears only in rules/core.py; code uses
    ``core.PARSE_ERROR`` (docstrings and messages may mention ids)."""
    written: list[str] = []
    for name, path in modules(PACKAGE).items():
        if name == "nflint.rules.core":
            continue
        for node in ast.walk(parse(path)):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            if _CORE_ID.fullmatch(node.value):
                written.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert written == []


def test_core_rule_constants_are_named_after_their_rules() -> None:
    for rule_id, info in core.CORE.items():
        constant = info.name.upper().replace("-", "_")
        assert getattr(core, constant, None) == rule_id, (rule_id, constant)
