"""A journalist's summary in Markdown, in Japanese: what is news first, everything after.

Order: the editions compared (title, date, publisher, sources; a one-sentence banner for
a sample or a draft, its details folded), 「主な変更」 (ranked by render/highlights.py),
the counts (measures apart from the document's apparatus), KPI changes, commitment
changes (後退 before 強化), every changed measure by theme, and last the apparatus
(headings, captions, 構成 entries) as one collapsed group. Texts are quoted in full,
never cut. Each item links to its row of the HTML 新旧対照表 written beside this file.

Edition text is escaped for Markdown (`*`, `_`, `<`, `|`, …) so that a record can neither
inject HTML into a Markdown viewer nor break the tables; the only raw HTML is our own
`<details>`/`<summary>` folding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ipdiff.model import CHANGE_TYPES, Diff
from ipdiff.render.build import diff_view
from ipdiff.render.highlights import is_measure
from ipdiff.render.labels import EXTRA_LABELS, TYPE_LABELS, section_path
from ipdiff.render.textdiff import plain
from ipdiff.render.views import ChangeView, DiffView, EditionView, KpiRow, StrengthRow

# Only what acts mid-line: emphasis, code, links, raw HTML, table cells, strikethrough.
# Quotes never start a line, so `#`, `-`, `1.` need no escape and stay readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md(text: str) -> str:
    """Backslash-escape Markdown punctuation; newlines become spaces."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _quote(text: str) -> str:
    return "「" + md(text) + "」"


_URL_UNSAFE = re.compile(r"[\s()<>\[\]\\`\"']")


def _link(url: str) -> str:
    """A source URL as a Markdown link; anything not http(s) stays escaped text."""
    if not url.startswith(("https://", "http://")):
        return md(url)
    safe = _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)
    return f"[{md(url)}]({safe})"


def _fold(summary: str, body: list[str]) -> list[str]:
    """A collapsed block (GitHub and most viewers render <details>)."""
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]


def _edition_line(e: EditionView) -> str:
    line = f"- {e.role}: **{md(e.label)}**"
    if e.title:
        line += f" 「{md(e.title)}」"
    detail = "、".join(md(b) for b in (e.date, e.status_label, e.publisher) if b)
    return line + f"（{detail}）"


def _edition_details(editions: Sequence[EditionView]) -> list[str]:
    """Each edition's note, source and source URLs, folded: details for who wants them."""
    out = []
    for e in editions:
        body = [md(e.note)] if e.note else []
        if e.source:
            body += ["", f"出典: {md(e.source)}"]
        if e.sources:
            body += ["", f"出典URL（{len(e.sources)}件）:", "", *(f"- {_link(u)}" for u in e.sources)]
        if body:
            out += _fold(f"{e.role}（{md(e.label)}）の詳細・出典", body)
    return out


def _banners(editions: Sequence[EditionView]) -> list[str]:
    out = [f"> **注意:** {e.role}（{md(e.label)}）は{e.banner}。" for e in editions if e.banner]
    return [*out, ""] if out else []


def _caps(view: DiffView) -> list[str]:
    """A capped tier says so, with a link to its full list (the report's filtered table)."""
    return [
        f"- {c.label}: 上位{c.shown}件を掲載、ほか {c.more} 件"
        f"（[すべて見る]({view.report_html}#{c.filter})）"
        for c in view.highlight_caps
    ]


def _row_link(view: DiffView, anchor: str, label: str = "新旧対照表") -> str:
    return f"[{label}]({view.report_html}#{anchor})"


def _texts(old: str, new: str, indent: str = "  ") -> list[str]:
    if old and new:
        return [f"{indent}- 旧: {_quote(old)}", f"{indent}- 新: {_quote(new)}"]
    return [f"{indent}- {_quote(old or new)}"]


def _highlight_lines(view: DiffView) -> list[str]:
    out = []
    for h in view.highlights:
        detail = f"（{md(h.detail)}）" if h.detail else ""
        out.append(f"{h.rank}. **{h.label}**{detail} — {md(h.theme)}（{_row_link(view, h.anchor)}）")
        out += _texts(h.old_text, h.new_text, "   ")
        if h.places:
            places = "、".join(f"[{md(p.section)}]({view.report_html}#{p.anchor})" for p in h.places)
            out.append(f"   - 掲載箇所（{len(h.places)}か所）: {places}")
    return out


def _counts_table(view: DiffView) -> list[str]:
    lines = ["| 種別 | 施策 | 見出し・出典等 |", "| --- | ---: | ---: |"]
    for m, a in zip(view.measure_counts, view.apparatus_counts, strict=True):
        lines.append(f"| {m.label} | {m.count} | {a.count} |")
    summary = view.summary
    apparatus_moved = summary.get("moved", 0) - view.moved_measures
    lines.append(f"| {EXTRA_LABELS['moved']} | {view.moved_measures} | {apparatus_moved} |")
    lines += [f"| {c.label} | {c.count} | |" for c in view.extra_counts if c.type != "moved"]
    return lines


