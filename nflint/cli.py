"""The command line: options in, text out, exit code. The only module that
prints or exits.

Exit codes: 0 no findings at or above ``--fail-on`` (default: error), 1
findings at or above it, 2 usage or config error or a named path that cannot
be read, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import TYPE_CHECKING, Any

import click

from nflint import __version__, cli_fix, cli_graph
from nflint.messages import plural, quote
from nflint.northflank.doctypes import NAMES as TYPES
from nflint.reporters import safe

if TYPE_CHECKING:
    from nflint.diagnostics import RunResult
    from nflint.findings.baseline import Baseline

FORMATS = ("text", "json")
REPORT_FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "markdown")


def _use_color(choice: bool | None, stream: object) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Group(click.Group):
    """Ctrl-C ends any command with one line and exit code 130, not a
    traceback (nflint writes nothing it would have to clean up)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("nflint: interrupted", err=True)
            sys.exit(130)


#: compiled on first use (by ``re``'s cache): the default size is an int
_SIZE = r"(?i)\s*(\d+)\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)\s*"
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


class _Size(click.ParamType[int]):
    """A size in bytes: ``10485760``, ``512KiB``, ``10MiB``, ``1G`` (units of
    1024; KB and MB mean KiB and MiB); 0 means no limit."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        m = re.fullmatch(_SIZE, str(value))
        if m is None:
            self.fail(
                f"{quote(str(value), limit=None)} is not a size (e.g. 10MiB, 512KiB, 0)", param, ctx
            )
        return int(m.group(1)) * _UNITS[m.group(2)[:1].lower()]


def run() -> None:
    """The console script (``nflint``, ``python -m nflint``): `main`, then a
    quick exit. Once the report is flushed nothing is left to do, and the
    interpreter's shutdown (freeing every object one by one) is a tenth of a
    small run; nflint skips it, as mypy does. A run that used worker
    processes ends the normal way: Python's exit handlers stop the workers."""
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if "multiprocessing" in sys.modules:
        sys.exit(code)
    if isinstance(code, str):  # sys.exit("message"): Python prints it, exit 1
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (``nflint check | head``), or a
        pass  # stream closed by its user (the language server closes stdout on exit)
    os._exit(code or 0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="nflint")
def main() -> None:
    """nflint: a linter for Northflank templates, release flows and previews."""


