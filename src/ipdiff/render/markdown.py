"""A journalist's summary in Markdown: what is news first, counts of the rest.

Order: KPI changes, commitment-strength changes (後退 before 強化: a weakened
commitment is the bigger story), new measures, dropped measures, then the counts of
modified/moved/split/merged. Quotes are shortened to ~80 characters.

Edition text is escaped for Markdown (`*`, `_`, `<`, `|`, …) so that a record can neither
inject HTML into a Markdown viewer nor break the tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ipdiff.model import Diff
from ipdiff.render.build import EXTRA_KEYS, diff_view
from ipdiff.render.labels import EXTRA_LABELS, TYPE_LABELS
from ipdiff.render.textdiff import shorten
from ipdiff.render.views import ChangeView, EditionView, KpiRow, StrengthRow

# Only what acts mid-line: emphasis, code, links, raw HTML, table cells, strikethrough.
# Quotes never start a line, so `#`, `-`, `1.` need no escape and stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str) -> str:
    """Backslash-escape Markdown punctuation; newlines become spaces."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _quote(text: str) -> str:
    return "「" + md(shorten(text)) + "」"


def _edition_line(e: EditionView) -> str:
    line = f"- {e.role}: **{md(e.label)}**"
    if e.title:
        line += f" 「{md(e.title)}」"
    detail = "、".join(md(b) for b in (e.date, e.status_label) if b)
    return line + f"（{detail}）"


def _notes(editions: Sequence[EditionView]) -> list[str]:
    out = []
    for e in editions:
        if e.is_sample:
            note = md(e.note) if e.note else ""
            out.append(f"> **注意:** {e.role}（{md(e.label)}）: {e.banner}。{note}")
        elif e.is_draft:
            out.append(
                f"> **注意:** {e.role}（{md(e.label)}）は{e.banner}です。確定版ではありません。"
            )
    return out


def _kpi_lines(rows: Sequence[KpiRow]) -> list[str]:
    out = []
    for r in rows:
        old = md(r.old_text) if r.old_text else "（なし）"
        new = md(r.new_text) if r.new_text else "（なし）"
        head = f"- **{md(r.metric)}**: {old} → {new}"
        bits = [md(b) for b in (r.delta_text, r.pct_text, r.year) if b]
        if bits:
            head += "（" + "、".join(bits) + "）"
        places = "、".join(md(p) for p in (r.section, *(p.section for p in r.also_in)))
        out.append(f"{head} — {places}")
        out.append(f"  - {_quote(r.sentence)}")
    return out


def _strength_lines(rows: Sequence[StrengthRow]) -> list[str]:
    out = []
    for r in rows:
        out.append(f"- **{r.direction_label}**: {r.old_label} → {r.new_label} — {md(r.section)}")
        out.append(f"  - 旧: 「{md(r.old_quote)}」")
        out.append(f"  - 新: 「{md(r.new_quote)}」")
    return out


def _measure_lines(changes: Sequence[ChangeView], side: str) -> list[str]:
    out = []
    for cv in changes:
        records = cv.change.new if side == "new" else cv.change.old
        out.append(f"- {md(cv.section)}: {_quote(' '.join(m.text for m in records))}")
    return out


def render_markdown(diff: Diff) -> str:
    view = diff_view(diff)
    old, new, summary = view.old, view.new, view.summary
    lines: list[str] = [
        f"# 知的財産推進計画の変更点: {md(old.label)} → {md(new.label)}",
        "",
        _edition_line(old),
        _edition_line(new),
        "",
    ]
    notes = _notes((old, new))
    if notes:
        lines += [*notes, ""]

    lines += ["## 件数", "", "| 種別 | 件数 |", "| --- | ---: |"]
    lines += [f"| {TYPE_LABELS[t]} | {summary.get(t, 0)} |" for t in TYPE_LABELS]
    lines += [f"| {EXTRA_LABELS[k]} | {summary.get(k, 0)} |" for k in EXTRA_KEYS]
    lines.append("")

    if view.kpi_rows:
        lines += ["## 数値（KPI）の変化", "", *_kpi_lines(view.kpi_rows), ""]

    if view.weakened or view.strengthened:
        lines += ["## コミットメントの変化", ""]
        lines += _strength_lines(view.weakened) + _strength_lines(view.strengthened)
        lines.append("")

    added = [cv for cv in view.changes if cv.change.type == "added"]
    if added:
        lines += [f"## 新設された施策（{len(added)}件）", "", *_measure_lines(added, "new"), ""]
    removed = [cv for cv in view.changes if cv.change.type == "removed"]
    if removed:
        lines += [f"## 削除された施策（{len(removed)}件）", "", *_measure_lines(removed, "old"), ""]

    cosmetic = sum(1 for c in diff.changes if c.cosmetic)
    lines += [
        "## その他の変更",
        "",
        f"- 修正: {summary.get('modified', 0)}件",
        f"- 別の章へ移動: {summary.get('moved', 0)}件",
        f"- 分割: {summary.get('split', 0)}件、統合: {summary.get('merged', 0)}件",
        f"- 変更なし: {summary.get('unchanged', 0)}件（うち表記のみの変更: {cosmetic}件）",
    ]
    return "\n".join(lines) + "\n"
