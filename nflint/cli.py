"""The command line: options in, text out, exit code. The only module that
prints or exits.

Exit codes: 0 no errors, 1 errors found, 2 usage error or a named path that
cannot be read.
"""

from __future__ import annotations

import json
import os
import sys

import click

from nflint import __version__

TYPES = (
    "release-flow",
    "release-flow-run",
    "template",
    "template-run",
    "preview-template",
    "workflow",
    "preview-blueprint",
)
FORMATS = ("text", "json")


def _use_color(choice: bool | None, stream: object) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="nflint")
def main() -> None:
    """nflint: a linter for Northflank templates, release flows and previews."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--type",
    "doc_type",
    type=click.Choice((*TYPES, "auto")),
    default="auto",
    show_default=True,
    help="Document type; auto reads $schema, then the shape.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: only on a terminal; NO_COLOR disables).",
)
@click.option(
    "--stdin-filename",
    default=None,
    metavar="NAME",
    help="The name to report for input read from '-'.",
)
def check(
    paths: tuple[str, ...], doc_type: str, fmt: str, color: bool | None, stdin_filename: str | None
) -> None:
    """Lint Northflank documents (files, directories, or - for stdin)."""
    from nflint import engine  # noqa: PLC0415 - keep start-up lean
    from nflint.diagnostics import RunResult, Severity  # noqa: PLC0415
    from nflint.reporters import REPORTERS  # noqa: PLC0415

    if not paths:
        raise click.UsageError("no paths given (use . for the current directory, - for stdin)")
    options = engine.Options(doc_type=None if doc_type == "auto" else doc_type)
    results = []
    for path in engine.expand(paths):
        if path == "-":
            data = sys.stdin.buffer.read()
            results.append(engine.lint_text(data, stdin_filename or "<stdin>", options))
        else:
            results.append(engine.lint_file(path, options))
    result = RunResult(tuple(results))
    out = sys.stdout
    reporter = REPORTERS[fmt]
    painted = _use_color(color, out)
    click.echo(reporter(result, painted), nl=False, color=painted)
    for failed in (f for f in result.files if f.error is not None):
        if fmt != "text":
            click.echo(f"nflint: cannot read {failed.path}: {failed.error}", err=True)
    if any(f.error is not None for f in result.files):
        sys.exit(2)
    sys.exit(1 if result.count(Severity.ERROR) else 0)


@main.command()
@click.option(
    "--type",
    "doc_type",
    type=click.Choice(TYPES),
    required=True,
    help="The document type to export.",
)
def schema(doc_type: str) -> None:
    """Print one self-contained JSON Schema for editors (bundled)."""
    from nflint.bundle import bundle  # noqa: PLC0415

    click.echo(json.dumps(bundle(doc_type), indent=2, ensure_ascii=False))


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every rule id nflint can report."""
    from nflint.catalog import all_rules  # noqa: PLC0415

    catalogue = all_rules()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {"id": r.id, "name": r.name, "severity": r.severity.label, "summary": r.summary}
                    for r in catalogue.values()
                ],
                indent=2,
            )
        )
        return
    for r in catalogue.values():
        click.echo(f"{r.id}  {r.name:<24} {r.severity.label:<8} {r.summary}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain one rule, with a failing and a passing example."""
    from nflint.catalog import all_rules  # noqa: PLC0415

    catalogue = all_rules()
    found = catalogue.get(rule.upper()) or next(
        (r for r in catalogue.values() if r.name == rule.lower()), None
    )
    if found is None:
        raise click.UsageError(f"unknown rule {rule!r}; see 'nflint rules'")
    click.echo(f"{found.id} {found.name} ({found.severity.label})\n\n{found.summary}\n")
    if found.rationale:
        click.echo(found.rationale.strip() + "\n")
    if found.fail:
        click.echo("Fails:\n" + _indent(found.fail))
    if found.ok:
        click.echo("Passes:\n" + _indent(found.ok))


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.rstrip("\n").split("\n"))