main.add_command(cli_graph.graph)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # nflint says why
@cli_graph.type_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default=None,
    help="Output format (default: text; on GitHub Actions text plus annotations).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the report to FILE; the text report still goes to the terminal.",
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
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Read the configuration from this file only.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Rules to report: ids, id prefixes or names, comma-separated.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Rules not to report (the longest matching prefix wins).",
)
@click.option(
    "--fail-on",
    type=click.Choice(("error", "warning", "info")),
    default=None,
    help="Exit 1 on findings at or above this severity (default: error).",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Record every finding in this baseline file and exit 0.",
)
@click.option(
    "--list-files",
    is_flag=True,
    help="Print the files that would be linted, their types and why; lint nothing.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the config's exclude to files named on the command line too (pre-commit).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Processes to use (default 0: all cores when there are more than 32 files).",
)
@click.option(
    "--show-urls",
    is_flag=True,
    help="After each finding of the text report, the address of its rule's page.",
)
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    metavar="FILE",
    help="Append the Markdown report to FILE too (e.g. $GITHUB_STEP_SUMMARY).",
)
@click.option(
    "--graph",
    "with_graph",
    is_flag=True,
    help="Markdown reports: add each document's flow diagram, failing nodes marked.",
)
@click.option(
    "--max-file-size",
    type=_Size(),
    default=None,  # engine.DEFAULT_MAX_FILE_SIZE (the engine loads only for this command)
    help="Larger files are reported (NF007) and not read; 0: no limit.  [default: 10MiB]",
)
@cli_fix.fix_options
def check(
    paths: tuple[str, ...],
    doc_type: str,
    fmt: str | None,
    output: str | None,
    color: bool | None,
    stdin_filename: str | None,
    config_path: str | None,
    isolated: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    baseline_path: str | None,
    write_baseline: str | None,
    list_files: bool,
    force_exclude: bool,
    jobs: int,
    show_urls: bool,
    summary: str | None,
    with_graph: bool,
    max_file_size: int | None,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
) -> None:
    """Lint Northflank documents: files, directories, or - for stdin.

    With no path, lint the Northflank documents of the current git repository.
    """
    # keep start-up lean: the engine and schemas load only for this command
    from nflint import discovery, engine, runner  # noqa: PLC0415
    from nflint.config.files import ConfigError, resolve  # noqa: PLC0415
    from nflint.reporters import REPORTERS  # noqa: PLC0415

    try:
        cfg = resolve(config_path, isolated).with_cli(select or None, ignore or None, fail_on)
    except ConfigError as exc:
        click.echo(f"nflint: {exc}", err=True)
        sys.exit(2)
    known = _load_baseline(baseline_path) if baseline_path else None
    forced = None if doc_type == "auto" else doc_type
    targets = discovery.targets(paths, cfg, force_exclude)
    if list_files:
        for item in discovery.describe(targets, cfg, forced):
            click.echo(f"{item.path}: {', '.join(item.types) or '-'} ({item.reason})")
        sys.exit(0)
    if max_file_size is None:
        max_file_size = engine.DEFAULT_MAX_FILE_SIZE
    stdin = None
    if any(t.path == "-" for t in targets):  # one byte more than the limit says "too large"
        stdin = sys.stdin.buffer.read(max_file_size + 1 if max_file_size else -1)
    options = engine.Options(doc_type=forced, config=cfg, max_file_size=max_file_size or None)
    stdin_name = stdin_filename or "<stdin>"
    result = runner.run(targets, options, jobs=jobs or None, stdin=stdin, stdin_name=stdin_name)
    fixed = cli_fix.run(result, fix, diff, targets, options, unsafe_fixes, stdin, stdin_name, known)
    result = fixed.result if fixed is not None else result
    if write_baseline:  # says what it wrote, not the findings it recorded
        from nflint.findings import baseline  # noqa: PLC0415 - only with --write-baseline

        _write(write_baseline, baseline.dump(result, write_baseline))
        recorded = plural(len(result.diagnostics), "finding")
        linted = plural(sum(1 for f in result.files if f.error is None), "file")
        click.echo(safe.escape(f"nflint: recorded {recorded} of {linted} in {write_baseline}"))
        _unreadable(result)
        sys.exit(2 if runner.exit_code(result, cfg.fail_on) == 2 else 0)
    if known is not None:
        from nflint.findings import baseline  # noqa: PLC0415 - only with --baseline

        result = baseline.new_findings(result, known)
    annotate = fmt is None and os.environ.get("GITHUB_ACTIONS") == "true"
    to_stderr = cli_fix.piped(fixed)  # stdout holds the fixed text
    extra: dict[str, object] = {"show_urls": show_urls, "unsafe_fixes": unsafe_fixes}
    if with_graph and (summary or fmt == "markdown"):
        from nflint.graph.draw import of_results  # noqa: PLC0415 - only with --graph

        extra["graphs"] = of_results(result, options)
    if summary:
        _write(summary, REPORTERS["markdown"](result, False, **_options("markdown", extra)), "a")
    if output:
        _write(output, REPORTERS[fmt or "text"](result, False, **_options(fmt, extra)))
        fmt, annotate = None, os.environ.get("GITHUB_ACTIONS") == "true" and fmt != "github"
    painted = _use_color(color, sys.stderr if to_stderr else sys.stdout) and fmt in (None, "text")
    shown = REPORTERS[fmt or "text"](result, painted, **_options(fmt, extra))
    click.echo(safe.escape(shown, painted), nl=False, color=painted, err=to_stderr)
    if annotate:
        click.echo(safe.escape(REPORTERS["github"](result, False)), nl=False, err=to_stderr)
    _unreadable(result)
    code = runner.exit_code(result, cfg.fail_on)
    cli_fix.finish(result.diagnostics, fixed, unsafe_fixes, fmt or "text", code)


