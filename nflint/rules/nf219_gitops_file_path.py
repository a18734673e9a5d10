"""NF219 gitops-file-path: ``gitops.filePath`` is not where this file is in
its Git repository.

With GitOps, Northflank reads the template from ``filePath`` (relative to
the repository root, with a leading ``/``). A file that was moved or copied
without updating ``filePath`` is no longer the one Northflank syncs. The
check runs only when the file is inside a Git work tree (a ``.git`` above
it); never for standard input. The examples below assume the file is
``/example.yaml`` at the root of its repository. A warning, because the work tree may not be
the repository ``gitops.repoUrl`` names.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from nflint import messages as msg
from nflint.diagnostics import Diagnostic, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import FLOW, RELEASE_FLOW, TYPES, rationale
from nflint.rules.core import RuleInfo

_GITOPS = RELEASE_FLOW + (
    "gitops:\n  vcsService: github\n  repoUrl: https://github.com/acme/api\n"
    "  branch: main\n  accountLogin: acme\n  filePath: {path}\n"
)

INFO = RuleInfo(
    id="NF219",
    name="gitops-file-path",
    severity=Severity.WARNING,
    summary="gitops.filePath does not match the file's path in its Git repository",
    rationale=rationale(__doc__),
    fail=_GITOPS.format(path="/deploy/example.yaml") + FLOW + "      []\n",
    ok=_GITOPS.format(path="/example.yaml") + FLOW + "      []\n",
    fix="unsafe",
    fix_doc="writes the file's path in its Git repository (right when this is the synced file)",
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    data = ctx.doc.data
    gitops = data.get("gitops") if isinstance(data, dict) else None
    declared = gitops.get("filePath") if isinstance(gitops, dict) else None
    pointer = "/gitops/filePath"
    if not isinstance(declared, str) or pointer in ctx.schema_failures:
        return
    actual = repository_path(ctx.doc.path)
    if actual is None or actual == declared:
        return
    from nflint.fixes import edits  # noqa: PLC0415 - only for a finding

    message = f"replace {msg.quote(declared)} with {msg.quote(actual)}"
    yield ctx.diagnostic(
        pointer,
        f"gitops.filePath is {msg.quote(declared)} but this file is {msg.quote(actual)} in its "
        "Git repository",
        hint=f'write "filePath": {msg.quote(actual)} if this is the synced file',
        fix=edits.replace_value(ctx.doc, pointer, actual, message),
    )


def repository_path(path: str) -> str | None:
    """``/deploy/template.json`` for a file inside a Git work tree, else None."""
    if not path or path.startswith("<") or not os.path.isfile(path):
        return None
    full = os.path.realpath(path)
    folder = os.path.dirname(full)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            relative = os.path.relpath(full, folder)
            return "/" + relative.replace(os.sep, "/")
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


RULE = Rule(INFO, check, TYPES)
