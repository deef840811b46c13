"""One page's lines → the parser's text shape: slide pages (landscape) and prose pages.

Slides: the largest text in the top band is the title (`## タイトル`); a leading ●/・/◆
glyph and its x position give the bullet and its level; a line at a bullet's text indent
continues it; other lines stay lines (captions, chart titles), unless one filled its
column and the next goes on at the same place. Prose: a paragraph runs until a short
line, an indented line, a heading mark, or a gap, across page breaks too.
Page numbers are dropped everywhere; ruled tables become tab-separated rows.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from ipdiff.io.pdf.chars import Char, PageChars
from ipdiff.io.pdf.lines import Line, joined, marked, to_lines
from ipdiff.io.pdf.tables import Table, inside

_GLYPHS = "●•○■▪◆・◇□"
_PAGE_NUMBER = re.compile(r"^[-－–—]?\s*[0-9０-９]{1,4}\s*(?:[-－–—]|/\s*[0-9]{1,4})?$")
_MARK = re.compile(r"^(?:第[0-9０-９一二三四五六七八九十百]+[章節部]|[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]|[①-⑳]|[・●■◆])")
TOP_BAND = 0.80  # a slide's title sits above this fraction of the page height
HEAD_BAND = 0.94  # a running header sits above this one
FOOT_BAND = 0.08


@dataclass(frozen=True, slots=True)
class PageText:
    number: int
    lines: tuple[str, ...]  # text-shape lines; "" is a blank line
    title: str | None = None
    untitled: bool = False  # a slide whose top band has no text at all
    continues: bool = False  # prose: the first paragraph may go on from the page before
    ends_full: bool = False  # prose: the last line reached the right edge
    sideways: int = 0  # characters drawn at an angle (side tabs), dropped
    # Lines in the head and foot margins: running headers and footers when they repeat
    # on many pages (the document decides), the page's own text when they do not.
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()


_Item = Line | tuple[Table, list[Char]]  # a table with the characters inside it


def _items(page: PageChars, tables: list[Table]) -> list[_Item]:
    """Lines and tables in stream order: a table sits where its first character was."""
    flow: list[list[Char] | tuple[Table, list[Char]]] = []
    buckets: dict[int, list[Char]] = {}
    for ch in page.chars:
        k = next((i for i, t in enumerate(tables) if inside(t.box, (ch.x + ch.right) / 2, ch.y + ch.size * 0.35)), None)
        if k is None:
            if not flow or not isinstance(flow[-1], list):
                flow.append([])
            flow[-1].append(ch)  # type: ignore[union-attr]
            continue
        if k not in buckets:
            buckets[k] = []
            flow.append((tables[k], buckets[k]))
        buckets[k].append(ch)
    out: list[Line | tuple[Table, list[Char]]] = []
    for part in flow:
        if isinstance(part, list):
            out.extend(to_lines(part))
        else:
            out.append(part)
    return out


def _margins(items: list[_Item], page: PageChars) -> tuple[list[_Item], tuple[str, ...], tuple[str, ...]]:
    """Page numbers dropped; lines in the head and foot bands set apart, when they are
    smaller than the body text (body text that runs to the foot of a page stays)."""
    sizes = [c.size for it in items if isinstance(it, Line) for c in it.chars]
    small = statistics.median(sizes) * 0.95 if sizes else 0.0
    kept: list[_Item] = []
    header: list[str] = []
    footer: list[str] = []
    for it in items:
        if isinstance(it, Line):
            if _is_page_number(it, page):
                continue
            if it.y > page.height * HEAD_BAND and it.size < small:
                header.append(marked(list(it.chars), bold=False))
                continue
            if it.y < page.height * FOOT_BAND and it.size < small:
                footer.append(marked(list(it.chars), bold=False))
                continue
        kept.append(it)
    return kept, tuple(header), tuple(footer)


def _is_page_number(line: Line, page: PageChars) -> bool:
    return bool(_PAGE_NUMBER.match(line.text.strip())) and (line.y < page.height * FOOT_BAND or "-" in line.text)


def table_rows(table: Table, chars: list[Char]) -> list[str]:
    rows = []
    for row in table.rows:
        cells = []
        for box in row:
            if box is None:
                cells.append("")
                continue
            mine = [c for c in chars if inside(box, (c.x + c.right) / 2, c.y + c.size * 0.35, pad=0.0)]
            cells.append(marked(joined([ln.chars for ln in to_lines(mine)]), bold=False).replace("\t", " "))
        rows.append("\t".join(cells))
    return rows


def slide_page(page: PageChars, tables: list[Table]) -> PageText:
    items, header, footer = _margins(_items(page, tables), page)
    lines = [it for it in items if isinstance(it, Line)]
    sizes = [c.size for ln in lines for c in ln.chars]
    body = statistics.median(sizes) if sizes else 0.0
    top = [ln for ln in lines if ln.y > page.height * TOP_BAND]
    titled = [ln for ln in top if ln.size >= body * 1.3]
    title = marked(joined([ln.chars for ln in titled]), bold=False).strip() if titled else None
    items = [it for it in items if not (isinstance(it, Line) and it in titled)]
    out = _slide_body(items)
    return PageText(page.number, tuple(out), title, untitled=bool(lines) and not top, header=header, footer=footer)


@dataclass
class _Unit:
    prefix: str
    parts: list[list[Char]]
    indent: float  # x where the text (after any glyph) starts
    bullet: bool
    last: Line


def _slide_body(items: list[Line | tuple[Table, list[Char]]]) -> list[str]:
    out: list[str] = []
    unit: _Unit | None = None
    lines = [it for it in items if isinstance(it, Line)]
    columns = _columns(lines)

    def flush() -> None:
        nonlocal unit
        if unit is not None:
            out.append(unit.prefix + marked(joined(unit.parts)))
            unit = None

    prev: Line | None = None
    for it in items:
        if not isinstance(it, Line):
            flush()
            out.extend(["", *table_rows(*it), ""])
            prev = None
            continue
        left, right = columns[id(it)]
        size = it.size
        gap = prev.y - it.y if prev is not None else 0.0
        jumped = prev is not None and (gap < -size or gap > 2.0 * max(size, prev.size))
        glyph = it.chars[0].text in _GLYPHS
        if unit is not None and not glyph and not jumped and prev is not None:
            at_indent = abs(it.x0 - unit.indent) < size * 0.6
            wrapped = abs(it.x0 - unit.last.x0) < size * 0.6 and unit.last.x1 >= right - size * 2
            if (unit.bullet and at_indent and it.x0 > left + size * 0.5) or (not unit.bullet and wrapped and abs(it.size - unit.last.size) < 0.5):
                unit.parts.append(list(it.chars))
                unit.last = it
                prev = it
                continue
        flush()
        if jumped and out and out[-1] != "":
            out.append("")
        if glyph:
            g = it.chars[0]
            rest = list(it.chars[1:])
            while rest and rest[0].text.isspace():
                rest.pop(0)
            level = " - " if g.x > left + size * 0.8 else "- "
            prefix = "- ◆ " if g.text in "◆◇" else level
            unit = _Unit(prefix, [rest], rest[0].x if rest else it.x1, True, it)
        else:
            unit = _Unit("", [list(it.chars)], it.x0, False, it)
        prev = it
    flush()
    return out


def _columns(lines: list[Line]) -> dict[int, tuple[float, float]]:
    """Each line's column as (left, right): lines between two jumps back up the page are
    one column."""
    spans: dict[int, tuple[float, float]] = {}
    group: list[Line] = []

    def close() -> None:
        if group:
            left, right = min(ln.x0 for ln in group), max(ln.x1 for ln in group)
            for ln in group:
                spans[id(ln)] = (left, right)

    for ln in lines:
        if group and ln.y > group[-1].y + ln.size:
            close()
            group = []
        group.append(ln)
    close()
    return spans


def prose_page(page: PageChars, tables: list[Table]) -> PageText:
    items, header, footer = _margins(_items(page, tables), page)
    lines = [it for it in items if isinstance(it, Line)]
    if not lines and not items:
        return PageText(page.number, (), header=header, footer=footer)
    left = min((ln.x0 for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=0.0)
    out: list[str] = []
    para: list[list[Char]] = []
    prev: Line | None = None
    continues = False

    def flush() -> None:
        if para:
            out.extend([marked(joined(para)), ""])
            para.clear()

    for it in items:
        if not isinstance(it, Line):
            flush()
            out.extend([*table_rows(*it), ""])
            prev = None
            continue
        size = it.size
        starts = bool(
            it.x0 > left + size * 0.5
            or _MARK.match(it.text)
            or (prev is not None and (prev.x1 < right - size * 1.5 or prev.y - it.y > size * 2.2))
        )
        if prev is None and not out and not starts:
            continues = True
        if starts or prev is None:
            flush()
        para.append(list(it.chars))
        prev = it
    ends_full = bool(para) and prev is not None and prev.x1 >= right - prev.size * 1.5
    flush()
    return PageText(page.number, tuple(out), continues=continues, ends_full=ends_full, header=header, footer=footer)
