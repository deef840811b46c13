"""Builders: a `Diff` → the view model, by pure functions; report file names.

Every decision about what a reader sees (labels, number formatting, which characters are
underlined, which section a change belongs to) is made here, once: `diff_view` is what
every renderer starts from, `report_context` adds what only the HTML report draws.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from ipdiff.compare.classify import summarize
from ipdiff.compare.gates import kept_targets
from ipdiff.families import document_name, family_named
from ipdiff.families.statute import is_article
from ipdiff.model import CHANGE_TYPES, RENUMBERED, Change, Diff, Edition, Record, StrengthChange
from ipdiff.render.chapters import chapter_pairs, moved_with
from ipdiff.render.chart import chart
from ipdiff.render.commitments import moved_text
from ipdiff.render.files import report_files, report_stem
from ipdiff.render.highlights import is_measure, ranked, themes
from ipdiff.render.kpi_rows import kpi_row, one_row_per_figure, reader_order
from ipdiff.render.labels import (
    ADDED_PLACEHOLDER,
    DIRECTION_LABELS,
    DRAFT_NOTICE,
    EXTRA_LABELS,
    REMOVED_PLACEHOLDER,
    SAMPLE_NOTICE,
    STRENGTH_LABELS,
    TITLE_BLOCK,
    TYPE_LABELS,
    report_section_key,
    section_id,
    section_path,
    status_label,
)
from ipdiff.render.textdiff import Segment, char_diff, plain
from ipdiff.render.views import (
    ChangeRow,
    ChangeView,
    DiffView,
    EditionView,
    IndexEntry,
    PartView,
    ReportContext,
    SectionBlock,
    StrengthRow,
    TypeCount,
)

EXTRA_KEYS = ("moved", "kpi_changes", "strength_changes")

# --------------------------------------------------------------------------- shared view


def diff_summary(diff: Diff) -> dict[str, int]:
    """The diff's summary: classify's counts where it gave them, computed ones fill any gap.

    `Diff.summary` may be empty (a hand-made Diff); every renderer reads the summary
    through this function, via `diff_view`, so none of them sees it empty.
    """
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


def type_counts(summary: Mapping[str, int], renumbered: bool = False) -> tuple[TypeCount, ...]:
    """Counts in the fixed order; `renumbered` (a statute's 条ずれ) only where the diff has one."""
    types = (*CHANGE_TYPES, RENUMBERED) if renumbered else CHANGE_TYPES
    return tuple(TypeCount(t, TYPE_LABELS[t], summary.get(t, 0)) for t in types)


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
        # The readers' pages are Japanese: the Japanese note when the metadata gives one.
        note=(meta.note_ja or meta.note) if meta else None,
        publisher=meta.publisher if meta else None,
        source=meta.source if meta else None,
        sources=meta.sources if meta else (),
        sha256=edition.sha256,
        records=len(edition.records),
    )


def strength_row(change: Change, anchor: str, s: StrengthChange | None = None) -> StrengthRow | None:
    s = s or change.strength
    if s is None:
        return None
    return StrengthRow(
        anchor=anchor,
        section=section_path(report_section_key(change)),
        direction=s.direction,
        direction_label=DIRECTION_LABELS[s.direction],
        old=s.old,
        new=s.new,
        old_label=STRENGTH_LABELS.get(s.old, s.old),
        new_label=STRENGTH_LABELS.get(s.new, s.new),
        old_quote=" ".join(plain(m.text) for m in change.old),
        new_quote=" ".join(plain(m.text) for m in change.new),
        moved=moved_text(s),
        uncertain=s.uncertain,
    )


def title_block_label(diff: Diff) -> str:
    """The records before the first heading (title, date, publisher) are named after the
    document's own title line, not after a missing heading."""
    for edition in (diff.new, diff.old):
        for m in edition.records:
            if m.section:
                break
            if m.kind == "title":
                return " ".join(plain(m.text).split())
    return TITLE_BLOCK


def change_view(
    change: Change,
    anchor: str,
    chapters: Mapping[tuple[str, ...], tuple[str, ...]] | None = None,
    moved_with: int | None = None,
    top: str = TITLE_BLOCK,
) -> ChangeView:
    key = report_section_key(change, chapters)
    return ChangeView(
        change=change,
        anchor=anchor,
        section=section_path(key) if key else top,
        section_key=key,
        heading_path=section_path(change.section),
        kpis=tuple(kpi_row(change, k, anchor) for k in change.kpis),
        strength=strength_row(change, anchor),
        moved_with=moved_with,
    )


