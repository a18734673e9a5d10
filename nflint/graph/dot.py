"""A `Graph` in Graphviz's DOT language (``dot -Tsvg``).

Groups are clusters; ref edges are dashed, the edges from a node to the
documents it holds bold. An edge to or from a group (a ref read by a whole
workflow) is drawn to its first box with ``lhead``/``ltail`` (``compound``).
Boxes with findings are filled by their worst severity.
"""

from __future__ import annotations

import json

from nflint.diagnostics import Severity
from nflint.graph import model as m

_STYLES = {m.FLOW: "", m.REF: "style=dashed", m.CONTAINS: "style=bold"}
_FILLS = {Severity.ERROR: "#ffe3e3", Severity.WARNING: "#fff3bf", Severity.INFO: "#e7f5ff"}
_LINES = {Severity.ERROR: "#c92a2a", Severity.WARNING: "#e67700", Severity.INFO: "#1971c2"}
_SHAPES = {
    m.TRIGGER: "shape=cds",
    m.START: "shape=circle",
    m.COLLAPSED: "shape=box3d",
    m.EMPTY: "shape=box, style=dotted",
    m.JUNCTION: "shape=point",
}


def quote(value: str) -> str:
    """A DOT string (JSON's escaping is DOT's for quotes and backslashes;
    a line break is ``\\n``)."""
    return json.dumps(value, ensure_ascii=False)


def _label(item: m.Box | m.Group) -> str:
    if isinstance(item, m.Group):
        return item.label
    if item.type == m.COLLAPSED:
        return f"{item.hidden} {item.kind}"
    return item.kind + (f"\n{item.name}" if item.name else "")


def _attributes(item: m.Box | m.Group) -> list[str]:
    found = [f"label={quote(_label(item))}"]
    if item.severity is not None:
        found.append(f'color="{_LINES[item.severity]}"')
        found.append(f'fillcolor="{_FILLS[item.severity]}"')
        found.append(f'class="{item.severity.label}"')
    return found


def _first_box(members: dict[str | None, list[m.Box | m.Group]], group: str) -> str | None:
    for item in members.get(group, ()):
        found = item.id if isinstance(item, m.Box) else _first_box(members, item.id)
        if found is not None:
            return found
    return None


def render(graph: m.Graph) -> str:
    lines = [
        "digraph nflint {",
        "  compound=true;",
        "  rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
        '  edge [fontname="Helvetica"];',
    ]

    members = graph.members()

    def emit(group: str | None, depth: int) -> None:
        pad = "  " * depth
        for item in members.get(group, ()):
            if isinstance(item, m.Group):
                lines.append(f"{pad}subgraph cluster_{item.id} {{")
                lines.extend(f"{pad}  {a};" for a in _attributes(item))
                if item.severity is not None:
                    lines.append(f"{pad}  style=filled;")
                emit(item.id, depth + 1)
                lines.append(f"{pad}}}")
            else:
                attributes = _attributes(item)
                if item.type in _SHAPES:
                    attributes.insert(0, _SHAPES[item.type])
                if item.type == m.JUNCTION:
                    attributes = [_SHAPES[m.JUNCTION]]
                lines.append(f"{pad}{item.id} [{', '.join(attributes)}];")

    emit(None, 1)
    groups = {g.id for g in graph.groups}
    for edge in graph.edges:
        attributes = [_STYLES[edge.type]] if _STYLES[edge.type] else []
        if edge.label:
            attributes.append(f"label={quote(edge.label)}")
        source, target = edge.source, edge.target
        if source in groups:
            attributes.append(f"ltail=cluster_{source}")
            source = _first_box(members, source) or source
        if target in groups:
            attributes.append(f"lhead=cluster_{target}")
            target = _first_box(members, target) or target
        tail = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  {source} -> {target}{tail};")
    lines.append("}")
    return "\n".join(lines) + "\n"
