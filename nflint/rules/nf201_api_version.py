"""NF201 api-version: ``apiVersion: "v1"`` is accepted but dated.

Northflank's reference lists only ``v1.2``; its GitOps bot and some docs
still write ``v1``, and Northflank runs those files, so this is a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import rationale
from nflint.rules.core import RuleInfo

INFO = RuleInfo(
    id="NF201",
    name="api-version",
    severity=Severity.WARNING,
    summary='apiVersion "v1" is dated; use "v1.2"',
    rationale=rationale(__doc__),
    fail="$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1\n"
    "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n",
    ok="$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
    "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n",
    fix="unsafe",
    fix_doc='writes "v1.2"',
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    data = ctx.doc.data
    if isinstance(data, dict) and data.get("apiVersion") == "v1":
        from nflint.fixes import edits  # noqa: PLC0415 - only for a finding

        yield ctx.diagnostic(
            "/apiVersion",
            'apiVersion "v1" is dated; Northflank documents "v1.2"',
            hint='write "apiVersion": "v1.2"',
            fix=edits.replace_value(ctx.doc, "/apiVersion", "v1.2", 'replace "v1" with "v1.2"'),
        )


RULE = Rule(INFO, check)
