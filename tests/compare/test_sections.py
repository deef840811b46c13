"""Section-tree alignment and the `moved` rule it decides (no model needed)."""

from __future__ import annotations

from ipdiff.api import compare
from ipdiff.compare.sections import align_sections, mask_editions
from ipdiff.model import Record
from tests.helpers import edition, record

BULLETS = (
    "知財・無形資産ガバナンスガイドラインの改訂を行い、その普及・浸透を図る。",
    "営業秘密の漏洩防止に向けた制度の在り方を検討する。",
    "海賊版対策として、国際連携・執行の強化に官民一体となって取り組む。",
    "大学知財の社会実装機会の最大化に向けて、好事例の収集・公表等を行う。",
    "スタートアップの知財戦略の策定を支援する専門家派遣を拡充する。",
    "デジタルアーカイブの利活用を促進するため、メタデータの標準化を進める。",
    "標準化人材の裾野を広げるため、若手技術者向けの国際会議派遣を支援する。",
    "模倣品の越境電子商取引への対策として、税関と権利者の情報共有を強化する。",
    "知財紛争処理の迅速化に向けて、裁判外紛争解決手続の利用を促進する。",
)


def build(outline: list[tuple[tuple[str, ...], list[int]]], prefix: str) -> list[Record]:
    """Records from (section path, bullet numbers): a heading record opens each section."""
    out: list[Record] = []
    opened: set[tuple[str, ...]] = set()
    for path, bullets in outline:
        for depth in range(1, len(path) + 1):
            if path[:depth] not in opened:
                opened.add(path[:depth])
                out.append(record(len(out), path[depth - 1], path[: depth - 1], "heading", prefix=prefix))
        out += [record(len(out), BULLETS[b], path, prefix=prefix) for b in bullets]
    return out


def diff(old, new, old_label="2025", new_label="2026"):
    return compare(edition(old_label, old), edition(new_label, new))


def moved(d) -> list[str]:
    return [c.new[0].text for c in d.changes if c.moved]


def test_renamed_section_with_the_same_bullets_moves_nothing():
    old = build([(("1. 創造", "AIと知的財産権"), [0, 1, 2]), (("1. 創造", "人材"), [3, 4])], "o")
    new = build([(("1. 創造", "生成AIと知的財産の保護"), [0, 1, 2]), (("1. 創造", "人材"), [3, 4])], "n")
    d = diff(old, new)
    assert moved(d) == []
    (heading,) = [c for c in d.changes if c.type != "unchanged"]
    assert (heading.type, heading.old[0].text, heading.new[0].text) == ("modified", "AIと知的財産権", "生成AIと知的財産の保護")
    pairs = align_sections(old, new, [(i, i) for i in range(len(old))], "2025", "2026").pairs
    renamed = [p for p in pairs if p.renamed]
    assert [(p.old, p.new, p.records) for p in renamed] == [
        (("1. 創造", "AIと知的財産権"), ("1. 創造", "生成AIと知的財産の保護"), 3)]


def test_sections_that_swapped_titles_are_told_apart_by_content():
    old = build([(("計画", "保護"), [0, 1, 2]), (("計画", "活用"), [3, 4, 5])], "o")
    new = build([(("計画", "活用"), [0, 1, 2]), (("計画", "保護"), [3, 4, 5])], "n")
    d = diff(old, new)
    assert moved(d) == []
    pairs = {p.old: p.new for p in align_sections(old, new, _same_text(old, new)).pairs}
    assert pairs[("計画", "保護")] == ("計画", "活用")


def _same_text(old: list[Record], new: list[Record]) -> list[tuple[int, int]]:
    where = {m.text: j for j, m in enumerate(new)}
    return [(i, where[m.text]) for i, m in enumerate(old) if m.text in where]


