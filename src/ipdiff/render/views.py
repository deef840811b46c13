"""The view model: frozen dataclasses the renderers and templates consume.

`DiffView` is what every renderer starts from; `ReportContext` adds what only the HTML
report draws (character diffs, section blocks, the chart). Templates only loop and branch.

Each field carries `metadata={"help": ...}`; a test checks that none is missing, so this
module doubles as the reference for template authors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ipdiff.model import Change
from ipdiff.render.labels import status_label
from ipdiff.render.textdiff import Segment


def _help(text: str) -> Any:
    return field(metadata={"help": text})


@dataclass(frozen=True, slots=True)
class EditionView:
    """One edition as the report header shows it."""

    role: str = _help("旧版 or 新版")
    label: str = _help("edition label, e.g. 2026")
    title: str | None = _help("title from the edition metadata")
    date: str | None = _help("publication date from the metadata, as written there")
    status: str | None = _help("official / draft / sample, or None when unknown")
    status_label: str = _help("the status in Japanese")
    is_sample: bool = _help("a reconstructed sample, not an official text: show a banner")
    is_draft: bool = _help("a draft (案): show a banner")
    banner: str | None = _help("one short Japanese sentence for the banner, or None")
    note: str | None = _help("the metadata note (explains a sample): folded below the banner")
    publisher: str | None = _help("publisher from the metadata")
    source: str | None = _help("source URL or citation from the metadata")
    sources: tuple[str, ...] = _help("source URLs from the metadata, as listed there")
    sha256: str = _help("sha256 of the source bytes")
    records: int = _help("number of records parsed from the edition")


@dataclass(frozen=True, slots=True)
class PartView:
    """One record of one side of a change."""

    id: str = _help("record id")
    kind: str = _help("record kind: bullet, heading, table row, caption…")
    section: str = _help("full heading path joined with ' > '")
    line: int = _help("first source line, 1-based")
    end_line: int = _help("last source line, 1-based")
    text: str = _help("record text without ** markers")
    segments: tuple[Segment, ...] = _help("(text, changed) runs; changed ones get 傍線")
    label: str = field(default="", metadata={"help": "a statute provision's number (２, 一), for the margin"})
    article: str = field(default="", metadata={"help": "the statute article the record sits in (第三条), or ''"})


@dataclass(frozen=True, slots=True)
class StrengthRow:
    """A change whose commitment predicate got stronger or weaker."""

    anchor: str = _help("id of the change row to link to")
    section: str = _help("section label of the change")
    direction: str = _help("up or down")
    direction_label: str = _help("強化 or 後退")
    old: str = _help("old strength (scale name)")
    new: str = _help("new strength (scale name)")
    old_label: str = _help("old strength in Japanese")
    new_label: str = _help("new strength in Japanese")
    old_quote: str = _help("old text, shortened")
    new_quote: str = _help("new text, shortened")
    moved: str = _help("what moved: each deciding commitment pair, then added / dropped ones")
    uncertain: bool = _help("the deciding commitments match weakly: 要確認, not a headline")


@dataclass(frozen=True, slots=True)
class KpiPlace:
    """Another place a figure change is repeated (the ポイント page, its theme slide)."""

    anchor: str = _help("id of the change row to link to")
    section: str = _help("section label of the change")


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One numeric value that differs between the editions."""

    anchor: str = _help("id of the change row to link to")
    section: str = _help("section label of the change")
    metric: str = _help("what is measured, or a placeholder when the parser found no name")
    metric_name: str | None = _help("what is measured as the parser named it; None if unnamed")
    heading_path: str = _help("full heading path of the change, joined with ' > '")
    old_text: str | None = _help("old surface text, e.g. 5.8兆円; None when the value is new")
    new_text: str | None = _help("new surface text; None when the value was dropped")
    old_shown: str | None = _help("old figure for reading: the surface text, with the unit when a table cell gives only the number")
    new_shown: str | None = _help("new figure for reading, likewise")
    old_value: Decimal | None = _help("old value in base units")
    new_value: Decimal | None = _help("new value in base units")
    old_unit: str | None = _help("old base unit")
    new_unit: str | None = _help("new base unit")
    old_year: int | None = _help("year the old value refers to")
    new_year: int | None = _help("year the new value refers to")
    year: str = _help("year(s) for display, e.g. 2023年 → 2024年, （目標） for targets")
    delta: Decimal | None = _help("new − old when both exist in the same unit")
    delta_text: str | None = _help("delta for display, e.g. +3,000億円")
    pct_change: Decimal | None = _help("percent change, 2 places, when defined")
    pct_text: str | None = _help("percent change for display, e.g. +5.2%")
    trend: str = _help("up / down / same / new / gone: CSS hook for the arrow")
    sentence: str = _help("the record text the value sits in, without ** markers")
    also_in: tuple[KpiPlace, ...] = _help("other places repeating the same figure change")
    kind: str = _help("amount, count, rate, rank, multiple, period, frequency, date, year, ordinal or other")
    old_target_year: int | None = _help("year the old target is to be met by")
    new_target_year: int | None = _help("year the new target is to be met by")
    rank_change: str | None = _help("better / worse for a rank; None otherwise")
    restated: bool = _help("a table column both editions hold, revised")
    comparable: bool = _help("false for a floor or ceiling against a point value: no delta is defined")
    old_qualifier: str | None = _help("old qualifier (以上, 超, 約, 上限…)")
    new_qualifier: str | None = _help("new qualifier")
    target_status: str | None = _help("kept / dropped for a target that left its place; None otherwise")
    group: str = _help("quantity, or calendar (dates, years, ordinals: 日付・回次の変更)")


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One aligned group, as a row of the 新旧対照表."""

    anchor: str = _help("stable element id = change.anchor")
    type: str = _help("change type")
    type_label: str = _help("change type in Japanese")
    section_id: str = _help("id of the section block the row sits in")
    section: str = _help("section label (first two heading levels)")
    moved: bool = _help("the record's section differs between editions")
    moved_from: str | None = _help("移動元: old heading path, when moved")
    cosmetic: bool = _help("only whitespace/width/punctuation/emphasis differ")
    pinned: bool = _help("a crosswalk entry decided this group")
    similarity: str | None = _help("similarity to 4 places, None for added/removed")
    new_parts: tuple[PartView, ...] = _help("改正後 side, one entry per record")
    old_parts: tuple[PartView, ...] = _help("改正前 side, one entry per record")
    new_placeholder: str | None = _help("（削る） when the new side is empty")
    old_placeholder: str | None = _help("（新設） when the old side is empty")
    kpi_count: int = _help("number of KPI changes in the group")
    strength: StrengthRow | None = _help("commitment change, if any")
    moved_with: int | None = _help("a section that moved as a whole: the records it holds")


@dataclass(frozen=True, slots=True)
class TypeCount:
    """A change type with its count."""

    type: str = _help("change type")
    label: str = _help("change type in Japanese")
    count: int = _help("how many changes of that type")


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One aligned group as every renderer sees it (no character diff: that is HTML's)."""

    change: Change = _help("the classified change, for fields shown as they are (JSON)")
    anchor: str = _help("stable element id, unique in the report (-2, -3… on a cut collision)")
    section: str = _help("report section label (first two heading levels)")
    section_key: tuple[str, ...] = _help("the headings of the report section")
    heading_path: str = _help("full heading path of the change, joined with ' > '")
    kpis: tuple[KpiRow, ...] = _help("the group's KPI changes, in order")
    strength: StrengthRow | None = _help("commitment change, if any")
    moved_with: int | None = _help("a section that moved as a whole: the records it holds")


