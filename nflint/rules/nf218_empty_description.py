"""NF218 empty-description: ``"description": ""``.

Northflank's description pattern needs at least one character, yet its own
GitOps bot and a docs example write empty descriptions: Northflank accepts
them, and a save in its UI writes ``""`` back to the file. So the schema
accepts them and this rule only notes it (info, which no exit code counts
by default): a description tells readers what the document is for.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, rationale
from nflint.rules.core import RuleInfo

_TEMPLATE = TEMPLATE.replace("name: demo\n", "name: demo\ndescription: {text}\n")
_BODY = "      - kind: Approval\n        spec:\n          amount: 1\n"

INFO = RuleInfo(
    id="NF218",
    name="empty-description",
    severity=Severity.INFO,
    summary="an empty description",
    rationale=rationale(__doc__),
    fail=_TEMPLATE.format(text="''") + STEPS + _BODY,
    ok=_TEMPLATE.format(text="Demo environment") + STEPS + _BODY,
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    roots = {s.pointer for s in result.scopes}
    for text in result.texts:
        if text.value.strip() or not text.pointer.endswith("/description"):
            continue
        if text.pointer in ctx.schema_failures or not _described(result, roots, text.pointer):
            continue
        yield ctx.diagnostic(
            text.pointer,
            "the description is empty",
            hint="write a description or remove the key",
        )


def _described(result: analysis.Analysis, roots: set[str], pointer: str) -> bool:
    """A document's, a node spec's or a rich input's description."""
    parent = jp.parent(pointer)
    if parent in roots:
        return True
    tokens = jp.split(parent)
    if tokens[-1:] != ["spec"]:
        return False
    owner = jp.parent(parent)
    if result.node_at(owner) is not None:
        return True
    return len(tokens) >= 3 and tokens[-3] == "richInputs"


RULE = Rule(INFO, check, TYPES)
