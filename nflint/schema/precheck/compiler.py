"""Schemas -> checks, for the fast schema check (`precheck.validator`).

`Compiler` turns a draft 2020-12 schema into nested closures that answer
valid/invalid. It compiles the keywords that look into objects and arrays,
the logic keywords and ``$ref`` here, and takes the keywords on one value
from `precheck.checks`; a keyword in `keywords.UNSUPPORTED` (one that no
shipped schema uses) makes it raise `Unsupported` instead. Compilation is lazy: a subschema compiles
the first time a value reaches it (the stub then replaces itself in its
parent), and a schema file is loaded the first time a ``$ref`` reaches it.
A cycle of ``$ref`` goes through a forwarder while it compiles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nflint.schema.precheck.checks import (
    all_checks,
    always,
    choices_of,
    equals_one,
    every_cell,
    never,
    number_checks,
    some_cell,
    string_check,
    type_check,
)
from nflint.schema.precheck.keywords import (
    ASSERTING,
    DRAFT_2020_12,
    UNSUPPORTED,
    Check,
    Unsupported,
)
from nflint.schema.precheck.refs import pointer, target

_OBJECT_KEYWORDS = ("properties", "additionalProperties", "required")
_STRING_KEYWORDS = ("minLength", "maxLength", "pattern")


class Compiler:
    """Schemas (by URI) -> checks; ``load`` gives a schema file's contents."""

    def __init__(self, load: Callable[[str], Any]) -> None:
        self._load = load
        self._resolved: dict[tuple[str, str], Check] = {}
        #: (id(schema), base) -> (schema, check): one check per schema object,
        #: shared by every place that reaches it (the schema is kept, so
        #: that its id is never reused)
        self._compiled: dict[tuple[int, str], tuple[object, Check]] = {}
        #: an array's first invalid item, by (id(array), id(items schema)):
        #: where `first_failure` looks (see `nflint.schema.focus`)
        self.failures: dict[tuple[int, int], tuple[list[Any], object]] = {}

    # references

    def resolve(self, uri: str, fragment: str) -> Check:
        """The check for ``uri#fragment`` (a JSON pointer or nothing)."""
        key = (uri, fragment)
        found = self._resolved.get(key)
        if found is not None:
            return found
        cell: list[Check] = []
        # while compiling, a cycle of $refs gets this forwarder (cell[0] comes later)
        self._resolved[key] = lambda x: cell[0](x)  # noqa: PLW0108
        try:
            check = self.compile(pointer(self._resource(uri), fragment), uri)
        except BaseException:
            del self._resolved[key]
            raise
        cell.append(check)
        self._resolved[key] = check
        return check

    def _resource(self, uri: str) -> object:
        try:
            contents = self._load(uri)
        except Exception as exc:
            raise Unsupported(f"cannot load {uri}") from exc
        if not isinstance(contents, dict):
            return contents
        if contents.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
            raise Unsupported(f"{uri} is not a draft 2020-12 schema")
        if contents.get("$id", uri) != uri:
            raise Unsupported(f"{uri} has the $id {contents['$id']}")
        return contents

    def _ref(self, base: str, ref: str) -> Check:
        return self.resolve(*target(base, ref))

    # laziness: a stub compiles its schema on first use and takes its own place

    def _lazy(self, schema: object, base: str, slot: Any, key: Any) -> Check:
        def first_use(x: object) -> bool:
            check = self.compile(schema, base)
            slot[key] = check
            return check(x)

        return first_use

    def _cells(self, schemas: list[Any], base: str) -> list[Check]:
        cells: list[Check] = []
        for i, schema in enumerate(schemas):
            cells.append(self._lazy(schema, base, cells, i))
        return cells

    def _cell(self, schema: object, base: str) -> list[Check]:
        return self._cells([schema], base)

    def _table(self, schemas: dict[str, Any], base: str) -> dict[str, Check]:
        table: dict[str, Check] = {}
        for name, schema in schemas.items():
            table[name] = self._lazy(schema, base, table, name)
        return table

    # schemas

    def compile(self, schema: object, base: str) -> Check:
        key = (id(schema), base)
        found = self._compiled.get(key)
        if found is not None:
            return found[1]
        check = self._compile(schema, base)
        self._compiled[key] = (schema, check)
        return check

    def first_failure(self, items_schema: object, array: list[Any]) -> int | None:
        """The index of the first item of ``array`` that failed
        ``items_schema`` in a check since `failures` was last cleared (the
        items before it passed), or None."""
        found = self.failures.get((id(array), id(items_schema)))
        if found is None or found[0] is not array:
            return None
        failed = found[1]
        # the first item that *is* the failed one: an earlier identical
        # object would have failed first
        return next(i for i, item in enumerate(array) if item is failed)

    def _compile(self, schema: object, base: str) -> Check:
        if schema is True:
            return always
        if schema is False:
            return never
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema must be an object or a boolean, not {schema!r}")
        if "$id" in schema and schema["$id"] != base:
            raise Unsupported("embedded $id")
        used = ASSERTING.intersection(schema)
        bad = used & UNSUPPORTED
        if bad:
            raise Unsupported(f"keyword {min(bad)}")
        if used == {"$ref"}:
            return self._ref(base, schema["$ref"])
        kind = schema.get("type")
        strict_object = kind == "object"
        strict_string = kind == "string"
        choices = choices_of(schema)
        only_strings = all(v and all(isinstance(c, str) for c in v) for v in choices)
        checks: list[Check] = []
        if "type" in schema and not strict_object and not strict_string:
            checks.append(type_check(kind))
        if strict_string or used.intersection(_STRING_KEYWORDS) or (choices and only_strings):
            checks.append(string_check(schema, strict_string, choices if only_strings else []))
        if not only_strings:
            checks.extend(equals_one(values) for values in choices)
        checks.extend(number_checks(schema))
        if strict_object or used.intersection(_OBJECT_KEYWORDS):
            checks.append(self._object(schema, base, strict_object))
        checks.extend(self._dependent_schemas(schema, base))
        checks.extend(self._items(schema, base))
        if "$ref" in schema:
            checks.append(self._ref(base, schema["$ref"]))
        checks.extend(self._logic(schema, base))
        return all_checks(checks)

    def _object(self, schema: dict[str, Any], base: str, strict: bool) -> Check:
        """properties, additionalProperties and required in one pass over the
        object; ``strict``: and ``type: object``."""
        properties = self._table(schema.get("properties", {}), base)
        extra_schema = schema.get("additionalProperties", True)
        extra_allowed = extra_schema is not False
        extra = None if isinstance(extra_schema, bool) else self._cell(extra_schema, base)
        required = tuple(schema.get("required", ()))

        def check_object(x: object) -> bool:
            if not isinstance(x, dict):
                return not strict
            for name in required:
                if name not in x:
                    return False
            for key, value in x.items():
                check = properties.get(key)
                if check is not None:
                    if not check(value):
                        return False
                    continue
                if not extra_allowed:
                    return False
                if extra is not None and not extra[0](value):
                    return False
            return True

        return check_object

    def _dependent_schemas(self, schema: dict[str, Any], base: str) -> list[Check]:
        if "dependentSchemas" not in schema:
            return []
        depends = self._table(schema["dependentSchemas"], base)
        return [
            lambda x: (
                not isinstance(x, dict) or all(depends[key](x) for key in list(depends) if key in x)
            )
        ]

    def _items(self, schema: dict[str, Any], base: str) -> list[Check]:
        """``items``; an array records its first failing item in `failures`."""
        if "items" not in schema:
            return []
        items = self._cell(schema["items"], base)
        failures, key = self.failures, id(schema["items"])

        def check_items(x: object) -> bool:
            if not isinstance(x, list):
                return True
            check = items[0]
            for item in x:
                if not check(item):
                    failures[id(x), key] = (x, item)
                    return False
            return True

        return [check_items]

    def _logic(self, schema: dict[str, Any], base: str) -> list[Check]:
        checks: list[Check] = []
        if "allOf" in schema:
            checks.extend(self._all_of(schema["allOf"], base))
        if "anyOf" in schema:
            checks.append(some_cell(self._cells(list(schema["anyOf"]), base)))
        if "not" in schema:
            negated = self._cell(schema["not"], base)
            checks.append(lambda x: not negated[0](x))
        if "if" in schema:
            checks.append(self._if(schema, base))
        return checks

    def _if(self, schema: dict[str, Any], base: str) -> Check:
        condition = self._cell(schema["if"], base)
        then = self._cell(schema.get("then", True), base)
        otherwise = self._cell(schema.get("else", True), base)
        return lambda x: then[0](x) if condition[0](x) else otherwise[0](x)

    def _all_of(self, members: list[Any], base: str) -> list[Check]:
        """allOf; a run of ``if: {properties: {P: {const: C}}, required: [P]},
        then: S`` members on the same P (a node context's dispatch on kind)
        becomes one dict lookup instead of one ``if`` per kind."""
        plain: list[Any] = []
        cases: dict[str, list[Any]] = {}
        field = None
        for member in members:
            case = _case(member)
            if case is not None and field in (None, case[0]):
                field = case[0]
                cases.setdefault(case[1], []).append(member["then"])
            else:
                plain.append(member)
        checks: list[Check] = []
        if field is not None:
            checks.append(self._dispatch(field, cases, base))
        if plain:
            checks.append(every_cell(self._cells(plain, base)))
        return checks

    def _dispatch(self, field: str, cases: dict[str, list[Any]], base: str) -> Check:
        table = {value: self._cells(thens, base) for value, thens in cases.items()}
        every = [cell for cells in table.values() for cell in cells]

        def dispatch(x: object) -> bool:
            if not isinstance(x, dict):
                # properties/required ignore non-objects: every `if` holds
                return all(check(x) for check in every)
            value = x.get(field)
            if not isinstance(value, str):
                return True
            cells = table.get(value)
            if cells is None:
                return True
            for check in cells:  # noqa: SIM110 - as in every_cell
                if not check(x):
                    return False
            return True

        return dispatch


def _case(member: object) -> tuple[str, str] | None:
    """(P, C) when ``member`` is exactly ``{if: {properties: {P: {const: C}},
    required: [P]}, then: ...}`` with a string C, else None."""
    if not isinstance(member, dict) or ASSERTING.intersection(member) != {"if"}:
        return None
    if "then" not in member or "else" in member:
        return None
    condition = member["if"]
    if not isinstance(condition, dict) or set(condition) != {"properties", "required"}:
        return None
    properties = condition["properties"]
    if not isinstance(properties, dict) or len(properties) != 1:
        return None
    ((field, value_schema),) = properties.items()
    if condition["required"] != [field]:
        return None
    if not isinstance(value_schema, dict) or set(value_schema) != {"const"}:
        return None
    const = value_schema["const"]
    return (field, const) if isinstance(const, str) else None
