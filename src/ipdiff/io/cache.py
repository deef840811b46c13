"""On-disk cache of parsed records, so a repeated run never pays for GiNZA again.

Keyed by the source bytes' sha256, the edition label (ids mask it), ipdiff's
PARSER_VERSION, the model's name and version, and the plan family's name and version. An entry carries a checksum of its
payload and the key it was written under (an entry copied to another key's name is
not that key's); a truncated, garbage or misplaced entry is deleted and rebuilt, never trusted. Writes go
through a temp file and `os.replace`, so concurrent runs cannot leave a torn entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import types
import typing
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ipdiff import PARSER_VERSION
from ipdiff.io.outputs import write_atomic
from ipdiff.io.versions import model_version
from ipdiff.model import Commitment, KpiValue, Record, SourceText

FORMAT = 2  # 2: the entry holds its key


def default_dir() -> Path:
    env = os.environ.get("IPDIFF_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("ipdiff"))


# Field by field, what an entry's record may hold: a checksum proves the bytes are the
# ones written, not that what was written has the right shape (a hand-made entry can
# carry a valid checksum).
def _schema(cls: type) -> dict[str, tuple[tuple[type, ...], bool]]:
    """Field → (JSON types it may hold, whether null is allowed), read off the dataclass's
    annotations, so a field added to the model is checked too."""
    out: dict[str, tuple[tuple[type, ...], bool]] = {}
    for name, hint in typing.get_type_hints(cls).items():
        args = typing.get_args(hint)
        optional = type(None) in args and typing.get_origin(hint) in (types.UnionType, typing.Union)
        base = next((a for a in args if a is not type(None)), hint) if optional else hint
        origin = typing.get_origin(base)
        if origin in (tuple, list):
            kinds: tuple[type, ...] = (list,)
        elif origin is typing.Literal:
            kinds = (str,)
        elif base is float:
            kinds = (int, float)
        else:
            kinds = (base,)
        out[name] = (kinds, optional)
    return out


_RECORD_FIELDS = _schema(Record)
_KPI_FIELDS = _schema(KpiValue)
_COMMITMENT_FIELDS = _schema(Commitment)
# An entry holds the records and their lemmas: a few times the edition's bytes.
ENTRY_SIZE_FACTOR = 8


def _checked(d: object, fields: dict[str, tuple[tuple[type, ...], bool]]) -> dict[str, Any]:
    if not isinstance(d, dict) or set(d) != set(fields):
        raise ValueError("not the fields of a record")
    for key, (allowed, optional) in fields.items():
        value = d[key]
        if value is None and optional:
            continue
        # bool is an int to Python; a count or a place given as true is not one.
        if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            raise ValueError(f"{key} has the wrong type")
    return d


def _strings(value: list[Any]) -> tuple[str, ...]:
    if not all(isinstance(v, str) for v in value):
        raise ValueError("a list of strings holds something else")
    return tuple(value)


def _measure_from(raw: object) -> Record:
    d = _checked(raw, _RECORD_FIELDS)
    return Record(
        id=d["id"],
        section=_strings(d["section"]),
        kind=d["kind"],
        text=d["text"],
        line=d["line"],
        end_line=d["end_line"],
        emphasis=_strings(d["emphasis"]),
        kpis=tuple(KpiValue(**_checked(k, _KPI_FIELDS)) for k in d["kpis"]),
        predicate=d["predicate"],
        strength=d["strength"],
        lemmas=_strings(d["lemmas"]),
        parent=d["parent"],
        commitments=tuple(_commitment_from(c) for c in d["commitments"]),
        label=d["label"],
    )


def _commitment_from(raw: object) -> Commitment:
    c = _checked(raw, _COMMITMENT_FIELDS)
    start, end = c["span"]
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValueError("a span holds something else")
    return Commitment(c["object"], c["predicate"], c["level"], (start, end))


def _entry_bytes(path: Path) -> bytes | None:
    """An entry's bytes, read as an edition is: a regular file (never a symlink, a FIFO
    or a device), bounded in size. None when there is none; ValueError when it is not one."""
    from ipdiff.errors import InputError
    from ipdiff.io.sources import max_bytes, read_bytes

    if not os.path.lexists(path):
        return None
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file")
    limit = max_bytes() * ENTRY_SIZE_FACTOR
    if info.st_size > limit:
        raise ValueError("too large")
    try:
        data = read_bytes(path, limit)
    except InputError as exc:
        raise ValueError(exc.problem) from None
    return data


class ParseCache:
    """`root=None` disables the cache (`--no-cache`)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(source: SourceText, family: str = "") -> str:
        """`family` names the plan family and its version (`ip_plan/1`)."""
        parts = [source.sha256, source.label, PARSER_VERSION, model_version(), str(FORMAT), family]
        if source.importer:
            parts.append(source.importer)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def _path(self, source: SourceText, family: str) -> Path | None:
        return None if self.root is None else self.root / f"{self.key(source, family)}.json"

    def get(self, source: SourceText, family: str = "") -> tuple[Record, ...] | None:
        path = self._path(source, family)
        if path is None:
            return None
        try:
            data = _entry_bytes(path)
            if data is None:
                raise FileNotFoundError(path)
            entry = json.loads(data.decode("utf-8"))
            payload = entry["records"]
            if not isinstance(payload, list):
                raise ValueError("records is not a list")
            digest = hashlib.sha256(
                json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
            ).hexdigest()
            if (
                entry.get("format") != FORMAT
                or entry.get("key") != path.stem
                or entry.get("checksum") != digest
            ):
                raise ValueError("not this key's entry, or damaged")
            records = tuple(_measure_from(d) for d in payload)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            # Truncated, garbage, of the wrong shape, not a regular file or from another
            # format: drop it (a link, not what it names) and parse again.
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        self.hits += 1
        return records

    def put(self, source: SourceText, records: tuple[Record, ...], family: str = "") -> None:
        path = self._path(source, family)
        if path is None:
            return
        payload = [asdict(r) for r in records]
        entry = {
            "format": FORMAT,
            "key": path.stem,
            "checksum": hashlib.sha256(
                json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
            ).hexdigest(),
            "records": payload,
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        except OSError:
            # A cache that cannot be written only costs time, never the run.
            pass
