"""The commitment-strength scale: how firmly a measure commits the government.

An ordinal scale, weakest first. A predicate's lemma places it on the scale; a hedge
(…の在り方を検討, 必要に応じて, 可能性) pulls a `study` down to `explore`.

| rank | name        | predicates (lemmas)                                                   |
| ---- | ----------- | --------------------------------------------------------------------- |
| 1    | `explore`   | a hedged 検討 (在り方/可能性/必要性を検討, 必要に応じて), 課題の整理    |
| 2    | `study`     | 検討, 整理, 議論, 検証, 分析, 注視, 見極める                            |
| 3    | `promote`   | 推進, 促進, 支援, 周知, 啓発, 強化, 普及, 図る, 進める, 取り組む, 目指す … |
| 4    | `implement` | 実施, 構築, 策定, 制定, 講じる, 立ち上げる, 事業化, 設置, 導入, 改訂 …     |
"""

from __future__ import annotations

SCALE: tuple[str, ...] = ("explore", "study", "promote", "implement")
# The scale in the readers' words: every output (report, `check`) names a level so.
SCALE_LABELS: dict[str, str] = {
    "explore": "検討（在り方等）",
    "study": "検討",
    "promote": "推進",
    "implement": "実施",
}

LEXICON: dict[str, str] = {
    # study
    "検討": "study",
    "整理": "study",
    "議論": "study",
    "検証": "study",
    "分析": "study",
    "注視": "study",
    "見極める": "study",
    "調査": "study",
    # promote
    "推進": "promote",
    "促進": "promote",
    "支援": "promote",
    "周知": "promote",
    "啓発": "promote",
    "強化": "promote",
    "普及": "promote",
    "浸透": "promote",
    "図る": "promote",
    "はかる": "promote",
    "進める": "promote",
    "取り組む": "promote",
    "目指す": "promote",
    "拡大": "promote",
    "後押し": "promote",
    "継続": "promote",
    "深化": "promote",
    "展開": "promote",
    "育成": "promote",
    "活用": "promote",
    "注意喚起": "promote",
    "情報発信": "promote",
    "発信": "promote",
    "取組": "promote",
    # implement
    "実施": "implement",
    "構築": "implement",
    "策定": "implement",
    "制定": "implement",
    "講じる": "implement",
    "立ち上げる": "implement",
    "事業化": "implement",
    "設置": "implement",
    "創設": "implement",
    "導入": "implement",
    "改訂": "implement",
    "改正": "implement",
    "設定": "implement",
    "実現": "implement",
    "開始": "implement",
    "発行": "implement",
    "派遣": "implement",
    "作成": "implement",
    "整備": "implement",
    "運用": "implement",
    "行う": "implement",
}

# Verbs that carry no commitment of their own: the level comes from their object
# (検討を進める is a study, not a promotion).
LIGHT_VERBS: frozenset[str] = frozenset({"行う", "進める", "図る", "はかる", "する", "実施", "取り組む"})

HEDGES: tuple[str, ...] = (
    "在り方を検討",
    "あり方を検討",
    "在り方について検討",
    "可能性",
    "必要性も含め",
    "必要に応じて",
    "課題の整理",
    "課題等について検討",
)


def rank_of(strength: str | None) -> int | None:
    """1-based rank on the scale, or None for a record with no commitment."""
    if strength is None or strength not in SCALE:
        return None
    return SCALE.index(strength) + 1


def strength_of_verb(lemma: str) -> str | None:
    """The commitment level a predicate lemma expresses (検討 → study), None if none."""
    return LEXICON.get(lemma)


def apply_hedge(strength: str | None, text: str) -> str | None:
    """A study hedged by 在り方/可能性/必要に応じて is only an exploration."""
    if strength == "study" and any(h in text for h in HEDGES):
        return "explore"
    return strength


def direction(old: str | None, new: str | None) -> str | None:
    """`up`, `down`, or None when either side has no commitment or they are equal."""
    a, b = rank_of(old), rank_of(new)
    if a is None or b is None or a == b:
        return None
    return "up" if b > a else "down"
