"""What a semantic rule is: metadata (`RuleInfo`) plus a check, a generator
of diagnostics over one document. Rules never compute line numbers: they
name a JSON pointer and `RuleContext.diagnostic` finds the span."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from nflint.diagnostics import Diagnostic, Fix, Related, Severity, Span
from nflint.load.loader import Document
from nflint.rules.core import RuleInfo


class RuleContext(NamedTuple):
    """What a rule sees: the document, its type, and where the schema failed."""

    doc: Document
    doc_type: str
    info: RuleInfo
    #: pointers of the values that failed the schema (errors): a rule does
    #: not report again about a value listed here
    schema_failures: frozenset[str]
    #: True when the document type was guessed from the shape (no $schema,
    #: no --type): rules that only make sense for one type may stay silent
    type_guessed: bool
    #: what the rules of one document compute once and share (the engine
    #: passes the same dict to every rule of a document, e.g. its analysis)
    shared: dict[str, object]

    def span(self, pointer: str, *, key: bool = False) -> Span | None:
        smap = self.doc.source_map
        return smap.key_span(pointer) if key else smap.value_span(pointer)

    def related(self, message: str, pointer: str, *, key: bool = False) -> Related:
        return Related(message, pointer, self.span(pointer, key=key))

    def diagnostic(
        self,
        pointer: str,
        message: str,
        *,
        key: bool = False,
        span: Span | None = None,
        hint: str | None = None,
        related: tuple[Related, ...] = (),
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        """A finding of this rule at ``pointer`` (its key when ``key``)."""
        return Diagnostic(
            rule=self.info.id,
            name=self.info.name,
            severity=severity or self.info.severity,
            message=message,
            path=self.doc.path,
            pointer=pointer,
            span=span if span is not None else self.span(pointer, key=key),
            document=self.doc.number,
            hint=hint,
            related=related,
            fix=fix,
        )


Check = Callable[[RuleContext], Iterator[Diagnostic]]


class Rule(NamedTuple):
    """A semantic rule: its metadata, the document types it applies to
    (empty: all), and its check."""

    info: RuleInfo
    check: Check
    types: frozenset[str] = frozenset()

    def applies_to(self, doc_type: str) -> bool:
        return not self.types or doc_type in self.types
