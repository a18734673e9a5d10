"""The schema check of one document: the fast pre-check first (the common,
valid case imports nothing more); for a document that fails, jsonschema on
the nodes around the failure (`focus`) and its errors turned into
diagnostics (`errors`)."""

from __future__ import annotations

from collections.abc import Iterator

from nflint.diagnostics import Diagnostic
from nflint.load.loader import Document
from nflint.schema.precheck import validator as precheck


def check(doc: Document, doc_type: str) -> Iterator[Diagnostic]:
    """Every schema finding for ``doc`` validated as ``doc_type``."""
    precheck.forget_failures()
    if precheck.is_valid(doc_type, doc.data):
        return  # the common case, without importing or running jsonschema
    from nflint.schema import errors, focus  # noqa: PLC0415 - only for a failing document

    found = list(focus.validator(doc_type).iter_errors(doc.data))
    precheck.forget_failures()
    yield from errors.diagnostics(found, doc, doc_type)

