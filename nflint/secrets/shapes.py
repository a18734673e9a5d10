"""What a credential looks like: the one detector behind rule NF220 (a
credential written in the file) and `nflint.redact` (no output shows one).

- by shape: `SHAPES`, one row per token format (private keys, GitHub,
  GitLab, npm, Slack, Stripe, OpenAI-style ``sk-``, SendGrid, Groq, Hugging
  Face, AWS, Google, Telegram, JWTs, webhook URLs, URL passwords, secret
  query parameters). NF220 reports them (`find`); redact masks their
  secret part (`spans`), also where NF220 does not report them (``report``);
- by name: `is_secret_key` (a key that holds a credential wherever it is:
  ``password``, ``clientSecret``, ``apiKey``), `is_secret_variable` (an
  environment variable or argument: ``DB_PASSWORD``, ``STRIPE_KEY``) and,
  stricter, what NF220 reports by name (`find` with a ``name``).

Nothing is compiled at import (the linter starts on every commit): the
patterns are compiled on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from nflint.messages import quote


class Shape(NamedTuple):
    """One credential format."""

    #: what NF220 says: "this looks like {what} in plain text"
    what: str
    #: substrings one of which every match contains: the pattern is searched
    #: only when one is in the text (tests/test_secret_hints.py checks them)
    needles: tuple[str, ...]
    #: a regular expression that runs in linear time: no nested or
    #: overlapping quantifiers (tests/test_robust_regex.py times them)
    pattern: str
    #: the secret part (0: the whole match): output masks it, NF220 points
    #: at it and quotes its first characters
    group: int = 0
    #: False: output masks it, NF220 does not report it (no credential on
    #: its own, or one published everywhere: reporting it would cry wolf)
    report: bool = True
    #: NF220 reports a secret part this long or longer (output masks any)
    shortest: int = 1


_AWS_KEYS = ("AKIA", "ASIA")
#: AWS unique IDs of users, roles, groups, policies, certificates...: not
#: credentials, but they tell accounts apart (masked, not reported)
_AWS_IDS = ("ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA")
_KEY_LINE = r"[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"

SHAPES: tuple[Shape, ...] = (
    Shape(
        "a private key",
        ("PRIVATE KEY",),
        # the whole block: header, body (real or JSON-escaped line breaks), footer
        rf"-----BEGIN{_KEY_LINE}"
        r"(?:(?!-----)[A-Za-z0-9+/=:,.\- \t\r\n]|\\[nrt/])*"
        rf"(?:-----END{_KEY_LINE})?",
    ),
    Shape(
        "a GitHub token",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        r"\b(?:gh[pousr]_\w{36,}|github_pat_\w{22,})",
    ),
    Shape("a GitLab token", ("glpat-",), r"\bglpat-[A-Za-z0-9_\-]{20,}"),
    Shape("an npm token", ("npm_",), r"\bnpm_[A-Za-z0-9]{36,}"),
    Shape("a Slack token", ("xox", "xapp-"), r"\b(?:xox[abposr]|xapp-[0-9])-[A-Za-z0-9\-]{10,}"),
    Shape("a Stripe key", ("k_live_",), r"\b[sr]k_live_[A-Za-z0-9]{16,}"),
    # test-mode keys move no money, and documentation and examples publish them
    Shape("a Stripe test key", ("k_test_",), r"\b[sr]k_test_[A-Za-z0-9]{16,}", report=False),
    Shape("an API key", ("sk-",), r"\bsk-[A-Za-z0-9_\-]{20,}"),  # OpenAI, Anthropic...
    Shape("a SendGrid API key", ("SG.",), r"\bSG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"),
    Shape("a Groq API key", ("gsk_",), r"\bgsk_[A-Za-z0-9]{20,}"),
    Shape("a Hugging Face token", ("hf_",), r"\bhf_[A-Za-z0-9]{30,}"),
    Shape("an AWS access key", _AWS_KEYS, rf"\b(?:{'|'.join(_AWS_KEYS)})[0-9A-Z]{{16}}\b"),
    Shape("an AWS ID", _AWS_IDS, rf"\b(?:{'|'.join(_AWS_IDS)})[0-9A-Z]{{16}}\b", report=False),
    Shape("a Google API key", ("AIza",), r"\bAIza[0-9A-Za-z_\-]{35}"),
    Shape(
        "a Telegram bot token",
        tuple(f"{digit}:" for digit in "0123456789"),
        r"\b[0-9]{8,10}:[A-Za-z0-9_\-]{35}\b",
    ),
    Shape(
        "a JSON Web Token",
        ("eyJ",),
        r"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*",
    ),
    # webhook URLs: the last segment of the path is the token (the
    # workspace, app and channel IDs before it are not secret)
    Shape(
        "a Slack webhook URL with its token",
        ("hooks.slack.com/",),
        r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9]+/[A-Za-z0-9]+/"
        r"(?:[0-9]+/)?([A-Za-z0-9]{8,})",
        1,
    ),
    Shape(
        "a Discord webhook URL with its token",
        ("discord",),
        r"discord(?:app)?\.com/api/webhooks/[0-9]+/([\w\-]{8,})",
        1,
    ),
    Shape(
        "a Northflank webhook URL with its token",
        ("webhooks.northflank.com/",),
        r"webhooks\.northflank\.com/[\w\-]+/([\w\-]{8,})",
        1,
    ),
    # scheme://user:password@host (bounded runs: each "://" costs at most
    # 768 steps, however hostile the text)
    Shape(
        "a URL with a password",
        ("://",),
        r"://[^\s/:@\"'<>]{0,256}:([^\s/@\"'<>]{1,512})@",
        1,
        shortest=3,  # "redis://:x@host" is a demo, not a password
    ),
    Shape(
        "a URL with a token in its query",
        ("=",),
        r"(?i)[?&](?:access_token|token|api_?key|key|secret|password|signature|sig|auth)="
        r"([^&\s\"'#<>]+)",
        1,
        shortest=8,  # "?key=abc12", "?sig=v1": examples and versions, not tokens
    ),
)

#: texts at least this long skip the one-search pre-test: it would nearly
#: always pass, and the needle tests alone are cheaper
_LONG = 512


class Finding(NamedTuple):
    """What kind of credential, and where its secret part is in the string."""

    what: str
    start: int
    end: int


#: `needle_pattern` of `SHAPES`, written out: building it costs more than a
#: small run's whole check (tests/test_secret_hints.py keeps the two equal)
NEEDLE_PATTERN = (
    r"0:|1:|2:|3:|4:|5:|6:|7:|8:|9:|://|=|A(?:BIA|CCA|GPA|I(?:DA|PA|za)|KIA|N(?:PA|VA)|PKA|"
    r"ROA|S(?:CA|IA))|PRIVATE\ KEY|SG\.|discord|eyJ|g(?:h(?:o_|p_|r_|s_|u_)|ithub_pat_|"
    r"lpat\-|sk_)|h(?:f_|ooks\.slack\.com/)|k(?:_(?:live_|test_))|npm_|sk\-|"
    r"webhooks\.northflank\.com/|x(?:app\-|ox)"
)


@functools.cache
def _any_needle() -> re.Pattern[str]:
    """Any needle: one search rules out every shape for most strings."""
    return re.compile(NEEDLE_PATTERN)


def needle_pattern(shapes: tuple[Shape, ...]) -> str:
    """A pattern that finds any needle of ``shapes``."""
    needles = {n for shape in shapes for n in shape.needles}
    # a needle that holds another is implied by it: keep the shortest
    needles = {n for n in needles if not any(o != n and o in n for o in needles)}
    return _any_of(sorted(needles))


def _any_of(words: list[str]) -> str:
    """A pattern that matches any of ``words`` (none a prefix of another),
    as a tree: ``g(?:h(?:o_|p_)|sk_)`` tests each character once, where
    ``gho_|ghp_|gsk_`` tests every word in turn."""
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    branches = []
    for head, rest in tails.items():
        if rest == [""]:
            branches.append(re.escape(head))
        elif len(rest) == 1:
            branches.append(re.escape(head) + _any_of(rest))
        else:
            branches.append(f"{re.escape(head)}(?:{_any_of(rest)})")
    return "|".join(branches)


def _may_match(text: str) -> bool:
    """One search that rules out every shape for nearly every string."""
    return len(text) >= _LONG or _any_needle().search(text) is not None


def _scan(text: str) -> Iterator[tuple[Shape, re.Match[str]]]:
    """Every match of every shape in ``text``, in the order of `SHAPES`,
    but those whose secret part is a template expression (``${...}``): a
    reference, not a secret."""
    for shape in SHAPES:
        for needle in shape.needles:  # a loop, not any(<generator>): it is hot
            if needle in text:
                break
        else:
            continue  # cannot match: skip the search (and its compilation)
        for match in _rx(shape.pattern).finditer(text):
            if "${" not in match.group(shape.group):
                yield shape, match


def spans(text: str) -> list[tuple[int, int]]:
    """Where the secret parts of every shape are in ``text`` (to mask them)."""
    if not _may_match(text):
        return []
    return [match.span(shape.group) for shape, match in _scan(text)]


def find(value: str, name: str | None = None) -> Finding | None:
    """The credential NF220 reports in ``value``, if it looks like one.
    ``name`` is the key it is stored under when that key is a variable name
    (arguments, environment, secret variables): secret-sounding names make
    any literal of some length suspicious."""
    if _may_match(value):
        for shape, match in _scan(value):
            secret = match.group(shape.group)
            if shape.report and len(secret) >= shape.shortest and not _placeholder(secret):
                return Finding(shape.what, *match.span(shape.group))
    if name is not None and _named_secret(name, value):
        start = len(value) - len(value.lstrip())
        end = len(value.rstrip())
        return Finding(f"a value for the secret-looking name {quote(name)}", start, end)
    return None


# -- by name ------------------------------------------------------------------

#: words that make a key a credential when they end it, anywhere
_LAST_WORDS = frozenset(
    {"password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "privatekey"}
)
#: "...Key" is a credential after these words ("accessKey", not "stateKey")
_KEY_QUALIFIERS = frozenset(
    {"api", "private", "secret", "access", "application", "client", "encryption", "signing"}
)
#: words that make an environment variable or argument a credential
_ENV_WORDS = _LAST_WORDS | frozenset(
    {"pass", "key", "auth", "credential", "credentials", "private", "dsn", "salt", "cookie"}
)
#: the objects whose keys are environment variable or argument names (NF220
#: reports and output masks credential-named values in them)
VARIABLE_MAPS = frozenset(
    {
        "runtimeEnvironment",
        "buildArguments",
        "arguments",
        "argumentOverrides",
        "runOnCreationArgumentOverrides",
    }
)
#: credential words in a name in UPPER_SNAKE case (``PGPASSWORD``, ``NPMTOKEN``
#: and ``CLIENT_SECRET`` hold one)
_SECRET_WORDS = (
    r"PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL"
    r"|AUTH_?KEY|ENCRYPTION_?KEY|SIGNING_?KEY"
)
_SHORT_NAMES = r"(?:^|_)PAT$|(?:^|_)KEY$|^DSN$|(?:^|_)PASS$"
#: secret variables for masking: a credential word anywhere in the name
_SECRET_NAME = rf"{_SECRET_WORDS}|{_SHORT_NAMES}"
#: NF220's names: a credential word that ends where a word of the name ends
#: (``TOKENIZER_MODEL`` and ``SECRETARY_EMAIL`` are not credentials). Every
#: one is also a `_SECRET_NAME`, so what NF220 reports is masked in output.
_REPORTED_NAME = rf"(?:{_SECRET_WORDS})S?(?=_|[0-9]|$|KEY)|{_SHORT_NAMES}"
#: a credential word that ends the name (the value is one, whatever it is)
_ENDING_NAME = rf"(?:{_SECRET_WORDS})S?$|{_SHORT_NAMES}"
#: ...unless the name says the value is not the secret itself (NF220 only:
#: output masks ``TOKEN_URL`` all the same)
_NOT_SECRET_NAME = (
    r"PUBLIC|PUBLISHABLE|_ID$|_IDS$|_NAME$|_USER(NAME)?$|_URL$|_URI$|_PATH$|_FILE$|LIMIT|_TTL$"
    r"|EXPIR|_LENGTH$|_SIZE$|_COUNT$|_ENABLED$|_TYPE$|_HEADER$"
)
_PLACEHOLDER = (
    r"^(?:<.*>|\[.*\]|\{\{.*\}\}|[x*.#_-]+|change[-_ ]?me.*|your[-_ ].*|replace[-_ ]?me.*"
    r"|todo|tbd|placeholder.*|example.*|dummy.*|sample.*|none|null|undefined|secret|password"
    r"|true|false|(?-i:[A-Z]+(?:_[A-Z]+)+))$"
)
#: every secret-looking name, lowercased, contains one of these (a cheap
#: test before searching a text for keys; tests/test_secret_hints.py checks)
NAME_NEEDLES = (
    "pass",
    "pwd",
    "secret",
    "token",
    "key",
    "auth",
    "credential",
    "private",
    "dsn",
    "salt",
    "cookie",
    "pat",
)


_WORD = r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+"
_CAMEL = r"([a-z0-9])([A-Z])"
_NOT_NAME_CHAR = r"[^A-Z0-9]+"


@functools.cache
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled, on first use."""
    return re.compile(pattern, flags)


