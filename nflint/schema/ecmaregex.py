"""ECMAScript regexes (JSON Schema's dialect) run on Python's `re`.

The schemas quote Northflank's patterns. Where the two dialects differ, the
pattern is translated so that it behaves as it does in ECMAScript:
- ``$`` matches only at the very end (Python's also matches before a final
  newline), so it becomes ``(?!\\n)\\Z``-equivalent ``\\Z``;
- ``\\d`` and ``\\w`` are ASCII-only (``[0-9]``, ``[A-Za-z0-9_]``);
- ``(?<name>`` named groups become ``(?P<name>``;
- ``.`` matches any character but the four line terminators
  (``\\n``, ``\\r``, U+2028, U+2029), not only ``\\n``.

Python's `re` backtracks, so a pattern with nested or overlapping
quantifiers can take quadratic or exponential time on a crafted string.
`LINEAR` maps the reference patterns that do to equivalent patterns that run
in linear time; `compile_pattern` uses them. tests/test_robust_regex.py proves
each equivalent (differential test) and times every schema pattern on
adversarial strings.
"""

from __future__ import annotations

import functools
import re

_ESCAPES_OUTSIDE = {"d": "[0-9]", "D": "[^0-9]", "w": "[A-Za-z0-9_]", "W": "[^A-Za-z0-9_]"}
_ESCAPES_INSIDE = {"d": "0-9", "w": "A-Za-z0-9_"}
_ANY = "[^\\n\\r\u2028\u2029]"

_H = r"[a-zA-Z0-9\-]"  # a host label character
_W = r"[a-zA-Z0-9-._]"  # a path or query character
_QUERY_PART = rf"(?:{_W}+(?:=(?:{_W}{{2,}}=)*{_W}+)?)?"

#: ECMAScript pattern -> an equivalent one (for `search`) without the
#: ambiguity that makes a backtracking engine slow. Each key is quoted from a
#: schema; the test suite checks that every key is still used and that both
#: sides accept the same strings.
LINEAR: dict[str, str] = {
    # REFSTR: quadratic (cubic for many "${"). "${" then "}" later on the
    # same line; stop at the next "${" so that no character is scanned twice.
    r".*\$\{.*\}.*": r"\$\{(?:[^}\n\r\u2028\u2029$]|\$(?!\{))*\}",
    # RX-REPOURL: the optional "www.x." prefix overlaps the host labels
    # (quadratic); "www" is itself a label, so labels alone say the same.
    r"^(https:\/\/)?((www(\.[a-zA-Z0-9\-]{2,})+\.)?[a-zA-Z0-9\-]{2,})(\.([a-zA-Z0-9\-]{2,}))+"
    r"(\/([a-zA-Z0-9\-._]{2,}))+?$": rf"^(?:https:\/\/)?{_H}{{2,}}(?:\.{_H}{{2,}})+"
    r"(?:\/[a-zA-Z0-9\-._]{2,})+$",
    # Subdomain host: the same overlap as RX-REPOURL.
    r"^((www(\.[a-zA-Z0-9\-]{2,})+\.)?[a-zA-Z0-9\-]{2,})(\.([a-zA-Z0-9\-]{2,}))+$": (
        rf"^{_H}{{2,}}(?:\.{_H}{{2,}})+$"
    ),
    # RX-IMAGE: registry host and image path overlap (quadratic). Host, "/v1"
    # and "/" are all path characters, so without a scheme the path alone
    # says the same; with one, the host only needs its first "x.y" written.
    r"^(?:(?:https?:\/\/)?([a-zA-Z0-9\-]+\.[a-zA-Z0-9\.\-]+)(\/v1)?)?(?:\/)?"
    r"([a-zA-Z/-9\.\-_]+)(?::([a-zA-Z/-9\.\-_:]+)|@([a-zA-Z/-9\.\-_:]+))$": (
        rf"^(?:https?:\/\/{_H}+\.[a-zA-Z0-9.\-])?[a-zA-Z/-9\.\-_]+"
        r"(?::[a-zA-Z/-9\.\-_:]+|@[a-zA-Z/-9\.\-_:]+)$"
    ),
    # Project domain: ([a-z0-9][a-z0-9-]*)* nests quantifiers (exponential).
    # Labels of [a-z0-9] joined by "-" runs or single dots, ending in a
    # letter or an "xn--" label, then an optional final dot.
    r"^(([a-z0-9][a-z0-9\-]*)|[a-z0-9]\.)*([a-z]+|xn--[a-z0-9]+)\.?$": (
        r"^(?=[a-z0-9.\-]*(?:[a-z]|xn--[a-z0-9]+)\.?$)"
        r"[a-z0-9](?:-*[a-z0-9]|\.[a-z0-9])*\.?$"
    ),
    # An unanchored name at the end of the string: every start re-scans the
    # run (quadratic). Some name start followed by digits only says the same.
    r"[a-zA-Z_:][a-zA-Z0-9_:]*$": r"[a-zA-Z_:][0-9]*$",
    # A URL path with a query: (x+(=x+)?)* nests quantifiers (exponential).
    # A query part is x+ pieces joined by "=", inner pieces 2+ long.
    r"^\/([a-zA-Z0-9-._]+\/)*[a-zA-Z0-9-._]*((\?([a-zA-Z0-9-._]+(=[a-zA-Z0-9-._]+)?)*)"
    r"(&([a-zA-Z0-9-._]+(=[a-zA-Z0-9-._]+)?)*)*)?$": (
        rf"^\/(?:{_W}+\/)*{_W}*(?:\?{_QUERY_PART}(?:&{_QUERY_PART})*)?$"
    ),
}


def translate(pattern: str) -> str:
    """The Python `re` spelling of an ECMAScript (non-unicode) pattern."""
    out: list[str] = []
    i = 0
    in_class = False
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            table = _ESCAPES_INSIDE if in_class else _ESCAPES_OUTSIDE
            out.append(table.get(nxt, ch + nxt))
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif ch == "[":
                out.append("\\[")  # a literal [ inside a class (Python warns on it)
                i += 1
                continue
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if pattern.startswith("^", i + 1):
                out.append("^")
                i += 1
            if pattern.startswith("]", i + 1):  # ECMAScript: [] / [^] are special
                out.append("\\]")
                i += 1
        elif ch == "$":
            out.append(r"\Z")
        elif ch == ".":
            out.append(_ANY)
        elif pattern.startswith("(?<", i) and not pattern.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")
            i += 3
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(translate(LINEAR.get(pattern) or pattern))


def search(pattern: str, text: str) -> bool:
    """JSON Schema ``pattern`` semantics: an unanchored ECMAScript search."""
    return compile_pattern(pattern).search(text) is not None
