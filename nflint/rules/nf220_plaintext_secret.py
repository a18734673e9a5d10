"""NF220 plaintext-secret: a credential written in the file.

Template files live in Git (GitOps syncs them both ways), so a password,
token or private key written in them is readable by everyone with access to
the repository and its history. Looked for: literal values under
secret-sounding names in ``arguments``, ``argumentOverrides``,
``options.runOnCreationArgumentOverrides``, ``runtimeEnvironment``,
``buildArguments`` and secret-group ``secrets.variables``; and anywhere,
well-known token formats, private keys, webhook URLs carrying their token
and URLs with a password.

Keep the value out of the file: reference ``${args.NAME}`` and set the value
as an argument override in Northflank (overrides are never written to Git),
or keep it in a secret group. Messages never show more than the first
characters of the value.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, inside, rationale
from nflint.rules.core import RuleInfo
from nflint.secrets import places
from nflint.secrets import shapes as secrets

_JOB = "      - kind: JobRun\n        spec:\n          jobId: migrate\n"

INFO = RuleInfo(
    id="NF220",
    name="plaintext-secret",
    severity=Severity.WARNING,
    summary="a password, token or private key written in the file",
    rationale=rationale(__doc__),
    fail=TEMPLATE + "arguments:\n  DB_PASSWORD: Zq7vX2pLm9Rt\n" + STEPS + _JOB,
    ok=TEMPLATE
    + "arguments:\n  DB_PASSWORD: ''\n"
    + STEPS
    + _JOB
    + "          runtimeEnvironment:\n            DB_PASSWORD: ${args.DB_PASSWORD}\n",
)

#: the objects whose keys are variable names (the last token of the parent)
_VARIABLE_OBJECTS = places.VARIABLE_MAPS | {"variables"}
_HINTS = {
    "arguments": "set the value as an argument override in Northflank (never written to Git) "
    "or keep it in a secret group",
    "argumentOverrides": "argument overrides belong in Northflank, which never writes them to "
    "Git; remove this one from the file",
    "environment": 'write "${args.NAME}" and set the argument as an override in Northflank, '
    "or keep the value in a secret group",
}
_OVERRIDES = frozenset({"argumentOverrides", "runOnCreationArgumentOverrides"})


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    for text in result.texts:
        if len(text.value) < 8:
            continue
        pointer = text.pointer
        parent = pointer[: pointer.rfind("/")]
        name, hint = None, _HINTS["environment"]
        if parent[parent.rfind("/") + 1 :] in _VARIABLE_OBJECTS:  # else: by shape only
            name, hint = _named(pointer)
        found = secrets.find(text.value, name)
        if found is None:
            continue
        shown = secrets.mask(text.value, found.start, found.end)
        yield ctx.diagnostic(
            text.pointer,
            f"this looks like {found.what} in plain text ({shown})",
            span=inside(ctx, text, found.start, found.end),
            hint=hint,
        )


def _named(pointer: str) -> tuple[str | None, str]:
    """The variable name a value is stored under, when its place is a
    variables object (`nflint.secrets.places`), and the hint for it."""
    where = places.place(jp.split(pointer))
    if where is None or where.kind not in (places.VARIABLE, places.GROUP) or not where.name:
        return None, _HINTS["environment"]
    if where.map == "arguments":
        return where.name, _HINTS["arguments"]
    if where.map in _OVERRIDES:
        return where.name, _HINTS["argumentOverrides"]
    return where.name, _HINTS["environment"]


RULE = Rule(INFO, check, TYPES)
