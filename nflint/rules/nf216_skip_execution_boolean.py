"""NF216 skip-execution-boolean: ``skipNodeExecution`` written as a JSON
boolean.

The API documents ``skipNodeExecution`` as the *strings* ``"true"`` or
``"false"`` (or an expression). Whether it coerces a JSON boolean is not
documented, so write the string form.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.messages import quote
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import FLOW, RELEASE_FLOW, TYPES, rationale
from nflint.rules.core import RuleInfo

_NODE = (
    "      - kind: Approval\n        skipNodeExecution: {value}\n"
    "        spec:\n          amount: 1\n"
)

INFO = RuleInfo(
    id="NF216",
    name="skip-execution-boolean",
    severity=Severity.WARNING,
    summary='skipNodeExecution as a boolean instead of the string "true"/"false"',
    rationale=rationale(__doc__),
    fail=RELEASE_FLOW + FLOW + _NODE.format(value="true"),
    ok=RELEASE_FLOW + FLOW + _NODE.format(value="'true'"),
    fix="unsafe",
    fix_doc='writes the string ("true" for true, "false" for false)',
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for node in analysis.of(ctx).nodes:
        value = node.data.get("skipNodeExecution")
        if not isinstance(value, bool):
            continue
        text = quote(quote(value))
        from nflint.fixes import edits  # noqa: PLC0415 - only for a finding

        pointer = node.pointer + "/skipNodeExecution"
        written = quote(value)
        yield ctx.diagnostic(
            pointer,
            f"skipNodeExecution is the boolean {written}; the API takes the string {text}",
            hint=f"write {text}",
            fix=edits.replace_value(ctx.doc, pointer, written, f"replace {written} with {text}"),
        )


RULE = Rule(INFO, check, TYPES)
