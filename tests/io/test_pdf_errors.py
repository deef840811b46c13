"""Bad PDFs: one line naming the file and the problem, exit 2, nothing written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bench.pdfgen import Slide, cid_fonts, slide_pdf
from reportlab.pdfgen.canvas import Canvas

from tests.helpers import invoke_refused


def _encrypted() -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, encrypt="secret", invariant=1)
    c.drawString(72, 720, "secret text")
    c.showPage()
    c.save()
    return buf.getvalue()


def _scanned(pages: int = 3) -> bytes:
    """Pages that are pictures of text only: no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(960, 540), invariant=1)
    for _ in range(pages):
        c.drawImage(ImageReader(Image.new("L", (40, 20), 200)), 40, 40, 400, 200)
        c.showPage()
    c.save()
    return buf.getvalue()


def _good() -> bytes:
    return slide_pdf([Slide("題", [["本文の行です。"]])], cid_fonts())


CASES = {
    "encrypted": (_encrypted, "encrypted PDF"),
    "scanned": (_scanned, "scanned: OCR is needed) on pages 1–3"),
    "corrupt": (lambda: _good()[:400], "corrupt PDF"),
    "not a PDF": (lambda: "ただのテキスト\n".encode(), "is not a PDF"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", ["parse", "add"])
def test_bad_pdf_is_refused_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, command: str) -> None:
    make, fragment = CASES[case]
    (tmp_path / "editions").mkdir()
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(make())
    monkeypatch.chdir(tmp_path)
    argv = ["parse", str(pdf)] if command == "parse" else ["add", str(pdf), "--label", "2027"]
    line = invoke_refused(tmp_path, argv, {"IPDIFF_CACHE_DIR": str(tmp_path / "cache")})
    assert str(pdf) in line and fragment in line, line
