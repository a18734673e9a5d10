"""Checking the values of config keys (`nflint.config`).

Each reader takes one raw value as TOML or YAML gave it, the key as the user
wrote it (quoted, for messages) and the config file's path, and returns the
value in its normalised, frozen form, or raises `ConfigError` with one line
naming the file and the key. Rule references become ids or id prefixes
(`rule_ref`).
"""

from __future__ import annotations

import functools
import os
import re
from typing import NamedTuple

from nflint import messages
from nflint.diagnostics import Severity
from nflint.northflank import doctypes

SEVERITIES = ("error", "warning", "info")
SUPPRESS_KEYS = ("files", "rules", "pointer", "reason")


class ConfigError(Exception):
    """A configuration problem, as one line of text for the user."""


class Suppression(NamedTuple):
    """A config-level suppression (JSON files cannot carry comments): the
    rules to silence in files matching ``files``, optionally only at and
    below ``pointer``."""

    files: tuple[str, ...]
    rules: tuple[str, ...]
    pointer: str | None = None
    reason: str | None = None
    #: "file: suppress[N]", for messages about an unused suppression
    origin: str = ""


def quote(value: object) -> str:
    """``value`` as JSON, never shortened: a config error shows all it quotes."""
    return messages.quote(value, limit=None)


def _where(path: str, key: str) -> str:
    return f"{path}: {key}" if path else key


def strings(value: object, key: str, path: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(path, key)}: expected a list of strings, got {quote(value)}")
    return list(value)


def globs(value: object, key: str, path: str) -> tuple[str, ...]:
    patterns = strings(value, key, path)
    for glob in patterns:
        if not glob.strip():
            raise ConfigError(f"{_where(path, key)}: an empty glob matches nothing")
    return tuple(patterns)


@functools.cache
def _rule_index() -> tuple[frozenset[str], dict[str, str]]:
    from nflint.rules.registry import all_rules  # noqa: PLC0415

    rules = all_rules()
    return frozenset(rules), {r.name: r.id for r in rules.values()}


def rule_ref(ref: str) -> str | None:
    """The id or id prefix ``ref`` stands for, or None if it names nothing."""
    ids, names = _rule_index()
    if ref.lower() in names:
        return names[ref.lower()]
    upper = ref.upper()
    if re.fullmatch(r"NF[0-9]*", upper) and any(i.startswith(upper) for i in ids):
        return upper
    return None


def rule_list(refs: list[str], key: str, path: str) -> tuple[str, ...]:
    out: list[str] = []
    for ref in refs:
        found = rule_ref(ref)
        if found is None:
            raise ConfigError(
                f"{_where(path, key)}: {quote(ref)} is not a rule id, id prefix or rule name "
                "(see 'nflint rules')"
            )
        out.append(found)
    return tuple(out)


def severity(value: object, key: str, path: str) -> Severity:
    if not isinstance(value, str) or value.lower() not in SEVERITIES:
        raise ConfigError(
            f"{_where(path, key)}: expected one of {', '.join(map(quote, SEVERITIES))}, "
            f"got {quote(value)}"
        )
    return Severity.parse(value)


def _table(value: object, key: str, path: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{_where(path, key)}: expected a table (mapping), got {quote(value)}")
    return {str(k): v for k, v in value.items()}


def severity_table(value: object, key: str, path: str) -> tuple[tuple[str, Severity], ...]:
    out = []
    for ref, level in _table(value, key, path).items():
        (rule,) = rule_list([ref], f"{key}.{quote(ref)}", path)
        out.append((rule, severity(level, f"{key}.{quote(ref)}", path)))
    return tuple(out)


def types_table(value: object, key: str, path: str) -> tuple[tuple[str, str], ...]:
    out = []
    for glob, doc_type in _table(value, key, path).items():
        if doc_type not in doctypes.NAMES:
            close = messages.did_you_mean(doc_type, doctypes.NAMES)
            expected = f"did you mean {quote(close)}?" if close else (
                f"expected one of {', '.join(map(quote, doctypes.NAMES))}"
            )
            raise ConfigError(
                f"{_where(path, f'{key}.{quote(glob)}')}: "
                f"{quote(doc_type)} is not a document type; {expected}"
            )
        out.append((glob, str(doc_type)))
    return tuple(out)


def per_file_ignores(value: object, key: str, path: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for glob, refs in _table(value, key, path).items():
        sub = f"{key}.{quote(glob)}"
        out.append((glob, rule_list(strings(refs, sub, path), sub, path)))
    return tuple(out)


def suppress_list(value: object, key: str, path: str) -> tuple[Suppression, ...]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"{_where(path, key)}: expected a list of tables, got {quote(value)}")
    out = []
    for number, item in enumerate(value):
        sub = f"{key}[{number}]"
        entry = _table(item, sub, path)
        for name in entry:
            if name not in SUPPRESS_KEYS:
                raise ConfigError(
                    f"{_where(path, f'{sub}.{quote(name)}')}: unknown key; "
                    f"expected {', '.join(map(quote, SUPPRESS_KEYS))}"
                )
        for required in ("files", "rules"):
            if required not in entry:
                raise ConfigError(f"{_where(path, sub)}: {quote(required)} is required")
        pointer = entry.get("pointer")
        if pointer is not None and (not isinstance(pointer, str) or pointer[:1] not in ("", "/")):
            where = _where(path, sub + '."pointer"')
            raise ConfigError(
                f'{where}: expected a JSON pointer such as "/spec/steps/0", got {quote(pointer)}'
            )
        reason = entry.get("reason")
        if reason is not None and not isinstance(reason, str):
            where = _where(path, sub + '."reason"')
            raise ConfigError(f"{where}: expected a string, got {quote(reason)}")
        rules_key = f'{sub}."rules"'
        out.append(
            Suppression(
                files=globs(entry["files"], f'{sub}."files"', path),
                rules=rule_list(strings(entry["rules"], rules_key, path), rules_key, path),
                pointer=pointer,
                reason=reason,
                origin=f"{os.path.basename(path)} suppress[{number}]",
            )
        )
    return tuple(out)
