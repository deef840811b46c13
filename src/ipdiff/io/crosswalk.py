"""Human overrides of the alignment: `editions/crosswalk-<old>-<new>.toml`.

A researcher pins records into one group (a list on either side makes a split or a
merge) or forbids a pair. Kept in git beside the editions; applied on every run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipdiff.errors import InputError
from ipdiff.io.sources import load_toml, read_utf8, shown
from ipdiff.model import Edition


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """Record indices into the old and new editions."""

    pins: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()
    forbid: tuple[tuple[int, int], ...] = ()


def find_crosswalk(editions_dir: Path, old_label: str, new_label: str) -> Path | None:
    path = editions_dir / f"crosswalk-{old_label}-{new_label}.toml"
    try:
        # lexists: a symlink is found, so that reading it refuses it in one line.
        return path if os.path.lexists(path) else None
    except OSError:
        return None  # a name too long for the filesystem: no such file can exist


def _ids(value: object, where: str, what: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
        raise InputError(where, f"{what} must be a record id or a list of record ids")
    return items


def _entries(raw: dict[str, Any], table: str, where: str) -> list[dict[str, Any]]:
    """`[[pin]]`/`[[forbid]]`: an array of tables, nothing else (`pin = [1]`, `[pin]`)."""
    entries = raw.get(table, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(where, f"'{table}' must be an array of tables: write each entry as [[{table}]]")
    for n, entry in enumerate(entries, 1):
        unknown = set(entry) - {"old", "new", "note"}
        if unknown:
            raise InputError(where, f"{table} #{n}: unknown key(s) {', '.join(sorted(unknown))} (use old, new, note)")
        if not isinstance(entry.get("note", ""), str):
            raise InputError(where, f"{table} #{n}: 'note' must be a string")
    return entries


def parse_crosswalk(text: str, where: str, old: Edition, new: Edition) -> Crosswalk:
    raw = load_toml(text, where)
    unknown = set(raw) - {"pin", "forbid"}
    if unknown:
        raise InputError(where, f"unknown table(s): {', '.join(sorted(unknown))} (use [[pin]] and [[forbid]])")
    old_index = {m.id: i for i, m in enumerate(old.records)}
    new_index = {m.id: i for i, m in enumerate(new.records)}

    def resolve(entry: dict[str, Any], side: str, name: str) -> tuple[int, ...]:
        index = old_index if side == "old" else new_index
        ids = _ids(entry.get(side), where, f"{name}: '{side}'")
        for rid in ids:
            if rid not in index:
                raise InputError(where, f"unknown {side} record id {rid!r} in {name}")
        if len(set(ids)) != len(ids):
            twice = next(rid for rid in ids if ids.count(rid) > 1)
            raise InputError(where, f"{name}: {side} record id {twice!r} is given twice")
        return tuple(sorted(index[rid] for rid in ids))

    pins = []
    seen_old: set[int] = set()
    seen_new: set[int] = set()
    pinned_pairs: set[tuple[int, int]] = set()
    for n, entry in enumerate(_entries(raw, "pin", where), 1):
        name = f"pin #{n}"
        olds, news = resolve(entry, "old", name), resolve(entry, "new", name)
        if len(olds) > 1 and len(news) > 1:
            raise InputError(where, f"{name}: many-to-many groups are not allowed (split or merge, not both)")
        if seen_old & set(olds) or seen_new & set(news):
            raise InputError(where, f"{name}: a record is pinned twice")
        seen_old |= set(olds)
        seen_new |= set(news)
        pinned_pairs |= {(o, w) for o in olds for w in news}
        pins.append((olds, news))
    forbid: set[tuple[int, int]] = set()
    for n, entry in enumerate(_entries(raw, "forbid", where), 1):
        name = f"forbid #{n}"
        # Lists on both sides forbid every pair between them.
        pairs = {(o, w) for o in resolve(entry, "old", name) for w in resolve(entry, "new", name)}
        contradicted = sorted(pairs & pinned_pairs)
        if contradicted:
            o, w = contradicted[0]
            raise InputError(
                where,
                f"{name} forbids a pair that a pin joins (old {old.records[o].id!r}, new {new.records[w].id!r})",
            )
        forbid |= pairs
    return Crosswalk(tuple(pins), tuple(sorted(forbid)))


def load_crosswalk(path: Path, old: Edition, new: Edition) -> Crosswalk:
    return parse_crosswalk(read_utf8(path, "the crosswalk"), shown(path), old, new)
