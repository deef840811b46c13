"""Generated plan PDFs: the parser's text shape laid out as 16:9 slides or A4 prose.

The importer's tests and its benchmark need PDFs whose right text is known. This lays out
text in the shape `ipdiff add` writes (`## タイトル` slide titles, `- `/` - ` bullets, `- ◆`
points, `**bold**`, tab-separated table rows, `(出典)` captions, blank lines) the way the
published overview draws it: a title in the top band, ● and ・ glyphs with hanging indents,
bold as a bold font or as fill+stroke text, ruled tables with merged cells, chart images,
page numbers. reportlab writes it, with `invariant` on, so the same text gives the same bytes.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

CID_FONT = "HeiseiKakuGo-W5"
IPA_GOTHIC = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
SLIDE = (960.0, 540.0)
A4 = (595.0, 842.0)
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Fonts:
    """The regular font and how bold is drawn: `bold` names a bold font, or None for
    the fill+stroke render mode (simulated bold)."""

    regular: str
    bold: str | None = None


def cid_fonts() -> Fonts:
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return Fonts(CID_FONT)


def embedded_fonts(path: Path = IPA_GOTHIC) -> Fonts:
    """IPAGothic embedded, with a second embedding whose descriptor says bold (weight
    class 700): how a real bold face reaches a reader that only sees font metadata."""
    from reportlab.pdfbase.ttfonts import TTFont

    names = pdfmetrics.getRegisteredFontNames()
    if "IPAGothic" not in names:
        pdfmetrics.registerFont(TTFont("IPAGothic", str(path)))
        bold = TTFont("IPAGothic-Bold", str(path))
        bold.face.name = b"IPAGothic-Bold"
        bold.face.stemV = 50 + int((700 / 65.0) ** 2)
        bold.face.flags |= 1 << 18  # FORCEBOLD
        pdfmetrics.registerFont(bold)
    return Fonts("IPAGothic", "IPAGothic-Bold")


def runs(text: str) -> list[tuple[str, bool]]:
    """`a**b**c` → [(a, False), (b, True), (c, False)]."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


@dataclass
class _Pen:
    canvas: Canvas
    fonts: Fonts
    body: float = 11.0  # slide body size; lines are 1.45 of it apart

    def width(self, text: str, size: float, bold: bool = False) -> float:
        font = self.fonts.bold if bold and self.fonts.bold else self.fonts.regular
        return pdfmetrics.stringWidth(text, font, size)

    def draw(self, x: float, y: float, pieces: list[tuple[str, bool]], size: float) -> float:
        for piece, bold in pieces:
            if not piece:
                continue
            t = self.canvas.beginText(x, y)
            font = self.fonts.bold if bold and self.fonts.bold else self.fonts.regular
            t.setFont(font, size)
            simulated = bold and not self.fonts.bold
            if simulated:
                t.setTextRenderMode(2)
            t.textOut(piece)
            # The render mode is graphics state, kept past the text object: save around it.
            if simulated:
                self.canvas.saveState()
            self.canvas.drawText(t)
            if simulated:
                self.canvas.restoreState()
            x += self.width(piece, size, bold)
        return x

    def wrap(
        self, pieces: list[tuple[str, bool]], size: float, width: float, first: float | None = None
    ) -> list[list[tuple[str, bool]]]:
        """Break into lines of at most `width` (the first line `first`): between CJK
        characters anywhere, between Latin words only at a space (which the break consumes)."""
        chars = [(ch, bold) for piece, bold in pieces for ch in piece]
        lines: list[list[tuple[str, bool]]] = []
        start = 0
        while start < len(chars):
            used, end, last_break = 0.0, start, None
            room = first if first is not None and not lines else width
            while end < len(chars):
                ch, bold = chars[end]
                w = self.width(ch, size, bold)
                if used + w > room and end > start:
                    break
                used += w
                end += 1
                if end < len(chars) and (ch == " " or _wide(ch) or _wide(chars[end][0])):
                    last_break = end
            if end < len(chars) and last_break is not None and not (
                _wide(chars[end - 1][0]) or _wide(chars[end][0]) or chars[end][0] == " "
            ):
                end = last_break
            line = chars[start:end]
            while line and line[-1][0] == " ":
                line = line[:-1]
            lines.append(_group(line))
            start = end
            while start < len(chars) and chars[start][0] == " ":
                start += 1
        return lines or [[]]


