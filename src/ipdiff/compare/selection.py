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
from ipdiff.model import APPARATUS_KINDS, MEASURE_KINDS, Change, Diff, Kind

# Names of record kinds by group; any single record kind is accepted too.
KIND_GROUPS: dict[str, frozenset[str]] = {"measure": MEASURE_KINDS, "apparatus": APPARATUS_KINDS}
KIND_CHOICES: tuple[str, ...] = (*KIND_GROUPS, *get_args(Kind))


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def kinds_named(name: str) -> frozenset[str]:
    """`measure`, `apparatus`, or one record kind → the record kinds it stands for."""
    if name in KIND_GROUPS:
        return KIND_GROUPS[name]
    if name in get_args(Kind):
        return frozenset({name})
    raise UsageError("--kind", f"unknown kind {name!r} (use one of {', '.join(KIND_CHOICES)})")


def _in_section(change: Change, fragment: str) -> bool:
    return any(fragment in _norm(" > ".join(m.section)) for m in change.old + change.new)


def select_changes(diff: Diff, *, section: str | None = None, kind: str | None = None) -> Diff:
    """The changes under a heading containing `section` and holding a record of `kind`."""
    kinds = kinds_named(kind) if kind else None
    fragment = _norm(section) if section else None
    changes = tuple(
        c
        for c in diff.changes
        if (fragment is None or _in_section(c, fragment))
        and (kinds is None or any(m.kind in kinds for m in c.old + c.new))
    )
    return replace(diff, changes=changes, summary=summarize(changes))
