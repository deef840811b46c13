"""Held-out figure pairs (bench/figures_heldout.json): read and paired as a diff would.

`python -m bench.figures_heldout` prints one line per pair (ok / MISS with what was listed)
and the total. The pairs were written before the rules were tuned on them and are not
calibration material: a miss is reported, not fixed by a rule for that sentence.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ipdiff.compare.figures import figure_changes
from ipdiff.model import Record
from ipdiff.parse.kpi import extract_kpis

HERE = Path(__file__).resolve().parent


def _record(text: str, rid: str) -> Record:
    return Record(rid, ("s",), "point", text, 1, 1, kpis=extract_kpis(text))


def score(pairs: list[dict[str, object]]) -> tuple[int, list[str]]:
    hits, lines = 0, []
    for n, p in enumerate(pairs, 1):
        changes = figure_changes([_record(str(p["old"]), "a")], [_record(str(p["new"]), "b")])
        got = [
            (k.old.text, k.new.text, k.old.value, k.new.value, k.new.kind)
            for k in changes
            if k.old is not None and k.new is not None
        ]
        want = [tuple(w) for w in p["want"]]  # type: ignore[attr-defined]
        ok = not changes if not want else all(
            any(g[0] == w[0] and g[1] == w[1] and abs(g[2] - w[2]) < 1e-9 and abs(g[3] - w[3]) < 1e-9 and g[4] == w[4] for g in got)
            for w in want
        )
        hits += ok
        lines.append(f"{'ok  ' if ok else 'MISS'} {n:2d} {p['old']} → {p['new']}" + ("" if ok else f"  listed: {got}"))
    return hits, lines


def main() -> int:
    pairs = json.loads((HERE / "figures_heldout.json").read_text(encoding="utf-8"))["pairs"]
    hits, lines = score(pairs)
    print("\n".join(lines))
    print(f"held-out figure pairs: {hits}/{len(pairs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
