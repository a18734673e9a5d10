"""Where in a document a schema error is, in words: the field's name
(``branch``, ``steps[2]``), the node it is in (`` in the Build node``) and
the object that lacks a key (``steps[0] of the Workflow node``)."""

from __future__ import annotations

from typing import Any

from nflint.load import pointer as jp
from nflint.load.loader import Document
from nflint.northflank import kinds


def field(error: Any) -> str:
    """The name of the field an error is about: ``branch``, ``steps[2]``."""
    suffix = ""
    for token in reversed(error.absolute_path):
        if isinstance(token, str):
            return token + suffix
        suffix = f"[{token}]{suffix}"
    return "document" + suffix


def where(doc: Document, pointer: str) -> str:
    """`` in the Build node`` (or ``in the Message node (SLACK)`` for a
    sub-kind) when ``pointer`` is at or inside a node, else ``""``."""
    label, sub, _ = _node(doc, pointer)
    if not label:
        return ""
    return f" in the {label} node" + (f" ({sub})" if sub else "")


def field_where(doc: Document, error: Any) -> str:
    """Where the field an error is about (`field`) is: `` in the Build
    node`` for a field of a node or its spec, `` in ports[0] of the
    DeploymentService node`` deeper (the object holding it, as `within`)."""
    tokens = list(error.absolute_path)
    while tokens and not isinstance(tokens[-1], str):
        tokens.pop()  # the list indices `field` names with the field
    deep = _deep_owner(doc, jp.from_path(tokens[:-1]))
    return f" in {deep}" if deep else where(doc, jp.from_path(error.absolute_path))


def within(doc: Document, pointer: str) -> str:
    """Where the object at ``pointer`` is, for a message about one of its
    keys: `` in the Build node`` at a node or its spec, `` in
    deployment.buildpack of the CombinedService node`` deeper in it."""
    deep = _deep_owner(doc, pointer)
    return f" in {deep}" if deep else where(doc, pointer)


def _deep_owner(doc: Document, pointer: str) -> str | None:
    """`owner` of the object at ``pointer`` when it is deeper in a node than
    its spec; None at a node, its spec, a sub-kind (whose label says where
    already) or outside nodes."""
    label, sub, depth = _node(doc, pointer)
    if not label or sub or jp.split(pointer)[depth:] in ([], ["spec"]):
        return None
    return owner(doc, pointer)


def owner(doc: Document, pointer: str) -> str:
    """The object at ``pointer``, named for a user: ``the Release node``,
    ``the spec of the Build node``, ``origin of the Release node``,
    ``steps[0] of the Workflow node``, ``richInputs[0].spec``; ``""`` for
    the document itself."""
    label, sub, depth = _node(doc, pointer)
    tokens = jp.split(pointer)
    if not label:
        return path(tokens)
    node = f"the {label} node" + (f" ({sub})" if sub else "")
    inside = tokens[depth:]
    if not inside:
        return node
    if inside == ["spec"]:
        return f"the spec of {node}"
    if inside[0] == "spec" and inside[1] != "spec":
        inside = inside[1:]  # "origin", not "spec.origin"; but "spec.spec" stays
    return f"{path(inside)} of {node}"


def path(tokens: list[str]) -> str:
    """``richInputs[0].spec`` for the tokens of a pointer."""
    text = ""
    for token in tokens:
        text += f"[{token}]" if token.isdigit() else f".{token}" if text else token
    return text


def _node(doc: Document, pointer: str) -> tuple[str, str, int]:
    """The kind of the innermost node at or around ``pointer``, its
    sub-kind, and how many pointer tokens lead to it (``""``: no node).

    Only known node kinds are nodes (a rich input or a trigger has a ``kind``
    and a ``spec`` too), and the object right under a node's ``spec`` never
    is: there a ``kind`` is the target of an Action, Condition or Message,
    even when it names a node kind (``{"kind": "Action", "spec": {"kind":
    "Addon", ...}}``).
    """
    node: object = doc.data
    label, sub, depth = "", "", 0
    under_spec = False
    for index, token in enumerate([*jp.split(pointer), None]):
        if isinstance(node, dict):
            kind = node.get("kind")
            is_node = False
            if isinstance(kind, str) and ("spec" in node or kind in kinds.ALL_KINDS):
                if kind in kinds.ALL_KINDS and not under_spec:
                    label, sub, is_node, depth = kind, "", True, index
                elif label and token != "kind":  # not about the sub-kind itself: no "(Servce)"
                    sub = kind
            under_spec = is_node and token == "spec"
            node = node.get(token) if token is not None else None
        elif isinstance(node, list) and token is not None and token.isdigit():
            under_spec = False
            node = node[int(token)] if int(token) < len(node) else None
        else:
            break
    return label, sub, depth