def test_a_section_moved_under_another_parent_is_one_move_on_its_heading():
    old = build([(("1. 創造", "AI"), [0, 1]), (("1. 創造", "人材"), [2, 3]), (("2. 保護", "模倣品"), [4, 5])], "o")
    new = build([(("1. 創造", "AI"), [0, 1]), (("2. 保護", "模倣品"), [4, 5]), (("2. 保護", "人材"), [2, 3])], "n")
    d = diff(old, new)
    assert moved(d) == ["人材"]
    (c,) = [c for c in d.changes if c.moved]
    assert (c.type, c.old[0].section, c.new[0].section) == ("unchanged", ("1. 創造",), ("2. 保護",))


def test_siblings_put_in_a_new_order_move_the_section_not_its_bullets():
    parts = [("計画", f"{n}）テーマ{n}") for n in range(1, 5)]
    old = build([(p, [2 * k, 2 * k + 1]) for k, p in enumerate(parts)], "o")
    # テーマ1 goes last; the rest keep their order.
    order = [1, 2, 3, 0]
    new = build([(parts[k], [2 * k, 2 * k + 1]) for k in order], "n")
    d = diff(old, new)
    assert moved(d) == ["1）テーマ1"]


def test_renumbered_and_reordered_siblings_still_pair():
    parts = [("計画", f"{n}）テーマ{'甲乙丙丁'[n - 1]}") for n in range(1, 5)]
    old = build([(p, [2 * k, 2 * k + 1]) for k, p in enumerate(parts)], "o")
    order = [1, 2, 3, 0]
    renumbered = [("計画", f"{n + 1}）テーマ{'甲乙丙丁'[k]}") for n, k in enumerate(order)]
    new = build([(renumbered[n], [2 * k, 2 * k + 1]) for n, k in enumerate(order)], "n")
    d = diff(old, new)
    assert moved(d) == ["4）テーマ甲"]
    assert all(not c.moved for c in d.changes if c.new and c.new[0].kind != "heading")


def test_bullets_reordered_inside_one_section_are_not_moves():
    old = build([(("計画", "保護"), [0, 1, 2, 3]), (("計画", "活用"), [4, 5])], "o")
    new = build([(("計画", "保護"), [3, 2, 1, 0]), (("計画", "活用"), [5, 4])], "n")
    d = diff(old, new)
    assert moved(d) == []
    assert {c.type for c in d.changes} == {"unchanged"}


def test_a_bullet_that_leaves_its_section_is_moved():
    old = build([(("計画", "保護"), [0, 1, 2]), (("計画", "活用"), [3, 4, 5])], "o")
    new = build([(("計画", "保護"), [0, 1]), (("計画", "活用"), [3, 4, 5, 2])], "n")
    assert moved(diff(old, new)) == [BULLETS[2]]


def test_a_title_changed_only_with_the_edition_is_cosmetic_under_any_label():
    for old_label, new_label in [("2026", "2027"), ("2026", "copy"), ("2026@HEAD~1", "2026"), ("old", "new")]:
        title_old = "「知的財産推進計画2026」のポイント" if old_label != "old" else "計画"
        title_new = title_old.replace("2026", "2027") if new_label == "2027" else title_old
        old = build([((title_old, "令和8年度の取組"), [0, 1])], "o")
        new = build([((title_new, "令和9年度の取組" if new_label == "2027" else "令和8年度の取組"), [0, 1])], "n")
        d = diff(old, new, old_label, new_label)
        assert [(c.type, c.moved) for c in d.changes if c.type != "unchanged" or c.moved] == [], (old_label, new_label)
        cosmetic = [c.new[0].text for c in d.changes if c.cosmetic]
        assert cosmetic == ([title_new, "令和9年度の取組"] if new_label == "2027" else [])


def test_an_edition_year_that_is_not_the_label_is_a_real_change():
    # A page title's election year corrected, labels are file names.
    old = build([(("都知事選2025マニフェスト", "概要"), [0, 1])], "o")
    new = build([(("都知事選2024マニフェスト", "概要"), [0, 1])], "n")
    d = diff(old, new, "old", "new")
    assert [(c.type, c.new[0].text) for c in d.changes if c.type != "unchanged"] == [
        ("modified", "都知事選2024マニフェスト")]
    assert moved(d) == []


