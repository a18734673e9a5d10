"""What the configuration does to one file's findings, in this order:

1. ``select`` / ``ignore`` / ``per-file-ignores`` drop the rules switched off
   for the file;
2. YAML comment directives and config ``suppress`` entries drop suppressed
   findings, and add ``NF003`` for suppressions that suppressed nothing;
3. ``severity`` overrides change the level of what is left.

Nothing removes or lowers the findings that say a file could not be linted
(`UNREMOVABLE`: an internal error, a parse error, a limit): a file nflint
could not read is never reported clean.

`nflint.engine` calls `apply` for every file, so the library API and the
command line agree. The baseline is applied later, on the whole run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from nflint.config.files import Config
from nflint.diagnostics import Diagnostic
from nflint.findings.record import FileRecord
from nflint.rules import core

DEFAULT = Config()
#: internal error, parse error, limit exceeded: always reported, as errors
UNREMOVABLE = frozenset({core.INTERNAL_ERROR, core.PARSE_ERROR, core.LIMIT_EXCEEDED})


def apply(diagnostics: Sequence[Diagnostic], record: FileRecord) -> list[Diagnostic]:
    """``diagnostics`` of the file ``record`` after the configuration."""
    config = record.config
    rel = config.relative(record.path)
    kept_anyway = [d for d in diagnostics if d.rule in UNREMOVABLE]
    if kept_anyway:
        diagnostics = [d for d in diagnostics if d.rule not in UNREMOVABLE]

    def enabled(rule: str) -> bool:
        return config.enabled(rule, rel)

    kept = [d for d in diagnostics if enabled(d.rule)]
    if record.is_yaml or config.suppress:  # YAML comments or config entries may suppress
        from nflint.findings import suppression  # noqa: PLC0415 - not needed for most JSON files

        kept = suppression.apply(kept, record, rel=rel, enabled=enabled)
    out = []
    for d in kept:
        if not enabled(d.rule):  # NF003 may be switched off
            continue
        level = config.severity_of(d.rule, d.severity)
        out.append(d if level is d.severity else dataclasses.replace(d, severity=level))
    return kept_anyway + out


def configured_type(config: Config | None, path: str) -> tuple[str, str] | None:
    """The type the config's ``types`` table gives ``path`` and the glob
    (used for documents whose ``$schema`` names no type)."""
    if config is None or not config.types:
        return None
    return config.type_for(config.relative(path))
