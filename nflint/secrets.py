"""Heuristics for credentials written in plain text (rule NF220).

`find` returns what kind of credential a string holds and where it is in
the string (decoded offsets), never the value: messages show at most the
first characters (`mask`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: well-known token formats: (description, pattern of the secret part)
_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a private key", re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")),
    ("a GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{22,})")),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("a Stripe key", re.compile(r"\b[sr]k_live_[A-Za-z0-9]{16,}")),
    ("an API key", re.compile(r"\bsk-[A-Za-z0-9_-]{20,}")),
    ("a Groq API key", re.compile(r"\bgsk_[A-Za-z0-9]{20,}")),
    ("a Hugging Face token", re.compile(r"\bhf_[A-Za-z0-9]{30,}")),
    ("an AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    ("a Telegram bot token", re.compile(r"\b\d{8,10}:[A-Za-z0-9_-]{35}\b")),
    (
        "a JSON Web Token",
        re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
    ),
)
#: webhook URLs whose last path segment (group 1) is the secret
_WEBHOOKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a Slack webhook URL with its token",
        re.compile(r"https://hooks\.slack\.com/services/[A-Z0-9]+/[A-Z0-9]+/([A-Za-z0-9]{8,})"),
    ),
    (
        "a Discord webhook URL with its token",
        re.compile(r"https://(?:\w+\.)?discord(?:app)?\.com/api/webhooks/\d+/([\w-]{8,})"),
    ),
    (
        "a Northflank webhook URL with its token",
        re.compile(r"https://webhooks\.northflank\.com/[\w-]+/([\w-]{8,})"),
    ),
    ("a URL with a password", re.compile(r"\b[a-zA-Z][\w+.-]*://[^/\s:@]+:([^@\s/]{3,})@")),
    (
        "a URL with a token in its query",
        re.compile(
            r"[?&](?:token|access_token|api_key|apikey|key|secret|signature|sig|password)="
            r"([^&#\s]{8,})",
            re.IGNORECASE,
        ),
    ),
)
_SECRET_NAME = re.compile(
    r"PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL"
    r"|AUTH_?KEY|ENCRYPTION_?KEY|SIGNING_?KEY|(?:^|_)PAT$|(?:^|_)KEY$|^DSN$|(?:^|_)PASS$"
)
_NOT_SECRET_NAME = re.compile(
    r"PUBLIC|PUBLISHABLE|_ID$|_IDS$|_NAME$|_USER(NAME)?$|_URL$|_URI$|_PATH$|_FILE$|LIMIT|_TTL$"
    r"|EXPIR|_LENGTH$|_SIZE$|_COUNT$|_ENABLED$|_TYPE$|_HEADER$"
)
_PLACEHOLDER = re.compile(
    r"^(?:<.*>|\[.*\]|\{\{.*\}\}|[x*.#_-]+|change[-_ ]?me.*|your[-_ ].*|replace[-_ ]?me.*"
    r"|todo|tbd|placeholder.*|example.*|dummy.*|sample.*|none|null|undefined|secret|password"
    r"|true|false|(?-i:[A-Z]+(?:_[A-Z]+)+))$",
    re.IGNORECASE,
)


#: for each pattern of _TOKENS and _WEBHOOKS (same order), substrings one of
#: which every match contains: ``find`` runs on every long string of the
#: document, and a few ``in`` tests skip nearly all regex searches (keep each
#: hint in step with its pattern; tests/test_secret_hints.py checks them)
_TOKEN_HINTS: tuple[tuple[str, ...], ...] = (
    ("-----BEGIN ",),
    ("gh", "github_pat_"),
    ("glpat-",),
    ("xox",),
    ("k_live_",),
    ("sk-",),
    ("gsk_",),
    ("hf_",),
    ("AKIA", "ASIA"),
    ("AIza",),
    (":",),
    ("eyJ",),
)
_WEBHOOK_HINTS: tuple[tuple[str, ...], ...] = (
    ("https://hooks.slack.com/services/",),
    ("/api/webhooks/",),
    ("https://webhooks.northflank.com/",),
    ("://",),
    ("=",),
)
#: any hint at all: one search that rules out every pattern for most strings
_ANY_HINT = re.compile(
    "|".join(re.escape(hint) for hints in _TOKEN_HINTS + _WEBHOOK_HINTS for hint in hints)
)
_CHECKED_TOKENS = tuple(zip(_TOKENS, _TOKEN_HINTS, strict=True))
_CHECKED_WEBHOOKS = tuple(zip(_WEBHOOKS, _WEBHOOK_HINTS, strict=True))
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_NOT_NAME_CHAR = re.compile(r"[^A-Z0-9]+")


@dataclass(frozen=True, slots=True)
class Finding:
    """What kind of credential, and where its secret part is in the string."""

    what: str
    start: int
    end: int


def find(value: str, name: str | None = None) -> Finding | None:
    """The credential in ``value``, if it looks like one. ``name`` is the key
    it is stored under when that key is a variable name (arguments,
    environment, secret variables): secret-sounding names make any literal
    of some length suspicious."""
    if ("PRIVATE KEY-----" in value or "://" in value or len(value) >= 16) and _ANY_HINT.search(
        value
    ):
        for (what, pattern), hints in _CHECKED_TOKENS:
            for hint in hints:  # a loop, not any(<generator>): 17 per long string
                if hint in value:
                    break
            else:
                continue  # cannot match: skip the search
            match = pattern.search(value)
            if match:
                return Finding(what, match.start(), match.end())
        for (what, pattern), hints in _CHECKED_WEBHOOKS:
            for hint in hints:  # a loop, not any(<generator>): 17 per long string
                if hint in value:
                    break
            else:
                continue  # cannot match
            match = pattern.search(value)
            if match and _literal(match.group(1)):
                return Finding(what, match.start(1), match.end(1))
    if name is not None and _named_secret(name, value):
        start = len(value) - len(value.lstrip())
        end = len(value.rstrip())
        return Finding(f"a value for the secret-looking name {_quote(name)}", start, end)
    return None


def _literal(secret: str) -> bool:
    """Not an expression and not a placeholder such as ``<password>``."""
    return "${" not in secret and "<" not in secret and not _PLACEHOLDER.match(secret)


def _named_secret(name: str, value: str) -> bool:
    spaced = _CAMEL.sub(r"\1_\2", name).upper()
    upper = _NOT_NAME_CHAR.sub("_", spaced)
    if not _SECRET_NAME.search(upper) or _NOT_SECRET_NAME.search(upper):
        return False
    text = value.strip()
    if len(text) < 8 or "${" in text or " " in text or _PLACEHOLDER.match(text):
        return False
    if len(set(text)) <= 2:
        return False
    return any(c.isalpha() for c in text)


def mask(value: str, start: int, end: int) -> str:
    """The first characters of ``value[start:end]`` and an ellipsis, quoted."""
    secret = value[start:end]
    shown = secret[: min(4, max(1, len(secret) // 3))]
    return _quote(shown + "…")


def _quote(text: str) -> str:
    import json  # noqa: PLC0415

    return json.dumps(text, ensure_ascii=False)
