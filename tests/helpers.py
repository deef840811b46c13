"""Hand-built records for the align and classify tests (no model needed)."""

from __future__ import annotations

from ipdiff.kpi import extract_kpis
from ipdiff.model import Edition, Record


def record(i: int, text: str, section: tuple[str, ...] = ("テーマ", "今後の予定（方向性）"), kind: str = "plan",
           strength: str | None = None, prefix: str = "r") -> Record:
    return Record(
        id=f"{prefix}{i:02d}", section=section, kind=kind, text=text, line=i + 1, end_line=i + 1,
        kpis=extract_kpis(text), strength=strength,
    )


def edition(label: str, records: list[Record]) -> Edition:
    return Edition(label=label, sha256="0" * 64, records=tuple(records))
