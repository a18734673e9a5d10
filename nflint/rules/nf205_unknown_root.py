"""NF205 unknown-root: ``${head.x.y}`` where ``head`` is not ``args``,
``refs``, ``fn`` or ``secrets``.

Real files contain invented namespaces (``${addons.db.host}``,
``${secret.JWT}``, ``${services.api.internalHost}``) and foreign syntax
(Terraform's ``${aws_s3_bucket.b.id}``, which must be escaped as
``\\${...}`` inside OpenTofu nodes). Northflank does not resolve them, so
the value reaches the service as the literal text. A warning, because
some of these are passed through on purpose.

The ``template.`` prefix is reported here too when it is used outside a
nested document (a Pipeline's release flows and preview, a Template, a
WorkflowTemplate or a PreviewBlueprint): there is no outer template to
read.

``${NAME}`` alone (runtime-variable interpolation, shell expansion) is not
reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import walk as analysis
from nflint.analysis.expression_model import Expression
from nflint.analysis.expressions import ROOTS
from nflint.diagnostics import Diagnostic, Fix, Severity
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, inside, rationale
from nflint.rules.core import RuleInfo

_SERVICE = (
    "      - kind: Addon\n        ref: db\n        spec:\n          name: database\n"
    "          type: postgresql\n          version: latest\n"
    "      - kind: JobRun\n        spec:\n          jobId: migrate\n"
    "          runtimeEnvironment:\n"
)

INFO = RuleInfo(
    id="NF205",
    name="unknown-root",
    severity=Severity.WARNING,
    summary="an expression head that is not args, refs, fn or secrets",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _SERVICE + "            DB_ID: ${addons.db.id}\n",
    ok=TEMPLATE + STEPS + _SERVICE + "            DB_ID: ${refs.db.id}\n",
    fix="unsafe",
    fix_doc="inside an OpenTofu node, escapes OpenTofu's own ${...} as \\${...} "
    '("\\\\${...}" in JSON) when it reads nothing Northflank knows',
)

_OUTSIDE = (
    "the template. prefix is only meaningful inside a nested document "
    "(Pipeline, Template, WorkflowTemplate or PreviewBlueprint)"
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    for text in result.expression_texts():
        top = not result.scopes[text.scope].nested
        tofu = text.owner is not None and result.nodes[text.owner].kind == "OpenTofu"
        for expression in text.expressions:
            fix = _escape(ctx, text.pointer, expression) if tofu else None
            for unknown in expression.unknown:
                hint = msg.suggestion(unknown.head, ROOTS)
                if hint is None and unknown.head.lower() in ("secret", "secrets"):
                    hint = 'did you mean "secrets"?'
                yield ctx.diagnostic(
                    text.pointer,
                    f"unknown expression root {msg.quote(unknown.head)} in "
                    f"{msg.quote(unknown.text)}; Northflank does not resolve it",
                    span=inside(ctx, text, unknown.start, unknown.end),
                    hint=hint
                    or "expressions start with args., refs., fn. or secrets.; "
                    "escape a literal ${ as \\${",
                    fix=fix,
                )
            if not top:
                continue
            prefixed = [(r.start, r.end) for r in expression.references if r.template]
            prefixed += [(c.start, c.end) for c in expression.calls if c.template]
            for start, end in prefixed:
                yield ctx.diagnostic(
                    text.pointer,
                    _OUTSIDE,
                    span=inside(ctx, text, start, end),
                    hint="remove the template. prefix",
                )


def _escape(ctx: RuleContext, pointer: str, expression: Expression) -> Fix | None:
    """OpenTofu's own ``${...}`` escaped, when it reads nothing of Northflank's."""
    if expression.references or expression.calls or not expression.unknown:
        return None
    from nflint.fixes import edits  # noqa: PLC0415 - only for a finding
    from nflint.load import strpos  # noqa: PLC0415

    offsets = strpos.raw_offsets(ctx.doc, pointer)
    entry = ctx.doc.source_map.entry(pointer)
    if offsets is None or entry is None or expression.start >= len(offsets) - 1:
        return None
    at = offsets[expression.start]
    escape = "\\\\" if ctx.doc.format == "json" or entry.style == '"' else "\\"
    written = ctx.doc.source_map.index.text[at : at + 2]
    if written != "${":
        return None
    message = "escape OpenTofu's ${ as \\${ so that Northflank leaves it alone"
    return edits.insert(ctx.doc, at, escape, message)


RULE = Rule(INFO, check, TYPES)
