"""Held out: texts and layouts written after the importer's rules were set, never tuned on
(another body size, another title size, other slides and prose of the plan)."""

from __future__ import annotations

from pathlib import Path

from bench.pdfgen import cid_fonts, prose_pdf, slide_pdf, slides_from_text

from ipdiff.io.pdf import import_pdf
from tests.io.pdf_support import normalised

HELD_OUT = Path(__file__).parent / "pdf_heldout"


def test_slides_in_another_size() -> None:
    text = (HELD_OUT / "slides.txt").read_text(encoding="utf-8")
    data = slide_pdf(slides_from_text(text), cid_fonts(), body=13.0, title=28.0)
    assert normalised(import_pdf(data, "heldout.pdf").text) == normalised(text)


def test_prose_in_another_size() -> None:
    text = (HELD_OUT / "prose.txt").read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if p.strip()]
    data = prose_pdf(paras, cid_fonts(), size=12.0, lines_per_page=7)
    got = import_pdf(data, "heldout.pdf")
    assert got.pages >= 2
    assert normalised(got.text) == normalised(text)
