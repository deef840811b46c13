"""「主な変更」: the few changes a reader should see first, by a documented rule; and the
full list of changed measures by theme that follows them.

Only measures count (`MEASURE_KINDS`: ◆ points, plans, statements, table rows…); the
document's apparatus (headings, captions, chart titles, 構成 entries) never makes news.

The rule, in rank order (ties keep document order):

1. 後退 — a commitment weakened (実施 → 検討): a promise taken back is the biggest story.
2. 強化 — a commitment strengthened.
3. 目標 — a KPI target moved (value or target year) or dropped, on its own or with its
   measure, and set nowhere else in the new edition: targets are what the government can
   be held to.
4. 新設 — a new policy that the plan headlines: a ◆ key point, or a policy the plan states
   in more than one place (ポイント page, 方向性 page, theme slide). Most places first.
5. 削除 — a dropped policy, chosen the same way.
6. 移動 — a measure moved to another theme.

A change is listed once, at its highest tier. Tiers 1–3 are listed in full (each is rare and each is news); tiers 4–6 keep their first
`TIER_LIMITS` items, the rest is in the full list by theme below the highlights.

One policy that appears in several places is one item listing its places: two new (or two
dropped) measures are the same policy when one's text, stripped of numbering and emphasis,
is nearly contained in the other's (`SAME_POLICY` on rapidfuzz's partial ratio).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from ipdiff.compare.judge import Target, dropped_targets, target_dropped
from ipdiff.families import DEFAULT
from ipdiff.model import MEASURE_KINDS, Change, Record
from ipdiff.render.labels import report_section_key, section_path
from ipdiff.render.textdiff import plain
from ipdiff.render.views import ChangeView, Highlight, HighlightCap, Place, ThemeChanges

TIER_LABELS = {1: "後退", 2: "強化", 3: "目標", 4: "新設", 5: "削除", 6: "移動"}
TIER_LIMITS = {4: 5, 5: 5, 6: 3}
# Where the full list of a capped tier is: the 新旧対照表 filtered to that change type.
CAP_FILTERS = {4: "types=added", 5: "types=removed", 6: "types=modified,unchanged,split,merged&moved=1"}
# Partial-ratio score from which two texts are one policy stated twice.
SAME_POLICY = 90.0
# Shorter texts are too generic to call two places the same policy.
MIN_POLICY_CHARS = 12
_NUMBERING = re.compile(r"^\s*(?:\d+[.．、)]|[①-⑳]|[（(]\d+[）)]|[・●◆■])\s*")


def is_measure(change: Change) -> bool:
    """The change holds at least one measure record (on either side)."""
    return any(m.kind in MEASURE_KINDS for m in change.old + change.new)


def policy_text(records: Sequence[Record]) -> str:
    """The wording a policy is recognised by: no numbering, emphasis or spacing."""
    return "".join("".join(_NUMBERING.sub("", plain(m.text)).split()) for m in records)


def same_policy(a: str, b: str) -> bool:
    if min(len(a), len(b)) < MIN_POLICY_CHARS:
        return a == b and bool(a)
    # The cutoff lets rapidfuzz stop early on the many pairs that are far apart.
    return fuzz.partial_ratio(a, b, score_cutoff=SAME_POLICY) >= SAME_POLICY


def policy_groups(views: Sequence[ChangeView], side: str) -> list[list[ChangeView]]:
    """Added (side "new") or removed ("old") measures, grouped by policy, in document order."""
    groups: list[list[ChangeView]] = []
    texts: list[str] = []
    for cv in views:
        text = policy_text(cv.change.new if side == "new" else cv.change.old)
        for i, t in enumerate(texts):
            if same_policy(text, t):
                groups[i].append(cv)
                break
        else:
            groups.append([cv])
            texts.append(text)
    return groups


def _target_moved(change: Change, kept: Collection[Target]) -> list[str]:
    """One phrase per KPI target moved or dropped in the change."""
    out = []
    for k in change.kpis:
        old, new = k.old, k.new
        if old is None or not (old.target or (new is not None and new.target)):
            continue
        if new is None:
            if not target_dropped(k, kept):
                continue
            out.append(f"目標 {old.text} を{'施策ごと' if change.type == 'removed' else ''}削除")
            continue
        old_year, new_year = old.target_year, new.target_year
        if old.value != new.value or old.unit != new.unit or old_year != new_year:
            moved_year = old_year is not None and new_year is not None and old_year != new_year
            when = f"（{old_year}年 → {new_year}年）" if moved_year else ""
            out.append(f"目標 {old.text} → {new.text}{when}")
    out += [f"目標 {v.text} を施策ごと削除" for v in dropped_targets(change, kept)]
    return out


def _theme(records: Sequence[Record]) -> str:
    return section_path(tuple(records[0].section[:2])) if records else ""


def _item(tier: int, group: Sequence[ChangeView], detail: str = "") -> Highlight:
    head = group[0]
    c = head.change
    places = tuple(Place(cv.section, cv.anchor) for cv in group)
    moved_from = _theme(c.old) if tier == 6 else ""
    return Highlight(
        rank=0,
        tier=tier,
        label=TIER_LABELS[tier],
        theme=head.section,
        anchor=head.anchor,
        old_text="\n".join(plain(m.text) for m in c.old),
        new_text="\n".join(plain(m.text) for m in c.new),
        detail=detail or (f"{moved_from} から移動" if moved_from else ""),
        places=places if len(places) > 1 else (),
    )


def _headlined(group: Sequence[ChangeView], side: str, lead_kinds: Collection[str]) -> bool:
    records = [m for cv in group for m in (cv.change.new if side == "new" else cv.change.old)]
    return len(group) > 1 or any(m.kind in lead_kinds for m in records)


def _lead_first(group: list[ChangeView], side: str, lead_kinds: Collection[str]) -> list[ChangeView]:
    # The family's lead kind (the plan's ◆ point), when there is one, is the wording to quote.
    def is_lead(cv: ChangeView) -> bool:
        return any(m.kind in lead_kinds for m in (cv.change.new if side == "new" else cv.change.old))

    return sorted(group, key=lambda cv: not is_lead(cv))


def highlights(
    views: Sequence[ChangeView],
    kept: Collection[Target] = frozenset(),
    lead_kinds: Collection[str] = DEFAULT.lead_kinds,
) -> tuple[Highlight, ...]:
    """The 「主な変更」 of a diff, ranked by the rule above and numbered from 1.

    `kept` (gates.kept_targets) holds the targets the new edition still sets somewhere.
    """
    return ranked(views, kept, lead_kinds)[0]


def ranked(
    views: Sequence[ChangeView],
    kept: Collection[Target] = frozenset(),
    lead_kinds: Collection[str] = DEFAULT.lead_kinds,
) -> tuple[tuple[Highlight, ...], tuple[HighlightCap, ...]]:
    """「主な変更」 and, for each capped tier that left items out, how many (said aloud)."""
    measures = [cv for cv in views if is_measure(cv.change)]
    items: list[Highlight] = []
    left_out: dict[int, int] = {}
    for direction, tier in (("down", 1), ("up", 2)):
        for cv in measures:
            s = cv.change.strength
            if s and s.direction == direction and cv.strength:
                items.append(_item(tier, [cv], f"{cv.strength.old_label} → {cv.strength.new_label}"))
    for cv in measures:
        moved = _target_moved(cv.change, kept)
        if moved:
            items.append(_item(3, [cv], "、".join(moved)))
    for side, type_, tier in (("new", "added", 4), ("old", "removed", 5)):
        groups = policy_groups([cv for cv in measures if cv.change.type == type_], side)
        chosen = [g for g in groups if _headlined(g, side, lead_kinds)]
        # Most places first; `sorted` is stable, so document order breaks ties.
        chosen.sort(key=lambda g: -len(g))
        items += [_item(tier, _lead_first(g, side, lead_kinds)) for g in chosen[: TIER_LIMITS[tier]]]
        left_out[tier] = max(0, len(chosen) - TIER_LIMITS[tier])
    between = [
        cv for cv in measures
        if cv.change.moved and cv.change.old and report_section_key(cv.change) != tuple(cv.change.old[0].section[:2])
    ]
    items += [_item(6, [cv]) for cv in between[: TIER_LIMITS[6]]]
    left_out[6] = max(0, len(between) - TIER_LIMITS[6])
    # A change already listed (a weakened measure that also moved) is not listed again.
    seen: set[str] = set()
    unique = []
    for h in items:
        if h.anchor not in seen:
            seen.add(h.anchor)
            unique.append(h)
    caps = tuple(
        HighlightCap(tier, TIER_LABELS[tier], TIER_LIMITS[tier], n, CAP_FILTERS[tier])
        for tier, n in sorted(left_out.items()) if n
    )
    return tuple(replace(h, rank=i) for i, h in enumerate(unique, 1)), caps


def themes(changes: Sequence[ChangeView]) -> tuple[ThemeChanges, ...]:
    """Changed measures (and unchanged ones that moved) by theme, themes in order of appearance."""
    grouped: dict[str, list[ChangeView]] = {}
    for cv in changes:
        c = cv.change
        if is_measure(c) and (c.type != "unchanged" or c.moved):
            grouped.setdefault(cv.section, []).append(cv)
    return tuple(ThemeChanges(theme, tuple(cvs)) for theme, cvs in grouped.items())
