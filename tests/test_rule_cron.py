"""NF225 cron-schedule: where Northflank reads a schedule (cron triggers of
workflows and preview blueprints, CronJob ``schedule``, Job
``settings.cron.schedule``), with exact rule, severity, line and column in
JSON and YAML, and the schedules it leaves alone."""

from __future__ import annotations

import json

import pytest

from nflint.engine import lint_text
from tests.test_one_finding_per_mistake import to_yaml

TEMPLATE_URL = "https://api.northflank.com/v1/schemas/template"


def workflow(*crons: str) -> dict[str, object]:
    """A workflow (no $schema: told by its new-style triggers) with one cron
    trigger per schedule."""
    return {
        "apiVersion": "v1.2",
        "name": "nightly",
        "triggers": [
            {"kind": "cron", "ref": f"cron-{i}", "spec": {"cron": cron}}
            for i, cron in enumerate(crons)
        ],
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
            {"kind": "JobRun", "spec": {"jobId": "report"}}]}},
    }


def template(node: dict[str, object]) -> dict[str, object]:
    return {
        "$schema": TEMPLATE_URL, "apiVersion": "v1.2", "name": "demo",
        "spec": {"kind": "Workflow", "spec": {
            "type": "sequential", "context": {"projectId": "demo"}, "steps": [node]}},
    }


def cron_job(schedule: str) -> dict[str, object]:
    return {"kind": "CronJob", "spec": {"name": "nightly-report", "schedule": schedule}}


def job(schedule: str) -> dict[str, object]:
    return {"kind": "Job", "spec": {"name": "nightly-report", "settings": {
        "cron": {"schedule": schedule}}}}


def render(data: object, fmt: str) -> str:
    return json.dumps(data, indent=2) if fmt == "json" else to_yaml(data) + "\n"


def findings(data: object, fmt: str) -> list[tuple[str, str, str, int, int, str]]:
    text = render(data, fmt)
    return [
        (d.rule, d.severity.label, d.pointer, d.span.start.line, d.span.start.column, d.message)
        for d in lint_text(text, f"doc.{fmt}").diagnostics
        if d.rule == "NF225" and d.span is not None
    ]


def value_at(data: object, fmt: str, value: str, nth: int = 0) -> tuple[int, int]:
    """Where the ``nth`` occurrence of the string ``value`` is written (at
    its opening quote when it is quoted)."""
    text = render(data, fmt)
    needle = json.dumps(value) if fmt == "json" else value
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    if text[index - 1] in "'\"" and fmt == "yaml":
        index -= 1
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


FORMATS = ["json", "yaml"]
TRIGGER = "/triggers/0/spec/cron"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ("0 3 * *", 'the cron expression "0 3 * *" has 4 fields, not 5'),
        ("0 3 * * * *", 'the cron expression "0 3 * * * *" has 6 fields, not 5'),
        ("60 3 * * *", 'the cron expression "60 3 * * *" has "60" in its minute field (0-59)'),
        ("0 24 * * *", 'the cron expression "0 24 * * *" has "24" in its hour field (0-23)'),
        ("0 3 0 * *",
         'the cron expression "0 3 0 * *" has "0" in its day of the month field (1-31)'),
        ("0 3 * 13 *", 'the cron expression "0 3 * 13 *" has "13" in its month field (1-12)'),
        ("0 3 * * MON-XYZ",
         'the cron expression "0 3 * * MON-XYZ" has "MON-XYZ" in its day of the week field '
         "(0-7)"),
        ("0 3 * * 5-1",
         'the cron expression "0 3 * * 5-1" has "5-1" in its day of the week field (0-7)'),
        ("*/0 3 * * *", 'the cron expression "*/0 3 * * *" has "*/0" in its minute field (0-59)'),
    ],
)
def test_a_schedule_that_cannot_run_is_an_error_where_it_is_written(
    fmt: str, schedule: str, message: str
) -> None:
    for data, pointer in (
        (workflow(schedule), TRIGGER),
        (template(cron_job(schedule)), "/spec/spec/steps/0/spec/schedule"),
        (template(job(schedule)), "/spec/spec/steps/0/spec/settings/cron/schedule"),
    ):
        assert findings(data, fmt) == [
            ("NF225", "error", pointer, *value_at(data, fmt, schedule), message)
        ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("schedule", "every"),
    [("* * * * *", "1 minute"), ("*/5 * * * *", "5 minutes"), ("0,55 * * * *", "5 minutes"),
     ("0-3 2 * * *", "1 minute")],
)
def test_a_cron_trigger_more_often_than_every_ten_minutes_is_a_warning(
    fmt: str, schedule: str, every: str
) -> None:
    data = workflow(schedule)
    assert findings(data, fmt) == [
        ("NF225", "warning", TRIGGER, *value_at(data, fmt, schedule),
         f'the cron trigger "{schedule}" fires every {every}; Northflank\'s shortest '
         "interval is 10 minutes"),
    ]
    # the limit is the cron trigger's: a CronJob may run every minute
    assert findings(template(cron_job(schedule)), fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_second_cron_trigger_is_a_warning_at_its_kind(fmt: str) -> None:
    data = workflow("0 3 * * *", "0 4 * * *")
    (finding,) = findings(data, fmt)
    assert finding[:3] == ("NF225", "warning", "/triggers/1/kind")
    text = render(data, fmt)
    written = '"kind": "cron"' if fmt == "json" else 'kind: "cron"'
    second = text.index(written, text.index(written) + 1) + len(written) - len('"cron"')
    assert finding[3:5] == (text.count("\n", 0, second) + 1, second - text.rfind("\n", 0, second))
    assert finding[5] == "a second cron trigger; a workflow or preview blueprint has at most one"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "schedule",
    [
        "0 3 * * *", "*/10 * * * *", "0,30 * * * *", "15 */2 * * MON-FRI", "0 0 1 JAN,JUL *",
        "0 0 * * 7", "0 0 ? * SUN", "5/15 1 * * *", "@daily", "@hourly", "@every 1h",
        "0 0 L * *", "${args.SCHEDULE}", "  0 3 * * *  ",
    ],
)
def test_schedules_left_alone(fmt: str, schedule: str) -> None:
    assert findings(workflow(schedule), fmt) == []
    assert findings(template(cron_job(schedule)), fmt) == []
