"""NF203 unknown-function: ``${fn.name(...)}`` with a name Northflank does not
have.

Northflank dry-runs every expression before a run starts, and an unknown
function fails the run before any node executes. Function names are
case-sensitive (``toUpper``, not ``toupper``). The known names are the 48 of
the documentation's function table plus ``randomString``, which the docs use
in their nested-template note but leave out of the table.
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

_SECRET_GROUP = (
    "      - kind: SecretGroup\n        spec:\n          name: app-secrets\n"
    "          secretType: environment\n          secrets:\n            variables:\n"
)

INFO = RuleInfo(
    id="NF203",
    name="unknown-function",
    severity=Severity.ERROR,
    summary="a function that Northflank does not have",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _SECRET_GROUP + "              KEY: ${fn.randomsecret(32)}\n",
    ok=TEMPLATE + STEPS + _SECRET_GROUP + "              KEY: ${fn.randomSecret(32)}\n",
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for text in analysis.of(ctx).expression_texts():
        for expression in text.expressions:
            for call in expression.calls:
                if call.name in functions.KNOWN:
                    continue
                yield ctx.diagnostic(
                    text.pointer,
                    f"unknown function {msg.quote('fn.' + call.name)}",
                    span=inside(ctx, text, call.name_start, call.name_end),
                    hint=msg.suggestion(call.name, functions.KNOWN)
                    or "see the function list in 'nflint explain NF203'",
                )


RULE = Rule(INFO, check, TYPES)
