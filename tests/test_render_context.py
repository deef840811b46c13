"""render/context.py: the view models every renderer shares."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipdiff.model import Diff, Edition
from ipdiff.render import RENDERERS, context
from ipdiff.render.context import (
    char_diff,
    format_quantity,
    kpi_rows,
    report_context,
    section_blocks,
    summarize,
)
from tests.render_fixtures import make_diff

VIEW_MODELS = [
    obj
    for obj in vars(context).values()
    if isinstance(obj, type)
    and dataclasses.is_dataclass(obj)
    and obj.__module__ == context.__name__
]


@pytest.mark.parametrize("cls", VIEW_MODELS, ids=lambda c: c.__name__)
def test_render_context_fields_documented(cls: type) -> None:
    assert cls.__doc__
    for f in dataclasses.fields(cls):
        assert f.metadata.get("help"), f"{cls.__name__}.{f.name} has no help"


_texts = st.lists(st.text(alphabet="あいう**ab1１ \n", max_size=12), max_size=3)


@given(_texts, _texts)
def test_render_context_char_diff_rebuilds_texts(old: list[str], new: list[str]) -> None:
    old_parts, new_parts = char_diff(old, new)
    assert ["".join(t for t, _ in p) for p in old_parts] == [s.replace("**", "") for s in old]
    assert ["".join(t for t, _ in p) for p in new_parts] == [s.replace("**", "") for s in new]
    if [s.replace("**", "") for s in old] == [s.replace("**", "") for s in new]:
        assert not any(changed for p in old_parts + new_parts for _, changed in p)


def test_render_context_char_diff_across_parts() -> None:
    old, new = char_diff(["AB、CD"], ["AB", "CD"])
    assert old == [(("AB", False), ("、", True), ("CD", False))]
    assert new == [(("AB", False),), (("CD", False),)]


@pytest.mark.parametrize(
    ("value", "unit", "signed", "expected"),
    [
        (Decimal("300000000000"), "円", True, "+3,000億円"),
        (Decimal("27100000000000"), "円", False, "27.1兆円"),
        (Decimal("-1"), "位", True, "-1位"),
        (Decimal("20"), "pt", True, "+20ポイント"),
        (Decimal("0"), "件", True, "0件"),
        (Decimal("12345"), "人", False, "1.23万人"),
        (Decimal("2.5"), "%", False, "2.5%"),
    ],
)
def test_render_context_format_quantity(
    value: Decimal, unit: str, signed: bool, expected: str
) -> None:
    assert format_quantity(value, unit, signed=signed) == expected


def test_render_context_summarize_empty() -> None:
    assert summarize(()) == {
        "added": 0,
        "removed": 0,
        "modified": 0,
        "unchanged": 0,
        "split": 0,
        "merged": 0,
        "moved": 0,
        "kpi_changes": 0,
        "strength_changes": 0,
    }


def test_render_context_sections_group_two_levels() -> None:
    blocks = section_blocks(make_diff())
    invest = blocks[1]
    assert invest.label == "1. 知財・無形資産への投資促進 > (1) 企業経営"
    assert [r.anchor for r in invest.rows] == ["c-o03-n03"]
    assert [r.anchor for r in invest.unchanged_rows] == ["c-o05-n04"]
    counts = {c.type: c.count for c in invest.counts}
    assert counts == {
        "added": 0,
        "removed": 0,
        "modified": 1,
        "unchanged": 1,
        "split": 0,
        "merged": 0,
    }
    assert len({b.id for b in blocks}) == len(blocks)


def test_render_context_kpi_rows() -> None:
    rows = {r.metric: r for r in kpi_rows(make_diff())}
    share = rows["利用率"]
    assert (share.delta, share.delta_text, share.pct_text) == (
        Decimal("20.0"),
        "+20ポイント",
        "+50.0%",
    )
    sites = rows["拠点数"]
    assert sites.delta is None and sites.pct_text is None and sites.trend == "new"
    assert sites.year == "2030年（目標）"
    assert "10拠点" in sites.sentence
    assert rows["アクセス数"].trend == "gone"
    assert rows["GII順位"].trend == "down"


def test_render_context_report() -> None:
    ctx = report_context(make_diff())
    assert ctx.old.is_sample and ctx.old.banner and ctx.new.is_draft
    assert [r.anchor for r in ctx.strengthened] == ["c-o03-n03"]
    assert [r.anchor for r in ctx.weakened] == ["c-o04-n05"]
    assert ctx.total == 11
    assert ctx.generator == (("ipdiff", "0.1.0"), ("model", "ja_ginza 5.3.0"), ("spacy", "3.8.7"))


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_render_all_formats_empty_diff_without_meta(fmt: str) -> None:
    # No changes, no metadata, no generator: every renderer still gives a stable text.
    diff = Diff(
        old=Edition(label="a", sha256="0" * 64, records=()),
        new=Edition(label="b", sha256="1" * 64, records=()),
        changes=(),
    )
    text = RENDERERS[fmt](diff)
    assert text == RENDERERS[fmt](diff) and text.endswith("\n")
    assert context.SAMPLE_NOTICE not in text and context.DRAFT_NOTICE not in text
