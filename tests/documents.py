"""Documents that several test modules start from, written once.

`release_flow` is the smallest valid YAML release flow, with room for
top-level keys and steps; a test adds what it is about."""

from __future__ import annotations

RELEASE_FLOW_URL = "https://api.northflank.com/v1/schemas/release-flow"
TEMPLATE_URL = "https://api.northflank.com/v1/schemas/template"


def release_flow(steps: str = " []\n", top: str = "") -> str:
    """A YAML release flow: ``$schema``, ``apiVersion``, the top-level keys
    ``top`` (whole lines), then a sequential Workflow whose ``steps:`` is
    followed by ``steps`` (``" []\\n"``, or a line break and list items
    indented by six spaces)."""
    return (
        f"$schema: {RELEASE_FLOW_URL}\napiVersion: v1.2\n{top}"
        "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n"
        f"    steps:{steps}"
    )
