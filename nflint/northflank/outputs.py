"""What a node's output holds: the paths ``${refs.<ref>.<path>}`` may read.

A ref reads the node's ``response.data``. Two sources say what is in it:
Northflank's documentation, by example (spec d.2, "Output paths used in the
docs": `OUTPUTS`), and its API reference, which lists the ``response.data``
fields of some kinds in a template run and a release-flow run
(``response_data.json``, extracted once from get-template-run and
get-release-flow-run-details; read on first use). Neither is complete (the
reference has no ``ports.<n>.dns``, which the docs use), so a path either
allows is accepted (`patterns`). Kinds the documentation shows no output for
are not checked. Whether a ``.data.`` segment is tolerated in front of a path
(``${refs.db.data.id}`` in real files) is an open question; such paths are
not checked either.
"""

from __future__ import annotations

import functools
import json
import os

#: a path segment that is an array index (``ports.0.dns``)
INDEX = "<n>"
#: a path segment that is any name (``outputs.<name>.value``)
NAME = "<name>"
#: the rest of the path is free (``values.<KEY>``: secrets merge deeply)
REST = "<KEY>"

_SERVICE = (("id",), ("ports", INDEX, "dns"))
#: a build's output; ``sha`` on a BuildSource and ``nfObjectId`` on a Build
#: are read in a Northflank staff member's GitOps demo (DeciderWill/git-ops-demo)
_BUILD = (("id",), ("branch",), ("sha",), ("nfObjectId",))

OUTPUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "Build": _BUILD,
    "BuildSource": _BUILD,
    "BuildService": _SERVICE,
    "CombinedService": _SERVICE,
    "DeploymentService": _SERVICE,
    "Addon": (("id",),),
    "AddonBackup": (("id",), ("addonId",), ("config", "addonVersion")),
    "Project": (("id",),),
    "SubdomainPath": (("name",),),
    "Subdomain": (("id",),),
    "OpenTofu": (("outputs", NAME, "value"),),
    "SecretInheritance": (("values", REST),),
}

@functools.cache
def patterns(kind: str) -> tuple[tuple[str, ...], ...] | None:
    """The output paths of a node of ``kind`` (documented, or listed in the
    API reference's ``response.data``); None: not known, not checked."""
    documented = OUTPUTS.get(kind)
    if documented is None:
        return None
    listed = _response_data().get(kind, ())
    return tuple(dict.fromkeys((*documented, *(tuple(p.split(".")) for p in listed))))


@functools.cache
def _response_data() -> dict[str, list[str]]:
    path = os.path.join(os.path.dirname(__file__), "response_data.json")
    with open(path, encoding="utf-8") as handle:
        found: dict[str, list[str]] = json.load(handle)
    return found


#: what a trigger ref gives (spec d.2): ``${refs.<trigger>.branch}``
TRIGGER_OUTPUTS: tuple[tuple[str, ...], ...] = (
    ("branch",),
    ("sha",),
    ("pullRequestId",),
    ("repoUrl",),
)

#: segments that may follow ``${secrets.<id>.`` (spec d.2)
SECRET_PARTS = ("values", "files")
#: the path Northflank tolerates or not in front of outputs (open question)
OPEN_PREFIX = "data"


#: a tree of output paths: segment -> the tree below it
_Tree = dict[str, "_Tree"]


@functools.lru_cache(maxsize=256)
def _tree(patterns: tuple[tuple[str, ...], ...]) -> _Tree:
    """``patterns`` as a tree (matching a path then costs its length, not
    the number of patterns: a service has about 200)."""
    root: _Tree = {}
    for pattern in patterns:
        node = root
        for segment in pattern:
            node = node.setdefault(segment, {})
    return root


def _children(node: _Tree, segment: str) -> list[_Tree]:
    """The subtrees of ``node`` that ``segment`` may enter."""
    found = []
    exact = node.get(segment)
    if exact is not None and segment not in (NAME, REST, INDEX):
        found.append(exact)
    if segment.isdigit() and INDEX in node:
        found.append(node[INDEX])
    if NAME in node:
        found.append(node[NAME])
    return found


def mismatch(
    path: tuple[str, ...], patterns: tuple[tuple[str, ...], ...]
) -> tuple[int, list[str]] | None:
    """None when ``path`` (the segments after the ref name) reads a
    documented output or a part of one; else the index of the first segment
    no pattern allows, and what the patterns allow there."""
    if not path or path[0] == OPEN_PREFIX:
        return None
    live = [_tree(patterns)]
    for depth, segment in enumerate(path):
        if any(REST in node for node in live):
            return None
        fitting = [child for node in live for child in _children(node, segment)]
        if not fitting:
            allowed = [key for node in live for key in node]
            return depth, list(dict.fromkeys(allowed))
        live = fitting
    return None


def show(pattern: tuple[str, ...]) -> str:
    """``ports.<n>.dns``."""
    return ".".join(pattern)
