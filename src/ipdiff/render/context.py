"""View models the report templates consume, built from a `Diff` by pure functions.

Templates only loop and branch. Every decision about what a reader sees (labels, number
formatting, which characters are underlined, which section a change belongs to) is made
here, once, so the HTML, Markdown and CSV renderers agree on it.

Each dataclass field carries `metadata={"help": ...}`; a test checks that none is missing,
so this module doubles as the reference for template authors.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ipdiff.classify import summarize
from ipdiff.model import CHANGE_TYPES, Change, Diff, Edition, KpiChange, KpiValue, Record

# Japanese UI labels: the readers are Japanese.
TYPE_LABELS: dict[str, str] = {
    "added": "新設",
    "removed": "削除",
    "modified": "修正",
    "unchanged": "変更なし",
    "split": "分割",
    "merged": "統合",
}
EXTRA_LABELS: dict[str, str] = {
    "moved": "移動",
    "cosmetic": "表記のみ",
    "kpi_changes": "KPIの変化",
    "strength_changes": "コミットメントの変化",
}
STATUS_LABELS: dict[str, str] = {
    "official": "公式",
    "draft": "案（ドラフト）",
    "sample": "サンプル（再構成）",
}
STRENGTH_LABELS: dict[str, str] = {
    "explore": "検討（在り方等）",
    "study": "検討",
    "promote": "推進",
    "implement": "実施",
}
DIRECTION_LABELS: dict[str, str] = {"up": "強化", "down": "後退"}

ADDED_PLACEHOLDER = "（新設）"
REMOVED_PLACEHOLDER = "（削る）"
SAMPLE_NOTICE = "この版は公開資料から再構成したサンプルであり、公式文書ではありません"
DRAFT_NOTICE = "案（ドラフト）"
NO_SECTION = "（見出しなし）"
SECTION_JOIN = " > "
# How many levels of the heading path make a report section (part > theme).
SECTION_DEPTH = 2

# One run of text and whether it differs from the other side.
Segment = tuple[str, bool]

# Never occurs in edition text (it is stripped), so it can glue parts for one diff.
_SEP = "\x00"
_SCALES: tuple[tuple[Decimal, str], ...] = (
    (Decimal(10) ** 12, "兆"),
    (Decimal(10) ** 8, "億"),
    (Decimal(10) ** 4, "万"),
)
_UNIT_DISPLAY: dict[str, str] = {"pt": "ポイント"}


def _help(text: str) -> Any:
    return field(metadata={"help": text})


# --------------------------------------------------------------------------- numbers


def to_decimal(x: float | int | Decimal) -> Decimal:
    """Exact decimal of a float as Python prints it, so 6.1e12 - 5.8e12 is exactly 3e11."""
    if isinstance(x, Decimal):
        return x
    d = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    if not d.is_finite():
        raise ValueError(f"not a finite number: {x!r}")
    return d


def _is_integral(d: Decimal) -> bool:
    return d == d.to_integral_value()


def json_number(x: float | int | Decimal) -> int | float:
    """Integers as ints (27100000000000, never 2.71e13); others rounded to 6 places."""
    d = to_decimal(x)
    if _is_integral(d):
        return int(d)
    # Non-integral floats are below 2**53, so 6 places stay within Decimal's precision.
    return float(round(d, 6))


def format_number(x: float | int | Decimal) -> str:
    """Plain decimal text, no exponent, no grouping: for CSV cells."""
    d = to_decimal(x)
    if _is_integral(d):
        return str(int(d))
    return format(round(d, 6).normalize(), "f")


def format_quantity(x: float | int | Decimal, unit: str, *, signed: bool = False) -> str:
    """A quantity for people: 300000000000 円 → `3,000億円`, with `+` when signed."""
    d = to_decimal(x)
    mag = abs(d)
    suffix = ""
    for size, name in _SCALES:
        if mag >= size:
            d, suffix = d / size, name
            break
    n = round(d, 2).normalize()
    if _is_integral(n):
        n = n.quantize(Decimal(1))
    sign = "+" if signed and n > 0 else ""
    return f"{sign}{format(n, ',f')}{suffix}{_UNIT_DISPLAY.get(unit, unit)}"


def kpi_delta(k: KpiChange) -> Decimal | None:
    """new − old, only when both exist and are in the same unit."""
    if k.old is None or k.new is None or k.old.unit != k.new.unit:
        return None
    return to_decimal(k.new.value) - to_decimal(k.old.value)


def kpi_pct_change(k: KpiChange) -> Decimal | None:
    """Percent change of the value, to 2 places; None when undefined (old is 0)."""
    delta = kpi_delta(k)
    if delta is None or k.old is None or to_decimal(k.old.value) == 0:
        return None
    return round(delta / abs(to_decimal(k.old.value)) * 100, 2)


# --------------------------------------------------------------------------- text


def plain(text: str) -> str:
    """Record text without the `**` emphasis markers of the extracted slides."""
    return text.replace("**", "").replace(_SEP, "")


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters, ending in … when cut."""
    one = " ".join(plain(text).split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def section_path(section: Sequence[str]) -> str:
    return SECTION_JOIN.join(section) if section else NO_SECTION


def section_key(change: Change) -> tuple[str, ...]:
    return tuple(change.section[:SECTION_DEPTH])


def section_id(key: Sequence[str]) -> str:
    """A stable anchor from the section's titles (content, never position)."""
    digest = hashlib.sha1("\x1f".join(key).encode("utf-8")).hexdigest()
    return "s-" + digest[:10]


def _push(segments: list[Segment], text: str, changed: bool) -> None:
    if not text:
        return
    if segments and segments[-1][1] == changed:
        segments[-1] = (segments[-1][0] + text, changed)
    else:
        segments.append((text, changed))


def _split_parts(segments: Iterable[Segment], n: int) -> list[tuple[Segment, ...]]:
    if n == 0:
        return []
    parts: list[list[Segment]] = [[]]
    for text, changed in segments:
        for k, piece in enumerate(text.split(_SEP)):
            if k:
                parts.append([])
            _push(parts[-1], piece, changed)
    assert len(parts) == n, (len(parts), n)
    return [tuple(p) for p in parts]


MAX_DIFF_CELLS = 20_000 * 20_000


def char_diff(
    old: Sequence[str], new: Sequence[str]
) -> tuple[list[tuple[Segment, ...]], list[tuple[Segment, ...]]]:
    """Character-level 傍線 segments for each part of each side.

    The parts of a split/merged group are diffed as one text (glued with a separator),
    so a sentence that moved from one part to another is not marked changed.
    """
    a = _SEP.join(plain(t) for t in old)
    b = _SEP.join(plain(t) for t in new)
    old_segs: list[Segment] = []
    new_segs: list[Segment] = []
    if a == b:
        _push(old_segs, a, False)
        _push(new_segs, b, False)
    elif len(a) * len(b) > MAX_DIFF_CELLS:
        # SequenceMatcher is quadratic: a huge record is shown changed as a whole.
        _push(old_segs, a, True)
        _push(new_segs, b, True)
    else:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            same = tag == "equal"
            _push(old_segs, a[i1:i2], not same)
            _push(new_segs, b[j1:j2], not same)
    return _split_parts(old_segs, len(old)), _split_parts(new_segs, len(new))


# --------------------------------------------------------------------------- summary


def summary_of(diff: Diff) -> dict[str, int]:
    """classify's summary when it gave one; computed keys fill any gaps."""
    return summarize(diff.changes) | dict(diff.summary)


def unique_anchors(changes: Sequence[Change]) -> list[str]:
    """`change.anchor` for each change, suffixed -2, -3… if the 64-char cut collides."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for c in changes:
        anchor = c.anchor
        n = seen.get(anchor, 0) + 1
        seen[anchor] = n
        out.append(anchor if n == 1 else f"{anchor}-{n}")
    return out


# --------------------------------------------------------------------------- view models


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
    banner: str | None = _help("the warning text of the banner, or None")
    note: str | None = _help("the metadata note (explains a sample)")
    publisher: str | None = _help("publisher from the metadata")
    source: str | None = _help("source URL or citation from the metadata")
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


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One numeric value that differs between the editions."""

    anchor: str = _help("id of the change row to link to")
    section: str = _help("section label of the change")
    change_type: str = _help("type of the change holding the value")
    metric: str = _help("what is measured, or a placeholder when the parser found no name")
    old_text: str | None = _help("old surface text, e.g. 5.8兆円; None when the value is new")
    new_text: str | None = _help("new surface text; None when the value was dropped")
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


@dataclass(frozen=True, slots=True)
class TypeCount:
    """A change type with its count."""

    type: str = _help("change type")
    label: str = _help("change type in Japanese")
    count: int = _help("how many changes of that type")


@dataclass(frozen=True, slots=True)
class SectionBlock:
    """A report section: changes under the same first two headings, in document order."""

    id: str = _help("stable element id")
    label: str = _help("heading path of the section")
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
    """Everything report.html needs."""

    old: EditionView = _help("the older edition")
    new: EditionView = _help("the newer edition")
    counts: tuple[TypeCount, ...] = _help("overall counts per change type")
    extra_counts: tuple[TypeCount, ...] = _help("moved, KPI and strength change counts")
    chart: Chart = _help("summary bar chart")
    kpi_rows: tuple[KpiRow, ...] = _help("every KPI change, in document order")
    strengthened: tuple[StrengthRow, ...] = _help("changes whose commitment got stronger")
    weakened: tuple[StrengthRow, ...] = _help("changes whose commitment got weaker")
    sections: tuple[SectionBlock, ...] = _help("report sections in document order")
    generator: tuple[tuple[str, str], ...] = _help("what made the diff, sorted by key")
    total: int = _help("number of changes (aligned groups)")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One consecutive pair of editions on reports/index.html."""

    old_label: str = _help("older edition label")
    new_label: str = _help("newer edition label")
    stem: str = _help("file name stem of the pair's reports, e.g. 2025-2026")
    counts: tuple[TypeCount, ...] = _help("counts per change type")
    old_status: str | None = _help("status of the older edition")
    new_status: str | None = _help("status of the newer edition")
    old_title: str | None = _help("title of the older edition")
    new_title: str | None = _help("title of the newer edition")

    @classmethod
    def from_diff(cls, diff: Diff, stem: str) -> IndexEntry:
        return cls(
            old_label=diff.old.label,
            new_label=diff.new.label,
            stem=stem,
            counts=type_counts(summary_of(diff)),
            old_status=diff.old.meta.status if diff.old.meta else None,
            new_status=diff.new.meta.status if diff.new.meta else None,
            old_title=diff.old.title,
            new_title=diff.new.title,
        )

    @property
    def old_status_label(self) -> str:
        return status_label(self.old_status)

    @property
    def new_status_label(self) -> str:
        return status_label(self.new_status)


def report_files(stem: str) -> dict[str, str]:
    """The file names of one pair's reports, by format: the writer and index.html share it."""
    return {
        "html": f"{stem}.html",
        "md": f"{stem}.md",
        "json": f"{stem}.json",
        "csv": f"{stem}-changes.csv",
        "kpis_csv": f"{stem}-kpis.csv",
    }


# --------------------------------------------------------------------------- builders


def status_label(status: str | None) -> str:
    if status is None:
        return "不明"
    return STATUS_LABELS.get(status, status)


def type_counts(summary: Mapping[str, int]) -> tuple[TypeCount, ...]:
    return tuple(TypeCount(t, TYPE_LABELS[t], summary.get(t, 0)) for t in CHANGE_TYPES)


def edition_view(edition: Edition, role: str) -> EditionView:
    meta = edition.meta
    status = meta.status if meta else None
    banner = None
    if status == "sample":
        banner = SAMPLE_NOTICE
    elif status == "draft":
        banner = DRAFT_NOTICE
    return EditionView(
        role=role,
        label=edition.label,
        title=edition.title,
        date=meta.date if meta else None,
        status=status,
        status_label=status_label(status),
        is_sample=status == "sample",
        is_draft=status == "draft",
        banner=banner,
        note=meta.note if meta else None,
        publisher=meta.publisher if meta else None,
        source=meta.source if meta else None,
        sha256=edition.sha256,
        records=len(edition.records),
    )


def _parts(
    records: Sequence[Record], segments: Sequence[tuple[Segment, ...]]
) -> tuple[PartView, ...]:
    return tuple(
        PartView(
            id=m.id,
            kind=m.kind,
            section=section_path(m.section),
            line=m.line,
            end_line=m.end_line,
            text=plain(m.text),
            segments=segs,
        )
        for m, segs in zip(records, segments, strict=True)
    )


def strength_row(change: Change, anchor: str) -> StrengthRow | None:
    s = change.strength
    if s is None:
        return None
    return StrengthRow(
        anchor=anchor,
        section=section_path(section_key(change)),
        direction=s.direction,
        direction_label=DIRECTION_LABELS[s.direction],
        old=s.old,
        new=s.new,
        old_label=STRENGTH_LABELS.get(s.old, s.old),
        new_label=STRENGTH_LABELS.get(s.new, s.new),
        old_quote=shorten(" ".join(m.text for m in change.old)),
        new_quote=shorten(" ".join(m.text for m in change.new)),
    )


def change_row(change: Change, anchor: str) -> ChangeRow:
    old_segs, new_segs = char_diff([m.text for m in change.old], [m.text for m in change.new])
    key = section_key(change)
    moved_from = None
    if change.moved and change.old:
        moved_from = section_path(change.old[0].section)
    return ChangeRow(
        anchor=anchor,
        type=change.type,
        type_label=TYPE_LABELS[change.type],
        section_id=section_id(key),
        section=section_path(key),
        moved=change.moved,
        moved_from=moved_from,
        cosmetic=change.cosmetic,
        pinned=change.pinned,
        similarity=None if change.similarity is None else f"{change.similarity:.4f}",
        new_parts=_parts(change.new, new_segs),
        old_parts=_parts(change.old, old_segs),
        new_placeholder=None if change.new else REMOVED_PLACEHOLDER,
        old_placeholder=None if change.old else ADDED_PLACEHOLDER,
        kpi_count=len(change.kpis),
        strength=strength_row(change, anchor),
    )


def _year(v: KpiValue | None) -> str:
    if v is None or v.year is None:
        return ""
    return f"{v.year}年" + ("（目標）" if v.target else "")


def _sentence(change: Change, k: KpiChange) -> str:
    """The text of the record holding the value: new side first, else old."""
    for value, side in ((k.new, change.new), (k.old, change.old)):
        if value is None:
            continue
        for m in side:
            if value in m.kpis:
                return plain(m.text)
        if side:
            return plain(side[0].text)
    side = change.new or change.old
    return plain(side[0].text) if side else ""


def _trend(k: KpiChange, delta: Decimal | None) -> str:
    if k.old is None:
        return "new"
    if k.new is None:
        return "gone"
    if delta is None or delta == 0:
        return "same"
    return "up" if delta > 0 else "down"


def kpi_row(change: Change, k: KpiChange, anchor: str) -> KpiRow:
    delta = kpi_delta(k)
    pct = kpi_pct_change(k)
    old_year, new_year = _year(k.old), _year(k.new)
    if old_year and new_year and old_year != new_year:
        year = f"{old_year} → {new_year}"
    else:
        year = new_year or old_year
    unit = k.new.unit if k.new else k.old.unit if k.old else ""
    # A difference of percentages is in points, not percent.
    delta_unit = "pt" if unit == "%" else unit
    metric = k.metric or (k.new.metric if k.new else None) or (k.old.metric if k.old else None)
    return KpiRow(
        anchor=anchor,
        section=section_path(section_key(change)),
        change_type=change.type,
        metric=metric or "（指標名なし）",
        old_text=k.old.text if k.old else None,
        new_text=k.new.text if k.new else None,
        old_value=to_decimal(k.old.value) if k.old else None,
        new_value=to_decimal(k.new.value) if k.new else None,
        old_unit=k.old.unit if k.old else None,
        new_unit=k.new.unit if k.new else None,
        old_year=k.old.year if k.old else None,
        new_year=k.new.year if k.new else None,
        year=year,
        delta=delta,
        delta_text=None if delta is None else format_quantity(delta, delta_unit, signed=True),
        pct_change=pct,
        pct_text=None if pct is None else f"{'+' if pct > 0 else ''}{round(pct, 1)}%",
        trend=_trend(k, delta),
        sentence=_sentence(change, k),
    )


def kpi_rows(diff: Diff) -> tuple[KpiRow, ...]:
    anchors = unique_anchors(diff.changes)
    return tuple(
        kpi_row(c, k, a) for c, a in zip(diff.changes, anchors, strict=True) for k in c.kpis
    )


# Chart geometry, in SVG user units.
_CHART_WIDTH = 480
_BAR_X = 96
_BAR_MAX = 320
_BAR_HEIGHT = 18
_BAR_GAP = 8


def chart(counts: Sequence[TypeCount]) -> Chart:
    top = max((c.count for c in counts), default=0) or 1
    bars = []
    for i, c in enumerate(counts):
        y = _BAR_GAP + i * (_BAR_HEIGHT + _BAR_GAP)
        # Integer widths: same numbers on every machine, and a visible stub for 1 of 1000.
        width = 0 if c.count == 0 else max(2, round(c.count * _BAR_MAX / top))
        bars.append(
            ChartBar(
                type=c.type,
                label=c.label,
                count=c.count,
                y=y,
                text_y=y + _BAR_HEIGHT - 4,
                width=width,
                count_x=_BAR_X + width + 6,
            )
        )
    height = _BAR_GAP + len(bars) * (_BAR_HEIGHT + _BAR_GAP)
    return Chart(_CHART_WIDTH, height, _BAR_X, _BAR_HEIGHT, tuple(bars))


def section_blocks(diff: Diff) -> tuple[SectionBlock, ...]:
    """Changes grouped by section; sections in order of first appearance in the diff."""
    anchors = unique_anchors(diff.changes)
    order: list[tuple[str, ...]] = []
    grouped: dict[tuple[str, ...], list[ChangeRow]] = {}
    for c, a in zip(diff.changes, anchors, strict=True):
        key = section_key(c)
        if key not in grouped:
            order.append(key)
            grouped[key] = []
        grouped[key].append(change_row(c, a))
    blocks = []
    for key in order:
        rows = grouped[key]
        counts = {t: 0 for t in CHANGE_TYPES}
        for r in rows:
            counts[r.type] += 1
        blocks.append(
            SectionBlock(
                id=section_id(key),
                label=section_path(key),
                counts=type_counts(counts),
                rows=tuple(r for r in rows if r.type != "unchanged"),
                unchanged_rows=tuple(r for r in rows if r.type == "unchanged"),
            )
        )
    return tuple(blocks)


def report_context(diff: Diff) -> ReportContext:
    summary = summary_of(diff)
    counts = type_counts(summary)
    anchors = unique_anchors(diff.changes)
    strength = [
        row
        for c, a in zip(diff.changes, anchors, strict=True)
        if (row := strength_row(c, a)) is not None
    ]
    return ReportContext(
        old=edition_view(diff.old, "旧版"),
        new=edition_view(diff.new, "新版"),
        counts=counts,
        extra_counts=tuple(
            TypeCount(k, EXTRA_LABELS[k], summary.get(k, 0))
            for k in ("moved", "kpi_changes", "strength_changes")
        ),
        chart=chart(counts),
        kpi_rows=kpi_rows(diff),
        strengthened=tuple(r for r in strength if r.direction == "up"),
        weakened=tuple(r for r in strength if r.direction == "down"),
        sections=section_blocks(diff),
        generator=tuple(sorted(diff.generator.items())),
        total=len(diff.changes),
    )
