"""Output formats: each renders a whole `RunResult` to a string.

The registry is explicit; the CLI picks a reporter by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from nflint.diagnostics import RunResult

Reporter = Callable[..., str]


def _on_use(module: str) -> Reporter:
    """``nflint.reporters.<module>.render``, imported on first use: a run
    loads only the reporter it prints with (junit's XML, sarif's URL code)."""

    def render(result: RunResult, color: bool, **options: bool) -> str:
        """``options``: keywords a reporter takes (text: ``unsafe_fixes``)."""
        found = importlib.import_module(f"nflint.reporters.{module}").render
        text: str = found(result, color, **options)
        return text

    return render


REPORTERS: dict[str, Reporter] = {
    "text": _on_use("text"),
    "json": _on_use("json_report"),
    "sarif": _on_use("sarif"),
    "github": _on_use("github"),
    "gitlab": _on_use("gitlab"),
    "junit": _on_use("junit"),
}

__all__ = ["REPORTERS", "Reporter"]
