"""`ipdiff check --fail-on …`: semantic conditions a newsroom or ministry gates on.

The conditions, written without shell metacharacters (`>` would be a redirect):

- `strength-down`: a measure's commitment got weaker (実施 → 検討, …).
- `kpi-lowered`: a KPI moved the wrong way: a figure fell where higher is better (or rose
  where lower is better: ranks, periods, counts of damage; counts of enforcement such as
  検挙 are not judged), a target was lowered, a target
  was dropped (its figure or its whole measure, and the new edition sets it nowhere else),
  or a target year was pushed back. Dates, years, ordinals and labels are not judged, nor
  a floor or ceiling against a point value (the judgements are judge.py's).
- `dropped:N`: more than N measures (not headings, captions or 構成 entries) were removed.
  `dropped>N` is accepted too, when quoted.

By default only the newest pair of editions is judged: the history before it cannot be
changed any more, so a repository that once dropped many measures does not fail forever.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ipdiff.compare.judge import (
    Target,
    change_group,
    dropped_targets,
    figure_lowered,
    kept_targets,
    lower_is_better,
    record_of,
    target_dropped,
    target_lowered,
    target_year_pushed_back,
)
from ipdiff.errors import UsageError
from ipdiff.families import family_named
from ipdiff.model import Change, Diff, KpiValue
from ipdiff.parse.strength import SCALE_LABELS

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


def _context(change: Change, v: KpiValue) -> str:
    """The words before the figure in its record: what the figure counts."""
    m = record_of(change, v)
    if m is None:
        return ""
    at = m.text.find(v.text)
    return m.text[max(0, at - _CONTEXT_CHARS) : max(0, at)]


def kpi_regressions(change: Change, kept: Mapping[Target, Sequence[str]] | Collection[Target] = frozenset()) -> list[str]:
    """What moved the wrong way in one change, one phrase each.

    Dates, years, ordinals and labels are never judged; a floor or ceiling against a
    point value is not comparable, so not judged either (judge.py). `kept` (from
    `kept_targets`) holds the targets the new edition still sets elsewhere.
    """
    out = []
    for k in change.kpis:
        if change_group(k) != "quantity":
            continue
        name = k.metric or (k.new.metric if k.new else None) or (k.old.metric if k.old else None) or "?"
        old, new = k.old, k.new
        if old is not None and new is None:
            if target_dropped(k, kept):
                with_measure = " with its measure" if change.type == "removed" else ""
                out.append(f"KPI target dropped{with_measure}: {name} {old.text}")
            continue
        if old is None or new is None:
            continue
        context = _context(change, new)
        if target_lowered(k, context):
            out.append(f"KPI target lowered: {name} {old.text} → {new.text}")
        elif figure_lowered(k, context):
            way = "rose (lower is better)" if lower_is_better(new, context) else "fell (higher is better)"
            out.append(f"KPI figure {way}: {name} {old.text} → {new.text}")
        if target_year_pushed_back(k):
            out.append(f"KPI target year pushed back: {name} {old.target_year} → {new.target_year}")
    for v in dropped_targets(change, kept):
        out.append(f"KPI target dropped with its measure: {v.metric or '?'} {v.text}")
    return out


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
                measures = family_named(d.new.family).measure_kinds
                dropped = sum(1 for c in d.changes if c.type == "removed" and any(m.kind in measures for m in c.old))
                if dropped > gate.limit:
                    problems.append(
                        f"{pair}: 削除された施策 {dropped}件 (measures dropped; limit {gate.limit})"
                    )
    return problems
