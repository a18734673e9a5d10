"""Document symbols: the node tree (kind and ref) as an outline, one root
per document of the file."""

from __future__ import annotations

from lsprotocol import types as T

from nflint.analysis.model import Analysis
from nflint.load.loader import Document
from nflint.lsp.state import Snapshot


def symbols(snapshot: Snapshot) -> list[T.DocumentSymbol]:
    out: list[T.DocumentSymbol] = []
    for number, doc in enumerate(snapshot.documents):
        analysis = snapshot.analysis(number)
        if analysis is None:
            continue
        out.extend(_tree(snapshot, doc, analysis))
    return out


def _tree(snapshot: Snapshot, doc: Document, analysis: Analysis) -> list[T.DocumentSymbol]:
    roots: list[T.DocumentSymbol] = []
    #: pointer -> symbol, for finding each node's parent (the longest prefix)
    made: dict[str, T.DocumentSymbol] = {}
    children: dict[str, list[T.DocumentSymbol]] = {}
    for node in sorted(analysis.nodes, key=lambda n: len(n.pointer)):
        entry = doc.source_map.entry(node.pointer)
        if entry is None:
            continue
        head = (
            (entry.key_start, entry.key_end) if entry.key_start >= 0 else (entry.start, entry.start)
        )
        name = node.kind or "node"
        symbol = T.DocumentSymbol(
            name=f"{name} {node.ref}" if node.ref else name,
            detail=("teardown · " if node.teardown else "") + node.pointer,
            kind=T.SymbolKind.Function
            if node.kind not in ("Workflow", "LoopWorkflow")
            else T.SymbolKind.Namespace,
            range=snapshot.lines.range(min(entry.start, head[0]), entry.end),
            selection_range=snapshot.lines.range(*head)
            if head[1] > head[0]
            else snapshot.lines.range(entry.start, entry.start),
        )
        parent = _parent(made, node.pointer)
        (roots if parent is None else children[parent]).append(symbol)
        made[node.pointer] = symbol
        children[node.pointer] = []
    for pointer, symbol in made.items():
        if children[pointer]:
            children[pointer].sort(key=lambda s: (s.range.start.line, s.range.start.character))
            symbol.children = children[pointer]
    return roots


def _parent(made: dict[str, T.DocumentSymbol], pointer: str) -> str | None:
    """The pointer of the closest enclosing node."""
    while "/" in pointer:
        pointer = pointer.rsplit("/", 1)[0]
        if pointer in made:
            return pointer
    return None
