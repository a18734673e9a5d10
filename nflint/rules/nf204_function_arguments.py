"""NF204 function-arguments: a function called with a number of arguments
its documented signature does not allow.

Checked only where the documentation fixes the count: ``fn.eq(a)``,
``fn.replace(s, 'a')`` or ``fn.if(c)`` fail the dry-run Northflank makes
before a run. Parameters the docs mark optional (``randomSecret(length,
encoding?)``, ``if(cond, then, else?)``, ``split(s, sep, limit?)``) may be
left out; variadic functions (``add``, ``concat``, ``or``...) only need
their named parameters.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.northflank import functions
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, inside, rationale
from nflint.rules.core import RuleInfo

_JOB = (
    "      - kind: JobRun\n        spec:\n          jobId: migrate\n          runtimeEnvironment:\n"
)

INFO = RuleInfo(
    id="NF204",
    name="function-arguments",
    severity=Severity.ERROR,
    summary="a function called with the wrong number of arguments",
    rationale=rationale(__doc__),
    fail=TEMPLATE
    + "arguments:\n  BRANCH: main\n"
    + STEPS
    + _JOB
    + "            MODE: ${fn.if(fn.eq(args.BRANCH), 'prod', 'dev')}\n",
    ok=TEMPLATE
    + "arguments:\n  BRANCH: main\n"
    + STEPS
    + _JOB
    + "            MODE: ${fn.if(fn.eq(args.BRANCH, 'main'), 'prod', 'dev')}\n",
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for text in analysis.of(ctx).expression_texts():
        for expression in text.expressions:
            for call in expression.calls:
                bounds = functions.KNOWN.get(call.name)
                if bounds is None:
                    continue
                low, high = bounds
                if low <= call.argc and (high is None or call.argc <= high):
                    continue
                yield ctx.diagnostic(
                    text.pointer,
                    f"{msg.quote('fn.' + call.name)} takes {functions.arity_text(call.name)}; "
                    f"it is given {call.argc}",
                    span=inside(ctx, text, call.start, call.end),
                )


RULE = Rule(INFO, check, TYPES)
