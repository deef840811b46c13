"""The one walk of lineage: each record of each edition → the lineage it continues.

A record continues the lineage of the old record(s) its pairwise diff aligns it with (a
merge takes its first part's, a split gives all its parts the same one). A record the
diff calls `added` is first matched (by the aligner, with its calibrated thresholds)
against the records absent from the previous edition: a match continues that lineage as
`returned`, bridging the gap. Anything else added starts a lineage of its own, named
by its record id. `timeline` and `history` both read their lineages from this walk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ipdiff.model import Change, Diff, Edition, Record

EntryChange = Literal["added", "unchanged", "modified", "moved", "split", "merged", "returned"]


def entry_change(change: Change) -> EntryChange:
    """How a record got into this edition, from the pairwise change that holds it."""
    if change.type in ("split", "merged"):
        return change.type
    if change.type == "added":
        return "added"
    # A move is the news for a reader following one measure; the text diff is one click away.
    if change.moved:
        return "moved"
    return "modified" if change.type == "modified" else "unchanged"


def _match_returns(
    pool: Sequence[Record], added: Sequence[Record], label: str
) -> dict[str, list[int]]:
    """Added record id → the removed records (indices into `pool`) it brings back.

    The aligner decides, with the thresholds it uses for every pair of editions.
    """
    if not pool or not added:
        return {}
    from ipdiff.compare.align import align

    out: dict[str, list[int]] = {}
    for group in align(pool, added, new_label=label).groups:
        if group.old and group.new:
            for j in group.new:
                out[added[j].id] = list(group.old)
    return out


@dataclass
class Trace:
    """What the walk found: each lineage's records in order, the lineages merged into
    others, and per edition each record id's lineage id."""

    records: dict[str, list[tuple[int, Record, EntryChange]]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    merged_into: dict[str, str] = field(default_factory=dict)
    ids: list[dict[str, str]] = field(default_factory=list)  # per edition: record id → lineage id

    def add(self, lineage: str, index: int, record: Record, change: EntryChange) -> None:
        if lineage not in self.records:
            self.records[lineage] = []
            self.order.append(lineage)
        self.records[lineage].append((index, record, change))

    def new_id(self, record: Record, label: str) -> str:
        # The id of the record it starts from; an identical record id seen before (a
        # repeated heading in another edition) gets the edition label to stay unique.
        return record.id if record.id not in self.records else f"{record.id}@{label}"


def walk(editions: Sequence[Edition], diffs: Sequence[Diff]) -> Trace:
    """Follow every record through the consecutive diffs, gaps bridged.

    `diffs[i]` compares `editions[i]` with `editions[i + 1]`.
    """
    trace = Trace()
    if not editions:
        return trace
    first = editions[0]
    current: dict[str, str] = {}
    for m in first.records:
        lineage = trace.new_id(m, first.label)
        current[m.id] = lineage
        trace.add(lineage, 0, m, "added")
    trace.ids.append(current)
    # Records the diffs removed: (diff number, lineage, record). One removed two or more
    # editions back may come back; one removed by this very diff may not (the pair decided).
    removed: list[tuple[int, str, Record]] = []
    for i, d in enumerate(diffs, start=1):
        prev, current = current, {}
        added: list[Record] = []
        for change in d.changes:
            if not change.old:
                added.extend(change.new)
                continue
            inherited = [prev[m.id] for m in change.old if m.id in prev]
            if not change.new:
                removed.extend((i, inherited[0], m) for m in change.old)
                continue
            for other in inherited[1:]:
                if other != inherited[0]:
                    trace.merged_into.setdefault(other, inherited[0])
            for m in change.new:
                current[m.id] = inherited[0]
                trace.add(inherited[0], i, m, entry_change(change))
        waiting = [r for r in removed if r[0] < i and r[1] not in trace.merged_into]
        returns = _match_returns([m for _, _, m in waiting], added, d.new.label)
        back = {id(waiting[k]) for ks in returns.values() for k in ks}
        removed = [r for r in removed if id(r) not in back]
        for m in added:
            if m.id in returns:
                # A merge of removed records continues the first one, as a pair's lineage does.
                lineage = waiting[returns[m.id][0]][1]
                current[m.id] = lineage
                trace.add(lineage, i, m, "returned")
            else:
                lineage = trace.new_id(m, d.new.label)
                current[m.id] = lineage
                trace.add(lineage, i, m, "added")
        trace.ids.append(current)
    return trace
