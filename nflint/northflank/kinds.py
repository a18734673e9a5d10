"""Which node kinds exist and where each is allowed (spec section c.2)."""

from __future__ import annotations

_FLOW = ("Workflow", "LoopWorkflow", "LoopData", "Approval", "Action", "Condition", "Message")
_TEARDOWN = (*_FLOW, "JobRun", "OpenTofuDestroy")
_SHARED = (
    *_FLOW,
    "JobRun",
    "Build",
    "AddonBackup",
    "AddonImport",
    "SecretInheritance",
    "RolloutStrategy",
)
_RESOURCES = (
    "OpenTofu",
    "ExternalAddon",
    "Addon",
    "BuildService",
    "CombinedService",
    "DeploymentService",
    "CronJob",
    "ManualJob",
    "Job",
    "LLMModelDeployment",
    "SecretGroup",
    "Volume",
    "Subdomain",
    "SubdomainPath",
    "ResourceTag",
)
_TEAM = (
    "Project",
    "Pipeline",
    "Template",
    "WorkflowTemplate",
    "PreviewBlueprint",
    "ReleaseStage",
    "BYOCIntegration",
    "BYOCCluster",
    "BYOCRegistry",
    "CustomDockerCredentials",
    "CustomPlan",
    "SSHIdentity",
    "WorkloadIdentity",
    "EgressIp",
    "LoadBalancer",
)

#: context -> the kinds allowed there
CONTEXTS: dict[str, frozenset[str]] = {
    "template": frozenset((*_SHARED, *_RESOURCES, *_TEAM)),
    "preview": frozenset((*_SHARED, *_RESOURCES, "BuildSource")),
    "release-flow": frozenset((*_SHARED, "Release", "RunTemplate")),
    "teardown": frozenset(_TEARDOWN),
}

#: how to name a context in a message
PLACES: dict[str, str] = {
    "template": "templates",
    "preview": "preview templates and preview blueprints",
    "release-flow": "release flows and workflows",
    "teardown": "teardownSpec",
}

ALL_KINDS: frozenset[str] = frozenset().union(*CONTEXTS.values())


def context_of(kinds: object) -> str | None:
    """The context whose kind set is exactly ``kinds`` (an enum's values)."""
    if not isinstance(kinds, list):
        return None
    wanted = frozenset(k for k in kinds if isinstance(k, str))
    for name, allowed in CONTEXTS.items():
        if allowed == wanted:
            return name
    return None


def allowed_in(kind: str) -> list[str]:
    """The places where ``kind`` is allowed, e.g. ["release flows and workflows"]."""
    return [PLACES[name] for name, allowed in CONTEXTS.items() if kind in allowed]
