"""Rule metadata as data: every rule id nflint can report, with its name,
default severity and documentation.

Ids are stable: never renumber or reuse one. ``NF0xx`` are file-level
findings (parsing, document type), ``NF1xx`` schema findings (one id per
class of JSON Schema keyword), ``NF2xx`` semantic rules (`nflint.rules`).
"""

from __future__ import annotations

from typing import NamedTuple

from nflint import REPOSITORY
from nflint.diagnostics import Diagnostic, Fix, Related, Severity, Span
from nflint.load.limits import MAX_DEPTH


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
    #: the applicability of the rule's fixes: "" (no fix), "safe", "unsafe"
    #: or "safe or unsafe" (`nflint rules`, the "fix" column)
    fix: str = ""
    #: what the fix does (`nflint explain`)
    fix_doc: str = ""


#: where the rule pages are (``docs/rules/<ID>.md``, generated from this registry)
DOCS_URL = f"{REPOSITORY}/blob/main/docs/rules"


def url(rule_id: str) -> str:
    """The stable address of a rule's page: every output format links to it."""
    return f"{DOCS_URL}/{rule_id}.md"


def _info(
    id_: str, name: str, severity: Severity, summary: str, rationale: str, fail: str, ok: str
) -> RuleInfo:
    return RuleInfo(id_, name, severity, summary, rationale, fail, ok)


#: The core rule ids, named after the rules (`RuleInfo.name` in upper snake
#: case): code refers to these, never to the literal ids.
INTERNAL_ERROR = "NF000"
PARSE_ERROR = "NF001"
DUPLICATE_KEY = "NF002"
UNUSED_SUPPRESSION = "NF003"
NOT_NORTHFLANK = "NF004"
YAML_IMPLICIT_TYPE = "NF005"
TYPE_GUESSED = "NF006"
LIMIT_EXCEEDED = "NF007"
SCHEMA_URL = "NF008"
SCHEMA = "NF100"
MISSING_KEY = "NF101"
UNKNOWN_KEY = "NF102"
WRONG_TYPE = "NF103"
INVALID_VALUE = "NF104"
PATTERN_MISMATCH = "NF105"
BAD_LENGTH = "NF106"
OUT_OF_RANGE = "NF107"
UNKNOWN_KIND = "NF108"
KIND_NOT_ALLOWED = "NF109"
NO_ALTERNATIVE = "NF110"

_PAIRS = (("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f"))  # an alias bomb
_RF = "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
_WF = "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps: []\n"

