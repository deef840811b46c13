"""A generated A4 prose PDF: every paragraph whole on one line, across page breaks too."""

from __future__ import annotations

from bench.pdfgen import cid_fonts, prose_pdf

from ipdiff.io.pdf import import_pdf
from tests.io.pdf_support import embedded_font_or_skip, expected, normalised


def _paragraphs() -> list[str]:
    return [p for p in expected("prose.txt").split("\n\n") if p.strip()]


def test_paragraphs_come_out_whole_across_page_breaks() -> None:
    paras = _paragraphs()
    data = prose_pdf(paras, cid_fonts(), lines_per_page=8)
    got = import_pdf(data, "prose.pdf")
    assert got.pages >= 2  # the long paragraph under ① crosses a page break
    assert normalised(got.text) == normalised(expected("prose.txt"))
    lines = [ln for ln in got.text.split("\n") if ln.strip()]
    assert lines == [p.strip() for p in paras]
    assert not any("- 1 -" in ln or "- 2 -" in ln for ln in lines)  # page numbers dropped


def test_prose_with_an_embedded_font() -> None:
    embedded_font_or_skip()
    from bench.pdfgen import embedded_fonts

    got = import_pdf(prose_pdf(_paragraphs(), embedded_fonts(), lines_per_page=8), "prose.pdf")
    assert normalised(got.text) == normalised(expected("prose.txt"))


def test_a_bold_run_across_a_page_break_stays_one_run() -> None:
    para = "前の文。" * 40 + "**ここから太字で" + "続く" * 30 + "**。"
    got = import_pdf(prose_pdf([para], cid_fonts(), lines_per_page=2), "bold.pdf")
    assert got.pages >= 2
    assert normalised(got.text) == para + "\n"


def test_a_running_header_is_dropped_and_a_one_off_margin_line_kept() -> None:
    paras = _paragraphs()
    data = prose_pdf(paras, cid_fonts(), lines_per_page=6, running_header="知的財産推進計画2026（本文）")
    got = import_pdf(data, "prose.pdf")
    assert got.pages >= 3
    assert normalised(got.text) == normalised(expected("prose.txt"))
