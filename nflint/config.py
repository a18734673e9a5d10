"""Project configuration: find it, read it, check it, freeze it.

Sources, the first found walking up from the working directory (stopping at
the directory that holds ``.git``): ``.nflint.toml``, ``.nflint.yaml`` /
``.nflint.yml``, then ``pyproject.toml`` with a ``[tool.nflint]`` table.
``--config PATH`` names one file; ``--isolated`` uses none. There is no
user-global config, so CI and laptops agree.

Every key is checked; a problem is a `ConfigError` whose text is one line
naming the file and the key. Rule references are ids (``NF102``), id
prefixes (``NF1``) or names (``unknown-key``); between ``select`` and
``ignore`` the longest matching prefix wins, ``ignore`` on a tie.

Globs (`nflint.globs`) are matched against paths relative to the directory
of the config file (the working directory without one).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from nflint import doctype
from nflint.diagnostics import Severity
from nflint.globs import glob_match

CONFIG_NAMES = (".nflint.toml", ".nflint.yaml", ".nflint.yml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
KEYS = (
    "select",
    "ignore",
    "severity",
    "include",
    "exclude",
    "types",
    "per-file-ignores",
    "fail-on",
    "suppress",
)
SUPPRESS_KEYS = ("files", "rules", "pointer", "reason")
DEFAULT_INCLUDE = ("*.json", "*.yaml", "*.yml")


class ConfigError(Exception):
    """A configuration problem, as one line of text for the user."""


@dataclass(frozen=True, slots=True)
class Suppression:
    """A config-level suppression (JSON files cannot carry comments): the
    rules to silence in files matching ``files``, optionally only at and
    below ``pointer``."""

    files: tuple[str, ...]
    rules: tuple[str, ...]
    pointer: str | None = None
    reason: str | None = None
    #: "file: suppress[N]", for messages about an unused suppression
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Config:
    """The settings of one run. Rule references are normalised to ids or
    id prefixes; ``select=None`` means every rule."""

    path: str | None = None
    root: str = "."
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    types: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.ERROR
    suppress: tuple[Suppression, ...] = ()

    def relative(self, path: str) -> str:
        """``path`` relative to the config root, with ``/`` separators."""
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        return rel.replace(os.sep, "/")

    def enabled(self, rule: str, rel: str) -> bool:
        """Whether ``rule`` is reported for the file at ``rel``."""
        ignored = list(self.ignore)
        for pattern, rules in self.per_file_ignores:
            if glob_match(pattern, rel):
                ignored.extend(rules)
        chosen = _longest(rule, self.select if self.select is not None else ("",))
        return chosen >= 0 and chosen > _longest(rule, ignored)

    def severity_of(self, rule: str, default: Severity) -> Severity:
        best, level = -1, default
        for prefix, sev in self.severity:
            if rule.startswith(prefix) and len(prefix) > best:
                best, level = len(prefix), sev
        return level

    def type_for(self, rel: str) -> tuple[str, str] | None:
        """The document type the ``types`` table gives ``rel``, and the glob."""
        for pattern, doc_type in self.types:
            if glob_match(pattern, rel):
                return doc_type, pattern
        return None

    def selected_file(self, rel: str) -> bool:
        """Whether discovery keeps ``rel`` (``include`` and not ``exclude``)."""
        if any(glob_match(p, rel) for p in self.exclude):
            return False
        return any(glob_match(p, rel) for p in self.include)

    def with_cli(
        self,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        fail_on: str | None = None,
    ) -> Config:
        """The config with command-line flags put over the file's values."""
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = _rule_list(_split(select), "--select", "")
        if ignore is not None:
            changes["ignore"] = _rule_list(_split(ignore), "--ignore", "")
        if fail_on is not None:
            changes["fail_on"] = _severity(fail_on, "--fail-on", "")
        return dataclasses.replace(self, **changes) if changes else self


