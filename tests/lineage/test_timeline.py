"""The timeline stage on hand-built editions (no model): lineage across gaps, KPI series, JSON."""

from __future__ import annotations

import json

import jsonschema
import pytest

from ipdiff.api import compare
from ipdiff.io.contract import load_schema
from ipdiff.lineage.timeline import build_timeline
from ipdiff.model import Edition
from ipdiff.render.timeline import render_timeline_json, timeline_view
from tests.helpers import edition, record

THEME_A = ("知的財産推進計画", "技術流出の防止")
THEME_B = ("知的財産推進計画", "地域における知財保護")

SECRET = "営業秘密の漏洩防止に向けた制度の在り方を検討し、所要の措置を講じる。"
SECURITY = "研究セキュリティの確保に関する取組を関係省庁と連携して推進する。"
ARRESTS = "営業秘密侵害事犯の検挙事件数は{n}件（{y}年）と過去最多。"
SME = "中小企業の知財経営を伴走支援により強力に支援する。"
FARM = "農林水産業の知財マネジメント能力の強化に向けてセミナーを実施する。"
NEW = "宇宙分野のスタートアップに対する知財面の相談窓口を新たに設置する。"


def _ed(label: str, texts: list[tuple[str, tuple[str, ...]]]) -> Edition:
    return edition(label, [record(i, t, s, prefix=f"{label}-") for i, (t, s) in enumerate(texts)])


def _timeline(editions: list[Edition]):  # type: ignore[no-untyped-def]
    diffs = [compare(a, b) for a, b in zip(editions, editions[1:], strict=False)]
    return build_timeline(editions, diffs, {"ipdiff": "test"})


def _of(timeline, text: str):  # type: ignore[no-untyped-def]
    found = [lin for lin in timeline.lineages if any(text in e.text for e in lin.entries)]
    assert len(found) == 1, f"{text!r} is in {len(found)} lineages"
    return found[0]


def chain_editions() -> list[Edition]:
    v1 = _ed("2024", [(SECRET, THEME_A), (SECURITY, THEME_A), (ARRESTS.format(n=22, y=2023), THEME_A),
                      (SME, THEME_B), (FARM, THEME_B)])
    # SECURITY dropped for one edition; the figure moves; FARM reworded.
    v2 = _ed("2025", [(SECRET, THEME_A), (ARRESTS.format(n=30, y=2024), THEME_A), (SME, THEME_B),
                      (FARM.replace("実施する", "着実に実施する"), THEME_B)])
    # SECURITY back (reworded, in the other theme); SME removed; a new measure.
    v3 = _ed("2026", [(SECRET, THEME_A), (ARRESTS.format(n=38, y=2025), THEME_A),
                      (FARM.replace("実施する", "着実に実施する"), THEME_B),
                      (SECURITY.replace("推進する", "一層推進する"), THEME_B), (NEW, THEME_B)])
    return [v1, v2, v3]


@pytest.fixture(scope="module")
def chain() -> list[Edition]:
    return chain_editions()


def timeline_fixture():  # type: ignore[no-untyped-def]
    """The three-edition timeline above (the browser test draws it)."""
    return _timeline(chain_editions())


def test_measure_absent_for_an_edition_returns_in_its_lineage(chain: list[Edition]) -> None:
    t = _timeline(chain)
    security = _of(t, "研究セキュリティ")
    assert [e.label for e in security.entries] == ["2024", "2026"]
    assert security.gaps == ("2025",)
    assert security.entries[-1].change == "returned"
    assert security.id == chain[0].records[1].id  # the id it started from
    assert (security.first, security.last) == ("2024", "2026")


def test_lineage_follows_rewording_and_ends_at_removal(chain: list[Edition]) -> None:
    t = _timeline(chain)
    farm = _of(t, "農林水産業")
    assert [e.change for e in farm.entries] == ["added", "modified", "unchanged"]
    assert farm.gaps == ()
    sme = _of(t, "中小企業")
    assert sme.last == "2025" and sme.gaps == ()
    new = _of(t, "宇宙分野")
    assert [e.change for e in new.entries] == ["added"] and new.first == "2026"
    # Every lineage id is distinct, and every record of every edition is in one lineage.
    ids = [lin.id for lin in t.lineages]
    assert len(ids) == len(set(ids))
    for k, ed in enumerate(chain):
        held = [m.id for lin in t.lineages for e in lin.entries if e.index == k for m in e.records]
        assert sorted(held) == sorted(m.id for m in ed.records)


