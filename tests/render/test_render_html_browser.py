"""The report in a real headless Chromium: CSP admits our script, filters and search work.

Uses the system Chromium (no browser download). Without it the test skips locally and
fails under CI (env var CI set), so CI cannot pass by not running it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

from ipdiff.render import render_html
from tests.render_fixtures import make_diff

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found: install Debian's chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def _visible(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "tbody.change",
        "rows => rows.filter(r => r.getClientRects().length > 0).map(r => r.id)",
    )


@dataclass
class Seen:
    """What a page did while a test drove it: errors (console and script), dialogs, requests."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def _open(browser: Any, path: Path) -> tuple[Any, Seen]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    seen = Seen()
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))

    def on_dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda r: seen.requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, seen


def test_render_html_browser_filters_and_safety(browser: Any, tmp_path: Path) -> None:
    diff = make_diff()
    report = tmp_path / "report.html"
    report.write_text(render_html(diff), encoding="utf-8")

    page, seen = _open(browser, report)

    # The hostile record did not run, and nothing was fetched besides the file itself.
    assert page.evaluate("window.__pwned") is None
    assert seen.dialogs == []
    assert seen.requests == [report.as_uri()]

    # Our script ran (the CSP hash matched): it revealed the filters and counted rows.
    assert page.is_visible("#filters")
    total = len(diff.changes)
    unchanged = {c.anchor for c in diff.changes if c.type == "unchanged"}
    added = {c.anchor for c in diff.changes if c.type == "added"}
    assert page.text_content("#f-status") == f"{total - len(unchanged)} / {total} 件を表示"
    assert set(_visible(page)) == {c.anchor for c in diff.changes} - unchanged

    # Change-type filter: drop 新設, add 変更なし.
    page.get_by_label("新設（1）").uncheck()
    assert not set(_visible(page)) & added
    page.get_by_label("変更なし（3）").check()
    assert unchanged <= set(_visible(page))
    assert page.text_content("#f-status") == f"{total - len(added)} / {total} 件を表示"

    # Search narrows to matching rows; full-width input finds half-width text.
    page.fill("#f-search", "ＧＩＩ順位")
    assert _visible(page) == []
    page.fill("#f-search", "グローバル・イノベーション")
    assert _visible(page) == ["c-o11-n11"]
    page.fill("#f-search", "")

    # Section filter.
    page.select_option("#f-section", label="基本的な認識")
    assert set(_visible(page)) == {"c-o01-n01", "c-o02-n02"}
    page.select_option("#f-section", value="")

    # Keyboard: the filters are reachable and focus is visible.
    page.focus("#f-search")
    outline = page.eval_on_selector("#f-search", "e => getComputedStyle(e).outlineStyle")
    assert outline != "none"

    # A KPI link to a filtered-out row brings it back.
    page.get_by_label("修正（5）").uncheck()
    page.click('table.kpis a[href="#c-o02-n02"]')
    assert "c-o02-n02" in _visible(page)

    page.uncheck("input[value=unchanged]")
    # Print shows everything, filters or not, and hides the controls.
    page.emulate_media(media="print")
    assert set(_visible(page)) == {c.anchor for c in diff.changes}
    assert not page.is_visible("#filters")
    page.emulate_media(media="screen")

    page.evaluate("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)

    assert seen.errors == []
    page.close()


def test_timeline_page_filters_and_charts(browser: Any, tmp_path: Path) -> None:
    from ipdiff.render.html import render_timeline_html
    from tests.lineage.test_timeline import timeline_fixture

    timeline = timeline_fixture()
    page_file = tmp_path / "timeline.html"
    page_file.write_text(render_timeline_html(timeline), encoding="utf-8")

    page, seen = _open(browser, page_file)
    assert seen.requests == [page_file.as_uri()] and seen.dialogs == []

    # The filter script ran under the page's CSP: the same controls as the pair report.
    assert page.is_visible("#filters")
    rows = {lin.id for lin in timeline.lineages}
    shown = {r.removeprefix("l-") for r in _visible(page)}
    assert shown and shown < rows  # 変更なし is unchecked at first
    page.check("input[value=unchanged]")
    assert {r.removeprefix("l-") for r in _visible(page)} == rows

    # Only the measures that came back after a gap.
    for box in ("removed", "added", "modified", "unchanged"):
        page.uncheck(f"input[value={box}]")
    returned = {lin.id for lin in timeline.lineages if lin.gaps}
    assert returned and {r.removeprefix("l-") for r in _visible(page)} == returned
    for box in ("removed", "added", "modified", "unchanged"):
        page.check(f"input[value={box}]")
    # Search (full-width input finds the text) and the chapter filter.
    page.fill("#f-search", "研究セキュリティ")
    assert {r.removeprefix("l-") for r in _visible(page)} == returned
    page.fill("#f-search", "")
    page.select_option("#f-section", label="知的財産推進計画 > 技術流出の防止")
    in_theme = {lin.id for lin in timeline.lineages if "技術流出の防止" in lin.latest.records[0].section}
    assert {r.removeprefix("l-") for r in _visible(page)} == in_theme
    page.select_option("#f-section", value="")

    # The charts: an SVG per series, with a labelled axis and a point per edition.
    charts = page.query_selector_all("figure.kpi-chart svg.series")
    assert len(charts) == len([s for s in timeline.series if len({p.value.value for p in s.points}) > 1])
    first = page.query_selector("figure.kpi-chart")
    assert first is not None and first.is_visible()
    labels = first.eval_on_selector_all("text.value", "ts => ts.map(t => t.textContent)")
    assert labels == ["22件", "30件", "38件"]
    box = first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    ARTIFACTS.mkdir(exist_ok=True)
    first.screenshot(path=str(ARTIFACTS / "timeline-chart.png"))
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)
    assert seen.errors == []
    page.close()
