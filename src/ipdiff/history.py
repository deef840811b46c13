"""An edition's story across versions: git commits of one file, or the edition sequence.

Every measure gets a lineage id that follows it through moves, rewording, splits and
merges: the id of the record it descends from in the earliest version it appears in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipdiff.errors import InputError
from ipdiff.model import Change, Diff, Edition


@dataclass(frozen=True, slots=True)
class Version:
    """One version of an edition: a commit of the file, or an edition in editions/."""

    key: str  # commit sha, or edition label
    date: str | None
    subject: str
    edition: Edition


@dataclass(frozen=True, slots=True)
class Step:
    """What changed from the previous version to this one."""

    version: Version
    diff: Diff | None  # None for the first version
    lineage: dict[str, str]  # record id in this version → lineage id


def lineages(versions: Sequence[Version], diffs: Sequence[Diff]) -> list[dict[str, str]]:
    """Record id → lineage id, per version. A record inherits from the old record(s)
    it is aligned with; a merge takes its first part's lineage, a split gives all parts
    the same one; an added record starts a lineage of its own."""
    if not versions:
        return []
    out = [{m.id: m.id for m in versions[0].edition.records}]
    for d in diffs:
        prev, cur = out[-1], {}
        for change in d.changes:
            inherited = next((prev[m.id] for m in change.old if m.id in prev), None)
            for m in change.new:
                cur[m.id] = inherited or m.id
        out.append(cur)
    return out


def build_history(versions: Sequence[Version], diff_fn: Any) -> list[Step]:
    diffs = [diff_fn(a.edition, b.edition) for a, b in zip(versions, versions[1:], strict=False)]
    lines = lineages(versions, diffs)
    return [
        Step(v, diffs[i - 1] if i else None, lines[i]) for i, v in enumerate(versions)
    ]


def git_versions(path: Path) -> list[tuple[str, str, str, bytes]]:
    """(sha, ISO date, subject, file bytes) for every commit that touched the file, oldest first."""
    import git

    path = path.resolve() if path.exists() else Path.cwd() / path
    try:
        repo = git.Repo(path.parent if path.parent.exists() else Path.cwd(), search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise InputError(str(path), "not inside a git repository") from None
    root = Path(repo.working_tree_dir or ".").resolve()
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        raise InputError(str(path), "is outside the repository") from None
    try:
        commits = list(repo.iter_commits("HEAD", paths=rel))
    except (git.GitCommandError, ValueError):
        raise InputError(str(path), "the repository has no commits") from None
    if not commits:
        raise InputError(str(path), "has no committed versions in git")
    out = []
    for c in reversed(commits):
        try:
            blob = c.tree / rel
        except KeyError:
            continue  # the commit deleted the file
        subject = str(c.message).strip().splitlines()[0] if c.message else ""
        out.append((c.hexsha, c.committed_datetime.isoformat(), subject, blob.data_stream.read()))
    return out


def _kpi_dicts(change: Change) -> list[dict[str, Any]]:
    from ipdiff.render.edition import kpi_dict

    return [
        {
            "metric": k.metric,
            "old": kpi_dict(k.old) if k.old else None,
            "new": kpi_dict(k.new) if k.new else None,
        }
        for k in change.kpis
    ]


def history_dict(steps: Sequence[Step]) -> dict[str, Any]:
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


def measure_story(steps: Sequence[Step], measure: str) -> list[dict[str, Any]]:
    """One measure across all versions. `measure` is a lineage id or any record id."""
    target = None
    for step in steps:
        if measure in step.lineage:
            target = step.lineage[measure]
            break
        if measure in step.lineage.values():
            target = measure
            break
    if target is None:
        raise InputError(measure, "no record or lineage with this id in any version")
    story = []
    for step in steps:
        records = [m for m in step.version.edition.records if step.lineage.get(m.id) == target]
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
            rows.append("    " + r["text"].replace("**", "").replace("\n", " "))
    return "\n".join(rows) + "\n"
