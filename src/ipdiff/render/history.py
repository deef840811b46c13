"""`ipdiff history` output: a version-by-version account, or one measure's story.

Pure: steps (from ipdiff.lineage.history) in, text out. JSON for machines, plain text for a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ipdiff.lineage.history import Step
from ipdiff.model import Change, unmarked
from ipdiff.render.edition import kpi_dict


def _kpi_dicts(change: Change) -> list[dict[str, Any]]:
    return [
        {
            "metric": k.metric,
            "old": kpi_dict(k.old) if k.old else None,
            "new": kpi_dict(k.new) if k.new else None,
        }
        for k in change.kpis
    ]


def history_dict(steps: Sequence[Step]) -> dict[str, Any]:
    """`ipdiff.history/v1`: per version, its counts, KPI changes and strength changes."""
    versions = []
    for step in steps:
        v = step.version
        entry: dict[str, Any] = {
            "version": v.key,
            "label": v.edition.label,
            "date": v.date,
            "subject": v.subject,
            "records": len(v.edition.records),
            "summary": None,
            "kpi_changes": [],
            "strength_changes": [],
        }
        if step.diff is not None:
            entry["summary"] = dict(sorted(step.diff.summary.items()))
            for c in step.diff.changes:
                where = [m.id for m in c.new] or [m.id for m in c.old]
                if c.kpis:
                    entry["kpi_changes"].append(
                        {"records": where, "lineage": step.lineage.get(where[0]), "kpis": _kpi_dicts(c)}
                    )
                if c.strength:
                    entry["strength_changes"].append(
                        {
                            "records": where,
                            "lineage": step.lineage.get(where[0]),
                            "old": c.strength.old,
                            "new": c.strength.new,
                            "direction": c.strength.direction,
                        }
                    )
        versions.append(entry)
    return {"schema": "ipdiff.history/v1", "versions": versions}


def story_versions(steps: Sequence[Step], lineage: str) -> list[dict[str, Any]]:
    """One lineage across all versions: its records and how each version changed it."""
    story: list[dict[str, Any]] = []
    for step in steps:
        records = [m for m in step.version.edition.records if step.lineage.get(m.id) == lineage]
        change_type = None
        if step.diff is not None and records:
            ids = {m.id for m in records}
            change_type = next((c.type for c in step.diff.changes if ids & {m.id for m in c.new}), None)
        story.append(
            {
                "version": step.version.key,
                "label": step.version.edition.label,
                "date": step.version.date,
                "change": change_type if records else ("removed" if story and story[-1]["records"] else None),
                "records": [
                    {
                        "id": m.id,
                        "section": list(m.section),
                        "text": m.text,
                        "line": m.line,
                        "strength": m.strength,
                        "kpis": [k.text for k in m.kpis],
                    }
                    for m in records
                ],
            }
        )
    return story


def history_text(steps: Sequence[Step]) -> str:
    rows = []
    for step in steps:
        v = step.version
        head = f"{v.key[:10]}  {v.date or ''}  {v.subject}".rstrip()
        rows.append(head)
        if step.diff is None:
            rows.append(f"    first version: {len(v.edition.records)} records")
            continue
        s = step.diff.summary
        counts = ", ".join(f"{k} {s[k]}" for k in ("added", "removed", "modified", "moved", "split", "merged") if s.get(k))
        rows.append(f"    {counts or 'no changes'}")
        for c in step.diff.changes:
            for k in c.kpis:
                old = k.old.text if k.old else "—"
                new = k.new.text if k.new else "—"
                rows.append(f"    KPI {k.metric or '?'}: {old} → {new}")
            if c.strength:
                rows.append(f"    commitment {c.strength.direction}: {c.strength.old} → {c.strength.new}"
                            f" (line {c.new[0].line if c.new else '?'})")
    return "\n".join(rows) + "\n"


def story_text(story: Sequence[dict[str, Any]]) -> str:
    rows = []
    for step in story:
        rows.append(f"{step['version'][:10]}  {step['date'] or ''}  {step['change'] or ''}".rstrip())
        if not step["records"]:
            rows.append("    (absent)")
        for r in step["records"]:
            rows.append(f"    [{r['id']}] {' > '.join(r['section'])} (line {r['line']}, {r['strength'] or '-'})")
            rows.append("    " + unmarked(r["text"]).replace("\n", " "))
    return "\n".join(rows) + "\n"


def history_json(steps: Sequence[Step]) -> str:
    return json.dumps(history_dict(steps), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def story_json(measure: str, story: Sequence[dict[str, Any]]) -> str:
    return json.dumps({"measure": measure, "versions": list(story)}, ensure_ascii=False, indent=2) + "\n"
