"""What a node's output holds, where Northflank's documentation shows it
(spec d.2, "Output paths used in the docs"): the paths ``${refs.<ref>.<path>}``
may read. Kinds not listed here have no documented outputs and are not
checked. Whether a ``.data.`` segment is tolerated in front of a path
(``${refs.db.data.id}`` in real files) is an open question; such paths are
not checked either.
"""

from __future__ import annotations

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


def _fits(pattern: str, segment: str) -> bool:
    if pattern == INDEX:
        return segment.isdigit()
    return pattern in (NAME, REST) or pattern == segment


def mismatch(
    path: tuple[str, ...], patterns: tuple[tuple[str, ...], ...]
) -> tuple[int, list[str]] | None:
    """None when ``path`` (the segments after the ref name) reads a
    documented output or a part of one; else the index of the first segment
    no pattern allows, and what the patterns allow there."""
    if not path or path[0] == OPEN_PREFIX:
        return None
    depth, live = 0, list(patterns)
    while depth < len(path):
        if any(p[depth:depth + 1] == (REST,) for p in live):
            return None
        fitting = [p for p in live if len(p) > depth and _fits(p[depth], path[depth])]
        if not fitting:
            allowed = [p[depth] for p in live if len(p) > depth]
            return depth, list(dict.fromkeys(allowed))
        live, depth = fitting, depth + 1
    return None


def show(pattern: tuple[str, ...]) -> str:
    """``ports.<n>.dns``."""
    return ".".join(pattern)
