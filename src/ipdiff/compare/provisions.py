"""The alignment of two statutes, told by how laws are amended.

The generic aligner pairs records by their words. A statute adds three facts it cannot see:
- a provision belongs to one article: a split that spreads one old paragraph over two
  articles is a paragraph kept in one and a new paragraph in the other (特許法第四十三条の二
  and the new 第四十三条の二 beside the renumbered 第四十三条の三);
- a paragraph rewritten as a lead sentence (…次に掲げる…) and items is one provision split
  in two: the lead and the items that carry the old words;
- `削除` is what stands where a provision was removed: it pairs with no provision's text.

Pure: an `Alignment` in, an `Alignment` out. Applied only to the statute family, so a plan's
alignment never passes through here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ipdiff.compare.sections import SectionAlignment
from ipdiff.compare.similarity import coverage, reported_similarity, shape
from ipdiff.families.statute import ARTICLE_NUMBER, is_deleted
from ipdiff.model import Alignment, Group, Record

# A lead sentence that hands over to items: 次に掲げる…, 次の各号…, 当該各号に掲げる….
_LEAD = re.compile(r"次に掲げる|次の各号|当該各号")
_ARTICLE = re.compile(rf"^{ARTICLE_NUMBER}")
# An item joins a lead's split when it adds this share of the old paragraph's words.
ITEM_GAIN = 0.1


def _article(record: Record) -> tuple[str, ...]:
    """The path up to the record's article (its own section when it sits in one)."""
    section = record.section
    for k in range(len(section), 0, -1):
        if _ARTICLE.match(section[k - 1]):
            return section[:k]
    return section


def provisions(
    alignment: Alignment, old: Sequence[Record], new: Sequence[Record], sections: SectionAlignment
) -> Alignment:
    """The statute's alignment; see the module docstring."""
    groups = _deleted_apart(_one_article(list(alignment.groups), old, new, sections), old, new)
    groups = _lead_splits(groups, old, new)
    if groups == list(alignment.groups):
        return alignment
    return Alignment(tuple(sorted(groups, key=lambda g: (g.new or (-1,), g.old or (-1,)))))


def _one_article(
    groups: list[Group], old: Sequence[Record], new: Sequence[Record], sections: SectionAlignment
) -> list[Group]:
    out: list[Group] = []
    for g in groups:
        if len(g.old) != 1 or len(g.new) < 2 or g.pinned:
            out.append(g)
            continue
        home = sections.counterpart(_article(old[g.old[0]]))
        kept = tuple(j for j in g.new if _article(new[j]) == home)
        if not kept or len(kept) == len(g.new):
            out.append(g)
            continue
        out.append(Group(g.old, kept, reported_similarity([old[g.old[0]].text], [new[j].text for j in kept])))
        out += [Group((), (j,), None) for j in g.new if j not in kept]
    return out


def _deleted_apart(groups: list[Group], old: Sequence[Record], new: Sequence[Record]) -> list[Group]:
    out: list[Group] = []
    for g in groups:
        olds, news = [old[i] for i in g.old], [new[j] for j in g.new]
        if olds and news and any(is_deleted(r.text) for r in olds) != any(is_deleted(r.text) for r in news):
            out += [Group((i,), (), None) for i in g.old] + [Group((), (j,), None) for j in g.new]
        else:
            out.append(g)
    return out


def _lead_of(j: int, new: Sequence[Record], added: set[int]) -> int | None:
    """The lead sentence a new record is, or the unpaired lead its item run follows."""
    if _LEAD.search(new[j].text):
        return j
    k = j - 1
    while k >= 0 and new[k].kind == "item" and new[k].section == new[j].section:
        k -= 1
    if new[j].kind == "item" and k >= 0 and k in added and new[k].section == new[j].section:
        return k if _LEAD.search(new[k].text) else None
    return None


def _lead_splits(groups: list[Group], old: Sequence[Record], new: Sequence[Record]) -> list[Group]:
    """An old paragraph paired with a new lead (or with an item under an unpaired new lead),
    and the items after the lead that carry the old paragraph's words: one split."""
    added = {g.new[0] for g in groups if not g.old and len(g.new) == 1}
    joined: dict[Group, Group] = {}
    for g in groups:
        if len(g.old) != 1 or len(g.new) != 1 or g.pinned:
            continue
        i, j = g.old[0], g.new[0]
        lead = _lead_of(j, new, added)
        if lead is None or _LEAD.search(old[i].text):
            continue
        whole = shape(old[i].text)
        news = [lead]
        k = lead + 1
        while k < len(new) and new[k].kind == "item" and new[k].section == new[lead].section:
            if k != j and k not in added:
                break
            parts = [shape(new[x].text) for x in news]
            gain = coverage([*parts, shape(new[k].text)], whole) - coverage(parts, whole)
            if gain < ITEM_GAIN and k != j:
                break
            news.append(k)
            k += 1
        if len(news) > 1 and j in news:
            joined[g] = Group(g.old, tuple(news), reported_similarity([old[i].text], [new[x].text for x in news]))
    if not joined:
        return groups
    taken = {j for s in joined.values() for j in s.new}
    out = []
    for g in groups:
        if g in joined:
            out.append(joined[g])
        elif not (not g.old and len(g.new) == 1 and g.new[0] in taken):
            out.append(g)
    return out
