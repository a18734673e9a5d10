"""Which document type a parsed document is linted as: `choose_type`, the
one precedence every command uses (``check`` and ``--list-files``):

1. ``--type``;
2. the ``$schema`` value, when it names a type: a documented URL, or
   another form of one (a look-alike URL, an exported schema's path), which
   is a declaration all the same (the engine reports the URL itself);
3. the config's ``types`` table;
4. the shape: node kinds, top-level keys and triggers (a guess, reported
   as NF006). A shape that fits a workflow and a preview blueprint alike is
   linted with what both accept.

A value that is not a Northflank document at all gets type None and why.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from nflint.northflank import doctypes, kinds

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
#: top-level keys only a workflow has (spec a.3)
WORKFLOW_KEYS = frozenset({"stageId", "crossProjectAccess"})
#: the type name of a document that is a workflow or a preview blueprint
#: (the shape cannot tell): linted with what both accept
EITHER = "workflow|preview-blueprint"
_PREVIEW_OPTIONS = frozenset(
    {"nameFormat", "prefixName", "useBranchContents", "schedule", "expiry"}
)
_TEAM_ONLY = kinds.CONTEXTS["template"] - kinds.CONTEXTS["preview"] - kinds.CONTEXTS["release-flow"]
_RESOURCE = kinds.CONTEXTS["preview"] - kinds.CONTEXTS["release-flow"] - {"BuildSource"}
_RELEASE = frozenset({"Release", "RunTemplate"})


class Choice(NamedTuple):
    """The type chosen (None: not a Northflank document), why, and whether
    it is a guess the user should confirm (``$schema``, ``--type``)."""

    type: str | None
    reason: str
    guessed: bool = False
    #: the ``$schema`` value, when it names the type but is not the
    #: documented URL (reported at ``/$schema``)
    lookalike: str | None = None
    #: the document has a ``$schema`` that names no type (``unnamed`` is it)
    schema_given: bool = False
    #: that ``$schema`` value (the shape or the config decided)
    unnamed: object = None

    @property
    def doubtful(self) -> bool:
        """A guess, or a look-alike ``$schema`` (files carrying one are
        sometimes another type): rules that depend on the type stay quiet."""
        return self.guessed or self.lookalike is not None

    @property
    def types(self) -> tuple[str, ...]:
        """The types to lint as: one, or both of `EITHER`."""
        return tuple(self.type.split("|")) if self.type else ()


def choose_type(
    data: object,
    forced: str | None = None,
    configured: tuple[str, str] | None = None,
    modeline: str | None = None,
) -> Choice:
    """The type of one document: ``forced`` (``--type``), its ``$schema``,
    the ``$schema`` of its ``# yaml-language-server:`` ``modeline``,
    ``configured`` (the config ``types`` entry: type and glob), its shape."""
    if forced:
        return Choice(forced, "--type")
    if not isinstance(data, dict):
        return Choice(None, "the document is not an object")
    url = data.get("$schema")
    named = doctypes.from_url(url)
    if named.type is not None:
        return Choice(named.type, f"$schema {url}", lookalike=None if named.documented else url)
    given = "$schema" in data
    declared = doctypes.from_url(modeline)
    if declared.type is not None:
        why = f"yaml-language-server $schema={modeline}"
        return Choice(declared.type, why, schema_given=given, unnamed=url)
    if configured is not None:
        why = f'config "types" glob "{configured[1]}"'
        return Choice(configured[0], why, schema_given=given, unnamed=url)
    return detect(data)._replace(schema_given=given, unnamed=url)


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


def detect(data: object) -> Choice:
    """The type the shape of ``data`` says (no ``$schema``, no config)."""
    if not isinstance(data, dict):
        return Choice(None, "the document is not an object")
    run = data.get("data") if set(data) == {"data"} else data
    if isinstance(run, dict) and "concluded" in run and "status" in run and "id" in run:
        kind = "template-run" if "templateId" in run else "release-flow-run"
        return Choice(kind, "a run response (id, status, concluded)")
    if "kind" in data:
        return Choice(None, 'a top-level "kind" (Kubernetes-style), not a Northflank document')
    spec = data.get("spec")
    if not isinstance(spec, dict):
        return Choice(None, 'no "spec" object')
    found = set(node_kinds(spec))
    foreign = not (found & kinds.ALL_KINDS) or not set(data) <= TOP_LEVEL_KEYS
    if data.get("apiVersion") not in ("v1", "v1.2") and foreign:
        unknown = sorted(set(data) - TOP_LEVEL_KEYS)
        if found & kinds.ALL_KINDS and unknown:
            keys = ", ".join(unknown[:3]) + (", …" if len(unknown) > 3 else "")
            reason = f"no Northflank apiVersion; top-level keys no Northflank document has: {keys}"
            return Choice(None, reason)
        return Choice(None, "no Northflank apiVersion and no Northflank node kinds")
    return _by_shape(data, spec, found)


def _by_shape(data: dict[str, Any], spec: dict[str, Any], found: set[str]) -> Choice:
    options: dict[str, object] = data["options"] if isinstance(data.get("options"), dict) else {}
    triggers: list[object] = data["triggers"] if isinstance(data.get("triggers"), list) else []
    new_style = any(isinstance(t, dict) and "kind" in t for t in triggers)
    # new-style triggers and workflow-only keys belong to the Environments
    # product (workflows, preview blueprints), which also names its documents
    environments = new_style or bool(WORKFLOW_KEYS & set(data))
    named = environments or "name" in data
    if found & _RELEASE or WORKFLOW_KEYS & set(data) or "richInputs" in data:
        clue = "workflow-only keys" if WORKFLOW_KEYS & set(data) else "Release/RunTemplate nodes"
        clue = clue if found & _RELEASE or WORKFLOW_KEYS & set(data) else "richInputs"
        if named:
            return Choice("workflow", f"{clue} and a name or new-style triggers", guessed=True)
        return Choice("release-flow", f"{clue} without a name", guessed=True)
    preview_shape = (
        "BuildSource" in found
        or "webhook" in data
        or set(options) & _PREVIEW_OPTIONS
        or any(isinstance(t, dict) and ("manualOnly" in t or "type" in t) for t in triggers)
        or (not found & _TEAM_ONLY and _mentions_preview_id(spec))
        or (environments and found & _RESOURCE)
    )
    if preview_shape:
        if named:
            why = "preview nodes or options and a name or new-style triggers"
            return Choice("preview-blueprint", why, guessed=True)
        return Choice("preview-template", "preview nodes or options", guessed=True)
    if found & _TEAM_ONLY:
        return Choice("template", f"{sorted(found & _TEAM_ONLY)[0]} nodes (templates only)")
    if environments:
        why = "new-style triggers and only nodes both a workflow and a preview blueprint allow"
        return Choice(EITHER, why, guessed=True)
    if found & _RESOURCE:
        return Choice(
            "template", "resource nodes (only templates and previews have them)", guessed=True
        )
    if triggers and "name" not in data:
        return Choice("release-flow", "git triggers and no name", guessed=True)
    return Choice("template", "no $schema; only nodes every document type allows", guessed=True)
