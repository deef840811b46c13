"""The parser never raises, whatever the text: hypothesis over arbitrary Unicode."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipdiff.parse.kpi import extract_kpis
from ipdiff.parse.records import parse_text
from ipdiff.parse.segment import segment

# Arbitrary text, biased towards the characters the parser reacts to.
MARKUP = st.sampled_from(
    ["\n", "- ", " - ", "◆", "**", "\t", "(出典)", "現状と課題", "今後の予定（方向性）", "の構成",
     "1. ", "①", "（※）", "# ", "兆円", "%", "割", "2033年までに", "令和8年度", "以上", "。"]
)
TEXT = st.lists(st.one_of(st.text(max_size=12), MARKUP), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_segment_never_raises_and_covers_every_line(text):
    blocks = segment(text)
    covered = set()
    for b in blocks:
        lines = set(range(b.line, b.end_line + 1))
        assert not lines & covered
        covered |= lines
    nonblank = {i + 1 for i, line in enumerate(text.split("\n")) if line.strip()}
    assert covered == nonblank


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200))
def test_kpis_never_raise(text):
    for k in extract_kpis(text):
        assert k.text and k.unit


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_parse_never_raises(nlp, text):
    edition = parse_text(text, "x", nlp)
    assert len({m.id for m in edition.records}) == len(edition.records)
