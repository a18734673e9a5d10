"""Output formats: each renders a whole `RunResult` to a string.

The registry is explicit; the CLI picks a reporter by name. A reporter is
called as ``render(result, color, **options)``; options are keywords only
some formats take (``show_urls`` for text, ``graphs`` for markdown).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from nflint.diagnostics import RunResult

Reporter = Callable[..., str]


def _on_use(module: str) -> Reporter:
    """``nflint.reporters.<module>.render``, imported on first use: a run
    loads only the reporter it prints with (junit's XML, sarif's URL code)."""

    def render(result: RunResult, color: bool, **options: Any) -> str:
        found: Reporter = importlib.import_module(f"nflint.reporters.{module}").render
        return found(result, color, **options)

    return render


REPORTERS: dict[str, Reporter] = {
    "text": _on_use("text"),
    "json": _on_use("json_report"),
    "sarif": _on_use("sarif"),
    "github": _on_use("github"),
    "gitlab": _on_use("gitlab"),
    "junit": _on_use("junit"),
    "markdown": _on_use("markdown"),
}

__all__ = ["REPORTERS", "Reporter"]
