"""`nflint graph`: the flow of a document as Mermaid, DOT and JSON.

Golden files for the examples and corpus files (regenerate with
``NFLINT_UPDATE_GOLDEN=1``), the drawing rules on small documents, every node
of every corpus document drawn exactly once, and the Mermaid parsed by
Mermaid itself (`mermaid.parse` under jsdom; node scripts in `.ci-node`,
installed by ``.ci/run``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from nflint.analysis import walk
from nflint.cli import main
from nflint.engine import Options, lint_documents, lint_text
from nflint.graph import model as m
from nflint.graph.build import build
from nflint.graph.draw import of_file, renderer
from nflint.northflank.doctypes import DOCUMENTS
from tests.conftest import CORPUS, ROOT, require_node_packages

GOLDEN = ROOT / "tests" / "golden" / "graph"
UPDATE = os.environ.get("NFLINT_UPDATE_GOLDEN") == "1"
NODE_DIR = Path(os.environ.get("NFLINT_MERMAID_NODE_DIR") or ROOT / ".ci-node")
EXT = {"mermaid": "mmd", "dot": "dot", "json": "json"}
DOCS = "tests/data/corpus/docs-examples/"
CASES = [
    ("examples/release-flow.yaml", ("mermaid", "dot", "json")),
    ("examples/invalid/release-flow-mistakes.json", ("mermaid", "json")),
    (DOCS + "01-release-flow-build-deployment-parallel.json", ("mermaid",)),
    (DOCS + "05-template-payload-await-conditions-restart.json", ("mermaid", "dot")),
    (DOCS + "09-template-opentofu-with-teardown.json", ("mermaid",)),
    (DOCS + "11-preview-template-two-git-triggers.json", ("mermaid",)),
    ("tests/data/corpus/real-world/DeciderWill__git-ops-demo__northflank.json", ("mermaid", "json")),  # noqa: E501
]


def draw(text: str, path: str = "doc.yaml", fmt: str = "json", limit: int = 12) -> str:
    graph, _ = of_file(text, path, Options(), limit=limit)
    return renderer(fmt)(graph)


def graph_of(text: str, path: str = "doc.yaml", limit: int = 12) -> m.Graph:
    return of_file(text, path, Options(), limit=limit)[0]


def edges(graph: m.Graph, type_: str = m.FLOW) -> set[tuple[str, str, str | None]]:
    names = {b.id: b.name or b.kind for b in graph.boxes} | {g.id: g.label for g in graph.groups}
    return {(names[e.source], names[e.target], e.label) for e in graph.edges if e.type == type_}


@pytest.mark.parametrize(
    ("path", "fmt"), [(p, f) for p, formats in CASES for f in formats], ids=lambda v: str(v)[-40:]
)
def test_golden(path: str, fmt: str) -> None:
    out = draw((ROOT / path).read_bytes().decode("utf-8"), path, fmt)
    golden = GOLDEN / f"{Path(path).stem}.{EXT[fmt]}"
    if UPDATE or not golden.exists():
        golden.write_text(out, encoding="utf-8", newline="\n")
        if not UPDATE:
            pytest.fail(f"{golden} did not exist and was written; check it and run again")
    assert out == golden.read_text(encoding="utf-8")
    assert draw((ROOT / path).read_bytes().decode("utf-8"), path, fmt) == out  # deterministic


FLOW = """\
$schema: https://api.northflank.com/v1/schemas/release-flow
apiVersion: v1.2
triggers:
  - ref: repo
    vcsService: github
    repoUrl: https://github.com/acme/api
spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: AddonBackup
        ref: backup
        condition: success
        spec: {addonId: db, backupType: snapshot}
      - kind: Workflow
        spec:
          type: parallel
          steps:
            - kind: Release
              ref: api
              condition: running
              spec: {type: build, origin: {id: b, branch: "${refs.repo.branch}", build: latest},
                     target: {id: api, type: service}}
            - kind: Release
              ref: worker
              spec: {type: build, origin: {id: b, branch: main, build: latest},
                     target: {id: worker, type: service}}
      - kind: Workflow
        spec:
          type: parallel
          steps:
            - {kind: JobRun, ref: migrate, spec: {jobId: migrate}}
            - {kind: JobRun, ref: seed, spec: {jobId: seed}}
      - kind: Message
        spec: {kind: RAW_WEBHOOK, spec: {webhookUrl: "https://example.com/${refs.backup.id}",
               message: done}}
