"""NF217 legacy-vcs-link-id: ``vcsLinkId`` is a legacy field.

Northflank's reference marks ``vcsLinkId`` as legacy and replaced by
``accountLogin`` (the login of the linked Git account), in ``gitops``,
triggers, ``vcsData`` and VCS actions. Information only: the field still
works.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import FLOW, RELEASE_FLOW, TYPES, rationale
from nflint.rules.core import RuleInfo

_GITOPS = (
    "gitops:\n  vcsService: github\n  repoUrl: https://github.com/acme/api\n"
    "  branch: main\n  filePath: /example.yaml\n"
)

INFO = RuleInfo(
    id="NF217",
    name="legacy-vcs-link-id",
    severity=Severity.INFO,
    summary="vcsLinkId is legacy; use accountLogin",
    rationale=rationale(__doc__),
    fail=RELEASE_FLOW + _GITOPS + "  vcsLinkId: 65a1b2c3d4e5f60718293a4b\n" + FLOW + "      []\n",
    ok=RELEASE_FLOW + _GITOPS + "  accountLogin: acme\n" + FLOW + "      []\n",
    fix="unsafe",
    fix_doc="removes vcsLinkId (set accountLogin if it is not set yet)",
)

#: free-form objects whose keys are user data, not Northflank fields
FREE_FORM = frozenset(
    {"arguments", "argumentOverrides", "runtimeEnvironment", "buildArguments", "variables"}
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for text in analysis.of(ctx).texts:
        tokens = text.pointer.rsplit("/", 2)
        if tokens[-1] != "vcsLinkId" or (len(tokens) > 2 and tokens[-2] in FREE_FORM):
            continue
        parent = jp.parent(text.pointer)
        hint = "use accountLogin (the login of the linked Git account)"
        if "accountLogin" in _object(ctx, parent):
            hint = "accountLogin is already set here; remove vcsLinkId"
        from nflint.fixes import edits  # noqa: PLC0415 - only for a finding

        yield ctx.diagnostic(
            text.pointer,
            "vcsLinkId is legacy; Northflank replaced it with accountLogin",
            key=True,
            hint=hint,
            fix=edits.remove_member(ctx.doc, text.pointer, "remove vcsLinkId"),
        )


def _object(ctx: RuleContext, pointer: str) -> dict[str, object]:
    try:
        found = jp.resolve(ctx.doc.data, pointer)
    except LookupError:
        return {}
    return found if isinstance(found, dict) else {}


RULE = Rule(INFO, check, TYPES)
