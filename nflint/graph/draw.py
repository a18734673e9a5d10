"""Lint a file and draw it: `of_file` makes the `model.Graph` (with
`build`), `renderer` picks the writer of a format (`mermaid`, `dot`,
`json_graph`)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from nflint import engine
from nflint.analysis.walk import DOCUMENT_TYPES
from nflint.graph.build import DEFAULT_LIMIT, build
from nflint.graph.model import Graph

FORMATS = ("mermaid", "dot", "json")
_MODULES = {"mermaid": "mermaid", "dot": "dot", "json": "json_graph"}


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
    drawable = sum(1 for _, t in typed if t in DOCUMENT_TYPES)
    return graph, drawable
