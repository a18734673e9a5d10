"""The secret values of parsed documents, which `nflint.redact` masks
wherever they are written, whole or shortened ("abcdef…uvwxyz").

By place, whatever they look like:
- every value of a secret group's ``secrets.variables`` and every
  ``secrets.files.*.data``;
- in maps of environment variables and arguments (`ENV_MAPS`), a value
  whose key names a credential (`secrets.is_secret_variable`:
  ``DB_PASSWORD``, ``GITHUB_TOKEN``, ``STRIPE_KEY``);
- anywhere, a value whose key ends in one (`secrets.is_secret_key`:
  ``password``, ``clientSecret``, ``apiKey``, ``token``), and the path of a
  webhook URL (``webhookUrl``).

By shape, anywhere else: the secret part of every match of
`secrets.SHAPES` in a string that messages quote shortened in the middle
(`messages.quote`), where the shape no longer matches. A string quoted
whole is found again by shape in the message itself.

Template expressions (``${...}``) are references, not secrets.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from nflint.load import pointer as jp
from nflint.messages import MAX_SHOWN
from nflint.secrets import shapes as secrets

if TYPE_CHECKING:
    from nflint.load.loader import Document

ENV_MAPS = secrets.VARIABLE_MAPS


class Secret(NamedTuple):
    """One secret value: where it is and the text that must not be shown."""

    document: int
    pointer: str
    value: str
    #: only this part of the value is secret (a webhook URL's path, a
    #: token in a longer string): offsets
    part: tuple[int, int] | None = None
    #: found by its shape (`secrets.SHAPES`), not by its place
    shape: bool = False

    @property
    def secret_text(self) -> str:
        return self.value[self.part[0] : self.part[1]] if self.part else self.value


#: the shortest text a shape can match (``?key=x``, ``://:x@``)
_SHORTEST = 6


def find(documents: Iterable[Document]) -> list[Secret]:
    """The secret values of the documents, by place and by shape."""
    found: list[Secret] = []
    for doc in documents:
        found.extend(_in_document(doc.data, doc.number))
    return found


def _scalar_text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return None


def _in_document(data: object, number: int) -> Iterator[Secret]:
    # (node, path, mode, key of node): mode "" plain, "env" a map of
    # variables, "all" every value is secret, "files" secret-group files
    stack: list[tuple[object, tuple[str | int, ...], str, str]] = [(data, (), "", "")]
    while stack:
        node, path, mode, parent = stack.pop()
        items: Iterable[tuple[str | int, object]]
        if isinstance(node, dict):
            items = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            continue
        for key, value in items:
            if isinstance(value, (dict, list)):
                name = key if isinstance(key, str) else parent
                stack.append((value, (*path, key), _mode(mode, key, parent), name))
                continue
            if value is None or isinstance(value, bool):
                continue
            kind = _kind(mode, key)
            if kind is None:
                if isinstance(value, str) and _shortened(value):
                    for span in secrets.spans(value):
                        yield Secret(number, jp.from_path((*path, key)), value, span, True)
                continue
            text = _scalar_text(value)
            if not text or "${" in text:
                continue
            pointer = jp.from_path((*path, key))
            if kind == "webhook":
                part = url_path(text)
                if part is not None:
                    yield Secret(number, pointer, text, part)
            else:
                yield Secret(number, pointer, text)


def _shortened(value: str) -> bool:
    """Whether `messages.quote` may shorten ``value`` (its JSON is longer
    than MAX_SHOWN): long, or with characters that JSON escapes."""
    if len(value) < _SHORTEST:
        return False
    return len(value) + 2 > MAX_SHOWN or '"' in value or "\\" in value or not value.isprintable()


def _mode(mode: str, key: str | int, parent: str) -> str:
    if mode == "all" or not isinstance(key, str):
        return mode
    if parent == "secrets" and key == "variables":
        return "all"
    if parent == "secrets" and key == "files":
        return "files"
    if key in ENV_MAPS:
        return "env"
    return "" if mode == "env" else mode


def _kind(mode: str, key: str | int) -> str | None:
    """What a value under ``key`` is: "secret", "webhook" (its path is) or None."""
    if mode == "all" or (mode == "files" and key == "data"):
        return "secret"
    if not isinstance(key, str):
        return None
    return _key_kind(key, mode == "env")


@functools.lru_cache(maxsize=4096)
def _key_kind(key: str, variable: bool) -> str | None:
    if (variable and secrets.is_secret_variable(key)) or secrets.is_secret_key(key):
        return "secret"
    return "webhook" if "webhook" in secrets.words(key) else None


def url_path(url: str) -> tuple[int, int] | None:
    """Where the secret part of a URL is: everything after ``scheme://host/``."""
    scheme = url.find("://")
    if scheme < 0:
        return (0, len(url))
    slash = url.find("/", scheme + 3)
    if slash < 0 or slash + 1 >= len(url):
        return None
    return (slash + 1, len(url))
