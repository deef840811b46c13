"""PDFs as inputs everywhere: a path, an edition label, a git revision; the importer in the cache key."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.pdfgen import cid_fonts, slide_pdf, slides_from_text

from ipdiff.io.cache import ParseCache
from ipdiff.io.sources import read_git, resolve, source_from_bytes
from tests.helpers import commit_all, git
from tests.io.pdf_support import expected, normalised


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return slide_pdf(slides_from_text(expected("slides.txt")), cid_fonts())


def test_a_pdf_path_and_a_label_import_in_memory(tmp_path: Path, pdf_bytes: bytes) -> None:
    (tmp_path / "2027.pdf").write_bytes(pdf_bytes)
    by_path = resolve(str(tmp_path / "2027.pdf"), tmp_path)
    by_label = resolve("2027", tmp_path)
    assert normalised(by_path.text) == normalised(expected("slides.txt")) == normalised(by_label.text)
    assert by_path.importer.startswith("pdf/") and by_path.label == "2027"


def test_a_git_revision_of_a_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdf_bytes: bytes) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "plan.pdf").write_bytes(pdf_bytes)
    commit_all(tmp_path, "pdf")
    (tmp_path / "plan.pdf").write_bytes(b"overwritten")
    monkeypatch.chdir(tmp_path)
    src = read_git("HEAD:plan.pdf")
    assert normalised(src.text) == normalised(expected("slides.txt"))


def test_the_importer_is_part_of_the_cache_key(pdf_bytes: bytes) -> None:
    pdf = source_from_bytes(pdf_bytes, "x", "x.pdf")
    text = source_from_bytes(pdf.text.encode("utf-8"), "x", "x.txt")
    assert pdf.importer and not text.importer
    same_bytes_no_importer = type(pdf)(pdf.label, pdf.origin, pdf.text, pdf.sha256, pdf.meta)
    assert ParseCache.key(pdf) != ParseCache.key(same_bytes_no_importer)