CORE: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        _info(
            INTERNAL_ERROR,
            "internal-error",
            Severity.ERROR,
            "nflint itself failed on this file",
            "A bug in nflint, reported as a finding so that the other files are still linted.",
            "",
            _RF + _WF,
        ),
        _info(
            PARSE_ERROR,
            "parse-error",
            Severity.ERROR,
            "the file is not valid JSON or YAML",
            "Northflank cannot read a file that does not parse; nothing else can be checked.",
            '{"apiVersion": "v1.2",, }',
            _RF + _WF,
        ),
        _info(
            DUPLICATE_KEY,
            "duplicate-key",
            Severity.ERROR,
            "a key is written twice in one object",
            "JSON parsers silently keep the last value, so the first one is lost.",
            _RF + "apiVersion: v1.2\n" + _WF,
            _RF + _WF,
        ),
        _info(
            UNUSED_SUPPRESSION,
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
            NOT_NORTHFLANK,
            "not-northflank",
            Severity.WARNING,
            "the file is not a Northflank document",
            "Files named like Northflank configs are sometimes something else; "
            "nflint says so instead of reporting every key.",
            "name: my-app\nbuildCommand: npm run build\n",
            _RF + _WF,
        ),
        _info(
            YAML_IMPLICIT_TYPE,
            "yaml-implicit-type",
            Severity.INFO,
            "a plain YAML scalar that YAML 1.1 tools read differently",
            "`yes`, `on`, `010` and friends are booleans or octal numbers to YAML 1.1 "
            "tools; nflint keeps them as the strings written. Quote them to be explicit. "
            "Where the schema wants another type there (`paused: off`), the one finding is "
            "the schema's (NF103, or NF104 for a list of allowed values) with the literal "
            "to write as its hint (`write false`); this note is then not reported.",
            _RF + "arguments:\n  ENABLED: yes\n" + _WF,
            _RF + "arguments:\n  ENABLED: 'yes'\n" + _WF,
        ),
        _info(
            TYPE_GUESSED,
            "type-guessed",
            Severity.INFO,
            "the document type was guessed from the document's shape",
            "Without `$schema` nflint has to guess whether a file is a template or a "
            "release flow. Add `$schema` or pass `--type`.",
            "apiVersion: v1.2\n" + _WF,
            _RF + _WF,
        ),
        _info(
            LIMIT_EXCEEDED,
            "limit-exceeded",
            Severity.ERROR,
            "the file is beyond a safety limit; nflint does not lint it",
            "Limits keep nflint fast and small on any input: the file size "
            f"(`--max-file-size`, 10 MiB by default), the nesting depth ({MAX_DEPTH} levels) and "
            "the values YAML aliases may add (an alias bomb). See docs/robustness.md.",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in _PAIRS),
            _RF + _WF,
        ),
        _info(
            SCHEMA_URL,
            "schema-url",
            Severity.WARNING,
            "$schema names a Northflank type by a URL Northflank does not document",
            "A look-alike URL (`https://northflank.com/schemas/v1/template`, "
            "`.../template.json`) or the path of an exported schema still declares the "
            "type, and nflint lints the file as that type; but editors and other tools "
            "only know the documented URLs (template, release-flow, preview-env). "
            "Workflows and preview blueprints have no documented URL: declare them with "
            '`--type` or a `types` entry in the config.',
            "$schema: https://northflank.com/schemas/v1/release-flow\napiVersion: v1.2\n" + _WF,
            _RF + _WF,
        ),
        _info(
            SCHEMA,
            "schema",
            Severity.ERROR,
            "the value breaks a rule of the Northflank schema",
            "Any schema constraint without a more specific id.",
            "",
            _RF + _WF,
        ),
        _info(
            MISSING_KEY,
            "missing-key",
            Severity.ERROR,
            "a required key is missing",
            "Northflank rejects a document without its required keys.",
            _RF + "spec:\n  kind: Workflow\n  spec:\n    steps: []\n",
            _RF + _WF,
        ),
        _info(
            UNKNOWN_KEY,
            "unknown-key",
            Severity.WARNING,
            "a key Northflank does not document",
            "Usually a typo. A warning, not an error: Northflank accepts some keys "
            "its reference does not list.",
            _RF + "option: {}\n" + _WF,
            _RF + "options: {}\n" + _WF,
        ),
        _info(
            WRONG_TYPE,
            "wrong-type",
            Severity.ERROR,
            "a value has the wrong JSON type",
            "A string where a number is expected (or the reverse) is rejected. A value "
            "written without quotes that was meant as another literal carries it as its "
            "hint and its (unsafe) fix: a YAML 1.1 boolean where a boolean is expected "
            "(`paused: off`: `write false`), a number where a string is expected "
            '(`1.10`: `write "1.10"`, the text as written). This id carries the finding; '
            "NF005 is not reported again at the same value.",
            _RF + "options:\n  paused: 'no'\n" + _WF,
            _RF + "options:\n  paused: false\n" + _WF,
        ),
        _info(
            INVALID_VALUE,
            "invalid-value",
            Severity.ERROR,
            "a value is not one of the allowed values",
            "Enumerations are case-sensitive. A number or boolean where the allowed values "
            "are strings is one finding of this id, not also NF103, with the allowed "
            'string meant as its hint (`apiVersion: 1.2`: `write "v1.2"`).',
            _RF + "options:\n  concurrencyPolicy: Allow\n" + _WF,
            _RF + "options:\n  concurrencyPolicy: allow\n" + _WF,
        ),
        _info(
            PATTERN_MISMATCH,
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
            BAD_LENGTH,
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
            OUT_OF_RANGE,
            "out-of-range",
            Severity.ERROR,
            "a number is outside the allowed range",
            "For example a Release node's timeoutDuration must be 30 to 14400 seconds.",
            "",
            _RF + _WF,
        ),
        _info(
            UNKNOWN_KIND,
            "unknown-kind",
            Severity.ERROR,
            "a node kind that Northflank does not have",
            "Node kinds are case-sensitive PascalCase names.",
            _RF + "spec:\n  kind: workflow\n  spec:\n    type: sequential\n",
            _RF + _WF,
        ),
        _info(
            KIND_NOT_ALLOWED,
            "kind-not-allowed",
            Severity.ERROR,
            "a node kind that is not allowed in this place",
            "Each document type allows its own set of node kinds: Release nodes only in "
            "release flows and workflows, OpenTofuDestroy only in teardownSpec.",
            _RF + "spec:\n  kind: Project\n  spec:\n    name: demo\n",
            _RF + _WF,
        ),
        _info(
            NO_ALTERNATIVE,
            "no-alternative",
            Severity.ERROR,
            "a value matches none of the allowed shapes",
            "Reported when no single alternative can be singled out.",
            "",
            _RF + _WF,
        ),
    )
}

