"""Misspelt keys whose absence causes other findings (``contex:`` for
``context``, ``reff:`` for ``ref``, ``arguements:`` for ``arguments``).
Rules that would report each consequence report the misspelt key once
instead (issue: one mistake, one finding)."""

from __future__ import annotations

from nflint import messages as msg


def misspelt(obj: dict[str, object], key: str, exclude: tuple[str, ...] = ()) -> str | None:
    """A key of ``obj`` that is a misspelling of ``key``, when ``key`` itself
    is absent (``exclude``: keys of ``obj`` that are right as they are)."""
    if key in obj:
        return None
    for written in obj:
        if written not in exclude and msg.did_you_mean(written, [key], msg.KEY_ALIASES) == key:
            return written
    return None
