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

# Verbs outside the lexicon, placed at their nearest lexicon sense: 配置する is a
# 設置, 補助する a concrete subsidy (実施), 働きかける / 促す a 促進, 拡充 / 充実 a 強化.
SENSES: dict[str, str] = {
    "配置": "implement",
    "補助": "implement",
    "延長": "implement",
    "開設": "implement",
    "提出": "implement",
    "公表": "implement",
    "改定": "implement",
    "見直す": "implement",
    "見直し": "implement",
    "措置": "implement",
    "整える": "implement",
    "作る": "implement",
    "作りあげる": "implement",
    "作り上げる": "implement",
    "設ける": "implement",
    "定める": "implement",
    "確保": "implement",
    "義務付ける": "implement",
    "廃止": "implement",
    "施行": "implement",
    "働きかける": "promote",
    "働き掛ける": "promote",
    "促す": "promote",
    "拡充": "promote",
    "充実": "promote",
    "加速": "promote",
    "推し進める": "promote",
    "呼びかける": "promote",
    "支える": "promote",
    "高める": "promote",
    "連携": "promote",
    "協力": "promote",
    "把握": "study",
    "精査": "study",
    "協議": "study",
}

# 〜化する makes something so (義務化, 電子化, 最適化): an implementation; after a
# quality word it only improves (高度化, 効率化, 迅速化): a promotion.
_IMPROVING_STEMS = ("高度", "効率", "迅速", "円滑", "活性", "適正", "強靱", "強靭", "多様", "好循環", "最大")

# Verbs with no level of their own: the level comes from their object (策定を行う
# implements, 検討を行う studies); 行う with a concrete object implements.
LIGHT_VERBS: frozenset[str] = frozenset({"行う", "実施", "する"})
# Verbs of pursuing (進める, 推進, 図る, 取り組む, 継続) are one level, `promote`, unless
# their object is itself a study (検討を進める, 議論を継続する).
PROCESS_VERBS: frozenset[str] = frozenset(
    {"進める", "推進", "図る", "はかる", "取り組む", "継続", "加速", "深める", "促進", "強化"}
)
# Nouns that name a study: as the object of a light or process verb they make it one.
STUDY_NOUNS: frozenset[str] = frozenset(
    {"検討", "議論", "検証", "調査", "分析", "協議", "精査", "研究", "調査研究", "整理検討"}
)
# An 整理 done (法的整理を行い、その結果を周知する) is a deliverable, not a study.
DELIVERABLE_STUDIES: frozenset[str] = frozenset({"整理"})
# A study of one of these only explores (在り方を検討, 活用可能性を検討).
HEDGED_OBJECTS: frozenset[str] = frozenset({"在り方", "あり方", "可能性", "必要性", "是非"})
# 課題を整理する / 課題の整理を行う explore; 課題について検討する studies.
EXPLORE_STUDY_VERBS: frozenset[str] = frozenset({"整理"})
ISSUE_NOUNS: frozenset[str] = frozenset({"課題", "論点"})

# The level of a side that commits to nothing (a need, an opinion) in a strength change.
NONE = "none"


def level_of(lemma: str) -> str | None:
    """The level a predicate expresses: the lexicon, its nearest sense, or none."""
    found = LEXICON.get(lemma) or SENSES.get(lemma)
    if found:
        return found
    if lemma.endswith("化") and len(lemma) > 1:
        return "promote" if lemma[:-1].endswith(_IMPROVING_STEMS) else "implement"
    return None


def rank_of(strength: str | None) -> int | None:
    """1-based rank on the scale, or None for a record with no commitment."""
    if strength is None or strength not in SCALE:
        return None
    return SCALE.index(strength) + 1


def direction(old: str | None, new: str | None) -> str | None:
    """`up`, `down`, or None when either side has no commitment or they are equal."""
    a, b = rank_of(old), rank_of(new)
    if a is None or b is None or a == b:
        return None
    return "up" if b > a else "down"
