"""What the fast schema check (`precheck.validator`) speaks: the draft it
compiles, the keywords that assert, the ones it leaves to jsonschema, the
compiled form of a schema (`Check`) and the signal to ask jsonschema
(`Unsupported`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: a compiled schema: True when the value is valid
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
#: left to jsonschema: the keywords no shipped schema uses (a test keeps this
#: so), rather than a second implementation of each that nothing exercises
UNSUPPORTED = frozenset(
    {
        "$dynamicRef",
        "contains",
        "dependentRequired",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "maxItems",
        "maxProperties",
        "minItems",
        "minProperties",
        "multipleOf",
        "oneOf",
        "patternProperties",
        "prefixItems",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "uniqueItems",
    }
)


class Unsupported(Exception):
    """The schema uses something the fast check does not compile; ask jsonschema."""
