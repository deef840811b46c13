"""An edition's story across versions: git commits of one file, or the edition sequence.

Lineage only: the versions come from sources.py (git) or editions/, the output from
render/history.py.

Every measure gets a lineage id that follows it through moves, rewording, splits and
merges: the id of the record it descends from in the earliest version it appears in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ipdiff.errors import InputError
from ipdiff.lineage.walk import walk
from ipdiff.model import Diff, Edition, unmarked


@dataclass(frozen=True, slots=True)
class Version:
    """One version of an edition: a commit of the file, or an edition in editions/."""

    key: str  # commit sha, or edition label
    date: str | None
    subject: str
    edition: Edition


@dataclass(frozen=True, slots=True)
class Step:
    """What changed from the previous version to this one."""

    version: Version
    diff: Diff | None  # None for the first version
    lineage: dict[str, str]  # record id in this version → lineage id


def lineages(versions: Sequence[Version], diffs: Sequence[Diff]) -> list[dict[str, str]]:
    """Record id → lineage id, per version, from the same walk as the timeline's: gaps
    bridged, so `history --measure` and `timeline` name the same lineage."""
    return walk([v.edition for v in versions], diffs).ids


def build_history(versions: Sequence[Version], diff_fn: Callable[[Edition, Edition], Diff]) -> list[Step]:
    """Each version with its diff from the one before and its lineage ids."""
    diffs = [diff_fn(a.edition, b.edition) for a, b in zip(versions, versions[1:], strict=False)]
    lines = lineages(versions, diffs)
    return [
        Step(v, diffs[i - 1] if i else None, lines[i]) for i, v in enumerate(versions)
    ]


# Candidates shown when a prefix or fragment is ambiguous (the message stays one line).
MAX_CANDIDATES = 8
_ID_PREFIX = re.compile(r"^[0-9a-f]{4,}$")


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", unmarked(text)).split())


def _candidates(steps: Sequence[Step], measure: str) -> dict[str, str]:
    """Lineage id → its latest text, for ids starting with `measure` or texts containing it."""
    found: dict[str, str] = {}
    by_id = bool(_ID_PREFIX.match(measure))
    needle = _norm(measure)
    for step in steps:
        for m in step.version.edition.records:
            lineage = step.lineage.get(m.id, m.id)
            if by_id:
                hit = m.id.startswith(measure) or lineage.startswith(measure)
            else:
                hit = bool(needle) and needle in _norm(m.text)
            if hit:
                found[lineage] = m.plain
    return found


def find_lineage(steps: Sequence[Step], measure: str) -> str:
    """The lineage `measure` names: a lineage or record id, a unique id prefix (4+ hex
    digits), or a fragment of the measure's text in any version."""
    for step in steps:
        if measure in step.lineage:
            return step.lineage[measure]
        if measure in step.lineage.values():
            return measure
    found = _candidates(steps, measure)
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise InputError(measure, "no record or lineage with this id, id prefix or text in any version")
    shown = "; ".join(
        f"{lin} 「{text[:40]}{'…' if len(text) > 40 else ''}」" for lin, text in sorted(found.items())[:MAX_CANDIDATES]
    )
    more = f"; and {len(found) - MAX_CANDIDATES} more" if len(found) > MAX_CANDIDATES else ""
    raise InputError(measure, f"matches {len(found)} measures, give more of it: {shown}{more}")