def words(key: str) -> list[str]:
    """The words of a key, lowercased: ``clientSecret`` -> client, secret."""
    return [w.lower() for w in _rx(_WORD).findall(key)]


def _upper_snake(name: str) -> str:
    """``dbPassword``, ``db-password`` -> ``DB_PASSWORD``."""
    return _rx(_NOT_NAME_CHAR).sub("_", _rx(_CAMEL).sub(r"\1_\2", name).upper())


def is_secret_key(key: str) -> bool:
    """A key whose value is a credential wherever it is: it ends in
    ``password``, ``secret``, ``token``, ``apiKey``, ``accessKey``..."""
    return _ends_secret(words(key))


def _ends_secret(found: list[str]) -> bool:
    if not found:
        return False
    last = found[-1]
    if last in _LAST_WORDS or "".join(found[-2:]) in _LAST_WORDS:
        return True
    return last == "key" and len(found) > 1 and found[-2] in _KEY_QUALIFIERS


def is_secret_variable(key: str) -> bool:
    """An environment variable or argument that holds a credential (for
    masking: broad, ``AUTH_MODE`` too; every name NF220 reports is one)."""
    found = words(key)
    return (
        not _ENV_WORDS.isdisjoint(found)
        or _ends_secret(found)
        or _rx(_SECRET_NAME).search(_upper_snake(key)) is not None
    )


