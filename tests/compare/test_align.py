"""Alignment on hand-built records: every kind of revision a plan goes through."""

from __future__ import annotations

from ipdiff.compare.align import align, score_pairs
from ipdiff.compare.similarity import normalise
from tests.helpers import record

A = "知財・無形資産ガバナンスガイドラインの改訂を行い、その普及・浸透を図る。"
B = "営業秘密の漏洩防止に向けた制度の在り方を検討する。"
C = "海賊版対策として、国際連携・執行の強化に官民一体となって取り組む。"
D = "大学知財の社会実装機会の最大化に向けて、好事例の収集・公表等を行う。"
E = "スタートアップに対し、審査段階において面接等を通じて権利取得を支援する。"


def pairs(alignment):
    return sorted((g.old, g.new) for g in alignment.groups)


def test_align_identity():
    recs = [record(i, t) for i, t in enumerate([A, B, C, D, E])]
    assert pairs(align(recs, recs)) == [((i,), (i,)) for i in range(5)]


def test_align_reordered_bullets():
    old = [record(i, t) for i, t in enumerate([A, B, C, D, E])]
    new = [record(i, t) for i, t in enumerate([C, A, E, B, D])]
    assert pairs(align(old, new)) == [((0,), (1,)), ((1,), (3,)), ((2,), (0,)), ((3,), (4,)), ((4,), (2,))]


def test_align_rewording_and_numbers():
    old = [record(0, "検挙事件数は2024年には22件。" + B), record(1, C)]
    new = [record(0, C.replace("取り組む", "一層積極的に取り組む")), record(1, "検挙事件数は2025年には38件。" + B)]
    assert pairs(align(old, new)) == [((0,), (1,)), ((1,), (0,))]


def test_align_moved_to_another_section_still_matches():
    old = [record(0, A, ("テーマ1",)), record(1, B, ("テーマ1",))]
    new = [record(0, A, ("テーマ1",)), record(1, B, ("テーマ2",))]
    assert pairs(align(old, new)) == [((0,), (0,)), ((1,), (1,))]


def test_align_section_breaks_ties_between_equal_texts():
    old = [record(0, "現状と課題", ("テーマ1",), "heading"), record(1, "現状と課題", ("テーマ2",), "heading")]
    new = [record(0, "現状と課題", ("テーマ2",), "heading"), record(1, "現状と課題", ("テーマ1",), "heading")]
    assert pairs(align(old, new)) == [((0,), (1,)), ((1,), (0,))]


def test_align_split_and_merge():
    whole = A.removesuffix("。") + "とともに、" + E
    old = [record(0, whole), record(1, B), record(2, C), record(3, D)]
    new = [record(0, A), record(1, E), record(2, B), record(3, C + D)]
    assert pairs(align(old, new)) == [((0,), (0, 1)), ((1,), (2,)), ((2, 3), (3,))]


def test_align_added_and_removed_stay_alone():
    old = [record(0, A), record(1, B)]
    new = [record(0, A), record(1, E)]
    assert pairs(align(old, new)) == sorted([((0,), (0,)), ((1,), ()), ((), (1,))])


def test_align_kinds_do_not_cross():
    old = [record(0, "コンテンツ戦略の推進", kind="heading")]
    new = [record(0, "コンテンツ戦略の推進", kind="table_row")]
    assert pairs(align(old, new)) == sorted([((0,), ()), ((), (0,))])


def test_align_pins_and_forbids():
    old = [record(0, A), record(1, B)]
    new = [record(0, A), record(1, B)]
    result = align(old, new, pins=[((0,), (1,))], forbid=[(1, 1)])
    assert pairs(result) == sorted([((0,), (1,)), ((1,), ()), ((), (0,))])
    assert [g.pinned for g in result.groups if g.old == (0,)] == [True]


def test_align_cosmetic_normalisation():
    assert normalise("**知財**の 推進，２０２５年、1,000件。") == normalise("知財の推進、2025年、1,000件.")


def test_align_scores_are_symmetric_enough():
    old = [record(i, t) for i, t in enumerate([A, B, C])]
    new = [record(i, t) for i, t in enumerate([C, A.replace("図る", "進める"), B])]
    s1 = score_pairs(old, new)
    s2 = score_pairs(new, old)
    assert s1[(0, 1)] == s2[(1, 0)]


def test_align_matching_is_optimal_like_scipy():
    import numpy as np
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from scipy.optimize import linear_sum_assignment

    from tests.helpers import max_weight_matching

    @settings(max_examples=200, deadline=None)
    @given(st.integers(1, 9), st.integers(1, 9), st.integers(0, 10_000), st.floats(0.0, 0.9))
    def check(n, m, seed, sparsity):
        rng = np.random.default_rng(seed)
        w = rng.random((n, m)).round(3)
        w[rng.random((n, m)) < sparsity] = 0.0
        pairs = max_weight_matching(w)
        assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
        rs, cs = linear_sum_assignment(w, maximize=True)
        assert abs(sum(w[r, c] for r, c in pairs) - w[rs, cs].sum()) < 1e-9

    check()
