"""What moved in a change's commitments, in one line a reader can check against the texts:
「大学知財GLの浸透: 推進「進める」 → 推進「進める」 ／ 追加: 好事例の収集等（検討「検討」）」.

Each pair names its object (the old one's, shortened) and both predicates with their
levels; commitments with no counterpart follow as 追加 / 削除.
"""

from __future__ import annotations

import re

from ipdiff.model import Commitment, CommitmentPair, StrengthChange
from ipdiff.render.labels import STRENGTH_LABELS

# An object longer than this is cut (at a の where one is near) and marked 等.
OBJECT_CHARS = 24
# Pairs shown for a change that did not move (the continuing commitments).
SHOWN_CONTINUED = 2
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")


def short_object(text: str) -> str:
    """The object without its asides (（以下「大学知財GL」という）), cut to a readable length."""
    plain = _ASIDE.sub("", text).replace("「", "").replace("」", "").strip("、 ")
    if len(plain) <= OBJECT_CHARS:
        return plain
    # Keep the head of the phrase (Japanese puts it last): cut the front at a の.
    tail = plain[-OBJECT_CHARS:]
    cut = tail.find("の")
    return "…" + (tail[cut + 1 :] if 0 <= cut < OBJECT_CHARS // 2 else tail)


def level_label(c: Commitment | None) -> str:
    if c is None:
        return STRENGTH_LABELS["none"]
    label = STRENGTH_LABELS.get(c.level or "", "—")
    return f"{label}「{c.predicate}」"


def pair_text(p: CommitmentPair) -> str:
    side = p.old or p.new
    obj = short_object(side.object or side.predicate) if side else ""
    return f"{obj}: {level_label(p.old)} → {level_label(p.new)}"


def moved_text(s: StrengthChange) -> str:
    """The line for a change: deciding pairs (or, when it did not move, the continuing
    ones), then the added and dropped commitments."""
    pairs = s.pairs if s.moved else s.continued[:SHOWN_CONTINUED]
    parts = [pair_text(p) for p in pairs if p.old is not None and p.new is not None]
    dropped = [p.old for p in pairs if p.new is None and p.old is not None] or list(s.dropped if not s.moved else ())
    added = [c for c in s.added]
    if not parts and not s.moved:
        return ""
    out = " ／ ".join(parts)
    bits = [f"追加: {short_object(c.object or c.predicate)}（{level_label(c)}）" for c in added]
    bits += [f"削除: {short_object(c.object or c.predicate)}（{level_label(c)}）" for c in dropped]
    return " ／ ".join(b for b in [out, *bits] if b)