def _longest(rule: str, prefixes: list[str] | tuple[str, ...]) -> int:
    return max((len(p) for p in prefixes if rule.startswith(p)), default=-1)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


# -- reading ----------------------------------------------------------------


def find(start: str) -> str | None:
    """The first config file walking up from ``start`` (stopping at the
    directory that holds ``.git``)."""
    current = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate) and (
                name != "pyproject.toml" or _has_tool_table(candidate)
            ):
                rel = os.path.relpath(candidate)
                return candidate if rel.startswith("..") else rel
        parent = os.path.dirname(current)
        if parent == current or os.path.exists(os.path.join(current, ".git")):
            return None
        current = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*nflint\s*[\].]", text, re.MULTILINE) is not None


def resolve(explicit: str | None, isolated: bool, cwd: str = ".") -> Config:
    """The config for a run: none when ``isolated``, ``explicit`` when
    given, else the first found from ``cwd``."""
    if isolated:
        return Config(root=cwd)
    path = explicit or find(cwd)
    if path is None:
        return Config(root=cwd)
    return load(path, required_table=explicit is not None)


def load(path: str, *, required_table: bool = True) -> Config:
    name = os.path.basename(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the config file is not UTF-8 text") from exc
    if name.endswith((".yaml", ".yml")):
        data = _parse_yaml(text, path)
    else:
        data = _parse_toml(text, path)
        if name == "pyproject.toml":
            table = (
                data.get("tool", {}).get("nflint") if isinstance(data.get("tool"), dict) else None
            )
            if table is None:
                if required_table:
                    raise ConfigError(f"{path}: there is no [tool.nflint] table")
                table = {}
            data = table
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys to values")
    return parse(data, path)


def _parse_toml(text: str, path: str) -> dict[str, Any]:
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]  # noqa: PLC0415
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]  # noqa: PLC0415
    try:
        result: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    return result


def _parse_yaml(text: str, path: str) -> object:
    import yaml  # noqa: PLC0415

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise ConfigError(f"{path}: invalid YAML{where}: {problem}") from exc


# -- checking ---------------------------------------------------------------


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def parse(data: Mapping[str, Any], path: str) -> Config:
    """A `Config` from a mapping read out of ``path``; checks every key."""
    for key in data:
        if key not in KEYS:
            import difflib  # noqa: PLC0415 - only for a mistyped key

            close = difflib.get_close_matches(str(key).replace("_", "-"), KEYS, 1)
            hint = (
                f"; did you mean {_q(close[0])}?" if close else f"; known keys: {', '.join(KEYS)}"
            )
            raise ConfigError(f"{path}: {_q(key)}: unknown key{hint}")
    changes: dict[str, Any] = {}
    readers: dict[str, tuple[str, Callable[[object, str, str], object]]] = {
        "select": ("select", lambda v, k, p: _rule_list(_strings(v, k, p), k, p)),
        "ignore": ("ignore", lambda v, k, p: _rule_list(_strings(v, k, p), k, p)),
        "severity": ("severity", _severity_table),
        "include": ("include", _globs),
        "exclude": ("exclude", _globs),
        "types": ("types", _types_table),
        "per-file-ignores": ("per_file_ignores", _per_file_ignores),
        "fail-on": ("fail_on", _severity),
        "suppress": ("suppress", _suppress_list),
    }
    for key, value in data.items():
        field_name, reader = readers[key]
        changes[field_name] = reader(value, _q(key), path)
    root = os.path.dirname(os.path.abspath(path))
    return Config(path=path, root=root, **changes)


def _where(path: str, key: str) -> str:
    return f"{path}: {key}" if path else key


