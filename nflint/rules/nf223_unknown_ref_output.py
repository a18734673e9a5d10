"""NF223 unknown-ref-output: ``${refs.x.<path>}`` where node ``x`` has no
such output, as far as Northflank documents it.

A node's output is what its run returned; Northflank's guides show which
paths each kind gives (a Build's ``id`` and ``branch``, a service's ``id``
and ``ports.<n>.dns``, an OpenTofu node's ``outputs.<name>.value``, a
SecretInheritance node's ``values.<KEY>``, ...), and a trigger ref gives
``branch``, ``sha``, ``pullRequestId`` and ``repoUrl``. For some kinds
Northflank's API reference also lists the fields of the run's
``response.data`` (a Project's ``name`` and ``region``, a service's
``ports.<n>.internalPort``): those are accepted too. A path outside both is
usually a slip (``${refs.build.brnch}``, ``${refs.api.ports.0.host}``) and
fails the run's dry run. A warning, because neither source is complete.

Kinds whose outputs are not documented are not checked, nor are paths
through ``data`` (``${refs.db.data.id}``): whether Northflank accepts that
form is an open question.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import resolve
from nflint.analysis import walk as analysis
from nflint.analysis.expressions import Reference
from nflint.analysis.walk import Analysis, Scope
from nflint.diagnostics import Diagnostic, Severity
from nflint.northflank import outputs
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, rationale, segment_span
from nflint.rules.core import RuleInfo

_BUILD = (
    "      - kind: Build\n        ref: build\n        spec:\n          id: api\n"
    "          type: service\n          branch: main\n"
    "      - kind: Message\n        spec:\n          kind: RAW_WEBHOOK\n          spec:\n"
    "            webhookUrl: https://hooks.example.com/deploy\n"
)

INFO = RuleInfo(
    id="NF223",
    name="unknown-ref-output",
    severity=Severity.WARNING,
    summary="a ${refs.x.path} that node x does not output, as far as Northflank documents",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _BUILD + "            message: built ${refs.build.brnch}\n",
    ok=TEMPLATE + STEPS + _BUILD + "            message: built ${refs.build.branch}\n",
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    for text in result.expression_texts():
        for expression in text.expressions:
            for reference in expression.references:
                if reference.root != "refs" or len(reference.path) < 2:
                    continue
                scope = resolve.target_scope(result, text, reference)
                if scope is None:
                    continue
                found = _outputs(result, scope, reference.name)
                if found is None:
                    continue
                what, patterns = found
                bad = outputs.mismatch(reference.path[1:], patterns)
                if bad is None:
                    continue
                index, allowed = bad
                yield ctx.diagnostic(
                    text.pointer,
                    _message(what, reference, index),
                    span=segment_span(ctx, text, reference, index + 1),
                    hint=_hint(reference.path[index + 1], allowed, patterns),
                )


def _outputs(
    result: Analysis, scope: Scope, name: str
) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
    """What the declarations of ref ``name`` are called and output; None when
    one of them has no documented outputs (or nothing declares it)."""
    declared = tuple(result.nodes[index].kind for index in scope.refs.get(name, ()))
    found = _merged(declared, name in scope.triggers)
    if found is None:
        return None
    what, patterns = found
    return f"the {what} {msg.quote(name)}", patterns


@functools.lru_cache(maxsize=256)
def _merged(
    kinds: tuple[str, ...], trigger: bool
) -> tuple[str, tuple[tuple[str, ...], ...]] | None:
    """What nodes of ``kinds`` (and a trigger) are called and output
    together: computed once per combination, not once per reference."""
    patterns: list[tuple[str, ...]] = []
    names: list[str] = []
    for kind in kinds:
        known = outputs.patterns(kind)
        if known is None:
            return None
        names.append(f"{kind} node")
        patterns.extend(known)
    if trigger:
        names.append("trigger")
        patterns.extend(outputs.TRIGGER_OUTPUTS)
    if not patterns:
        return None
    return " or ".join(dict.fromkeys(names)), tuple(dict.fromkeys(patterns))


def _message(what: str, reference: Reference, index: int) -> str:
    segment = msg.quote(reference.path[index + 1])
    if index == 0:
        return f"{what} has no documented output {segment}"
    under = msg.quote(".".join(reference.path[1 : index + 1]))
    return f"{what} has no documented output {segment} under {under}"


def _hint(segment: str, allowed: list[str], patterns: tuple[tuple[str, ...], ...]) -> str:
    names = [a for a in allowed if not a.startswith("<")]
    documented = _listed(allowed or [outputs.show(p) for p in patterns])
    best = msg.did_you_mean(segment, names)
    if best is not None:
        return f"did you mean {msg.quote(best)}? (documented: {documented})"
    if not allowed:
        return f"nothing is documented below this point (documented: {documented})"
    return f"documented: {documented}"


def _listed(items: list[str], limit: int = 12) -> str:
    """``a, b, c`` (the first ``limit``, then how many more)."""
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f", … ({len(items) - limit} more)"


RULE = Rule(INFO, check, TYPES)
