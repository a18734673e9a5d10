"""What the server knows about an open document at one version: its text,
parsed documents, their types and analyses (each built on first use), and the
project configuration of its folder.

A snapshot belongs to one version: features read the snapshot of the
document's current version, so nothing mixes two versions' offsets.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

from nflint.config import files as config_files
from nflint.engine import DEFAULT_MAX_FILE_SIZE as MAX_SIZE
from nflint.load import loader
from nflint.lsp.positions import Lines
from nflint.northflank import detect

if TYPE_CHECKING:
    from nflint.analysis.model import Analysis

__all__ = ["MAX_SIZE", "ConfigCache", "Snapshot", "is_config_file"]


class ConfigCache:
    """The configuration for a folder, found as `nflint check` finds it from
    there; kept until a configuration file is saved."""

    def __init__(self) -> None:
        self._by_folder: dict[str, tuple[config_files.Config, str | None]] = {}

    def get(self, folder: str) -> tuple[config_files.Config, str | None]:
        """The config and, when the config file is broken, why (then the
        defaults apply)."""
        found = self._by_folder.get(folder)
        if found is None:
            try:
                found = (config_files.resolve(None, False, cwd=folder), None)
            except config_files.ConfigError as exc:
                found = (config_files.Config(root=folder), str(exc))
            self._by_folder[folder] = found
        return found

    def clear(self) -> None:
        self._by_folder.clear()


def is_config_file(path: str) -> bool:
    return os.path.basename(path) in config_files.CONFIG_NAMES


class Snapshot:
    """One version of one open document."""

    def __init__(
        self, uri: str, path: str, version: int | None, text: str, config: config_files.Config
    ) -> None:
        self.uri = uri
        self.path = path
        self.version = version
        self.text = text
        self.config = config
        self.lines = Lines(text)

    @property
    def too_large(self) -> bool:
        """Over `nflint check`'s size limit (NF007): no feature but that finding."""
        return len(self.text) > MAX_SIZE

    @functools.cached_property
    def documents(self) -> list[loader.Document]:
        """The parsed documents (none when the text does not parse)."""
        if self.too_large:
            return []
        documents, _ = loader.load(self.text, self.path)
        return documents

    @functools.cached_property
    def types(self) -> list[str | None]:
        """Each document's type, chosen as the engine chooses it."""
        configured = self.config.type_for(self.config.relative(self.path))
        out: list[str | None] = []
        for doc in self.documents:
            # a workflow or a preview blueprint (the shape cannot tell): the
            # editor reads it as the first, the linter with what both accept
            choice = detect.choose_type(doc.data, None, configured, doc.modeline)
            out.append(choice.types[0] if choice.types else None)
        return out

    def analysis(self, number: int) -> Analysis | None:
        """The analysis of document ``number`` (0-based), None when it is not
        a Northflank document."""
        cache = self.__dict__.setdefault("_analyses", {})
        if number not in cache:
            doc_type = self.types[number] if number < len(self.types) else None
            if doc_type is None:
                cache[number] = None
            else:
                from nflint.analysis.walk import analyze  # noqa: PLC0415

                cache[number] = analyze(self.documents[number], doc_type)
        found = cache[number]
        return found  # type: ignore[no-any-return]

    def document_at(self, offset: int) -> int | None:
        """The 0-based number of the document holding ``offset``."""
        best = None
        for number, doc in enumerate(self.documents):
            entry = doc.source_map.entry("")
            if entry is None:
                continue
            if entry.start <= offset:
                best = number
        return best
