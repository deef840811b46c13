"""Raw edition text → blocks (records before NLP), with their section paths.

The overview PDFs extract to a recognisable shape: headings on their own line,
`- ` bullets with continuation lines, ` - ` sub-bullets, `- ◆` key points opening each
theme slide, `現状と課題` / `今後の予定（方向性）` blocks, `(出典)` captions followed by
the chart title, tab-separated tables, and a 「…の構成」 list near the end that names
the theme slides whose titles were lost in extraction. Markdown-style `#` headings
work too, so a plain edition parses without any of that.

Every non-blank source line ends up in exactly one block.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ipdiff.kpi import extract_kpis, extract_table_kpis, parse_table_header
from ipdiff.model import Block

STATUS = "現状と課題"
PLAN = "今後の予定（方向性）"

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-•*]\s+|[・●○■]\s*)(.+)$")
_NUMBERED = re.compile(r"^\s*(\d{1,2})[.．]\s*(\S.*)$")
_CIRCLED = re.compile(r"^\s*[①-⑳]")
_CAPTION = re.compile(r"^\s*[（(]?\s*出典\s*[)）]")
_NOTE = re.compile(r"^\s*[（(]?※")
_PAREN_ONLY = re.compile(r"^\s*[（(][^()（）]{1,30}[)）]\s*$")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*", re.S)
_POINT = re.compile(r"^◆\s*")

# Headings that open a top-level part of an overview, wherever they appear.
_TOP_HEADINGS = (
    re.compile(r"^基本的な認識$"),
    re.compile(r"^知財戦略の今後の方向性$"),
    re.compile(r"のポイント$"),
    re.compile(r"の構成$"),
)
_TOC_HEADING = re.compile(r"の構成$")
_TOC_ANNEX = re.compile(r"^[（(]別紙[)）]")


def norm(text: str) -> str:
    """NFKC with `**` and surrounding space removed: for recognising, never for output."""
    return unicodedata.normalize("NFKC", text).replace("**", "").strip()


def _zone_of(line: str) -> str | None:
    n = norm(line).replace(" ", "")
    if n == STATUS:
        return STATUS
    if re.fullmatch(r"今後の予定\(方向性\)", n):
        return PLAN
    return None


def _is_top_heading(line: str) -> bool:
    n = norm(line)
    return any(p.search(n) for p in _TOP_HEADINGS)


@dataclass(frozen=True, slots=True)
class _Line:
    no: int  # 1-based
    raw: str

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def _emphasis(text: str) -> tuple[str, ...]:
    return tuple(m.group(1).strip() for m in _EMPHASIS.finditer(text))


def find_themes(lines: list[str]) -> list[tuple[str, str]]:
    """(part, theme) pairs from the 「…の構成」 list, in order.

    The list gives numbered parts (`1. 知的財産の「創造」`) with the themes as bullets
    under them; the theme slides follow that order.
    """
    themes: list[tuple[str, str]] = []
    start = next((i for i, raw in enumerate(lines) if _TOC_HEADING.search(norm(raw))), None)
    if start is None:
        return themes
    part = ""
    for raw in lines[start + 1 :]:
        if not raw.strip():
            continue
        numbered = _NUMBERED.match(raw)
        bullet = _BULLET.match(raw)
        if numbered:
            part = raw.strip()
        elif bullet and part:
            themes.append((part, bullet.group(2).strip()))
        elif _TOC_ANNEX.match(norm(raw)):
            continue
        else:
            break
    return themes


class _Sections:
    """A stack of (level, title) headings; the section path is its titles."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []

    def push(self, level: int, title: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, title))

    def reset(self, *entries: tuple[int, str]) -> None:
        self.stack = list(entries)

    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.stack)

    def level_of(self, level: int) -> str | None:
        return next((t for lv, t in self.stack if lv == level), None)


def segment(text: str) -> list[Block]:
    """Split an edition's text into blocks in document order."""
    raw_lines = text.split("\n")
    lines = [_Line(i + 1, raw) for i, raw in enumerate(raw_lines)]
    themes = find_themes(raw_lines)
    return list(_Segmenter(lines, themes).run())


