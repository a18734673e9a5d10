"""`nflint lsp` as a process: without the `lsp` extra a one-line error
(exit 2); with it, robust framing and a clean shutdown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_missing_extra_is_one_line(tmp_path: Path) -> None:
    # a pygls that cannot be imported, ahead of the installed one
    (tmp_path / "pygls").mkdir()
    (tmp_path / "pygls" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'pygls'\", name='pygls')\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "nflint", "lsp"],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])},
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "nflint: the language server needs pygls: pip install 'nflint[lsp]'\n"


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


@pytest.mark.slow
def test_shutdown_and_exit_and_nothing_but_protocol_on_stdout() -> None:
    """A malformed message, then shutdown and exit: the server answers the
    requests, exits 0, and writes only framed JSON-RPC to stdout."""
    script = b"".join(
        [
            _frame({"id": 1, "method": "initialize", "params": {"capabilities": {}}}),
            _frame({"method": "initialized", "params": {}}),
            b"Content-Length: 9\r\n\r\n{not json",
            _frame({"id": 2, "method": "textDocument/hover", "params": {"nonsense": True}}),
            _frame({"id": 3, "method": "shutdown"}),
            _frame({"method": "exit"}),
        ]
    )
    done = subprocess.run(
        [sys.executable, "-m", "nflint", "lsp"],
        input=script,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    replies = []
    rest = done.stdout
    while rest:
        head, _, rest = rest.partition(b"\r\n\r\n")
        headers = dict(line.split(b": ", 1) for line in head.split(b"\r\n"))
        assert set(headers) <= {b"Content-Length", b"Content-Type"}, head
        length = int(headers[b"Content-Length"])
        replies.append(json.loads(rest[:length]))
        rest = rest[length:]
    by_id = {r.get("id"): r for r in replies if "id" in r}
    assert "capabilities" in by_id[1]["result"]
    # the malformed ones: logged (pygls cannot tell which request a body that
    # does not parse was); the server goes on answering
    assert by_id[3]["result"] is None
