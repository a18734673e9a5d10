"""GitLab Code Quality: a JSON array of issues (``artifacts:reports:codequality``).

Each issue has ``description``, ``check_name`` (the rule id),
``fingerprint`` (the stable one of `nflint.baseline`, made unique within
the report), ``severity`` in GitLab's words (error -> ``major``, warning ->
``minor``, info -> ``info``), ``location.path`` / ``location.lines.begin``
and ``content.body`` (Code Climate's Markdown explanation: the rule linked to
its page). A file that cannot be read is a ``blocker`` at line 1.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from nflint.diagnostics import RunResult, Severity
from nflint.findings.baseline import fingerprint
from nflint.rules.core import url

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: RunResult, color: bool = False) -> str:
    issues: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for d in result.diagnostics:
        path = d.path.replace("\\", "/").removeprefix("./")
        base = fingerprint(d, path)
        seen[base] = seen.get(base, 0) + 1
        unique = base if seen[base] == 1 else f"{base}-{seen[base]}"
        issues.append(
            {
                "description": f"{d.message} ({d.rule} {d.name})",
                "check_name": d.rule,
                "fingerprint": unique,
                "severity": SEVERITIES[d.severity],
                "location": {
                    "path": path,
                    "lines": {"begin": d.span.start.line if d.span else 1},
                },
                "content": {"body": f"[{d.rule} {d.name}]({url(d.rule)})"},
            }
        )
    for f in result.files:
        if f.error is None:
            continue
        path = f.path.replace("\\", "/").removeprefix("./")
        issues.append(
            {
                "description": f"cannot read the file: {f.error}",
                "check_name": "unreadable-file",
                "fingerprint": hashlib.sha256(
                    f"unreadable\0{path}".encode("utf-8", "surrogatepass")  # non-UTF-8 names
                ).hexdigest()[:32],
                "severity": "blocker",
                "location": {"path": path, "lines": {"begin": 1}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
