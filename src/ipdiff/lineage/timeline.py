"""Many editions at once: each measure's lineage across all of them, and its KPI series.

Pure: takes the editions in order and their consecutive `Diff`s, returns a `Timeline`.
The pairwise diffs stay what they are; a lineage follows them record by record. The one
thing added is the gap: a record the diff calls `added` is first matched (by the aligner,
with its calibrated thresholds) against the measures that were absent from the previous
edition, and a match continues that lineage as `returned`, with the missing editions
listed as its gaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ipdiff.families import family_named
from ipdiff.lineage.walk import EntryChange, walk
from ipdiff.model import Diff, Edition, KpiValue, Record, mask_label


@dataclass(frozen=True, slots=True)
class Entry:
    """A lineage in one edition: its record (or the parts of a split) and how it got there."""

    label: str
    records: tuple[Record, ...]
    change: EntryChange
    index: int  # the edition's position in the timeline

    @property
    def text(self) -> str:
        return "".join(m.text for m in self.records)


@dataclass(frozen=True, slots=True)
class Lineage:
    """One measure from its first edition to its last, gaps included."""

    id: str
    entries: tuple[Entry, ...]
    gaps: tuple[str, ...]  # labels where it was absent between first and last
    merged_into: str | None = None  # the lineage it was merged into, when it ends so

    @property
    def first(self) -> str:
        return self.entries[0].label

    @property
    def last(self) -> str:
        return self.entries[-1].label

    @property
    def latest(self) -> Entry:
        return self.entries[-1]


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    label: str
    index: int  # the edition's position in the timeline
    value: KpiValue


@dataclass(frozen=True, slots=True)
class KpiSeries:
    """One figure of one measure, edition by edition (two editions or more)."""

    metric: str
    lineage: str
    unit: str
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    editions: tuple[Edition, ...]
    lineages: tuple[Lineage, ...]
    series: tuple[KpiSeries, ...]
    generator: dict[str, str] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(e.label for e in self.editions)


def _entries(labels: Sequence[str], seen: Sequence[tuple[int, Record, EntryChange]]) -> tuple[Entry, ...]:
    # One entry per edition: the parts of a split sit together, in document order.
    by_index: dict[int, list[tuple[Record, EntryChange]]] = {}
    for index, record, change in seen:
        by_index.setdefault(index, []).append((record, change))
    out = []
    for index in sorted(by_index):
        parts = by_index[index]
        records = tuple(sorted((r for r, _ in parts), key=lambda r: r.line))
        # A part that came back with the others beside it still makes the entry a return.
        changes = {c for _, c in parts}
        change = next(c for c in ("returned", "split", "merged") if c in changes) if (
            changes & {"returned", "split", "merged"}
        ) else parts[0][1]
        out.append(Entry(labels[index], records, change, index))
    return tuple(out)


def _is_measure(entries: Sequence[Entry], measure_kinds: frozenset[str]) -> bool:
    return any(m.kind in measure_kinds for e in entries for m in e.records)


def series_key(value: KpiValue, label: str) -> tuple[str, str, bool]:
    """What makes two figures the same series within one lineage: metric, unit, and
    whether it is a target (a target never continues a reported value, or the reverse).

    The metric has the edition's own label masked (「2026年度の…」 vs 「2027年度の…」).
    """
    target = value.target or value.target_year is not None
    return (mask_label(value.metric or "", label), value.unit, target)


_NOT_SERIES_KINDS = frozenset({"date", "year", "ordinal", "label"})


def kpi_series(lineages: Sequence[Lineage]) -> tuple[KpiSeries, ...]:
    """Every figure that continues across two or more editions of one lineage."""
    out: list[KpiSeries] = []
    for lineage in lineages:
        points: dict[tuple[str, str, bool, int], list[SeriesPoint]] = {}
        for entry in lineage.entries:
            ordinal: dict[tuple[str, str, bool], int] = {}
            for record in entry.records:
                for value in record.kpis:
                    if value.kind in _NOT_SERIES_KINDS:
                        continue  # a date, a year, an ordinal or a label is no quantity to chart
                    key = series_key(value, entry.label)
                    n = ordinal.get(key, 0)
                    ordinal[key] = n + 1
                    points.setdefault((*key, n), []).append(SeriesPoint(entry.label, entry.index, value))
        for (metric, unit, _, _), pts in points.items():
            if len(pts) >= 2:
                name = pts[-1].value.metric or metric
                out.append(KpiSeries(name, lineage.id, unit, tuple(pts)))
    return tuple(out)


def build_timeline(
    editions: Sequence[Edition], diffs: Sequence[Diff], generator: dict[str, str] | None = None
) -> Timeline:
    """Lineages across all the editions (gaps bridged) and the KPI series they carry.

    `diffs[i]` must compare `editions[i]` with `editions[i + 1]`.
    """
    if len(diffs) != len(editions) - 1 or any(
        d.old.label != a.label or d.new.label != b.label
        for d, a, b in zip(diffs, editions, editions[1:], strict=False)
    ):
        raise ValueError("diffs must be the consecutive pairs of the editions, in order")
    labels = [e.label for e in editions]
    trace = walk(editions, diffs)
    measures = family_named(editions[-1].family).measure_kinds if editions else frozenset()
    lineages = []
    for lin in trace.order:
        entries = _entries(labels, trace.records[lin])
        if not _is_measure(entries, measures):
            continue
        present = {e.index for e in entries}
        gaps = tuple(labels[k] for k in range(entries[0].index, entries[-1].index + 1) if k not in present)
        lineages.append(Lineage(lin, entries, gaps, trace.merged_into.get(lin)))
    return Timeline(tuple(editions), tuple(lineages), kpi_series(lineages), dict(generator or {}))


def disagreements(timeline: Timeline, diffs: Sequence[Diff]) -> list[str]:
    """Where the lineages contradict the consecutive diffs (empty when they agree).

    Every record of an aligned group continues the lineage of the group's old side (or
    the lineage that side was merged into); a record the diff calls added starts a
    lineage or returns one that was absent from the previous edition; a removed record's
    lineage does not hold it in the next edition.
    """
    where: dict[tuple[int, str], Lineage] = {}
    change_of: dict[tuple[int, str], EntryChange] = {}
    for lineage in timeline.lineages:
        for e in lineage.entries:
            for m in e.records:
                where[(e.index, m.id)] = lineage
                change_of[(e.index, m.id)] = e.change
    problems: list[str] = []
    for i, d in enumerate(diffs, start=1):
        for c in d.changes:
            olds = [where[(i - 1, m.id)].id for m in c.old if (i - 1, m.id) in where]
            for m in c.new:
                holder = where.get((i, m.id))
                if holder is None:
                    continue  # apparatus (headings), not a measure
                if c.old and olds and holder.id not in olds:
                    problems.append(f"{d.new.label} {m.id}: aligned with {olds} but in lineage {holder.id}")
                if not c.old:
                    before = {e.index for e in holder.entries if e.index < i}
                    if before and (i - 1 in before or change_of[(i, m.id)] != "returned"):
                        problems.append(f"{d.new.label} {m.id}: added, yet continues {holder.id} without a gap")
    return problems
