"""The common ``${...}``, a plain reference (``${refs.x.id}``,
``${{args.X}}``, ``${template.secrets.s.values.K}``), parsed by one regular
expression instead of `nflint.analysis.expressions`' parser: most strings
of most documents hold only these."""

from __future__ import annotations

import re

from nflint.analysis.expression_model import Expression, Reference

#: the common case, ``${refs.x.id}`` / ``${{args.X}}``: parsed without the parser
_SIMPLE = re.compile(
    r"\$\{(\{?)[ \t]*((template\.)?(args|refs|secrets)\.([A-Za-z0-9_$-]+)"
    r"(?:\.[A-Za-z0-9_$-]+)*)[ \t]*\}"
)


def simple(text: str, pos: int) -> Expression | None:
    """The plain reference starting at ``pos`` (``text[pos:]`` starts with
    ``${``), or None when it is anything else."""
    match = _SIMPLE.match(text, pos)
    if match is None:
        return None
    runtime = bool(match.group(1))
    end = match.end()
    if runtime:
        if not text.startswith("}", end):
            return None
        end += 1
    path = match.group(2)
    template = match.group(3) is not None
    segments = path.split(".")[2 if template else 1 :]
    name_start = match.start(5)
    reference = Reference(
        match.group(4),
        tuple(segments),
        match.start(2),
        match.end(2),
        name_start,
        name_start + len(segments[0]),
        template,
    )
    return Expression(pos, end, runtime, references=(reference,))
