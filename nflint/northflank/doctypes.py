"""Which kind of Northflank document a file holds.

Order: an explicit ``--type``; the ``$schema`` URL
(``https://api.northflank.com/v1/schemas/<type>``); then the shape. A file
that is not a Northflank document at all gets ``None`` and a reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from nflint.northflank import kinds

TYPES = (
    "release-flow",
    "release-flow-run",
    "template",
    "template-run",
    "preview-template",
    "workflow",
    "preview-blueprint",
)

#: last segment of a ``$schema`` URL -> document type
_SCHEMA_NAMES = {
    "template": "template",
    "release-flow": "release-flow",
    "releaseflow": "release-flow",
    "preview-env": "preview-template",
    "preview-template": "preview-template",
    "workflow": "workflow",
    "preview-blueprint": "preview-blueprint",
    "release-flow-run": "release-flow-run",
    "template-run": "template-run",
}

TOP_LEVEL_KEYS = frozenset(
    {
        "$schema",
        "apiVersion",
        "spec",
        "teardownSpec",
        "name",
        "description",
        "arguments",
        "argumentOverrides",
        "options",
        "gitops",
        "project",
        "triggers",
        "richInputs",
        "webhook",
        "paused",
        "crossProjectAccess",
        "stageId",
        "projectId",
    }
)
_PREVIEW_OPTIONS = frozenset(
    {"nameFormat", "prefixName", "useBranchContents", "schedule", "expiry"}
)
_TEAM_ONLY = kinds.CONTEXTS["template"] - kinds.CONTEXTS["preview"] - kinds.CONTEXTS["release-flow"]
_RESOURCE = kinds.CONTEXTS["preview"] - kinds.CONTEXTS["release-flow"] - {"BuildSource"}


class Detection(NamedTuple):
    """The type chosen (None: not a Northflank document), why, and whether
    it is a guess the user should confirm with ``$schema`` or ``--type``."""

    type: str | None
    reason: str
    guessed: bool = False


SCHEMA_PREFIX = "https://api.northflank.com/v1/schemas/"


def schema_type(url: object) -> str | None:
    """The type a documented ``$schema`` URL names. Look-alike URLs
    (``https://northflank.com/schemas/v1/template``, other hosts) are not
    trusted: files carrying them are often another type; the shape decides."""
    if not isinstance(url, str) or not url.startswith(SCHEMA_PREFIX):
        return None
    name = url[len(SCHEMA_PREFIX) :].rstrip("/").removesuffix(".json")
    return _SCHEMA_NAMES.get(name)


def node_kinds(node: object) -> Iterator[str]:
    """Kinds at node positions: the root and (recursively) ``spec.steps``."""
    stack = [node]
    while stack:
        current = stack.pop()
        if not isinstance(current, dict):
            continue
        kind = current.get("kind")
        if isinstance(kind, str):
            yield kind
        spec = current.get("spec")
        if isinstance(spec, dict) and isinstance(spec.get("steps"), list):
            stack.extend(spec["steps"])


def _mentions_preview_id(node: object) -> bool:
    """True when a string uses ``${args.previewId}``, the preview built-in."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            if "args.previewId" in current:
                return True
        elif isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return False


def detect(data: object, forced: str | None = None) -> Detection:
    if forced:
        return Detection(forced, "--type")
    if not isinstance(data, dict):
        return Detection(None, "the document is not an object")
    from_url = schema_type(data.get("$schema"))
    if from_url:
        return Detection(from_url, f"$schema {data['$schema']}")
    run = data.get("data") if set(data) == {"data"} else data
    if isinstance(run, dict) and "concluded" in run and "status" in run and "id" in run:
        kind = "template-run" if "templateId" in run else "release-flow-run"
        return Detection(kind, "a run response (id, status, concluded)")
    if "kind" in data:
        return Detection(None, 'a top-level "kind" (Kubernetes-style), not a Northflank document')
    spec = data.get("spec")
    if not isinstance(spec, dict):
        return Detection(None, 'no "spec" object')
    found = set(node_kinds(spec))
    foreign = not (found & kinds.ALL_KINDS) or not set(data) <= TOP_LEVEL_KEYS
    if data.get("apiVersion") not in ("v1", "v1.2") and foreign:
        unknown = sorted(set(data) - TOP_LEVEL_KEYS)
        if found & kinds.ALL_KINDS and unknown:
            keys = ", ".join(unknown[:3]) + (", …" if len(unknown) > 3 else "")
            reason = f"no Northflank apiVersion; top-level keys no Northflank document has: {keys}"
            return Detection(None, reason)
        return Detection(None, "no Northflank apiVersion and no Northflank node kinds")
    options: dict[str, object] = data["options"] if isinstance(data.get("options"), dict) else {}
    triggers: list[object] = data["triggers"] if isinstance(data.get("triggers"), list) else []
    new_style = any(isinstance(t, dict) and "kind" in t for t in triggers)
    if found & {"Release", "RunTemplate"} or "richInputs" in data:
        if "name" in data or new_style or "crossProjectAccess" in data or "stageId" in data:
            return Detection("workflow", "Release/RunTemplate nodes and a name", guessed=True)
        return Detection("release-flow", "Release/RunTemplate nodes or richInputs", guessed=True)
    preview_shape = (
        "BuildSource" in found
        or "webhook" in data
        or set(options) & _PREVIEW_OPTIONS
        or any(isinstance(t, dict) and ("manualOnly" in t or "type" in t) for t in triggers)
        or (not found & _TEAM_ONLY and _mentions_preview_id(spec))
    )
    if preview_shape:
        if new_style or "name" in data:
            return Detection("preview-blueprint", "preview nodes or options and a name", True)
        return Detection("preview-template", "preview nodes or options", guessed=True)
    if found & _TEAM_ONLY:
        return Detection("template", f"{sorted(found & _TEAM_ONLY)[0]} nodes (templates only)")
    if found & _RESOURCE:
        return Detection(
            "template", "resource nodes (only templates and previews have them)", guessed=True
        )
    if triggers and not new_style and "name" not in data:
        return Detection("release-flow", "git triggers and no name", guessed=True)
    return Detection("template", "no $schema; only nodes every document type allows", guessed=True)
