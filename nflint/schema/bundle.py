"""One self-contained schema per document type, for editors.

A JSON Schema 2020-12 bundle: the document schema at the root and every
schema it references embedded under ``$defs`` with its own ``$id``, so each
``$ref`` resolves inside the file (Ajv, VS Code and jsonschema all follow
embedded ``$id``s).
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urldefrag, urljoin

from nflint.northflank import doctypes
from nflint.schema import store as schema_store


def _refs(node: Any, base: str) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str):
                uri, _ = urldefrag(urljoin(base, ref))
                if uri:
                    found.add(uri)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return found


def bundle(doc_type: str) -> dict[str, Any]:
    root_name = doctypes.get(doc_type).schema_file
    root_uri = schema_store.BASE_URI + root_name
    root = copy.deepcopy(schema_store.schema(root_name))
    seen = {root_uri}
    queue = sorted(_refs(root, root_uri) - seen)
    embedded: dict[str, Any] = {}
    while queue:
        uri = queue.pop(0)
        if uri in seen:
            continue
        seen.add(uri)
        resource = copy.deepcopy(schema_store.schema(uri))
        resource.pop("$schema", None)
        embedded[uri.removeprefix(schema_store.BASE_URI)] = resource
        queue.extend(sorted(_refs(resource, uri) - seen))
    defs = root.setdefault("$defs", {})
    for name, resource in sorted(embedded.items()):
        defs[f"nflint:{name}"] = resource
    return root  # type: ignore[no-any-return]
