"""Raw edition text → blocks (records before NLP), with their section paths.

The overview PDFs extract to a recognisable shape: headings on their own line,
`- ` bullets with continuation lines, ` - ` sub-bullets, `- ◆` key points opening each
theme slide, `現状と課題` / `今後の予定（方向性）` blocks, `(出典)` captions followed by
the chart title, tab-separated tables, and a 「…の構成」 list near the end that names
the theme slides whose titles were lost in extraction. Markdown-style `#` headings
work too, so a plain edition parses without any of that. A `##` heading right before a
◆ run (as `ipdiff add` writes a slide's title) names that theme slide; the list is then
the fallback and a cross-check (`title_disagreements`).

`families.lines.classify` says what each line is; this module groups lines into blocks and
keeps the section path. The plan family's own rules (its `LineRules`, and the kind of the
bullets under each zone) come from its `Family`. Quantities are not read here: that is
`records.block_kpis`'s job.

Every non-blank source line ends up in exactly one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ipdiff.families import DEFAULT, Family
from ipdiff.families.ip_plan import PLAN, STATUS
from ipdiff.families.lines import (
    BULLET,
    MD_HEADING,
    LineClass,
    SectionStack,
    State,
    classify,
    ends_unit,
    md_heading,
    norm,
)
from ipdiff.model import Block, Kind

__all__ = ["PLAN", "STATUS", "segment", "title_disagreements", "title_notes"]

_EMPHASIS = re.compile(r"\*\*(.+?)\*\*", re.S)
# Line classes that leave a run of ◆ key points open: a ◆ after them opens no new slide.
_KEEPS_POINT_RUN: frozenset[LineClass] = frozenset({"blank", "md_heading", "note", "toc_entry", "part_heading"})


@dataclass(frozen=True, slots=True)
class _Line:
    no: int  # 1-based
    raw: str

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


def _emphasis(text: str) -> tuple[str, ...]:
    return tuple(m.group(1).strip() for m in _EMPHASIS.finditer(text))


def _same_title(a: str, b: str) -> bool:
    return norm(a).replace(" ", "") == norm(b).replace(" ", "")


def segment(text: str, family: Family = DEFAULT) -> list[Block]:
    """Split an edition's text into blocks in document order, by its family's rules."""
    if family.segment is not None:
        return family.segment(text)  # a family with a layout of its own (a statute)
    raw_lines = text.split("\n")
    lines = [_Line(i + 1, raw) for i, raw in enumerate(raw_lines)]
    return _Segmenter(lines, family.lines.themes(raw_lines), family).run()


@dataclass(frozen=True, slots=True)
class TitleDisagreement:
    line: int  # of the `##` title
    title: str  # the slide's own title
    listed: str  # what the table of contents names that slide


def title_notes(text: str) -> list[str]:
    """`title_disagreements` as one line each, for the PDF importer's notes."""
    return [
        f"the slide title {d.title!r} (line {d.line}) differs from the 構成 list's {d.listed!r}"
        for d in title_disagreements(text)
    ]


def title_disagreements(text: str, family: Family = DEFAULT) -> list[TitleDisagreement]:
    """Theme slides whose own title differs from the table-of-contents entry in that place."""
    raw_lines = text.split("\n")
    seg = _Segmenter([_Line(i + 1, raw) for i, raw in enumerate(raw_lines)], family.lines.themes(raw_lines), family)
    seg.run()
    return seg.disagreements


