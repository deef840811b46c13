"""One parsed edition → `ipdiff.edition/v1` JSON, or a readable table for a terminal."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from ipdiff.model import Commitment, Edition, KpiValue, Record

SCHEMA = "ipdiff.edition/v1"


def number(value: float) -> int | float:
    """Integral values as ints (27100000000000, not 2.71e13); others as they are."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def kpi_dict(k: KpiValue) -> dict[str, Any]:
    return {
        "text": k.text,
        "value": number(k.value),
        "unit": k.unit,
        "year": k.year,
        "qualifier": k.qualifier,
        "metric": k.metric,
        "target": k.target,
        "kind": k.kind,
        "high": None if k.high is None else number(k.high),
        "target_year": k.target_year,
        "over": k.over,
    }


def commitment_dict(c: Commitment) -> dict[str, Any]:
    """One commitment: its object, predicate, level (null: a verb the scale cannot place)
    and its characters in the record's text."""
    return {"object": c.object, "predicate": c.predicate, "level": c.level, "span": list(c.span)}


def record_dict(m: Record) -> dict[str, Any]:
    return {
        "id": m.id,
        "section": list(m.section),
        "kind": m.kind,
        "text": m.labelled,
        "line": m.line,
        "end_line": m.end_line,
        "emphasis": list(m.emphasis),
        "kpis": [kpi_dict(k) for k in m.kpis],
        "predicate": m.predicate,
        "strength": m.strength,
        "commitments": [commitment_dict(c) for c in m.commitments],
        "parent": m.parent,
        # A statute provision's number; a plan's records have none (and no such key).
        **({"label": m.label} if m.label else {}),
    }


def edition_json(edition: Edition) -> str:
    meta = edition.meta
    doc = {
        "schema": SCHEMA,
        "label": edition.label,
        "title": edition.title,
        "status": meta.status if meta else None,
        "date": meta.date if meta else None,
        "sha256": edition.sha256,
        "family": edition.family,
        "records": [record_dict(m) for m in edition.records],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, width: int) -> str:
    out, used = "", 0
    for c in text:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used + w > width - 1:
            return out + "…"
        out += c
        used += w
    return out


def edition_table(edition: Edition, width: int = 100) -> str:
    """Line, kind, strength, KPIs and text of every record, one per row."""
    rows = [f"{edition.label}: {len(edition.records)} records ({edition.title or 'no metadata'})"]
    section: tuple[str, ...] = ()
    for m in edition.records:
        if m.section != section:
            section = m.section
            rows.append("")
            rows.append("■ " + " > ".join(section) if section else "■ (top)")
        text = m.plain.replace("\n", " ")
        kpis = " ".join(k.text for k in m.kpis)
        head = f"{m.line:>5}  {m.kind:<12} {m.strength or '':<9} "
        body = _clip(text, max(20, width - _width(head)))
        rows.append(head + body)
        if kpis:
            rows.append(" " * len(head) + "KPI: " + kpis)
    return "\n".join(rows) + "\n"
