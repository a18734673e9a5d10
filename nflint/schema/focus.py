"""jsonschema, focused on the invalid part of a document: the error path.

When the pre-check (`nflint.schema.precheck`) says a document is invalid,
jsonschema runs to say why. On its own it would validate the whole document
again, every valid node of a 10,000-node template included, at about twenty
times the pre-check's cost. The validator class here is nflint's own
(`store.validator_class`) with the array keyword ``items`` replaced: before
descending into an item, it asks the pre-check, compiled once for that item
schema, and skips the items it calls valid. jsonschema finds no error in a
value the pre-check calls valid (tests/test_fastschema.py compares both on
the corpus and on mutated documents), so the errors, their order, paths and
values are exactly those of the unfocused validator; only the valid items
are never walked.

Arrays are where a document fans out (nodes, steps, ports); pruning there
walks each valid item once. Pruning ``properties`` too would ask the
pre-check again at every level above the error, each time over the whole
subtree before it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from nflint.schema import store
from nflint.schema.precheck import validator as precheck

if TYPE_CHECKING:
    from jsonschema.protocols import Validator


def validator(doc_type: str) -> Validator:
    """The focused validator for one document type, built once per process."""
    return store.validator(doc_type, _focused_class())


@functools.cache
def _focused_class() -> Any:
    from jsonschema import validators  # noqa: PLC0415 - only on the error path

    base = store.validator_class()
    plain_items = base.VALIDATORS["items"]

    def items(validator: Any, schema: Any, instance: Any, parent: Any) -> Iterator[Any]:
        check = _check(schema)
        if check is None or "prefixItems" in parent or not isinstance(instance, list):
            yield from plain_items(validator, schema, instance, parent)
            return
        start = 0
        first = precheck.first_failure(schema, instance)
        if first is not None:  # the pre-check passed the items before it already
            yield from validator.descend(instance=instance[first], schema=schema, path=first)
            start = first + 1
        for index in range(start, len(instance)):
            if not _valid(check, instance[index]):
                yield from validator.descend(instance=instance[index], schema=schema, path=index)

    return validators.extend(base, {"items": items})  # type: ignore[no-untyped-call]


def _valid(check: precheck.Check, value: object) -> bool:
    try:
        return check(value)
    except RecursionError:
        return False  # unknown: let jsonschema look


def _check(schema: object) -> precheck.Check | None:
    """The pre-check of a subschema of nflint's schemas, or None (a boolean
    schema, one from elsewhere, or a keyword the pre-check leaves to jsonschema)."""
    if not isinstance(schema, dict):
        return None
    return _compiled(id(schema))


@functools.cache
def _compiled(key: int) -> precheck.Check | None:
    found = _owner(key)
    if found is None:
        return None
    schema, uri = found
    try:
        return precheck.compile_schema(schema, uri)
    except precheck.Unsupported:
        return None


#: id(subschema) -> (subschema, the URI of the file it is in), for every
#: object in the schema files read so far (the registry shares them; holding
#: the object keeps its id unique)
_OWNERS: dict[int, tuple[dict[str, Any], str]] = {}
#: the files indexed in `_OWNERS`
_INDEXED: set[str] = set()


def _owner(key: int) -> tuple[dict[str, Any], str] | None:
    """The subschema with ``id`` ``key`` and its file's URI. jsonschema
    reaches a subschema only in a file it has read, so the files read since
    the last miss are indexed then (not all 60 files up front)."""
    found = _OWNERS.get(key)
    if found is None:
        for uri, contents in store.loaded().items():
            if uri not in _INDEXED:
                _INDEXED.add(uri)
                _index(uri, contents)
        found = _OWNERS.get(key)
    return found


def _index(uri: str, contents: object) -> None:
    stack: list[object] = [contents]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            _OWNERS[id(node)] = (node, uri)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