def test_unrelated_addition_does_not_take_an_absent_lineage() -> None:
    v1 = _ed("a", [(SECRET, THEME_A), (SECURITY, THEME_A)])
    v2 = _ed("b", [(SECRET, THEME_A)])
    v3 = _ed("c", [(SECRET, THEME_A), (NEW, THEME_A)])
    t = _timeline([v1, v2, v3])
    assert _of(t, "宇宙分野").entries[0].change == "added"
    assert _of(t, "研究セキュリティ").last == "a"


def test_return_after_two_absent_editions_lists_both_gaps() -> None:
    eds = [_ed(str(k), [(SECRET, THEME_A)] + ([(SME, THEME_B)] if k in (1, 4) else [])) for k in range(1, 5)]
    sme = _of(_timeline(eds), "中小企業")
    assert sme.gaps == ("2", "3")
    assert [e.change for e in sme.entries] == ["added", "returned"]


def test_split_parts_share_one_entry() -> None:
    whole = SECRET[:-1] + "とともに、" + SECURITY
    v1 = _ed("a", [(whole, THEME_A), (SME, THEME_B)])
    v2 = _ed("b", [(SECRET, THEME_A), (SECURITY, THEME_A), (SME, THEME_B)])
    v3 = _ed("c", [(SECRET, THEME_A), (SECURITY, THEME_A), (SME, THEME_B)])
    t = _timeline([v1, v2, v3])
    lin = _of(t, "営業秘密の漏洩")
    assert [e.change for e in lin.entries] == ["added", "split", "unchanged"]
    assert len(lin.entries[1].records) == 2


def test_kpi_series_follow_the_lineage_edition_by_edition(chain: list[Edition]) -> None:
    t = _timeline(chain)
    arrests = _of(t, "検挙事件数")
    series = [s for s in t.series if s.lineage == arrests.id and s.unit == "件"]
    assert len(series) == 1
    points = series[0].points
    assert [p.label for p in points] == ["2024", "2025", "2026"]
    assert [p.value.value for p in points] == [22, 30, 38]
    assert [p.value.year for p in points] == [2023, 2024, 2025]
    # A figure seen in one edition only is no series.
    assert all(len(s.points) >= 2 for s in t.series)


def test_timeline_json_follows_the_contract_and_is_stable(chain: list[Edition]) -> None:
    text = render_timeline_json(_timeline(chain))
    doc = json.loads(text)
    jsonschema.validate(doc, load_schema("timeline"))
    assert [e["label"] for e in doc["editions"]] == ["2024", "2025", "2026"]
    security = next(lin for lin in doc["lineages"] if "研究セキュリティ" in lin["entries"][0]["text"])
    assert security["gaps"] == ["2025"] and security["entries"][-1]["change"] == "returned"
    assert any(p["value"] == 38 and p["year"] == 2025 for s in doc["kpis"] for p in s["points"])
    assert render_timeline_json(_timeline(chain)) == text


def test_page_view_marks_each_edition(chain: list[Edition]) -> None:
    view = timeline_view(_timeline(chain))
    rows = {r.text: r for s in view.sections for r in s.rows}
    security = next(r for t, r in rows.items() if "研究セキュリティ" in t)
    assert [c.mark for c in security.cells] == ["present", "absent", "returned"]
    assert security.story == "returned"
    sme = next(r for t, r in rows.items() if "中小企業" in t)
    assert [c.mark for c in sme.cells] == ["present", "unchanged", "removed"]
    assert [c.count for c in view.counts if c.type == "returned"] == [1]
    chart = next(c for c in view.charts if c.unit == "件")
    assert [p.value for p in chart.points] == ["22件", "30件", "38件"]
    # Higher figures sit higher (smaller y), and every point is inside the plot.
    ys = [p.y for p in chart.points]
    assert ys == sorted(ys, reverse=True)
    assert all(chart.plot_top <= y <= chart.plot_bottom for y in ys)


