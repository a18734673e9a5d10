"""What a plain YAML scalar means: the YAML 1.2 core schema, and a note
when YAML 1.1 tools would read it differently.

Plain scalars resolve to ``true``/``false``, ``null``, decimal/hex/octal
integers and floats. Everything else stays the string the user wrote:
dates, ``yes``/``no``/``on``/``off``, ``010``. `intended` says what a YAML 1.1
look-alike means there, for the findings that suggest the literal to write.
"""

from __future__ import annotations

import math
import re

from nflint.messages import quote

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)$")
_HEX = re.compile(r"0x[0-9a-fA-F]+$")
_OCT = re.compile(r"0o[0-7]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
#: a fraction that ends in zeros, which a number drops (``3.10`` is 3.1)
_ZEROS = re.compile(r"\.[0-9]*[1-9]0+$|\.[0-9]*0{2,}$")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"\.(nan|NaN|NAN)$")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML11_TRUE = frozenset(w for b in ("yes", "on", "y") for w in (b, b.title(), b.upper()))
_YAML11_FALSE = frozenset(w for b in ("no", "off", "n") for w in (b, b.title(), b.upper()))
_YAML11_NUMBER = re.compile(
    r"[-+]?(0[0-9_]+|[0-9][0-9_]*(:[0-5]?[0-9])+|0b[01_]+|[0-9]+(_[0-9]+)+)$"
)
STR_TAG = "tag:yaml.org,2002:str"


def resolve(value: str) -> tuple[object, str | None]:
    """The JSON value of a plain, untagged scalar, and a note when YAML 1.1
    would read it differently."""
    if value in _NULL:
        return None, None
    if value in _TRUE:
        return True, None
    if value in _FALSE:
        return False, None
    if _INT.match(value):
        return _int(value), None
    if _HEX.match(value):
        return int(value, 16), None
    if _OCT.match(value):
        return int(value[2:], 8), None
    if _YAML11_NUMBER.match(value):
        return value, f"kept as the string {quote(value)}; YAML 1.1 tools read it as a number"
    if _FLOAT.match(value):
        number = float(value)
        if _ZEROS.search(value) and math.isfinite(number):  # 3.10, a version: 3.1
            shown = repr(number)
            return number, f"read as the number {shown}, not {quote(value)}; quote it to keep it"
        return number, None
    if _INF.match(value):
        return (-math.inf if value.startswith("-") else math.inf), None
    if _NAN.match(value):
        return math.nan, None
    if value in _YAML11_TRUE or value in _YAML11_FALSE:
        return value, f"kept as the string {quote(value)}; YAML 1.1 tools read it as a boolean"
    return value, None


def yaml11_boolean(value: str) -> bool | None:
    """The boolean YAML 1.1 tools read from the plain scalar ``value``
    (``off`` -> False), or None when it is not one of their booleans."""
    if value in _YAML11_TRUE:
        return True
    if value in _YAML11_FALSE:
        return False
    return None


def _int(text: str) -> int | float:
    """A decimal integer; past Python's 4,300-digit guard, the float that
    JavaScript would read (JSON numbers have no size limit)."""
    try:
        return int(text)
    except ValueError:
        return float(text)


def key_text(value: object) -> str:
    """A resolved scalar as a mapping key (JSON keys are strings)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)
