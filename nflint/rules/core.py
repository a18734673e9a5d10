"""Rule metadata as data: every rule id nflint can report, with its name,
default severity and documentation.

Ids are stable: never renumber or reuse one. ``NF0xx`` are file-level
findings (parsing, document type), ``NF1xx`` schema findings (one id per
class of JSON Schema keyword), ``NF2xx`` semantic rules (`nflint.rules`).
"""

from __future__ import annotations

from typing import NamedTuple

from nflint.diagnostics import Diagnostic, Fix, Related, Severity, Span


class RuleInfo(NamedTuple):
    """Metadata for one rule id. ``fail``/``ok`` are example documents
    (YAML text) that do and do not produce the finding; tests run them."""

    id: str
    name: str
    severity: Severity
    summary: str
    rationale: str = ""
    fail: str = ""
    ok: str = ""


def _info(
    id_: str, name: str, severity: Severity, summary: str, rationale: str, fail: str, ok: str
) -> RuleInfo:
    return RuleInfo(id_, name, severity, summary, rationale, fail, ok)


_PAIRS = (("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f"))  # an alias bomb
_RF = "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
_WF = "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"

CORE: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        _info(
            "NF000",
            "internal-error",
            Severity.ERROR,
            "nflint itself failed on this file",
            "A bug in nflint, reported as a finding so that the other files are still linted.",
            "",
            _RF + _WF,
        ),
        _info(
            "NF001",
            "parse-error",
            Severity.ERROR,
            "the file is not valid JSON or YAML",
            "Northflank cannot read a file that does not parse; nothing else can be checked.",
            '{"apiVersion": "v1.2",, }',
            _RF + _WF,
        ),
        _info(
            "NF002",
            "duplicate-key",
            Severity.ERROR,
            "a key is written twice in one object",
            "JSON parsers silently keep the last value, so the first one is lost.",
            _RF + "apiVersion: v1.2\n" + _WF,
            _RF + _WF,
        ),
        _info(
            "NF003",
            "unused-suppression",
            Severity.INFO,
            "a suppression that suppresses nothing",
            "A `# nflint: disable=...` comment or a config `suppress` entry whose finding "
            "is gone hides the next real one; remove it. Malformed directives and unknown "
            "rule names are reported here too.",
            _RF.replace("v1.2\n", "v1.2  # nflint: disable=NF201\n") + _WF,
            _RF.replace("v1.2\n", "v1  # nflint: disable=NF201\n") + _WF,
        ),
        _info(
            "NF004",
            "not-northflank",
            Severity.WARNING,
            "the file is not a Northflank document",
            "Files named like Northflank configs are sometimes something else; "
            "nflint says so instead of reporting every key.",
            "name: my-app\nbuildCommand: npm run build\n",
            _RF + _WF,
        ),
        _info(
            "NF005",
            "yaml-implicit-type",
            Severity.INFO,
            "a plain YAML scalar that YAML 1.1 tools read differently",
            "`yes`, `on`, `010` and friends are booleans or octal numbers to YAML 1.1 "
            "tools; nflint keeps them as the strings written. Quote them to be explicit.",
            _RF + "arguments:\n  ENABLED: yes\n" + _WF,
            _RF + "arguments:\n  ENABLED: 'yes'\n" + _WF,
        ),
        _info(
            "NF006",
            "type-guessed",
            Severity.INFO,
            "the document type was guessed from the document's shape",
            "Without `$schema` nflint has to guess whether a file is a template or a "
            "release flow. Add `$schema` or pass `--type`.",
            "apiVersion: v1.2\n" + _WF,
            _RF + _WF,
        ),
        _info(
            "NF007",
            "limit-exceeded",
            Severity.ERROR,
            "the file is beyond a safety limit; nflint does not lint it",
            "Limits keep nflint fast and small on any input: the file size "
            "(`--max-file-size`, 10 MiB by default), the nesting depth (200 levels) and "
            "the values YAML aliases may add (an alias bomb). See docs/robustness.md.",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in _PAIRS),
            _RF + _WF,
        ),
        _info(
            "NF100",
            "schema",
            Severity.ERROR,
            "the value breaks a rule of the Northflank schema",
            "Any schema constraint without a more specific id.",
            "",
            _RF + _WF,
        ),
        _info(
            "NF101",
            "missing-key",
            Severity.ERROR,
            "a required key is missing",
            "Northflank rejects a document without its required keys.",
            _RF + "spec:\n  kind: Workflow\n  spec:\n    steps: []\n",
            _RF + _WF,
        ),
        _info(
            "NF102",
            "unknown-key",
            Severity.WARNING,
            "a key Northflank does not document",
            "Usually a typo. A warning, not an error: Northflank accepts some keys "
            "its reference does not list.",
            _RF + "option: {}\n" + _WF,
            _RF + "options: {}\n" + _WF,
        ),
        _info(
            "NF103",
            "wrong-type",
            Severity.ERROR,
            "a value has the wrong JSON type",
            "A string where a number is expected (or the reverse) is rejected.",
            _RF + "options:\n  paused: 'no'\n" + _WF,
            _RF + "options:\n  paused: false\n" + _WF,
        ),
        _info(
            "NF104",
            "invalid-value",
            Severity.ERROR,
            "a value is not one of the allowed values",
            "Enumerations are case-sensitive.",
            _RF + "options:\n  concurrencyPolicy: Allow\n" + _WF,
            _RF + "options:\n  concurrencyPolicy: allow\n" + _WF,
        ),
        _info(
            "NF105",
            "pattern-mismatch",
            Severity.ERROR,
            "a string does not have the required form",
            "Repository URLs, file paths, names and ids have fixed forms.",
            _RF + "gitops:\n  vcsService: github\n  repoUrl: https://github.com/acme/api\n"
            "  branch: main\n  filePath: release.json\n" + _WF,
            _RF + "gitops:\n  vcsService: github\n  repoUrl: https://github.com/acme/api\n"
            "  branch: main\n  filePath: /release.json\n" + _WF,
        ),
        _info(
            "NF106",
            "bad-length",
            Severity.ERROR,
            "a string or list is too long or too short",
            "Northflank enforces length limits on names, rules and flags.",
            _RF + "triggers:\n  - vcsService: github\n    repoUrl: https://github.com/acme/api\n"
            "    ciIgnoreFlags: ['" + "x" * 73 + "']\n" + _WF,
            _RF + "triggers:\n  - vcsService: github\n    repoUrl: https://github.com/acme/api\n"
            "    ciIgnoreFlags: ['[skip ci]']\n" + _WF,
        ),
        _info(
            "NF107",
            "out-of-range",
            Severity.ERROR,
            "a number is outside the allowed range",
            "For example a Release node's timeoutDuration must be 30 to 14400 seconds.",
            "",
            _RF + _WF,
        ),
        _info(
            "NF108",
            "unknown-kind",
            Severity.ERROR,
            "a node kind that Northflank does not have",
            "Node kinds are case-sensitive PascalCase names.",
            _RF + "spec:\n  kind: workflow\n  spec:\n    type: sequential\n",
            _RF + _WF,
        ),
        _info(
            "NF109",
            "kind-not-allowed",
            Severity.ERROR,
            "a node kind that is not allowed in this place",
            "Each document type allows its own set of node kinds: Release nodes only in "
            "release flows and workflows, OpenTofuDestroy only in teardownSpec.",
            _RF + "spec:\n  kind: Project\n  spec:\n    name: demo\n",
            _RF + _WF,
        ),
        _info(
            "NF110",
            "no-alternative",
            Severity.ERROR,
            "a value matches none of the allowed shapes",
            "Reported when no single alternative can be singled out.",
            "",
            _RF + _WF,
        ),
    )
}

