"""The one place that builds the `referencing.Registry` and the jsonschema
validators. Schemas ship with nflint (top-level ``schemas/``, packaged as
``nflint/schemas`` in the wheel); nothing is ever retrieved from the network.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from nflint.northflank import doctypes

if TYPE_CHECKING:
    from pathlib import Path

    from jsonschema.protocols import Validator
    from referencing import Registry

BASE_URI = "https://nflint.dev/schemas/"



class SchemaError(Exception):
    """nflint's own schemas are missing or broken (a packaging bug)."""


@functools.cache
def _root() -> str:
    """Where the schemas are: inside the installed package (wheel), or the
    repository's top-level ``schemas/`` (editable install, source tree).
    (`os.path`: a run that only reads schema files does not import pathlib.)"""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # nflint/
    for folder in (package, os.path.dirname(package)):
        candidate = os.path.join(folder, "schemas")
        if os.path.isfile(os.path.join(candidate, "common.schema.json")):
            return candidate
    raise SchemaError(f"nflint's schemas were not found next to {package}")


@functools.cache
def schemas_dir() -> Path:
    """The schemas folder (see `_root`)."""
    from pathlib import Path  # noqa: PLC0415 - see _root

    return Path(_root())


def iter_schema_files() -> Iterator[Path]:
    yield from sorted(schemas_dir().rglob("*.schema.json"))


@functools.cache
def contents() -> dict[str, Any]:
    """Every schema file by its URI."""
    root = schemas_dir()
    uris = (BASE_URI + path.relative_to(root).as_posix() for path in iter_schema_files())
    return {uri: resource(uri) for uri in uris}


#: the schema files read so far, by URI (`resource` fills it)
_LOADED: dict[str, Any] = {}


def resource(uri: str) -> Any:
    """One schema file by its URI, read on first use (the pre-check and
    jsonschema read only the files a document reaches)."""
    found = _LOADED.get(uri)
    if found is not None:
        return found
    if not uri.startswith(BASE_URI):
        raise SchemaError(f"no schema {uri}")
    path = os.path.join(_root(), *uri.removeprefix(BASE_URI).split("/"))
    try:
        with open(path, encoding="utf-8") as handle:
            found = _LOADED[uri] = json.load(handle)
    except FileNotFoundError:
        raise SchemaError(f"no schema {uri}") from None
    return found


def loaded() -> dict[str, Any]:
    """The schema files read so far, by URI (a copy)."""
    return dict(_LOADED)


@functools.cache
def _retrieve(uri: str) -> Any:
    """The `referencing` resource of one of nflint's schema files, read when
    jsonschema first follows a ``$ref`` into it; any other URI is refused
    (nothing is fetched). Without "$schema": jsonschema would pick the
    validator class of a $ref's target by it, and swap nflint's class
    (ECMAScript `pattern`) for the stock one below the first reference to
    another file."""
    from referencing.exceptions import NoSuchResource  # noqa: PLC0415
    from referencing.jsonschema import DRAFT202012  # noqa: PLC0415

    try:
        doc = resource(uri)
    except SchemaError:
        raise NoSuchResource(ref=uri) from None  # type: ignore[call-arg]
    return DRAFT202012.create_resource({k: v for k, v in doc.items() if k != "$schema"})


@functools.cache
def registry() -> Registry[Any]:
    """Lazy: a file is read and its resource made on the first ``$ref`` into
    it (no crawl of all 60 files for one error in one node). nflint's
    schemas have no embedded ``$id`` or anchors (the pre-check refuses
    them), so a reference is a URI and a JSON pointer, found without a crawl."""
    from referencing import Registry  # noqa: PLC0415

    return Registry(retrieve=_retrieve)  # type: ignore[call-arg]


def schema(uri_or_name: str) -> Any:
    uri = uri_or_name if uri_or_name.startswith("https://") else BASE_URI + uri_or_name
    return resource(uri)


@functools.cache
def validator_class() -> Any:
    """jsonschema's draft 2020-12 class with ECMAScript regexes: ``pattern``,
    ``patternProperties`` and ``additionalProperties`` (which skips the keys
    ``patternProperties`` matches) use `ecmaregex.search`, as JSON Schema
    says, instead of Python's `re`."""
    from jsonschema import Draft202012Validator, validators  # noqa: PLC0415
    from jsonschema.exceptions import ValidationError  # noqa: PLC0415

    from nflint.schema.ecmaregex import search  # noqa: PLC0415

    def pattern(_validator: Any, patrn: str, instance: Any, _schema: Any) -> Iterator[Any]:
        if isinstance(instance, str) and not search(patrn, instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    def pattern_properties(
        validator: Any, patterns: dict[str, Any], instance: Any, _schema: Any
    ) -> Iterator[Any]:
        if not isinstance(instance, dict):
            return
        for patrn, subschema in patterns.items():
            for key, value in instance.items():
                if search(patrn, key):
                    yield from validator.descend(value, subschema, path=key, schema_path=patrn)

    def additional_properties(
        validator: Any, extra: Any, instance: Any, schema: dict[str, Any]
    ) -> Iterator[Any]:
        if not isinstance(instance, dict):
            return
        known = schema.get("properties", {})
        patterns = list(schema.get("patternProperties", {}))
        extras = [
            key
            for key in instance
            if key not in known and not any(search(p, key) for p in patterns)
        ]
        if isinstance(extra, dict):
            for key in extras:
                yield from validator.descend(instance[key], extra, path=key)
        elif extra is False and extras:
            yield ValidationError(f"unexpected properties {extras!r}")

    return validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator,
        {
            "pattern": pattern,
            "patternProperties": pattern_properties,
            "additionalProperties": additional_properties,
        },
    )


@functools.cache
def validator(doc_type: str, cls: Any = None) -> Validator:
    """The validator for one document type (of ``cls``, by default
    `validator_class`), built once per process."""
    try:
        name = doctypes.get(doc_type).schema_file
    except KeyError:
        raise SchemaError(f"no schema for document type {doc_type!r}") from None
    cls = cls or validator_class()
    return cls(schema(name), registry=registry())  # type: ignore[no-any-return]
