"""nflint: a linter for Northflank infrastructure-as-code documents."""

from __future__ import annotations

__version__ = "0.1.0"
#: the project's public repository: rule pages, changelog, issues (pyproject's
#: [project.urls] names it too)
REPOSITORY = "https://github.com/nflint/nflint"

__all__ = ["REPOSITORY", "__version__"]
