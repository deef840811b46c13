"""Plan families: what one kind of document looks like (line rules, zones, kinds, its name).

Adding a family is one module beside these (a `Family`) and one line in `FAMILIES`.
"""

from __future__ import annotations

from ipdiff.errors import InputError
from ipdiff.families.base import Family, LineRules
from ipdiff.families.ip_plan import IP_PLAN
from ipdiff.families.markdown import MARKDOWN
from ipdiff.families.statute import STATUTE
from ipdiff.model import Edition, SourceText

__all__ = [
    "DEFAULT",
    "FAMILIES",
    "Family",
    "LineRules",
    "cache_tag",
    "detect_family",
    "document_name",
    "family_for",
    "family_named",
    "family_of",
]

# In order of precedence: on equal scores the first wins.
FAMILIES: tuple[Family, ...] = (IP_PLAN, MARKDOWN, STATUTE)
DEFAULT = IP_PLAN


def family_named(name: str, where: str = "family") -> Family:
    """The registered family called `name`; an unknown name is bad input."""
    for family in FAMILIES:
        if family.name == name:
            return family
    known = ", ".join(f.name for f in FAMILIES)
    raise InputError(where, f"unknown family {name!r} (known: {known})")


def detect_family(text: str) -> Family:
    """The family whose `detect` scores the text highest (the first on a tie)."""
    best, score = DEFAULT, 0.0
    for family in FAMILIES:
        s = family.detect(text)
        if s > score:
            best, score = family, s
    return best


def family_for(text: str, named: str | None = None, where: str = "family") -> Family:
    """The family an edition's metadata names, else the one its text looks like."""
    return family_named(named, where) if named else detect_family(text)


def family_of(source: SourceText) -> Family:
    """The family of one edition's source: named by its metadata, else detected."""
    named = source.meta.family if source.meta else None
    return family_for(source.text, named, f"{source.origin} (metadata)")


def cache_tag(family: Family) -> str:
    """The family's part of the parse cache key: its name and version."""
    return f"{family.name}/{family.version}"


def document_name(edition: Edition) -> str:
    """What the edition's document is called in headers and chart sources."""
    return family_named(edition.family).document_name