class _Segmenter:
    def __init__(self, lines: list[_Line], themes: list[tuple[str, str]], family: Family) -> None:
        self.lines = lines
        self.themes = themes
        self.family = family
        self.rules = family.lines
        self.sections = SectionStack()
        self.state = State()
        # Paragraphs before the first heading are the title block, if there are headings.
        self.has_headings = any(family.lines.is_top_heading(ln.raw) or MD_HEADING.match(ln.raw) for ln in lines)
        self.blocks: list[Block] = []
        self.disagreements: list[TitleDisagreement] = []
        self.title_line = 0

    # -- helpers ---------------------------------------------------------------
    def _update(self, **changes: object) -> None:
        self.state = replace(self.state, **changes)  # type: ignore[arg-type]

    def _next_nonblank(self, i: int) -> _Line | None:
        # Indexing, not a slice: a slice copies the rest of the lines on every call.
        lines = self.lines
        return next((lines[k] for k in range(i, len(lines)) if not lines[k].blank), None)

    def _continuation(self, i: int, *, notes_end: bool = True) -> int:
        """Index past the lines that continue the unit starting at line i."""
        j = i + 1
        while j < len(self.lines) and not ends_unit(self.lines[j].raw, self.rules, notes_end=notes_end):
            j += 1
        return j

    def _joined(self, i: int, j: int) -> str:
        return "\n".join(ln.raw.strip() for ln in self.lines[i:j])

    def _emit(
        self,
        kind: Kind,
        text: str,
        first: int,
        last: int,
        *,
        section: tuple[str, ...] | None = None,
        parent: int | None = None,
        table_header: tuple[tuple[str, ...], ...] = (),
        table_cells: tuple[str, ...] = (),
    ) -> None:
        self.blocks.append(
            Block(
                kind=kind,
                text=text,
                section=self.sections.path() if section is None else section,
                line=first,
                end_line=last,
                emphasis=_emphasis(text),
                parent=parent,
                table_header=table_header,
                table_cells=table_cells,
            )
        )
        self._update(expect_chart_title=False)

    def _emit_lines(self, kind: Kind, i: int, j: int, *, section: tuple[str, ...] | None = None) -> None:
        self._emit(kind, self._joined(i, j), self.lines[i].no, self.lines[j - 1].no, section=section)

    def _emit_heading(self, level: int, line: _Line) -> None:
        """A heading at `level`; it sits in the section above it."""
        title = line.raw.strip()
        self.sections.push(level, title)
        self._emit("heading", title, line.no, line.no, section=self.sections.path()[:-1])

    def _bullet_kind(self) -> Kind:
        if self.state.in_toc:
            return "toc"
        if self.state.in_slide:
            if len(self.sections.path()) > 3:
                return "sub_bullet"
            zone_kind = self.family.zone_kind(self.sections.title_at(3))
            if zone_kind is not None:
                return zone_kind
        return "statement"

    def _start_slide(self) -> None:
        slide = self.state.slide + 1
        self._update(slide=slide, in_slide=True)
        part, theme = self.rules.theme_of_slide(self.themes, slide)
        title = self.state.slide_title
        if title is not None:
            if slide <= len(self.themes) and not _same_title(title, theme):
                self.disagreements.append(TitleDisagreement(self.title_line, title, theme))
            theme = title
            self._update(slide_title=None)
        self.sections.reset((1, part), (2, theme))

    # -- the walk --------------------------------------------------------------
    def run(self) -> list[Block]:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            cls = classify(line.raw, self.state, self.rules)
            if cls not in _KEEPS_POINT_RUN and cls != "bullet":
                self._update(after_point=False)
            i = self._unit(cls, i)
        return self.blocks

    def _unit(self, cls: LineClass, i: int) -> int:
        """Emit the unit of class `cls` starting at line i; the index past it."""
        line = self.lines[i]
        if cls == "blank":
            return i + 1
        if cls == "table":
            return self._table(i)
        if cls == "bullet":
            return self._bullet(i)
        if cls == "caption":
            return self._caption(i)
        if cls in ("item", "note"):
            j = self._continuation(i)
            self._emit_lines(cls, i, j)
            return j
        if cls == "cover":
            j = self._continuation(i)
            self._emit_lines("title", i, j, section=())
            return j
        if cls == "paragraph":
            return self._paragraph(i)
        if cls == "md_heading":
            heading = md_heading(line.raw)
            assert heading is not None
            if heading[0] == 2 and self._opens_points(i + 1):
                # A slide's own title: it names the theme slide the ◆ run opens.
                self.title_line = line.no
                self._update(slide_title=heading[1], after_point=False, seen_heading=True)
            else:
                self._heading(*heading, line.no)
        elif cls == "top_heading":
            self._heading(1, line.raw.strip(), line.no)
        elif cls in ("toc_entry", "toc_annex"):
            self._emit("toc", line.raw.strip(), line.no, line.no)
        elif cls == "part_heading":
            self._update(in_slide=False)
            self._emit_heading(2, line)
        elif cls == "zone":
            zone = self.rules.zone_of(line.raw)
            assert zone is not None
            self.sections.push(3, zone)
            self._emit("heading", line.raw.strip(), line.no, line.no, section=self.sections.path()[:-1])
        elif cls == "paren_heading":
            self._emit_heading(4 if self.state.in_slide else 3, line)
        return i + 1

    def _heading(self, level: int, title: str, no: int) -> None:
        self._update(
            seen_heading=True, in_slide=False, in_toc=self.rules.is_toc_heading(title), heading_level=level
        )
        self.sections.push(level, title.strip())
        self._emit("heading", title.strip(), no, no, section=self.sections.path()[:-1])

    def _bullet(self, i: int) -> int:
        m = BULLET.match(self.lines[i].raw)
        assert m is not None
        indent, body = m.group(1), m.group(2)
        is_point = self.rules.is_point(body)
        # A run of ◆ key points opens a theme slide; a blank line between two ◆ runs
        # means the slide before had nothing but its key points.
        after_gap = i > 0 and self.lines[i - 1].blank
        if is_point and (not self.state.after_point or after_gap) and not self.state.in_toc:
            self._start_slide()
        self._update(after_point=is_point)
        j = self._continuation(i)
        text = "\n".join([self.rules.without_point(body), *(ln.raw.strip() for ln in self.lines[i + 1 : j])])
        kind: Kind = "point" if is_point else self._bullet_kind()
        parent = self.state.last_top_bullet if indent else None
        self._emit(kind, text, self.lines[i].no, self.lines[j - 1].no, parent=parent)
        if not indent:
            self._update(last_top_bullet=len(self.blocks) - 1)
        return j

    def _caption(self, i: int) -> int:
        """A source caption, then the chart's title lines up to the next blank line."""
        j = i + 1
        if self.rules.caption_continues(self.lines[i].raw) and j < len(self.lines) and not self.lines[j].blank:
            j += 1
        self._emit_lines("caption", i, j)
        k = self._continuation(j - 1, notes_end=False)
        if k > j:
            self._emit_lines("chart_title", j, k)
        else:
            self._update(expect_chart_title=True)
        return k

    def _paragraph(self, i: int) -> int:
        line = self.lines[i]
        j = self._continuation(i)
        if self.state.expect_chart_title:
            self._emit_lines("chart_title", i, j)
            return j
        if not self.state.seen_heading and self.has_headings:
            self._emit_lines("title", i, j, section=())
            return j
        following = self._next_nonblank(j)
        if following is not None and j - i == 1 and self._introduces(following.raw):
            # A one-line paragraph that introduces bullets is their heading (and stays one
            # when its bullets are gone and the next part begins), one level below the
            # last explicit heading: under `### 安野たかひろ とは` it is not a sibling of `##`.
            self._emit_heading(4 if self.state.in_slide else self.state.heading_level + 1, line)
            return j
        # A paragraph inside a slide, or right above a table, names a chart or the table.
        kind: Kind = "caption" if self.state.in_slide or (following is not None and "\t" in following.raw) else "text"
        self._emit_lines(kind, i, j)
        return j

    def _opens_points(self, i: int) -> bool:
        following = self._next_nonblank(i)
        bullet = BULLET.match(following.raw) if following is not None else None
        return bool(bullet and not bullet.group(1) and self.rules.is_point(bullet.group(2))) and not self.state.in_toc

    def _introduces(self, raw: str) -> bool:
        bullet = BULLET.match(raw)
        if bullet:
            return not self.rules.is_point(bullet.group(2))
        return self.rules.is_top_heading(raw) and not self.rules.is_toc_heading(raw)

    def _table(self, i: int) -> int:
        """Tab-separated rows: header rows first, then one block a row with its group and header."""
        j = i
        while j < len(self.lines) and "\t" in self.lines[j].raw and not self.lines[j].blank:
            j += 1
        header: list[tuple[str, ...]] = []
        shared: tuple[tuple[str, ...], ...] | None = None
        group = ""
        in_body = False
        for ln in self.lines[i:j]:
            cells = ln.raw.split("\t")
            if not in_body and self.rules.is_table_header(cells):
                header.append(tuple(cells))
                self._emit("table_header", "\t".join(c.strip() for c in cells).strip("\t"), ln.no, ln.no)
                continue
            in_body = True
            if cells[0].strip():
                group = cells[0].strip()
            elif group:
                cells = [group, *cells[1:]]
            text = "\t".join(c.strip() for c in cells).rstrip("\t")
            # One header object for all the table's rows: parse reads its columns once.
            shared = shared if shared is not None else tuple(header)
            self._emit("table_row", text, ln.no, ln.no, table_header=shared, table_cells=tuple(cells))
        return j
