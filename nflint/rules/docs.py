"""A rule's page, as Markdown, built from the registry: ``docs/rules/<ID>.md``
holds it (``python docs/generate.py`` writes the pages, ``--check`` says
which are out of date) and ``nflint explain ID`` prints the same text.

A page says what the rule finds, why it matters on Northflank, a failing and
a passing example (the ones the tests run), the fix when nflint has one, and
how to configure or suppress the rule.
"""

from __future__ import annotations

import json
import re

from nflint.rules.core import RuleInfo, url
from nflint.rules.registry import RULES, all_rules

#: what nflint prints for a rule without a failing (or passing) example
_NO_FAILING = (
    "There is no small document that triggers this rule on purpose "
    "(it reports an unusual condition)."
)
#: the document types, in the order the README lists them
_TYPE_ORDER = ("template", "release-flow", "preview-template", "workflow", "preview-blueprint")


def _markdown(text: str) -> str:
    """Docstring text (reStructuredText literals) as Markdown."""
    return re.sub(r"``(.+?)``", r"`\1`", text.strip())


def _types(rule_id: str) -> str:
    for rule in RULES:
        if rule.info.id == rule_id and rule.types:
            ordered = sorted(rule.types, key=lambda t: (*_TYPE_ORDER, t).index(t))
            return ", ".join(f"`{t}`" for t in ordered)
    return "every document type"


def _fix(info: RuleInfo) -> list[str]:
    """The fix section: what the fix does and whether ``--fix`` applies it
    (safe) or only ``--unsafe-fixes`` (unsafe), when the rule has one (the
    registry's ``fix`` and ``fix_doc``)."""
    applicability, what = info.fix, info.fix_doc
    if not applicability:
        return [
            "nflint has no automatic fix for this rule: the hint of each finding says what "
            "to change."
        ]
    what = _markdown(what).rstrip(".")
    lines = [what[:1].upper() + what[1:] + "." if what else "nflint can fix this finding."]
    if "safe" in applicability.split():
        lines.append("A **safe** fix: `nflint check --fix` applies it.")
    if "unsafe" in applicability.split():
        lines.append(
            "An **unsafe** fix (it may change what the document means): "
            "`nflint check --fix --unsafe-fixes` applies it; `--diff` shows it first."
        )
    return [" ".join(lines)]


def _example(title: str, text: str) -> list[str]:
    return [f"{title}:", "", "```yaml", text.rstrip("\n"), "```", ""]


def page(info: RuleInfo) -> str:
    """The Markdown page of one rule."""
    lines = [
        f"# {info.id} {info.name}",
        "",
        f"Severity: **{info.severity.label}** by default. Applies to {_types(info.id)}.",
        "",
        "## What it finds",
        "",
        f"{_markdown(info.summary)[:1].upper()}{_markdown(info.summary)[1:]}.",
        "",
    ]
    if info.rationale.strip():
        lines += ["## Why it matters on Northflank", "", _markdown(info.rationale), ""]
    lines += ["## Example", ""]
    lines += _example("Fails", info.fail) if info.fail else [_NO_FAILING, ""]
    if info.ok:
        lines += _example("Passes", info.ok)
    lines += ["## Fix", "", *_fix(info), ""]
    lines += [
        "## Configure or suppress",
        "",
        f"- Switch it off: `--ignore {info.id}` on the command line, or "
        f'`ignore = ["{info.id}"]` in `[tool.nflint]` (`pyproject.toml`) or `.nflint.toml`; '
        f"the name `{info.name}` works too.",
        f'- Change its severity: `{info.id} = "warning"` under `[tool.nflint.severity]`.',
        f"- One place in YAML: a comment `# nflint: disable={info.id}` on the line "
        f"(`disable-next-line=` for the next line, `disable-file=` for the file).",
        "- One place in JSON (no comments): a `[[tool.nflint.suppress]]` entry with "
        f'`files`, `rules = ["{info.id}"]` and an optional `pointer`.',
        "",
        f"Page: <{url(info.id)}>",
        "",
    ]
    return "\n".join(lines)


def index() -> str:
    """``docs/rules/README.md``: one row per rule, linking its page."""
    lines = [
        "# Rules",
        "",
        "Every rule nflint reports, with its default severity. `NF0xx`: the file "
        "(parsing, document type, limits); `NF1xx`: the schema; `NF2xx`: semantic rules. "
        "`nflint rules` prints the same list and `nflint explain ID` a page.",
        "",
        "These pages are generated from the rule registry by `python docs/generate.py`; "
        "do not edit them by hand.",
        "",
        "| id | name | severity | finds |",
        "|---|---|---|---|",
    ]
    for info in all_rules().values():
        summary = _markdown(info.summary).replace("|", "\\|")
        lines.append(
            f"| [{info.id}]({info.id}.md) | {info.name} | {info.severity.label} | {summary} |"
        )
    return "\n".join(lines) + "\n"


def pages() -> dict[str, str]:
    """Every file of ``docs/rules/``, by name: the index and one page per rule."""
    found = {f"{info.id}.md": page(info) for info in all_rules().values()}
    found["README.md"] = index()
    return found


def listing(fmt: str) -> str:
    """``nflint rules``: every rule with its default severity and the
    applicability of its fix (``-``: none), as text columns or JSON."""
    catalogue = all_rules().values()
    if fmt == "json":
        entries: list[dict[str, object]] = [
            {"id": r.id, "name": r.name, "severity": r.severity.label}
            | {"fix": r.fix or None, "summary": r.summary, "url": url(r.id)}
            for r in catalogue
        ]
        return json.dumps(entries, indent=2) + "\n"
    width = max(len(r.name) for r in catalogue)
    rows = [("id", "name", "severity", "fix", "summary")]
    rows += [(r.id, r.name, r.severity.label, r.fix or "-", r.summary) for r in catalogue]
    return "".join(f"{i:<6} {n:<{width}} {s:<8} {f:<14} {text}\n" for i, n, s, f, text in rows)
