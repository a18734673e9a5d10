"""A trigger of the other form than the document takes: one finding.

Workflows and preview blueprints take triggers of the form ``{"kind":
"vcs-push", "spec": {...}}``; release flows, templates and preview templates
take legacy ones (``ref``, ``vcsService``, ``repoUrl`` and restrictions).
jsonschema sees either form in the other's place as unknown keys and
missing ones; `fold` reports it once (an error, NF101: what the document
needs is missing), saying which form the document wants (one mistake, one
finding)."""

from __future__ import annotations

from nflint import messages as msg
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.rules import core

#: the findings jsonschema makes of a new-style trigger in a legacy place
_PARTS = frozenset({core.MISSING_KEY, core.UNKNOWN_KEY})


def fold(found: list[Diagnostic], doc: Document, doc_type: str) -> list[Diagnostic]:
    """``found`` with the findings of each trigger of the other form than
    its list takes replaced by one."""
    triggers: dict[str, list[Diagnostic]] = {}
    for d in found:
        item = _trigger_item(d, doc, doc_type)
        if item is not None:
            triggers.setdefault(item, []).append(d)
    if not triggers:
        return found
    replaced = {id(d) for group in triggers.values() for d in group}
    kept = [d for d in found if id(d) not in replaced]
    for item, group in triggers.items():
        kept.append(_one(item, group[0], doc))
    return kept


def _trigger_item(d: Diagnostic, doc: Document, doc_type: str) -> str | None:
    """The trigger ``d`` is about, when ``d`` is one of the findings a
    trigger of the other form makes (a key missing from it, or one of its
    own keys unknown)."""
    if d.rule not in _PARTS:
        return None
    tokens = jp.split(d.pointer)
    if d.rule == core.UNKNOWN_KEY:  # a key of the trigger itself
        if not tokens:
            return None
        tokens = tokens[:-1]
    if len(tokens) < 2 or tokens[-2] != "triggers" or not tokens[-1].isdigit():
        return None
    item = jp.from_path(tokens)
    try:
        trigger = jp.resolve(doc.data, item)
    except (LookupError, IndexError):
        return None
    if not isinstance(trigger, dict):
        return None
    wanted_new = _takes_new_style(doc, doc_type, tokens[:-2])
    if (_new_style(trigger) and not wanted_new) or (_legacy(trigger) and wanted_new):
        return item
    return None


def _takes_new_style(doc: Document, doc_type: str, owner: list[str]) -> bool:
    """Whether the triggers list inside the object at ``owner`` takes the
    new form: a workflow's or preview blueprint's, at the top or created by
    a WorkflowTemplate/PreviewBlueprint node; not a release flow's, a
    template's or a Pipeline's nested release flow or preview template."""
    wanted = doc_type in _NEW_STYLE_TYPES
    node: object = doc.data
    for token in owner:
        if isinstance(node, dict):
            kind = node.get("kind")
            if kind in _NEW_STYLE_NODES:
                wanted = True
            elif kind == "Pipeline":
                wanted = False
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            break
    return wanted


_NEW_STYLE_TYPES = frozenset({"workflow", "preview-blueprint"})
#: the nodes whose spec is a workflow or a preview blueprint
_NEW_STYLE_NODES = frozenset({"WorkflowTemplate", "PreviewBlueprint"})


def _new_style(trigger: dict[str, object]) -> bool:
    return "kind" in trigger and "spec" in trigger


def _legacy(trigger: dict[str, object]) -> bool:
    return "kind" not in trigger and "spec" not in trigger and (
        "vcsService" in trigger or "repoUrl" in trigger
    )


def _one(item: str, first: Diagnostic, doc: Document) -> Diagnostic:
    trigger = jp.resolve(doc.data, item)
    assert isinstance(trigger, dict)  # `_trigger_item` chose it
    if _new_style(trigger):
        pointer = item + "/kind"
        message = (
            f"a new-style trigger ({msg.quote('kind')}: {msg.quote(trigger['kind'])}), which "
            "only workflows and preview blueprints take; the triggers here are legacy ones"
        )
        hint = (
            'write it as a legacy trigger: "ref", "vcsService", "repoUrl" and its '
            "restrictions (branchRestrictions, prRestrictions, pathIgnoreRules)"
        )
    else:
        pointer = item + ("/vcsService" if "vcsService" in trigger else "/repoUrl")
        message = (
            "a legacy trigger (vcsService, repoUrl), which release flows, templates and "
            'preview templates take; workflows and preview blueprints take "kind" and "spec"'
        )
        hint = (
            'write it as {"kind": "vcs-push", "ref": ..., "spec": {"vcs": {"vcsService": ..., '
            '"repoUrl": ...}, "branchNamePatterns": [...]}}'
        )
    return core.diagnostic(
        core.MISSING_KEY,
        message,
        path=doc.path,
        pointer=pointer,
        span=doc.source_map.key_span(pointer) or first.span,
        document=doc.number,
        hint=hint,
        severity=Severity.ERROR,
    )
