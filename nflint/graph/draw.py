"""Lint a file and draw it: `of_file` makes the `model.Graph` (with
`build`), `renderer` picks the writer of a format (`mermaid`, `dot`,
`json_graph`)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from nflint import engine
from nflint.diagnostics import RunResult
from nflint.graph.build import DEFAULT_LIMIT, build, drawn_as
from nflint.graph.model import Graph
from nflint.load import loader, source
from nflint.rules.core import INTERNAL_ERROR, LIMIT_EXCEEDED, PARSE_ERROR

FORMATS = ("mermaid", "dot", "json")
_MODULES = {"mermaid": "mermaid", "dot": "dot", "json": "json_graph"}
#: the findings that mean the file was not read at all
UNREADABLE = frozenset({INTERNAL_ERROR, PARSE_ERROR, LIMIT_EXCEEDED})


def renderer(fmt: str) -> Callable[[Graph], str]:
    """The writer of one format (imported on use)."""
    found: Callable[[Graph], str] = importlib.import_module(
        f"nflint.graph.{_MODULES[fmt]}"
    ).render
    return found


def of_file(
    data: str | bytes, path: str, options: engine.Options, *, limit: int = DEFAULT_LIMIT
) -> tuple[Graph, int]:
    """Lint a file's content and draw it: the graph, and how many of its
    documents could be drawn (0: none is a Northflank document with a flow)."""
    result, documents = engine.lint_documents(data, path, options)
    typed = [(doc, t) for doc, t in zip(documents, result.types, strict=False) if t is not None]
    graph = build(path, typed, result.diagnostics, limit=limit)
    drawable = sum(1 for _, t in typed if drawn_as(t))
    return graph, drawable


def unreadable(data: str | bytes, path: str, options: engine.Options) -> str | None:
    """Why a file with nothing to draw could not be read, as
    ``line:column: message`` (a parse error, a limit), or None when it was
    read and simply holds no Northflank flow. Called only when `of_file`
    drew nothing, so the usual run lints once."""
    result, _ = engine.lint_documents(data, path, options)
    for found in result.diagnostics:
        if found.rule in UNREADABLE:
            where = f"{found.span.start.line}:{found.span.start.column}: " if found.span else ""
            return f"{where}{found.message}"
    return None


def of_results(result: RunResult, options: engine.Options) -> dict[str, Graph]:
    """The flow of each linted file holding a document to draw, by path
    (``nflint check --graph``): each file is read and parsed again, not
    linted again; its findings come from ``result``. Standard input and
    files that changed meanwhile (they no longer parse the same) are left out."""
    graphs: dict[str, Graph] = {}
    for found in result.files:
        if found.path == "-" or not any(drawn_as(t) for t in found.types):
            continue
        data = engine.read(found.path, options)
        text = source.decode(data) if isinstance(data, bytes) else None
        if not isinstance(text, str):
            continue
        documents, _ = loader.load(text, found.path)
        if len(documents) != len(found.types):
            continue
        typed = [(d, t) for d, t in zip(documents, found.types, strict=True) if t is not None]
        graphs[found.path] = build(found.path, typed, found.diagnostics)
    return graphs
