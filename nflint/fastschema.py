"""A compiled yes/no JSON Schema check: is this document valid?

jsonschema tells *why* a document is invalid, and nflint's schema messages
are built from its errors. But it interprets the schema again for every value,
and importing it costs more than the rest of a small run. Most linted files
are valid, so `schema_check` asks this module first and runs jsonschema only
when the answer is "invalid" (or "unknown").

Each schema is compiled once per process into nested Python closures that
answer only valid/invalid. Compilation is lazy: a subschema is compiled the
first time a value reaches it (the stub then replaces itself in its parent),
and a schema file is read the first time a ``$ref`` reaches it, so a small
release flow never reads the template node schemas.

The answers are jsonschema's, as nflint configures it (draft 2020-12, the
``pattern`` keyword with ECMAScript semantics, ``format`` not asserted):
`is_valid` must never say valid where jsonschema finds an error, and an
invalid answer is only ever the cue to run jsonschema. Keywords this module
does not implement (``$dynamicRef``, ``unevaluated*``, anchors, embedded
``$id``) make it answer None ("ask jsonschema"). Tests compare both on the
corpus and on generated documents.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from typing import Any

from nflint import schema_store
from nflint.ecmaregex import compile_pattern

Check = Callable[[Any], bool]

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

#: jsonschema's Draft202012Validator.VALIDATORS (a test keeps them equal);
#: any other key in a schema is an annotation without effect on validity
ASSERTING = frozenset(
    {
        "$dynamicRef",
        "$ref",
        "additionalProperties",
        "allOf",
        "anyOf",
        "const",
        "contains",
        "dependentRequired",
        "dependentSchemas",
        "enum",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "if",
        "items",
        "maxItems",
        "maxLength",
        "maxProperties",
        "maximum",
        "minItems",
        "minLength",
        "minProperties",
        "minimum",
        "multipleOf",
        "not",
        "oneOf",
        "pattern",
        "patternProperties",
        "prefixItems",
        "properties",
        "propertyNames",
        "required",
        "type",
        "unevaluatedItems",
        "unevaluatedProperties",
        "uniqueItems",
    }
)
UNSUPPORTED = frozenset({"$dynamicRef", "unevaluatedItems", "unevaluatedProperties"})
_OBJECT_KEYWORDS = ("properties", "patternProperties", "additionalProperties", "required")
_STRING_KEYWORDS = ("minLength", "maxLength", "pattern")


class Unsupported(Exception):
    """The schema uses something this module does not compile; ask jsonschema."""


def is_valid(doc_type: str, data: object) -> bool | None:
    """True: valid; False: invalid (jsonschema will say why); None: unknown."""
    try:
        return _root(doc_type)(data)
    except (Unsupported, RecursionError):
        return None


@functools.cache
def _root(doc_type: str) -> Check:
    name = schema_store.DOCUMENT_SCHEMAS[doc_type]
    return _compiler().resolve(schema_store.BASE_URI + name, "")


@functools.cache
def _compiler() -> Compiler:
    return Compiler(schema_store.resource)


# -- jsonschema's notion of types and equality ---------------------------------


def _is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _is_integer(x: object) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": _is_number,
    "integer": _is_integer,
}


class _Bool:
    """`True` and `False` kept apart from 1 and 0 (jsonschema's ``unbool``)."""


_TRUE, _FALSE = _Bool(), _Bool()


def _unbool(x: object) -> object:
    if x is True:
        return _TRUE
    if x is False:
        return _FALSE
    return x


def equal(one: object, two: object) -> bool:
    """jsonschema's ``equal``: JSON equality, where true is not 1."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, (list, tuple)) and isinstance(two, (list, tuple)):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, dict) and isinstance(two, dict):
        return len(one) == len(two) and all(k in two and equal(v, two[k]) for k, v in one.items())
    return _unbool(one) == _unbool(two)


def _unique(items: list[Any]) -> bool:
    """jsonschema's ``uniq``, quirks included (a sort, then neighbours)."""
    try:
        ordered = sorted(_unbool(i) for i in items)  # type: ignore[type-var]
        return not any(equal(a, b) for a, b in itertools.pairwise(ordered))
    except (NotImplementedError, TypeError):
        seen: list[object] = []
        for item in items:
            e = _unbool(item)
            if any(equal(s, e) for s in seen):
                return False
            seen.append(e)
    return True


def _multiple_of(x: float, step: float) -> bool:
    if isinstance(step, float):
        quotient = x / step
        try:
            return int(quotient) == quotient
        except OverflowError:
            from fractions import Fraction  # noqa: PLC0415 - rare

            return (Fraction(x) / Fraction(step)).denominator == 1
    return not x % step


# -- the compiler --------------------------------------------------------------


def _always(_x: object) -> bool:
    return True


def _never(_x: object) -> bool:
    return False


def _all(checks: list[Check]) -> Check:
    """Every check holds (fixed checks, compiled already)."""
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)
    return _every(checks)


