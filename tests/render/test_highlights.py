"""render/highlights.py: the 「主な変更」 rule."""

from __future__ import annotations

from ipdiff.model import Change, Diff, Edition, Kind, KpiChange, KpiValue, Record, StrengthChange
from ipdiff.render.build import diff_view
from ipdiff.render.highlights import TIER_LIMITS, policy_groups, same_policy

THEME_A = ("1. 創造", "AIと知的財産権")
THEME_B = ("2. 保護", "技術流出の防止")
POINTS = ("「計画」のポイント", "2. 生成AI")


def _r(rid: str, text: str, section: tuple[str, ...] = THEME_A, kind: Kind = "point", **kw) -> Record:
    return Record(rid * 12 if len(rid) == 1 else rid, section, kind, text, 1, 1, **kw)


def _view(*changes: Change):
    old = tuple(m for c in changes for m in c.old)
    new = tuple(m for c in changes for m in c.new)
    return diff_view(Diff(Edition("2030", "0" * 64, old), Edition("2031", "1" * 64, new), changes))


def test_tiers_in_order_and_apparatus_never_news():
    target_old = KpiValue("50兆円", 50e12, "円", 2033, metric="規模", target=True)
    target_new = KpiValue("40兆円", 40e12, "円", 2033, metric="規模", target=True)
    changes = (
        Change("added", (), (_r("a", "海外サーバを介した侵害への対応を新たに検討する。"),)),
        Change("added", (), (_r("h", "新しい見出しの文言がここにある", kind="heading"),)),
        Change(
            "modified", (_r("b", "2033年までに50兆円とする。"),), (_r("c", "2033年までに40兆円とする。"),),
            similarity=0.9, kpis=(KpiChange("規模", target_old, target_new),),
        ),
        Change(
            "modified", (_r("d", "措置を講じる。"),), (_r("e", "在り方を検討する。", THEME_B),),
            moved=True, similarity=0.5, strength=StrengthChange("implement", "explore", "down"),
        ),
        Change("removed", (_r("f", "意匠の保護の在り方を検討する。"),), ()),
        Change(
            "modified", (_r("g", "検討する。"),), (_r("i", "実施する。"),),
            similarity=0.5, strength=StrengthChange("study", "implement", "up"),
        ),
        Change("unchanged", (_r("j", "人材を育成する。"),), (_r("k", "人材を育成する。", THEME_B),), moved=True),
    )
    view = _view(*changes)
    got = [(h.rank, h.label) for h in view.highlights]
    assert got == [(1, "後退"), (2, "強化"), (3, "目標"), (4, "新設"), (5, "削除"), (6, "移動")]
    assert view.highlights[2].detail == "目標 50兆円 → 40兆円"
    assert view.highlights[5].detail == "1. 創造 > AIと知的財産権 から移動"
    assert all(h.anchor != "c-hhhhhhhhhhhh" for h in view.highlights)
    # Counts: the heading is apparatus, the rest are measures.
    assert {c.type: c.count for c in view.apparatus_counts}["added"] == 1
    assert {c.type: c.count for c in view.measure_counts}["added"] == 1
    assert view.moved_measures == 2


def test_one_policy_in_several_places_is_one_item_listing_them():
    policy = "プリンシプル・コード（仮称）を制定するとともに、クリエイター等への対価還元を促進する"
    changes = (
        Change("added", (), (_r("p", "1. " + policy, POINTS, kind="statement"),)),
        Change("added", (), (_r("q", "**" + policy + "。**", THEME_A, kind="plan"),)),
        Change("added", (), (_r("r", policy + "。", THEME_B, kind="point"),)),
        Change("added", (), (_r("s", "まったく別の新しい施策を推進するための体制を整える。", THEME_B),)),
    )
    view = _view(*changes)
    new = [h for h in view.highlights if h.label == "新設"]
    assert len(new) == 2
    # The policy stated in three places leads, quoted from its ◆ point, places listed.
    assert new[0].anchor == "c-rrrrrrrrrrrr" and len(new[0].places) == 3
    assert {p.anchor for p in new[0].places} == {"c-pppppppppppp", "c-qqqqqqqqqqqq", "c-rrrrrrrrrrrr"}
    assert new[1].places == ()
    assert len(policy_groups(view.changes, "new")) == 2


def test_same_policy_needs_near_containment_of_a_long_enough_text():
    assert same_policy("知的財産の侵害抑止の実効性を高める", "さらに知的財産の侵害抑止の実効性を高める。")
    assert not same_policy("知的財産の侵害抑止の実効性を高める", "海外展開を支援する仕組みを構築する。")
    assert not same_policy("検討する", "在り方を検討する")  # too short to call it one policy


def test_new_and_dropped_tiers_are_capped():
    texts = [
        "海賊版サイトへの対策を国際連携で強化する。", "大学の知財ガバナンスを強化する仕組みを作る。",
        "中小企業の海外出願費用を助成する制度を拡充する。", "標準化人材の育成プログラムを新設する。",
        "コンテンツ制作現場の取引適正化を進める。", "農林水産物の品種登録を海外で促進する。",
        "データ連携基盤の相互運用性を確保する。", "営業秘密の管理体制の点検を企業に促す。",
    ]
    assert len(texts) == TIER_LIMITS[4] + 3
    changes = tuple(Change("added", (), (_r(f"n{i:011d}", t),)) for i, t in enumerate(texts))
    view = _view(*changes)
    assert len(view.highlights) == TIER_LIMITS[4]
    assert [h.anchor for h in view.highlights] == [f"c-n{i:011d}" for i in range(TIER_LIMITS[4])]
    # The full list by theme still has every one of them.
    assert sum(len(t.changes) for t in view.themes) == len(changes)


def test_a_target_year_pushed_back_is_news():
    old = KpiValue("8割", 80, "%", metric="利用率", target=True, target_year=2027)
    new = KpiValue("8割", 80, "%", metric="利用率", target=True, target_year=2029)
    change = Change(
        "modified", (_r("b", "2027年度までに8割とする。"),), (_r("c", "2029年度までに8割とする。"),),
        similarity=0.95, kpis=(KpiChange("利用率", old, new),),
    )
    (item,) = _view(change).highlights
    assert (item.label, item.detail) == ("目標", "目標 8割 → 8割（2027年 → 2029年）")
