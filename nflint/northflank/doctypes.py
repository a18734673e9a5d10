"""The Northflank document types: the one table every stage reads (the
schema file of each type, its ``$schema`` URLs, the node context of its
``spec``, its triggers and built-in arguments, and how another document
nests it). Choosing a file's type is `nflint.northflank.detect`.

Documented ``$schema`` URLs (spec 0.1, "Edit a template as code"): template,
release flow and preview environment only. Workflows and preview blueprints
have none: a hint names ``--type`` or a config ``types`` entry for them.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

#: where Northflank's documented ``$schema`` URLs live
SCHEMA_PREFIX = "https://api.northflank.com/v1/schemas/"


class DocType(NamedTuple):
    """One document type."""

    #: the name ``--type``, config ``types`` and the reports use
    name: str
    #: its JSON Schema, relative to the schemas folder
    schema_file: str
    #: the ``$schema`` URL Northflank documents (None: none is documented)
    url: str | None
    #: last segments of a ``$schema`` URL (or schema file name) naming it
    url_names: tuple[str, ...]
    #: the node context of its ``spec`` (`kinds.CONTEXTS`)
    context: str
    #: a run response (what the API returns), not a document people write
    run: bool = False
    #: preview built-in arguments (``${args.name}``, ``${args.previewId}``)
    preview: bool = False
    #: triggers may be configured outside the file (Northflank's settings)
    external_triggers: bool = False
    #: nodes whose ``spec`` is a whole document of this type
    node_kinds: tuple[str, ...] = ()
    #: ``Template`` node ``spec.kind`` values that nest this type
    template_kinds: tuple[str, ...] = ()


TABLE: tuple[DocType, ...] = (
    DocType(
        "release-flow",
        "release-flow.schema.json",
        SCHEMA_PREFIX + "release-flow",
        ("release-flow", "releaseflow"),
        "release-flow",
        external_triggers=True,
        template_kinds=("ReleaseFlow",),
    ),
    DocType(
        "release-flow-run",
        "release-flow-run.schema.json",
        None,
        ("release-flow-run",),
        "release-flow",
        run=True,
    ),
    DocType(
        "template",
        "template.schema.json",
        SCHEMA_PREFIX + "template",
        ("template",),
        "template",
        template_kinds=("ResourceTemplate",),
    ),
    DocType(
        "template-run", "template-run.schema.json", None, ("template-run",), "template", run=True
    ),
    DocType(
        "preview-template",
        "preview-template.schema.json",
        SCHEMA_PREFIX + "preview-env",
        ("preview-env", "preview-template"),
        "preview",
        preview=True,
        external_triggers=True,
        template_kinds=("PreviewEnv",),
    ),
    DocType(
        "workflow",
        "workflow.schema.json",
        None,
        ("workflow",),
        "release-flow",
        node_kinds=("WorkflowTemplate",),
    ),
    DocType(
        "preview-blueprint",
        "preview-blueprint.schema.json",
        None,
        ("preview-blueprint",),
        "preview",
        preview=True,
        external_triggers=True,
        node_kinds=("PreviewBlueprint",),
    ),
)

BY_NAME: dict[str, DocType] = {t.name: t for t in TABLE}
#: every type name, in the table's order (``--type`` choices)
NAMES: tuple[str, ...] = tuple(BY_NAME)
#: documents people write (the semantic rules read them; run responses are not)
DOCUMENTS = frozenset(t.name for t in TABLE if not t.run)
#: types with the preview built-in arguments
PREVIEWS = frozenset(t.name for t in TABLE if t.preview)
#: types whose triggers may be configured outside the file
EXTERNAL_TRIGGERS = frozenset(t.name for t in TABLE if t.external_triggers)
#: node kind -> the type of the document its ``spec`` is
NESTED_BY_NODE = {kind: t.name for t in TABLE for kind in t.node_kinds}
#: ``Template`` node ``spec.kind`` -> the type of the document it nests
NESTED_BY_TEMPLATE_KIND = {kind: t.name for t in TABLE for kind in t.template_kinds}


def get(name: str) -> DocType:
    return BY_NAME[name]


def context(name: str) -> str:
    """The node context of a type's ``spec`` (``template`` for a name that
    is no type)."""
    found = BY_NAME.get(name)
    return found.context if found is not None else "template"


def documented_url(name: str) -> str | None:
    """The ``$schema`` URL Northflank documents for a type (None: none);
    `--fix` writes it in place of a look-alike."""
    return BY_NAME[name].url


def declare_hint(name: str) -> str:
    """How to declare a type (``name`` may be ``a|b``, either of two): its
    documented ``$schema`` URL, or for types without one, ``--type`` or a
    config ``types`` entry."""
    names = name.split("|")
    url = BY_NAME[names[0]].url
    if len(names) == 1 and url is not None:
        return f'add "$schema": "{url}" or pass --type {name}'
    options = " or ".join(f"--type {n}" for n in names)
    return (
        f'pass {options} or add a "types" entry to the config '
        "(Northflank documents no $schema URL for this type)"
    )


class UrlType(NamedTuple):
    """What a ``$schema`` value says."""

    #: the type it names (None: none)
    type: str | None
    #: it is the documented URL of that type (no finding)
    documented: bool


def from_url(url: object) -> UrlType:
    """The type a ``$schema`` value names: a documented URL, another form
    of one (``https://northflank.com/schemas/v1/template``,
    ``.../template.json``, ``.../template-schema.json``), or the path of a
    schema file exported by ``nflint schema`` (``./template.schema.json``)."""
    if not isinstance(url, str) or not url.strip():
        return UrlType(None, False)
    return _from_text(url.strip())


@functools.lru_cache(maxsize=256)
def _from_text(text: str) -> UrlType:
    for t in TABLE:
        if t.url is not None and text.rstrip("/") == t.url:
            return UrlType(t.name, True)
    lowered = text.lower()
    web = "://" in lowered
    if web and "northflank" not in lowered and "/schemas/" not in lowered:
        return UrlType(None, False)  # someone else's schema that happens to be named so
    name = _last_segment(lowered)
    for t in TABLE:
        if name in t.url_names:
            return UrlType(t.name, False)
    return UrlType(None, False)


def _last_segment(url: str) -> str:
    """``https://x/v1/schemas/Template.schema.json?v=2`` -> ``template``."""
    path = url.split("#", 1)[0].split("?", 1)[0].rstrip("/").replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    name = name.removesuffix(".json").removesuffix(".yaml").removesuffix(".yml")
    for suffix in (".schema", "-schema", "_schema"):
        name = name.removesuffix(suffix)
    for prefix in ("northflank-", "northflank.", "northflank_", "nflint-", "nf-"):
        name = name.removeprefix(prefix)
    return name.replace("_", "-")
