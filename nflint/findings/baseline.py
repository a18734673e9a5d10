"""Baselines: record today's findings, then report only new ones.

A finding's fingerprint hashes its path (relative to the baseline file's
directory, so the run's working directory does not matter), rule, JSON
pointer and message, with ``line N`` / ``column N`` in the message
normalised. Line numbers are not part of it, so an edit elsewhere in the file
that shifts lines keeps old findings matched. Equal fingerprints are
counted: with two identical findings in the baseline, a third is new.

The file is JSON, sorted, with the readable fields next to each
fingerprint so that changes to it review well::

    {"version": 1, "tool": "nflint", "findings": [
      {"fingerprint": "...", "path": "...", "rule": "NF102",
       "pointer": "/spec/x", "message": "...", "count": 1}]}
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass

from nflint.diagnostics import Diagnostic, FileResult, RunResult

VERSION = 1
_POSITION = re.compile(r"\b(line|column|col) \d+")


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a baseline."""


@dataclass(frozen=True, slots=True)
class Baseline:
    """Fingerprint -> how many findings with it were recorded."""

    counts: tuple[tuple[str, int], ...]
    #: the directory that the recorded paths are relative to
    root: str
    #: fingerprint -> the recorded path, rule, pointer and message (for
    #: reporting entries that no finding matches any more)
    entries: tuple[tuple[str, tuple[str, str, str, str]], ...] = ()


def relative_path(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")


def fingerprint(d: Diagnostic, rel_path: str) -> str:
    """A stable id for a finding that ignores where in the file it is."""
    import hashlib  # noqa: PLC0415 - OpenSSL loads only when a fingerprint is needed

    message = _POSITION.sub(r"\1 N", d.message)
    payload = json.dumps([rel_path, d.rule, d.pointer, message], ensure_ascii=False)
    # surrogatepass: a file name that is not UTF-8 (or a "\ud800" escape) has one
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def dump(result: RunResult, baseline_path: str) -> str:
    """The baseline file recording every finding of ``result``."""
    root = os.path.dirname(os.path.abspath(baseline_path))
    rows: Counter[tuple[str, str, str, str, str]] = Counter()
    for d in result.diagnostics:
        rel = relative_path(d.path, root)
        rows[(rel, d.rule, d.pointer, d.message, fingerprint(d, rel))] += 1
    findings = [
        {
            "fingerprint": fp,
            "path": path,
            "rule": rule,
            "pointer": pointer,
            "message": message,
            "count": count,
        }
        for (path, rule, pointer, message, fp), count in sorted(rows.items())
    ]
    doc = {"version": VERSION, "tool": "nflint", "findings": findings}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def load(baseline_path: str) -> Baseline:
    try:
        with open(baseline_path, encoding="utf-8") as handle:
            doc = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"{baseline_path}: cannot read the baseline: {exc.strerror}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{baseline_path}: the baseline is not JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        raise BaselineError(
            f"{baseline_path}: not an nflint baseline (version {VERSION}); "
            "write one with --write-baseline"
        )
    counts: Counter[str] = Counter()
    entries: dict[str, tuple[str, str, str, str]] = {}
    findings = doc.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f'{baseline_path}: "findings" must be a list')
    for number, item in enumerate(findings):
        fp = item.get("fingerprint") if isinstance(item, dict) else None
        count = item.get("count", 1) if isinstance(item, dict) else None
        if not isinstance(fp, str) or not isinstance(count, int) or count < 1:
            raise BaselineError(
                f'{baseline_path}: "findings"[{number}] needs a "fingerprint" string '
                'and a positive "count"'
            )
        counts[fp] += count
        fields = tuple(item.get(k) for k in ("path", "rule", "pointer", "message"))
        if all(isinstance(f, str) for f in fields):
            entries[fp] = fields
    root = os.path.dirname(os.path.abspath(baseline_path))
    return Baseline(tuple(sorted(counts.items())), root, tuple(sorted(entries.items())))


def new_findings(result: RunResult, baseline: Baseline) -> RunResult:
    """``result`` without the findings the baseline records (counted in
    `RunResult.baselined`), plus an info (NF003) for each recorded finding
    of a linted file that is gone: the entry is stale and hides nothing."""
    left = Counter(dict(baseline.counts))
    hidden = 0
    linted: dict[str, int] = {}
    files: list[FileResult] = []
    for file_result in result.files:
        rel = relative_path(file_result.path, baseline.root)
        linted.setdefault(rel, len(files))
        kept: list[Diagnostic] = []
        for d in file_result.diagnostics:
            fp = fingerprint(d, relative_path(d.path, baseline.root))
            if left[fp] > 0:
                left[fp] -= 1
                hidden += 1
            else:
                kept.append(d)
        if len(kept) == len(file_result.diagnostics):
            files.append(file_result)
        else:
            files.append(file_result._replace(diagnostics=tuple(kept)))
    for fp, (path, rule, pointer, message) in baseline.entries:
        where = linted.get(path)
        if left[fp] <= 0 or where is None or files[where].error is not None:
            continue
        target = files[where]
        stale = _stale(target.path, rule, pointer, message, left[fp])
        files[where] = target._replace(diagnostics=(*target.diagnostics, stale))
    return RunResult(tuple(files), baselined=hidden)


def _stale(path: str, rule: str, pointer: str, message: str, count: int) -> Diagnostic:
    from nflint.messages import quote  # noqa: PLC0415 - only for stale entries
    from nflint.rules import core  # noqa: PLC0415 - only for stale entries

    times = f" ({count} of them)" if count > 1 else ""
    return core.diagnostic(
        core.UNUSED_SUPPRESSION,
        f"stale baseline entry: {rule} {quote(message)} at {pointer or '/'} is gone{times}",
        path=path,
        pointer=pointer,
        span=None,
        hint="rewrite the baseline with --write-baseline so that it hides nothing new",
    )