def ends_in_credential(name: str) -> bool:
    """The last word of ``name`` is a credential word (``DB_PASSWORD``,
    ``clientSecret``, ``STRIPE_KEY``, ``PGPASSWORD``); ``TOKEN_ENDPOINT``
    and ``secretGroups`` only mention one."""
    return _ends_secret(words(name)) or _rx(_ENDING_NAME).search(_upper_snake(name)) is not None


def _named_secret(name: str, value: str) -> bool:
    """NF220: a literal that looks like a credential under a name that says
    it is one (stricter than `is_secret_variable`)."""
    upper = _upper_snake(name)
    if not _rx(_REPORTED_NAME).search(upper) or _rx(_NOT_SECRET_NAME).search(upper):
        return False
    text = value.strip()
    if len(text) < 8 or "${" in text or " " in text or _placeholder(text):
        return False
    if len(set(text)) <= 2:
        return False
    if not ends_in_credential(name) and not looks_like_credential(text):
        return False  # TOKEN_AUDIENCE: payments-api
    if _rx(_ID_HOLDER).search(upper) and _rx(_RESOURCE_ID).match(text):
        return False  # REGISTRY_CREDENTIALS: ghcr-readonly, the id of a credential
    return any(c.isalpha() for c in text)


#: names that in Northflank usually hold the id of a credential or secret
#: resource (a registry's ``credentials``, a secret's id), not its value
_ID_HOLDER = r"(?:CREDENTIALS?|SECRETS?)$"
#: a Northflank resource id: lowercase words joined by hyphens
_RESOURCE_ID = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$"


