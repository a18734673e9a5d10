"""``nflint check --fix`` / ``--diff`` over a whole run: which files to fix,
the fix loop for each, the write, and the findings that remain.

Only files the run linted (named on the command line or discovered) are
considered, and of those only files with a finding whose fix applies; with a
baseline, only findings the baseline does not record count. Nothing is
printed here: the CLI shows the diffs and the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from nflint import engine
from nflint.diagnostics import Diagnostic, FileResult, RunResult
from nflint.discovery import Target
from nflint.fixes import files, loop
from nflint.fixes.apply import fixes_of
from nflint.load import source

if TYPE_CHECKING:
    from nflint.findings.baseline import Baseline


class FileFix(NamedTuple):
    """One file the fix loop changed (or would change, with ``--diff``)."""

    path: str
    before: str
    after: str
    fixed: int
    #: why the fixed text could not be written (None: written, or not asked to)
    error: str | None = None
    #: True for standard input: the fixed text goes to standard output
    stdin: bool = False


class FixRun(NamedTuple):
    """The findings after fixing, and the files changed."""

    result: RunResult
    changed: tuple[FileFix, ...]
    #: standard input after fixing, encoded as it was read (None: no ``-``)
    stdin_bytes: bytes | None = None

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.changed)


def fix(
    result: RunResult,
    targets: Sequence[Target],
    options: engine.Options,
    unsafe: bool = False,
    stdin: bytes | None = None,
    stdin_name: str = "<stdin>",
    baseline: Baseline | None = None,
    *,
    write: bool = True,
) -> FixRun:
    """Fix the files of ``result`` (the run's findings for ``targets``)."""
    discovered = {t.path: t.discovered for t in targets}
    reads_stdin = "-" in discovered
    out: list[FileResult] = []
    changed: list[FileFix] = []
    stdin_bytes: bytes | None = None
    for found in result.files:
        is_stdin = reads_stdin and found.path == stdin_name
        data = stdin if is_stdin else None
        if found.error is None and _worth_fixing(found, unsafe, baseline):
            data = data if is_stdin else _read(found.path, options)
        decoded = files.read_text(data) if data is not None else None
        if decoded is None:
            if is_stdin:
                stdin_bytes = stdin
            out.append(found)
            continue
        own = options._replace(quiet_foreign=discovered.get(found.path, False))
        keep = _baseline_keep(found.path, own, baseline) if baseline is not None else None
        outcome = loop.fix_text(decoded.text, found.path, own, unsafe=unsafe, keep=keep)
        if is_stdin:
            stdin_bytes = files.encode(outcome.text, decoded)
        if outcome.text == decoded.text:
            out.append(found)
            continue
        error = None
        if write and not is_stdin:
            try:
                files.write_atomic(found.path, files.encode(outcome.text, decoded))
            except (OSError, UnicodeEncodeError) as exc:
                error = getattr(exc, "strerror", None) or str(exc)
        changed.append(
            FileFix(found.path, decoded.text, outcome.text, outcome.fixed, error, is_stdin)
        )
        if error is not None and write:
            out.append(found)  # nothing was written: the old findings stand
        else:
            out.append(engine.lint_text(outcome.text, found.path, own))
    return FixRun(RunResult(tuple(out)), tuple(changed), stdin_bytes)


def _worth_fixing(found: FileResult, unsafe: bool, baseline: Baseline | None) -> bool:
    diagnostics: Sequence[Diagnostic] = found.diagnostics
    if baseline is not None:
        diagnostics = _new(found, baseline)
    return bool(fixes_of(diagnostics, unsafe))


def _new(found: FileResult, baseline: Baseline) -> tuple[Diagnostic, ...]:
    from nflint.findings.baseline import new_findings  # noqa: PLC0415 - only with --baseline

    return new_findings(RunResult((found,)), baseline).files[0].diagnostics


def _read(path: str, options: engine.Options) -> bytes | None:
    data = source.read(path, options.max_file_size)
    return data if isinstance(data, bytes) else None


def _baseline_keep(path: str, options: engine.Options, baseline: Baseline) -> loop.Keep:
    """The findings of a raw (unmasked) lint that the baseline does not
    record: the baseline holds masked findings, so the text is linted the
    usual way too and the two lists (same findings, same order) are paired."""

    def keep(text: str, raw: FileResult) -> list[Diagnostic]:
        masked = engine.lint_text(text, path, options)
        if len(masked.diagnostics) != len(raw.diagnostics):
            return []
        new = {id(d) for d in _new(masked, baseline)}
        return [r for r, m in zip(raw.diagnostics, masked.diagnostics, strict=True) if id(m) in new]

    return keep
