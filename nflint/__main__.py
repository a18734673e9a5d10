"""``python -m nflint``."""

from nflint.cli import main

main()
