"""NF225 cron-schedule: a cron expression that cannot run as written.

Read where Northflank takes a schedule: a workflow's or preview blueprint's
``cron`` trigger (``spec.cron``), a CronJob's ``schedule`` and a Job's
``settings.cron.schedule``. Each is five fields in UTC: minute (0-59), hour
(0-23), day of the month (1-31), month (1-12 or JAN-DEC) and day of the
week (0-7 or SUN-SAT, 0 and 7 are Sunday), each ``*``, a number, a name, a
range ``a-b``, a step ``*/n`` or ``a-b/n``, or a list of these; or one of
``@yearly``, ``@annually``, ``@monthly``, ``@weekly``, ``@daily``,
``@midnight``, ``@hourly``. A schedule with another number of fields or a
value out of its range is an error: it never runs.

Two limits Northflank documents for cron triggers are warnings: a trigger
may not fire more often than every 10 minutes, and a workflow or preview
blueprint has at most one cron trigger. Values holding an expression
(``${args.SCHEDULE}``) and the extensions of other cron dialects (``L``,
``W``, ``#``) are not checked.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator

from nflint import messages as msg
from nflint.analysis import walk as analysis
from nflint.diagnostics import Diagnostic, Severity
from nflint.load import pointer as jp
from nflint.rules._base import Rule, RuleContext
from nflint.rules._common import STEPS, TEMPLATE, TYPES, rationale
from nflint.rules.core import RuleInfo

_CRON_JOB = (
    "      - kind: CronJob\n        spec:\n          name: nightly-report\n"
    "          schedule: '{schedule}'\n"
)

INFO = RuleInfo(
    id="NF225",
    name="cron-schedule",
    severity=Severity.ERROR,
    summary="a cron expression that cannot run as written",
    rationale=rationale(__doc__),
    fail=TEMPLATE + STEPS + _CRON_JOB.format(schedule="0 3 * *"),
    ok=TEMPLATE + STEPS + _CRON_JOB.format(schedule="0 3 * * *"),
)

#: (name, lowest, highest, names) of the five fields
_FIELDS = (
    ("minute", 0, 59, ()),
    ("hour", 0, 23, ()),
    ("day of the month", 1, 31, ()),
    ("month", 1, 12, ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                      "NOV", "DEC")),
    ("day of the week", 0, 7, ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")),
)
_MACROS = frozenset(
    {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}
)
#: other dialects' extensions (Quartz): not checked
_DIALECT = frozenset("LW#")
#: where a node of each kind keeps its schedule
_NODE_SCHEDULES: dict[str, tuple[str, ...]] = {
    "CronJob": ("spec", "schedule"),
    "Job": ("spec", "settings", "cron", "schedule"),
}
#: the shortest interval Northflank runs a cron trigger at, in minutes
MIN_INTERVAL = 10


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    result = analysis.of(ctx)
    triggers: dict[int, list[str]] = {}  # scope -> the pointers of its cron schedules
    for pointer, value, scope in _schedules(ctx, result):
        if scope is not None:
            triggers.setdefault(scope, []).append(pointer)
        if "${" in value or pointer in ctx.schema_failures:
            continue
        problem, minutes = _parse(value.strip())
        if problem is not None:
            yield ctx.diagnostic(
                pointer,
                f"the cron expression {msg.quote(value)} {problem}",
                hint="write five fields: minute hour day-of-month month day-of-week "
                '(e.g. "0 3 * * *": every day at 03:00 UTC)',
            )
        elif scope is not None and minutes is not None and minutes < MIN_INTERVAL:
            yield ctx.diagnostic(
                pointer,
                f"the cron trigger {msg.quote(value)} fires every {minutes} "
                f"minute{'s' if minutes != 1 else ''}; Northflank's shortest interval "
                f"is {MIN_INTERVAL} minutes",
                hint=f'fire at most every {MIN_INTERVAL} minutes (e.g. "*/10 * * * *")',
                severity=Severity.WARNING,
            )
    for pointers in triggers.values():
        first, *others = pointers
        for pointer in others:
            yield ctx.diagnostic(
                jp.parent(jp.parent(pointer)) + "/kind",
                "a second cron trigger; a workflow or preview blueprint has at most one",
                related=(ctx.related("the first cron trigger", first),),
                hint="merge the schedules into one cron expression or one trigger",
                severity=Severity.WARNING,
            )


def _schedules(
    ctx: RuleContext, result: analysis.Analysis
) -> Iterator[tuple[str, str, int | None]]:
    """(pointer, schedule, the scope when it is a cron trigger's) of every
    schedule: read from the triggers of each document and the CronJob and
    Job nodes, not by a pass over every string."""
    for scope in result.scopes:
        try:
            document = jp.resolve(ctx.doc.data, scope.pointer)
        except (LookupError, IndexError):
            continue
        listed = document.get("triggers") if isinstance(document, dict) else None
        for index, trigger in enumerate(listed if isinstance(listed, list) else ()):
            if not isinstance(trigger, dict) or trigger.get("kind") != "cron":
                continue
            spec = trigger.get("spec")
            cron = spec.get("cron") if isinstance(spec, dict) else None
            if isinstance(cron, str):
                yield jp.join(scope.pointer, "triggers", index, "spec", "cron"), cron, scope.index
    for node in result.nodes:
        path = _NODE_SCHEDULES.get(node.kind)
        value: object = node.data
        for key in path or ():
            value = value.get(key) if isinstance(value, dict) else None
        if path and isinstance(value, str):
            yield jp.join(node.pointer, *path), value, None


@functools.lru_cache(maxsize=1024)  # templates repeat their schedules
def _parse(value: str) -> tuple[str | None, int | None]:
    """(what is wrong, or None; the shortest interval in minutes when known)."""
    if value.lower() in _MACROS:
        return None, None
    if value.startswith("@"):
        return None, None  # another dialect's macro (@every 1h, @reboot): not checked
    fields = value.split()
    if len(fields) != len(_FIELDS):
        return f"has {len(fields)} field{'s' if len(fields) != 1 else ''}, not 5", None
    values: list[set[int]] = []
    for text, (name, low, high, names) in zip(fields, _FIELDS, strict=True):
        if _DIALECT.intersection(text.upper()):
            return None, None
        found = _field(text, low, high, names)
        if isinstance(found, str):
            return f"has {found} in its {name} field ({low}-{high})", None
        values.append(found)
    return None, _interval(values[0], values[1])


def _field(text: str, low: int, high: int, names: tuple[str, ...]) -> set[int] | str:
    """The values one field allows, or the part that is wrong."""
    allowed: set[int] = set()
    for part in text.split(","):
        base, _, step_text = part.partition("/")
        step = 1
        if step_text:
            if not (step_text.isascii() and step_text.isdigit()) or int(step_text) == 0:
                return msg.quote(part)
            step = int(step_text)
        if base in ("*", "?"):
            start, end = low, high
        else:
            first, dash, last = base.partition("-")
            found = _number(first, names, low)
            # "5/15": from 5 to the end of the range, every 15
            until = _number(last, names, low) if dash else (high if step_text else found)
            if found is None or until is None or not low <= found <= high >= until >= low:
                return msg.quote(part)
            start, end = found, until
        if start > end:
            return msg.quote(part)
        allowed.update(range(start, end + 1, step))
    return allowed


def _number(text: str, names: tuple[str, ...], low: int) -> int | None:
    if text.isascii() and text.isdigit():
        return int(text)
    text = text.upper()
    if text in names:
        return names.index(text) + low  # JAN is 1, SUN is 0
    return None


def _interval(minutes: set[int], hours: set[int]) -> int | None:
    """The shortest time between two firings within consecutive minutes of
    the day, when more than one minute of an hour fires (else None)."""
    if len(minutes) < 2 and len(hours) < 2:
        return None
    ordered = sorted(minutes)
    gaps = [b - a for a, b in itertools.pairwise(ordered)]
    if any((h + 1) % 24 in hours for h in hours):  # the next hour fires too
        gaps.append(60 - ordered[-1] + ordered[0])
    return min(gaps) if gaps else None


RULE = Rule(INFO, check, TYPES)
