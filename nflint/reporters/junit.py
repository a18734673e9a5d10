"""JUnit XML, for CI systems that show test reports: one test case per
file. A file with errors fails: its ``<failure>`` lists every finding, one
per line as the text format writes it. Warnings and infos alone do not fail
the case; they are listed in ``<system-out>``. A file that cannot be read is
an ``<error>``. Characters XML 1.0 cannot carry become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from nflint.diagnostics import Diagnostic, FileResult, RunResult, Severity
from nflint.messages import plural
from nflint.rules.core import url

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(d: Diagnostic) -> str:
    where = f"{d.path}:{d.span.start.line}:{d.span.start.column}" if d.span else d.path
    hint = f" (hint: {d.hint})" if d.hint else ""
    return f"{where}: {d.severity.label}[{d.rule}] {d.message}{hint} <{url(d.rule)}>"


def _counts(diagnostics: tuple[Diagnostic, ...]) -> str:
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = sum(1 for d in diagnostics if d.severity is severity)
        if n:
            parts.append(plural(n, severity.label))
    return ", ".join(parts)


def _case(suite: ET.Element, f: FileResult) -> tuple[int, int]:
    case = ET.SubElement(
        suite, "testcase", {"classname": "nflint", "name": _clean(f.path), "file": _clean(f.path)}
    )
    if f.error is not None:
        ET.SubElement(
            case, "error", {"type": "unreadable", "message": _clean(f"cannot read: {f.error}")}
        )
        return 0, 1
    if not f.diagnostics:
        return 0, 0
    body = _clean("\n".join(_line(d) for d in f.diagnostics))
    errors = [d for d in f.diagnostics if d.severity is Severity.ERROR]
    if errors:
        failure = ET.SubElement(
            case,
            "failure",
            {"type": errors[0].rule, "message": _clean(_counts(f.diagnostics))},
        )
        failure.text = body
        return 1, 0
    ET.SubElement(case, "system-out").text = body
    return 0, 0


def render(result: RunResult, color: bool = False) -> str:
    root = ET.Element("testsuites", {"name": "nflint"})
    suite = ET.SubElement(root, "testsuite", {"name": "nflint"})
    failures = errors = 0
    for f in result.files:
        failed, broken = _case(suite, f)
        failures += failed
        errors += broken
    counts = {
        "tests": str(len(result.files)),
        "failures": str(failures),
        "errors": str(errors),
    }
    for element in (root, suite):
        element.attrib.update(counts)
    suite.set("skipped", "0")
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
