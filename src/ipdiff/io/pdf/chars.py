"""Characters from pypdfium2: text, baseline origin, box, size, bold, angle; page by page.

Bold is what the reader can see of it: a font whose weight is 600 or more or whose
descriptor forces bold (a real bold face), or text drawn fill+stroke (simulated bold).
Characters pdfium generates itself (spaces and line breaks it guesses) are not in the PDF
and are left out.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ipdiff.errors import InputError

_FORCE_BOLD = 1 << 18
_FILL_STROKE = {raw.FPDF_TEXTRENDERMODE_FILL_STROKE, raw.FPDF_TEXTRENDERMODE_FILL_STROKE_CLIP}
# A page with this many drawn paths may hold a ruled table: only then is pdfplumber asked.
_RULED_PATHS = 6


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    x: float  # baseline origin, PDF units from the left
    y: float  # baseline origin, PDF units from the bottom
    right: float
    size: float
    bold: bool


@dataclass(frozen=True, slots=True)
class PageChars:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]  # upright characters in content-stream order
    sideways: int  # characters drawn at an angle (side tabs): dropped
    ruled: bool  # enough drawn paths for a ruled table


def _opened(data: bytes, where: str) -> pdfium.PdfDocument:
    if b"%PDF-" not in data[:1024]:  # readers allow junk before the header, up to 1 KB
        raise InputError(where, "is not a PDF (no %PDF- header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(where, "is an encrypted PDF: decrypt it first (e.g. qpdf --decrypt)") from None
        why = re.search(r"PDFium: ([^)]*)", str(exc))
        raise InputError(where, f"is a corrupt PDF ({why.group(1) if why else exc})") from None


@contextmanager
def document(data: bytes, where: str) -> Iterator[pdfium.PdfDocument]:
    doc = _opened(data, where)
    try:
        if len(doc) == 0:
            raise InputError(where, "is a PDF with no pages")
        yield doc
    finally:
        doc.close()


def page_chars(doc: pdfium.PdfDocument, index: int, where: str) -> PageChars:
    try:
        page = doc[index]
    except pdfium.PdfiumError:
        raise InputError(where, f"page {index + 1} cannot be read (corrupt PDF)") from None
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars, sideways = _read(textpage.raw)
        finally:
            textpage.close()
        paths = sum(1 for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=2))
    finally:
        page.close()
    return PageChars(index + 1, width, height, tuple(chars), sideways, paths >= _RULED_PATHS)


def _read(tp: ctypes.c_void_p) -> tuple[list[Char], int]:
    out: list[Char] = []
    sideways = 0
    # The loose box spans the glyph's advance: a tight box ends short at 、 and 。.
    box = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    flags = ctypes.c_int()
    modes: dict[int, bool] = {}
    for i in range(raw.FPDFText_CountChars(tp)):
        if raw.FPDFText_IsGenerated(tp, i) == 1:
            continue
        code = raw.FPDFText_GetUnicode(tp, i)
        if code in (0, 0xFFFE, 0xFFFF) or code < 0x20 or 0xD800 <= code < 0xE000:
            continue
        angle = raw.FPDFText_GetCharAngle(tp, i)
        if 0.02 < angle < 6.26:
            sideways += 1
            continue
        raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
        raw.FPDFText_GetLooseCharBox(tp, i, box)
        size = raw.FPDFText_GetFontSize(tp, i)
        weight = raw.FPDFText_GetFontWeight(tp, i)
        raw.FPDFText_GetFontInfo(tp, i, None, 0, flags)
        obj = raw.FPDFText_GetTextObject(tp, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        stroked = modes.get(key)
        if stroked is None:
            stroked = modes[key] = raw.FPDFTextObj_GetTextRenderMode(obj) in _FILL_STROKE
        bold = weight >= 600 or bool(flags.value & _FORCE_BOLD) or stroked
        out.append(Char(chr(code), ox.value, oy.value, max(box.right, ox.value), size, bold))
    return out, sideways
