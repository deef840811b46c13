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
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ipdiff import PARSER_VERSION
from ipdiff.io.outputs import write_atomic
from ipdiff.io.versions import model_version
from ipdiff.model import KpiValue, Record, SourceText

FORMAT = 2  # 2: the entry holds its key


def default_dir() -> Path:
    env = os.environ.get("IPDIFF_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("ipdiff"))


def _measure_from(d: dict[str, Any]) -> Record:
    return Record(
        id=d["id"],
        section=tuple(d["section"]),
        kind=d["kind"],
        text=d["text"],
        line=d["line"],
        end_line=d["end_line"],
        emphasis=tuple(d["emphasis"]),
        kpis=tuple(KpiValue(**k) for k in d["kpis"]),
        predicate=d["predicate"],
        strength=d["strength"],
        lemmas=tuple(d["lemmas"]),
        parent=d["parent"],
        label=d.get("label", ""),
    )


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
            entry = json.loads(path.read_text(encoding="utf-8"))
            payload = entry["records"]
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
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            # Truncated, garbage or from another format: drop it and parse again.
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
