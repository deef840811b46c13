"""The one registry of output formats: the CLI's `--format` choices and the report files.

Each pair format renders from the `Diff` and the pair's shared `DiffView` (built once per
pair by the caller; a renderer builds it itself only when given none). The renderers are
imported when called, so `--format json` never loads jinja2 or ranks 「主な変更」.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ipdiff.model import Diff
from ipdiff.render.files import (
    FEED_FILE,
    INDEX_FILE,
    PAIR_SUFFIXES,
    TIMELINE_FILES,
    report_files,
    report_stem,
)

__all__ = [
    "FEED_FILE",
    "FORMATS",
    "INDEX_FILE",
    "TIMELINE_FILES",
    "TIMELINE_FORMATS",
    "Format",
    "report_files",
    "report_stem",
]

if TYPE_CHECKING:
    from ipdiff.lineage.timeline import Timeline
    from ipdiff.render.views import DiffView


@dataclass(frozen=True, slots=True)
class Format:
    """One `--format` choice of `ipdiff diff`."""

    name: str
    render: Callable[[Diff, DiffView | None], str]
    # The report file of a pair: stem + suffix; None when `ipdiff report` does not write it.
    suffix: str | None
    help: str


def _html(diff: Diff, view: DiffView | None = None) -> str:
    # jinja2 is imported only when HTML is asked for: `--format json` stays quick.
    from ipdiff.render.html import render_html

    return render_html(diff, view)


def _json(diff: Diff, view: DiffView | None = None) -> str:
    from ipdiff.render.json import render_json

    return render_json(diff)


def _md(diff: Diff, view: DiffView | None = None) -> str:
    from ipdiff.render.markdown import render_markdown

    return render_markdown(diff, view)


def _csv(diff: Diff, view: DiffView | None = None) -> str:
    from ipdiff.render.csv import render_changes_csv

    return render_changes_csv(diff, view)


def _kpis_csv(diff: Diff, view: DiffView | None = None) -> str:
    from ipdiff.render.csv import render_kpis_csv

    return render_kpis_csv(diff, view)


def _summary(diff: Diff, view: DiffView | None = None) -> str:
    from ipdiff.render.summary import render_summary

    return render_summary(diff, view)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", _html, PAIR_SUFFIXES["html"], "the 新旧対照表, one self-contained page"),
        Format("json", _json, PAIR_SUFFIXES["json"], "ipdiff.diff/v2, the full alignment"),
        Format("md", _md, PAIR_SUFFIXES["md"], "the readers' summary in Markdown"),
        Format("csv", _csv, PAIR_SUFFIXES["csv"], "one row per change"),
        Format("kpis-csv", _kpis_csv, PAIR_SUFFIXES["kpis-csv"], "one row per KPI change"),
        Format("summary", _summary, None, "a few sentences of plain Japanese to paste"),
    )
}


# The timeline of three or more editions: `ipdiff timeline --format` and its report files.
def _timeline_html(made: Timeline) -> str:
    from ipdiff.render.html import render_timeline_html

    return render_timeline_html(made)


def _timeline_json(made: Timeline) -> str:
    from ipdiff.render.timeline import render_timeline_json

    return render_timeline_json(made)


TIMELINE_FORMATS: dict[str, Callable[[Timeline], str]] = {"html": _timeline_html, "json": _timeline_json}
