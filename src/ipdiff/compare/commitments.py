"""Judge a change's commitment strength on what both editions commit to.

The old and new commitments of an aligned change are paired by their objects (the noun
phrases they govern), then:
- `down` when a continuing commitment's level falls, or when a commitment firmer than
  every one that stays is dropped;
- `up` when a continuing commitment's level rises, or when a side that committed to
  nothing (a need, an opinion) now commits;
- `same` otherwise: a new commitment beside the old ones is `added`, not a change of them.

Objects pair on the Dice coefficient of their character bigrams (Japanese has no spaces;
bigrams are robust to 受入環境の整備 / 受入環境整備). A pair found only on a loose match,
or a lone pair whose objects hardly match, is `uncertain`: the report asks the reader to
check it (要確認) instead of headlining it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from ipdiff.model import Commitment, CommitmentPair, Record, StrengthChange
from ipdiff.parse.strength import NONE, SCALE

# Bigram Dice from which two object phrases are the same object.
PAIR = 0.34
# From which two commitments left over on both sides are one object rewritten.
LOOSE = 0.15
# Containment counts for objects of at least this many bigrams, at this weight.
MIN_CONTAINED = 3
CONTAINED_WEIGHT = 0.8
# Creating a body or system, then strengthening it: a follow-up, not a weakening
# (連絡会議を設置する → 連絡会議の機能を強化する).
CREATION_VERBS = frozenset({"設置", "構築", "創設", "立ち上げる", "設ける", "開設", "整備", "導入"})
ENHANCING_VERBS = frozenset({"強化", "拡充", "充実", "高度化", "深化", "機能強化", "改善", "拡大"})
_NOISE = set("、。・，,（）()「」『』 　等の")


@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[str]:
    chars = [c for c in unicodedata.normalize("NFKC", text) if c not in _NOISE]
    return frozenset(a + b for a, b in zip(chars, chars[1:], strict=False)) or frozenset(chars)


def object_similarity(a: Commitment, b: Commitment) -> float:
    """Dice of the objects' bigrams; an object restated inside a longer one (海外展開 →
    …やプロモーション等の海外展開) counts by containment, if it says enough to be specific."""
    x, y = _bigrams(a.object or a.predicate), _bigrams(b.object or b.predicate)
    if not x or not y:
        return 0.0
    common = len(x & y)
    dice = 2 * common / (len(x) + len(y))
    contained = common / min(len(x), len(y)) if min(len(x), len(y)) >= MIN_CONTAINED else 0.0
    return max(dice, CONTAINED_WEIGHT * contained)


def _rank(level: str | None) -> int | None:
    return SCALE.index(level) if level in SCALE else None


def _follow_up(old: Commitment, new: Commitment) -> bool:
    verb = new.predicate.rsplit("を", 1)[-1]
    return old.predicate.rsplit("を", 1)[-1] in CREATION_VERBS and verb in ENHANCING_VERBS


def pair_commitments(old: Sequence[Commitment], new: Sequence[Commitment]) -> list[CommitmentPair]:
    """Pairs by object, strongest match first; then unpaired old (dropped), new (added)."""
    scores = sorted(
        ((object_similarity(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int, float, bool]] = []
    for threshold, loose in ((PAIR, False), (LOOSE, True)):
        for score, i, j in scores:
            if score >= threshold and i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                pairs.append((i, j, score, loose))
    if len(old) == 1 and len(new) == 1 and not pairs:
        # One commitment each side of an aligned measure: the same measure, restated.
        pairs.append((0, 0, scores[0][0], True))
        used_old.add(0)
        used_new.add(0)
    out = [
        CommitmentPair(old[i], new[j], round(score, 4), uncertain, _follow_up(old[i], new[j]))
        for i, j, score, uncertain in sorted(pairs)
    ]
    out += [CommitmentPair(c, None) for i, c in enumerate(old) if i not in used_old]
    out += [CommitmentPair(None, c) for j, c in enumerate(new) if j not in used_new]
    return out


def _move(p: CommitmentPair) -> int:
    if p.old is None or p.new is None or p.follow_up:
        return 0
    a, b = _rank(p.old.level), _rank(p.new.level)
    return 0 if a is None or b is None else b - a


def judge(old: Sequence[Commitment], new: Sequence[Commitment]) -> StrengthChange | None:
    """The strength change between two sides' commitments; None when neither commits."""
    old_levels = [c for c in old if _rank(c.level) is not None]
    new_levels = [c for c in new if _rank(c.level) is not None]
    if not old_levels and not new_levels:
        return None
    if not old_levels or not new_levels:
        if old and new:
            return None  # one side's verbs are outside the lexicon: nothing to compare
        # One side commits to nothing (必要がある, べきとの意見がある).
        went_up = bool(new_levels)
        side = new_levels or old_levels
        top = _strongest(side)
        return StrengthChange(
            old=NONE if went_up else top,
            new=top if went_up else NONE,
            direction="up" if went_up else "down",
            pairs=tuple(CommitmentPair(None, c) if went_up else CommitmentPair(c, None) for c in side),
            added=tuple(side) if went_up else (),
            dropped=() if went_up else tuple(side),
        )
    pairs = pair_commitments(old, new)
    continued = [p for p in pairs if p.old is not None and p.new is not None]
    added = tuple(p.new for p in pairs if p.old is None and p.new is not None)
    dropped = tuple(p.old for p in pairs if p.new is None and p.old is not None)
    downs = [p for p in continued if _move(p) < 0]
    ups = [p for p in continued if _move(p) > 0]
    # A dropped commitment weakens the measure only when nothing as firm is left.
    left = [r for c in new if (r := _rank(c.level)) is not None]
    firm_dropped = [c for c in dropped if (r := _rank(c.level)) is not None and (not left or r > max(left))]
    direction: Literal["up", "down", "same"]
    if downs or (firm_dropped and not ups):
        direction = "down"
        decisive = tuple(downs) or tuple(CommitmentPair(c, None) for c in firm_dropped)
    elif ups:
        direction, decisive = "up", tuple(ups)
    else:
        direction, decisive = "same", ()
    if decisive:
        lead = max(decisive, key=lambda p: abs(_move(p)) if p.new else 1)
        old_level = str(lead.old.level) if lead.old else NONE
        new_level = str(lead.new.level) if lead.new else _strongest(new)
    else:
        old_level, new_level = _strongest(old), _strongest(new)
    return StrengthChange(
        old=old_level,
        new=new_level,
        direction=direction,
        pairs=decisive,
        continued=tuple(continued),
        added=added,
        dropped=dropped,
        # A direction resting on a weak match, or on ups and downs at once, needs a reader.
        uncertain=any(p.uncertain for p in decisive) or bool(ups and downs),
    )


def _strongest(commitments: Sequence[Commitment]) -> str:
    ranks = [r for c in commitments if (r := _rank(c.level)) is not None]
    return SCALE[max(ranks)] if ranks else NONE


def strength_of_change(old: Sequence[Record], new: Sequence[Record]) -> StrengthChange | None:
    """The judgement for an aligned change: only when both sides hold records."""
    if not old or not new:
        return None
    return judge([c for m in old for c in m.commitments], [c for m in new for c in m.commitments])
