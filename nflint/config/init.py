"""`nflint init`: a starter configuration, the exported schemas and the
editor's schema mappings for a project, without overwriting anything the
user wrote unless told to (``force``).

- ``.nflint.toml``: written when absent (replaced only with ``force``);
- ``.nflint/schemas/<type>.schema.json``: every type's export (nflint's own
  files: rewritten when they changed, so re-running after an upgrade updates
  them);
- ``.vscode/settings.json``: ``json.schemas`` / ``yaml.schemas`` mappings
  for the Northflank files discovery finds (``**/<path>`` patterns, which
  VS Code and the language servers all match), merged into what is there (a
  file's pattern is added to the entry of its schema; nothing is removed). A
  settings file that is not plain JSON (comments) is left alone without
  ``force``; with it, it is rewritten as JSON with the mappings.

Returns what was done, one line per action; only the CLI prints.
"""

from __future__ import annotations

import json
import os
from typing import Any

from nflint import discovery
from nflint.config.files import Config, ConfigError, load

SCHEMA_FOLDER = os.path.join(".nflint", "schemas")
SETTINGS = os.path.join(".vscode", "settings.json")

STARTER = """\
# nflint configuration: every key is optional (README "Configuration").
# select = ["NF"]                 # rule ids, id prefixes or names (default: all)
# ignore = []
# fail-on = "error"               # exit 1 on findings at/above: error, warning, info
# exclude = ["fixtures/"]

# [severity]                      # per rule (or prefix): error, warning or info
# NF211 = "warning"

# [types]                         # document type for files without a $schema
# "deploy/*.json" = "template"
"""


class InitError(Exception):
    """Something init cannot do (an unreadable settings file, ...)."""


def init(root: str, *, force: bool = False) -> list[str]:
    from nflint.schema.bundle import export  # noqa: PLC0415

    done = [_starter(root, force)]
    folder = os.path.join(root, SCHEMA_FOLDER)
    before = _read_all(folder)
    written = export(folder)
    changed = sum(1 for p in written if before.get(p) != _read(p))
    done.append(
        f"exported {len(written)} schemas to {SCHEMA_FOLDER}/ ({changed} new or updated)"
    )
    found = _northflank_files(root)
    done.append(_settings(root, found, force))
    return done


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return None


def _read_all(folder: str) -> dict[str, str | None]:
    if not os.path.isdir(folder):
        return {}
    return {os.path.join(folder, n): _read(os.path.join(folder, n)) for n in os.listdir(folder)}


def _starter(root: str, force: bool) -> str:
    path = os.path.join(root, ".nflint.toml")
    if os.path.exists(path) and not force:
        return "kept .nflint.toml (exists; --force replaces it)"
    existed = os.path.exists(path)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(STARTER)
    return "replaced .nflint.toml" if existed else "wrote .nflint.toml"


def _northflank_files(root: str) -> dict[str, list[str]]:
    """Document type -> the files discovery finds (paths relative to root)."""
    try:
        config = load(os.path.join(root, ".nflint.toml"))
    except ConfigError:
        config = Config(root=root)
    config = config._replace(root=root)
    cwd = os.getcwd()
    try:
        os.chdir(root)
        targets = discovery.targets(["."], config._replace(root="."))
        listings = discovery.describe(targets, config._replace(root="."), None)
    finally:
        os.chdir(cwd)
    by_type: dict[str, list[str]] = {}
    for listing in listings:
        rel = os.path.normpath(listing.path).replace(os.sep, "/")
        for doc_type in dict.fromkeys(listing.types):
            if doc_type != "-" and rel.endswith((".json", ".yaml", ".yml")):
                by_type.setdefault(doc_type, []).append(rel)
    return by_type


def _settings(root: str, found: dict[str, list[str]], force: bool) -> str:
    path = os.path.join(root, SETTINGS)
    if not found:
        return f"left {SETTINGS} alone (no Northflank files found)"
    text = _read(path)
    settings: Any = {}
    if text is not None and text.strip():
        try:
            settings = json.loads(text)
        except ValueError:
            if not force:
                return f"left {SETTINGS} alone: not plain JSON (comments?); --force rewrites it"
            settings = {}
        if not isinstance(settings, dict):
            if not force:
                return f"left {SETTINGS} alone: not a JSON object; --force rewrites it"
            settings = {}
    added = _merge(settings, found)
    if not added:
        return f"{SETTINGS} already maps every Northflank file"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(json.dumps(settings, indent=2, ensure_ascii=False) + "\n")
    return f"added {added} schema mapping{'s' if added != 1 else ''} to {SETTINGS}"


def _merge(settings: dict[str, Any], found: dict[str, list[str]]) -> int:
    """Adds each file's pattern to its schema's entry; returns how many."""
    json_entries = settings.get("json.schemas")
    if not isinstance(json_entries, list):
        json_entries = settings["json.schemas"] = []
    yaml_map = settings.get("yaml.schemas")
    if not isinstance(yaml_map, dict):
        yaml_map = settings["yaml.schemas"] = {}
    added = 0
    for doc_type, files in sorted(found.items()):
        url = f"./.nflint/schemas/{doc_type}.schema.json"
        json_files = [f"**/{f}" for f in files if f.endswith(".json")]
        yaml_files = [f"**/{f}" for f in files if not f.endswith(".json")]
        if json_files:
            entry = next(
                (e for e in json_entries if isinstance(e, dict) and e.get("url") == url), None
            )
            if entry is None:
                entry = {"fileMatch": [], "url": url}
                json_entries.append(entry)
            matches = entry.setdefault("fileMatch", [])
            for pattern in json_files:
                if pattern not in matches:
                    matches.append(pattern)
                    added += 1
        if yaml_files:
            globs = yaml_map.setdefault(url, [])
            if isinstance(globs, str):
                globs = yaml_map[url] = [globs]
            for pattern in yaml_files:
                if pattern not in globs:
                    globs.append(pattern)
                    added += 1
    if not json_entries:
        del settings["json.schemas"]
    if not yaml_map:
        del settings["yaml.schemas"]
    return added
