"""What `nflint.analysis` records about a document: its scopes, nodes and
string values. Rules read these; only the walk creates them."""

from __future__ import annotations

from collections.abc import Iterator

from nflint.analysis.expressions import Expression

# The records below are plain classes with __slots__, not dataclasses: the
# walk creates one per string of the document (~95,000 in a 10,000-node
# template), and each dataclass also costs about a millisecond of start-up to
# create. Treat Node and Text as read-only.


class Scope:
    """A document or a nested document: what ``${args.X}`` and ``${refs.x}``
    resolve against there."""

    __slots__ = (
        "arguments",
        "doc_type",
        "index",
        "outputs",
        "overrides",
        "owner",
        "parent",
        "pointer",
        "project",
        "refs",
        "triggers",
    )

    def __init__(
        self,
        index: int,
        doc_type: str,
        pointer: str,
        parent: int | None = None,
        owner: int | None = None,
    ) -> None:
        self.index = index
        self.doc_type = doc_type
        self.pointer = pointer
        #: the enclosing scope and the node holding this nested document
        self.parent = parent
        self.owner = owner
        #: argument name -> pointer of its key (``arguments`` first)
        self.arguments: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        self.outputs: set[str] = set()
        #: trigger ref -> pointers of the triggers declaring it
        self.triggers: dict[str, list[str]] = {}
        #: node ref -> indexes of the nodes declaring it
        self.refs: dict[str, list[int]] = {}
        #: the document names its project: a top-level ``project`` (``{"id": ...}``
        #: or, in v1 project templates, ``{"spec": ...}``) or ``projectId``
        self.project = False

    @property
    def nested(self) -> bool:
        return self.parent is not None


class Node:
    """A node: where it is, its kind and ref, and its place in its tree.

    ``chain`` lists, from the tree's root, each enclosing Workflow/LoopWorkflow
    node index with the step index taken in it."""

    __slots__ = ("chain", "data", "index", "kind", "pointer", "ref", "scope", "teardown")

    def __init__(
        self,
        index: int,
        pointer: str,
        kind: str,
        ref: str | None,
        scope: int,
        teardown: bool,
        chain: tuple[tuple[int, int], ...],
        data: dict[str, object],
    ) -> None:
        self.index = index
        self.pointer = pointer
        self.kind = kind
        self.ref = ref
        self.scope = scope
        self.teardown = teardown
        self.chain = chain
        self.data = data

    def __repr__(self) -> str:
        return f"Node({self.index}, {self.pointer!r}, {self.kind!r}, ref={self.ref!r})"

    @property
    def spec(self) -> dict[str, object]:
        spec = self.data.get("spec")
        return spec if isinstance(spec, dict) else {}


class Text:
    """A string value, the scope and node it belongs to, and its expressions."""

    __slots__ = ("expressions", "owner", "pointer", "scope", "value")

    def __init__(
        self,
        pointer: str,
        value: str,
        scope: int,
        owner: int | None,
        expressions: tuple[Expression, ...] = (),
    ) -> None:
        self.pointer = pointer
        self.value = value
        self.scope = scope
        self.owner = owner
        self.expressions = expressions

    def __repr__(self) -> str:
        return f"Text({self.pointer!r}, {self.value!r})"

    @property
    def whole(self) -> Expression | None:
        """The expression when it is the entire value (``"${args.X}"``)."""
        if len(self.expressions) == 1:
            only = self.expressions[0]
            if only.start == 0 and only.end == len(self.value) and only.error is None:
                return only
        return None


class Analysis:
    """What the walk found in one document."""

    __slots__ = ("doc_type", "expression_list", "memo", "nodes", "numbers", "scopes", "texts")

    def __init__(self, doc_type: str) -> None:
        self.doc_type = doc_type
        self.scopes: list[Scope] = []
        self.nodes: list[Node] = []
        self.texts: list[Text] = []
        #: every number value (not booleans): (pointer, value), in document
        #: order (output masking reads them with the texts instead of walking
        #: the document again)
        self.numbers: list[tuple[str, int | float]] = []
        #: the texts holding at least one ``${``
        self.expression_list: list[Text] = []
        #: rule-specific results computed once (e.g. ref resolution)
        self.memo: dict[str, object] = {}

    def expression_texts(self) -> Iterator[Text]:
        return iter(self.expression_list)

    def node_at(self, pointer: str) -> Node | None:
        index = self.memo.get("node-index")
        if index is None:
            index = {n.pointer: n for n in self.nodes}
            self.memo["node-index"] = index
        assert isinstance(index, dict)
        found = index.get(pointer)
        return found if isinstance(found, Node) else None
