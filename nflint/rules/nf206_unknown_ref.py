"""NF206 unknown-ref: ``${refs.x...}`` where no node and no trigger in the
file declares ``ref: x``.

Northflank dry-runs every reference before a run starts; an unknown ref
fails the run. Refs are case-sensitive and usually typos
(``${refs.postgres.id}`` for a node with ``ref: postgres-db``).

Release flows and preview templates can also read refs of git triggers
configured in Northflank rather than in the file
(``${refs.git-trigger.branch}``): when the ref could be such a trigger
(the key is ``branch``, ``sha``, ``pullRequestId`` or ``repoUrl``), the
finding is a warning. A ref that exists but is not visible where it is used
is NF207.

A node whose ``ref`` key is misspelt (``reff: db``) declares nothing: the
references to it are reported once, at the misspelt key, naming ``ref``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from nflint import messages as msg
from nflint.analysis import resolve, typos
from nflint.analysis import walk as analysis
from nflint.analysis.walk import Analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, inside, rationale
from nflint.rules.core import RuleInfo

_NODES = (
    "      - kind: Addon\n        ref: postgres-db\n        spec:\n          name: database\n"
    "          type: postgresql\n          version: latest\n"
    "      - kind: AddonBackup\n        spec:\n"
)

INFO = RuleInfo(
    id="NF206",
    name="unknown-ref",
    severity=Severity.ERROR,
    summary="a ${refs.x} that no node or trigger declares",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _NODES + "          addonId: ${refs.postgres.id}\n",
    ok=TEMPLATE + STEPS + _NODES + "          addonId: ${refs.postgres-db.id}\n",
)


class _Typo(NamedTuple):
    """A misspelt key that leaves a ref undeclared."""

    pointer: str
    #: where the key is, for the message: `` in the Build node``
    where: str


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    known: set[str] = set()
    for scope in result.scopes:
        known.update(scope.refs)
        known.update(scope.triggers)
    misspelt: dict[str, _Typo] | None = None
    #: a misspelt key -> the ref it would declare, its uses, whether all could be
    #: triggers configured outside the file
    folded: dict[_Typo, tuple[str, int, bool]] = {}
    for problem in resolve.ref_problems(result):
        if problem.kind not in (resolve.UNKNOWN, resolve.MAYBE_TRIGGER):
            continue
        reference, text = problem.reference, problem.text
        if misspelt is None:
            misspelt = _misspelt_refs(ctx, result)
        typo = misspelt.get(reference.name)
        if typo is not None:
            _, uses, outside = folded.get(typo, (reference.name, 0, True))
            maybe = problem.kind == resolve.MAYBE_TRIGGER
            folded[typo] = (reference.name, uses + 1, outside and maybe)
            continue
        span = inside(ctx, text, reference.name_start, reference.name_end)
        name = msg.quote(reference.name)
        if problem.kind == resolve.MAYBE_TRIGGER:
            yield ctx.diagnostic(
                text.pointer,
                f"no node or trigger in this file declares the ref {name}",
                span=span,
                severity=Severity.WARNING,
                hint="fine if a git trigger with this ref is configured in Northflank; "
                "otherwise add it to triggers",
            )
            continue
        yield ctx.diagnostic(
            text.pointer,
            f"unknown ref {name}: no node or trigger declares it",
            span=span,
            hint=msg.suggestion(reference.name, sorted(known)),
        )
    for typo, (name, uses, outside) in folded.items():
        key = msg.quote(jp.split(typo.pointer)[-1])
        verb = "finds" if uses == 1 else "find"
        yield ctx.diagnostic(
            typo.pointer,
            f"unknown key {key}{typo.where}, so it declares no ref: "
            f"{msg.plural(uses, 'reference')} to {msg.quote(name)} {verb} nothing",
            key=True,
            hint='did you mean "ref"?',
            severity=Severity.WARNING if outside else None,
        )


def _misspelt_refs(ctx: RuleContext, result: Analysis) -> dict[str, _Typo]:
    """Ref names written under a misspelt ``ref`` key of a node or a
    trigger, so that nothing declares them. (A ref under a misspelt
    ``triggers`` key is still a ``ref`` key: references to it are not
    reported, and the unknown ``triggers`` key is the one finding.)"""
    found: dict[str, _Typo] = {}
    for node in result.nodes:
        if node.ref is None:
            _misspelt_ref(node.data, node.pointer, f" in the {node.kind or 'untyped'} node", found)
    for scope in result.scopes:
        try:
            document = jp.resolve(ctx.doc.data, scope.pointer)
        except LookupError:
            continue
        triggers = document.get("triggers") if isinstance(document, dict) else None
        for index, trigger in enumerate(triggers if isinstance(triggers, list) else ()):
            pointer = jp.join(scope.pointer, "triggers", index)
            if isinstance(trigger, dict):
                _misspelt_ref(trigger, pointer, " in this trigger", found)
    return found


def _misspelt_ref(
    obj: dict[str, object], pointer: str, where: str, found: dict[str, _Typo]
) -> None:
    """Records ``obj``'s ref when it is written under a misspelt ``ref`` key."""
    key = typos.misspelt(obj, "ref", exclude=("kind", "spec"))
    value = obj.get(key) if key is not None else None
    if isinstance(key, str) and isinstance(value, str) and value:
        found.setdefault(value, _Typo(jp.join(pointer, key), where))


RULE = Rule(INFO, check, TYPES)
