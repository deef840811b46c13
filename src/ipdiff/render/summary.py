"""`--format summary`: a few sentences of plain Japanese that a journalist can paste.

What it says, in order: how many measures are new, dropped and changed; which commitments
weakened and strengthened (named by their theme and predicate); the largest figure moves and
the target changes; and, in one clause, that a compared edition is a sample or a draft.
Every number is one the report shows elsewhere (the counts table, 「主な変更」, the KPI
table), counted the same way. Deterministic: no generated-at time, no ordering by dict.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ipdiff.model import Diff
from ipdiff.render.labels import CAVEATS, NO_SECTION, SECTION_JOIN
from ipdiff.render.views import DiffView, EditionView, KpiRow, StrengthRow

# How many items a sentence names before 「ほか N 件」.
NAMED = 3
# Figures whose percent change tells the size of a move (a rank or a rate is told by its delta).
SIZED_KINDS = frozenset({"amount", "count"})


def _count(view: DiffView, type_: str) -> int:
    return next(c.count for c in view.measure_counts if c.type == type_)


def _edition(e: EditionView) -> str:
    return f"{e.label}年版" if e.label.isdigit() else f"{e.role}「{e.label}」"


def _theme(section: str) -> str:
    """The last heading of a report section: the theme a reader knows it by."""
    return section.split(SECTION_JOIN)[-1] if section else NO_SECTION


def _named(items: Sequence[str], total: int) -> str:
    text = "、".join(items[:NAMED])
    return text + (f"ほか{total - NAMED}件" if total > NAMED else "")


def _strength(rows: Sequence[StrengthRow]) -> str:
    """Themes and predicate changes, each once with its count, in document order."""
    seen: dict[tuple[str, str, str], int] = {}
    for r in rows:
        key = (_theme(r.section), r.old_label, r.new_label)
        seen[key] = seen.get(key, 0) + 1
    items = [
        f"「{theme}」（{old} → {new}{f'、{n}件' if n > 1 else ''}）" for (theme, old, new), n in seen.items()
    ]
    return _named(items, len(items))


def metric_name(r: KpiRow) -> str:
    """A figure's name for a sentence: a table cell `食 / 食品の輸出｜円ベース` reads as its row."""
    name = r.metric_name or r.metric
    return name.split("｜")[0].split(" / ")[-1] if "｜" in name else name


def _counts_sentence(view: DiffView) -> str:
    added, removed, modified = (_count(view, t) for t in ("added", "removed", "modified"))
    reshaped = _count(view, "split") + _count(view, "merged")
    changed = f"修正{modified}件" + (f"、分割・統合{reshaped}件" if reshaped else "")
    return (
        f"{_edition(view.new)}を{_edition(view.old)}と比べると、施策は新設{added}件、"
        f"削除{removed}件、{changed}で、変更のない施策は{_count(view, 'unchanged')}件。"
    )


def _strength_sentence(view: DiffView) -> str | None:
    # A change whose deciding commitments match weakly (要確認) is no headline: it is
    # counted apart, so a journalist never quotes it as a settled 後退 or 強化.
    down = [r for r in view.weakened if not r.uncertain]
    up = [r for r in view.strengthened if not r.uncertain]
    unsure = [r for r in (*view.weakened, *view.strengthened) if r.uncertain]
    if not down and not up and not unsure:
        return None
    parts = []
    if down:
        parts.append(f"後退したのは{len(down)}件で、{_strength(down)}")
    if up:
        parts.append(f"強化されたのは{len(up)}件で、{_strength(up)}")
    if unsure:
        parts.append(f"新旧の約束の対応が確かでない要確認の変化が{len(unsure)}件")
    return "コミットメント（述語の強さ）が" + "。".join(parts) + "。" if down or up else "コミットメント（述語の強さ）は、" + parts[0] + "。"


def largest_moves(rows: Sequence[KpiRow], n: int = NAMED) -> list[KpiRow]:
    """Named figures present in both editions, not targets, by the size of their percent change."""
    sized = [
        r
        for r in rows
        if r.metric_name and r.kind in SIZED_KINDS and r.pct_change is not None and r.pct_change != 0
        and r.old_target_year is None and r.new_target_year is None
    ]
    # Largest first; document order (the rows' order) breaks ties.
    return sorted(sized, key=lambda r: -abs(r.pct_change or Decimal(0)))[:n]


def _move(r: KpiRow) -> str:
    bits = "、".join(b for b in (r.delta_text, r.pct_text) if b)
    return f"{metric_name(r)}が{r.old_shown}から{r.new_shown}に（{bits}）"


def _figures_sentence(view: DiffView) -> str | None:
    moves = largest_moves(view.kpi_rows)
    targets = [h for h in view.highlights if h.tier == 3]
    parts = []
    if moves:
        parts.append(f"数値の変化{len(view.kpi_rows)}件（現れた・消えた数値を含む）のうち、両版で比べられて変化が大きいものは、" + "、".join(_move(r) for r in moves))
    if targets:
        named = _named([f"{h.detail}（{_theme(h.theme)}）" for h in targets], len(targets))
        parts.append(f"目標の変更・削除は{len(targets)}件で、{named}")
    return "。".join(parts) + "。" if parts else None


def caveat(view: DiffView) -> str | None:
    """The sample/draft caveat in one clause; None when no edition is a sample or a draft."""
    said = [(e, CAVEATS[e.status]) for e in (view.old, view.new) if e.status in CAVEATS]
    if not said:
        return None
    parts = [f"{e.role}（{e.label}）は{noun}で{what}では" for e, (noun, what) in said]
    return "なお、" + "なく、".join(parts) + "ない。"


def summary_sentences(view: DiffView) -> tuple[str, ...]:
    """The summary, one sentence (or two joined) per item, in the order above."""
    out = [_counts_sentence(view), _strength_sentence(view), _figures_sentence(view), caveat(view)]
    return tuple(s for s in out if s)


def render_summary(diff: Diff, view: DiffView | None = None) -> str:
    from ipdiff.render.build import diff_view

    return "".join(summary_sentences(view or diff_view(diff))) + "\n"
