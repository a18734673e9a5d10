"""Helpers for the language-server tests: a real LSP client over stdio
(pytest-lsp) talking to ``python -m nflint lsp``."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types as T
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "nflint", "lsp"])


def position_of(text: str, needle: str, nth: int = 0, after: int = 0) -> T.Position:
    """The LSP position of the ``nth`` occurrence of ``needle``, ``after``
    characters into it."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    offset += after
    line = text.count("\n", 0, offset)
    return T.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    language = "json" if path.suffix == ".json" else "yaml"
    client.text_document_did_open(
        T.DidOpenTextDocumentParams(
            text_document=T.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )
    return uri


#: a publication that never comes fails the test instead of hanging it
#: (a guard against a hang, not a speed limit)
HANG = 300.0


async def diagnostics(
    client: LanguageClient, uri: str, version: int | None = None
) -> list[T.Diagnostic]:
    """The diagnostics published for ``uri`` (for ``version`` when given),
    waiting for the publication (woken by each one, see `record`)."""
    arrived = _ARRIVED[id(client)]

    async def published() -> None:
        while not (
            uri in client.diagnostics and (version is None or _version(client, uri) == version)
        ):
            arrived.clear()  # no await between the check and here: nothing is missed
            await arrived.wait()

    try:
        await asyncio.wait_for(published(), HANG)
    except asyncio.TimeoutError:
        raise AssertionError(f"no diagnostics for {uri} (version {version})") from None
    return list(client.diagnostics[uri])


def _version(client: LanguageClient, uri: str) -> Any:
    return PUBLISHED.get(uri)


#: uri -> the version of the last publishDiagnostics (recorded by `record`)
PUBLISHED: dict[str, int | None] = {}
HISTORY: list[tuple[str, int | None, int]] = []


#: id(client) -> an event set by every publication (`diagnostics` waits on it)
_ARRIVED: dict[int, asyncio.Event] = {}


def record(client: LanguageClient) -> None:
    """Keep every publication's version (pytest-lsp keeps only the list)."""
    arrived = _ARRIVED[id(client)] = asyncio.Event()

    def published(params: T.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        PUBLISHED[params.uri] = params.version
        HISTORY.append((params.uri, params.version, len(params.diagnostics)))
        arrived.set()

    features = client.protocol.fm.features
    features[T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = published
