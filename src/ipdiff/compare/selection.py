"""`ipdiff diff --section TEXT --kind KIND`: a researcher's subset of a diff.

Pure: a `Diff` in, a `Diff` of the matching changes out, its summary recounted. A change
matches when any record on either side matches, so a measure moved out of the asked-for
section is still found. Texts are compared after NFKC (full/half width alike).
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import get_args

from ipdiff.compare.classify import summarize
from ipdiff.errors import UsageError
from ipdiff.families import DEFAULT, Family, family_named
from ipdiff.model import Change, Diff, Kind

# Names of record kinds by group (as each family counts them); any single record kind too.
KIND_GROUPS: tuple[str, ...] = ("measure", "apparatus")
KIND_CHOICES: tuple[str, ...] = (*KIND_GROUPS, *get_args(Kind))
# Kinds renamed since: the old name still selects (a sub-bullet was once called `figure`).
RENAMED_KINDS: dict[str, str] = {"figure": "sub_bullet"}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def kinds_named(name: str, family: Family = DEFAULT) -> frozenset[str]:
    """`measure`, `apparatus`, or one record kind → the record kinds it stands for (the
    groups as the family counts them)."""
    if name == "measure":
        return frozenset(family.measure_kinds)
    if name == "apparatus":
        return frozenset(family.apparatus_kinds)
    name = RENAMED_KINDS.get(name, name)
    if name in get_args(Kind):
        return frozenset({name})
    raise UsageError("--kind", f"unknown kind {name!r} (use one of {', '.join(KIND_CHOICES)})")


def _in_section(change: Change, fragment: str) -> bool:
    return any(fragment in _norm(" > ".join(m.section)) for m in change.old + change.new)


def nearest_headings(diff: Diff, fragment: str, limit: int = 5) -> list[str]:
    """The headings of either edition closest to what was asked (a typo, another wording)."""
    from rapidfuzz import fuzz, process

    headings = list(dict.fromkeys(h for c in diff.changes for m in c.old + c.new for h in m.section))
    found = process.extract(
        _norm(fragment), [_norm(h) for h in headings], scorer=fuzz.partial_ratio, limit=limit
    )
    return [headings[i] for _, _, i in sorted(found, key=lambda f: (-f[1], f[2]))]


def _nothing_matched(diff: Diff, section: str | None, kind: str | None) -> UsageError:
    """An empty selection would read as "nothing changed here": say what exists instead."""
    if section:
        near = "、".join(nearest_headings(diff, section)) or "(none)"
        what = repr(section) + (f" with --kind {kind!r}" if kind else "")
        return UsageError("--section", f"{what} matches no change; nearest section names: {near}")
    present = sorted({m.kind for c in diff.changes for m in c.old + c.new})
    return UsageError("--kind", f"{kind!r} matches no change; kinds present: {', '.join(present)}")


def select_changes(diff: Diff, *, section: str | None = None, kind: str | None = None) -> Diff:
    """The changes under a heading containing `section` and holding a record of `kind`.

    A selection that matches nothing is an error naming the nearest sections (or the kinds
    present), not an empty report."""
    kinds = kinds_named(kind, family_named(diff.new.family)) if kind else None
    fragment = _norm(section) if section else None
    changes = tuple(
        c
        for c in diff.changes
        if (fragment is None or _in_section(c, fragment))
        and (kinds is None or any(m.kind in kinds for m in c.old + c.new))
    )
    if not changes and diff.changes:
        raise _nothing_matched(diff, section, kind)
    return replace(diff, changes=changes, summary=summarize(changes))
