"""The evaluation harness: synthetic next editions with known ground truth, and a scorer.

`make_next_edition(text, seed)` takes the raw text of an edition and writes a plausible
next edition in the same raw shape, recording what it did: bullets reordered, moved to
another theme, reworded, numbers updated, split in two, merged, restyled (cosmetic),
added, removed. The truth is in source lines, so it can be compared with any `Diff`.

    python -m bench.synth editions/2026.txt --seeds 5

prints precision and recall per change kind over that many seeded instances.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.synth_figures import TruthFigure, change_figures, score_figures, truth_figures
from bench.synth_sections import SECTION_KINDS, mutate_sections, next_label
from ipdiff.model import Diff, Kind, Record
from ipdiff.parse.kpi import extract_kpis
from ipdiff.parse.segment import segment

# The measure kinds whose bullets the synthetic editions rewrite (one source line each).
MUTABLE: frozenset[Kind] = frozenset({"point", "status", "plan", "statement"})
BULLET_KINDS = ("reorder", "move", "reword", "numbers", "figures", "split", "merge", "cosmetic", "add", "remove")
KINDS = BULLET_KINDS + SECTION_KINDS

# Plausible but new measures, for additions.
NEW_MEASURES = (
    "知財人材の育成に向けて、企業と大学が連携した実践的な研修プログラムを拡充する。",
    "地方公共団体における知財活用の取組を支援するため、専門家派遣の仕組みを整備する。",
    "海外における日本企業の商標の冒認出願への対応策を関係機関と連携して検討する。",
    "デジタルアーカイブの利活用を促進するため、メタデータの標準化を進める。",
    "標準化人材の裾野を広げるため、若手技術者向けの国際会議派遣を支援する。",
    "オープンイノベーションを促進するため、大学発ベンチャーへの知財譲渡の条件を明確化する。",
    "模倣品の越境電子商取引への対策として、税関と権利者の情報共有を強化する。",
    "知財紛争処理の迅速化に向けて、裁判外紛争解決手続の利用を促進する。",
)
SYNONYMS = (
    ("推進する", "促進する"),
    ("図る", "進める"),
    ("強化する", "一層強化する"),
    ("支援する", "着実に支援する"),
    ("検討する", "引き続き検討する"),
    ("取り組む", "積極的に取り組む"),
    ("を推進", "を着実に推進"),
    ("の推進", "の一層の推進"),
)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class _Unit:
    """Lines of the document that move together: one bullet, or structure."""

    lines: list[str]
    origin: int | None = None  # the old block's first line, for mutable bullets
    section: tuple[str, ...] = ()
    zone_key: tuple[str, ...] = ()
    line: int | None = None  # the old line it starts on, for structure (sections move whole)


@dataclass(frozen=True, slots=True)
class TruthGroup:
    type: str  # added / removed / modified / unchanged / split / merged
    old_lines: tuple[int, ...]
    new_lines: tuple[int, ...]
    mutation: str  # what the generator did: one of KINDS, or "none"
    moved: bool = False
    cosmetic: bool = False


@dataclass
class SynthCase:
    text: str
    truth: list[TruthGroup] = field(default_factory=list)
    figures: list[TruthFigure] = field(default_factory=list)


def _units(text: str) -> list[_Unit]:
    lines = text.split("\n")
    blocks = segment(text)
    by_line = {b.line: b for b in blocks}
    units: list[_Unit] = []
    i = 0
    while i < len(lines):
        b = by_line.get(i + 1)
        if b is not None and b.kind in MUTABLE and b.line == b.end_line and lines[i].startswith("- "):
            units.append(_Unit([lines[i]], b.line, b.section, b.section, i + 1))
        elif b is not None:
            n = b.end_line - b.line + 1
            units.append(_Unit(lines[i : i + n], b.line if b.kind in MUTABLE else None, b.section, (), i + 1))
            i += n
            continue
        else:
            units.append(_Unit([lines[i]], line=i + 1))
        i += 1
    return units


def _is_point(u: _Unit) -> bool:
    return bool(u.lines) and u.lines[0].startswith("- ◆")


def _split_text(body: str) -> tuple[str, str] | None:
    sentences = [s for s in re.split(r"(?<=。)(?!\*\*)|(?<=。\*\*)", body) if s.strip("*")]
    if len(sentences) >= 2:
        return sentences[0], "".join(sentences[1:])
    m = re.search(r"(.{12,}?)(?:とともに、|するとともに、|、さらに)(.{12,})", body)
    if m:
        return m.group(1) + "する。", m.group(2)
    return None


def make_next_edition(text: str, seed: int, per_kind: int = 2, label: str = "") -> SynthCase:
    """A next edition of `text` with `per_kind` mutations of every kind (where possible).

    `label` is the edition's: when it is a year, the titles that carry it take the next
    year (an identity change, not a rename)."""
    rng = random.Random(seed)
    units = _units(text)
    bullets = [k for k, u in enumerate(units) if u.zone_key and u.origin is not None]
    used: set[int] = set()
    # old line → (mutation, new unit objects it became, moved, cosmetic)
    fate: dict[int, tuple[str, list[_Unit], bool, bool]] = {}
    added: list[_Unit] = []

    def pick(pred) -> int | None:  # type: ignore[no-untyped-def]
        pool = [k for k in bullets if k not in used and pred(k)]
        if not pool:
            return None
        k = rng.choice(pool)
        used.add(k)
        return k

    def body(u: _Unit) -> str:
        return u.lines[0][2:].removeprefix("◆ ").removeprefix("◆")

    def marker(u: _Unit) -> str:
        # A key point stays a key point: its parts and neighbours keep the ◆.
        return "- ◆ " if u.lines and u.lines[0].startswith("- ◆") else "- "

    for kind in BULLET_KINDS:
        for _ in range(per_kind):
            if kind == "reorder":
                k = pick(lambda k, used=used: k + 2 < len(units) and units[k + 2].zone_key == units[k].zone_key and k + 2 not in used)
                if k is None:
                    continue
                used.add(k + 2)
                units[k], units[k + 2] = units[k + 2], units[k]
                for u in (units[k], units[k + 2]):
                    fate[u.origin] = ("reorder", [u], False, False)  # type: ignore[index]
            elif kind == "move":
                k = pick(lambda k: units[k].section[-1:] == ("今後の予定（方向性）",))
                if k is None:
                    continue
                others = [j for j in bullets if units[j].section[:2] != units[k].section[:2] and units[j].section[-1:] == units[k].section[-1:]]
                if not others:
                    continue
                target = units[rng.choice(others)]
                u = units[k]
                units[k] = _Unit([])
                new = _Unit(u.lines, u.origin, target.section, target.zone_key)
                units.insert(units.index(target) + 1, new)
                bullets = [j for j, x in enumerate(units) if x.zone_key and x.origin is not None]
                used = {j for j, x in enumerate(units) if x.origin in fate or x is new}
                fate[u.origin] = ("move", [new], True, False)  # type: ignore[index]
            elif kind in ("reword", "numbers", "cosmetic"):
                if kind == "reword":
                    pred = lambda k: any(a in body(units[k]) for a, _ in SYNONYMS)  # noqa: E731
                elif kind == "numbers":
                    pred = lambda k: bool(re.search(r"[0-9]", body(units[k])))  # noqa: E731
                else:
                    pred = lambda k: bool(re.search(r"、|\*\*|[0-9]", body(units[k])))  # noqa: E731
                k = pick(pred)
                if k is None:
                    continue
                text_ = body(units[k])
                if kind == "reword":
                    a, b = rng.choice([s for s in SYNONYMS if s[0] in text_])
                    text_ = text_.replace(a, b, 1)
                elif kind == "numbers":
                    text_ = re.sub(r"[0-9]+", lambda m: str(int(m.group()) + rng.randint(1, 9)), text_, count=1)
                else:
                    text_ = text_.replace("、", "，").replace("**", "").translate(_FULLWIDTH)
                units[k] = _Unit([marker(units[k]) + text_], units[k].origin, units[k].section, units[k].zone_key)
                fate[units[k].origin] = (kind, [units[k]], False, kind == "cosmetic")  # type: ignore[index]
            elif kind == "figures":
                # Several figures of one bullet at once, in the plan's shapes, and a
                # target year moved: what real revisions do (one-at-a-time edits scored
                # 1.000 while real revisions scored far lower).
                k = pick(lambda k: len(extract_kpis(body(units[k]))) >= 2)
                if k is None:
                    continue
                text_ = change_figures(rng, body(units[k]))
                if text_ == body(units[k]):
                    used.discard(k)
                    continue
                units[k] = _Unit([marker(units[k]) + text_], units[k].origin, units[k].section, units[k].zone_key)
                fate[units[k].origin] = (kind, [units[k]], False, False)  # type: ignore[index]
            elif kind == "split":
                k = pick(lambda k: _split_text(body(units[k])) is not None)
                if k is None:
                    continue
                first, second = _split_text(body(units[k]))  # type: ignore[misc]
                u = units[k]
                a = _Unit([marker(u) + first], u.origin, u.section, u.zone_key)
                b = _Unit([marker(u) + second], None, u.section, u.zone_key)
                units[k : k + 1] = [a, b]
                bullets = [j for j, x in enumerate(units) if x.zone_key and x.origin is not None]
                used = {j for j, x in enumerate(units) if x.origin in fate or x is a}
                fate[u.origin] = ("split", [a, b], False, False)  # type: ignore[index]
            elif kind == "merge":
                k = pick(lambda k, used=used: k + 1 < len(units) and units[k + 1].zone_key == units[k].zone_key and (k + 1) not in used)
                if k is None:
                    continue
                u, v = units[k], units[k + 1]
                merged = _Unit([marker(u) + body(u) + body(v)], u.origin, u.section, u.zone_key)
                units[k : k + 2] = [merged]
                bullets = [j for j, x in enumerate(units) if x.zone_key and x.origin is not None]
                used = {j for j, x in enumerate(units) if x.origin in fate or x is merged}
                fate[u.origin] = ("merge", [merged], False, False)  # type: ignore[index]
                fate[v.origin] = ("merge", [merged], False, False)  # type: ignore[index]
            elif kind == "add":
                k = pick(lambda k: True)
                if k is None:
                    continue
                used.discard(k)  # the neighbour itself stays untouched
                u = units[k]
                new = _Unit([marker(u) + rng.choice(NEW_MEASURES)], None, u.section, u.zone_key)
                units.insert(k + 1, new)
                added.append(new)
                bullets = [j for j, x in enumerate(units) if x.zone_key and x.origin is not None]
                used = {j for j, x in enumerate(units) if x.origin in fate}
            elif kind == "remove":
                # Not a section's only bullet (a one-line title is a heading only while
                # bullets follow it), nor a slide's only ◆ (the ◆ run opens the slide).
                k = pick(lambda k: sum(
                    1 for u in units if u.zone_key == units[k].zone_key and _is_point(u) == _is_point(units[k])) > 1)
                if k is None:
                    continue
                fate[units[k].origin] = ("remove", [], False, False)  # type: ignore[index]
                units[k] = _Unit([])

    section_fates = mutate_sections(
        units,  # type: ignore[arg-type]
        segment(text),
        rng,
        label,
        per_kind,
        lambda u, lines: _Unit(lines, u.origin, u.section, u.zone_key, u.line),  # type: ignore[attr-defined]
    )

    # Lay out the new text and number its lines.
    out: list[str] = []
    where: dict[int, int] = {}
    for u in units:
        if u.lines:
            where[id(u)] = len(out) + 1
        out.extend(u.lines)
    truth: list[TruthGroup] = []
    merged_done: set[int] = set()
    for b in segment(text):
        if b.kind not in MUTABLE or b.line not in fate:
            continue
        mutation, news, moved, cosmetic = fate[b.line]
        new_lines = tuple(where[id(u)] for u in news)
        if mutation == "remove":
            truth.append(TruthGroup("removed", (b.line,), (), mutation))
        elif mutation == "split":
            truth.append(TruthGroup("split", (b.line,), new_lines, mutation))
        elif mutation == "merge":
            if id(news[0]) in merged_done:
                continue
            merged_done.add(id(news[0]))
            olds = tuple(sorted(line for line, f in fate.items() if f[0] == "merge" and f[1][0] is news[0]))
            truth.append(TruthGroup("merged", olds, new_lines, mutation))
        elif mutation in ("reword", "numbers", "figures"):
            truth.append(TruthGroup("modified", (b.line,), new_lines, mutation))
        else:
            truth.append(TruthGroup("unchanged", (b.line,), new_lines, mutation, moved, cosmetic))
    truth += [TruthGroup("added", (), (where[id(u)],), "add") for u in added]
    truth += [
        TruthGroup(f.type, (f.old_line,), (where[id(f.unit)],), f.mutation, f.moved, f.cosmetic)
        for f in section_fates
    ]
    figures = truth_figures(text, {line: f[1][0].lines[0] for line, f in fate.items() if f[0] == "figures"})
    return SynthCase("\n".join(out), sorted(truth, key=lambda t: (t.old_lines, t.new_lines)), figures)


@dataclass(frozen=True, slots=True)
class KindScore:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _lines(records: Sequence[Record]) -> tuple[int, ...]:
    return tuple(sorted(m.line for m in records))


def score(
    truth: Sequence[TruthGroup], diff: Diff, figures: Sequence[TruthFigure] | None = None
) -> dict[str, KindScore]:
    """Per change kind: a change counts when its type and both line sets match the truth.

    Records the generator did not touch are truth `unchanged`; `moved` and `cosmetic`
    are scored as flags on the groups that carry them; `false_changes` counts untouched
    records reported inside any change that is not `unchanged`.
    """
    touched_old = {line for t in truth for line in t.old_lines}
    got = {(c.type, _lines(c.old), _lines(c.new)): c for c in diff.changes}
    want = {(t.type, t.old_lines, t.new_lines): t for t in truth}
    result: dict[str, KindScore] = {}
    for kind in ("added", "removed", "modified", "split", "merged"):
        g = {k for k in got if k[0] == kind}
        w = {k for k in want if k[0] == kind}
        result[kind] = KindScore(len(g & w), len(g - w), len(w - g))
    for flag in ("moved", "cosmetic"):
        g = {k for k, c in got.items() if getattr(c, flag)}
        w = {k for k, t in want.items() if getattr(t, flag)}
        result[flag] = KindScore(len(g & w), len(g - w), len(w - g))
    false_changes = sum(
        1
        for c in diff.changes
        if c.type != "unchanged"
        for m in c.old
        if m.line not in touched_old and m.kind in MUTABLE
    )
    result["untouched reported as changed"] = KindScore(0, false_changes, 0)
    if figures is not None:
        changed = {line for t in truth if t.mutation in ("figures", "numbers") for line in t.old_lines}
        result["figures"] = KindScore(*score_figures(figures, changed, touched_old, diff))
    return result


def total(scores: Sequence[dict[str, KindScore]]) -> dict[str, KindScore]:
    out: dict[str, KindScore] = {}
    for s in scores:
        for k, v in s.items():
            o = out.get(k, KindScore(0, 0, 0))
            out[k] = KindScore(o.tp + v.tp, o.fp + v.fp, o.fn + v.fn)
    return out


def evaluate(text: str, seeds: Sequence[int], nlp=None, label: str = "base") -> dict[str, KindScore]:  # type: ignore[no-untyped-def]
    from ipdiff.api import compare
    from ipdiff.parse.records import load_nlp, parse_text

    nlp = nlp or load_nlp()
    old = parse_text(text, label, nlp)
    runs = []
    for seed in seeds:
        case = make_next_edition(text, seed, label=label)
        new = parse_text(case.text, next_label(label), nlp)
        runs.append(score(case.truth, compare(old, new), case.figures))
    return total(runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.splitlines()[0])
    parser.add_argument("edition", help="raw text of an edition, e.g. editions/2026.txt")
    parser.add_argument("--seeds", type=int, default=5, help="how many seeded instances")
    parser.add_argument("--first-seed", type=int, default=0, help="seeds run from here (keep calibration seeds out)")
    parser.add_argument("--chain", type=int, default=0, metavar="N",
                        help="score timeline lineage on chains of N editions instead (bench.chains)")
    args = parser.parse_args(argv)
    with open(args.edition, encoding="utf-8") as fh:
        text = fh.read()
    if args.chain:
        from bench.chains import chain_report

        print(chain_report(text, args.chain, range(args.first_seed, args.first_seed + args.seeds)))
        return
    # The file's stem is its label (editions/2026.txt → 2026), as `ipdiff diff` reads it.
    label = args.edition.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    totals = evaluate(text, range(args.first_seed, args.first_seed + args.seeds), label=label)
    print(f"{'kind':<32}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
    for kind, s in totals.items():
        print(f"{kind:<32}{s.precision:>10.3f}{s.recall:>8.3f}{s.tp:>6}{s.fp:>5}{s.fn:>5}")


if __name__ == "__main__":
    main()
