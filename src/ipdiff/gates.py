"""`ipdiff check --fail-on …`: semantic conditions a newsroom or ministry gates on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ipdiff.errors import InputError
from ipdiff.model import MEASURE_KINDS, Diff, KpiChange

# Units where a smaller number is the more ambitious target (a rank).
LOWER_IS_BETTER = frozenset({"位"})


@dataclass(frozen=True, slots=True)
class Gate:
    name: str
    limit: int = 0


_GATE = re.compile(r"^(kpi-lowered|strength-down|dropped)(?:>(\d+))?$")


def parse_gates(spec: Iterable[str]) -> tuple[Gate, ...]:
    gates = []
    for raw in spec:
        for item in filter(None, (s.strip() for s in raw.split(","))):
            m = _GATE.match(item)
            if not m or (m.group(2) is not None and m.group(1) != "dropped"):
                raise InputError(
                    "--fail-on", f"unknown condition {item!r} (use kpi-lowered, strength-down, dropped>N)"
                )
            count = m.group(2) or "0"
            if len(count) > 9:
                # int() of thousands of digits is refused by Python itself; no count is that big.
                raise InputError("--fail-on", f"the count in {item[:20]!r}… is too large (at most 9 digits)")
            gates.append(Gate(m.group(1), int(count)))
    return tuple(gates)


def target_lowered(k: KpiChange) -> bool:
    """A target whose new value asks for less than the old one."""
    if k.old is None or k.new is None or not (k.old.target or k.new.target):
        return False
    if k.old.unit != k.new.unit:
        return False
    if k.old.unit in LOWER_IS_BETTER:
        return k.new.value > k.old.value
    return k.new.value < k.old.value


def evaluate_gates(diffs: Iterable[Diff], spec: Iterable[str]) -> list[str]:
    """One readable line per tripped condition."""
    gates = parse_gates(spec)
    problems = []
    for d in diffs:
        pair = f"{d.old.label} → {d.new.label}"
        for gate in gates:
            if gate.name == "kpi-lowered":
                for c in d.changes:
                    for k in c.kpis:
                        if target_lowered(k):
                            assert k.old is not None and k.new is not None
                            problems.append(
                                f"{pair}: KPI target lowered: {k.metric or '?'} {k.old.text} → {k.new.text}"
                                f" (line {c.new[0].line if c.new else '?'})"
                            )
            elif gate.name == "strength-down":
                for c in d.changes:
                    if c.strength and c.strength.direction == "down":
                        problems.append(
                            f"{pair}: commitment weakened: {c.strength.old} → {c.strength.new}"
                            f" (line {c.new[0].line if c.new else '?'})"
                        )
            elif gate.name == "dropped":
                dropped = sum(
                    1 for c in d.changes if c.type == "removed" for m in c.old if m.kind in MEASURE_KINDS
                )
                if dropped > gate.limit:
                    problems.append(f"{pair}: {dropped} measures dropped (limit {gate.limit})")
    return problems
