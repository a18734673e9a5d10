"""`nflint graph PATH`: draw a document's flow (docs/graph.md). A command of
`nflint.cli`, which registers it; like the CLI, it prints and exits."""

from __future__ import annotations

import sys

import click

from nflint.northflank.doctypes import NAMES as TYPES
from nflint.reporters import safe

#: ``--type``, for ``check`` and ``graph`` alike
type_option = click.option(
    "--type",
    "doc_type",
    type=click.Choice((*TYPES, "auto")),
    default="auto",
    show_default=True,
    help="Document type; auto reads $schema, a YAML modeline, the config's types, "
    "then the shape.",
)

@click.command()
@click.argument("path", type=click.Path(readable=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("mermaid", "dot", "json")),
    default="mermaid",
    show_default=True,
    help="Mermaid (GitHub/GitLab Markdown), DOT (Graphviz) or JSON (docs/graph.md).",
)
@type_option
@click.option(
    "--limit",
    type=click.IntRange(min=2),
    default=12,  # nflint.graph.build.DEFAULT_LIMIT (loaded only for this command)
    show_default=True,
    help="Steps of one workflow drawn before the rest collapse into one box.",
)
def graph(path: str, fmt: str, doc_type: str, limit: int) -> None:
    """Draw the flow of a document: steps, parallel branches, nested
    documents, triggers, teardown, ref dependencies and the nodes with findings."""
    from nflint import engine  # noqa: PLC0415
    from nflint.config.files import ConfigError, resolve  # noqa: PLC0415
    from nflint.graph import draw as drawing  # noqa: PLC0415

    try:
        cfg = resolve(None, False)
    except ConfigError as exc:
        click.echo(f"nflint: {exc}", err=True)
        sys.exit(2)
    options = engine.Options(doc_type=None if doc_type == "auto" else doc_type, config=cfg)
    data = sys.stdin.buffer.read() if path == "-" else engine.read(path, options)
    if not isinstance(data, bytes):
        why = data.error or "larger than the size limit"
        click.echo(safe.escape(f"nflint: cannot read {path}: {why}"), err=True)
        sys.exit(2)
    drawn, count = drawing.of_file(data, "<stdin>" if path == "-" else path, options, limit=limit)
    if not count:
        why = drawing.unreadable(data, "<stdin>" if path == "-" else path, options)
        message = f"nflint: {path}: no Northflank document with a flow to draw"
        if why:
            message += f" ({why})"
        click.echo(safe.escape(message), err=True)
        sys.exit(2)
    click.echo(safe.escape(drawing.renderer(fmt)(drawn)), nl=False)
