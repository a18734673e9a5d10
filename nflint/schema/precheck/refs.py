"""Where a ``$ref`` points, for the fast schema check: the (URI, JSON pointer)
of a reference, joined as ``urllib.parse.urljoin`` joins it but without
importing urllib on start-up, and the pointer lookup in a schema file."""

from __future__ import annotations

import functools
import re

from nflint.schema.precheck.keywords import Unsupported

#: compiled on first use (by ``re``'s cache), not at import
_BASE = r"(https?://[^/?#;]+)(/[^?#;]*)?"
_RELATIVE_PATH = r"[A-Za-z0-9._~-][A-Za-z0-9._~/-]*"


@functools.lru_cache(maxsize=4096)
def target(base: str, ref: str) -> tuple[str, str]:
    """(uri, JSON pointer) of a ``$ref``, as referencing resolves it
    (``urldefrag(urljoin(base, ref))``)."""
    if ref.startswith("#"):
        uri, fragment = base, ref[1:]
    else:
        path, _, fragment = ref.partition("#")
        site = re.fullmatch(_BASE, base)
        if site is not None and re.fullmatch(_RELATIVE_PATH, path):
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


def pointer(contents: object, fragment: str) -> object:
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