def test_mask_editions_masks_both_labels_and_their_reiwa_years():
    assert mask_editions("令和8年度の計画2026", ["2026@HEAD~1"]) == mask_editions("令和9年度の計画2027", ["2027"])
    assert mask_editions("計画2026", ["/tmp/x/copy"]) == "計画2026"


def test_the_report_pairs_a_renamed_chapter_and_names_both_titles():
    from ipdiff.render.build import report_context

    old = build([(("「計画2025」～変革～のポイント", "1. 創造"), [0, 1, 2]), (("計画2025の構成",), [3])], "o")
    new = build([(("「計画2026」～成長～のポイント", "1. 創造"), [0, 1]), (("計画2026の構成",), [3])], "n")
    ctx = report_context(diff(old, new))
    labels = {s.label: s.old_label for s in ctx.sections}
    # The removed bullet sits in the new chapter: one chapter, not two unrelated ones.
    assert "「計画2025」～変革～のポイント > 1. 創造" not in labels
    (block,) = [s for s in ctx.sections if s.label == "「計画2026」～成長～のポイント > 1. 創造"]
    assert [r.type for r in block.rows] == ["removed"]
    # The ポイント was renamed (its subtitle changed); the 構成 only changed its year.
    assert labels.get("「計画2026」～成長～のポイント") == "「計画2025」～変革～のポイント"
    assert labels.get("計画2026の構成", "absent") is None


def test_a_moved_section_is_one_item_with_its_size():
    from ipdiff.render.build import report_context

    old = build([(("1. 創造", "AI"), [0, 1]), (("1. 創造", "人材"), [2, 3]), (("2. 保護", "模倣品"), [4, 5])], "o")
    new = build([(("1. 創造", "AI"), [0, 1]), (("2. 保護", "模倣品"), [4, 5]), (("2. 保護", "人材"), [2, 3])], "n")
    rows = [r for s in report_context(diff(old, new)).sections for r in (*s.rows, *s.unchanged_rows) if r.moved]
    assert [(r.new_parts[0].text, r.moved_with) for r in rows] == [("人材", 2)]


def test_an_edition_against_a_copy_under_another_name_reports_nothing(edition_2026):
    from dataclasses import replace

    from ipdiff.api import compare

    for label in ("copy", "2026@HEAD~1", "2027"):
        d = compare(edition_2026, replace(edition_2026, label=label))
        assert {c.type for c in d.changes} == {"unchanged"}, label
        assert not any(c.moved or c.cosmetic for c in d.changes), label
        assert not any(p.renamed or p.moved or p.old is None or p.new is None for p in d.sections), label


def test_a_theme_moved_to_another_part_is_one_move_on_its_toc_entry():
    toc = ("計画の構成",)

    def edition_of(parts: list[tuple[str, list[tuple[str, list[int]]]]], prefix: str) -> list[Record]:
        out: list[Record] = []
        for part, themes in parts:  # the slides, titled only by the 構成 list below
            for theme, bullets in themes:
                out += [record(len(out), BULLETS[b], (part, theme), prefix=prefix) for b in bullets]
        out.append(record(len(out), toc[0], (), "heading", prefix=prefix))
        for part, themes in parts:
            out.append(record(len(out), part, toc, "toc", prefix=prefix))
            out += [record(len(out), theme, toc, "toc", prefix=prefix) for theme, _ in themes]
        return out

    old = edition_of([("1. 創造", [("AI", [0, 1])]), ("2. 保護", [("人材", [2, 3]), ("模倣品", [4, 5])])], "o")
    new = edition_of([("1. 創造", [("AI", [0, 1]), ("人材", [2, 3])]), ("2. 保護", [("模倣品", [4, 5])])], "n")
    d = diff(old, new)
    assert [(c.new[0].kind, c.new[0].text) for c in d.changes if c.moved] == [("toc", "人材")]