@dataclass(frozen=True, slots=True)
class Place:
    """One place a policy appears in the new (or old) edition."""

    section: str = _help("report section label of the place")
    anchor: str = _help("id of its row in the 新旧対照表")


@dataclass(frozen=True, slots=True)
class Highlight:
    """One item of 「主な変更」 (render/highlights.py gives the rule that ranks them)."""

    rank: int = _help("1-based position in the list")
    tier: int = _help("1 後退, 2 強化, 3 目標, 4 新設, 5 削除, 6 移動, 7 要確認 (a 後退/強化 on weakly matched objects)")
    label: str = _help("the tier in Japanese")
    theme: str = _help("report section (part > theme) of the change")
    anchor: str = _help("id of the change row to link to")
    old_text: str = _help("old text in full, without ** markers ('' when new)")
    new_text: str = _help("new text in full, without ** markers ('' when dropped)")
    detail: str = _help("what changed in words: 推進 → 検討, 目標 50兆円 → 40兆円, 移動元")
    places: tuple[Place, ...] = _help("every place of the same policy, when more than one")


@dataclass(frozen=True, slots=True)
class HighlightCap:
    """A tier of 「主な変更」 that lists only its first items: said aloud, with a link."""

    tier: int = _help("the capped tier (4 新設, 5 削除, 6 移動)")
    label: str = _help("the tier in Japanese")
    shown: int = _help("how many items of the tier are listed")
    more: int = _help("how many more the full list holds (「ほか N 件」)")
    filter: str = _help("the report's filter (URL hash) that shows the full list")


@dataclass(frozen=True, slots=True)
class ThemeChanges:
    """The changed measures of one theme, in document order."""

    theme: str = _help("report section label (part > theme)")
    changes: tuple[ChangeView, ...] = _help("changed measures (not unchanged, unless moved)")


