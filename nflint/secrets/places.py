"""Where credentials live: the one definition rule NF220 (a credential
written in the file) and the output masking (`nflint.findings.masking`)
both read.

A value is a credential by its place:
- every value of a secret group's ``secrets.variables`` and every
  ``secrets.files.*.data`` (``GROUP``);
- in a map of environment variables or arguments (`VARIABLE_MAPS`), a
  value whose name is a credential's (``VARIABLE``: ``DB_PASSWORD``,
  ``GITHUB_TOKEN``, ``STRIPE_KEY``);
- anywhere, a value whose key ends in a credential word (``KEY``:
  ``password``, ``clientSecret``, ``apiKey``, ``token``);
- the path of a webhook URL (``WEBHOOK``: ``webhookUrl``).

A name that only mentions a credential word before its last word
(``TOKEN_ENDPOINT``, ``TOKEN_AUDIENCE``, ``secretGroups``) holds a
credential only when its value looks like one
(`shapes.looks_like_credential`: never a URL, a number, a plain word or a
resource name such as ``payments-api``). By shape, anywhere, is
`nflint.secrets.shapes`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

from nflint.secrets import shapes

#: the objects whose keys are environment variable or argument names
VARIABLE_MAPS = shapes.VARIABLE_MAPS

GROUP = "group"
VARIABLE = "variable"
KEY = "key"
WEBHOOK = "webhook"


class Place(NamedTuple):
    """A place that can hold a credential: its kind and the name it is
    stored under (None for secret-group values and files)."""

    kind: str
    name: str | None = None
    #: the name only mentions a credential word before its last word: the
    #: value must look like a credential too (`looks_like_credential`)
    weak: bool = False
    #: the variable map the value is in (``arguments``, ``runtimeEnvironment``...)
    map: str | None = None


def place(path: Sequence[str | int]) -> Place | None:
    """The place of the value at ``path`` (the keys and indexes from the
    document root), when that place can hold a credential."""
    key = path[-1] if path else None
    if "secrets" in path:
        for i in range(len(path) - 2):
            if path[i] == "secrets" and path[i + 1] == "variables":
                return Place(GROUP, key if isinstance(key, str) else None)
        if len(path) >= 4 and key == "data" and path[-4] == "secrets" and path[-3] == "files":
            return Place(GROUP)
    if not isinstance(key, str):
        return None
    parent = path[-2] if len(path) > 1 else None
    if isinstance(parent, str) and parent in VARIABLE_MAPS:
        return variable_place(key, parent) or key_place(key)
    return key_place(key)


def may_hold(key: str | int, below_secrets: bool) -> bool:
    """Whether `place` can find a place for a value under ``key``:
    ``below_secrets``, the path has a ``secrets`` key above it. A cheap
    test for a walk over every value (`nflint.secrets.values`)."""
    if below_secrets:
        return True
    return isinstance(key, str) and (
        key_place(key) is not None or _variable_strength(key) is not None
    )


@functools.lru_cache(maxsize=4096)
def key_place(key: str) -> Place | None:
    """The place of a value under ``key`` outside variable maps."""
    if shapes.is_secret_key(key):
        return Place(KEY, key)
    if "webhook" in shapes.words(key):
        return Place(WEBHOOK, key)
    return None


@functools.lru_cache(maxsize=4096)
def _variable_strength(name: str) -> str | None:
    """"strong": the name ends in a credential word (``DB_PASSWORD``);
    "weak": a credential word comes before its last word
    (``TOKEN_ENDPOINT``); None: no credential word."""
    if not shapes.is_secret_variable(name):
        return None
    return "strong" if shapes.ends_in_credential(name) else "weak"


def variable_place(name: str, parent: str) -> Place | None:
    """The place of a value named ``name`` in the variable map ``parent``."""
    strength = _variable_strength(name)
    return None if strength is None else Place(VARIABLE, name, strength == "weak", parent)


def holds_credential(where: Place, value: str) -> bool:
    """Whether ``value`` at ``where`` is a credential (for masking: every
    value of a strong place; at a weak place, one that looks like one)."""
    if "${" in value or not value.strip():
        return False
    return not where.weak or shapes.looks_like_credential(value)
