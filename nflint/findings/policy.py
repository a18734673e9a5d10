"""What the configuration does to one file's findings, in this order:

1. ``select`` / ``ignore`` / ``per-file-ignores`` drop the rules switched off
   for the file;
2. YAML comment directives and config ``suppress`` entries drop suppressed
   findings, and add ``NF003`` for suppressions that suppressed nothing;
3. ``severity`` overrides change the level of what is left.

`nflint.engine` calls `apply` for every file, so the library API and the
command line agree. The baseline is applied later, on the whole run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from nflint.config.files import Config
from nflint.diagnostics import Diagnostic
from nflint.findings.record import FileRecord

DEFAULT = Config()


def apply(diagnostics: Sequence[Diagnostic], record: FileRecord) -> list[Diagnostic]:
    """``diagnostics`` of the file ``record`` after the configuration."""
    config = record.config
    rel = config.relative(record.path)

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
    return out


def fallback_type(config: Config | None, path: str) -> str | None:
    """The type the config's ``types`` table gives ``path`` (used only for
    documents without a ``$schema``)."""
    if config is None or not config.types:
        return None
    found = config.type_for(config.relative(path))
    return found[0] if found else None
