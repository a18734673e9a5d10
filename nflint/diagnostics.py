"""Value types that cross module boundaries: positions, spans and diagnostics.

`Span` and `Diagnostic` are frozen dataclasses. The other records are named
tuples (immutable too): `Position` (an ordered pair), `Related`, a fix and
its edits (`Fix`, `Edit`), and the per-file and per-run results, which only
carry findings from the runner to the reporters. A frozen dataclass costs
about 4 million instructions (1-2 ms) of start-up to create, because
``dataclasses`` compiles its methods; a named tuple costs a quarter of that,
and nflint starts once per commit. Lines and columns are 1-based; the
conversion from offsets happens in one place
(`nflint.load.source.LineIndex`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


class Position(NamedTuple):
    """A 1-based line and column (columns count characters)."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Span:
    """A range of source text: ``start`` inclusive, ``end`` exclusive."""

    start: Position
    end: Position


class Related(NamedTuple):
    """Another place that explains a diagnostic ("first defined here")."""

    message: str
    pointer: str
    span: Span | None


class Applicability(enum.Enum):
    """Whether a fix may be applied without the user looking (``--fix``) or
    only when asked (``--unsafe-fixes``), as in ruff."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of a file's text (character offsets, end
    exclusive) with ``content``. An insertion has ``start == end``."""

    start: int
    end: int
    content: str


class Fix(NamedTuple):
    """How to repair a finding: text edits in the original text, never a
    re-serialised document, so layout and comments survive."""

    applicability: Applicability
    message: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: a rule, where it is (pointer and span) and what is wrong."""

    rule: str
    name: str
    severity: Severity
    message: str
    path: str
    pointer: str
    span: Span | None
    document: int = 1
    hint: str | None = None
    related: tuple[Related, ...] = ()
    #: the repair, when nflint knows it (see `Fix`)
    fix: Fix | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[str, int, int, int, str, str, str]:
        line, col = (self.span.start.line, self.span.start.column) if self.span else (0, 0)
        return (self.path, self.document, line, col, self.rule, self.pointer, self.message)


class FileResult(NamedTuple):
    """All findings for one file, sorted, plus the document types linted."""

    path: str
    diagnostics: tuple[Diagnostic, ...]
    #: the document type chosen for each document (None: not Northflank)
    types: tuple[str | None, ...] = ()
    #: the file's text, for reporters that show source lines
    source: str | None = None
    #: why the file could not be read at all (then there are no diagnostics)
    error: str | None = None


class RunResult(NamedTuple):
    """What one ``nflint check`` run found, in file order."""

    files: tuple[FileResult, ...]
    #: findings the baseline recorded, so not reported
    baselined: int = 0

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return tuple(d for f in self.files for d in f.diagnostics)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)
