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

This module finds and reads the file and builds the `Config`; the value of
each key is checked and normalised by `nflint.config_values`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from nflint.config import values
from nflint.config.globs import glob_match
from nflint.config.values import ConfigError, Suppression, rule_ref
from nflint.diagnostics import Severity

__all__ = [
    "CONFIG_NAMES",
    "DEFAULT_INCLUDE",
    "KEYS",
    "Config",
    "ConfigError",
    "Suppression",
    "find",
    "load",
    "parse",
    "resolve",
    "rule_ref",
]

CONFIG_NAMES = (".nflint.toml", ".nflint.yaml", ".nflint.yml", "pyproject.toml")
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
DEFAULT_INCLUDE = ("*.json", "*.yaml", "*.yml")


class Config(NamedTuple):
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

    def excluded(self, rel: str) -> bool:
        """Whether ``exclude`` matches ``rel``."""
        return any(glob_match(p, rel) for p in self.exclude)

    def selected_file(self, rel: str) -> bool:
        """Whether discovery keeps ``rel`` (``include`` and not ``exclude``)."""
        return not self.excluded(rel) and any(glob_match(p, rel) for p in self.include)

    def with_cli(
        self,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
        fail_on: str | None = None,
    ) -> Config:
        """The config with command-line flags put over the file's values."""
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = values.rule_list(_split(select), "--select", "")
        if ignore is not None:
            changes["ignore"] = values.rule_list(_split(ignore), "--ignore", "")
        if fail_on is not None:
            changes["fail_on"] = values.severity(fail_on, "--fail-on", "")
        return self._replace(**changes) if changes else self


def _longest(rule: str, prefixes: list[str] | tuple[str, ...]) -> int:
    return max((len(p) for p in prefixes if rule.startswith(p)), default=-1)


def _split(flags: tuple[str, ...]) -> list[str]:
    return [part.strip() for flag in flags for part in flag.split(",") if part.strip()]


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


def parse(data: Mapping[str, Any], path: str) -> Config:
    """A `Config` from a mapping read out of ``path``; checks every key."""
    for key in data:
        if key not in KEYS:
            import difflib  # noqa: PLC0415 - only for a mistyped key

            close = difflib.get_close_matches(str(key).replace("_", "-"), KEYS, 1)
            hint = (
                f"; did you mean {values.quote(close[0])}?"
                if close
                else f"; known keys: {', '.join(KEYS)}"
            )
            raise ConfigError(f"{path}: {values.quote(key)}: unknown key{hint}")
    changes: dict[str, Any] = {}
    readers: dict[str, tuple[str, Callable[[object, str, str], object]]] = {
        "select": ("select", lambda v, k, p: values.rule_list(values.strings(v, k, p), k, p)),
        "ignore": ("ignore", lambda v, k, p: values.rule_list(values.strings(v, k, p), k, p)),
        "severity": ("severity", values.severity_table),
        "include": ("include", values.globs),
        "exclude": ("exclude", values.globs),
        "types": ("types", values.types_table),
        "per-file-ignores": ("per_file_ignores", values.per_file_ignores),
        "fail-on": ("fail_on", values.severity),
        "suppress": ("suppress", values.suppress_list),
    }
    for key, value in data.items():
        field_name, reader = readers[key]
        changes[field_name] = reader(value, values.quote(key), path)
    root = os.path.dirname(os.path.abspath(path))
    return Config(path=path, root=root, **changes)
