"""render/html.py: structure and safety of the single-file report (BeautifulSoup)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from ipdiff.render import RENDERERS, index_entry, render_html, render_index
from ipdiff.render.labels import SAMPLE_NOTICE
from tests.render_fixtures import make_diff


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(make_diff())


@pytest.fixture(scope="module")
def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _csp(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(meta, Tag)
    return str(meta["content"])


def _change(soup: BeautifulSoup, anchor: str) -> Tag:
    tag = soup.find(id=anchor)
    assert isinstance(tag, Tag), anchor
    return tag


def _side(row: Tag, side: str) -> Tag:
    cell = row.select_one(f"td.side-{side}")
    assert cell is not None
    return cell


def test_render_html_registry_and_determinism(html: str) -> None:
    assert RENDERERS["html"] is render_html
    assert render_html(make_diff()) == html


def test_render_html_document_basics(soup: BeautifulSoup, html: str) -> None:
    assert html.startswith("<!DOCTYPE html>\n")
    assert soup.html is not None and soup.html["lang"] == "ja"
    assert soup.find("meta", attrs={"charset": "utf-8"}) is not None
    assert soup.title is not None and "2025 → 2026" in soup.title.text


def test_render_html_csp_is_strict(soup: BeautifulSoup) -> None:
    csp = _csp(soup)
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == "'unsafe-inline'"
    assert directives["img-src"] == "data:"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'none'"
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", directives["script-src"])
    for remote in ("http:", "https:", "*", "'unsafe-eval'", "//"):
        assert remote not in csp
    # The CSP must come before anything it governs.
    head = soup.head
    assert head is not None
    first = [t.name for t in head.find_all(True)][:2]
    assert first == ["meta", "meta"]


def test_render_html_script_hash_matches(soup: BeautifulSoup) -> None:
    scripts = soup.find_all("script")
    assert len(scripts) == 1
    script = scripts[0]
    assert not script.has_attr("src")
    body = script.string or ""
    assert "addEventListener" in body
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in _csp(soup)


def test_render_html_self_contained(soup: BeautifulSoup, html: str) -> None:
    assert soup.find("link") is None
    assert soup.find("img") is None and soup.find("iframe") is None
    for tag in soup.find_all(True):
        for attr in ("src", "srcset", "action", "formaction"):
            assert not tag.has_attr(attr), (tag.name, attr)
        href = tag.get("href")
        if href is not None and tag.find_parent("dd", class_="source") is not None:
            # The editions' source URLs: links a reader follows, never loaded by the page.
            assert tag.name == "a" and tag["rel"] == ["noreferrer"], tag
            assert str(href).startswith(("https://", "http://")), href
        elif href is not None:
            assert str(href).startswith("#"), href
    assert "http://" not in html.replace("http://example.invalid", "")
    # No path of the machine that made it (the checkout's parent folder, say).
    assert str(Path(__file__).resolve().parents[3]) not in html and "file:" not in html


def test_render_html_no_event_handler_attributes(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(True):
        for attr in tag.attrs:
            assert not attr.lower().startswith("on"), (tag.name, attr)


def test_render_html_hostile_text_escaped(soup: BeautifulSoup, html: str) -> None:
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "R&amp;D" in html
    added = _change(soup, "c-n06")
    text = _side(added, "new").get_text()
    assert "<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(1)>' in text


def test_render_html_columns_new_left_old_right(soup: BeautifulSoup) -> None:
    tables = soup.select("table.taisho")
    assert tables
    for table in tables:
        heads = [th.get_text() for th in table.select("thead th")]
        assert heads[0].startswith("改正後") and heads[1].startswith("改正前")
    for body in soup.select("tr.change-body"):
        cells = body.find_all("td", recursive=False)
        assert "side-new" in cells[0]["class"] and "side-old" in cells[1]["class"]


def test_render_html_anchors_unique_and_complete(soup: BeautifulSoup) -> None:
    diff = make_diff()
    ids = [str(t["id"]) for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    rows = soup.select("tbody.change")
    assert len(rows) == len(diff.changes)
    assert {r["id"] for r in rows} == {c.anchor for c in diff.changes}
    for link in soup.select('a[href^="#"]'):
        target = str(link["href"])[1:]
        assert target in ids, target


def test_render_html_banners(soup: BeautifulSoup) -> None:
    sample = soup.select_one(".banner-sample")
    draft = soup.select_one(".banner-draft")
    assert sample is not None and draft is not None
    assert SAMPLE_NOTICE in sample.get_text()
    assert "公式PDFの写しではない" in sample.get_text()  # the meta note
    assert "案（ドラフト）" in draft.get_text()


def test_render_html_placeholders_moves_and_parts(soup: BeautifulSoup) -> None:
    added = _change(soup, "c-n06")
    assert _side(added, "old").get_text(strip=True) == "（新設）"
    removed = _change(soup, "c-o06")
    assert _side(removed, "new").get_text(strip=True) == "（削る）"
    moved = _change(soup, "c-o04-n05")
    assert "移動元: 1. 知財・無形資産への投資促進 > (1) 企業経営 > 現状と課題" in moved.get_text()
    split = _change(soup, "c-o07-n07-n08")
    assert len(_side(split, "new").select(".part")) == 2
    assert len(_side(split, "old").select(".part")) == 1
    merged = _change(soup, "c-o08-o09-n09")
    assert len(_side(merged, "old").select(".part")) == 2


def test_render_html_changed_characters_underlined(soup: BeautifulSoup) -> None:
    row = _change(soup, "c-o02-n02")
    new_marks = "".join(u.get_text() for u in _side(row, "new").select("u.chg"))
    old_marks = "".join(u.get_text() for u in _side(row, "old").select("u.chg"))
    assert "6" in new_marks and "いまや" in new_marks
    assert "5" in old_marks and "いまや" not in old_marks
    # Unchanged text is never marked, and ** markers never reach the page.
    assert not _change(soup, "c-o01-n01").select("u.chg")
    assert "**" not in soup.get_text()


def test_render_html_unchanged_collapsed(soup: BeautifulSoup) -> None:
    for anchor in ("c-o01-n01", "c-o05-n04", "c-o10-n10"):
        details = _change(soup, anchor).find_parent("details")
        assert details is not None and not details.has_attr("open")
    assert _change(soup, "c-o02-n02").find_parent("details") is None
    # The cosmetic pair shows what differs (full-width digits).
    assert _change(soup, "c-o10-n10").select("u.chg")


def test_render_html_kpi_and_strength_tables(soup: BeautifulSoup) -> None:
    kpi_rows = soup.select("table.kpis tbody tr")
    assert len(kpi_rows) == 5
    first = [c.get_text(" ", strip=True) for c in kpi_rows[0].find_all(["th", "td"])]
    assert first[1:5] == ["5.8兆円 → 6.1兆円", "+3,000億円", "+5.2%", "2023年 → 2024年"]
    assert kpi_rows[0].select_one('a[href="#c-o02-n02"]') is not None
    strength = soup.select("table.strength tbody tr")
    assert len(strength) == 2
    headings = [h.get_text() for h in soup.select("#strength h3")]
    assert headings == ["強化（1件）", "後退（1件）"]


def test_render_html_summary_and_chart(soup: BeautifulSoup) -> None:
    bars = soup.select("svg.chart g.bar")
    assert [b["class"][1] for b in bars] == [
        "t-added",
        "t-removed",
        "t-modified",
        "t-unchanged",
        "t-split",
        "t-merged",
    ]
    widths = [int(str(b.rect["width"])) for b in bars if b.rect is not None]
    assert max(widths) == 320 and widths[2] == 320  # modified (4) is the longest
    section_rows = soup.select("table.by-section tbody tr")
    assert [r.th.get_text() for r in section_rows if r.th is not None] == [
        s.label for s in _sections()
    ]


def _sections():
    from ipdiff.render.build import diff_view, section_blocks

    return section_blocks(diff_view(make_diff()).changes)


def test_render_html_sections_in_document_order(soup: BeautifulSoup) -> None:
    labels = [h.get_text() for h in soup.select("section.doc-section > h3")]
    assert labels == [
        "基本的な認識",
        "1. 知財・無形資産への投資促進 > (1) 企業経営",
        "2. 生成AI等の新たな時代に即した知的財産の保護 > (1) 透明性の確保",
        "3. コンテンツ・クールジャパン > (1) 海外展開",
    ]


def test_render_html_filters_accessible(soup: BeautifulSoup) -> None:
    form = soup.select_one("form#filters")
    assert form is not None
    boxes = form.select('input[type="checkbox"][name="type"]')
    assert [b["value"] for b in boxes] == [
        "added",
        "removed",
        "modified",
        "unchanged",
        "split",
        "merged",
    ]
    for box in boxes:
        assert box.find_parent("label") is not None
    assert not next(b for b in boxes if b["value"] == "unchanged").has_attr("checked")
    for control in form.select("select, input[type=search]"):
        assert form.select_one(f'label[for="{control["id"]}"]') is not None
    assert "@media print" in (soup.style.string if soup.style else "")


def test_render_html_footer_generator_no_timestamp(soup: BeautifulSoup, html: str) -> None:
    footer = soup.select_one("footer")
    assert footer is not None
    assert "ja_ginza 5.3.0" in footer.get_text()
    assert not re.search(r"\d\d:\d\d(:\d\d)?", html.replace(soup.style.string or "", ""))


def test_render_index() -> None:
    diff = make_diff()
    page = render_index([index_entry(diff)])
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html is not None and soup.html["lang"] == "ja"
    assert soup.find("script") is None
    assert "script-src" not in _csp(soup)
    hrefs = [a["href"] for a in soup.select("a")]
    assert hrefs == [
        "feed.xml",
        "2025-2026.html",
        "2025-2026.md",
        "2025-2026.json",
        "2025-2026-changes.csv",
        "2025-2026-kpis.csv",
    ]
    assert "サンプル（再構成）" in soup.get_text() and "案（ドラフト）" in soup.get_text()
    assert render_index([]) == render_index(())
    assert "レポートはまだありません" in render_index([])


def test_render_html_header_provenance_and_highlights(soup: BeautifulSoup) -> None:
    header = soup.find("header")
    assert header is not None
    banners = [p.get_text() for p in header.select(".banner > p")]
    assert banners == [
        "旧版（2025）は公開資料から再構成したサンプルであり、公式文書ではありません。",
        "新版（2026）は案（ドラフト）であり、決定された計画ではありません。",
    ]
    # The sample's note is folded below its one-sentence banner.
    assert "公式PDFの写しではない" in header.select_one(".banner-sample details").get_text()
    urls = [a["href"] for a in header.select("dd.source a")]
    assert urls == ["https://www.kantei.go.jp/jp/singi/titeki2/", "https://example.invalid/a_(b) c"]
    items = soup.select("#highlights ol.highlights > li")
    assert [li.select_one(".hl-label").get_text() for li in items] == ["後退", "強化", "新設", "削除"]
    # Each item links to its row of the 新旧対照表, which exists in the page.
    for li in items:
        target = li.select_one("a")["href"][1:]
        assert soup.find(id=target) is not None, target
    # Counts: measures apart from apparatus.
    row = [tr for tr in soup.select("table.counts tr") if tr.th and tr.th.get_text() == "修正"][0]
    assert [td.get_text() for td in row.find_all("td")] == ["4", "1"]
