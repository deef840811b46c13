"""Records at scale for timing the aligner (`python -m bench.run`): no GiNZA needed."""

from __future__ import annotations

import random
import re

from bench.synth import MUTABLE, NEW_MEASURES, SYNONYMS
from ipdiff.model import Record
from ipdiff.parse.segment import segment


def synthetic_records(n: int, seed: int = 0, corpus: str | None = None) -> tuple[list[Record], list[Record]]:
    """Two record lists of n records each, for timing the aligner at scale.

    Each record joins two clauses of real plan bullets (the shipped editions by default),
    so the vocabulary is a plan's; the second list is a shuffled copy with 10% reworded
    and 5% replaced. No GiNZA needed.
    """
    from pathlib import Path

    if corpus is None:
        root = Path(__file__).resolve().parents[1] / "editions"
        corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt")))
    clauses = sorted(
        {c.strip("*") for b in segment(corpus) if b.kind in MUTABLE for c in re.split(r"[、。]", b.text) if len(c) >= 8}
    )
    rng = random.Random(seed)
    old = []
    for i in range(n):
        text = f"{rng.choice(clauses)}、{rng.choice(clauses)}。"
        sec = ("テーマ", f"テーマ{i % 40}", rng.choice(["現状と課題", "今後の予定（方向性）"]))
        old.append(Record(id=f"o{i}", section=sec, kind="plan", text=text, line=i + 1, end_line=i + 1))
    new = []
    for i, m in enumerate(rng.sample(old, len(old))):
        text = m.text
        r = rng.random()
        if r < 0.1:
            a, b = rng.choice(SYNONYMS)
            text = text.replace(a, b) if a in text else "引き続き、" + text
        elif r < 0.15:
            text = f"{rng.choice(clauses)}、{rng.choice(NEW_MEASURES)}"
        new.append(Record(id=f"n{i}", section=m.section, kind="plan", text=text, line=i + 1, end_line=i + 1))
    return old, new