def _unreadable(result: RunResult) -> None:
    """One line on stderr for each named path that cannot be read (every format)."""
    for failed in (f for f in result.files if f.error is not None):
        click.echo(safe.escape(f"nflint: cannot read {failed.path}: {failed.error}"), err=True)


#: the keyword options each reporter takes (the others take none)
_TAKES = {"text": ("show_urls", "unsafe_fixes"), "markdown": ("graphs",)}


def _options(fmt: str | None, options: dict[str, object]) -> dict[str, object]:
    """The reporter options ``fmt`` takes, out of ``options``."""
    wanted = _TAKES.get(fmt or "text", ())
    return {k: v for k, v in options.items() if k in wanted}


def _load_baseline(path: str) -> Baseline:
    from nflint.findings import baseline  # noqa: PLC0415 - only with --baseline

    try:
        return baseline.load(path)
    except baseline.BaselineError as exc:
        click.echo(f"nflint: {exc}", err=True)
        sys.exit(2)


def _write(path: str, text: str, mode: str = "w") -> None:
    try:
        with open(path, mode, encoding="utf-8", newline="\n") as handle:
            handle.write(safe.escape(text))
    except OSError as exc:
        click.echo(f"nflint: cannot write {path}: {exc.strerror or exc}", err=True)
        sys.exit(2)


@main.command()
@click.option("--type", "doc_type", type=click.Choice(TYPES), help="The document type to export.")
@click.option("--all", "every", is_flag=True, help="Export every document type (needs --out).")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Write TYPE.schema.json files into this folder instead of printing.",
)
def schema(doc_type: str | None, every: bool, out: str | None) -> None:
    """Export self-contained JSON Schemas for editors (one file per type)."""
    from nflint.schema.bundle import bundle, export  # noqa: PLC0415

    if every == (doc_type is not None):
        raise click.UsageError("give either --type TYPE or --all")
    if out is None:
        if every:
            raise click.UsageError("--all needs --out DIR")
        click.echo(json.dumps(bundle(doc_type or ""), indent=2, ensure_ascii=False))
        return
    try:
        written = export(out, None if every else [doc_type or ""])
    except OSError as exc:
        click.echo(f"nflint: cannot write schemas to {out}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    for path in written:
        click.echo(f"wrote {path}")


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, exists=True))
@click.option("--force", is_flag=True, help="Replace .nflint.toml and unmergeable settings.")
def init(folder: str, force: bool) -> None:
    """Set a project up: .nflint.toml, schemas in .nflint/schemas, editor mappings."""
    from nflint.config.init import init as run_init  # noqa: PLC0415

    try:
        done = run_init(folder, force=force)
    except OSError as exc:
        click.echo(f"nflint: init failed: {exc.strerror or exc}: {exc.filename}", err=True)
        sys.exit(2)
    for line in done:
        click.echo(line)


@main.command()
def lsp() -> None:
    """Run the language server over stdin/stdout (needs 'nflint[lsp]')."""
    try:
        from nflint.lsp.server import start  # noqa: PLC0415 - pygls only for this command
    except ImportError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        click.echo(
            f"nflint: the language server needs {missing}: pip install 'nflint[lsp]'", err=True
        )
        sys.exit(2)
    start()


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every rule id nflint can report."""
    from nflint.rules.docs import listing  # noqa: PLC0415

    click.echo(listing(fmt), nl=False)


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Explain one rule: its page (docs/rules/ID.md), with examples."""
    from nflint.rules.docs import page  # noqa: PLC0415
    from nflint.rules.registry import all_rules  # noqa: PLC0415

    catalogue = all_rules()
    found = catalogue.get(rule.upper()) or next(
        (r for r in catalogue.values() if r.name == rule.lower()), None
    )
    if found is None:
        raise click.UsageError(f"unknown rule {rule!r}; see 'nflint rules'")
    click.echo(page(found), nl=False)
