"""Generated slide PDFs import to the expected text, titles included."""

from __future__ import annotations

import pytest
from bench.pdfgen import Slide, cid_fonts, embedded_fonts, slide_pdf, slides_from_text, titled_2026

from ipdiff.io.pdf import import_pdf
from tests.io.pdf_support import embedded_font_or_skip, expected, normalised


def _imported(text: str, fonts) -> str:
    return import_pdf(slide_pdf(slides_from_text(text), fonts), "slides.pdf").text


@pytest.mark.parametrize("name", ["slides.txt", "table.txt"])
def test_cid_font_with_simulated_bold(name: str) -> None:
    text = expected(name)
    assert normalised(_imported(text, cid_fonts())) == normalised(text)


@pytest.mark.parametrize("name", ["slides.txt", "table.txt"])
def test_embedded_font_with_real_bold(name: str) -> None:
    embedded_font_or_skip()
    text = expected(name)
    assert normalised(_imported(text, embedded_fonts())) == normalised(text)


def test_bold_is_read_from_the_font_and_from_the_render_mode() -> None:
    text = "## 題\n\n- ◆ 前**太字の部分**後\n"
    for fonts in (cid_fonts(),):
        assert "- ◆ 前**太字の部分**後" in _imported(text, fonts)


def test_two_columns_come_out_one_after_the_other() -> None:
    left, right = expected("columns_left.txt"), expected("columns_right.txt")
    slide = Slide("地域における知財保護", [left.strip("\n").split("\n"), right.strip("\n").split("\n")])
    got = import_pdf(slide_pdf([slide], cid_fonts()), "columns.pdf").text
    assert normalised(got) == normalised(f"## 地域における知財保護\n\n{left}\n{right}")


def test_page_numbers_and_side_tabs_are_dropped() -> None:
    pages = [Slide(f"題{n}", [["本文の行です。"]]) for n in range(1, 4)]
    got = import_pdf(slide_pdf(pages, cid_fonts()), "numbers.pdf")
    assert normalised(got.text) == "## 題1\n\n本文の行です。\n\n## 題2\n\n本文の行です。\n\n## 題3\n\n本文の行です。\n"
    assert got.sideways > 0  # the side tab was there, and was left out


def test_a_slide_without_title_text_is_reported() -> None:
    got = import_pdf(slide_pdf([Slide("題", [["本文"]]), Slide(None, [["続き"]])], cid_fonts()), "t.pdf")
    assert got.untitled == (2,)


def test_the_2026_text_survives_its_own_pdf(text_2026: str) -> None:
    from ipdiff.parse.segment import segment

    with_titles = titled_2026(text_2026)
    got = import_pdf(slide_pdf(slides_from_text(with_titles), cid_fonts()), "2026.pdf").text
    assert normalised(got) == normalised(with_titles)
    # The titles name the theme slides as the 構成 list does: the same blocks in the same sections.
    ours = [(b.kind, b.section, b.text) for b in segment(got)]
    assert ours == [(b.kind, b.section, b.text) for b in segment(text_2026)]


def test_diff_of_the_2026_text_against_its_pdf_reports_no_change(nlp, text_2026: str, edition_2026) -> None:
    from ipdiff import api
    from ipdiff.parse.records import parse_text

    got = import_pdf(slide_pdf(slides_from_text(titled_2026(text_2026)), cid_fonts()), "2026.pdf").text
    d = api.diff(edition_2026, parse_text(got, "2026pdf", nlp), api.Context())
    assert {c.type for c in d.changes} == {"unchanged"}
    assert not any(c.moved or c.kpis or c.strength for c in d.changes)
    assert d.summary["unchanged"] == len(edition_2026.records)


def test_a_running_header_on_every_slide_is_dropped() -> None:
    text = expected("slides.txt")
    data = slide_pdf(slides_from_text(text), cid_fonts(), running_header="知的財産推進計画2026（概要）")
    assert normalised(import_pdf(data, "slides.pdf").text) == normalised(text)
