"""`FileRecord`: what the steps after the checks (policy, suppression,
masking) know about one file. The engine reads, decodes and parses a file
once and hands them this record; they never guess its format again nor
parse it a second time."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Mapping

    from nflint.analysis.model import Analysis
    from nflint.config.files import Config
    from nflint.load.loader import Document, Format


class FileRecord(NamedTuple):
    """One file as the engine read it."""

    path: str
    #: the decoded text; None when the file was not read or did not decode
    text: str | None
    #: the format the text was read as (None: no text)
    format: Format | None
    #: the documents parsed from the text (none for a file that does not parse)
    documents: tuple[Document, ...]
    #: the project configuration that applies to the file
    config: Config
    #: the rules' analysis of each document, by document number (its texts
    #: and numbers spare masking a walk over the document); missing for a
    #: document no rule read
    analyses: Mapping[int, Analysis] = {}

    @property
    def is_yaml(self) -> bool:
        """Whether the text was read as YAML (only YAML has comments)."""
        return self.text is not None and self.format == "yaml"
