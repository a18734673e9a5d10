"""Masking hides secrets, not words (both directions, JSON and YAML, every
output format):

- a detected secret value is masked where it is written and wherever it is
  quoted whole or shortened, never as a fragment of another value or key
  (a webhook token ``nightly-refresh`` leaves ``data-refresh`` alone);
- names that only mention a credential word (``TOKEN_ENDPOINT``,
  ``TOKEN_AUDIENCE``, ``secretGroups``) hold a credential only when the
  value looks like one: URLs, numbers, words and resource names are neither
  reported by NF220 nor masked;
- real secrets stay masked everywhere.
"""

from __future__ import annotations

import json

import pytest
import yaml

from nflint.diagnostics import RunResult
from nflint.engine import lint_text
from nflint.reporters import REPORTERS
from nflint.secrets import places, shapes

FORMATS = sorted(REPORTERS)


def _workflow(token: str, password: str) -> dict[str, object]:
    """A workflow with a webhook token, a job whose id shares the token's
    last word, a misspelt key next to each (so both lines are shown), and
    credential-like names with plain values."""
    return {
        "$schema": "https://api.northflank.com/v1/schemas/release-flow",
        "apiVersion": "v1.2",
        "arguments": {
            "TOKEN_ENDPOINT": "https://auth.acme.dev/oauth/token",
            "TOKEN_AUDIENCE": "payments-api",
            "TOKEN_TTL_SECONDS": 3600,
            "secretGroups": "payments-secrets",
            "DB_PASSWORD": password,
        },
        "triggers": [{"ref": "repo", "vcsService": "github",
                      "repoUrl": "https://github.com/acme/payments", "token": token}],
        "spec": {"kind": "Workflow", "spec": {"type": "sequential", "steps": [
            {"kind": "JobRun", "spec": {"jobid": "data-refresh", "jobId": "data-refresh",
                                        "secretGroups": ["payments-secrets"]}},
        ]}},
    }


def _texts(doc: dict[str, object], fmt: str) -> tuple[str, RunResult]:
    if fmt == "json":
        text, name = json.dumps(doc, indent=2), "flow.json"
    else:
        text, name = yaml.safe_dump(doc, sort_keys=False), "flow.yaml"
    result = RunResult((lint_text(text, name),))
    return text, result


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("report", FORMATS)
def test_words_that_share_letters_with_a_secret_stay(fmt: str, report: str) -> None:
    _, result = _texts(_workflow("nightly-refresh", "Wm4kR8sYt2Qv"), fmt)
    out = REPORTERS[report](result, False)
    rules = {d.rule for d in result.diagnostics}
    assert "NF102" in rules  # "jobid" and "secretGroups" are shown with their lines
    if report == "text":  # the only format that quotes source lines
        assert "data-refresh" in out
    assert "data****" not in out
    assert "******Groups" not in out
    assert "a ****** group" not in out
    # real secrets stay masked in every format
    assert "Wm4kR8sYt2Qv" not in out
    assert "nightly-refresh" not in out


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_the_text_report_shows_the_words_and_masks_the_secrets(fmt: str) -> None:
    _, result = _texts(_workflow("nightly-refresh", "Wm4kR8sYt2Qv"), fmt)
    out = REPORTERS["text"](result, False)
    jobid = [line for line in out.splitlines() if "jobid" in line and "|" in line]
    assert jobid and all("data-refresh" in line for line in jobid)
    shown = [line for line in out.splitlines() if "DB_PASSWORD" in line and "|" in line]
    assert shown and all("************" in line for line in shown)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_nf220_ignores_urls_names_numbers_under_credential_like_names(fmt: str) -> None:
    _, result = _texts(_workflow("nightly-refresh", "Wm4kR8sYt2Qv"), fmt)
    reported = [d.pointer for d in result.diagnostics if d.rule == "NF220"]
    assert reported == ["/arguments/DB_PASSWORD"]


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_random_value_under_a_credential_like_name_is_still_reported(fmt: str) -> None:
    doc = _workflow("nightly-refresh", "Wm4kR8sYt2Qv")
    doc["arguments"]["TOKEN_AUDIENCE"] = "q8Zt3Lm0Vx1pR7wK"  # type: ignore[index]
    _, result = _texts(doc, fmt)
    reported = [d.pointer for d in result.diagnostics if d.rule == "NF220"]
    assert sorted(reported) == ["/arguments/DB_PASSWORD", "/arguments/TOKEN_AUDIENCE"]
    for report in FORMATS:
        assert "q8Zt3Lm0Vx1pR7wK" not in REPORTERS[report](result, False)


def test_a_password_sharing_a_head_with_a_key_masks_only_itself() -> None:
    doc = _workflow("nightly-refresh", "secret12")
    _, result = _texts(doc, "yaml")
    out = REPORTERS["text"](result, False)
    assert "secretGroups" in out
    assert "secret12" not in out


@pytest.mark.parametrize(
    ("name", "value", "credential"),
    [
        ("TOKEN_ENDPOINT", "https://auth.acme.dev/oauth/token", False),
        ("TOKEN_AUDIENCE", "payments-api", False),
        ("secretGroups", "payments-secrets", False),
        ("secretGroups", "n8n-secrets", False),  # a digit or two in a name: still a name
        ("TOKEN_AUDIENCE", "k8s-api", False),
        ("SECRET_KEY_BASE", "f3a9c2e1b7d4", True),  # a run of digits: a hex token
        ("SECRET_KEY_BASE", "4096", False),
        ("AUTH_MODE", "oauth", False),
        ("SECRET_KEY_BASE", "9fK2pQ7xZ1mW", True),
        ("DB_PASSWORD", "postgres", True),
        ("GITHUB_TOKEN", "payments-api", True),
        ("PGPASSWORD", "hunter2", True),
    ],
)
def test_credential_places(name: str, value: str, credential: bool) -> None:
    where = places.variable_place(name, "runtimeEnvironment")
    assert where is not None
    assert places.holds_credential(where, value) is credential


def test_places_of_secret_groups_and_keys() -> None:
    assert places.place(("spec", "secrets", "variables", "ANY")) == places.Place(
        places.GROUP, "ANY")
    assert places.place(("spec", "secrets", "files", "init", "data")) == places.Place(
        places.GROUP)
    assert places.place(("spec", "clientSecret")) == places.Place(places.KEY, "clientSecret")
    assert places.place(("spec", "secretGroups", 0)) is None
    assert places.place(("spec", "secretGroups")) is None
    assert places.place(("a", "slackWebhookUrl")) == places.Place(places.WEBHOOK,
                                                                  "slackWebhookUrl")
    assert shapes.find("payments-api", "TOKEN_AUDIENCE") is None
    assert shapes.find("https://auth.acme.dev/oauth/token", "TOKEN_ENDPOINT") is None


@pytest.mark.parametrize(
    ("name", "value", "reported"),
    [
        # the id of a credential or secret resource, as Northflank names them
        ("REGISTRY_CREDENTIALS", "ghcr-readonly", False),
        ("HF_TOKEN_SECRET", "hf-token", False),
        # the same names with a value that is not an id, and other names
        ("REGISTRY_CREDENTIALS", "Zq7vX2pLm9Rt", True),
        ("API_SECRET", "s3cr3t-V4lue", True),
        ("DB_PASSWORD", "ghcr-readonly", True),
    ],
)
def test_nf220_leaves_resource_ids_under_credential_and_secret_names(
    name: str, value: str, reported: bool
) -> None:
    assert (shapes.find(value, name) is not None) is reported
