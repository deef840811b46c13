"""render/textdiff.py: the character diff of the 新旧対照表."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ipdiff.render import textdiff
from ipdiff.render.textdiff import char_diff, plain, shorten

_texts = st.lists(st.text(alphabet="あいう**ab1１ \n", max_size=12), max_size=3)


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
