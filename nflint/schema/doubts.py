"""Schema findings Northflank may not treat as errors: warnings.

Where the reference is stricter than what Northflank itself writes or
runs, or says nothing, a finding is a warning (a false error costs users
more than a missed warning). `errors` asks here for each finding."""

from __future__ import annotations

import dataclasses

from nflint import messages as msg
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.northflank import kinds
from nflint.rules import core


def doubtful(rule: str, pointer: str) -> bool:
    """Constraints Northflank's own files break: warnings, not errors.

    The description pattern: the reference allows only some ASCII characters,
    yet files written by Northflank's GitOps bot carry dashes and non-ASCII
    text (spec, open question 16). Its length limit (200) is a hard limit
    that no Northflank file breaks: an error (schemas/README.md).
    """
    return rule == core.PATTERN_MISMATCH and pointer.endswith("/description")


#: document types whose teardown node list Northflank does not document
#: (spec a.8), and the context of their main ``spec``
UNLISTED_TEARDOWN = {"workflow": "release-flow", "preview-blueprint": "preview"}


def undocumented_teardown(found: Diagnostic, doc: Document, doc_type: str) -> Diagnostic | None:
    """A node kind outside the teardown list, in the teardown of a workflow
    or preview blueprint, where its main spec allows it: a warning. The list
    holds for templates and release flows; for these two Northflank
    documents none (spec a.8)."""
    main = UNLISTED_TEARDOWN.get(doc_type)
    if found.rule != core.KIND_NOT_ALLOWED or main is None:
        return None
    if not found.pointer.startswith("/teardownSpec/"):
        return None
    try:
        kind = jp.resolve(doc.data, found.pointer)
    except (LookupError, IndexError):
        return None
    if not isinstance(kind, str) or kind not in kinds.CONTEXTS[main]:
        return None
    what = "workflows" if doc_type == "workflow" else "preview blueprints"
    return dataclasses.replace(
        found,
        severity=Severity.WARNING,
        message=f"{msg.article(kind)} node in teardownSpec: templates and release flows "
        f"allow only {msg.listing(sorted(kinds.CONTEXTS['teardown']))} there, and Northflank "
        f"documents no teardown node list for {what}",
        hint="check that Northflank runs this node in a teardown",
    )
