"""A compiled yes/no JSON Schema check: is this document valid?

jsonschema tells *why* a document is invalid, and nflint's schema messages
are built from its errors. But it interprets the schema again for every value,
and importing it costs more than the rest of a small run. Most linted files
are valid, so `schema.check` asks this module first and runs jsonschema only
when the answer is "invalid" (or "unknown"); then `schema.focus` has
jsonschema skip what this module passed.

Each schema is compiled once per process into nested Python closures that
answer only valid/invalid. Compilation is lazy: a subschema is compiled the
first time a value reaches it (the stub then replaces itself in its parent),
and a schema file is read the first time a ``$ref`` reaches it, so a small
release flow never reads the template node schemas.

The answers are jsonschema's, as nflint configures it (draft 2020-12, the
``pattern`` keyword with ECMAScript semantics, ``format`` not asserted):
`is_valid` must never say valid where jsonschema finds an error, and an
invalid answer is only ever the cue to run jsonschema. Only the keywords the
shipped schemas use are compiled; any other (`keywords.UNSUPPORTED`:
``patternProperties``, ``oneOf``, ``uniqueItems``, ...), anchors and embedded
``$id`` make it answer None ("ask jsonschema"). Tests compare both on the
corpus and on generated documents, and keep the compiled keywords equal to
those the schemas use. (docs/benchmarks.md compares this module with the
compiled jsonschema-rs.)

This module is the entry point; the work is done by

- `precheck.keywords`: the draft, the asserting and unsupported keywords,
  `Check` and `Unsupported`;
- `precheck.compiler`: `Compiler`, schemas -> checks (objects, arrays,
  logic, ``$ref``, laziness);
- `precheck.checks`: jsonschema's types and equality, the keywords on one
  value, and the combinators of checks;
- `precheck.refs`: where a ``$ref`` points (URI and JSON pointer).
"""

from __future__ import annotations

import functools
from typing import Any

from nflint.northflank import doctypes
from nflint.schema import store as schema_store
from nflint.schema.precheck.checks import equal
from nflint.schema.precheck.compiler import Compiler
from nflint.schema.precheck.keywords import (
    ASSERTING,
    DRAFT_2020_12,
    UNSUPPORTED,
    Check,
    Unsupported,
)

__all__ = [
    "ASSERTING",
    "DRAFT_2020_12",
    "UNSUPPORTED",
    "Check",
    "Compiler",
    "Unsupported",
    "compile_schema",
    "equal",
    "first_failure",
    "forget_failures",
    "is_valid",
]


def is_valid(doc_type: str, data: object) -> bool | None:
    """True: valid; False: invalid (jsonschema will say why); None: unknown."""
    try:
        return _root(doc_type)(data)
    except (Unsupported, RecursionError):
        return None


def compile_schema(schema: object, uri: str) -> Check:
    """The check for ``schema``, a part of the schema file at ``uri`` (the
    same check `is_valid` uses there); raises `Unsupported`."""
    return _compiler().compile(schema, uri)


def first_failure(items_schema: object, array: list[Any]) -> int | None:
    """The first item of ``array`` that failed ``items_schema`` in a check
    since `forget_failures`; the items before it passed. None: not known."""
    return _compiler().first_failure(items_schema, array)


def forget_failures() -> None:
    _compiler().failures.clear()


@functools.cache
def _root(doc_type: str) -> Check:
    name = doctypes.get(doc_type).schema_file
    return _compiler().resolve(schema_store.BASE_URI + name, "")


@functools.cache
def _compiler() -> Compiler:
    return Compiler(schema_store.resource)
