"""A `Graph` as a Mermaid flowchart (GitHub and GitLab render it in Markdown).

Boxes are ``["Kind<br/>name"]``, triggers stadiums, starts circles, a
collapsed box a subroutine box with its count, groups subgraphs. Flow edges
are ``-->`` (labelled with the condition), ref edges dashed ``-.->``, the
edges from a node to the documents it holds thick ``==>``. Boxes and groups
with findings get the class of their worst severity (``error``, ``warning``,
``info``) and a marker in the label. Text from the document is written with
Mermaid's entity codes (``#35;``), so no character of it is syntax.
"""

from __future__ import annotations

import re

from nflint.diagnostics import Severity
from nflint.graph import model as m

_ARROWS = {m.FLOW: "-->", m.REF: "-.->", m.CONTAINS: "==>"}
_CLASSES = (
    "classDef error fill:#ffe3e3,stroke:#c92a2a,stroke-width:2px,color:#000",
    "classDef warning fill:#fff3bf,stroke:#e67700,stroke-width:2px,color:#000",
    "classDef info fill:#e7f5ff,stroke:#1971c2,color:#000",
)
_MARKS = {Severity.ERROR: "✖ ", Severity.WARNING: "⚠ ", Severity.INFO: "ℹ "}
_PLAIN = re.compile(r"[A-Za-z0-9 _.,:/@+=()-]")


def text(value: str) -> str:
    """``value`` with every character that could be Mermaid syntax written
    as an entity code."""
    return "".join(c if _PLAIN.fullmatch(c) else f"#{ord(c)};" for c in value)


def _label(item: m.Box | m.Group) -> str:
    mark = _MARKS[item.severity] if item.severity is not None else ""
    if isinstance(item, m.Group):
        return mark + text(item.label)
    if item.type == m.COLLAPSED:
        return f"{mark}{item.hidden} {text(item.kind)}"
    name = f"<br/>{text(item.name)}" if item.name else ""
    return mark + text(item.kind) + name


def _box(box: m.Box) -> str:
    label = _label(box)
    if box.type == m.TRIGGER:
        return f'{box.id}(["{label}"])'
    if box.type == m.START:
        return f'{box.id}(("{label}"))'
    if box.type == m.COLLAPSED:
        return f'{box.id}[["{label}"]]'
    if box.type == m.JUNCTION:
        return f'{box.id}((" "))'
    return f'{box.id}["{label}"]'


def render(graph: m.Graph) -> str:
    lines = ["flowchart TD"]

    members = graph.members()

    def emit(group: str | None, depth: int) -> None:
        pad = "  " * depth
        for item in members.get(group, ()):
            if isinstance(item, m.Group):
                lines.append(f'{pad}subgraph {item.id}["{_label(item)}"]')
                emit(item.id, depth + 1)
                lines.append(f"{pad}end")
            else:
                lines.append(pad + _box(item))

    emit(None, 1)
    for edge in graph.edges:
        label = f"|{text(edge.label)}|" if edge.label else ""
        lines.append(f"  {edge.source} {_ARROWS[edge.type]}{label} {edge.target}")
    marked: dict[Severity, list[str]] = {}
    for item in graph.items:
        if item.severity is not None:
            marked.setdefault(item.severity, []).append(item.id)
    if marked:
        lines.extend("  " + c for c in _CLASSES)
        for severity in sorted(marked, reverse=True):
            lines.append(f"  class {','.join(marked[severity])} {severity.label}")
    return "\n".join(lines) + "\n"