def _kpi_lines(rows: Sequence[KpiRow]) -> list[str]:
    out = []
    for i, r in enumerate(rows):
        old = md(r.old_shown) if r.old_shown else "（なし）"
        new = md(r.new_shown) if r.new_shown else "（なし）"
        head = f"- **{md(r.metric)}**: {old} → {new}"
        bits = [md(b) for b in (r.delta_text, r.pct_text, r.year) if b]
        if bits:
            head += "（" + "、".join(bits) + "）"
        places = "、".join(md(p) for p in (r.section, *(p.section for p in r.also_in)))
        out.append(f"{head} — {places}")
        # The sentence once per record, in full, under its last figure.
        if i + 1 == len(rows) or (rows[i + 1].anchor, rows[i + 1].sentence) != (r.anchor, r.sentence):
            out.append(f"  - {_quote(r.sentence)}")
    return out


def _strength_lines(rows: Sequence[StrengthRow]) -> list[str]:
    out = []
    for r in rows:
        out.append(f"- **{r.direction_label}**: {r.old_label} → {r.new_label} — {md(r.section)}")
        out += _texts(r.old_quote, r.new_quote)
    return out


def _label(cv: ChangeView) -> str:
    """The change type in Japanese; an unchanged record listed here is listed because it moved."""
    c = cv.change
    return TYPE_LABELS[c.type] if c.type != "unchanged" else EXTRA_LABELS["moved"]


def _change_line(view: DiffView, cv: ChangeView) -> list[str]:
    c = cv.change
    label = _label(cv)
    moved = ""
    if c.moved and c.old:
        moved = f"（移動元: {md(section_path(c.old[0].section))}）"
    old = "\n".join(plain(m.text) for m in c.old)
    new = "\n".join(plain(m.text) for m in c.new)
    if c.type == "unchanged":
        old = ""
    out = [f"- **{label}**{moved}（{_row_link(view, cv.anchor, '対照表')}）"]
    return out + _texts(old, new)


def render_markdown(diff: Diff, view: DiffView | None = None) -> str:
    from ipdiff.render.summary import summary_sentences

    view = view or diff_view(diff)
    old, new = view.old, view.new
    lines: list[str] = [
        f"# {md(view.document)}の変更点: {md(old.label)} → {md(new.label)}",
        "",
        md("".join(summary_sentences(view))),
        "",
        _edition_line(old),
        _edition_line(new),
        "",
        *_banners((old, new)),
        *_edition_details((old, new)),
    ]
    lines += ["## 主な変更", ""]
    if view.highlights:
        lines += [*_highlight_lines(view), ""]
        if view.highlight_caps:
            lines += [*_caps(view), ""]
        lines += [
            "選び方: コミットメントの後退、強化、KPI目標の変更・削除、新設・削除された主要施策"
            "（◆の要点、または複数箇所に掲載された施策）、テーマ間の移動の順。全件は「テーマ別の変更」に。",
            "",
        ]
    else:
        lines += ["なし", ""]

    lines += ["## 件数", "", *_counts_table(view), ""]
    if view.kpi_rows:
        lines += ["## 数値（KPI）の変化", "", *_kpi_lines(view.kpi_rows), ""]
    if view.weakened or view.strengthened:
        lines += ["## コミットメントの変化", ""]
        lines += _strength_lines(view.weakened) + _strength_lines(view.strengthened)
        lines.append("")

    total = sum(len(t.changes) for t in view.themes)
    lines += [f"## テーマ別の変更（施策 {total}件）", ""]
    for t in view.themes:
        lines += [f"### {md(t.theme)}", ""]
        for cv in t.changes:
            lines += _change_line(view, cv)
        lines.append("")
    if view.apparatus:
        body = [
            f"- **{_label(cv)}** {md(cv.heading_path if cv.change.section else cv.section)}: "
            + " / ".join(_quote(plain(m.text)) for m in (cv.change.new or cv.change.old))
            for cv in view.apparatus
        ]
        lines += ["## 見出し・出典・図表タイトル・構成の変更", ""]
        lines += _fold(f"{len(view.apparatus)}件（施策ではない記述の変更）を表示", body)
    cosmetic = sum(1 for cv in view.changes if cv.change.cosmetic and is_measure(cv.change))
    unchanged = view.measure_counts[CHANGE_TYPES.index("unchanged")].count
    lines.append(f"変更なしの施策: {unchanged}件（うち表記のみの変更: {cosmetic}件）")
    return "\n".join(lines) + "\n"
