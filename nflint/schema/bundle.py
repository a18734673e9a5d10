"""One self-contained schema per document type, for editors.

A JSON Schema 2020-12 document: the document type's schema at the root and
every schema file it reaches copied under ``#/$defs/<file>`` (its own
``$id``/``$schema`` removed), with every ``$ref`` rewritten to a local JSON
pointer. Editors do not all follow embedded ``$id`` resources
(vscode-json-languageservice fetches any ``$ref`` with a path before the
``#``), but every validator follows ``#/...``.

Annotations for editors are added on the way (`nflint.schema.annotate`):
``markdownDescription`` and, for node kinds, ``markdownEnumDescriptions``.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urldefrag, urljoin

from nflint.northflank import doctypes
from nflint.schema import store as schema_store
from nflint.schema.annotate import annotate, schema_objects


def def_name(uri: str) -> str:
    """``https://.../nodes/Action.schema.json`` -> ``nodes-Action``."""
    name = uri.removeprefix(schema_store.BASE_URI).removesuffix(".schema.json")
    return name.replace("/", "-")


def _walk_refs(node: Any, visit: Any) -> None:
    """Calls ``visit(holder)`` for every schema object holding a ``$ref``;
    skips data (enum, const, examples, default)."""
    for holder in schema_objects(node):
        if isinstance(holder.get("$ref"), str):
            visit(holder)


def _targets(node: Any, base: str) -> set[str]:
    found: set[str] = set()

    def visit(holder: dict[str, Any]) -> None:
        uri, _ = urldefrag(urljoin(base, holder["$ref"]))
        if uri:
            found.add(uri)

    _walk_refs(node, visit)
    return found


def _localise(node: Any, base: str, root_uri: str) -> None:
    """Rewrites every ``$ref`` in ``node`` (a copy of the file at ``base``)
    to a pointer inside the bundle."""

    def visit(holder: dict[str, Any]) -> None:
        uri, fragment = urldefrag(urljoin(base, holder["$ref"]))
        prefix = "#" if uri == root_uri else f"#/$defs/{def_name(uri)}"
        holder["$ref"] = prefix + fragment

    _walk_refs(node, visit)


def bundle(doc_type: str) -> dict[str, Any]:
    root_name = doctypes.get(doc_type).schema_file
    root_uri = schema_store.BASE_URI + root_name
    root = copy.deepcopy(schema_store.schema(root_name))
    seen = {root_uri}
    queue = sorted(_targets(root, root_uri) - seen)
    embedded: dict[str, Any] = {}
    while queue:
        uri = queue.pop(0)
        if uri in seen:
            continue
        seen.add(uri)
        resource = copy.deepcopy(schema_store.schema(uri))
        resource.pop("$schema", None)
        resource.pop("$id", None)
        queue.extend(sorted(_targets(resource, uri) - seen))
        _localise(resource, uri, root_uri)
        embedded[def_name(uri)] = resource
    _localise(root, root_uri, root_uri)
    defs = root.setdefault("$defs", {})
    clash = sorted(set(defs) & set(embedded))
    if clash:  # a schema file's own $defs name equal to a file's name
        raise schema_store.SchemaError(f"bundle {doc_type}: $defs name clash {clash}")
    for name, resource in sorted(embedded.items()):
        defs[name] = resource
    annotate(root)
    return root  # type: ignore[no-any-return]


def bundles() -> dict[str, dict[str, Any]]:
    """Every document type's bundle, by type."""
    return {doc_type: bundle(doc_type) for doc_type in sorted(doctypes.NAMES)}


def export(folder: str, doc_types: list[str] | None = None) -> list[str]:
    """Writes ``<type>.schema.json`` for each type (all by default) into
    ``folder`` (created); returns the paths written."""
    import json  # noqa: PLC0415
    import os  # noqa: PLC0415

    os.makedirs(folder, exist_ok=True)
    written = []
    for doc_type in doc_types or sorted(doctypes.NAMES):
        path = os.path.join(folder, f"{doc_type}.schema.json")
        text = json.dumps(bundle(doc_type), indent=2, ensure_ascii=False) + "\n"
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written