_URL = r"^[A-Za-z][A-Za-z0-9+.\-]*://\S*$"
_NUMBER = r"^[+\-]?[0-9]+(?:\.[0-9]+)?$"
#: plain words and resource names (``payments-api``, ``shared_secrets``,
#: ``Billing``): a first word may carry up to two digits
#: (``n8n-secrets``, ``k8s``, ``auth0``), never a run of them (``f3a9c2e1``)
_WORDS = r"^[A-Za-z][a-z]*[0-9]{0,2}[a-z]*(?:[\-_. /:][A-Za-z0-9][a-z0-9]*)*$"


def looks_like_credential(value: str) -> bool:
    """False for what a credential never is on its own: a URL (one with a
    password is found by its shape), a number, plain words, a resource name
    or id (``payments-api``, ``nf-compute-20``)."""
    text = value.strip()
    return not (
        _rx(_URL).match(text) or _rx(_NUMBER).match(text) or _rx(_WORDS).match(text)
    )


def _placeholder(text: str) -> bool:
    """``<password>``, ``changeme``, ``xxxx``...: not a credential."""
    return "<" in text or _rx(_PLACEHOLDER, re.IGNORECASE).match(text) is not None


# -- messages ---------------------------------------------------------------------


def mask(value: str, start: int, end: int) -> str:
    """The first characters of ``value[start:end]`` and an ellipsis, quoted."""
    secret = value[start:end]
    shown = secret[: min(4, max(1, len(secret) // 3))]
    return quote(shown + "…")
