"""The secret values of parsed documents, which `nflint.redact` masks
wherever they are written, whole or shortened ("abcdef…uvwxyz").

By place (`nflint.secrets.places`, the places NF220 reads too): secret
group values and files, credential-named variables and arguments, values
under keys that end in a credential word, the path of a webhook URL.

By shape, anywhere else: the secret part of every match of
`shapes.SHAPES` in a string that messages quote shortened in the middle
(`messages.quote`), where the shape no longer matches. A string quoted
whole is found again by shape in the message itself.

Template expressions (``${...}``) are references, not secrets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from nflint.load import pointer as jp
from nflint.messages import MAX_SHOWN
from nflint.secrets import places, shapes

if TYPE_CHECKING:
    from nflint.analysis.model import Analysis
    from nflint.load.loader import Document


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


def find(
    documents: Iterable[Document],
    within: str | None = None,
    analyses: Mapping[int, Analysis] | None = None,
) -> list[Secret]:
    """The secret values of the documents, by place and by shape.

    With ``within`` (all the text that will be shown, when no escape can hide
    a value in it: see `nflint.findings.masking`), a string that is not in it
    and that no message shortens is passed over: there is nothing of it to
    mask. A 10,000-node template has ~80,000 values; a report shows a few.
    With the rules' ``analyses`` of the documents (by document number), their
    strings and numbers are read from there instead of walking the data."""
    found: list[Secret] = []
    for doc in documents:
        analysis = analyses.get(doc.number) if analyses else None
        if analysis is not None and isinstance(doc.data, dict):
            found.extend(_in_analysis(analysis, doc.number, within))
        else:
            found.extend(_in_document(doc.data, doc.number, within))
    return found


def _in_analysis(analysis: Analysis, number: int, within: str | None) -> Iterator[Secret]:
    """`_in_document`'s secrets, from the values the analysis recorded (every
    string and number of a document whose root is an object)."""
    longest = MAX_SHOWN - 2  # `_shortened`, inlined: this runs on every string
    for text in analysis.texts:
        value = text.value
        if within is not None and value not in within:
            size = len(value)
            if size < _SHORTEST or (
                size <= longest and '"' not in value and "\\" not in value and value.isprintable()
            ):
                continue
        yield from _at(text.pointer, value, value, number)
    for pointer, scalar in analysis.numbers:
        if type(scalar) is int:
            shown = str(scalar)  # JSON writes an integer one way only
            if within is not None and shown not in within:
                continue
        else:  # a float has many spellings (1e3, 1000.0): always looked at
            shown = json.dumps(scalar)
        yield from _at(pointer, scalar, shown, number)


def _at(pointer: str, value: object, text: str, number: int) -> Iterator[Secret]:
    """The secrets of one value, by its pointer (`_in_document`'s test first:
    a key that may hold a credential, a place below ``secrets``, or a text
    long enough to be shortened)."""
    key = pointer[pointer.rfind("/") + 1 :]
    if "~" in key:
        key = jp.unescape(key)
    if places.may_hold(key, "/secrets/" in pointer) or _shortened(text):
        yield from _classify(tuple(jp.split(pointer)), value, text, number, pointer)


def _scalar_text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return None


def _in_document(data: object, number: int, within: str | None) -> Iterator[Secret]:
    """The secrets of one document's data. This looks at every value of the
    document, so it is written for speed: a container's path is kept as a
    link to its parent's (a tuple is built only for a value that may be a
    secret), and a scalar that cannot be shown is passed over first."""
    #: (index of the parent's link or -1, key): one per container below the root
    links: list[tuple[int, str | int]] = []
    #: (container, its link, whether a "secrets" key is on its path)
    stack: list[tuple[object, int, bool]] = [(data, -1, False)]
    pop, push = stack.pop, stack.append
    while stack:
        node, link, below_secrets = pop()
        items: Iterable[tuple[str | int, object]]
        if isinstance(node, dict):
            items = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            continue
        for key, value in items:
            text: str | None
            if isinstance(value, str):
                if within is not None and value not in within and not _shortened(value):
                    continue
                text = value
            elif isinstance(value, (dict, list)):
                links.append((link, key))
                push((value, len(links) - 1, below_secrets or key == "secrets"))
                continue
            elif value is None or isinstance(value, bool):
                continue
            elif isinstance(value, int):  # JSON writes an integer one way only
                text = str(value)
                if within is not None and text not in within:
                    continue
            else:  # a float has many spellings (1e3, 1000.0): always looked at
                text = _scalar_text(value)
                if text is None:
                    continue
            if places.may_hold(key, below_secrets) or _shortened(text):
                yield from _classify(_path(links, link, key), value, text, number)


def _path(links: list[tuple[int, str | int]], link: int, key: str | int) -> tuple[str | int, ...]:
    """The keys and indexes from the root to ``key`` in the container ``link``."""
    path = [key]
    while link >= 0:
        link, step = links[link]
        path.append(step)
    return tuple(reversed(path))


def _classify(
    child: tuple[str | int, ...],
    value: object,
    text: str,
    number: int,
    pointer: str | None = None,
) -> Iterator[Secret]:
    """The secret at ``child`` (its ``pointer``, when known), by its place,
    or by its shape if shortened."""
    where = places.place(child)
    if where is None:
        if isinstance(value, str) and _shortened(value):
            for span in shapes.spans(value):
                yield Secret(number, pointer or jp.from_path(child), value, span, True)
        return
    if not text or not places.holds_credential(where, text):
        return
    pointer = pointer or jp.from_path(child)
    if where.kind == places.WEBHOOK:
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


def url_path(url: str) -> tuple[int, int] | None:
    """Where the secret part of a URL is: everything after ``scheme://host/``."""
    scheme = url.find("://")
    if scheme < 0:
        return (0, len(url))
    slash = url.find("/", scheme + 3)
    if slash < 0 or slash + 1 >= len(url):
        return None
    return (slash + 1, len(url))
