"""render/textdiff.py: the character diff of the 新旧対照表."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ipdiff.render import textdiff
from ipdiff.render.textdiff import char_diff, plain, shorten

_texts = st.lists(st.text(alphabet="あいう**ab1１ \n", max_size=12), max_size=3)


@settings(deadline=None)
@given(_texts, _texts)
def test_render_textdiff_char_diff_rebuilds_texts(old: list[str], new: list[str]) -> None:
    old_parts, new_parts = char_diff(old, new)
    assert ["".join(t for t, _ in p) for p in old_parts] == [s.replace("**", "") for s in old]
    assert ["".join(t for t, _ in p) for p in new_parts] == [s.replace("**", "") for s in new]
    if [s.replace("**", "") for s in old] == [s.replace("**", "") for s in new]:
        assert not any(changed for p in old_parts + new_parts for _, changed in p)


def test_render_textdiff_char_diff_across_parts() -> None:
    old, new = char_diff(["AB、CD"], ["AB", "CD"])
    assert old == [(("AB", False), ("、", True), ("CD", False))]
    assert new == [(("AB", False),), (("CD", False),)]


def test_render_textdiff_huge_record_changed_as_a_whole(monkeypatch) -> None:
    monkeypatch.setattr(textdiff, "MAX_DIFF_CELLS", 10)
    old, new = char_diff(["abcdef"], ["abcxef"])
    assert old == [(("abcdef", True),)] and new == [(("abcxef", True),)]


def test_render_textdiff_plain_and_shorten() -> None:
    assert plain("**重点**施策") == "重点施策"
    assert shorten("あ" * 10, limit=5) == "ああああ…"
    assert shorten(" a\n **b** ") == "a b"


def test_changed_spans_name_only_the_changed_line_of_a_long_record():
    from ipdiff.render.textdiff import changed_spans
    from tests.helpers import record

    first = "教育の無償化を段階的に進めます。対象は高校生まで広げます。"
    old = record(4, "\n".join([first, '<img src="a.png" width="300">', "財源は既存予算の見直しで確保します。"]))
    new = record(4, "\n".join([first, '<img src="a.png" width="300">', "財源は国債と既存予算の見直しで確保します。"]))
    spans = changed_spans([old], [new])
    assert spans == {
        "old": [{"line": 7, "text": "財源は既存予算の見直しで確保します。"}],
        "new": [{"line": 7, "text": "財源は国債と既存予算の見直しで確保します。"}],
    }
    # One sentence on each side: the record is the span, nothing to add.
    assert changed_spans([record(0, first.split("。")[0] + "。")], [record(0, "教育の無償化を進めます。")]) is None
