"""GitHub Actions workflow commands, one annotation per finding::

    ::error file=a.json,line=3,col=5,endLine=3,endColumn=9,title=NF102 unknown-key::message

Errors are ``error``, warnings ``warning``, infos ``notice``. Message data
escapes ``%``, ``\\r`` and ``\\n``; property values also ``:`` and ``,``
(as the Actions toolkit does). The message ends with the rule's page
(``docs: URL``). Columns are given only for single-line spans:
GitHub ignores them on annotations that span lines.
"""

from __future__ import annotations

from nflint.diagnostics import Diagnostic, RunResult, Severity
from nflint.rules.core import url

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [("file", d.path.replace("\\", "/").removeprefix("./"))]
    if d.span is not None:
        start, end = d.span.start, d.span.end
        props.append(("line", str(start.line)))
        if start.line == end.line:
            props.append(("col", str(start.column)))
        props.append(("endLine", str(end.line)))
        if start.line == end.line:
            props.append(("endColumn", str(end.column)))
    props.append(("title", f"{d.rule} {d.name}"))
    message = d.message + (f"\nhint: {d.hint}" if d.hint else "") + f"\ndocs: {url(d.rule)}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(message)}"


def render(result: RunResult, color: bool = False) -> str:
    lines = [annotation(d) for d in result.diagnostics]
    lines.extend(
        f"::error file={escape_property(f.path.removeprefix('./'))},title=nflint::"
        f"{escape_data(f'cannot read the file: {f.error}')}"
        for f in result.files
        if f.error is not None
    )
    return "".join(line + "\n" for line in lines)
