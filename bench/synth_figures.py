"""The figures part of the evaluation harness: change several figures of one bullet at
once, in the plan's own shapes, and score a diff on telling each change exactly.

One-at-a-time number edits scored 1.000 while real revisions scored far lower: real
revisions restate several figures of a sentence at once, switch to mixed 万/億/兆
notation and move target years. This generator does all of that in one bullet.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ipdiff.compare.figures import differs
from ipdiff.model import Diff, KpiValue
from ipdiff.parse.kpi import extract_kpis
from ipdiff.parse.segment import segment

_MIXED_UNITS = ("円", "人", "件", "社")
_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
_TARGET_YEAR = re.compile(r"(20[0-9]{2})(年度?まで)")


@dataclass(frozen=True, slots=True)
class TruthFigure:
    """A figure the generator changed: where, and its surface before and after."""

    old_line: int
    old: str
    new: str


def _mixed(value: int) -> str:
    """123456 → 12万3,456; 1200000000000 → 1兆2,000億 (the plan's own notation)."""
    parts = []
    for size, name in ((10**12, "兆"), (10**8, "億"), (10**4, "万")):
        if value >= size:
            parts.append(f"{value // size:,}{name}")
            value %= size
    return "".join(parts) + (f"{value:,}" if value else "")


def _changed_figure(rng: random.Random, k: KpiValue) -> str | None:
    """A new surface for figure `k`: another value, in mixed notation where the plan
    would write one; None for a figure this generator does not rewrite."""
    number = _NUMBER.search(k.text)
    if number is None or k.high is not None or len(re.findall(r"[0-9][0-9,.]*", k.text)) != 1:
        return None  # ranges, fractions and mixed notation stay as they are
    factor = rng.choice((0.5, 0.8, 1.25, 1.5, 2))
    unit_tail = k.text[number.end() :]
    if k.kind in ("amount", "count") and k.unit in _MIXED_UNITS and min(k.value, k.value * factor) >= 10**4:
        base = int(round(k.value * factor, -3 if k.value >= 10**7 else 0))
        return k.text[: number.start()] + _mixed(base) + unit_tail.lstrip("兆億万")
    digits = number.group().replace(",", "")
    places = len(digits.split(".")[1]) if "." in digits else 0
    new = round(float(digits) * factor, places)
    new_text = f"{new:,.{places}f}" if "," in number.group() else f"{new:.{places}f}"
    return None if new_text == number.group() else k.text[: number.start()] + new_text + unit_tail


def change_figures(rng: random.Random, text: str) -> str:
    """Most figures of `text` changed at once, and maybe a target year moved by two."""
    pieces, at = [], 0
    for fig in extract_kpis(text):
        new_surface = _changed_figure(rng, fig) if rng.random() < 0.8 else None
        if new_surface is None or fig.start < at or text[fig.start : fig.end].replace("**", "") != fig.text:
            continue
        pieces += [text[at : fig.start], new_surface]
        at = fig.end
    out = "".join(pieces) + text[at:]
    year = _TARGET_YEAR.search(out)
    if year and rng.random() < 0.5:
        out = out.replace(year.group(), f"{int(year.group(1)) + 2}{year.group(2)}", 1)
    return out


def truth_figures(text: str, rewritten: Mapping[int, str]) -> list[TruthFigure]:
    """What changed in each rewritten bullet (old first line → new line)."""
    out = []
    for b in segment(text):
        if b.line in rewritten:
            before, after = extract_kpis(b.text), extract_kpis(rewritten[b.line])
            # Every figure stays in place, so the n-th before is the n-th after.
            out += [TruthFigure(b.line, x.text, y.text) for x, y in zip(before, after, strict=False) if differs(x, y)]
    return out


def score_figures(
    figures: Sequence[TruthFigure], changed: set[int], touched: set[int], diff: Diff
) -> tuple[int, int, int]:
    """(tp, fp, fn) of figure changes told exactly: old → new surface in the right record.

    `changed` are the old lines whose figures the generator rewrote, `touched` every old
    line it changed at all; a KPI pair claimed in an untouched record is a false one.
    """
    want = {(f.old_line, f.old, f.new) for f in figures}
    got = set()
    false = 0
    for c in diff.changes:
        if not (c.old and c.new):
            continue  # an added or dropped measure's figures are told as such
        lines = [m.line for m in c.old]
        for k in c.kpis:
            if k.old is None or k.new is None:
                continue
            if any(line in changed for line in lines):
                got |= {(line, k.old.text, k.new.text) for line in lines}
            elif c.type == "unchanged" or not any(line in touched for line in lines):
                false += 1
    tp = len(want & got)
    return tp, false, len(want) - tp