class _Segmenter:
    def __init__(self, lines: list[_Line], themes: list[tuple[str, str]]) -> None:
        self.lines = lines
        self.themes = themes
        self.sections = _Sections()
        self.slide = 0  # theme slides seen so far
        self.in_slide = False
        self.in_toc = False
        self.seen_heading = False
        # Paragraphs before the first heading are the title block, if there are headings.
        self.has_headings = any(_is_top_heading(ln.raw) or _MD_HEADING.match(ln.raw) for ln in lines)
        self.blocks: list[Block] = []
        self.last_bullet_was_point = False
        self.last_top_bullet: int | None = None  # index of the last top-level bullet
        # A caption's chart title may follow after a blank line.
        self.expect_chart_title = False

    # -- helpers ---------------------------------------------------------------
    def _next_nonblank(self, i: int) -> _Line | None:
        while i < len(self.lines):
            if not self.lines[i].blank:
                return self.lines[i]
            i += 1
        return None

    def _emit(self, kind: str, text: str, first: int, last: int, **kw: object) -> None:
        section = kw.pop("section", None)
        block = Block(
            kind=kind,
            text=text,
            section=self.sections.path() if section is None else section,  # type: ignore[arg-type]
            line=first,
            end_line=last,
            emphasis=_emphasis(text),
            **kw,  # type: ignore[arg-type]
        )
        if not block.kpis and kind not in {"heading", "title", "toc", "table_header"}:
            block = replace(block, kpis=extract_kpis(text))
        self.blocks.append(block)
        self.expect_chart_title = False

    def _bullet_kind(self) -> str:
        if self.in_toc:
            return "toc"
        path = self.sections.path()
        if self.in_slide:
            if len(path) > 3:
                return "figure"
            zone = self.sections.level_of(3)
            if zone == STATUS:
                return "status"
            if zone == PLAN:
                return "plan"
        return "statement"

    def _start_slide(self) -> None:
        self.slide += 1
        self.in_slide = True
        if self.slide <= len(self.themes):
            part, theme = self.themes[self.slide - 1]
        else:
            part, theme = "テーマ", f"テーマ{self.slide}"
        self.sections.reset((1, part), (2, theme))

    # -- the walk --------------------------------------------------------------
    def run(self) -> Iterator[Block]:
        i = 0
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.blank:
                i += 1
                continue
            raw = line.raw
            if "\t" in raw and not _BULLET.match(raw):
                i = self._table(i)
            elif m := _MD_HEADING.match(raw):
                self._heading(len(m.group(1)), m.group(2), line.no)
                i += 1
            elif m := _BULLET.match(raw):
                i = self._bullet(i, m)
            elif _CIRCLED.match(raw):
                i = self._item(i)
            elif _CAPTION.match(raw):
                i = self._caption(i)
            elif _NOTE.match(raw):
                i = self._continued(i, "note")
            elif _NUMBERED.match(raw):
                self._numbered(line)
                i += 1
            else:
                i = self._paragraph(i)
        yield from self.blocks

    def _heading(self, level: int, title: str, no: int) -> None:
        self.seen_heading = True
        self.in_slide = False
        self.in_toc = bool(_TOC_HEADING.search(norm(title)))
        self.sections.push(level, title.strip())
        self._emit("heading", title.strip(), no, no, section=self.sections.path()[:-1])

    def _top_heading(self, line: _Line) -> None:
        self._heading(1, line.raw.strip(), line.no)

    def _numbered(self, line: _Line) -> None:
        if self.in_toc:
            self._emit("toc", line.raw.strip(), line.no, line.no)
            return
        self.sections.push(2, line.raw.strip())
        self.in_slide = False
        self._emit("heading", line.raw.strip(), line.no, line.no, section=self.sections.path()[:-1])

    def _continuation(self, i: int) -> int:
        """Index past the lines that continue the unit starting at line i."""
        j = i + 1
        while j < len(self.lines):
            nxt = self.lines[j].raw
            if (
                self.lines[j].blank
                or _BULLET.match(nxt)
                or _CIRCLED.match(nxt)
                or _CAPTION.match(nxt)
                or _NOTE.match(nxt)
                or _MD_HEADING.match(nxt)
                or "\t" in nxt
                or _zone_of(nxt)
                or _is_top_heading(nxt)
            ):
                break
            j += 1
        return j

    def _bullet(self, i: int, m: re.Match[str]) -> int:
        indent, body = m.group(1), m.group(2)
        is_point = bool(_POINT.match(body.strip()))
        # A run of ◆ key points opens a theme slide; a blank line between two ◆ runs
        # means the slide before had nothing but its key points.
        after_gap = i > 0 and self.lines[i - 1].blank
        if is_point and (not self.last_bullet_was_point or after_gap) and not self.in_toc:
            self._start_slide()
        self.last_bullet_was_point = is_point
        j = self._continuation(i)
        first = self.lines[i]
        text = "\n".join([_POINT.sub("", body.strip())] + [ln.raw.strip() for ln in self.lines[i + 1 : j]])
        kind = "point" if is_point else self._bullet_kind()
        parent = None
        if indent and self.last_top_bullet is not None:
            parent = self.last_top_bullet
        self._emit(kind, text, first.no, self.lines[j - 1].no, parent=parent)
        if not indent:
            self.last_top_bullet = len(self.blocks) - 1
        return j

    def _item(self, i: int) -> int:
        self.last_bullet_was_point = False
        j = self._continuation(i)
        text = "\n".join(ln.raw.strip() for ln in self.lines[i:j])
        self._emit("item", text, self.lines[i].no, self.lines[j - 1].no)
        return j

    def _continued(self, i: int, kind: str) -> int:
        j = self._continuation(i)
        text = "\n".join(ln.raw.strip() for ln in self.lines[i:j])
        self._emit(kind, text, self.lines[i].no, self.lines[j - 1].no)
        return j

    def _caption(self, i: int) -> int:
        """A source caption, then the chart's title lines up to the next blank line."""
        self.last_bullet_was_point = False
        j = i + 1
        # A caption that ends 「…を基に」 goes on to name who made the chart.
        if norm(self.lines[i].raw).endswith("を基に") and j < len(self.lines) and not self.lines[j].blank:
            j += 1
        self._emit("caption", "\n".join(ln.raw.strip() for ln in self.lines[i:j]), self.lines[i].no, self.lines[j - 1].no)
        k = j
        while k < len(self.lines) and not self.lines[k].blank and self._plain(self.lines[k].raw):
            k += 1
        if k > j:
            text = "\n".join(ln.raw.strip() for ln in self.lines[j:k])
            self._emit("chart_title", text, self.lines[j].no, self.lines[k - 1].no)
        else:
            self.expect_chart_title = True
        return k

    def _plain(self, raw: str) -> bool:
        return not (
            _BULLET.match(raw)
            or _CIRCLED.match(raw)
            or _CAPTION.match(raw)
            or _MD_HEADING.match(raw)
            or "\t" in raw
            or _zone_of(raw)
            or _is_top_heading(raw)
        )

    def _paragraph(self, i: int) -> int:
        line = self.lines[i]
        raw = line.raw
        self.last_bullet_was_point = False
        if _is_top_heading(raw):
            self._top_heading(line)
            return i + 1
        zone = _zone_of(raw)
        if zone and self.in_slide:
            self.sections.push(3, zone)
            self._emit("heading", raw.strip(), line.no, line.no, section=self.sections.path()[:-1])
            return i + 1
        if self.in_toc:
            if _TOC_ANNEX.match(norm(raw)):
                self._emit("toc", raw.strip(), line.no, line.no)
                return i + 1
            # Past the list: the cover page, extracted last.
            j = self._continuation(i)
            self._emit("title", "\n".join(ln.raw.strip() for ln in self.lines[i:j]), line.no, self.lines[j - 1].no, section=())
            return j
        if _PAREN_ONLY.match(raw) and self.seen_heading:
            # A figure's own heading, e.g. (具体的な取組内容).
            self.sections.push(4 if self.in_slide else 3, raw.strip())
            self._emit("heading", raw.strip(), line.no, line.no, section=self.sections.path()[:-1])
            return i + 1
        j = self._continuation(i)
        text = "\n".join(ln.raw.strip() for ln in self.lines[i:j])
        following = self._next_nonblank(j)
        if self.expect_chart_title:
            self._emit("chart_title", text, line.no, self.lines[j - 1].no)
            return j
        if not self.seen_heading and self.has_headings:
            self._emit("title", text, line.no, self.lines[j - 1].no, section=())
            return j
        if following is not None and j - i == 1 and self._introduces(following.raw):
            # A one-line paragraph that introduces bullets is their heading (and stays one
            # when its bullets are gone and the next part begins).
            level = 4 if self.in_slide else 2
            self.sections.push(level, raw.strip())
            self._emit("heading", raw.strip(), line.no, line.no, section=self.sections.path()[:-1])
            return j
        kind = "caption" if self.in_slide or (following is not None and "\t" in following.raw) else "text"
        self._emit(kind, text, line.no, self.lines[j - 1].no)
        return j

    @staticmethod
    def _introduces(raw: str) -> bool:
        bullet = _BULLET.match(raw)
        if bullet:
            return not _POINT.match(bullet.group(2).strip())
        return _is_top_heading(raw) and not _TOC_HEADING.search(norm(raw))

    def _table(self, i: int) -> int:
        """Tab-separated rows: header rows set the columns and units, then one block a row."""
        self.last_bullet_was_point = False
        j = i
        while j < len(self.lines) and "\t" in self.lines[j].raw and not self.lines[j].blank:
            j += 1
        header_rows: list[list[str]] = []
        group = ""
        in_body = False
        for ln in self.lines[i:j]:
            cells = ln.raw.split("\t")
            is_header = not cells[0].strip() and not any(
                re.match(r"^-?[0-9０-９]", c.strip()) for c in cells[1:]
            )
            if is_header and not in_body:
                header_rows.append(cells)
                self._emit("table_header", "\t".join(c.strip() for c in cells).strip("\t"), ln.no, ln.no)
                continue
            in_body = True
            if cells[0].strip():
                group = cells[0].strip()
            elif group:
                cells = [group, *cells[1:]]
            columns = parse_table_header(header_rows)
            text = "\t".join(c.strip() for c in cells).rstrip("\t")
            self._emit("table_row", text, ln.no, ln.no, kpis=extract_table_kpis(cells, columns))
        return j
