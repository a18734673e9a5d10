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


@functools.cache
def resource(uri: str) -> Any:
    """One schema file by its URI, read on first use (`nflint.fastschema`
    reads only the files a document reaches)."""
    if not uri.startswith(BASE_URI):
        raise SchemaError(f"no schema {uri}")
    path = os.path.join(_root(), *uri.removeprefix(BASE_URI).split("/"))
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise SchemaError(f"no schema {uri}") from None


def _refuse(uri: str) -> Any:
    from referencing.exceptions import NoSuchResource  # noqa: PLC0415

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


@functools.cache
def registry() -> Registry[Any]:
    from referencing import Registry  # noqa: PLC0415
    from referencing.jsonschema import DRAFT202012  # noqa: PLC0415

    # Without "$schema": jsonschema picks the validator class of a $ref's
    # target by its "$schema", which would swap nflint's class (ECMAScript
    # `pattern`) for the stock one below the first reference to another file.
    resources = [
        (uri, DRAFT202012.create_resource({k: v for k, v in doc.items() if k != "$schema"}))
        for uri, doc in contents().items()
    ]
    return Registry(retrieve=_refuse).with_resources(resources).crawl()  # type: ignore[call-arg]


def schema(uri_or_name: str) -> Any:
    uri = uri_or_name if uri_or_name.startswith("https://") else BASE_URI + uri_or_name
    try:
        return contents()[uri]
    except KeyError:
        raise SchemaError(f"no schema {uri}") from None


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
