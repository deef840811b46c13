"""`ipdiff check --fail-on …`: semantic conditions a newsroom or ministry gates on.

The conditions, written without shell metacharacters (`>` would be a redirect):

- `strength-down`: a measure's commitment got weaker (実施 → 検討, …).
- `kpi-lowered`: a KPI moved the wrong way: a figure fell where higher is better (or rose
  where lower is better: ranks, periods, counts of damage; counts of enforcement such as
  検挙 are not judged), a target was lowered, a target
  was dropped (its figure or its whole measure, and the new edition sets it nowhere else),
  or a target year was pushed back.
- `dropped:N`: more than N measures (not headings, captions or 構成 entries) were removed.
  `dropped>N` is accepted too, when quoted.

By default only the newest pair of editions is judged: the history before it cannot be
changed any more, so a repository that once dropped many measures does not fail forever.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ipdiff.errors import UsageError
from ipdiff.model import MEASURE_KINDS, Change, Diff, Edition, KpiChange, KpiValue
from ipdiff.parse.strength import SCALE_LABELS

# Units where a smaller number is better: a rank, a period.
LOWER_IS_BETTER_UNITS = frozenset({"位", "年", "か月", "ヶ月", "月", "日", "時間"})
# Figure kinds (kpi.py) where a smaller number is better.
LOWER_IS_BETTER_KINDS = frozenset({"rank", "period"})
# Words that make a count or amount a harm: fewer is better (被害額, 侵害事犯の件数, 待ち期間).
HARM_WORDS = ("被害", "損失", "損害", "侵害", "流出", "漏洩", "海賊版", "模倣品", "期間", "待ち")
# Counts of enforcement (検挙事件数): more may mean more crime or better policing, so
# their direction is not judged (a target of them still is).
ENFORCEMENT_WORDS = ("検挙", "摘発")
# How far before a figure its wording is read for harm words.
_CONTEXT_CHARS = 24

CONDITIONS = ("kpi-lowered", "strength-down", "dropped:N")
_GATE = re.compile(r"^(kpi-lowered|strength-down|dropped)(?:(?::|>)(\d*))?$")


@dataclass(frozen=True, slots=True)
class Gate:
    name: str
    limit: int = 0


def parse_gates(spec: Iterable[str]) -> tuple[Gate, ...]:
    """`kpi-lowered,dropped:5` → gates; anything else is a one-line usage error."""
    gates = []
    for raw in spec:
        for item in filter(None, (s.strip() for s in raw.split(","))):
            m = _GATE.match(item)
            if not m or (m.group(2) is not None and m.group(1) != "dropped"):
                raise UsageError(
                    "--fail-on", f"unknown condition {item!r} (use {', '.join(CONDITIONS)})"
                )
            if m.group(1) == "dropped" and not m.group(2):
                # An unquoted `dropped>5` reaches us as `dropped`: the shell took `>5`.
                raise UsageError(
                    "--fail-on",
                    "'dropped' needs a count: write dropped:5 (an unquoted dropped>5 is a shell"
                    " redirect that writes a file named 5)",
                )
            count = m.group(2) or "0"
            if len(count) > 9:
                # int() of thousands of digits is refused by Python itself; no count is that big.
                raise UsageError("--fail-on", f"the count in {item[:20]!r}… is too large (at most 9 digits)")
            gates.append(Gate(m.group(1), int(count)))
    return tuple(gates)


def lower_is_better(v: KpiValue, context: str = "") -> bool:
    """A rank, a period, or a count/amount of harm (the words just before the figure)."""
    if v.unit in LOWER_IS_BETTER_UNITS or v.kind in LOWER_IS_BETTER_KINDS:
        return True
    return any(w in (v.metric or "") or w in context for w in HARM_WORDS)


def _context(change: Change, v: KpiValue) -> str:
    """The words before the figure in its record: what the figure counts."""
    for m in change.old + change.new:
        if v in m.kpis:
            at = m.text.find(v.text)
            return m.text[max(0, at - _CONTEXT_CHARS) : max(0, at)]
    return ""


def target_lowered(k: KpiChange, context: str = "") -> bool:
    """A target whose new value asks for less than the old one (`context`: the words before it)."""
    if k.old is None or k.new is None or not (k.old.target or k.new.target):
        return False
    return _worse(k.old, k.new, lower_is_better(k.new, context))


def _worse(old: KpiValue, new: KpiValue, lower_better: bool) -> bool:
    if old.unit != new.unit:
        return False
    return new.value > old.value if lower_better else new.value < old.value


Target = tuple[float, str]


def kept_targets(new: Edition) -> frozenset[Target]:
    """Every target (value, unit) the new edition still sets, wherever it sets it."""
    return frozenset((v.value, v.unit) for m in new.records for v in m.kpis if v.target)


def target_gone(v: KpiValue, kept: Collection[Target]) -> bool:
    """A target no longer set anywhere: one restated in another measure is not dropped."""
    return v.target and (v.value, v.unit) not in kept


def kpi_regressions(change: Change, kept: Collection[Target] = frozenset()) -> list[str]:
    """What moved the wrong way in one change, one phrase each.

    `kept` (from `kept_targets`) holds the targets the new edition still sets elsewhere.
    """
    out = []
    for k in change.kpis:
        name = k.metric or (k.new.metric if k.new else None) or (k.old.metric if k.old else None) or "?"
        old, new = k.old, k.new
        if old is not None and new is None:
            if target_gone(old, kept):
                with_measure = " with its measure" if change.type == "removed" else ""
                out.append(f"KPI target dropped{with_measure}: {name} {old.text}")
            continue
        if old is None or new is None:
            continue
        context = _context(change, new)
        if target_lowered(k, context):
            out.append(f"KPI target lowered: {name} {old.text} → {new.text}")
        elif not (old.target or new.target):
            better_low = lower_is_better(new, context)
            enforcement = any(w in (new.metric or "") + context for w in ENFORCEMENT_WORDS)
            if not enforcement and _worse(old, new, better_low):
                way = "rose (lower is better)" if better_low else "fell (higher is better)"
                out.append(f"KPI figure {way}: {name} {old.text} → {new.text}")
        old_year, new_year = old.target_year, new.target_year
        if old_year is not None and new_year is not None and new_year > old_year:
            out.append(f"KPI target year pushed back: {name} {old_year} → {new_year}")
    for v in dropped_targets(change, kept):
        out.append(f"KPI target dropped with its measure: {v.metric or '?'} {v.text}")
    return out


def dropped_targets(change: Change, kept: Collection[Target] = frozenset()) -> list[KpiValue]:
    """Targets of a removed measure, set nowhere else, that no KPI change of it tells."""
    if change.type != "removed":
        return []
    told = [k.old for k in change.kpis]
    return [v for m in change.old for v in m.kpis if target_gone(v, kept) and v not in told]


def _where(change: Change) -> str:
    side = change.new or change.old
    return f"line {side[0].line}" if side else "line ?"


def judged_pairs(diffs: Sequence[Diff], all_pairs: bool) -> Sequence[Diff]:
    """The newest pair only, unless every pair is asked for."""
    return diffs if all_pairs else diffs[-1:]


def evaluate_gates(diffs: Sequence[Diff], spec: Iterable[str], *, all_pairs: bool = False) -> list[str]:
    """One readable line per tripped condition."""
    gates = parse_gates(spec)
    problems = []
    for d in judged_pairs(diffs, all_pairs):
        pair = f"{d.old.label} → {d.new.label}"
        for gate in gates:
            if gate.name == "kpi-lowered":
                kept = kept_targets(d.new)
                for c in d.changes:
                    side = "old" if c.type == "removed" else "new"
                    for what in kpi_regressions(c, kept):
                        problems.append(f"{pair}: {what} ({side} {_where(c)})")
            elif gate.name == "strength-down":
                for c in d.changes:
                    if c.strength and c.strength.direction == "down":
                        old, new = c.strength.old, c.strength.new
                        problems.append(
                            f"{pair}: コミットメントの後退: {SCALE_LABELS.get(old, old)} → "
                            f"{SCALE_LABELS.get(new, new)} ({old} → {new}, new {_where(c)})"
                        )
            elif gate.name == "dropped":
                # Counted as the report counts 削除 of 施策: removed groups holding a measure.
                dropped = sum(
                    1 for c in d.changes if c.type == "removed" and any(m.kind in MEASURE_KINDS for m in c.old)
                )
                if dropped > gate.limit:
                    problems.append(
                        f"{pair}: 削除された施策 {dropped}件 (measures dropped; limit {gate.limit})"
                    )
    return problems
