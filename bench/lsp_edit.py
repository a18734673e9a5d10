"""Editor latency: how long after an edit `nflint lsp` publishes the new
diagnostics (issue 15: a typical document, under 200 nodes, within 100 ms;
a 2,000-node document within 1.5 s).

A small LSP client over stdio (no dependency): it opens a template written
as YAML, waits for the first diagnostics, then edits the document (a comment
line added and removed, so every edit changes the text and the document
stays valid) and times each edit from sending ``didChange`` to receiving
``publishDiagnostics`` for that version. The server's debounce (15 ms) is
part of what is measured, as a user would see it. Edits are spaced out so
that each one is linted on its own.
"""

from __future__ import annotations

import json
import queue
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

import corpus


class Client:
    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True).start()
        self.next_id = 0

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                chunk = stream.read(1)
                if not chunk:
                    return
                header += chunk
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return message.get("id")

    def wait(self, match: Any, timeout: float = 120) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
            if match(message):
                return message

    def close(self) -> None:
        ident = self.send("shutdown", None, request=True)
        self.wait(lambda m: m.get("id") == ident, 30)
        self.send("exit", None)
        self.proc.wait(timeout=30)


def edit_latency(
    argv: list[str], env: dict[str, str], folder: Path, nodes: int, edits: int
) -> list[float]:
    """Seconds from each edit to its diagnostics, on a ``nodes``-node template."""
    path = folder / f"editor-{nodes}.yaml"
    text = corpus.to_yaml(corpus.template(nodes))
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = Client([*argv, "lsp"], env, folder)
    try:
        ident = client.send(
            "initialize", {"processId": None, "rootUri": None, "capabilities": {}}, request=True
        )
        client.wait(lambda m: m.get("id") == ident)
        client.send("initialized", {})
        item = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        client.send("textDocument/didOpen", {"textDocument": item})
        client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        times = []
        lines = text.count("\n")
        for version in range(2, edits + 2):
            added = version % 2 == 0
            change = {
                "range": {
                    "start": {"line": lines, "character": 0},
                    "end": {"line": lines + (0 if added else 1), "character": 0},
                },
                "text": f"# edit {version}\n" if added else "",
            }
            start = time.perf_counter()
            client.send(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
            )
            client.wait(
                lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
                and m["params"].get("version") == v
            )
            times.append(time.perf_counter() - start)
            time.sleep(0.1)
        client.close()
        return times
    finally:
        if client.proc.poll() is None:
            client.proc.kill()


def cases(argv: list[str], env: dict[str, str], folder: Path, quick: bool) -> dict[str, Any]:
    """The two editor targets: medians of the edit latencies."""
    edits = 4 if quick else 15
    small = edit_latency(argv, env, folder, 150, edits)
    large = edit_latency(argv, env, folder, 2000, max(2, edits // 3))
    return {
        "typical (150 nodes)": {"seconds": small, "median": statistics.median(small)},
        "large (2,000 nodes)": {"seconds": large, "median": statistics.median(large)},
    }