def _group(chars: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for ch, bold in chars:
        if out and out[-1][1] == bold:
            out[-1] = (out[-1][0] + ch, bold)
        else:
            out.append((ch, bold))
    return out


@dataclass
class Slide:
    """One slide: a title for the top band (or none) and columns of lines in text shape."""

    title: str | None
    columns: list[list[str]] = field(default_factory=list)


def titled_2026(text: str) -> str:
    """The 2026 text with each theme slide's title (from its 構成 list) as a `## ` line."""
    from ipdiff.families.ip_plan import IP_PLAN  # the list the parser reads

    lines = text.split("\n")
    themes = iter(IP_PLAN.lines.themes(lines))
    out: list[str] = []
    in_points = False
    for ln in lines:
        if ln.startswith("- ◆") and not in_points:
            theme = next(themes, None)
            if theme:
                out += [f"## {theme[1]}", ""]
        if ln.strip():
            in_points = ln.startswith("- ◆")
        elif in_points:
            in_points = False
        out.append(ln)
    return "\n".join(out)


def slides_from_text(text: str) -> list[Slide]:
    """A `## ` line opens a slide with that title; a page fills up only at a blank line."""
    slides: list[Slide] = []
    body: list[str] = []
    title: str | None = None
    first = True
    for line in text.split("\n"):
        if line.startswith("## "):
            if body or not first:
                slides.extend(_fill(title, body))
            title, body, first = line[3:].strip(), [], False
            continue
        body.append(line)
    slides.extend(_fill(title, body))
    return slides


_LINES_PER_SLIDE = 24


def _fill(title: str | None, body: list[str]) -> list[Slide]:
    """Pages of at most so many lines, broken at a blank line (a bullet or a table whole)."""
    out: list[Slide] = []
    page: list[str] = []
    for line in body:
        cost = 1 + len(line) // 70 + (2 if "\t" in line else 0)
        if not line.strip() and sum(1 + len(x) // 70 + (2 if "\t" in x else 0) for x in page) + cost > _LINES_PER_SLIDE:
            out.append(Slide(title if not out else None, [page]))
            page = []
            continue
        page.append(line)
    out.append(Slide(title if not out else None, [page]))
    return out


def slide_pdf(
    slides: Iterable[Slide],
    fonts: Fonts,
    *,
    page_numbers: bool = True,
    running_header: str = "",
    body: float = 11.0,
    title: float = 24.0,
) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=SLIDE, invariant=1)
    pen = _Pen(c, fonts, body)
    w, h = SLIDE
    for n, slide in enumerate(slides, 1):
        if slide.title:
            pen.draw(40, h - 52, runs(slide.title), title)
        # A side tab drawn sideways, as the overview marks its parts: not part of the text.
        c.saveState()
        c.translate(w - 12, h - 200)
        c.rotate(90)
        pen.draw(0, 0, [("創造", False)], 9)
        c.restoreState()
        gap = 20.0
        col_w = (w - 80 - gap * (len(slide.columns) - 1)) / max(1, len(slide.columns))
        for k, column in enumerate(slide.columns):
            _column(pen, column, 40 + k * (col_w + gap), h - 115, col_w)
        if page_numbers:
            pen.draw(w - 40, 20, [(str(n), False)], 9)
        if running_header:
            pen.draw(w - 200, h - 18, [(running_header, False)], 8)
        c.showPage()
    c.save()
    return buf.getvalue()


def _column(pen: _Pen, lines: list[str], x0: float, y: float, width: float) -> None:
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            y = _table(pen, lines[i:j], x0, y, width)
            i = j
            continue
        if not line.strip():
            blanks = 0
            while i < len(lines) and not lines[i].strip():
                blanks += 1
                i += 1
            if blanks >= 3:
                y = _image(pen, x0, y)
            else:
                y -= pen.body * 1.3
            continue
        y = _line(pen, line, x0, y, width)
        i += 1


def _line(pen: _Pen, line: str, x0: float, y: float, width: float) -> float:
    m = re.match(r"^( ?)- (◆ ?)?(.*)$", line)
    if m:
        level = len(m.group(1))
        glyph = "◆" if m.group(2) else ("・" if level else "●")
        gx = x0 + 20 * level
        pen.draw(gx, y, [(glyph, False)], pen.body)
        tx, body = gx + pen.body * 1.3, m.group(3)
        if m.group(2):
            pen.canvas.rect(gx - 4, y - 4, width - 20 * level + 4, pen.body * 1.45, stroke=1, fill=0)
    else:
        tx, body = x0, line.lstrip(" ")
        if body != line:  # a line of spaces, or U+3000 inside: draw as it is
            body = line
    for piece in pen.wrap(runs(body), pen.body, x0 + width - tx):
        pen.draw(tx, y, piece, pen.body)
        y -= pen.body * 1.45
    return y


def _image(pen: _Pen, x0: float, y: float) -> float:
    from PIL import Image

    img = Image.new("RGB", (60, 30), (200, 220, 240))
    for x in range(10, 50, 10):
        for yy in range(30 - x // 2, 30):
            img.putpixel((x, yy), (40, 80, 160))
    pen.canvas.drawImage(ImageReader(img), x0, y - 80, 160, 80)
    return y - 95


def _table(pen: _Pen, rows: list[str], x0: float, y: float, width: float) -> float:
    """Ruled cells; an empty cell joins the non-empty one on its left, and in the first
    column the group cell above it: merged cells, as the Cool Japan table draws them."""
    grid = [r.split("\t") for r in rows]
    ncols = max(len(r) for r in grid)
    grid = [r + [""] * (ncols - len(r)) for r in grid]
    size, lead = 7.0, 9.5
    longest = [max(4, *(len(r[c]) for r in grid)) for c in range(ncols)]
    col_w = [width * n / sum(longest) for n in longest]
    xs = [x0 + sum(col_w[:c]) for c in range(ncols + 1)]
    header = 0
    while header < len(grid) and not grid[header][0]:
        header += 1
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell or (r, c) in owner:
                continue
            if c == 0 and r > header and r > 0 and grid[r - 1][0] or c == 0 and (r - 1, 0) in owner and r > header:
                owner[(r, c)] = owner.get((r - 1, 0), (r - 1, 0))
            elif c > 0 and (row[c - 1] or (r, c - 1) in owner) and owner.get((r, c - 1), (r, c - 1))[0] == r:
                owner[(r, c)] = owner.get((r, c - 1), (r, c - 1))
    heights = []
    for row in grid:
        n = max(len(pen.wrap([(cell, False)], size, col_w[c] - 4)) for c, cell in enumerate(row))
        heights.append(n * lead + 4)
    ys = [y + 10]
    for hgt in heights:
        ys.append(ys[-1] - hgt)
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if (r, c) in owner:
                continue
            c2, r2 = c, r
            while c2 + 1 < ncols and owner.get((r, c2 + 1)) == (r, c):
                c2 += 1
            while r2 + 1 < len(grid) and owner.get((r2 + 1, c)) == (r, c):
                r2 += 1
            pen.canvas.rect(xs[c], ys[r2 + 1], xs[c2 + 1] - xs[c], ys[r] - ys[r2 + 1], stroke=1, fill=0)
            ty = ys[r] - 2 - size
            for piece in pen.wrap([(cell, False)], size, xs[c2 + 1] - xs[c] - 4):
                pen.draw(xs[c] + 2, ty, piece, size)
                ty -= lead
    return ys[-1] - pen.body * 1.45


def prose_pdf(
    paragraphs: list[str], fonts: Fonts, *, size: float = 10.5, lines_per_page: int = 40, running_header: str = ""
) -> bytes:
    """A4 prose: one paragraph per item, a one-character first-line indent unless it opens
    with a heading mark, wrapped to the text width, `- N -` page numbers at the foot."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, invariant=1)
    pen = _Pen(c, fonts)
    w, h = A4
    left, right, top = 70.0, w - 70.0, h - 80.0
    lead = size * 1.7
    page, y, used = 1, top, 0

    def new_page() -> None:
        nonlocal page, y, used
        pen.draw(w / 2 - 10, 40, [(f"- {page} -", False)], 9)
        if running_header:
            pen.draw(right - 150, h - 40, [(running_header, False)], 8)
        c.showPage()
        page, y, used = page + 1, top, 0

    for para in paragraphs:
        indent = 0.0 if re.match(r"^(第[0-9０-９一二三四五六七八九十]+[章節]|[（(][0-9０-９]+[)）]|[①-⑳]|[・●])", para) else size
        lines = pen.wrap(runs(para), size, right - left, first=right - left - indent)
        for k, piece in enumerate(lines):
            if used >= lines_per_page:
                new_page()
            pen.draw(left + (indent if k == 0 else 0), y, piece, size)
            y -= lead
            used += 1
    new_page()
    c.save()
    return buf.getvalue()
