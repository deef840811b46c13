"""Human overrides of the alignment: `editions/crosswalk-<old>-<new>.toml`.

A researcher pins records into one group (a list on either side makes a split or a
merge) or forbids a pair. Kept in git beside the editions; applied on every run.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ipdiff.errors import InputError
from ipdiff.model import Edition


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """Record indices into the old and new editions."""

    pins: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()
    forbid: tuple[tuple[int, int], ...] = ()


def find_crosswalk(editions_dir: Path, old_label: str, new_label: str) -> Path | None:
    path = editions_dir / f"crosswalk-{old_label}-{new_label}.toml"
    return path if path.exists() else None


def _ids(value: object, where: str, what: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
        raise InputError(where, f"{what} must be a record id or a list of record ids")
    return items


def parse_crosswalk(text: str, where: str, old: Edition, new: Edition) -> Crosswalk:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"is not valid TOML: {exc}") from None
    unknown = set(raw) - {"pin", "forbid"}
    if unknown:
        raise InputError(where, f"unknown table(s): {', '.join(sorted(unknown))} (use [[pin]] and [[forbid]])")
    old_index = {m.id: i for i, m in enumerate(old.records)}
    new_index = {m.id: i for i, m in enumerate(new.records)}

    def resolve(ids: list[str], index: dict[str, int], side: str, entry: str) -> tuple[int, ...]:
        for rid in ids:
            if rid not in index:
                raise InputError(where, f"unknown {side} record id {rid!r} in {entry}")
        return tuple(sorted(index[rid] for rid in ids))

    pins = []
    seen_old: set[int] = set()
    seen_new: set[int] = set()
    for n, entry in enumerate(raw.get("pin", []), 1):
        name = f"pin #{n}"
        olds = resolve(_ids(entry.get("old"), where, f"{name}: 'old'"), old_index, "old", name)
        news = resolve(_ids(entry.get("new"), where, f"{name}: 'new'"), new_index, "new", name)
        if len(olds) > 1 and len(news) > 1:
            raise InputError(where, f"{name}: many-to-many groups are not allowed (split or merge, not both)")
        if seen_old & set(olds) or seen_new & set(news):
            raise InputError(where, f"{name}: a record is pinned twice")
        seen_old |= set(olds)
        seen_new |= set(news)
        pins.append((olds, news))
    forbid = []
    for n, entry in enumerate(raw.get("forbid", []), 1):
        name = f"forbid #{n}"
        (o,) = resolve(_ids(entry.get("old"), where, f"{name}: 'old'")[:1], old_index, "old", name)
        (w,) = resolve(_ids(entry.get("new"), where, f"{name}: 'new'")[:1], new_index, "new", name)
        forbid.append((o, w))
    return Crosswalk(tuple(pins), tuple(sorted(forbid)))


def load_crosswalk(path: Path, old: Edition, new: Edition) -> Crosswalk:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read: {exc}") from None
    return parse_crosswalk(text, str(path), old, new)
