"""The language server: one `NflintServer`, thin handlers that call the
feature modules, diagnostics debounced and never published for an old
version. Logs go to stderr and to the client's log, never to stdout (the
protocol's channel)."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer

from nflint import __version__
from nflint.diagnostics import FileResult
from nflint.lsp import actions, completion, hover, navigation, publish, symbols
from nflint.lsp.state import ConfigCache, Snapshot, is_config_file

LOG = logging.getLogger("nflint.lsp")
R = TypeVar("R")
#: wait this long after a change before linting; changes that come while a
#: lint runs wait for it and then lint once (the newest version only)
DEBOUNCE = 0.015


class NflintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "nflint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental
        )
        self.configs = ConfigCache()
        self.snapshots: dict[str, Snapshot] = {}
        self.results: dict[str, tuple[int | None, FileResult | None]] = {}
        self.published: dict[str, int | None] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        #: one linting thread: the event loop keeps answering while a large
        #: document is linted, and lints of one document never overlap
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nflint-lint")
        #: held while a lint runs: the lints scheduled meanwhile wait, and all
        #: but the newest of each document are cancelled by `schedule`
        self.lint_lock = asyncio.Lock()

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A message nflint could not handle goes to the client's log, not
        to a pop-up (pygls's default): the user can do nothing about it."""
        LOG.warning("%s: %r", getattr(source, "__name__", source), error)
        self.window_log_message(
            T.LogMessageParams(type=T.MessageType.Warning, message=f"nflint: {error!r}")
        )

    def snapshot(self, uri: str) -> Snapshot:
        """The snapshot of the document's current version."""
        doc = self.workspace.get_text_document(uri)
        found = self.snapshots.get(uri)
        if found is not None and found.version == doc.version and found.text == doc.source:
            return found
        path = doc.path if uri.startswith("file:") else uri
        folder = os.path.dirname(path) if uri.startswith("file:") else os.getcwd()
        config, problem = self.configs.get(folder)
        if problem:
            self.window_log_message(T.LogMessageParams(type=T.MessageType.Warning, message=problem))
        snapshot = Snapshot(uri, path, doc.version, doc.source, config)
        self.snapshots[uri] = snapshot
        return snapshot

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint not started yet."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint(uri, delay))

    async def _lint(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        async with self.lint_lock:
            if self.pending.get(uri) is not asyncio.current_task():
                return  # a newer change scheduled its own lint
            self.pending.pop(uri, None)
            await self._lint_now(uri)

    async def _lint_now(self, uri: str) -> None:
        try:
            snapshot = self.snapshot(uri)
        except Exception:  # the document was closed meanwhile
            return
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.linter, publish.lint, snapshot)
            diagnostics = publish.convert(snapshot, result)
        except Exception as exc:  # never die on one document
            LOG.exception("linting %s failed", uri)
            self.window_log_message(
                T.LogMessageParams(type=T.MessageType.Error, message=f"nflint: {uri}: {exc!r}")
            )
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != snapshot.version:
            return  # an edit came in meanwhile: its own lint publishes
        last = self.published.get(uri)
        if last is not None and snapshot.version is not None and snapshot.version < last:
            return
        self.results[uri] = (snapshot.version, result)
        self.published[uri] = snapshot.version
        self.text_document_publish_diagnostics(
            T.PublishDiagnosticsParams(uri=uri, version=snapshot.version, diagnostics=diagnostics)
        )

    def result(self, uri: str) -> FileResult | None:
        """The findings of the current version (linted now if not yet)."""
        snapshot = self.snapshot(uri)
        version, result = self.results.get(uri, (None, None))
        if version != snapshot.version or uri not in self.results:
            result = publish.lint(snapshot)
        return result


server = NflintServer()


@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: NflintServer, params: T.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: NflintServer, params: T.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)


@server.feature(T.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: NflintServer, params: T.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    if uri.startswith("file:") and is_config_file(doc.path):
        ls.configs.clear()  # a changed configuration applies to every open document
        ls.snapshots.clear()
        for other in list(ls.workspace.text_documents):
            ls.schedule(other, 0)
        return
    ls.schedule(uri, 0)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: NflintServer, params: T.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.snapshots.pop(uri, None)
    ls.results.pop(uri, None)
    ls.published.pop(uri, None)
    ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(T.TEXT_DOCUMENT_HOVER)
def on_hover(ls: NflintServer, params: T.HoverParams) -> T.Hover | None:
    return _guard(lambda: hover.hover(ls.snapshot(params.text_document.uri), params.position))


@server.feature(
    T.TEXT_DOCUMENT_COMPLETION,
    T.CompletionOptions(trigger_characters=[".", "{", ":", " ", '"']),
)
def on_completion(ls: NflintServer, params: T.CompletionParams) -> T.CompletionList | None:
    snippets = _snippets(ls)
    return _guard(
        lambda: completion.complete(
            ls.snapshot(params.text_document.uri), params.position, snippets=snippets
        )
    )


@server.feature(T.TEXT_DOCUMENT_DEFINITION)
def on_definition(ls: NflintServer, params: T.DefinitionParams) -> list[T.Location] | None:
    return _guard(
        lambda: navigation.definition(ls.snapshot(params.text_document.uri), params.position)
    )


@server.feature(T.TEXT_DOCUMENT_REFERENCES)
def on_references(ls: NflintServer, params: T.ReferenceParams) -> list[T.Location] | None:
    return _guard(
        lambda: navigation.references(
            ls.snapshot(params.text_document.uri),
            params.position,
            include_declaration=params.context.include_declaration,
        )
    )


@server.feature(T.TEXT_DOCUMENT_PREPARE_RENAME)
def on_prepare_rename(ls: NflintServer, params: T.PrepareRenameParams) -> T.Range | None:
    return _guard(
        lambda: navigation.prepare_rename(ls.snapshot(params.text_document.uri), params.position)
    )


@server.feature(T.TEXT_DOCUMENT_RENAME)
def on_rename(ls: NflintServer, params: T.RenameParams) -> T.WorkspaceEdit | None:
    return _guard(
        lambda: navigation.rename(
            ls.snapshot(params.text_document.uri), params.position, params.new_name
        )
    )


@server.feature(T.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def on_symbols(ls: NflintServer, params: T.DocumentSymbolParams) -> list[T.DocumentSymbol] | None:
    return _guard(lambda: symbols.symbols(ls.snapshot(params.text_document.uri)))


@server.feature(
    T.TEXT_DOCUMENT_CODE_ACTION,
    T.CodeActionOptions(
        code_action_kinds=[T.CodeActionKind.QuickFix, actions.FIX_ALL],
        resolve_provider=False,
    ),
)
def on_code_action(ls: NflintServer, params: T.CodeActionParams) -> list[T.CodeAction] | None:
    uri = params.text_document.uri
    return _guard(lambda: actions.code_actions(ls.snapshot(uri), ls.result(uri), params))


def _snippets(ls: NflintServer) -> bool:
    try:
        item = ls.client_capabilities.text_document.completion.completion_item  # type: ignore[union-attr]
        return bool(item and item.snippet_support)
    except AttributeError:
        return False


def _guard(call: Callable[[], R]) -> R | None:
    """A request's answer; None (and a log line) when answering failed: one
    document nflint does not understand never takes the server down."""
    try:
        return call()
    except Exception:
        LOG.exception("request failed")
        return None


def start() -> None:
    """Serve over stdin/stdout until the client says exit."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="nflint lsp: %(message)s")
    server.start_io()
