"""Deterministic benchmark corpora: small release flows and large templates.

Every document is meant to be VALID (no nflint error), so that schema
validation and every rule run to the end instead of stopping early. The
shapes follow the documentation examples and real-world files in
``tests/data/corpus``; names, refs and ids vary with an index so that no two
documents (and no two nodes of a template) are identical.

No randomness: the same arguments always write the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RELEASE_FLOW_URL = "https://api.northflank.com/v1/schemas/release-flow"
TEMPLATE_URL = "https://api.northflank.com/v1/schemas/template"

Node = dict[str, Any]


def release_flow(i: int) -> dict[str, Any]:
    """A small release flow (about 80 lines of JSON): a trigger, GitOps, a
    backup, then a build release and a deployment release in parallel."""
    app = f"app-{i:04d}"
    return {
        "$schema": RELEASE_FLOW_URL,
        "apiVersion": "v1.2",
        "arguments": {"DATABASE": f"{app}-db"},
        "options": {"concurrencyPolicy": "queue", "paused": False},
        "triggers": [
            {
                "ref": "repo",
                "vcsService": "github",
                "accountLogin": "acme-bot",
                "repoUrl": f"https://github.com/acme/{app}",
                "branchRestrictions": ["main", "release/*"],
                "pathIgnoreRules": ["*.md", "docs/**"],
                "ciIgnoreFlagsEnabled": True,
                "ciIgnoreFlags": ["[skip ci]"],
            }
        ],
        "gitops": {
            "vcsService": "github",
            "accountLogin": "acme-bot",
            "repoUrl": f"https://github.com/acme/{app}",
            "branch": "main",
            "filePath": "/northflank/release-flow.json",
        },
        "spec": {
            "kind": "Workflow",
            "spec": {
                "type": "sequential",
                "steps": [
                    {
                        "kind": "AddonBackup",
                        "ref": "backup",
                        "spec": {"addonId": "${args.DATABASE}", "backupType": "snapshot"},
                        "condition": "success",
                    },
                    {
                        "kind": "Workflow",
                        "spec": {
                            "type": "parallel",
                            "steps": [
                                {
                                    "kind": "Release",
                                    "ref": "release-api",
                                    "spec": {
                                        "type": "build",
                                        "origin": {
                                            "id": f"{app}-builder",
                                            "branch": "${refs.repo.branch}",
                                            "build": "latest",
                                        },
                                        "target": {"id": f"{app}-api", "type": "service"},
                                    },
                                    "condition": "running",
                                    "timeoutDuration": 900,
                                },
                                {
                                    "kind": "Release",
                                    "ref": "release-worker",
                                    "spec": {
                                        "type": "deployment",
                                        "origin": {
                                            "id": f"{app}-worker-staging",
                                            "type": "service",
                                        },
                                        "target": {"id": f"{app}-worker", "type": "service"},
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        },
    }


# -- template nodes ----------------------------------------------------------
#
# Each node kind once, as a template: "{g}" in a string stands for the index
# of the group (or of the filler node); `_fill` makes a fresh copy with the
# index in. A named node's spec starts with its name, the same as its ref.


def _named(kind: str, ref: str, spec: Node) -> Node:
    """A node template whose spec begins with ``name``, equal to ``ref``."""
    return {"kind": kind, "ref": ref, "spec": {"name": ref, **spec}}


def _unnamed(kind: str, ref: str, spec: Node) -> Node:
    """A node template without a name (a job run, a condition)."""
    return {"kind": kind, "ref": ref, "spec": spec}


def _fill(template: Any, g: int) -> Any:
    """A fresh copy of ``template`` with ``{g}`` in its strings set to ``g``."""
    if isinstance(template, str):
        return template.replace("{g}", str(g))
    if isinstance(template, dict):
        return {key: _fill(value, g) for key, value in template.items()}
    if isinstance(template, list):
        return [_fill(item, g) for item in template]
    return template


def _kaniko() -> Node:
    return {
        "dockerfile": {
            "buildEngine": "kaniko",
            "useCache": False,
            "dockerWorkDir": "/",
            "dockerFilePath": "/Dockerfile",
        }
    }


def _repo(name: str) -> Node:
    return {
        "projectType": "github",
        "projectUrl": f"https://github.com/acme/{name}",
        "projectBranch": "main",
    }


def _storage() -> Node:
    return {"ephemeralStorage": {"storageSize": 1024}, "shmSize": 64}


def _ports(name: str, port: int) -> list[Node]:
    return [
        {
            "name": name,
            "internalPort": port,
            "protocol": "HTTP",
            "public": True,
            "domains": [],
            "security": {"policies": [], "credentials": []},
            "disableNfDomain": False,
        }
    ]


#: the nine resource/flow nodes of a group, in the order their references need
GROUP_NODES: tuple[Node, ...] = (
    _named(
        "Addon",
        "db-{g}",
        {
            "type": "postgresql",
            "version": "latest",
            "externalAccessEnabled": False,
            "tlsEnabled": True,
            "billing": {
                "replicas": 1,
                "storage": 4096,
                "storageClass": "nvme",
                "deploymentPlan": "nf-compute-50",
            },
            "backupSchedules": [
                {
                    "backupType": "snapshot",
                    "scheduling": {"interval": "daily", "minute": [0], "hour": [4], "day": [0]},
                    "retentionTime": 14,
                }
            ],
        },
    ),
    _named(
        "SecretGroup",
        "secrets-{g}",
        {
            "description": "Runtime configuration for the services of this group.",
            "type": "secret",
            "secretType": "environment",
            "priority": 10,
            "addonDependencies": [
                {
                    "addonId": "${refs.db-{g}.id}",
                    "keys": [{"keyName": "POSTGRES_URI", "aliases": ["DATABASE_URL"]}],
                }
            ],
            "secrets": {
                "variables": {"NODE_ENV": "production", "LOG_LEVEL": "info", "GROUP": "{g}"}
            },
        },
    ),
    _named(
        "BuildService",
        "builder-{g}",
        {
            "billing": {"buildPlan": "nf-compute-400-16"},
            "vcsData": {
                "projectType": "github",
                "accountLogin": "acme-bot",
                "projectUrl": "https://github.com/acme/service-{g}",
            },
            "buildConfiguration": {"prRestrictions": ["feat/*"], "branchRestrictions": ["main"]},
            "buildSettings": _kaniko(),
            "buildArguments": {},
            "buildFiles": {},
            "disabledCI": False,
        },
    ),
    _named(
        "CombinedService",
        "web-{g}",
        {
            "billing": {"deploymentPlan": "nf-compute-10", "buildPlan": "nf-compute-400-16"},
            "deployment": {
                "instances": 1,
                "storage": _storage(),
                "docker": {"configType": "default"},
            },
            "vcsData": _repo("web-{g}"),
            "buildSettings": _kaniko(),
            "ports": _ports("web", 3000),
            "runtimeEnvironment": {},
            "runtimeFiles": {},
            "buildArguments": {},
            "buildFiles": {},
        },
    ),
    _named(
        "DeploymentService",
        "api-{g}",
        {
            "billing": {"deploymentPlan": "nf-compute-20"},
            "deployment": {
                "instances": 2,
                "docker": {"configType": "default"},
                "storage": _storage(),
                "external": {"imagePath": "ghcr.io/acme/api:{g}"},
            },
            "infrastructure": {"architecture": "x86"},
            "ports": _ports("api", 8080),
            "runtimeEnvironment": {},
            "runtimeFiles": {},
        },
    ),
    _named(
        "CronJob",
        "sync-{g}",
        {
            "description": "Nightly synchronisation",
            "billing": {"deploymentPlan": "nf-compute-20", "buildPlan": "nf-compute-200-8"},
            "deployment": {
                "vcs": _repo("sync-{g}"),
                "docker": {"configType": "customCommand", "customCommand": "node sync.js"},
                "storage": {"ephemeralStorage": {"storageSize": 1024}},
            },
            "buildSettings": {
                "dockerfile": {
                    "buildEngine": "buildkit",
                    "dockerFilePath": "/Dockerfile",
                    "dockerWorkDir": "/",
                }
            },
            "schedule": "0 */6 * * *",
            "concurrencyPolicy": "forbid",
            "backoffLimit": 2,
            "activeDeadlineSeconds": 1800,
            "runOnSourceChange": "never",
            "suspended": False,
        },
    ),
    _named(
        "Volume",
        "volume-{g}",
        {
            "spec": {
                "accessMode": "ReadWriteOnce",
                "storageSize": 10240,
                "storageClassName": "nvme",
            },
            "mounts": [{"containerMountPath": "/data", "volumeMountPath": "data"}],
            "attachedObjects": [{"id": "${refs.api-{g}.id}", "type": "service"}],
        },
    ),
    _unnamed(
        "JobRun",
        "migrate-{g}",
        {
            "jobId": "migrate-{g}",
            "deployment": {
                "external": {"imagePath": "ghcr.io/acme/migrate:{g}"},
                "docker": {"configType": "default"},
            },
        },
    ),
    _unnamed(
        "Condition",
        "migrated-{g}",
        {
            "kind": "JobRun",
            "spec": {
                "type": "success",
                "data": {"jobId": "migrate-{g}", "runId": "${refs.migrate-{g}.id}"},
            },
        },
    ),
)

#: a secret group that depends on nothing (fills a template up to its exact
#: node count; "{g}" is the filler's index)
FILLER_NODE: Node = _named(
    "SecretGroup",
    "config-{g}",
    {
        "type": "config",
        "secretType": "environment-arguments",
        "priority": 10,
        "secrets": {"variables": {"REGION": "europe-west", "INDEX": "{g}"}},
    },
)


def _group(g: int) -> Node:
    """Ten nodes: a sequential workflow holding the nine `GROUP_NODES` of
    group ``g``."""
    return {
        "kind": "Workflow",
        "spec": {"type": "sequential", "steps": [_fill(node, g) for node in GROUP_NODES]},
    }


GROUP_SIZE = 1 + len(GROUP_NODES)  # the workflow and its nodes


def count_nodes(node: object) -> int:
    """Nodes at node positions: the node itself and its ``spec.steps``, recursively."""
    if not isinstance(node, dict) or "kind" not in node:
        return 0
    spec = node.get("spec")
    steps = spec.get("steps") if isinstance(spec, dict) else None
    return 1 + sum(count_nodes(s) for s in steps or ())


def template(nodes: int) -> dict[str, Any]:
    """A template with exactly ``nodes`` nodes (at least 3): a project, then
    one workflow in that project holding groups of ten nodes."""
    if nodes < 3:
        raise ValueError("a template needs at least 3 nodes")
    inner_steps: list[Node] = []
    remaining = nodes - 3  # the root workflow, the project, the project's workflow
    g = 0
    while remaining >= GROUP_SIZE:
        inner_steps.append(_group(g))
        remaining -= GROUP_SIZE
        g += 1
    for extra in range(remaining):
        inner_steps.append(_fill(FILLER_NODE, extra))
    doc = {
        "$schema": TEMPLATE_URL,
        "apiVersion": "v1.2",
        "name": f"Bench template {nodes}",
        "description": "A generated template for nflint's benchmark.",
        "spec": {
            "kind": "Workflow",
            "spec": {
                "type": "sequential",
                "steps": [
                    {
                        "kind": "Project",
                        "ref": "project",
                        "spec": {
                            "name": "Bench project",
                            "region": "europe-west",
                            "networking": {"allowedIngressProjects": []},
                        },
                    },
                    {
                        "kind": "Workflow",
                        "spec": {
                            "type": "sequential",
                            "context": {"projectId": "${refs.project.id}"},
                            "steps": inner_steps,
                        },
                    },
                ],
            },
        },
    }
    assert count_nodes(doc["spec"]) == nodes
    return doc


def template_with_error(nodes: int) -> dict[str, Any]:
    """`template` with one wrong enum value (a secret group's ``type``) in
    the middle group: the error path, where nflint builds the message."""
    doc = template(nodes)
    groups = doc["spec"]["spec"]["steps"][1]["spec"]["steps"]
    steps = groups[len(groups) // 2]["spec"]["steps"]
    group = next(s for s in steps if s["kind"] == "SecretGroup")
    group["spec"]["type"] = "configuration"
    return doc


# -- writing -----------------------------------------------------------------


def to_yaml(data: object) -> str:
    """Block-style YAML, as people write it (PyYAML's safe dumper)."""
    import yaml  # noqa: PLC0415 - only the YAML corpus needs it

    return str(yaml.safe_dump(data, sort_keys=False, default_flow_style=False, width=100))


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def write_many(folder: Path, count: int, fmt: str) -> list[Path]:
    """``count`` small release flows, one per file, as ``json`` or ``yaml``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"release-flow-{i:04d}.{fmt}"
        data = release_flow(i)
        text = json.dumps(data, indent=2) + "\n" if fmt == "json" else to_yaml(data)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