"""


def test_chains_fans_conditions_junctions_triggers_and_refs() -> None:
    graph = graph_of(FLOW)
    assert edges(graph) == {
        ("repo", "backup", None),
        ("backup", "api", "success"),
        ("backup", "worker", "success"),
        # two parallel workflows in a row meet at one junction (2 + 2 edges, not 4)
        ("api", "", "running"),
        ("worker", "", None),
        ("", "migrate", None),
        ("", "seed", None),
        ("migrate", "Message", None),
        ("seed", "Message", None),
    }
    assert edges(graph, m.REF) == {("repo", "api", None), ("backup", "Message", None)}
    assert [g.label for g in graph.groups] == [
        "Workflow sequential", "Workflow parallel", "Workflow parallel",
    ]
    [trigger] = [b for b in graph.boxes if b.type == m.TRIGGER]
    assert (trigger.name, trigger.pointer, trigger.group) == ("repo", "/triggers/0", None)
    mermaid = renderer("mermaid")(graph)
    assert "  n0 -->|success| n1\n" in mermaid
    assert "  t0 -.-> n1\n" in mermaid
    dot = renderer("dot")(graph)
    assert '  n0 -> n1 [label="success"];\n' in dot
    assert "  t0 -> n1 [style=dashed];\n" in dot


def test_findings_mark_the_node_they_are_in_with_the_worst_severity() -> None:
    text = FLOW.replace("${refs.backup.id}", "${refs.bakup.id}").replace(
        "{jobId: seed}", "{jobId: seed, jobld: x}"
    )
    graph = graph_of(text)
    marked = {(b.name or b.kind): (b.severity.label, b.findings) for b in graph.boxes if b.severity}
    assert marked == {"Message": ("error", 1), "seed": ("warning", 1)}  # NF206, NF102
    mermaid = renderer("mermaid")(graph)
    message = next(b for b in graph.boxes if b.kind == "Message")
    seed = next(b for b in graph.boxes if b.name == "seed")
    assert f'{message.id}["✖ Message"]' in mermaid
    assert f"  class {message.id} error\n" in mermaid
    assert f"  class {seed.id} warning\n" in mermaid
    payload = json.loads(renderer("json")(graph))
    assert {n["id"]: n["severity"] for n in payload["nodes"] if n["severity"]} == {
        message.id: "error", seed.id: "warning",
    }


def test_siblings_beyond_the_limit_collapse_into_one_box_with_a_count() -> None:
    steps = "".join(
        f"      - {{kind: JobRun, ref: job-{i}, spec: {{jobId: j{i}}}}}\n" for i in range(30)
    )
    text = (
        "$schema: https://api.northflank.com/v1/schemas/release-flow\napiVersion: v1.2\n"
        "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps:\n" + steps
        + "      - {kind: JobRun, ref: last, spec: {jobId: '${refs.job-20.id}'}}\n"
    )
    graph = graph_of(text, limit=5)
    nodes = [b for b in graph.boxes if b.type in (m.NODE, m.COLLAPSED)]
    assert [b.name for b in nodes[:4]] == ["job-0", "job-1", "job-2", "job-3"]
    collapsed = nodes[4]
    assert (collapsed.type, collapsed.hidden) == (m.COLLAPSED, 27)
    assert collapsed.pointer == "/spec/spec/steps/4"
    assert len(nodes) == 5
    assert ("job-3", "more steps", None) in edges(graph)
    assert '27 more steps"]]' in renderer("mermaid")(graph)
    assert len(graph_of(text, limit=50).boxes) == 32  # start + 31 steps


TEMPLATE = """\
$schema: https://api.northflank.com/v1/schemas/template
apiVersion: v1.2
name: demo
spec:
  kind: Workflow
  spec:
    type: sequential
    steps:
      - kind: WorkflowTemplate
        ref: wf
        spec:
          apiVersion: v1.2
          name: nightly
          spec:
            kind: Workflow
            spec:
              type: sequential
              steps:
                - {kind: JobRun, ref: inner, spec: {jobId: nightly}}
      - kind: Template
        ref: child
        spec:
          kind: ReleaseFlow
          spec:
            apiVersion: v1.2
            spec:
              kind: Workflow
              spec: {type: sequential, steps: []}
teardownSpec:
  failurePolicy: block
  spec:
    kind: Workflow
    spec:
      type: sequential
      steps:
        - {kind: JobRun, spec: {jobId: "${refs.wf.id}"}}
