"""Output formats: each renders a whole `RunResult` to a string.

The registry is explicit; the CLI picks a reporter by name.
"""

from __future__ import annotations

from collections.abc import Callable

from nflint.diagnostics import RunResult
from nflint.reporters import json_report, text

Reporter = Callable[[RunResult, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
}

__all__ = ["REPORTERS", "Reporter"]