#: JSON Schema keyword -> rule id (cfn-lint style).
KEYWORD_RULES: dict[str, str] = {
    "required": "NF101",
    "dependentRequired": "NF101",
    "additionalProperties": "NF102",
    "unevaluatedProperties": "NF102",
    "type": "NF103",
    "enum": "NF104",
    "const": "NF104",
    "pattern": "NF105",
    "format": "NF105",
    "minLength": "NF106",
    "maxLength": "NF106",
    "minItems": "NF106",
    "maxItems": "NF106",
    "minimum": "NF107",
    "maximum": "NF107",
    "exclusiveMinimum": "NF107",
    "exclusiveMaximum": "NF107",
    "anyOf": "NF110",
    "oneOf": "NF110",
}


def diagnostic(
    rule: str,
    message: str,
    *,
    path: str,
    pointer: str,
    span: Span | None,
    document: int = 1,
    hint: str | None = None,
    related: tuple[Related, ...] = (),
    severity: Severity | None = None,
    fix: Fix | None = None,
) -> Diagnostic:
    """A diagnostic for a core rule, stamped with its name and severity."""
    info = CORE[rule]
    return Diagnostic(
        rule=rule,
        name=info.name,
        severity=severity or info.severity,
        message=message,
        path=path,
        pointer=pointer,
        span=span,
        document=document,
        hint=hint,
        related=related,
        fix=fix,
    )