"""


def test_nested_documents_teardown_and_empty_workflows_are_groups() -> None:
    graph = graph_of(TEMPLATE)
    groups = {g.label: g for g in graph.groups}
    assert set(groups) == {
        "Workflow sequential", "WorkflowTemplate wf", "workflow", "Template child",
        "release flow", "teardown (failurePolicy block)",
    }
    assert groups["workflow"].parent == groups["WorkflowTemplate wf"].id
    assert groups["teardown (failurePolicy block)"].parent is None
    contains = edges(graph, m.CONTAINS)
    assert contains == {("wf", "start", None), ("child", "start", None)}
    assert ("wf", "child", None) in edges(graph)
    assert ("start", "inner", None) in edges(graph)
    assert ("teardown", "JobRun", None) in edges(graph)
    assert ("wf", "JobRun", None) in edges(graph, m.REF)  # teardown reads the main spec
    assert any(b.type == m.EMPTY for b in graph.boxes)


def test_documents_of_a_multi_document_file_are_groups() -> None:
    text = FLOW + "---\n" + FLOW
    graph = graph_of(text)
    tops = [g.label for g in graph.groups if g.parent is None]
    assert tops == ["document 1 (release-flow)", "document 2 (release-flow)"]
    assert len([b for b in graph.boxes if b.name == "api"]) == 2


def test_labels_from_the_document_are_never_mermaid_syntax() -> None:
    text = FLOW.replace("ref: backup", 'ref: "b\\"]] --> x; click x"').replace(
        "${refs.backup.id}", "x"
    )
    mermaid = draw(text, fmt="mermaid")
    assert '    n0["AddonBackup<br/>b#34;#93;#93; --#62; x#59; click x"]\n' in mermaid


def _corpus() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".json", ".yaml", ".yml"))


@pytest.mark.slow
def test_every_node_of_every_corpus_document_is_drawn_once() -> None:
    drawn_files = 0
    for path in _corpus():
        data = path.read_bytes()
        result, documents = lint_documents(data, str(path), Options())
        typed = [(d, t) for d, t in zip(documents, result.types, strict=True) if t is not None]
        graph = build(str(path), typed, result.diagnostics, limit=10_000)
        count = sum(1 for _, t in typed if t in DOCUMENTS)
        ids = [i.id for i in graph.items]
        assert len(ids) == len(set(ids)), path
        assert all(e.source in ids and e.target in ids for e in graph.edges), path
        expected: list[str] = []
        for doc, doc_type in zip(documents, result.types, strict=False):
            if doc_type in DOCUMENTS:
                expected += [
                    n.pointer for n in walk.analyze(doc, doc_type).nodes
                    if not (n.kind in walk.STEP_KINDS and isinstance(n.spec.get("steps"), list))
                ]
        boxes = [b.pointer for b in graph.boxes if b.type == m.NODE]
        if len(documents) == 1:
            assert sorted(boxes) == sorted(expected), path
        drawn_files += bool(count)
    assert drawn_files > 60


def test_cli() -> None:
    flow = str(ROOT / "examples" / "release-flow.yaml")
    result = CliRunner().invoke(main, ["graph", flow])
    assert result.exit_code == 0
    assert result.output == (GOLDEN / "release-flow.mmd").read_text(encoding="utf-8")
    dot = CliRunner().invoke(main, ["graph", "--format", "dot", flow])
    assert dot.output.startswith("digraph nflint {\n")
    foreign = CliRunner().invoke(main, ["graph", str(ROOT / "pyproject.toml")])
    assert foreign.exit_code == 2
    assert "no Northflank document with a flow to draw" in foreign.output
    missing = CliRunner().invoke(main, ["graph", "no-such-file.json"])
    assert missing.exit_code == 2
    assert "nflint: cannot read no-such-file.json:" in missing.output


def _mermaid_unavailable() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    return None


@pytest.mark.slow
@pytest.mark.skipif(_mermaid_unavailable() is not None, reason="node is not installed")
def test_mermaid_parses_every_diagram() -> None:
    require_node_packages(NODE_DIR, "mermaid", "jsdom")
    diagrams = [draw(path.read_bytes().decode("utf-8", "replace"), str(path), "mermaid")
                for path in _corpus() if of_file(path.read_bytes(), str(path), Options())[1]]
    diagrams += [draw(FLOW, fmt="mermaid"), draw(TEMPLATE, fmt="mermaid"),
                 draw(FLOW + "---\n" + FLOW, fmt="mermaid")]
    proc = subprocess.run(
        ["node", str(ROOT / "tests" / "mermaid_parse.mjs"), str(NODE_DIR)],
        input=json.dumps(diagrams), capture_output=True, text=True, check=False, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(proc.stdout)["results"]
    assert len(results) == len(diagrams) > 60
    broken = [(d[:300], r) for d, r in zip(diagrams, results, strict=True) if r is not None]
    assert broken == []
    # and a broken diagram is reported (the parser really runs)
    bad = subprocess.run(
        ["node", str(ROOT / "tests" / "mermaid_parse.mjs"), str(NODE_DIR)],
        input=json.dumps(["flowchart TD\n  a --> \n"]), capture_output=True, text=True,
        check=False, timeout=300,
    )
    assert json.loads(bad.stdout)["results"][0] is not None


def test_a_workflow_that_could_be_a_preview_blueprint_is_drawn(tmp_path: Path) -> None:
    """A document ``check`` lints as "workflow or preview blueprint" (nothing
    in it tells them apart) is drawn too, with its trigger and step."""
    doc = tmp_path / "nightly.yaml"
    doc.write_text(
        "apiVersion: v1.2\nname: nightly\ntriggers:\n"
        "  - kind: cron\n    ref: nightly\n    spec: {cron: '0 3 * * *'}\n"
        "spec:\n  kind: Workflow\n  spec:\n    type: sequential\n    steps:\n"
        "      - kind: JobRun\n        spec: {jobId: refresh}\n",
        encoding="utf-8",
    )
    assert lint_text(doc.read_text(encoding="utf-8"), str(doc)).types == (
        "workflow|preview-blueprint",)
    result = CliRunner().invoke(main, ["graph", str(doc)])
    assert result.exit_code == 0, result.output
    assert 't0(["trigger<br/>nightly"])' in result.output
    assert "JobRun" in result.output
