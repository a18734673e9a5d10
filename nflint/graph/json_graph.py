"""A `Graph` as JSON, for other tools (the shape is documented in
docs/graph.md; ``version`` changes only when a key is removed or changes
meaning)::

    {"version": 1, "path": "...",
     "groups": [{"id", "type", "label", "pointer", "parent", "severity", "findings"}],
     "nodes":  [{"id", "type", "kind", "name", "pointer", "group", "severity",
                 "findings", "hidden"}],
     "edges":  [{"from", "to", "type", "label"}]}
"""

from __future__ import annotations

import json
from typing import Any

from nflint.graph import model as m

VERSION = 1


def as_dict(graph: m.Graph) -> dict[str, Any]:
    return {
        "version": VERSION,
        "path": graph.path,
        "groups": [
            {
                "id": g.id,
                "type": g.type,
                "label": g.label,
                "pointer": g.pointer,
                "parent": g.parent,
                "severity": g.severity.label if g.severity else None,
                "findings": g.findings,
            }
            for g in graph.groups
        ],
        "nodes": [
            {
                "id": b.id,
                "type": b.type,
                "kind": b.kind,
                "name": b.name,
                "pointer": b.pointer,
                "group": b.group,
                "severity": b.severity.label if b.severity else None,
                "findings": b.findings,
                "hidden": b.hidden,
            }
            for b in graph.boxes
        ],
        "edges": [
            {"from": e.source, "to": e.target, "type": e.type, "label": e.label}
            for e in graph.edges
        ],
    }


def render(graph: m.Graph) -> str:
    return json.dumps(as_dict(graph), indent=2, ensure_ascii=False) + "\n"
