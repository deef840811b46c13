"""Invariants of align + classify, with hypothesis over hand-built editions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ipdiff.api import compare
from ipdiff.render import RENDERERS
from tests.helpers import edition, record

SENTENCES = [
    "知財・無形資産ガバナンスガイドラインの改訂を行い、その普及・浸透を図る。",
    "営業秘密の漏洩防止に向けた制度の在り方を検討する。",
    "海賊版対策として、国際連携・執行の強化に官民一体となって取り組む。",
    "大学知財の社会実装機会の最大化に向けて、好事例の収集・公表等を行う。",
    "スタートアップに対し、審査段階において面接等を通じて権利取得を支援する。",
    "2033年までに海外市場規模を20兆円とする目標の実現に向けて官民投資を推進する。",
    "検挙事件数は2025年には38件（前年比73%増）。",
    "育成者権管理機関を今夏に立ち上げ、事業化する。",
    "現状と課題",
    "データ利活用の環境整備を推進する。",
]
SECTIONS = [("テーマ1",), ("テーマ2",), ("テーマ3",)]
EDITS = st.sampled_from(["", "一層", "着実に", "**"])

recs = st.lists(
    st.tuples(st.sampled_from(SENTENCES), st.sampled_from(SECTIONS), EDITS), min_size=0, max_size=10
).map(lambda items: [record(i, (e + t) if e != "**" else f"**{t}**", s) for i, (t, s, e) in enumerate(items)])


def _groups(d, flip=False):
    out = set()
    for c in d.changes:
        old = tuple(sorted(m.id for m in c.old))
        new = tuple(sorted(m.id for m in c.new))
        out.add((new, old) if flip else (old, new))
    return out


@settings(max_examples=150, deadline=None)
@given(recs)
def test_properties_diff_with_itself_has_no_changes(records):
    d = compare(edition("a", records), edition("a", records))
    assert all(c.type == "unchanged" and not c.cosmetic and not c.moved for c in d.changes)
    assert d.summary["unchanged"] == len(records)


@settings(max_examples=150, deadline=None)
@given(recs, recs)
def test_properties_every_record_exactly_once(a, b):
    b = [r.__class__(**{**{f: getattr(r, f) for f in r.__slots__}, "id": "n" + r.id}) for r in b]
    d = compare(edition("a", a), edition("b", b))
    old_ids = [m.id for c in d.changes for m in c.old]
    new_ids = [m.id for c in d.changes for m in c.new]
    assert sorted(old_ids) == sorted(m.id for m in a)
    assert sorted(new_ids) == sorted(m.id for m in b)


@settings(max_examples=150, deadline=None)
@given(recs, recs)
def test_properties_reverse_diff_mirrors(a, b):
    b = [r.__class__(**{**{f: getattr(r, f) for f in r.__slots__}, "id": "n" + r.id}) for r in b]
    ab = compare(edition("a", a), edition("b", b))
    ba = compare(edition("b", b), edition("a", a))
    assert _groups(ab) == _groups(ba, flip=True)
    mirror = {"added": "removed", "removed": "added", "split": "merged", "merged": "split"}
    for t in ("added", "removed", "split", "merged", "modified", "unchanged"):
        assert ab.summary[t] == ba.summary[mirror.get(t, t)]


@settings(max_examples=60, deadline=None)
@given(recs, recs)
def test_properties_same_bytes_every_run(a, b):
    first = compare(edition("a", a), edition("b", b))
    second = compare(edition("a", a), edition("b", b))
    assert RENDERERS["json"](first) == RENDERERS["json"](second)
