"""Synthetic chains of editions with ground-truth lineage, and the lineage scorer.

`make_chain(text, n, seed)` writes n editions in the raw shape of `text`, each a revision
of the one before: bullets reworded, moved to another theme, split, added, removed for
good, and some dropped for two or three editions and then restored (the case a timeline
must call `returned`); a few figures move every edition (value and reference year), so
KPI series have something to show. Every bullet carries the lineage it truly belongs to.

    python -m bench.synth editions/2026.txt --chain 8 --seeds 3

prints lineage precision and recall (pairs of occurrences in one lineage) and how many
restored measures came back as `returned`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.synth import NEW_MEASURES, SYNONYMS, _split_text, _units
from ipdiff.lineage.timeline import Timeline

# A figure the chain moves every edition: a number with a unit, and an optional （YYYY年）.
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(兆円|億円|万人|%|件|社|人)")
_YEAR = re.compile(r"（(20\d\d)年）")
# Topics that make each added measure distinct from every other one.
_TOPICS = ("宇宙", "農業", "医療", "観光", "海洋", "教育", "防災", "金融", "物流", "環境", "食品", "建設")


@dataclass
class _Bullet:
    marker: str  # "- " or "- ◆ "
    body: str
    lineage: str
    absent_until: int | None = None  # dropped: back in this edition
    gone: bool = False  # removed for good

    def line(self) -> str:
        return self.marker + self.body


@dataclass
class _Slot:
    """A line of structure (heading, caption, table…), or a bullet."""

    lines: list[str]
    bullet: _Bullet | None = None
    zone: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChainEdition:
    text: str
    truth: dict[int, str]  # source line → true lineage, for every bullet present


@dataclass(frozen=True, slots=True)
class Chain:
    editions: tuple[ChainEdition, ...]
    # (edition index, lineage) of every restored measure: it must come back `returned`.
    restored: tuple[tuple[int, str], ...]


@dataclass
class _State:
    slots: list[_Slot]
    rng: random.Random
    restored: list[tuple[int, str]] = field(default_factory=list)
    added: int = 0

    def live(self, k: int) -> list[int]:
        return [
            i for i, s in enumerate(self.slots)
            if s.bullet and not s.bullet.gone and (s.bullet.absent_until or 0) <= k
        ]

    def pick(self, k: int, taken: set[int], pred=lambda b: True) -> int | None:  # type: ignore[no-untyped-def]
        """A live bullet no other revision of this edition touched (`taken`: their ids)."""
        pool = [i for i in self.live(k) if id(self.slots[i].bullet) not in taken and pred(self.slots[i].bullet)]
        if not pool:
            return None
        i = self.rng.choice(pool)
        taken.add(id(self.slots[i].bullet))
        return i


def _grown(m: re.Match[str], factor: float) -> str:
    number = float(m.group(1)) * factor
    # Whole numbers stay whole (27社 → 29社), decimals keep one place (16.7兆円 → 17.5兆円).
    text = f"{number:.1f}" if "." in m.group(1) else str(max(round(number), int(m.group(1)) + 1))
    return text + m.group(2)


def _revise(state: _State, k: int, figures: Sequence[str]) -> None:
    """Edition k from edition k-1: the slots change in place."""
    rng, slots = state.rng, state.slots
    # Restored and moving figures are left alone otherwise in this edition.
    taken: set[int] = set()
    for s in slots:
        b = s.bullet
        if b and b.absent_until == k:
            b.absent_until = None
            state.restored.append((k, b.lineage))
            taken.add(id(b))
        elif b and b.lineage in figures and not b.absent_until:
            # The figure moves by a few per cent and its reference year by one.
            b.body = _FIGURE.sub(lambda m: _grown(m, rng.uniform(1.02, 1.12)), b.body, count=1)
            b.body = _YEAR.sub(lambda m: f"（{int(m.group(1)) + 1}年）", b.body, count=1)
            taken.add(id(b))
    for _ in range(3):
        i = state.pick(k, taken, lambda b: any(a in b.body for a, _ in SYNONYMS))
        if i is not None:
            b = slots[i].bullet
            assert b is not None
            a, c = rng.choice([p for p in SYNONYMS if p[0] in b.body])
            b.body = b.body.replace(a, c, 1)
    for _ in range(2):
        i = state.pick(k, taken)
        if i is not None:
            slots[i].bullet.absent_until = k + rng.choice((2, 3))  # type: ignore[union-attr]
    i = state.pick(k, taken)
    if i is not None:
        slots[i].bullet.gone = True  # type: ignore[union-attr]
    i = state.pick(k, taken, lambda b: _split_text(b.body) is not None)
    if i is not None:
        b = slots[i].bullet
        assert b is not None
        first, second = _split_text(b.body)  # type: ignore[misc]
        b.body = first
        slots.insert(i + 1, _Slot([], _Bullet(b.marker, second, b.lineage), slots[i].zone))
    i = state.pick(k, taken, lambda b: True)
    if i is not None:
        others = [j for j in state.live(k) if slots[j].zone[:2] != slots[i].zone[:2]]
        if others:
            target = rng.choice(others)
            moved = slots.pop(i)
            target -= target > i
            slots.insert(target + 1, _Slot([], moved.bullet, slots[target].zone))
    i = state.pick(k, taken)
    if i is not None:
        topic = _TOPICS[state.added % len(_TOPICS)]
        text = f"{topic}分野において、" + NEW_MEASURES[state.added % len(NEW_MEASURES)]
        state.added += 1
        slots.insert(i + 1, _Slot([], _Bullet("- ", text, f"new-{k}-{state.added}"), slots[i].zone))


def _layout(slots: Sequence[_Slot], k: int) -> ChainEdition:
    lines: list[str] = []
    truth: dict[int, str] = {}
    for s in slots:
        if s.bullet is None:
            lines.extend(s.lines)
        elif not s.bullet.gone and (s.bullet.absent_until or 0) <= k:
            lines.append(s.bullet.line())
            truth[len(lines)] = s.bullet.lineage
    return ChainEdition("\n".join(lines), truth)


def make_chain(text: str, n: int, seed: int) -> Chain:
    """n editions: `text` itself, then n-1 revisions, each of the one before."""
    slots: list[_Slot] = []
    for u in _units(text):
        if u.zone_key and u.origin is not None:
            line = u.lines[0]
            marker = "- ◆ " if line.startswith("- ◆") else "- "
            body = line[2:].removeprefix("◆ ").removeprefix("◆")
            slots.append(_Slot([], _Bullet(marker, body, f"L{u.origin}"), u.zone_key))
        else:
            slots.append(_Slot(u.lines))
    state = _State(slots, random.Random(seed))
    with_figures = [s.bullet.lineage for s in slots if s.bullet and _FIGURE.search(s.bullet.body)]
    figures = state.rng.sample(with_figures, min(4, len(with_figures)))
    editions = [_layout(slots, 0)]
    for k in range(1, n):
        _revise(state, k, figures)
        editions.append(_layout(slots, k))
    return Chain(tuple(editions), tuple(state.restored))


@dataclass(frozen=True, slots=True)
class LineageScore:
    true_pairs: int
    found_pairs: int
    correct_pairs: int
    restored: int
    returned: int  # restored measures the timeline marked returned, in the right lineage

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    def __add__(self, other: LineageScore) -> LineageScore:
        return LineageScore(*(a + b for a, b in zip(self._tuple(), other._tuple(), strict=True)))

    def _tuple(self) -> tuple[int, ...]:
        return (self.true_pairs, self.found_pairs, self.correct_pairs, self.restored, self.returned)


def _pairs(counts: dict[object, int]) -> int:
    return sum(c * (c - 1) // 2 for c in counts.values())


def score_lineages(chain: Chain, timeline: Timeline) -> LineageScore:
    """Pairs of bullet occurrences put in one lineage: by the truth, by the timeline, by both."""
    found: dict[tuple[int, int], str] = {}
    change: dict[tuple[int, int], str] = {}
    for lineage in timeline.lineages:
        for e in lineage.entries:
            for m in e.records:
                found[(e.index, m.line)] = lineage.id
                change[(e.index, m.line)] = e.change
    truth_n: dict[object, int] = {}
    found_n: dict[object, int] = {}
    both_n: dict[object, int] = {}
    for k, ed in enumerate(chain.editions):
        for line, true in ed.truth.items():
            got = found.get((k, line), f"?{k}:{line}")
            truth_n[true] = truth_n.get(true, 0) + 1
            found_n[got] = found_n.get(got, 0) + 1
            both_n[(true, got)] = both_n.get((true, got), 0) + 1
    returned = 0
    for k, true in chain.restored:
        lines = [line for line, t in chain.editions[k].truth.items() if t == true]
        last_k = max(j for j in range(k) if true in chain.editions[j].truth.values())
        before = [line for line, t in chain.editions[last_k].truth.items() if t == true]
        if lines and before and all(
            change.get((k, line)) == "returned" and found.get((k, line)) == found.get((last_k, before[0]))
            for line in lines
        ):
            returned += 1
    return LineageScore(_pairs(truth_n), _pairs(found_n), _pairs(both_n), len(chain.restored), returned)


def evaluate_chains(text: str, n: int, seeds: Sequence[int]) -> LineageScore:
    """Lineage scores summed over one chain per seed (parses go through the parse cache)."""
    import hashlib

    from ipdiff.api import Context, compare, parse
    from ipdiff.io.cache import ParseCache, default_dir
    from ipdiff.lineage.timeline import build_timeline
    from ipdiff.model import SourceText

    ctx = Context(cache=ParseCache(default_dir()))
    total = LineageScore(0, 0, 0, 0, 0)
    for seed in seeds:
        chain = make_chain(text, n, seed)
        editions = []
        for k, ed in enumerate(chain.editions):
            label = f"v{k + 1:02d}"
            sha = hashlib.sha256(ed.text.encode("utf-8")).hexdigest()
            editions.append(parse(SourceText(label, label, ed.text, sha), ctx))
        diffs = [compare(a, b) for a, b in zip(editions, editions[1:], strict=False)]
        total = total + score_lineages(chain, build_timeline(editions, diffs))
    return total


def chain_report(text: str, n: int, seeds: Sequence[int]) -> str:
    """The line `python -m bench.synth --chain N` prints."""
    s = evaluate_chains(text, n, seeds)
    return (
        f"lineage over {len(seeds)} chains of {n} editions: precision {s.precision:.3f}, recall {s.recall:.3f} "
        f"({s.correct_pairs} of {s.true_pairs} true pairs, {s.found_pairs} found); "
        f"restored measures marked returned: {s.returned} of {s.restored}"
    )
