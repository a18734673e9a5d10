"""The rule registry: every rule id nflint can report (the core NF0xx/NF1xx
ids of `nflint.rules.core` and the semantic NF2xx rules, one module each).

Add a rule by writing ``nfNNN_<name>.py`` with ``INFO``, ``check`` and
``RULE``, and listing its ``RULE`` here (a test checks that every module is
registered).
"""

from __future__ import annotations

from nflint.rules import (
    nf201_api_version,
    nf202_expression_syntax,
    nf203_unknown_function,
    nf204_function_arguments,
    nf205_unknown_root,
    nf206_unknown_ref,
    nf207_ref_out_of_scope,
    nf208_duplicate_ref,
    nf209_trigger_ref_collision,
    nf210_undeclared_argument,
    nf211_unused_argument,
    nf212_opentofu_destroy_ref,
    nf213_missing_project_context,
    nf214_build_branch_and_pr,
    nf215_build_without_branch,
    nf216_skip_execution_boolean,
    nf217_legacy_vcs_link_id,
    nf218_empty_description,
    nf219_gitops_file_path,
    nf220_plaintext_secret,
    nf221_argument_value,
    nf222_undocumented_expression_syntax,
    nf223_unknown_ref_output,
    nf224_secret_path,
    nf225_cron_schedule,
)
from nflint.rules._base import Rule
from nflint.rules.core import CORE, RuleInfo

RULES: tuple[Rule, ...] = (
    nf201_api_version.RULE,
    nf202_expression_syntax.RULE,
    nf203_unknown_function.RULE,
    nf204_function_arguments.RULE,
    nf205_unknown_root.RULE,
    nf206_unknown_ref.RULE,
    nf207_ref_out_of_scope.RULE,
    nf208_duplicate_ref.RULE,
    nf209_trigger_ref_collision.RULE,
    nf210_undeclared_argument.RULE,
    nf211_unused_argument.RULE,
    nf212_opentofu_destroy_ref.RULE,
    nf213_missing_project_context.RULE,
    nf214_build_branch_and_pr.RULE,
    nf215_build_without_branch.RULE,
    nf216_skip_execution_boolean.RULE,
    nf217_legacy_vcs_link_id.RULE,
    nf218_empty_description.RULE,
    nf219_gitops_file_path.RULE,
    nf220_plaintext_secret.RULE,
    nf221_argument_value.RULE,
    nf222_undocumented_expression_syntax.RULE,
    nf223_unknown_ref_output.RULE,
    nf224_secret_path.RULE,
    nf225_cron_schedule.RULE,
)


def all_rules() -> dict[str, RuleInfo]:
    """Every rule id, sorted: the core ones plus the semantic rules."""
    merged = dict(CORE)
    merged.update({r.info.id: r.info for r in RULES})
    return dict(sorted(merged.items()))


def get(rule_id: str) -> RuleInfo | None:
    """The metadata of one rule id, or None for an unknown id."""
    return all_rules().get(rule_id)