#: the fixes of the core rules (`nflint.fixes`): applicability and what they do
_FIXES = {
    DUPLICATE_KEY: ("unsafe", "removes the overridden (earlier) occurrence of the key"),
    SCHEMA_URL: ("unsafe", "replaces the look-alike URL by the documented one"),
    UNKNOWN_KEY: ("unsafe", "renames the key when one known key is clearly the closest"),
    WRONG_TYPE: (
        "unsafe",
        "in YAML, where the field's type is known: a YAML 1.1 boolean word becomes a boolean "
        "(paused: no -> false); an unquoted number or boolean in a string field is quoted as "
        'written (1.10 -> "1.10")',
    ),
    INVALID_VALUE: (
        "safe or unsafe",
        "safe: the one allowed value the value is but for letter case or surrounding spaces "
        '(Queue -> queue); unsafe: the allowed value that is clearly the closest (gitub -> github)',
    ),
    PATTERN_MISMATCH: ("unsafe", "removes a trailing / or .git from a repoUrl"),
    UNKNOWN_KIND: (
        "safe or unsafe",
        "safe: the kind allowed here that the value is but for letter case or spaces "
        "(workflow -> Workflow); unsafe: the kind that is clearly the closest (Relase -> Release)",
    ),
}
for _id, (_applicability, _doc) in _FIXES.items():
    CORE[_id] = CORE[_id]._replace(fix=_applicability, fix_doc=_doc)

#: JSON Schema keyword -> rule id (cfn-lint style).
KEYWORD_RULES: dict[str, str] = {
    "required": MISSING_KEY,
    "dependentRequired": MISSING_KEY,
    "additionalProperties": UNKNOWN_KEY,
    "unevaluatedProperties": UNKNOWN_KEY,
    "type": WRONG_TYPE,
    "enum": INVALID_VALUE,
    "const": INVALID_VALUE,
    "pattern": PATTERN_MISMATCH,
    "format": PATTERN_MISMATCH,
    "minLength": BAD_LENGTH,
    "maxLength": BAD_LENGTH,
    "minItems": BAD_LENGTH,
    "maxItems": BAD_LENGTH,
    "minimum": OUT_OF_RANGE,
    "maximum": OUT_OF_RANGE,
    "exclusiveMinimum": OUT_OF_RANGE,
    "exclusiveMaximum": OUT_OF_RANGE,
    "anyOf": NO_ALTERNATIVE,
    "oneOf": NO_ALTERNATIVE,
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
