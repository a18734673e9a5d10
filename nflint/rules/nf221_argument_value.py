"""NF221 argument-value: an argument's value does not fit the field that
``${args.X}`` fills.

Where ``"${args.X}"`` is the whole value of a field and ``X`` has a literal
scalar value in the file (``argumentOverrides`` wins over ``arguments``), nflint
substitutes that value and validates it against the field's schema, as
Northflank does when the run starts: ``"instances": "${args.N}"`` with
``N: "two"`` fails every run that does not override ``N``. The finding is
at the use site and names the argument's definition.

A string that spells a number or a boolean (``"3"``, ``"true"``) is accepted
where a number or boolean is expected, and a number or boolean where a string
is expected: how Northflank converts substituted values is not documented.
The severity is the schema finding's. Object and array values are not
substituted: arguments are documented as plain values, and an object there
is usually a declaration (``{"type": ..., "default": ...}``) that Northflank
does not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from nflint import messages as msg
from nflint.analysis import resolve
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.rules import core
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, line_of, rationale
from nflint.rules.core import RuleInfo
from nflint.schema import check as schema_check
from nflint.secrets import shapes as secrets

_ADDON = (
    "      - kind: Addon\n        spec:\n          name: database\n          type: postgresql\n"
    "          version: latest\n          billing:\n            replicas: ${args.REPLICAS}\n"
)

INFO = RuleInfo(
    id="NF221",
    name="argument-value",
    severity=Severity.ERROR,
    summary="an argument's value does not fit the field ${args.X} fills",
    rationale=rationale(__doc__),
    fail=TEMPLATE + "arguments:\n  REPLICAS: two\n" + STEPS + _ADDON,
    ok=TEMPLATE + "arguments:\n  REPLICAS: 2\n" + STEPS + _ADDON,
)

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


class _Site(NamedTuple):
    pointer: str
    name: str
    definition: str
    value: object


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    sites = list(_sites(ctx))
    if not sites:
        return
    found = _validate(ctx, {s.pointer: s.value for s in sites})
    retry = {
        s.pointer: converted
        for s in sites
        if any(d.rule == core.WRONG_TYPE for d in found.get(s.pointer, ()))
        and (converted := _convert(s.value)) is not None
    }
    if retry:
        again = _validate(ctx, retry)
        for pointer in retry:
            found[pointer] = again.get(pointer, [])
    for site in sites:
        for problem in found.get(site.pointer, ()):
            line = line_of(ctx, site.definition, key=True)
            if isinstance(site.value, str) and secrets.find(site.value, site.name):
                # never print a credential: name the broken constraint only
                what, why = "a secret-looking string", f"the field rejects it ({problem.name})"
            else:
                what, why = msg.describe(site.value), problem.message
            yield ctx.diagnostic(
                site.pointer,
                f"the argument {msg.quote(site.name)} (line {line}) is {what}, which does not "
                f"fit here: {why}",
                severity=problem.severity,
                related=(ctx.related("argument defined here", site.definition, key=True),),
                hint=problem.hint,
            )


def _sites(ctx: RuleContext) -> Iterator[_Site]:
    result = analysis.of(ctx)
    for text in result.expression_texts():
        whole = text.whole
        if whole is None or whole.runtime or len(whole.references) != 1 or whole.calls:
            continue
        reference = whole.references[0]
        if reference.root != "args" or len(reference.path) != 1:
            continue
        if text.value[2:-1].strip() != reference.text or text.pointer in ctx.schema_failures:
            continue
        scope = resolve.target_scope(result, text, reference)
        if scope is None:
            continue
        definition = scope.overrides.get(reference.name) or scope.arguments.get(reference.name)
        if definition is None:
            continue
        value = jp.resolve(ctx.doc.data, definition)
        if not isinstance(value, (str, int, float)) or (
            isinstance(value, str) and ("${" in value or not value)
        ):
            continue  # no scalar default, or one computed at run time
        yield _Site(text.pointer, reference.name, definition, value)


def _validate(ctx: RuleContext, values: dict[str, object]) -> dict[str, list[Diagnostic]]:
    """Schema findings at each substituted pointer. Only the nodes holding a
    substitution are validated again: every other step is replaced by an
    empty Workflow (valid in every context), so the cost follows the nodes
    concerned, not the document."""
    data = ctx.doc.data
    copied: set[int] = set()
    keep: set[str] = set()
    for pointer, value in values.items():
        data = _put(data, jp.split(pointer), value, copied)
        ancestor = pointer
        while ancestor:
            keep.add(ancestor)
            ancestor = jp.parent(ancestor)
    _prune(data, "", keep)
    doc = ctx.doc
    substituted = Document(doc.path, data, doc.source_map, doc.number, doc.format)
    found: dict[str, list[Diagnostic]] = {}
    for finding in schema_check.check(substituted, ctx.doc_type):
        for pointer in values:
            if finding.pointer == pointer and finding.rule != core.UNKNOWN_KEY:
                found.setdefault(pointer, []).append(finding)
    return found


def _put(root: object, tokens: list[str], value: object, copied: set[int]) -> object:
    """``root`` with ``value`` at ``tokens``, copying only the containers on
    the path (each at most once)."""
    root = _clone(root, copied)
    node = root
    for i, token in enumerate(tokens):
        key: str | int = int(token) if isinstance(node, list) else token
        if i == len(tokens) - 1:
            node[key] = value  # type: ignore[index]
            break
        child = _clone(node[key], copied)  # type: ignore[index]
        node[key] = child  # type: ignore[index]
        node = child
    return root


_STUB = {"kind": "Workflow", "spec": {"type": "sequential", "steps": []}}


def _prune(node: object, pointer: str, keep: set[str]) -> None:
    """Replace the steps off the substituted paths (``node`` and the
    containers on the paths are copies, see `_put`)."""
    if isinstance(node, dict):
        for key, value in node.items():
            child = jp.join(pointer, key)
            if child in keep:
                _prune(value, child, keep)
    elif isinstance(node, list):
        steps = pointer.endswith("/steps")
        for i, value in enumerate(node):
            child = f"{pointer}/{i}"
            if child in keep:
                _prune(value, child, keep)
            elif steps and isinstance(value, dict) and "kind" in value:
                node[i] = _STUB


def _clone(node: object, copied: set[int]) -> object:
    if id(node) in copied or not isinstance(node, (dict, list)):
        return node
    clone: object = dict(node) if isinstance(node, dict) else list(node)
    copied.add(id(clone))
    return clone


def _convert(value: object) -> object | None:
    """The value Northflank might convert a substituted scalar to."""
    if isinstance(value, str):
        if value in ("true", "false"):
            return value == "true"
        if _NUMBER.fullmatch(value):
            return float(value) if "." in value else int(value)
        return None
    if isinstance(value, (bool, int, float)):
        return ("true" if value else "false") if isinstance(value, bool) else str(value)
    return None


RULE = Rule(INFO, check, TYPES)