def _every(checks: list[Check]) -> Check:
    """Every check holds; ``checks`` may be lazy cells that replace themselves."""

    def every(x: object) -> bool:
        for check in checks:  # noqa: SIM110 - a loop: no generator on the hot path
            if not check(x):
                return False
        return True

    return every


def _any(checks: list[Check]) -> Check:
    """One check holds at least; ``checks`` may be lazy cells."""
    if len(checks) == 2:
        return lambda x: checks[0](x) or checks[1](x)

    def some(x: object) -> bool:
        for check in checks:  # noqa: SIM110 - as in _every
            if check(x):
                return True
        return False

    return some


class Compiler:
    """Schemas (by URI) -> checks; ``load`` gives a schema file's contents."""

    def __init__(self, load: Callable[[str], Any]) -> None:
        self._load = load
        self._resolved: dict[tuple[str, str], Check] = {}

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
            check = self.compile(_pointer(self._resource(uri), fragment), uri)
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
        return self.resolve(*_target(base, ref))

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
        if schema is True:
            return _always
        if schema is False:
            return _never
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
        choices = _choices(schema)
        only_strings = all(v and all(isinstance(c, str) for c in v) for v in choices)
        checks: list[Check] = []
        if "type" in schema and not strict_object and not strict_string:
            checks.append(_type(kind))
        if strict_string or used.intersection(_STRING_KEYWORDS) or (choices and only_strings):
            checks.append(_string(schema, strict_string, choices if only_strings else []))
        if not only_strings:
            checks.extend(_equals_one(values) for values in choices)
        checks.extend(_numbers(schema))
        if strict_object or used.intersection(_OBJECT_KEYWORDS):
            checks.append(self._object(schema, base, strict_object))
        checks.extend(self._other_object_keywords(schema, base))
        checks.extend(self._arrays(schema, base))
        if "$ref" in schema:
            checks.append(self._ref(base, schema["$ref"]))
        checks.extend(self._logic(schema, base))
        return _all(checks)

    def _object(self, schema: dict[str, Any], base: str, strict: bool) -> Check:
        """properties, patternProperties, additionalProperties and required in
        one pass over the object; ``strict``: and ``type: object``."""
        properties = self._table(schema.get("properties", {}), base)
        patterns = [
            (re.compile(p), self._cell(s, base))
            for p, s in schema.get("patternProperties", {}).items()
        ]
        joined = "|".join(schema.get("patternProperties", {}))
        declared = re.compile(joined) if joined else None
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
                if declared is not None and declared.search(key):
                    continue
                if not extra_allowed:
                    return False
                if extra is not None and not extra[0](value):
                    return False
            for pattern, cell in patterns:
                for key, value in x.items():
                    if pattern.search(key) and not cell[0](value):
                        return False
            return True

        return check_object

    def _other_object_keywords(self, schema: dict[str, Any], base: str) -> list[Check]:
        checks: list[Check] = []
        if "minProperties" in schema:
            least = schema["minProperties"]
            checks.append(lambda x: not isinstance(x, dict) or len(x) >= least)
        if "maxProperties" in schema:
            most = schema["maxProperties"]
            checks.append(lambda x: not isinstance(x, dict) or len(x) <= most)
        if "propertyNames" in schema:
            names = self._cell(schema["propertyNames"], base)
            checks.append(lambda x: not isinstance(x, dict) or all(names[0](k) for k in x))
        if "dependentRequired" in schema:
            needs: dict[str, list[str]] = schema["dependentRequired"]
            checks.append(
                lambda x: (
                    not isinstance(x, dict)
                    or all(n in x for key, names in needs.items() if key in x for n in names)
                )
            )
        if "dependentSchemas" in schema:
            depends = self._table(schema["dependentSchemas"], base)
            checks.append(
                lambda x: (
                    not isinstance(x, dict)
                    or all(depends[key](x) for key in list(depends) if key in x)
                )
            )
        return checks

    def _arrays(self, schema: dict[str, Any], base: str) -> list[Check]:
        checks: list[Check] = []
        prefix = self._cells(list(schema.get("prefixItems", ())), base)
        if prefix:
            checks.append(
                lambda x: (
                    not isinstance(x, list)
                    or all(prefix[i](item) for i, item in enumerate(x[: len(prefix)]))
                )
            )
        if "items" in schema:
            skip = len(prefix)
            items = self._cell(schema["items"], base)

            def check_items(x: object) -> bool:
                if not isinstance(x, list):
                    return True
                check = items[0]
                for item in x[skip:] if skip else x:  # noqa: SIM110 - as in _every
                    if not check(item):
                        return False
                return True

            checks.append(check_items)
        if "contains" in schema:
            checks.append(self._contains(schema, base))
        if "minItems" in schema:
            least = schema["minItems"]
            checks.append(lambda x: not isinstance(x, list) or len(x) >= least)
        if "maxItems" in schema:
            most = schema["maxItems"]
            checks.append(lambda x: not isinstance(x, list) or len(x) <= most)
        if schema.get("uniqueItems"):
            checks.append(lambda x: not isinstance(x, list) or _unique(x))
        return checks

    def _contains(self, schema: dict[str, Any], base: str) -> Check:
        contains = self._cell(schema["contains"], base)
        least = schema.get("minContains", 1)
        most = schema.get("maxContains")

        def check_contains(x: object) -> bool:
            if not isinstance(x, list):
                return True
            limit = len(x) if most is None else most
            matches = 0
            for item in x:
                if contains[0](item):
                    matches += 1
                    if matches > limit:
                        return False
            return bool(matches >= least)

        return check_contains

    def _logic(self, schema: dict[str, Any], base: str) -> list[Check]:
        checks: list[Check] = []
        if "allOf" in schema:
            checks.extend(self._all_of(schema["allOf"], base))
        if "anyOf" in schema:
            checks.append(_any(self._cells(list(schema["anyOf"]), base)))
        if "oneOf" in schema:
            options = self._cells(list(schema["oneOf"]), base)
            checks.append(lambda x: sum(1 for option in options if option(x)) == 1)
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
            checks.append(_every(self._cells(plain, base)))
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
            for check in cells:  # noqa: SIM110 - as in _every
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


