"""The loaders' safety limits, one place for both formats (docs/robustness.md).

A document beyond one of them is not linted (NF007): nflint stays fast and
small on any input, including hostile YAML (billion laughs).
"""

#: objects and arrays nest at most this deep, in JSON and in YAML (counted
#: through aliases too); libyaml refuses more than 1,000 levels by itself
MAX_DEPTH = 200
#: a YAML document holds at most this many values, aliases expanded
MAX_NODES = 1_000_000
#: YAML aliases may add at most this many values to a document
MAX_ALIAS_VALUES = 10_000
