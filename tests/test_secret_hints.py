"""`nflint.secrets` skips a shape's regex search when the string holds none
of the shape's needles (and every search when it holds no needle at all):
the needles must cover every match of their pattern, or credentials would
go unreported and unmasked. The same holds for the words that let a text be
searched for secret-looking keys."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nflint.secrets import shapes as secrets

#: one credential-looking string per shape of `secrets.SHAPES`, by description
SAMPLES = {
    "a private key": (
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsampleKEYbody0123456789\n"
        "-----END RSA PRIVATE KEY-----"
    ),
    "a GitHub token": "ghp_" + "a1B2c3D4e5F6g7H8i9J0" * 2,
    "a GitLab token": "glpat-" + "Ab3dEf6hIj9kLm2nOp5q",
    "an npm token": "npm_" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7dEf",
    "a Slack token": "xoxb-123456789012-Ab3dEf6hIj9kLm",
    "a Stripe key": "sk_live_" + "Ab3dEf6hIj9kLm2nOp",
    "a Stripe test key": "sk_test_" + "Ab3dEf6hIj9kLm2nOp",
    "an API key": "sk-" + "Ab3dEf6hIj9kLm2nOp5qRs8t",
    "a SendGrid API key": "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",
    "a Groq API key": "gsk_" + "Ab3dEf6hIj9kLm2nOp5qRs8t",
    "a Hugging Face token": "hf_" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z",
    "an AWS access key": "AKIA" + "Q3T7X2M9K4P8R6W1",
    "an AWS ID": "AIDA" + "Q3T7X2M9K4P8R6W1",
    "a Google API key": "AIza" + "Sy" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zA",
    "a Telegram bot token": "123456789:" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7",
    "a JSON Web Token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzYW1wbGUifQ.c2lnbmF0dXJlLXNhbXBsZQ",
    "a Slack webhook URL with its token": (
        "https://hooks.slack.com/services/T0AB12CD/B0CD34EF/abcdEFGHijklMNOPqrst"
    ),
    "a Discord webhook URL with its token": (
        "https://discord.com/api/webhooks/123456789/abcdEFGHijklMNOP-qrst_uv"
    ),
    "a Northflank webhook URL with its token": (
        "https://webhooks.northflank.com/abc-def/abcdEFGHijklMNOPqrst"
    ),
    "a URL with a password": "postgres://app:s3cr3tPW9@db:5432/app",
    "a URL with a token in its query": "https://api.example.com/v1?page=2&token=abcdEFGH1234",
}
SHAPES = {shape.what: shape for shape in secrets.SHAPES}


def compiled(shape: secrets.Shape) -> re.Pattern[str]:
    return re.compile(shape.pattern)


def test_one_sample_per_shape() -> None:
    assert len(SHAPES) == len(secrets.SHAPES), "two shapes with the same description"
    assert list(SAMPLES) == list(SHAPES)


@pytest.mark.parametrize("what", SAMPLES)
def test_each_match_holds_a_needle(what: str) -> None:
    shape, sample = SHAPES[what], SAMPLES[what]
    match = compiled(shape).search(sample)
    assert match, what
    assert any(needle in match.group() for needle in shape.needles), what
    assert secrets._any_needle().search(sample), "the pre-test rules it out"
    assert secrets.spans(sample)


@pytest.mark.parametrize("what", SAMPLES)
def test_nf220_reports_each_sample_unless_mask_only(what: str) -> None:
    shape, sample = SHAPES[what], SAMPLES[what]
    found = secrets.find(sample)
    if shape.report:
        assert found is not None and found.what == what
        match = compiled(shape).search(sample)
        assert match is not None and (found.start, found.end) == match.span(shape.group)
    else:
        assert found is None


def _pieces() -> list[str]:
    """Bits of every shape: needles, their neighbours, separators."""
    bits = {n for shape in secrets.SHAPES for n in shape.needles}
    bits |= {"a", "A", "0", "9", "_", "-", ".", "/", ":", "@", "?", "&", "=", "\n", " ", "${"}
    bits |= {"Ab3dEf6hIj", "1234567890", "QWERTYUIOP", "-----", "BEGIN ", "END ", "eyJ"}
    bits |= {"https://", "hooks.slack.com/services/", "T0/", "webhooks/1/", "token="}
    return sorted(bits)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=24))
def test_no_match_without_a_needle(pieces: list[str]) -> None:
    """Random texts built from the shapes' own pieces: every match of every
    shape holds one of its needles."""
    text = "".join(pieces)
    for shape in secrets.SHAPES:
        for match in re.finditer(shape.pattern, text):
            assert any(n in match.group() for n in shape.needles), (shape.what, text)


@pytest.mark.parametrize(
    "name",
    sorted(
        secrets._LAST_WORDS
        | secrets._ENV_WORDS
        | {"PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "API_KEY"}
        | {"ACCESS_KEY", "PRIVATEKEY", "CREDENTIAL", "AUTH_KEY", "ENCRYPTIONKEY", "SIGNING_KEY"}
        | {"GITHUB_PAT", "PAT", "STRIPE_KEY", "KEY", "DSN", "DB_PASS", "clientSecret", "apiKey"}
    ),
)
def test_every_secret_name_holds_a_name_needle(name: str) -> None:
    """A text is searched for ``KEY: value`` pairs only when it holds one of
    `secrets.NAME_NEEDLES`: every name that counts must hold one."""
    assert secrets.is_secret_variable(name) or secrets.is_secret_key(name), name
    assert any(needle in name.lower() for needle in secrets.NAME_NEEDLES), name


def test_what_nf220_reports_by_name_is_masked_by_name() -> None:
    """NF220's names (stricter) are all secret variables for masking."""
    for name in ("MYSQLPASSWORD", "NGROK_AUTHTOKEN", "dbPassword", "GITHUB_PAT", "DSN"):
        assert secrets.find("q8Zt3Lm0Vx1pR", name) is not None, name
        assert secrets.is_secret_variable(name), name
    assert secrets.find("q8Zt3Lm0Vx1pR", "TOKEN_URL") is None  # not reported...
    assert secrets.is_secret_variable("TOKEN_URL")  # ...but masked all the same


def test_the_written_out_needle_pattern_is_the_shapes_one() -> None:
    """`NEEDLE_PATTERN` is `needle_pattern(SHAPES)` written out (building it
    at run time cost 1.7 ms of every run): a shape added or changed must
    update it."""
    assert secrets.needle_pattern(secrets.SHAPES) == secrets.NEEDLE_PATTERN