def _strings(value: object, key: str, path: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{_where(path, key)}: expected a list of strings, got {_q(value)}")
    return list(value)


def _globs(value: object, key: str, path: str) -> tuple[str, ...]:
    globs = _strings(value, key, path)
    for glob in globs:
        if not glob.strip():
            raise ConfigError(f"{_where(path, key)}: an empty glob matches nothing")
    return tuple(globs)


@functools.cache
def _rule_index() -> tuple[frozenset[str], dict[str, str]]:
    from nflint.catalog import all_rules  # noqa: PLC0415

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


def _rule_list(refs: list[str], key: str, path: str) -> tuple[str, ...]:
    out: list[str] = []
    for ref in refs:
        found = rule_ref(ref)
        if found is None:
            raise ConfigError(
                f"{_where(path, key)}: {_q(ref)} is not a rule id, id prefix or rule name "
                "(see 'nflint rules')"
            )
        out.append(found)
    return tuple(out)


def _severity(value: object, key: str, path: str) -> Severity:
    if not isinstance(value, str) or value.lower() not in SEVERITIES:
        raise ConfigError(
            f"{_where(path, key)}: expected one of {', '.join(map(_q, SEVERITIES))}, "
            f"got {_q(value)}"
        )
    return Severity.parse(value)


def _table(value: object, key: str, path: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{_where(path, key)}: expected a table (mapping), got {_q(value)}")
    return {str(k): v for k, v in value.items()}


def _severity_table(value: object, key: str, path: str) -> tuple[tuple[str, Severity], ...]:
    out = []
    for ref, level in _table(value, key, path).items():
        (rule,) = _rule_list([ref], f"{key}.{_q(ref)}", path)
        out.append((rule, _severity(level, f"{key}.{_q(ref)}", path)))
    return tuple(out)


def _types_table(value: object, key: str, path: str) -> tuple[tuple[str, str], ...]:
    out = []
    for glob, doc_type in _table(value, key, path).items():
        if doc_type not in doctype.TYPES:
            raise ConfigError(
                f"{_where(path, f'{key}.{_q(glob)}')}: {_q(doc_type)} is not a document type; "
                f"expected one of {', '.join(map(_q, doctype.TYPES))}"
            )
        out.append((glob, str(doc_type)))
    return tuple(out)


def _per_file_ignores(
    value: object, key: str, path: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for glob, refs in _table(value, key, path).items():
        sub = f"{key}.{_q(glob)}"
        out.append((glob, _rule_list(_strings(refs, sub, path), sub, path)))
    return tuple(out)


def _suppress_list(value: object, key: str, path: str) -> tuple[Suppression, ...]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"{_where(path, key)}: expected a list of tables, got {_q(value)}")
    out = []
    for number, item in enumerate(value):
        sub = f"{key}[{number}]"
        entry = _table(item, sub, path)
        for name in entry:
            if name not in SUPPRESS_KEYS:
                raise ConfigError(
                    f"{_where(path, f'{sub}.{_q(name)}')}: unknown key; "
                    f"expected {', '.join(map(_q, SUPPRESS_KEYS))}"
                )
        for required in ("files", "rules"):
            if required not in entry:
                raise ConfigError(f"{_where(path, sub)}: {_q(required)} is required")
        pointer = entry.get("pointer")
        if pointer is not None and (not isinstance(pointer, str) or pointer[:1] not in ("", "/")):
            where = _where(path, sub + '."pointer"')
            raise ConfigError(
                f'{where}: expected a JSON pointer such as "/spec/steps/0", got {_q(pointer)}'
            )
        reason = entry.get("reason")
        if reason is not None and not isinstance(reason, str):
            where = _where(path, sub + '."reason"')
            raise ConfigError(f"{where}: expected a string, got {_q(reason)}")
        rules_key = f'{sub}."rules"'
        out.append(
            Suppression(
                files=_globs(entry["files"], f'{sub}."files"', path),
                rules=_rule_list(_strings(entry["rules"], rules_key, path), rules_key, path),
                pointer=pointer,
                reason=reason,
                origin=f"{os.path.basename(path)} suppress[{number}]",
            )
        )
    return tuple(out)
