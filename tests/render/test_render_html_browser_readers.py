"""The report as a reader meets it, in a real headless Chromium: links land clear of the
sticky bar (1,400 px and 400 px), the filter state lives in the URL and narrows every list,
a phone gets a folded bar, nothing wider than the screen and KPI cards, and the printout is
A4 with the summary on page 1."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from ipdiff.model import Change, Diff, Edition, EditionMeta, KpiChange, KpiValue, StrengthChange
from ipdiff.render import render_html
from tests.helpers import record
from tests.render.test_render_html_browser import ARGS, ARTIFACTS, CHROMIUM, browser  # noqa: F401

pytestmark = pytest.mark.browser
THEMES = ("知財・無形資産の投資", "生成AIと知的財産", "コンテンツ戦略", "国際標準", "地域の知財", "模倣品対策")


def long_diff() -> Diff:
    """Six themes of ten changed measures: long enough for the bar to stick while scrolling."""
    old, new, changes = [], [], []
    for t, theme in enumerate(THEMES):
        for i in range(10):
            n = t * 10 + i
            section = ("第1部", theme)
            a = record(n, f"{theme}に関する施策{n}について、関係機関と連携して検討する。", section)
            b = record(100 + n, f"{theme}に関する施策{n}について、関係機関と連携して着実に実施する。", section)
            old.append(a)
            new.append(b)
            kw: dict[str, Any] = {}
            if n == 43:
                kw["strength"] = StrengthChange("implement", "study", "down")
            if n == 51:
                kw["kpis"] = (KpiChange("件数", KpiValue("10件", 10.0, "件", metric="件数", kind="count"),
                                        KpiValue("12件", 12.0, "件", metric="件数", kind="count")),)
            changes.append(Change("modified", (a,), (b,), 0.8, **kw))
    meta = EditionMeta(label="2031", title="計画2031", date="2031-06-01", status="official")
    return Diff(Edition("2030", "0" * 64, tuple(old)), Edition("2031", "1" * 64, tuple(new), meta), tuple(changes))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readers") / "report.html"
    path.write_text(render_html(long_diff()), encoding="utf-8")
    return path


def _page(chromium: Any, path: Path, width: int, height: int, hash_: str = "") -> tuple[Any, list[str]]:
    page = chromium.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri() + hash_)
    page.wait_for_load_state("load")
    return page, errors


def _landing(page: Any) -> dict[str, float]:
    return page.evaluate(
        """() => {
          const row = document.getElementById(decodeURIComponent(location.hash.slice(1))).getBoundingClientRect();
          const bar = document.getElementById('filters').getBoundingClientRect();
          return {top: row.top, bottom: row.bottom, barTop: bar.top, barBottom: bar.bottom, height: innerHeight};
        }"""
    )


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (400, 800)])
def test_a_link_lands_with_its_row_fully_visible(browser: Any, report: Path, width: int, height: int) -> None:  # noqa: F811
    page, errors = _page(browser, report, width, height)
    # From 「主な変更」 (the weakened commitment) and from the KPI table, into the 新旧対照表.
    for link in ("ol.highlights a[href='#c-r43-r143']", "table.kpis a[href='#c-r51-r151']"):
        page.evaluate("window.scrollTo(0, 0)")
        page.click(link)
        page.wait_for_timeout(100)
        at = _landing(page)
        assert at["barTop"] <= 1, "the filter bar is stuck to the top"
        assert at["top"] >= at["barBottom"], f"{link}: row starts under the bar: {at}"
        assert at["bottom"] <= at["height"], f"{link}: row runs below the screen: {at}"
        # The row is marked as the link's target.
        target = page.evaluate("document.querySelector(':target') && document.querySelector(':target').id")
        assert target == link.split("#")[1].rstrip("']")
    page.screenshot(path=str(ARTIFACTS / f"readers-jump-{width}.png"))
    assert errors == []
    page.close()


def test_filter_state_is_shared_in_the_url_and_narrows_every_list(browser: Any, report: Path) -> None:  # noqa: F811
    page, errors = _page(browser, report, 1400, 900)
    page.select_option("#f-section", label="第1部 > 模倣品対策")
    page.fill("#f-search", "施策5")
    hash_ = page.evaluate("location.hash")
    assert "section=s-" in hash_ and "q=" in hash_ and "types=" in hash_
    page.close()

    shared, errors2 = _page(browser, report, 1400, 900, hash_)
    assert shared.eval_on_selector("#f-section", "s => s.selectedOptions[0].textContent") == "第1部 > 模倣品対策"
    assert shared.input_value("#f-search") == "施策5"
    visible = shared.eval_on_selector_all(
        "tbody.change", "rows => rows.filter(r => r.getClientRects().length).map(r => r.id)"
    )
    assert visible == [f"c-r{n}-r1{n}" for n in range(50, 60)]
    # The theme filter narrows 「主な変更」 and the KPI table too (their rows sit in other themes).
    assert shared.eval_on_selector_all("ol.highlights > li", "ls => ls.filter(l => l.getClientRects().length).length") == 0
    assert shared.eval_on_selector_all("table.kpis tbody tr", "rs => rs.filter(r => r.getClientRects().length).length") == 1
    assert errors == [] and errors2 == []
    shared.close()


def test_phone_layout(browser: Any, report: Path) -> None:  # noqa: F811
    page, errors = _page(browser, report, 400, 800)
    page.evaluate("document.getElementById('sections').scrollIntoView()")
    bar = page.eval_on_selector("#filters", "f => f.getBoundingClientRect().height")
    assert bar < 0.15 * 800, f"the folded filter bar is {bar}px of 800"
    page.screenshot(path=str(ARTIFACTS / "readers-400.png"))

    def too_wide() -> list[str]:
        return page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(e => {
                 const r = e.getBoundingClientRect();
                 return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5) && !e.closest('.table-wrap, .skip');
               }).map(e => e.tagName + '.' + e.className)"""
        )

    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    assert too_wide() == []
    # Opened, the bar holds the 章 menu within the screen.
    page.click("#f-toggle")
    assert page.is_visible("#f-section")
    right = page.eval_on_selector("#f-section", "s => s.getBoundingClientRect().right")
    assert right <= 400 and too_wide() == []
    page.click("#f-toggle")
    # The KPI table is a list of cards: one block per figure, no sideways scrolling.
    assert page.eval_on_selector("table.kpis tbody tr", "r => getComputedStyle(r).display") == "block"
    assert page.eval_on_selector("table.kpis", "t => t.scrollWidth <= t.parentElement.clientWidth")
    assert errors == []
    page.close()


def test_print_to_pdf_is_a4_with_the_summary_on_page_one(tmp_path: Path, report: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found")  # the browser fixture skips or fails the others alike
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [str(CHROMIUM), "--headless", *ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    width, height = doc[0].get_size()
    assert (round(width), round(height)) == (595, 842), "A4 is 595 × 842 pt"
    first = doc[0].get_textpage().get_text_range().replace("\r\n", "")
    assert "2031年版を2030年版と比べると、施策は新設0件、削除0件、修正60件" in first
    assert "主な変更" in first
    pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    sections_at = next(i for i, t in enumerate(pages) if "左が改正後" in t)
    kpis_at = next(i for i, t in enumerate(pages) if "数値（KPI）の変化" in t)
    assert kpis_at >= sections_at, "the KPI table is printed after the 新旧対照表"
    doc[0].render(scale=1).to_pil().save(ARTIFACTS / "readers-print-page1.png")
