"""The registry of semantic rules: an explicit tuple, one module per rule.

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
)
from nflint.rules._base import Rule, RuleContext

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
)

__all__ = ["RULES", "Rule", "RuleContext"]
