"""Two parsed editions → a complete `Diff`: the compare stage wired, once.

align → sections (with their evidence) → classify → summary, under the newer edition's
plan family. Pure: editions (and a crosswalk's pins) in, a `Diff` out.
"""

from __future__ import annotations

from ipdiff.families import family_named
from ipdiff.io.crosswalk import Crosswalk
from ipdiff.model import Diff, Edition


def compare(
    old: Edition,
    new: Edition,
    *,
    crosswalk: Crosswalk | None = None,
    generator: dict[str, str] | None = None,
) -> Diff:
    """The pure middle of the pipeline: align → sections → classify → summary."""
    from ipdiff.compare.align import align
    from ipdiff.compare.classify import classify, summarize
    from ipdiff.compare.evidence import with_sections

    cw = crosswalk or Crosswalk()
    # Two editions of different families compare by the newer one's rules.
    family = family_named(new.family)
    alignment = align(
        old.records,
        new.records,
        pins=cw.pins,
        forbid=cw.forbid,
        old_label=old.label,
        new_label=new.label,
        family=family,
    )
    alignment, sections = with_sections(old.records, new.records, alignment, old.label, new.label, family)
    changes = classify(old, new, alignment, sections)
    opened = {new.records[k].id: path for k, path in sorted(sections.new_opens.items())}
    return Diff(old, new, changes, summarize(changes), dict(generator or {}), sections.pairs, opened)