@dataclass(frozen=True, slots=True)
class DiffView:
    """The one view of a diff that the HTML, Markdown, CSV and JSON renderers share."""

    old: EditionView = _help("the older edition")
    new: EditionView = _help("the newer edition")
    summary: dict[str, int] = _help("counts per change type, moved, KPI and strength changes")
    counts: tuple[TypeCount, ...] = _help("overall counts per change type")
    extra_counts: tuple[TypeCount, ...] = _help("moved, KPI and strength change counts")
    changes: tuple[ChangeView, ...] = _help("every change, in diff order")
    kpi_rows: tuple[KpiRow, ...] = _help("every KPI change: moved figures, then dropped, then new; each in document order")
    calendar_rows: tuple[KpiRow, ...] = _help("dates, years and ordinals that changed (日付・回次の変更), same order")
    strengthened: tuple[StrengthRow, ...] = _help("changes whose commitment got stronger")
    weakened: tuple[StrengthRow, ...] = _help("changes whose commitment got weaker")
    continued: tuple[StrengthRow, ...] = _help("changes whose commitments kept their level, with some added or dropped")
    generator: tuple[tuple[str, str], ...] = _help("what made the diff, sorted by key")
    measure_counts: tuple[TypeCount, ...] = _help("counts per change type, measures only")
    apparatus_counts: tuple[TypeCount, ...] = _help(
        "counts per change type of headings, captions, chart titles, 構成 entries, title"
    )
    moved_measures: int = _help("measures moved to another section")
    highlights: tuple[Highlight, ...] = _help("「主な変更」, ranked (render/highlights.py)")
    highlight_caps: tuple[HighlightCap, ...] = _help("the tiers of 「主な変更」 cut short, and by how many")
    themes: tuple[ThemeChanges, ...] = _help("every changed measure, by theme, document order")
    apparatus: tuple[ChangeView, ...] = _help("changed apparatus records: one collapsed group")
    report_html: str = _help("file name of the pair's HTML report, for links from Markdown")
    document: str = _help("the document's name for titles and headers: its plan family's name")


@dataclass(frozen=True, slots=True)
class SectionBlock:
    """A report section: changes under the same first two headings, in document order."""

    id: str = _help("stable element id")
    label: str = _help("heading path of the section")
    old_label: str | None = _help("the old edition's heading path, when the chapter was renamed")
    counts: tuple[TypeCount, ...] = _help("counts per change type, every type, fixed order")
    rows: tuple[ChangeRow, ...] = _help("changes other than unchanged, in document order")
    unchanged_rows: tuple[ChangeRow, ...] = _help("unchanged records, collapsed by default")


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One bar of the summary SVG chart; coordinates in SVG user units."""

    type: str = _help("change type")
    label: str = _help("change type in Japanese")
    count: int = _help("bar value")
    y: int = _help("top of the bar")
    text_y: int = _help("baseline of the bar's labels")
    width: int = _help("bar length")
    count_x: int = _help("x of the count label, right of the bar")


@dataclass(frozen=True, slots=True)
class Chart:
    """The summary bar chart."""

    width: int = _help("viewBox width")
    height: int = _help("viewBox height")
    bar_x: int = _help("x where bars start (labels sit left of it)")
    bar_height: int = _help("bar thickness")
    bars: tuple[ChartBar, ...] = _help("one bar per change type")


@dataclass(frozen=True, slots=True)
class ReportContext:
    """Everything report.html needs: the shared view plus what only the HTML draws."""

    view: DiffView = _help("the view every renderer shares (editions, counts, KPIs, strength)")
    chart: Chart = _help("summary bar chart")
    sections: tuple[SectionBlock, ...] = _help("report sections in document order, with 傍線")
    total: int = _help("number of changes (aligned groups)")
    lead: tuple[str, ...] = _help("the summary in plain Japanese (render/summary.py), one sentence each")
    taisho_template: str = field(default="_taisho.html", metadata={"help": "the family's 新旧対照表 template"})
    omit_unchanged: bool = field(default=False, metadata={"help": "leave unchanged records out (a statute's)"})


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One consecutive pair of editions on reports/index.html."""

    old_label: str = _help("older edition label")
    new_label: str = _help("newer edition label")
    stem: str = _help("file name stem of the pair's reports, e.g. 2025-2026")
    counts: tuple[TypeCount, ...] = _help("counts per change type, measures only (as the report's headline)")
    kpi_changes: int = _help("figure changes, as the report's KPI section counts them")
    strength_changes: int = _help("commitments weakened or strengthened")
    old_status: str | None = _help("status of the older edition")
    new_status: str | None = _help("status of the newer edition")
    old_title: str | None = _help("title of the older edition")
    new_title: str | None = _help("title of the newer edition")
    document_name: str = _help("what the document is called: the newer edition's family's name")
    new_date: str | None = _help("date of the newer edition, from its metadata")
    summary: tuple[str, ...] = _help("the pair's summary in plain Japanese, one sentence each")
    highlights: tuple[Highlight, ...] = _help("「主な変更」 of the pair, for the feed")

    @property
    def old_status_label(self) -> str:
        return status_label(self.old_status)

    @property
    def new_status_label(self) -> str:
        return status_label(self.new_status)
