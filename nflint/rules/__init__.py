"""The registry of semantic rules: an explicit tuple, one module per rule.

Add a rule by writing ``nfNNN_<name>.py`` with ``INFO``, ``check`` and
``RULE``, and listing its ``RULE`` here (a test checks that every module is
registered).
"""

from __future__ import annotations

from nflint.rules import nf201_api_version
from nflint.rules._base import Rule, RuleContext

RULES: tuple[Rule, ...] = (nf201_api_version.RULE,)

__all__ = ["RULES", "Rule", "RuleContext"]
