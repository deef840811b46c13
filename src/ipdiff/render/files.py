"""The names of the files `ipdiff report` writes: what every renderer may link to.

Apart from the format registry (`formats.py`), which imports the renderers: a renderer
that names a file imports this module, never the registry, so the two never import
each other.
"""

from __future__ import annotations

# A pair's report files: stem + suffix, by `--format` name (the formats without a file,
# such as `summary`, are not here).
PAIR_SUFFIXES: dict[str, str] = {
    "html": ".html",
    "json": ".json",
    "md": ".md",
    "csv": "-changes.csv",
    "kpis-csv": "-kpis.csv",
}
TIMELINE_FILES: dict[str, str] = {"html": "timeline.html", "json": "timeline.json"}
FEED_FILE = "feed.xml"
INDEX_FILE = "index.html"


def report_stem(old_label: str, new_label: str) -> str:
    """The file name stem of one pair's reports, e.g. 2025-2026."""
    return f"{old_label}-{new_label}"


def report_files(stem: str) -> dict[str, str]:
    """The file names of one pair's reports, by format name (`report`, `check` and index.html)."""
    return {name: stem + suffix for name, suffix in PAIR_SUFFIXES.items()}