def diff_view(diff: Diff) -> DiffView:
    """The view every renderer starts from; the summary is computed here, once."""
    summary = diff_summary(diff)
    renumbered = summary.get(RENUMBERED, 0) > 0
    chapters = chapter_pairs(diff)
    sizes = moved_with(diff)
    top = title_block_label(diff)
    changes = tuple(
        change_view(c, a, chapters, next((sizes[m.id] for m in c.new if m.id in sizes), None), top)
        for c, a in zip(diff.changes, unique_anchors(diff.changes), strict=True)
    )
    strength = [cv.strength for cv in changes if cv.strength is not None]
    measures = [cv.change for cv in changes if is_measure(cv.change)]
    apparatus = tuple(cv for cv in changes if not is_measure(cv.change))
    rows = reader_order(one_row_per_figure([row for cv in changes for row in cv.kpis]))
    # The KPI table holds quantities and targets; dates, years and ordinals are told apart.
    kpi_rows = tuple(r for r in rows if r.group == "quantity")
    calendar_rows = tuple(r for r in rows if r.group == "calendar")
    # One set of numbers: the count table says what the KPI and strength sections list.
    shown = {"kpi_changes": len(kpi_rows), "strength_changes": len(strength)}
    ranked_highlights, caps = ranked(changes, kept_targets(diff.new), family_named(diff.new.family).lead_kinds)
    return DiffView(
        old=edition_view(diff.old, "旧版"),
        new=edition_view(diff.new, "新版"),
        summary=summary,
        counts=type_counts(summary, renumbered),
        extra_counts=tuple(
            TypeCount(k, EXTRA_LABELS[k], shown.get(k, summary.get(k, 0))) for k in EXTRA_KEYS
        ),
        changes=changes,
        kpi_rows=kpi_rows,
        calendar_rows=calendar_rows,
        strengthened=tuple(r for r in strength if r.direction == "up"),
        weakened=tuple(r for r in strength if r.direction == "down"),
        continued=tuple(
            r for cv in changes if (j := cv.change.commitments) is not None and not j.moved and (j.added or j.dropped)
            if (r := strength_row(cv.change, cv.anchor, j)) is not None and r.moved
        ),
        generator=tuple(sorted(diff.generator.items())),
        measure_counts=type_counts(summarize(measures), renumbered),
        apparatus_counts=type_counts(summarize([cv.change for cv in apparatus]), renumbered),
        moved_measures=sum(1 for c in measures if c.moved),
        highlights=ranked_highlights,
        highlight_caps=caps,
        themes=themes(changes),
        apparatus=tuple(cv for cv in apparatus if cv.change.type != "unchanged" or cv.change.moved),
        report_html=report_files(report_stem(diff.old.label, diff.new.label))["html"],
        document=document_name(diff.new),
    )


def index_entry(diff: Diff, view: DiffView | None = None) -> IndexEntry:
    """One pair's row on reports/index.html and its entry in feed.xml: the report's numbers."""
    from ipdiff.render.summary import summary_sentences

    view = view or diff_view(diff)
    return IndexEntry(
        old_label=diff.old.label,
        new_label=diff.new.label,
        stem=report_stem(diff.old.label, diff.new.label),
        counts=view.measure_counts,
        kpi_changes=len(view.kpi_rows),
        strength_changes=len(view.weakened) + len(view.strengthened),
        old_status=diff.old.meta.status if diff.old.meta else None,
        new_status=diff.new.meta.status if diff.new.meta else None,
        old_title=diff.old.title,
        new_title=diff.new.title,
        document_name=document_name(diff.new),
        new_date=view.new.date,
        summary=summary_sentences(view),
        highlights=view.highlights,
    )


# --------------------------------------------------------------------------- HTML report


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
            label="" if m.text == m.label else m.label,
            article=next((s for s in reversed(m.section) if is_article((s,))), m.label if m.kind == "heading" else ""),
        )
        for m, segs in zip(records, segments, strict=True)
    )


def change_row(cv: ChangeView) -> ChangeRow:
    """A row of the 新旧対照表: the shared change view plus its character diff."""
    change = cv.change
    old_segs, new_segs = char_diff([m.text for m in change.old], [m.text for m in change.new])
    moved_from = None
    if change.moved and change.old:
        moved_from = section_path(change.old[0].section)
    return ChangeRow(
        anchor=cv.anchor,
        type=change.type,
        type_label=TYPE_LABELS[change.type],
        section_id=section_id(cv.section_key),
        section=cv.section,
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
        strength=cv.strength,
        moved_with=cv.moved_with,
    )


def section_blocks(
    changes: Sequence[ChangeView],
    chapters: Mapping[tuple[str, ...], tuple[str, ...]] | None = None,
    renamed: Collection[tuple[str, ...]] | None = None,
) -> tuple[SectionBlock, ...]:
    """Changes grouped by section; sections in order of first appearance in the diff.

    A chapter aligned with a `renamed` old one (old keys) names both."""
    old_key = {new: old for old, new in sorted((chapters or {}).items()) if old in (renamed or ())}
    renumbered = any(cv.change.type == RENUMBERED for cv in changes)
    order: list[tuple[str, ...]] = []
    grouped: dict[tuple[str, ...], list[ChangeRow]] = {}
    labels: dict[tuple[str, ...], str] = {}
    for cv in changes:
        key = cv.section_key
        if key not in grouped:
            order.append(key)
            grouped[key] = []
            labels[key] = cv.section
        grouped[key].append(change_row(cv))
    blocks = []
    for key in order:
        rows = grouped[key]
        counts: dict[str, int] = {t: 0 for t in CHANGE_TYPES}
        for r in rows:
            counts[r.type] = counts.get(r.type, 0) + 1
        blocks.append(
            SectionBlock(
                id=section_id(key),
                label=labels[key],
                old_label=section_path(old_key[key]) if key in old_key else None,
                counts=type_counts(counts, renumbered),
                rows=tuple(r for r in rows if r.type != "unchanged"),
                unchanged_rows=tuple(r for r in rows if r.type == "unchanged"),
            )
        )
    return tuple(blocks)


def report_context(diff: Diff, view: DiffView | None = None) -> ReportContext:
    from ipdiff.render.summary import summary_sentences

    view = view or diff_view(diff)
    family = family_named(diff.new.family)
    return ReportContext(
        view=view,
        chart=chart(view.measure_counts),
        sections=section_blocks(
            view.changes, chapter_pairs(diff), {p.old for p in diff.sections if p.renamed and p.old}
        ),
        total=len(view.changes),
        lead=summary_sentences(view),
        taisho_template=family.taisho_template,
        # A statute's 新旧対照表 prints only what the amendment touches.
        omit_unchanged=family.segment is not None,
    )
