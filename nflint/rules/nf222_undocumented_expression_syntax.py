"""NF222 undocumented-expression-syntax: a ``${...}`` that parses, but with
syntax Northflank does not document.

Three forms are not clearly broken, yet no Northflank page shows them: a
lambda argument in ``fn.filter``, ``fn.map``, ``fn.find``, ``fn.some`` and
``fn.every`` (the reference types the argument ``(item, index) => ...``
but never shows how to write one), a regex literal (``/,\\s*/``) in
``fn.search``, ``fn.split``, ``fn.replace`` and ``fn.replaceAll`` (the
reference types the pattern "string or regex" and shows no regex), and a
doubled quote inside a quoted
literal (``'it''s'``), which some languages read as an escaped quote. A
warning: the expression may work, but a run is the only proof. Real syntax
errors are NF202.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, inside, rationale
from nflint.rules.core import RuleInfo

_JOB = (
    "      - kind: JobRun\n        spec:\n          jobId: report\n"
    "          runtimeEnvironment:\n            TEAMS: "
)

INFO = RuleInfo(
    id="NF222",
    name="undocumented-expression-syntax",
    severity=Severity.WARNING,
    summary="a ${...} expression written with syntax Northflank does not document",
    rationale=rationale(__doc__),
    fail=TEMPLATE
    + "arguments:\n  TEAMS: '[]'\n"
    + STEPS
    + _JOB
    + "${fn.filter(fn.parseJSON(args.TEAMS), (t) => t.active)}\n",
    ok=TEMPLATE + "arguments:\n  TEAMS: '[]'\n" + STEPS + _JOB + "${args.TEAMS}\n",
)

_HINTS = {
    "lambda": "Northflank documents no lambda syntax; check the result in a test run",
    "regex": "Northflank documents no regex syntax; check the result in a test run, or "
    "pass the pattern as a string",
    "quote": "Northflank documents no escape inside a literal; check the result in a test "
    "run, or avoid the quote",
}


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for text in analysis.of(ctx).expression_texts():
        for expression in text.expressions:
            for problem in expression.undocumented:
                kind = next((k for k in ("lambda", "regex") if k in problem.message), "quote")
                yield ctx.diagnostic(
                    text.pointer,
                    problem.message,
                    span=inside(ctx, text, problem.start, problem.end),
                    hint=_HINTS[kind],
                )


RULE = Rule(INFO, check, TYPES)
