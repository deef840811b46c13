"""Reports from a `Diff`: pure functions, values in, `str` out.

No I/O, no timestamps, no random ids, no absolute paths: the same `Diff` always gives
the same bytes, which is what lets `ipdiff check` regenerate reports and compare them.
The CSV texts start with a BOM and use `\\r\\n` row endings; write every text unchanged
(UTF-8, `newline=""`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ipdiff.compare.classify import summarize
from ipdiff.model import Diff
from ipdiff.render.build import TIMELINE_FILES, index_entry, report_files, report_stem
from ipdiff.render.csv import render_changes_csv, render_kpis_csv
from ipdiff.render.json import render_json
from ipdiff.render.markdown import render_markdown
from ipdiff.render.views import IndexEntry


def render_html(diff: Diff) -> str:
    # jinja2 is imported only when HTML is asked for: `--format json` stays quick.
    from ipdiff.render.html import render_html as render

    return render(diff)


def render_index(entries: Sequence[IndexEntry], timeline: Mapping[str, str] | None = None) -> str:
    from ipdiff.render.html import render_index as render

    return render(entries, timeline)


# Keys are the `--format` choices of the CLI.
RENDERERS: dict[str, Callable[[Diff], str]] = {
    "html": render_html,
    "json": render_json,
    "md": render_markdown,
    "csv": render_changes_csv,
}

__all__ = [
    "RENDERERS",
    "TIMELINE_FILES",
    "IndexEntry",
    "index_entry",
    "render_changes_csv",
    "render_html",
    "render_index",
    "render_json",
    "render_kpis_csv",
    "render_markdown",
    "report_files",
    "report_stem",
    "summarize",
]
