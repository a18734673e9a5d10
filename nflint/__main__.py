"""``python -m nflint``."""

from nflint.cli import run

run()
