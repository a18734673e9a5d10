"""One run over many files: read each once, skip what discovery should not
report, lint, and spread the work over processes.

Each file is read once and parsed once: a discovered file goes through the
cheap byte test of `nflint.discovery` and then the engine, which parses it,
detects its types and lints it in one go; the result is dropped when no
document is a Northflank document. With ``jobs > 1`` the files are spread
over a process pool (each worker builds the schema validators it needs once);
results come back in input order, so the output does not depend on ``jobs``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from nflint import engine
from nflint.config.files import Config
from nflint.diagnostics import FileResult, RunResult, Severity
from nflint.discovery import Target, admitted, worth_parsing

#: below this many files a pool costs more than it saves
PARALLEL_THRESHOLD = 32

_OPTIONS = engine.Options()
_DEFAULT_CONFIG = Config()


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    """All cores when there are many files, else one process."""
    return cpu_count() if files > PARALLEL_THRESHOLD else 1


def lint_target(target: Target, options: engine.Options | None = None) -> FileResult | None:
    """Lint one file; None when discovery found it and it is not a
    Northflank document (nothing to say about it)."""
    options = options or _OPTIONS
    data = engine.read(target.path, options)  # never opens a FIFO or device; size limit
    if isinstance(data, FileResult):  # unreadable, or over --max-file-size
        return data if admitted(target, None, ()) else None
    if not target.discovered:
        return engine.lint_text(data, target.path, options)
    if not worth_parsing(target, data, options.config or _DEFAULT_CONFIG):
        return None
    result = engine.lint_text(data, target.path, options._replace(quiet_foreign=True))
    return result if admitted(target, data, result.types) else None


def _init_worker(options: engine.Options) -> None:
    global _OPTIONS  # noqa: PLW0603 - one options object per worker process
    _OPTIONS = options
    # Ctrl-C reaches the whole process group: the parent stops the pool and
    # exits 130; workers print no tracebacks of their own
    import signal  # noqa: PLC0415 - workers only (it builds enums: 4 ms at start-up)

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _lint_in_worker(target: Target) -> FileResult | None:
    return lint_target(target)


def _context() -> Any:
    import multiprocessing  # noqa: PLC0415 - only with workers: keeps start-up lean

    # fork is cheap and inherits the imported modules; elsewhere the default
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def run(
    targets: Sequence[Target],
    options: engine.Options,
    *,
    jobs: int | None = None,
    stdin: bytes | None = None,
    stdin_name: str = "<stdin>",
) -> RunResult:
    """Lint ``targets`` in order; ``-`` reads ``stdin``."""
    files = [t for t in targets if t.path != "-"]
    workers = min(jobs if jobs else default_jobs(len(files)), max(1, len(files)))
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - lean start-up

        chunk = max(1, min(64, len(files) // (workers * 8)))
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(options,),
        ) as pool:
            try:
                linted = iter(list(pool.map(_lint_in_worker, files, chunksize=chunk)))
            except KeyboardInterrupt:  # do not wait for the files not started yet
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    else:
        linted = iter([lint_target(t, options) for t in files])
    results = [
        engine.lint_text(stdin or b"", stdin_name, options) if t.path == "-" else next(linted)
        for t in targets
    ]
    return RunResult(tuple(r for r in results if r is not None))


def failed(result: RunResult, fail_on: Severity) -> bool:
    """Whether any finding is at or above ``fail_on``."""
    return any(d.severity >= fail_on for d in result.diagnostics)


def exit_code(result: RunResult, fail_on: Severity) -> int:
    """2 when a named file could not be read, 1 on findings at or above
    ``fail_on``, else 0."""
    if any(f.error is not None for f in result.files):
        return 2
    return 1 if failed(result, fail_on) else 0
