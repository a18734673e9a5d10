"""A new-style trigger where the document takes legacy ones: one finding.

Workflows and preview blueprints take triggers of the form ``{"kind":
"vcs-push", "spec": {...}}``; release flows, templates and preview templates
take legacy ones (``ref``, ``vcsService``, ``repoUrl`` and restrictions).
jsonschema sees a new-style trigger there as two unknown keys and two or
more missing ones; `fold` reports it once, at its ``kind``, saying which
form the document wants (one mistake, one finding)."""

from __future__ import annotations

from nflint import messages as msg
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.rules import core

#: the findings jsonschema makes of a new-style trigger in a legacy place
_PARTS = frozenset({core.MISSING_KEY, core.UNKNOWN_KEY})


def fold(found: list[Diagnostic], doc: Document) -> list[Diagnostic]:
    """``found`` with the findings of each new-style trigger in a list of
    legacy triggers replaced by one."""
    triggers: dict[str, list[Diagnostic]] = {}
    for d in found:
        item = _trigger_item(d, doc)
        if item is not None:
            triggers.setdefault(item, []).append(d)
    if not triggers:
        return found
    replaced = {id(d) for group in triggers.values() for d in group}
    kept = [d for d in found if id(d) not in replaced]
    for item, group in triggers.items():
        kept.append(_one(item, group[0], doc))
    return kept


def _trigger_item(d: Diagnostic, doc: Document) -> str | None:
    """The trigger ``d`` is about, when it is a new-style one (``kind`` and
    ``spec``) and ``d`` one of the findings that form makes."""
    if d.rule not in _PARTS:
        return None
    tokens = jp.split(d.pointer)
    if d.rule == core.UNKNOWN_KEY:
        if not tokens or tokens[-1] not in ("kind", "spec"):
            return None
        tokens = tokens[:-1]
    if len(tokens) < 2 or tokens[-2] != "triggers" or not tokens[-1].isdigit():
        return None
    item = jp.from_path(tokens)
    try:
        trigger = jp.resolve(doc.data, item)
    except (LookupError, IndexError):
        return None
    if isinstance(trigger, dict) and "kind" in trigger and "spec" in trigger:
        return item
    return None


def _one(item: str, first: Diagnostic, doc: Document) -> Diagnostic:
    kind = jp.resolve(doc.data, item + "/kind")
    pointer = item + "/kind"
    return core.diagnostic(
        core.UNKNOWN_KEY,
        f"a new-style trigger ({msg.quote('kind')}: {msg.quote(kind)}), which only workflows "
        "and preview blueprints take; the triggers here are legacy ones",
        path=doc.path,
        pointer=pointer,
        span=doc.source_map.key_span(pointer) or first.span,
        document=doc.number,
        hint='write it as a legacy trigger: "ref", "vcsService", "repoUrl" and its '
        "restrictions (branchRestrictions, prRestrictions, pathIgnoreRules)",
        severity=Severity.ERROR,
    )
