"""What `nflint.expressions` finds in a ``${...}`` expression: structured
data (references, calls, unknown heads, a syntax problem), never
diagnostics. Offsets are indices into the decoded string.

No ``from __future__ import annotations`` here: with it, `typing.NamedTuple`
compiles every field's annotation string at import (28 fields: 1.5 ms of
each run's start-up); without it, the annotations are evaluated as written.
"""

from typing import NamedTuple


class Reference(NamedTuple):
    """``args.X``, ``refs.x.y.0`` or ``secrets.s.values.K``: the root, the
    segments after it, and where it is (``start`` is the first character,
    including any ``template.`` prefix; ``name_*`` is the first segment)."""

    root: str
    path: tuple[str, ...]
    start: int
    end: int
    name_start: int
    name_end: int
    template: bool = False

    @property
    def name(self) -> str:
        return self.path[0]

    @property
    def text(self) -> str:
        prefix = "template." if self.template else ""
        return prefix + ".".join((self.root, *self.path))


class Call(NamedTuple):
    """``fn.name(a, b)``: the function name, how many arguments it got, and
    where the name is."""

    name: str
    argc: int
    start: int
    end: int
    name_start: int
    name_end: int
    template: bool = False


class UnknownHead(NamedTuple):
    """A dotted path whose head is not a Northflank root: ``addons.db.host``."""

    head: str
    text: str
    start: int
    end: int
    template: bool = False


class SyntaxProblem(NamedTuple):
    """Why the expression cannot be parsed, at the offending character."""

    message: str
    start: int
    end: int
    #: what to write instead, when the parser knows
    hint: str | None = None


class Expression(NamedTuple):
    """One ``${...}`` in a string: its range (``start`` at ``$``, ``end``
    after the closing brace), what it reads and calls, and its problems:
    ``error`` when it cannot be parsed, ``undocumented`` for syntax that
    parses but that Northflank does not document (a lambda argument, a
    doubled quote inside a literal)."""

    start: int
    end: int
    runtime: bool = False
    placeholder: bool = False
    references: tuple[Reference, ...] = ()
    calls: tuple[Call, ...] = ()
    unknown: tuple[UnknownHead, ...] = ()
    error: SyntaxProblem | None = None
    undocumented: tuple[SyntaxProblem, ...] = ()
