"""The fixes part of `nflint check`: the ``--fix``, ``--unsafe-fixes`` and
``--diff`` options, running the fixes, and what they print. A part of
`nflint.cli`, which calls it; like the CLI, it prints and exits. The work
itself is `nflint.fixes`, imported only when a fix is asked for."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from nflint.reporters import safe

if TYPE_CHECKING:
    from nflint.diagnostics import Diagnostic, RunResult
    from nflint.fixes.run import FixRun

F = TypeVar("F", bound=Callable[..., object])

_OPTIONS = (
    click.option("--fix", is_flag=True, help="Apply the safe fixes, then report what remains."),
    click.option(
        "--unsafe-fixes",
        is_flag=True,
        help="With --fix or --diff, apply the unsafe fixes too; alone, show them as fixable.",
    ),
    click.option(
        "--diff",
        is_flag=True,
        help="Print a unified diff of what --fix would change; write nothing (exit 1 on a change).",
    ),
)


def fix_options(command: F) -> F:
    """``--fix``, ``--unsafe-fixes`` and ``--diff`` (in this order in --help)."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def run(result: RunResult, fix: bool, diff: bool, *args: Any) -> FixRun | None:
    """``--fix``: fix the files of ``result`` (standard input: print the fixed
    text); ``--diff``: print the diffs and exit, 1 when there is one. None
    without either. ``args``: as `nflint.fixes.run.fix`'s after the result."""
    if not (fix or diff):
        return None
    from nflint.fixes import report  # noqa: PLC0415 - only with --fix or --diff
    from nflint.fixes import run as fixes  # noqa: PLC0415

    fixed = fixes.fix(result, *args, write=not diff)
    if diff:
        click.echo(safe.escape(report.diffs(fixed)), nl=False)
        click.echo(f"nflint: {report.would_fix(fixed.fixed, len(fixed.changed))}", err=True)
        sys.exit(2 if any(f.error for f in fixed.result.files) else 1 if fixed.changed else 0)
    if fixed.stdin_bytes is not None:  # the fixed text on stdout, the report on stderr
        sys.stdout.buffer.write(fixed.stdin_bytes)
    return fixed


def piped(fixed: FixRun | None) -> bool:
    """Whether standard output holds fixed text (the report goes to stderr)."""
    return fixed is not None and fixed.stdin_bytes is not None


def finish(
    remaining: Iterable[Diagnostic], fixed: FixRun | None, unsafe: bool, fmt: str, code: int
) -> NoReturn:
    """After the report: files that could not be written (exit 2), then what
    ``--fix`` did or (text output) would do; exit with ``code`` otherwise."""
    remaining = tuple(remaining)
    if fixed is None and not any(d.fix for d in remaining):
        sys.exit(code)  # nothing was fixed and nothing could be: no closing line
    from nflint.fixes import report  # noqa: PLC0415 - only with fixes to report

    for line, err in report.closing(remaining, fixed, unsafe, fmt):
        click.echo(safe.escape(line), err=err or piped(fixed))
    sys.exit(2 if report.write_errors(fixed) else code)
