"""Synthetic chains of editions (bench.chains): their ground truth, and the lineage scorer."""

from __future__ import annotations

from bench.chains import LineageScore, make_chain, score_lineages
from ipdiff.lineage.timeline import Entry, Lineage, Timeline
from ipdiff.model import Edition, Record


def test_chain_truth_names_every_bullet_and_its_returns(text_2026: str) -> None:
    chain = make_chain(text_2026, 6, seed=3)
    assert len(chain.editions) == 6
    assert chain.editions[0].text == text_2026  # the chain starts from the text itself
    for ed in chain.editions:
        lines = ed.text.split("\n")
        assert ed.truth and all(lines[n - 1].startswith("- ") for n in ed.truth)
    # Each restored measure was absent from the edition before and is back now.
    assert chain.restored
    for k, lineage in chain.restored:
        assert lineage in chain.editions[k].truth.values()
        assert lineage not in chain.editions[k - 1].truth.values()
    # Some figures move every edition.
    texts = [set(ed.text.split("\n")) for ed in chain.editions]
    assert all(a != b for a, b in zip(texts, texts[1:], strict=False))
    assert make_chain(text_2026, 6, seed=3) == chain  # seeded: the same chain again


def _timeline(groups: list[list[tuple[int, int]]]) -> Timeline:
    """A timeline whose lineages hold the given (edition, line) occurrences."""
    def rec(k: int, line: int) -> Record:
        return Record(id=f"{k}-{line}", section=(), kind="point", text="x", line=line, end_line=line)

    lineages = tuple(
        Lineage(f"L{n}", tuple(Entry(str(k), (rec(k, line),), "added", k) for k, line in g), ())
        for n, g in enumerate(groups)
    )
    eds = tuple(Edition(str(k), "0" * 64, ()) for k in range(3))
    return Timeline(eds, lineages, ())


def test_scorer_counts_pairs_of_occurrences() -> None:
    from bench.chains import Chain, ChainEdition

    truth = [{1: "a", 2: "b"}, {1: "a", 2: "b"}, {1: "a", 2: "b"}]
    chain = Chain(tuple(ChainEdition("", t) for t in truth), ())
    perfect = score_lineages(chain, _timeline([[(0, 1), (1, 1), (2, 1)], [(0, 2), (1, 2), (2, 2)]]))
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    # b broken in two after edition 0: one true pair of b's three is found, none wrong.
    broken = score_lineages(chain, _timeline([[(0, 1), (1, 1), (2, 1)], [(0, 2)], [(1, 2), (2, 2)]]))
    assert broken == LineageScore(6, 4, 4, 0, 0)
    # a and b joined: every pair found is true only within a or b.
    joined = score_lineages(chain, _timeline([[(k, n) for k in range(3) for n in (1, 2)]]))
    assert joined.recall == 1.0 and joined.precision == 6 / 15
