"""`nflint.secrets` skips a pattern's regex search when the string holds
none of the pattern's hint substrings: each hint list must cover every
match of its pattern, or credentials would go unreported."""

from __future__ import annotations

import pytest

from nflint import secrets

#: one credential-looking string per pattern, in the order of _TOKENS + _WEBHOOKS
SAMPLES = [
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEow",
    "ghp_" + "a" * 36,
    "glpat-" + "a" * 20,
    "xoxb-" + "1" * 12,
    "sk_live_" + "a" * 16,
    "sk-" + "a" * 24,
    "gsk_" + "a" * 24,
    "hf_" + "a" * 32,
    "AKIA" + "A" * 16,
    "AIza" + "a" * 35,
    "123456789:" + "a" * 35,
    "eyJ" + "a" * 12 + ".eyJ" + "b" * 12 + "." + "c" * 12,
    "https://hooks.slack.com/services/T000/B000/" + "a" * 24,
    "https://discord.com/api/webhooks/123/" + "a" * 24,
    "https://webhooks.northflank.com/abc/" + "a" * 24,
    "postgres://user:hunter2pass@db:5432/app",
    "https://example.com/x?token=" + "a" * 16,
]
PATTERNS = [*secrets._TOKENS, *secrets._WEBHOOKS]
HINTS = [*secrets._TOKEN_HINTS, *secrets._WEBHOOK_HINTS]


def test_one_hint_list_per_pattern() -> None:
    assert len(HINTS) == len(PATTERNS) == len(SAMPLES)


@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_each_match_holds_a_hint(index: int) -> None:
    (what, pattern), hints, sample = PATTERNS[index], HINTS[index], SAMPLES[index]
    match = pattern.search(sample)
    assert match, what
    assert any(hint in match.group() for hint in hints), what
    found = secrets.find(sample)
    assert found is not None and found.what == what
