"""ipdiff: what changed between two editions of 知的財産推進計画, measure by measure."""

__version__ = "0.1.0"

# Bumped whenever the parse output for the same text can change; part of the cache key.
PARSER_VERSION = "12"