def test_diffs_must_chain_the_editions(chain: list[Edition]) -> None:
    d = compare(chain[0], chain[2])
    with pytest.raises(ValueError, match="consecutive"):
        build_timeline(chain, [d, d])


def test_target_is_drawn_as_a_target() -> None:
    target = "海外市場規模を2033年までに20兆円とすることを目指す。"
    eds = [_ed(str(k), [(target.replace("20兆円", f"{18 + k}兆円"), THEME_A)]) for k in range(1, 4)]
    t = _timeline(eds)
    view = timeline_view(t)
    chart = next(c for c in view.charts if c.unit.endswith("円"))
    assert chart.has_target and all(p.target for p in chart.points)
    assert all("2033" in p.when for p in chart.points)
    assert {s.style for s in chart.segments} == {"target"}


def test_lineages_agree_with_the_consecutive_diffs(chain: list[Edition]) -> None:
    from ipdiff.lineage.timeline import disagreements

    diffs = [compare(a, b) for a, b in zip(chain, chain[1:], strict=False)]
    t = build_timeline(chain, diffs)
    assert disagreements(t, diffs) == []
    # A timeline built from other diffs than its own is caught.
    other = _timeline([chain[0], chain[0], chain[2]])
    assert disagreements(other, diffs)


def test_a_dropped_part_of_a_split_measure_comes_back_to_it() -> None:
    whole = SECRET[:-1] + "とともに、" + SECURITY
    eds = [
        _ed("1", [(whole, THEME_A), (SME, THEME_B)]),
        _ed("2", [(SECRET, THEME_A), (SECURITY, THEME_A), (SME, THEME_B)]),
        _ed("3", [(SECRET, THEME_A), (SME, THEME_B)]),
        _ed("4", [(SECRET, THEME_A), (SME, THEME_B)]),
        _ed("5", [(SECRET, THEME_A), (SECURITY, THEME_A), (SME, THEME_B)]),
    ]
    lin = _of(_timeline(eds), "営業秘密の漏洩")
    assert [e.change for e in lin.entries] == ["added", "split", "unchanged", "unchanged", "returned"]
    assert len(lin.entries[-1].records) == 2 and lin.gaps == ()


def test_reported_values_and_their_target_share_one_chart_but_not_one_series() -> None:
    text = "海外市場規模は{v}兆円（{y}年）であり、2033年までに{g}兆円とすることを目指す。"
    figures = [(4.5, 2021, 15), (5.8, 2023, 20), (6.9, 2025, 22)]
    t = _timeline([_ed(str(2022 + k), [(text.format(v=v, y=y, g=g), THEME_A)]) for k, (v, y, g) in enumerate(figures)])
    assert sorted([p.value.text for p in s.points] for s in t.series) == [
        ["15兆円", "20兆円", "22兆円"], ["4.5兆円", "5.8兆円", "6.9兆円"]
    ]
    (chart,) = timeline_view(t).charts
    assert [p.target for p in chart.points] == [False] * 3 + [True] * 3
    assert {s.style for s in chart.segments} == {"value", "target"}
    # Every target sits above the value of its edition.
    values, targets = chart.points[:3], chart.points[3:]
    assert all(tg.y < v.y for v, tg in zip(values, targets, strict=True))


def test_history_and_timeline_name_the_same_lineage_across_a_gap(chain: list[Edition]) -> None:
    # One walk: `history --measure` follows the measure that skipped an edition back into
    # the lineage it started, as the timeline does (it used to start a new one).
    from ipdiff.lineage.history import Version, build_history, find_lineage

    t = _timeline(chain)
    security = _of(t, "研究セキュリティ")
    steps = build_history([Version(e.label, None, "", e) for e in chain], compare)
    back = next(m for m in chain[2].records if "研究セキュリティ" in m.text)
    assert steps[2].lineage[back.id] == security.id
    assert back.id != security.id  # reworded and moved: its own record id differs
    assert find_lineage(steps, back.id) == security.id
    for step, version in zip(steps, chain, strict=True):
        for lineage in t.lineages:
            for entry in lineage.entries:
                if entry.label == version.label:
                    assert all(step.lineage[m.id] == lineage.id for m in entry.records)
