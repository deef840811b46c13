"""`ipdiff.diff/v2`: the whole alignment as JSON, per the packaged schema (`ipdiff schema diff`).

Beyond the contract's fields: edition metadata (title, date, status, …), record `kind`,
`end_line` and `strength`, change `anchor`, `pinned` and `commitments` (the commitment
judgement, `same` included; `strength` adds its deciding `pairs`, `added`/`dropped`
commitments and `uncertain`), value `metric` and `target`, and
per-KPI `delta` / `percent_change`, and for long records `spans` (the sentences/lines that changed,
by source line). The edition's `origin` is left out on purpose: it may be
an absolute path, and the same editions must give the same bytes wherever they live.
"""

from __future__ import annotations

import json
from typing import Any

from ipdiff.compare import judge
from ipdiff.model import (
    Change,
    CommitmentPair,
    Diff,
    Edition,
    KpiChange,
    KpiValue,
    Record,
    StrengthChange,
)
from ipdiff.render.build import diff_summary, unique_anchors
from ipdiff.render.edition import commitment_dict
from ipdiff.render.edition import kpi_dict as edition_kpi_dict
from ipdiff.render.edition import record_dict as edition_record_dict
from ipdiff.render.numbers import json_number
from ipdiff.render.textdiff import changed_spans

SCHEMA = "ipdiff.diff/v2"


def edition_dict(edition: Edition) -> dict[str, Any]:
    meta = edition.meta
    return {
        "label": edition.label,
        "sha256": edition.sha256,
        "records": len(edition.records),
        "title": edition.title,
        "date": meta.date if meta else None,
        "status": meta.status if meta else None,
        "publisher": meta.publisher if meta else None,
        "source": meta.source if meta else None,
        "sources": list(meta.sources) if meta else [],
        "note": meta.note if meta else None,
    }


# A record in a change: its identity, place and text; its figures are on the change, paired.
_CHANGE_RECORD_KEYS = ("id", "section", "text", "line", "end_line", "kind", "strength")


def change_record_dict(m: Record) -> dict[str, Any]:
    """A record as the diff shows it: the ipdiff.edition/v1 record, cut to the keys above."""
    full = edition_record_dict(m)
    return {key: full[key] for key in (*_CHANGE_RECORD_KEYS, "label") if key in full}


def value_dict(v: KpiValue | None) -> dict[str, Any] | None:
    # Same shape as a record's KPI in ipdiff.edition/v1, so both outputs agree.
    return None if v is None else edition_kpi_dict(v)


def kpi_change_dict(k: KpiChange) -> dict[str, Any]:
    delta = judge.delta(k)
    pct = judge.percent_change(k)
    return {
        "metric": k.metric,
        "old": value_dict(k.old),
        "new": value_dict(k.new),
        "group": judge.change_group(k),
        "comparable": judge.comparable(k),
        "delta": None if delta is None else json_number(delta),
        "percent_change": None if pct is None else json_number(pct),
        "rank_change": judge.rank_change(k),
        "target_moved": judge.target_moved(k),
        "target_status": k.target_status,
        "kept_in": list(k.kept_in),
        "restated": k.restated,
    }


def change_dict(c: Change, anchor: str) -> dict[str, Any]:
    out = _change_fields(c, anchor)
    # Long records on both sides: which of their sentences/lines changed (extra field).
    spans = changed_spans(c.old, c.new) if c.type in ("modified", "split", "merged") else None
    if spans is not None:
        out["spans"] = spans
    return out


def _change_fields(c: Change, anchor: str) -> dict[str, Any]:
    return {
        "anchor": anchor,
        "type": c.type,
        "old": [change_record_dict(m) for m in c.old],
        "new": [change_record_dict(m) for m in c.new],
        "moved": c.moved,
        "cosmetic": c.cosmetic,
        "pinned": c.pinned,
        "similarity": None if c.similarity is None else round(c.similarity, 4),
        "kpis": [kpi_change_dict(k) for k in c.kpis],
        "strength": None if c.strength is None else strength_dict(c.strength),
        # The whole judgement, `same` included (`strength` is set only when it moved).
        "commitments": None if c.commitments is None else strength_dict(c.commitments),
    }


def pair_dict(p: CommitmentPair) -> dict[str, Any]:
    return {
        "old": None if p.old is None else commitment_dict(p.old),
        "new": None if p.new is None else commitment_dict(p.new),
        "similarity": p.similarity,
        "uncertain": p.uncertain,
        "follow_up": p.follow_up,
    }


def strength_dict(s: StrengthChange) -> dict[str, Any]:
    """The baseline {old, new, direction}, with the commitment pairs that decide it."""
    return {
        "old": s.old,
        "new": s.new,
        "direction": s.direction,
        "uncertain": s.uncertain,
        "pairs": [pair_dict(p) for p in s.pairs],
        "continued": [pair_dict(p) for p in s.continued],
        "added": [commitment_dict(c) for c in s.added],
        "dropped": [commitment_dict(c) for c in s.dropped],
    }


def diff_dict(diff: Diff) -> dict[str, Any]:
    # The machines' view: no 「主な変更」 ranking, no section labels (those are the readers').
    anchors = unique_anchors(diff.changes)
    return {
        "schema": SCHEMA,
        "old": edition_dict(diff.old),
        "new": edition_dict(diff.new),
        "summary": diff_summary(diff),
        "changes": [change_dict(c, a) for c, a in zip(diff.changes, anchors, strict=True)],
        "generator": dict(diff.generator),
    }


def render_json(diff: Diff) -> str:
    # allow_nan=False: a NaN would be invalid JSON; fail loudly instead of writing it.
    text = json.dumps(
        diff_dict(diff), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False
    )
    return text + "\n"
