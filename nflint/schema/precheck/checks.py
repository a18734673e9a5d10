"""The small checks `precheck.compiler` assembles: jsonschema's
notion of types and equality, the keywords that look at one value (``type``,
``const``/``enum``, the string and number keywords), and the combinators that
join checks (every one holds, one holds at least)."""

from __future__ import annotations

from typing import Any

from nflint.schema.ecmaregex import compile_pattern
from nflint.schema.precheck.keywords import Check, Unsupported

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


# -- combinators ---------------------------------------------------------------


def always(_x: object) -> bool:
    return True


def never(_x: object) -> bool:
    return False


def all_checks(checks: list[Check]) -> Check:
    """Every check holds (fixed checks, compiled already)."""
    if not checks:
        return always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)
    return every_cell(checks)


def every_cell(checks: list[Check]) -> Check:
    """Every check holds; ``checks`` may be lazy cells that replace themselves."""

    def every(x: object) -> bool:
        for check in checks:  # noqa: SIM110 - a loop: no generator on the hot path
            if not check(x):
                return False
        return True

    return every


def some_cell(checks: list[Check]) -> Check:
    """One check holds at least; ``checks`` may be lazy cells."""
    if len(checks) == 2:
        return lambda x: checks[0](x) or checks[1](x)

    def some(x: object) -> bool:
        for check in checks:  # noqa: SIM110 - as in every_cell
            if check(x):
                return True
        return False

    return some


# -- keywords on one value -----------------------------------------------------


def type_check(names: object) -> Check:
    wanted = names if isinstance(names, list) else [names]
    try:
        tests = [_TYPES[str(n)] for n in wanted]
    except KeyError as exc:
        raise Unsupported(f"type {names!r}") from exc
    if len(tests) == 1:
        return tests[0]
    return lambda x: any(test(x) for test in tests)


def equals_one(values: list[Any]) -> Check:
    """const (one value) or enum: the value equals one of ``values``."""
    return lambda x: any(equal(v, x) for v in values)


def string_check(schema: dict[str, Any], strict: bool, choices: list[list[Any]]) -> Check:
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


def choices_of(schema: dict[str, Any]) -> list[list[Any]]:
    """The allowed values of ``const`` and ``enum``, one list per keyword."""
    choices: list[list[Any]] = []
    if "const" in schema:
        choices.append([schema["const"]])
    if "enum" in schema:
        if not isinstance(schema["enum"], list):
            raise Unsupported("enum must be a list")
        choices.append(schema["enum"])
    return choices


def number_checks(schema: dict[str, Any]) -> list[Check]:
    """minimum and maximum."""
    checks: list[Check] = []
    if "minimum" in schema:
        low = schema["minimum"]
        checks.append(lambda x: not _is_number(x) or x >= low)
    if "maximum" in schema:
        high = schema["maximum"]
        checks.append(lambda x: not _is_number(x) or x <= high)
    return checks
