"""NF202 expression-syntax: a ``${...}`` that Northflank cannot parse.

Northflank dry-runs every expression before a run starts; one it cannot
parse fails the whole run. Typical slips: a missing ``}``, an unclosed
string literal, ``fn.name`` without parentheses, double quotes closing a
JSON string early, ``${args.}``. The finding points at the offending
character inside the string (JSON escapes and YAML folding accounted for).

To write a literal ``${`` (for example OpenTofu interpolation), escape it
as ``\\${...}``. ``${NAME}`` on its own (runtime-variable or shell syntax) is
not a Northflank expression and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import FLOW, RELEASE_FLOW, TYPES, inside, rationale
from nflint.rules.core import RuleInfo

INFO = RuleInfo(
    id="NF202",
    name="expression-syntax",
    severity=Severity.ERROR,
    summary="a ${...} expression that cannot be parsed",
    rationale=rationale(__doc__),
    fail=RELEASE_FLOW
    + "arguments:\n  BRANCH: main\n"
    + FLOW
    + "      - kind: Build\n        spec:\n          id: api\n          type: service\n"
    "          branch: ${args.BRANCH\n",
    ok=RELEASE_FLOW
    + "arguments:\n  BRANCH: main\n"
    + FLOW
    + "      - kind: Build\n        spec:\n          id: api\n          type: service\n"
    "          branch: ${args.BRANCH}\n",
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for text in analysis.of(ctx).expression_texts():
        for expression in text.expressions:
            problem = expression.error
            if problem is None:
                continue
            yield ctx.diagnostic(
                text.pointer,
                problem.message,
                span=inside(ctx, text, problem.start, problem.end),
                hint=problem.hint
                or (
                    "close it with } (or write \\${ for a literal ${)"
                    if problem.message.startswith("unterminated expression")
                    else None
                ),
            )


RULE = Rule(INFO, check, TYPES)
