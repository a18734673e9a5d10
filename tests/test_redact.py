"""Secrets stay secret: known secrets planted in templates (JSON, YAML, and a
file that does not parse), with findings on and next to them, never appear
in any output format. Every format in `REPORTERS` is checked, through the
API and through the command line (stdout and stderr), so a format added
later is covered without touching this file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from nflint.diagnostics import RunResult
from nflint.engine import Options, lint_text
from nflint.findings import masking as redact
from nflint.reporters import REPORTERS
from nflint.secrets import shapes as secrets

PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAplantedKEYbodyLINEone0123456789abcdef\n"
    "plantedKEYbodyLINEtwo0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ==\n-----END RSA PRIVATE KEY-----\n"
)
SECRETS = {
    "db": "planted-db-password-4c1d8e0f-very-long-so-that-messages-shorten-it-in-the-middle",
    "aws": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPLANTEDKEY",
    "ghp": "ghp_" + "a1B2c3D4e5F6g7H8i9J0" * 2,
    "group": "s3ss10n-planted-group-value",
    "pin": "98765432",
    "file": "LS0tLS1CRUdJTi1wbGFudGVkLWZpbGUtZGF0YQ==",
    "slack": "XXXXplantedSLACKtokenXXXX",
    "hook": "plantedHOOKtoken123",
    "jwt": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.plantedSIGNATUREvalue",
    "akia": "AKIAPLANTED0KEYID123",
    "key": "MIIEowIBAAKCAQEAplantedKEYbodyLINEone0123456789abcdef",
    "url": "planted-url-password",
    "docker": "planted-docker-password",
    "broken": "planted-broken-json-secret",
    "comment": "planted-comment-secret",
    "stripe": "sk_live_" + "planted0stripe0key",
    "short": "p1n",
}


def _template() -> dict[str, object]:
    return {
        "$schema": "https://api.northflank.com/v1/schemas/template",
        "apiVersion": "v1.2",
        "name": "planted-secrets",
        "arguments": {"DB_PASSWORD": SECRETS["db"], "SHORT_PASS": SECRETS["short"]},
        "spec": {
            "kind": "Workflow",
            "spec": {
                "type": "sequential",
                "context": {"projectId": "demo"},
                "steps": [
                    {
                        "kind": "SecretGroup",
                        "spec": {
                            "name": "sg",  # too short: a finding on this node
                            "secretType": "environment",
                            "secrets": {
                                "variables": {
                                    "SESSION": SECRETS["group"],
                                    "PIN": int(SECRETS["pin"]),
                                },
                                "files": {"/etc/app.pem": {"data": SECRETS["file"]}},
                            },
                        },
                        "unknownKey": SECRETS["group"],
                    },
                    {
                        "kind": "DeploymentService",
                        "spec": {
                            "name": "svc",
                            "billing": 3,  # wrong type, next to the secrets
                            "runtimeEnvironment": {
                                "AWS_SECRET_ACCESS_KEY": SECRETS["aws"],
                                "GITHUB_TOKEN": SECRETS["ghp"],
                                "NOTE": f"id {SECRETS['akia']} jwt {SECRETS['jwt']}",
                                "STRIPE": SECRETS["stripe"],
                                "PORT": "8080",
                            },
                            "buildArguments": {"SSH_KEY": PRIVATE_KEY},
                        },
                    },
                    {
                        "kind": "CustomDockerCredentials",
                        "spec": {
                            "name": "creds",
                            "provider": "dockerhub",
                            "credentials": {"username": "me", "password": SECRETS["docker"]},
                        },
                    },
                    {
                        "kind": "Message",
                        "spec": {
                            "kind": "SLACK",
                            "spec": {
                                "webhookUrl": "https://hooks.slack.com/services/T0/B0/"
                                + SECRETS["slack"],
                                "message": 17,
                            },
                        },
                    },
                ],
            },
        },
        "gitops": {
            "repoUrl": f"https://me:{SECRETS['url']}@github.com/acme/app",
            "vcsService": "github",
        },
        "triggers": [{"kind": "webhook", "spec": {"token": SECRETS["hook"]}}],
    }


def _files() -> dict[str, bytes]:
    data = _template()
    as_json = json.dumps(data, indent=2)
    as_yaml = f"# password: {SECRETS['comment']}\n" + yaml.safe_dump(data, sort_keys=False)
    broken = (
        '{\n  "apiVersion": "v1.2",\n  "arguments": {"DB_PASSWORD": "'
        + SECRETS["broken"]
        + '" "TOKEN": "'
        + SECRETS["ghp"]
        + '"}\n}\n'
    )
    return {
        "planted.json": as_json.encode(),
        "planted.yaml": as_yaml.encode(),
        "planted-crlf.yaml": as_yaml.replace("\n", "\r\n").encode(),
        "broken.json": broken.encode(),
        "broken.yaml": broken.replace('" "', '"\n  "').encode(),
    }


def _leaks(text: str) -> list[str]:
    """Planted secrets (or 8+ character pieces of the long ones) in ``text``."""
    found = []
    for name, secret in SECRETS.items():
        forms = {secret, json.dumps(secret)[1:-1]}
        if name == "short":
            continue  # 3 characters: shown only where it is written (checked below)
        pieces = {f[i : i + 12] for f in forms for i in range(0, max(1, len(f) - 11), 4)}
        found += [f"{name}: {p!r}" for p in pieces if p in text]
    for line in PRIVATE_KEY.splitlines()[1:-1]:
        if line[:16] in text:
            found.append(f"private key: {line[:16]!r}")
    return found


@pytest.fixture(scope="module")
def result() -> RunResult:
    return RunResult(tuple(lint_text(data, name, Options()) for name, data in _files().items()))


def test_the_planted_files_have_findings_on_and_near_the_secrets(result: RunResult) -> None:
    by_file = {f.path: f for f in result.files}
    for name in ("planted.json", "planted.yaml", "planted-crlf.yaml"):
        rules = {d.rule for d in by_file[name].diagnostics}
        assert {"NF102", "NF103", "NF106"} <= rules, (name, rules)
    for name in ("broken.json", "broken.yaml"):
        assert by_file[name].diagnostics[0].rule == "NF001"


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_no_format_prints_a_secret(result: RunResult, fmt: str) -> None:
    out = REPORTERS[fmt](result, False)
    assert out.strip()
    assert not _leaks(out), f"{fmt}: {_leaks(out)}"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_no_format_prints_a_secret_from_the_command_line(tmp_path: Path, fmt: str) -> None:
    for name, data in _files().items():
        (tmp_path / name).write_bytes(data)
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "nflint", "check", "--isolated", "--format", fmt, str(tmp_path)],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr.decode()
    for stream in (done.stdout, done.stderr):
        text = stream.decode("utf-8")
        assert not _leaks(text), f"{fmt}: {_leaks(text)}"


def test_masks_keep_every_position(result: RunResult) -> None:
    """Same length, same line breaks: spans computed on the file still fit."""
    for f, (name, data) in zip(result.files, _files().items(), strict=True):
        assert f.path == name and f.source is not None
        original = data.decode()
        assert len(f.source) == len(original)
        assert [i for i, c in enumerate(f.source) if c in "\r\n"] == [
            i for i, c in enumerate(original) if c in "\r\n"
        ]


def test_the_snippets_still_show_the_findings(result: RunResult) -> None:
    text = REPORTERS["text"](result, False)
    assert '"billing": 3' in text or "billing: 3" in text
    assert "*" * 20 in text


def test_a_short_secret_is_masked_where_it_is_written(result: RunResult) -> None:
    json_file = next(f for f in result.files if f.path == "planted.json")
    assert json_file.source is not None
    assert f'"SHORT_PASS": "{SECRETS["short"]}"' not in json_file.source
    assert '"SHORT_PASS": "***"' in json_file.source


def test_findings_about_a_secret_value_do_not_quote_it() -> None:
    data = _template()
    credentials = data["spec"]["spec"]["steps"][2]["spec"]["credentials"]  # type: ignore[index]
    credentials["password"] = 424242424242  # type: ignore[index]
    found = lint_text(json.dumps(data), "t.json", Options())
    about = [d for d in found.diagnostics if d.pointer.endswith("/credentials/password")]
    assert about, "no finding about the number: the test needs one"
    for d in about:
        assert "424242424242" not in d.message + (d.hint or "")


# -- the masking itself ----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("DB_PASSWORD", True),
        ("clientSecret", True),
        ("apiKey", True),
        ("accessKey", True),
        ("token", True),
        ("secretType", False),
        ("tokenName", False),
        ("stateKey", False),
        ("key", False),
        ("keyName", False),
    ],
)
def test_secret_keys(key: str, secret: bool) -> None:
    assert secrets.is_secret_key(key) is secret


@pytest.mark.parametrize(
    "text",
    [
        "ghp_" + "x" * 36,
        "github_pat_" + "x" * 30,
        "AKIA" + "A" * 16,
        "xoxb-123456789012-abcdefghij",
        "eyJhbGciOiJI.eyJzdWIiOiIx.sig_nature",
        "glpat-" + "x" * 20,
        "sk_live_" + "x" * 16,
    ],
)
def test_token_shapes_are_masked(text: str) -> None:
    masked = redact.mask_text(f"value: {text} end")
    assert text not in masked and masked.startswith("value: ") and masked.endswith(" end")


def test_url_credentials_and_webhook_tokens_are_masked_but_not_the_host() -> None:
    masked = redact.mask_text("postgres://user:s3cr3tpw@db.example.com/app")
    assert "s3cr3tpw" not in masked and "db.example.com" in masked
    masked = redact.mask_text("https://x.io/hook?token=abcdef123456&page=2")
    assert "abcdef123456" not in masked and "page=2" in masked
    assert redact.mask_text("url: ${args.DB_URL} postgres://u:${args.PW}@h") == (
        "url: ${args.DB_URL} postgres://u:${args.PW}@h"
    )


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(codec="utf-8"), max_size=300))
def test_masking_keeps_length_and_line_breaks(text: str) -> None:
    masked = redact.mask_text(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"
    ]


def test_masking_hostile_text_keeps_its_length() -> None:
    """Long runs of the redactor's own pattern pieces: masked text keeps its
    length (the patterns' time on such text is screened, with every other
    pattern, in test_robust_regex.py; timing belongs there and in bench/)."""
    for unit in ("a", "a:", "a=", "://", "a.", "-----BEGIN RSA PRIVATE KEY-----", "eyJa.", "9"):
        text = unit * (200_000 // len(unit))
        assert len(redact.mask_text(text)) == len(text), unit


@pytest.mark.parametrize("escaped", [False, True])
def test_a_secret_on_a_shown_line_is_masked_however_it_is_written(escaped: bool) -> None:
    """A JSON document on one line, so that its secret is on the shown line:
    a value secret only by its place (a secret group's variable), written as
    it is or with an escape (``\\u0061`` for ``a``) that a search for the
    plain text would miss."""
    value = "only-by-place-value"
    group = {"kind": "SecretGroup", "spec": {"name": "sg", "secretType": "environment"}}
    group["spec"]["secrets"] = {"variables": {"REGION": value}}  # type: ignore[index]
    data = {"apiVersion": "v1.2", "name": "t", "spec": {"kind": "Workflow", "spec": {}}}
    data["spec"]["spec"] = {"type": "sequential", "steps": [group]}  # type: ignore[index]
    text = json.dumps(data)
    if escaped:
        text = text.replace(value, value.replace("a", "\\u0061"))
    assert ("\\u0061" in text) is escaped
    found = lint_text(text, "one-line.json", Options(doc_type="template"))
    assert found.diagnostics and found.source is not None
    assert {d.span.start.line for d in found.diagnostics if d.span} == {1}
    written = found.source.split('"REGION": "', 1)[1].split('"', 1)[0]
    assert set(written) == {"*"}, written
    assert len(found.source) == len(text)


def test_a_copy_of_a_secret_on_a_shown_line_is_masked_in_a_large_json_file() -> None:
    """Masking looks up only the values a report can show (the fast path for
    large JSON files): a secret group's value copied, far away, into a field
    that has a finding is still masked there, in the source and the message."""
    value = "cP9x-Q2mZ-7vKw"  # looks like a credential: masked wherever it is copied
    group = {"kind": "SecretGroup", "spec": {"name": "sg", "secretType": "environment"}}
    group["spec"]["secrets"] = {"variables": {"REGION": value}}  # type: ignore[index]
    filler = [{"kind": "Approval", "spec": {"amount": 1}} for _ in range(200)]
    wrong = {"kind": "Workflow", "spec": {"type": value, "steps": []}}
    data = {"apiVersion": "v1.2", "name": "t", "spec": {"kind": "Workflow", "spec": {}}}
    data["spec"]["spec"] = {"type": "sequential", "steps": [group, *filler, wrong]}  # type: ignore[index]
    text = json.dumps(data, indent=2)
    found = lint_text(text, "large.json", Options(doc_type="template"))
    (finding,) = (d for d in found.diagnostics if d.rule == "NF104")
    assert finding.span is not None and finding.span.start.line > 1000
    assert value not in (found.source or "")
    assert value not in finding.message
    assert len(found.source or "") == len(text)


def _corpus_documents() -> list[Path]:
    root = Path(__file__).resolve().parent / "data" / "corpus"
    return sorted(p for p in root.rglob("*") if p.suffix in (".json", ".yaml", ".yml"))


@pytest.mark.parametrize("within", [None, "shown"])
def test_secrets_read_from_the_analysis_equal_those_of_a_walk(within: str | None) -> None:
    """Masking reads a document's strings and numbers from the rules'
    analysis instead of walking the data again: on every corpus document and
    the planted secrets, both find the same secrets (with and without the
    shown-text filter)."""
    from nflint.analysis import walk
    from nflint.load import loader
    from nflint.northflank import detect
    from nflint.secrets import values

    texts = [(p.name, p.read_text(encoding="utf-8")) for p in _corpus_documents()]
    texts += [(name, data.decode("utf-8")) for name, data in _files().items()]
    compared = found = 0
    for name, text in texts:
        docs, _ = loader.load(text, name, loader.guess_format(name, text))
        for doc in docs:
            if not isinstance(doc.data, dict):
                continue
            doc_type = detect.choose_type(doc.data, None, None).type or "template"
            analyses = {doc.number: walk.analyze(doc, doc_type)}
            shown = text[: len(text) // 3] if within else None
            walked = values.find([doc], shown)
            read = values.find([doc], shown, analyses)
            assert sorted(read) == sorted(walked), name
            compared += 1
            found += len(walked)
    assert compared > 150 and found > 20, (compared, found)


def test_a_plain_word_in_a_secret_group_does_not_mask_the_messages_words() -> None:
    """A secret group value that is a plain word or a resource name is masked
    where it is written, not in every message that uses the word: the enum
    of another finding stays readable."""
    text = (
        "$schema: https://api.northflank.com/v1/schemas/template\n"
        "apiVersion: v1.2\nname: demo\nspec:\n  kind: Workflow\n  spec:\n"
        "    type: serial\n    context:\n      projectId: demo\n    steps:\n"
        "      - kind: SecretGroup\n        spec:\n          name: cfg\n"
        "          secretType: environment\n          secrets:\n            variables:\n"
        "              FLOW_MODE: sequential\n              DB_PASSWORD: xK9#mQ2$vL7p\n"
    )
    result = lint_text(text, "t.yaml")
    (finding,) = [d for d in result.diagnostics if d.rule == "NF104"]
    assert finding.message.endswith('expected "sequential" or "parallel"')
    source = result.source or ""
    assert "FLOW_MODE: **********" in source and "xK9#mQ2$vL7p" not in source