_BASE = re.compile(r"(https?://[^/?#;]+)(/[^?#;]*)?")
_RELATIVE_PATH = re.compile(r"[A-Za-z0-9._~-][A-Za-z0-9._~/-]*")


@functools.lru_cache(maxsize=4096)
def _target(base: str, ref: str) -> tuple[str, str]:
    """(uri, JSON pointer) of a ``$ref``, as referencing resolves it
    (``urldefrag(urljoin(base, ref))``)."""
    if ref.startswith("#"):
        uri, fragment = base, ref[1:]
    else:
        path, _, fragment = ref.partition("#")
        site = _BASE.fullmatch(base)
        if site is not None and _RELATIVE_PATH.fullmatch(path):
            uri = site[1] + _merge(site[2] or "", path)
        else:
            from urllib.parse import urldefrag, urljoin  # noqa: PLC0415 - rare: a full URI

            uri, fragment = urldefrag(urljoin(base, ref))
    if fragment and not fragment.startswith("/"):
        raise Unsupported(f"anchor reference {ref}")
    return uri, fragment


def _merge(base_path: str, path: str) -> str:
    """A relative ``path`` against ``base_path``, dot segments removed, as
    `urllib.parse.urljoin` does it (without importing urllib, ipaddress)."""
    base_parts = base_path.split("/")
    if base_parts[-1] != "":
        del base_parts[-1]
    segments = base_parts + path.split("/")
    segments[1:-1] = [s for s in segments[1:-1] if s]
    resolved: list[str] = []
    for segment in segments:
        if segment == "..":
            if resolved:
                resolved.pop()
        elif segment != ".":
            resolved.append(segment)
    if segments[-1] in (".", ".."):
        resolved.append("")
    joined = "/".join(resolved)
    return joined if joined.startswith("/") else "/" + joined  # as urlunparse with a host


