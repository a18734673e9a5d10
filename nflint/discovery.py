"""Which files to lint.

- No path: the files of the current git repository that git tracks or would
  track (``git ls-files -co --exclude-standard``, so ``.gitignore`` holds);
  outside a git work tree, the working directory, skipping hidden
  directories (but not ``.northflank``) and ``node_modules``.
- A directory: the same, below it.
- A file (or ``-`` for stdin): always linted, whatever it holds; with
  ``--force-exclude`` (the pre-commit hooks pass it), not when the config's
  ``exclude`` matches it.

Discovered files are candidates only: config ``include``/``exclude`` globs
pick JSON and YAML files, and the engine keeps those whose documents are
Northflank documents (by ``$schema`` or by shape), reading and parsing each
file once (`nflint.runner`). A cheap byte test skips files that cannot be
Northflank documents without parsing them at all.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from nflint.config.files import Config
from nflint.load import loader, source
from nflint.northflank import detect, doctypes

#: File names that are probably Northflank documents: the pre-commit hook's
#: default ``files`` (kept equal by a test): Northflank folders and names,
#: ``*.template``, release flows (``release-flow.json``, and named after
#: their stage: ``prod-release.json``), previews; never under ``.github/``
#: (``.github/workflows/pre-release.yml`` is a GitHub workflow). A discovered file that does not
#: parse is reported only when its name matches this or its text mentions
#: Northflank. Compiled on first use (`name_pattern`): named files never
#: need it.
NAME_REGEX = r"""(?ix)^(?!(.*/)?\.github/)(.*/)?(
        \.?northflank/.*
      | [^/]*northflank[^/]*
      | [^/]*\.template
      | release-?flows?[^/]*
      | [^/]*[-_.]release(-?flows?)?
      | preview[^/]*
    )\.(json|ya?ml)$"""

SKIP_DIRS = frozenset({"node_modules", "__pycache__"})
KEEP_HIDDEN = frozenset({".northflank"})
#: every Northflank document has one of these (``detect`` needs ``spec``, a
#: ``$schema`` URL with ``/schemas/``, or a run's ``concluded``)
_MARKERS = (b"spec", b"/schemas/", b"concluded")
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 BOMs start alike
#: the documented ``$schema`` URLs all start so
_DOCUMENTED = doctypes.SCHEMA_PREFIX.partition("://")[2].encode()
_SPEC_KEY = rb"""(?:^|[\s{,])["']?spec["']?\s*:"""
#: Northflank's versions of its document format (spec, open questions:
#: ``v1`` is Kubernetes' too, so it alone does not say Northflank)
_API_VERSION = rb"""(?:^|[\s{,])["']?apiVersion["']?\s*:\s*["']?v1\.[0-9]+["'\s,}]"""


@functools.cache
def name_pattern() -> re.Pattern[str]:
    return re.compile(NAME_REGEX)


@functools.cache
def _spec_key() -> re.Pattern[bytes]:
    return re.compile(_SPEC_KEY, re.MULTILINE)


@functools.cache
def _api_version() -> re.Pattern[bytes]:
    return re.compile(_API_VERSION, re.MULTILINE)


class Target(NamedTuple):
    """A file to lint, and whether discovery found it (then a file that
    turns out not to be a Northflank document is dropped silently)."""

    path: str
    discovered: bool = False


class Listing(NamedTuple):
    """One line of ``--list-files``: the file, the types chosen, why."""

    path: str
    types: tuple[str, ...]
    reason: str


def looks_northflank(path: str) -> bool:
    return name_pattern().search(path.replace(os.sep, "/")) is not None


def may_be_northflank(data: bytes) -> bool:
    """False only when ``data`` cannot hold a Northflank document."""
    if data.startswith(_WIDE_BOMS):
        return True
    return any(marker in data for marker in _MARKERS)


def keep_unparsed(path: str, data: bytes) -> bool:
    """Whether a discovered file that does not parse is still reported: it
    carries a documented Northflank ``$schema`` URL, or it has a ``spec``
    key and its name or text says Northflank, or Northflank's own
    ``apiVersion`` (``v1.1``, ``v1.2``: Kubernetes and Argo write ``v1``,
    ``apps/v1``, ``argoproj.io/v1alpha1``). A broken template is reported;
    a Markdown note named ``northflank.yaml`` or a broken Kubernetes
    manifest is not."""
    if _DOCUMENTED in data:
        return True
    if _spec_key().search(data) is None:
        return False
    if looks_northflank(path) or b"northflank" in data.lower():
        return True
    return _api_version().search(data) is not None


def admitted(target: Target, data: bytes | None, types: Sequence[str | None]) -> bool:
    """The one "is this file ours" decision, for ``check`` and
    ``--list-files`` alike. A named file always is. A discovered one is
    when one of its documents is a Northflank document (``types``: the type
    chosen for each, None: not one), when it does not parse (no ``types``)
    and `keep_unparsed` says so, or, when it could not be read (``data``
    None), when its name says Northflank."""
    if not target.discovered:
        return True
    if data is None:
        return looks_northflank(target.path)
    if any(t is not None for t in types):
        return True
    return not types and keep_unparsed(target.path, data)


def worth_parsing(target: Target, data: bytes, config: Config) -> bool:
    """Whether a file must be parsed to know if it is linted: named files
    always; discovered ones unless the byte test rules them out."""
    if not target.discovered or config.type_for(config.relative(target.path)):
        return True
    return may_be_northflank(data)


def targets(paths: Sequence[str], config: Config, force_exclude: bool = False) -> list[Target]:
    """The files to lint for ``paths`` (none: the current repository).
    ``force_exclude``: the config's ``exclude`` drops named files too (for
    tools that pass every file by name, such as pre-commit)."""
    found: dict[str, Target] = {}
    #: directories that cannot be listed: named, so each is reported (exit 2)
    unreadable: list[str] = []
    if not paths:
        for path in _candidates(None, config, unreadable):
            found.setdefault(path, Target(path, discovered=True))
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for sub in _candidates(path, config, unreadable):
                found.setdefault(sub, Target(sub, discovered=True))
        elif path == "-" or not (force_exclude and config.excluded(config.relative(path))):
            found[path] = Target(path)  # named: linted whatever it holds
    for directory in unreadable:
        found.setdefault(directory, Target(directory))
    return list(found.values())


def _candidates(
    directory: str | None, config: Config, unreadable: list[str] | None = None
) -> list[str]:
    files = _git_files(directory)
    if files is None:
        files = _walk(directory or ".", unreadable)
    return sorted(f for f in set(files) if config.selected_file(config.relative(f)))


def _git(args: list[str], cwd: str) -> str | None:
    import subprocess  # noqa: PLC0415 - only for directories and the no-path run

    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="surrogateescape")


def _git_files(directory: str | None) -> list[str] | None:
    """Files git tracks or would track below ``directory`` (None: the whole
    repository), as paths usable from the working directory; None when
    ``directory`` is not in a git work tree."""
    base = directory or "."
    if directory is None:
        top = _git(["rev-parse", "--show-toplevel"], base)
        if top is None or not top.strip():
            return None
        base = top.strip()
    listing = _git(["ls-files", "-z", "-co", "--exclude-standard", "--", "."], base)
    if listing is None:
        return None
    out = []
    for name in filter(None, listing.split("\0")):
        path = os.path.join(base, name)
        if os.path.isfile(path):
            out.append(os.path.relpath(path) if directory is None else os.path.normpath(path))
    return out


def _walk(directory: str, unreadable: list[str] | None = None) -> list[str]:
    out: list[str] = []

    def failed(error: OSError) -> None:
        if unreadable is not None and error.filename:
            unreadable.append(os.path.normpath(os.fsdecode(error.filename)))

    for root, dirs, files in os.walk(directory, onerror=failed):
        dirs[:] = [
            d for d in dirs if d not in SKIP_DIRS and (not d.startswith(".") or d in KEEP_HIDDEN)
        ]
        out.extend(os.path.normpath(os.path.join(root, f)) for f in files)
    return out


def describe(items: Iterable[Target], config: Config, doc_type: str | None) -> list[Listing]:
    """What ``--list-files`` prints: each file that would be linted, the
    types chosen for its documents and why. Parses, but does not lint."""
    out: list[Listing] = []
    for target in items:
        listing = _describe_one(target, config, doc_type)
        if listing is not None:
            out.append(listing)
    return out


def _describe_one(target: Target, config: Config, doc_type: str | None) -> Listing | None:
    path = target.path
    if path == "-":
        return Listing(path, (), "standard input")
    data = source.read(path)  # never opens a FIFO or device
    if not isinstance(data, bytes):
        if not admitted(target, None, ()):
            return None
        why = data.message if isinstance(data, source.ReadError) else "too large"
        return Listing(path, (), f"cannot be read: {why}")
    if not worth_parsing(target, data, config):
        return None
    configured = config.type_for(config.relative(path))
    text = source.decode(data)
    documents = [] if isinstance(text, source.DecodeError) else loader.load(text, path)[0]
    choices = [
        detect.choose_type(doc.data, doc_type, configured, doc.modeline) for doc in documents
    ]
    if not admitted(target, data, [c.type for c in choices]):
        return None
    if not documents:
        why = "named on the command line" if not target.discovered else "its name or text"
        return Listing(path, (), f"does not parse; linted because of {why}")
    types = [c.type or "-" for c in choices]
    reasons = [c.reason if c.type else f"not Northflank: {c.reason}" for c in choices]
    if all(c.type is None for c in choices):
        reasons.append("named on the command line, so linted (NF004)")
    return Listing(path, tuple(types), "; ".join(dict.fromkeys(reasons)))
