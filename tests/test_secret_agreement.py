"""NF220 and the redaction use one detector (`nflint.secrets.SHAPES`): for
every shape, a sample value is reported by NF220 (unless the shape is
flagged mask-only) and masked in the output of every reporter, JSON and
YAML, where it is written and in the messages that quote it (whole, or
shortened in the middle)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from nflint.diagnostics import FileResult, RunResult
from nflint.engine import Options, lint_text
from nflint.findings import masking as redact
from nflint.reporters import REPORTERS
from nflint.secrets import shapes as secrets
from tests.test_secret_hints import SAMPLES

SHAPES = {shape.what: shape for shape in secrets.SHAPES}


def _release_flow(value: str) -> dict[str, object]:
    """``value`` twice: in an environment variable whose name says nothing
    (NF220 by shape only) and as a workflow type (NF104 quotes it)."""
    return {
        "$schema": "https://api.northflank.com/v1/schemas/release-flow",
        "apiVersion": "v1.2",
        "spec": {
            "kind": "Workflow",
            "spec": {
                "type": value,
                "steps": [
                    {
                        "kind": "JobRun",
                        "spec": {"jobId": "migrate", "runtimeEnvironment": {"NOTE": value}},
                    }
                ],
            },
        },
    }


def _secret_part(what: str) -> str:
    shape = SHAPES[what]
    match = re.search(shape.pattern, SAMPLES[what])
    assert match is not None
    return match.group(shape.group)


def _leaks(text: str, secret: str) -> list[str]:
    """``secret``, or a 10-character piece of it, in ``text`` (as written or
    JSON-escaped)."""
    found = []
    for form in {secret, json.dumps(secret)[1:-1]}:
        pieces = {form[i : i + 10] for i in range(max(1, len(form) - 9))}
        found += [piece for piece in pieces if piece in text]
    return sorted(found)


def _lint(what: str, fmt: str) -> FileResult:
    data = _release_flow(SAMPLES[what])
    if fmt == "json":
        return lint_text(json.dumps(data, indent=2), "flow.json", Options())
    return lint_text(yaml.safe_dump(data, sort_keys=False), "flow.yaml", Options())


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("what", SAMPLES)
def test_nf220_reports_what_the_output_masks(what: str, fmt: str) -> None:
    result = _lint(what, fmt)
    reported = [d for d in result.diagnostics if d.rule == "NF220"]
    if SHAPES[what].report:
        messages = [d.message for d in reported]
        assert any(f"looks like {what} in plain text" in m for m in messages), messages
    else:
        assert not reported, [d.message for d in reported]
    assert any(d.rule == "NF104" for d in result.diagnostics), "the type is not quoted"
    secret = _secret_part(what)
    for name, render in REPORTERS.items():
        out = render(RunResult((result,)), False)
        assert not _leaks(out, secret), (name, _leaks(out, secret))


@pytest.mark.parametrize("what", SAMPLES)
def test_the_secret_part_is_masked_in_any_text(what: str) -> None:
    """`redact.mask_text` (files that do not parse) masks the same part."""
    sample = SAMPLES[what]
    masked = redact.mask_text(f"note: {sample} end")
    assert not _leaks(masked, _secret_part(what)), masked
    assert masked.startswith("note: ") and masked.endswith(" end")


PROBE = """
import re, sys
import json, nflint.diagnostics, nflint.load.pointer, nflint.load.source  # imported first
compiled = []
original = re._compile
def spy(pattern, flags):
    if "nflint" in sys._getframe(2).f_code.co_filename:  # caller of re.compile
        compiled.append(pattern)
    return original(pattern, flags)
re._compile = spy
import nflint.secrets.shapes, nflint.secrets.values, nflint.findings.masking
import nflint.schema.precheck.validator, nflint.load.loader
print(len(compiled))
"""


def test_importing_compiles_no_regex() -> None:
    """The linter starts on every commit: the secret detector, the loader and
    the schema fast path compile their patterns on first use, not at import."""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert done.stdout.strip() == "0", done.stdout + done.stderr


@pytest.mark.parametrize(
    ("value", "reported"),
    [
        ("postgres://app:s3cretpw@db:5432/app", True),
        ("redis://:pw@cache:6379", False),  # shorter than the row's `shortest`: masked only
        ("https://api.example.com/v1?key=9f8e7d6c5b4a", True),
        ("https://maps.example.com/embed?key=abc12", False),
    ],
)
def test_nf220_reports_url_secrets_from_their_shortest_length(value: str, reported: bool) -> None:
    assert (secrets.find(value) is not None) is reported
    assert secrets.spans(value)  # the output masks it either way