def _pointer(contents: object, fragment: str) -> object:
    """referencing's JSON pointer lookup (percent-decoded, ~1 and ~0)."""
    if not fragment:
        return contents
    if not fragment.startswith("/"):
        raise Unsupported(f"fragment {fragment}")
    node = contents
    if "%" in fragment:
        from urllib.parse import unquote  # noqa: PLC0415 - rare: a percent-encoded pointer

        fragment = unquote(fragment)
    for segment in fragment[1:].split("/"):
        try:
            if isinstance(node, list):
                node = node[int(segment)]
            elif isinstance(node, dict):
                node = node[segment.replace("~1", "/").replace("~0", "~")]
            else:
                raise Unsupported(f"pointer {fragment}")
        except (LookupError, ValueError) as exc:
            raise Unsupported(f"pointer {fragment}") from exc
        if isinstance(node, dict) and "$id" in node:
            raise Unsupported("a pointer into an embedded $id")
    return node


def _type(names: object) -> Check:
    wanted = names if isinstance(names, list) else [names]
    try:
        tests = [_TYPES[str(n)] for n in wanted]
    except KeyError as exc:
        raise Unsupported(f"type {names!r}") from exc
    if len(tests) == 1:
        return tests[0]
    return lambda x: any(test(x) for test in tests)


def _equals_one(values: list[Any]) -> Check:
    """const (one value) or enum: the value equals one of ``values``."""
    return lambda x: any(equal(v, x) for v in values)


def _string(schema: dict[str, Any], strict: bool, choices: list[list[Any]]) -> Check:
    """minLength, maxLength, pattern, and string-only const/enum ``choices``,
    in one check; ``strict``: and ``type: string``."""
    least = schema.get("minLength")
    most = schema.get("maxLength")
    found = compile_pattern(schema["pattern"]).search if "pattern" in schema else None
    allowed: frozenset[str] | None = None
    for values in choices:
        allowed = frozenset(values) if allowed is None else allowed & frozenset(values)
    # a value that is not a string fails a string-only enum or const
    strict = strict or allowed is not None

    def check_string(x: object) -> bool:
        if not isinstance(x, str):
            return not strict
        if allowed is not None and x not in allowed:
            return False
        if least is not None and len(x) < least:
            return False
        if most is not None and len(x) > most:
            return False
        return found is None or found(x) is not None

    return check_string


def _choices(schema: dict[str, Any]) -> list[list[Any]]:
    """The allowed values of ``const`` and ``enum``, one list per keyword."""
    choices: list[list[Any]] = []
    if "const" in schema:
        choices.append([schema["const"]])
    if "enum" in schema:
        if not isinstance(schema["enum"], list):
            raise Unsupported("enum must be a list")
        choices.append(schema["enum"])
    return choices


def _numbers(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "minimum" in schema:
        low = schema["minimum"]
        checks.append(lambda x: not _is_number(x) or x >= low)
    if "maximum" in schema:
        high = schema["maximum"]
        checks.append(lambda x: not _is_number(x) or x <= high)
    if "exclusiveMinimum" in schema:
        above = schema["exclusiveMinimum"]
        checks.append(lambda x: not _is_number(x) or x > above)
    if "exclusiveMaximum" in schema:
        below = schema["exclusiveMaximum"]
        checks.append(lambda x: not _is_number(x) or x < below)
    if "multipleOf" in schema:
        step = schema["multipleOf"]
        checks.append(lambda x: not _is_number(x) or _multiple_of(x, step))
    return checks
