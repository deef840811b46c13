"""What the reader sees in words: Japanese labels, placeholders, section names and anchors.

The readers are Japanese; every label of every renderer comes from here, so the HTML,
Markdown and CSV texts agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from ipdiff.model import Change
from ipdiff.parse.strength import SCALE_LABELS

TYPE_LABELS: dict[str, str] = {
    "added": "新設",
    "removed": "削除",
    "modified": "修正",
    "unchanged": "変更なし",
    "split": "分割",
    "merged": "統合",
    "renumbered": "条ずれ",
}
EXTRA_LABELS: dict[str, str] = {
    "moved": "移動",
    "cosmetic": "表記のみ",
    "kpi_changes": "KPIの変化",
    "strength_changes": "コミットメントの変化",
}
STATUS_LABELS: dict[str, str] = {
    "official": "公式",
    "draft": "案（ドラフト）",
    "sample": "サンプル（再構成）",
}
STRENGTH_LABELS: dict[str, str] = {**SCALE_LABELS, "none": "なし（必要性・意見のみ）"}
DIRECTION_LABELS: dict[str, str] = {"up": "強化", "down": "後退", "same": "継続"}
# Shown instead of 強化 / 後退 where the deciding commitments' objects match only weakly.
UNCERTAIN_LABEL = "要確認"

ADDED_PLACEHOLDER = "（新設）"
REMOVED_PLACEHOLDER = "（削る）"
# Completed as 「{role}（{label}）は{notice}。」: one short sentence; details fold below it.
SAMPLE_NOTICE = "公開資料から再構成したサンプルであり、公式文書ではありません"
DRAFT_NOTICE = "案（ドラフト）であり、決定された計画ではありません"
# The same, as one clause of the summary: (what the edition is, what it is not).
CAVEATS: dict[str, tuple[str, str]] = {
    "sample": ("公開資料から再構成したサンプル", "公式文書"),
    "draft": ("案（ドラフト）", "決定された計画"),
}
NO_SECTION = "（見出しなし）"
# The records before the first heading, when the edition has no title line to name them.
TITLE_BLOCK = "表題・冒頭"
SECTION_JOIN = " > "
# How many levels of the heading path make a report section (part > theme).
SECTION_DEPTH = 2


def section_path(section: Sequence[str]) -> str:
    """A heading path as one label: `part > theme > …`."""
    return SECTION_JOIN.join(section) if section else NO_SECTION


def report_section_key(
    change: Change, chapters: Mapping[tuple[str, ...], tuple[str, ...]] | None = None
) -> tuple[str, ...]:
    """The headings that make the change's report section (part > theme): the new side's,
    and for a removed record its old section's aligned counterpart (`chapters`: old key →
    new key), so a renamed chapter is one chapter of the report."""
    key = tuple(change.section[:SECTION_DEPTH])
    if change.new or not chapters:
        return key
    return chapters.get(key, key)


def section_id(key: Sequence[str]) -> str:
    """A stable anchor from the section's titles (content, never position)."""
    digest = hashlib.sha1("\x1f".join(key).encode("utf-8")).hexdigest()
    return "s-" + digest[:10]


def status_label(status: str | None) -> str:
    """An edition status in Japanese; 不明 when the metadata gives none."""
    if status is None:
        return "不明"
    return STATUS_LABELS.get(status, status)
