"""RFC 6901 JSON pointers: escape, join and split."""

from __future__ import annotations

from collections.abc import Iterable


def escape(token: str | int) -> str:
    text = str(token)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(parent: str, *tokens: str | int) -> str:
    """``join("/spec", "steps", 0) == "/spec/steps/0"``."""
    if len(tokens) == 1:  # the common case, on every key of large documents
        return f"{parent}/{escape(tokens[0])}"
    return parent + "".join(["/" + escape(t) for t in tokens])


def from_path(path: Iterable[str | int]) -> str:
    return join("", *path)


def split(pointer: str) -> list[str]:
    """``split("/a/b~1c") == ["a", "b/c"]``; the root ``""`` gives ``[]``."""
    if not pointer:
        return []
    return [unescape(t) for t in pointer[1:].split("/")]


def parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


def resolve(data: object, pointer: str) -> object:
    """The value at ``pointer``; raises ``LookupError`` when it is absent."""
    node = data
    for token in split(pointer):
        if isinstance(node, dict):
            node = node[token]
        elif isinstance(node, list):
            if not token.isdigit():
                raise LookupError(token)
            node = node[int(token)]
        else:
            raise LookupError(token)
    return node
