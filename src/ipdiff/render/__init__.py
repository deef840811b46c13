"""Reports from a `Diff`: pure functions, values in, `str` out.

No I/O, no timestamps, no random ids, no absolute paths: the same `Diff` always gives
the same bytes, which is what lets `ipdiff check` regenerate reports and compare them.
The CSV texts start with a BOM and use `\\r\\n` row endings; write every text unchanged
(UTF-8, `newline=""`).

`FORMATS` (render/formats.py) is the one registry of formats; `pair_report` renders every
file of one pair from one shared view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ipdiff.compare.classify import summarize
from ipdiff.model import Diff
from ipdiff.render.build import diff_view, index_entry
from ipdiff.render.csv import render_changes_csv, render_kpis_csv
from ipdiff.render.formats import (
    FEED_FILE,
    FORMATS,
    INDEX_FILE,
    TIMELINE_FILES,
    TIMELINE_FORMATS,
    Format,
    report_files,
    report_stem,
)
from ipdiff.render.json import render_json
from ipdiff.render.markdown import render_markdown
from ipdiff.render.summary import render_summary
from ipdiff.render.views import IndexEntry


def render_html(diff: Diff) -> str:
    return FORMATS["html"].render(diff, None)


def render_index(entries: Sequence[IndexEntry], timeline: Mapping[str, str] | None = None) -> str:
    from ipdiff.render.html import render_index as render

    return render(entries, timeline)


def render_feed(entries: Sequence[IndexEntry]) -> str:
    from ipdiff.render.feed import render_feed as render

    return render(entries)


def render(diff: Diff, fmt: str) -> str:
    """One `--format` choice of `ipdiff diff`."""
    return FORMATS[fmt].render(diff, None)


@dataclass(frozen=True, slots=True)
class PairReport:
    """Every file of one consecutive pair, and its row on the index and in the feed."""

    files: dict[str, str]
    entry: IndexEntry


def pair_report(diff: Diff) -> PairReport:
    """One pair's report files, all rendered from one view (built here, once)."""
    view = diff_view(diff)
    names = report_files(report_stem(diff.old.label, diff.new.label))
    files = {name: FORMATS[fmt].render(diff, view) for fmt, name in names.items()}
    return PairReport(files, index_entry(diff, view))


# Each pair format as a function of the Diff alone (tests and library callers).
RENDERERS: dict[str, Callable[[Diff], str]] = {
    "html": render_html,
    "json": render_json,
    "md": render_markdown,
    "csv": render_changes_csv,
}

__all__ = [
    "FEED_FILE",
    "FORMATS",
    "INDEX_FILE",
    "RENDERERS",
    "TIMELINE_FILES",
    "TIMELINE_FORMATS",
    "Format",
    "IndexEntry",
    "PairReport",
    "index_entry",
    "pair_report",
    "render",
    "render_changes_csv",
    "render_feed",
    "render_html",
    "render_index",
    "render_json",
    "render_kpis_csv",
    "render_markdown",
    "render_summary",
    "report_files",
    "report_stem",
    "summarize",
]
