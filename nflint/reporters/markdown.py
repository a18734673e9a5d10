"""A Markdown report for GitHub job summaries (``$GITHUB_STEP_SUMMARY``) and
merge-request comments:

- one summary line;
- a table of findings: ``file:line``, severity, the rule linked to its page,
  the message;
- a collapsible section per file with findings, holding the text report of
  that file (source lines with carets, hints), and with ``graphs`` the
  Mermaid diagram of the file's flow with the failing nodes marked.

Secrets are masked before any reporter runs (`nflint.findings.masking`), so
the snippets are the masked text. Text from the document is escaped: it
cannot open HTML, start Markdown formatting, end a table cell or mention a
user (``@name``). The report stays under `MAX_BYTES` (GitHub takes at most
1 MiB per step summary): what does not fit is left out, and a last line says
how many table rows and file sections that was.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nflint.diagnostics import FileResult, RunResult, Severity
from nflint.messages import plural
from nflint.reporters import safe
from nflint.reporters.text import render_file, summary
from nflint.rules.core import url

if TYPE_CHECKING:
    from nflint.graph.model import Graph

#: GitHub's limit for one step's summary is 1 MiB; this leaves room for the note
MAX_BYTES = 1024 * 1024 - 4096
#: Mermaid refuses larger diagrams by default (``maxTextSize``, ``maxEdges``)
MERMAID_MAX_TEXT = 50_000
MERMAID_MAX_EDGES = 500

_ICONS = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}
#: characters of document text that Markdown or HTML would act on
_SPECIAL = re.compile(r"[\\`*_\[\]<>&|#@~!]")


def cell(text: str) -> str:
    """One line of inert text for a table cell or a summary: HTML, Markdown
    emphasis, links, ``|``, mentions and control characters defused."""
    text = safe.replace(text, lambda c: " " if c in "\r\n" else safe.hex_escape(c))
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)


def _fence(body: str, language: str = "") -> list[str]:
    """A fenced code block longer than any run of backticks in ``body``."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + language, body.rstrip("\n"), fence]


def _counts(result: FileResult) -> str:
    counts = [
        plural(sum(1 for d in result.diagnostics if d.severity is severity), word)
        for severity, word in (
            (Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info")
        )
    ]
    return ", ".join(c for c in counts if not c.startswith("0 ")) or "no findings"


def _headline(result: RunResult) -> str:
    worst = max((d.severity for d in result.diagnostics), default=None)
    icon = _ICONS[worst] if worst is not None else "✅"
    return f"### {icon} nflint: {cell(summary(result))}"


def _rows(result: RunResult) -> list[str]:
    rows = []
    for d in result.diagnostics:
        where = d.path + (f":{d.span.start.line}" if d.span else "")
        rule = f"[{d.rule} {d.name}]({url(d.rule)})"
        message = cell(d.message) + (f" <br>hint: {cell(d.hint)}" if d.hint else "")
        rows.append(f"| {cell(where)} | {d.severity.label} | {rule} | {message} |")
    return rows


def _diagram(graph: Graph) -> list[str]:
    from nflint.graph import mermaid  # noqa: PLC0415 - only with --graph

    text = mermaid.render(graph)
    if len(text) > MERMAID_MAX_TEXT or len(graph.edges) > MERMAID_MAX_EDGES:
        return [
            f"_The flow diagram is too large for Mermaid here ({len(text):,} characters, "
            f"{len(graph.edges):,} edges); draw it with `nflint graph`._",
        ]
    return _fence(text, "mermaid")


def _section(result: FileResult, graph: Graph | None) -> str:
    title = f"<code>{cell(result.path)}</code>: {_counts(result)}"
    lines = ["<details>", f"<summary>{title}</summary>", ""]
    if result.error is not None:
        lines.append(f"cannot read the file: {cell(result.error)}")
    else:
        lines.extend(_fence("\n".join(render_file(result, False))))
    if graph is not None and graph.items:
        lines += ["", *_diagram(graph)]
    lines += ["", "</details>", ""]
    return "\n".join(lines) + "\n"


def render(
    result: RunResult,
    color: bool = False,
    *,
    graphs: dict[str, Graph] | None = None,
    max_bytes: int = MAX_BYTES,
) -> str:
    """The report; ``graphs`` maps a file's path to its flow (``--graph``)."""
    head = _headline(result) + "\n\n"
    rows = _rows(result)
    shown = [f for f in result.files if f.diagnostics or f.error is not None]
    sections = [_section(f, (graphs or {}).get(f.path)) for f in shown]
    if graphs:  # files without findings still show their flow
        for f in result.files:
            if not f.diagnostics and f.error is None and f.path in graphs:
                flow = graphs[f.path]
                if flow.items:
                    body = [f"<details><summary><code>{cell(f.path)}</code>: no findings"
                            "</summary>", "", *_diagram(flow), "", "</details>", ""]
                    sections.append("\n".join(body) + "\n")
    table = ["| file:line | severity | rule | message |", "|---|---|---|---|"] if rows else []
    out = [head]
    size = len(head.encode("utf-8", "backslashreplace"))
    budget = max_bytes - 400  # the note
    rows_left = sections_left = 0
    pieces = [(line + "\n", "header") for line in table]
    pieces += [(row + "\n", "row") for row in rows]
    pieces += [("\n", "gap")] if rows else []
    pieces += [(section, "section") for section in sections]
    for piece, kind in pieces:
        cost = len(piece.encode("utf-8", "backslashreplace"))
        if rows_left or sections_left or size + cost > budget:
            rows_left += kind == "row"
            sections_left += kind == "section"
            continue
        out.append(piece)
        size += cost
    if rows_left or sections_left:
        out.append(
            f"\n_Truncated to stay under GitHub's 1 MiB summary limit: {rows_left:,} of "
            f"{len(rows):,} table rows and {sections_left:,} of {len(sections):,} file sections "
            "left out. The full report is in the job's log (and the SARIF file)._\n"
        )
    return "".join(out)
