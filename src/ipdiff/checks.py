"""`ipdiff check`: every edition parses and has metadata, `reports/` is exactly what
`ipdiff report` writes now, and the --fail-on gates hold. Reports are read as input here:
they may be damaged or hostile (a FIFO, a link, a sparse 2 GB file)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ipdiff.api import (
    Context,
    consecutive_diffs,
    expected_reports,
    generator_info,
    pair_report_names,
    pdf_text_problems,
)
from ipdiff.errors import InputError
from ipdiff.io.sources import shown

FIX_STALE = "Run `ipdiff report` and commit reports/ to fix stale, missing or orphaned reports."
FIX_ORPHANS = "`ipdiff report` removes the reports it wrote that no pair makes any more; delete these by hand:"
FIX_INPUT = "Fix the edition or metadata file named above (`ipdiff parse EDITION` shows how it reads)."
FIX_GATES = (
    "The --fail-on conditions above are changes in the plan, not stale files: review them;"
    " `ipdiff diff OLD NEW --format md` lists them."
)


@dataclass(frozen=True)
class CheckResult:
    problems: tuple[str, ...]
    checked: tuple[str, ...]
    hints: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _made_by(path: Path) -> dict[str, str] | None:
    """The generator a committed report names, if it names one readably (a report is
    input here: it may be damaged or hostile, a FIFO, a link or a sparse 2 GB file)."""
    from ipdiff.io.sources import read_bytes

    try:
        made = json.loads(read_bytes(path).decode("utf-8")).get("generator")
    except (InputError, ValueError, AttributeError, RecursionError):
        return None
    return made if isinstance(made, dict) and all(isinstance(v, str) for v in made.values()) else None


def _report_entries(folder: Path) -> dict[str, bool]:
    """The visible names in reports/, each with whether it is a regular file (not
    following a link: `report` replaces only regular files, and `check` must agree)."""
    import os
    import stat

    if not folder.is_dir():
        return {}
    out = {}
    for entry in os.scandir(folder):
        if not entry.name.startswith("."):
            out[entry.name] = stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode)
    return out


def check(ctx: Context, fail_on: tuple[str, ...] = (), *, all_pairs: bool = False) -> CheckResult:
    """Editions parse and have metadata; reports/ is exactly what `report` would write.

    `fail_on` gates judge the newest pair, or every pair with `all_pairs`.
    """
    problems: list[str] = []
    try:
        problems += pdf_text_problems(ctx)
        diffs = consecutive_diffs(ctx)
    except InputError as exc:
        return CheckResult((*problems, str(exc)), (), (FIX_INPUT,))
    expected = expected_reports(diffs)
    # Each pair's files, to the JSON of that pair (which records what made it).
    from ipdiff.render import TIMELINE_FILES

    json_of = {
        name: names["json"]
        for names in [*map(pair_report_names, diffs), TIMELINE_FILES]
        for name in names.values()
    }
    current = generator_info()
    from ipdiff.io.outputs import MANIFEST, same_bytes, written_before

    entries = _report_entries(ctx.reports_dir)
    existing = {name for name, regular in entries.items() if regular}
    for name in sorted(expected):
        path = ctx.reports_dir / name
        if name in entries and not entries[name]:
            problems.append(
                f"{shown(path)}: not a regular file (a link, a FIFO, a folder): `ipdiff report` will not replace it; remove it"
            )
            continue
        if name not in existing:
            problems.append(f"{shown(path)}: missing (run `ipdiff report`)")
            continue
        if same_bytes(path, expected[name]):
            continue
        made = _made_by(ctx.reports_dir / json_of[name]) if name in json_of else None
        if made and made != current:
            was = ", ".join(f"{k} {v}" for k, v in sorted(made.items()))
            now = ", ".join(f"{k} {v}" for k, v in sorted(current.items()))
            problems.append(f"{shown(path)}: stale: made by a different version ({was}; now {now})")
        else:
            problems.append(f"{shown(path)}: stale: differs from what `ipdiff report` writes now")
    orphans = sorted(existing - set(expected) - {MANIFEST})
    for name in orphans:
        problems.append(f"{shown(ctx.reports_dir / name)}: orphaned: no edition pair produces it")
    hints = [FIX_STALE] if problems else []
    # `report` removes only the orphans it wrote itself; the others are named for deletion.
    by_hand = [name for name in orphans if name not in written_before(ctx.reports_dir)]
    if by_hand:
        hints.append(f"{FIX_ORPHANS} {', '.join(shown(n) for n in by_hand)}")
    if fail_on:
        from ipdiff.compare.gates import evaluate_gates

        tripped = evaluate_gates(diffs, fail_on, all_pairs=all_pairs)
        problems.extend(tripped)
        hints += [FIX_GATES] if tripped else []
    return CheckResult(tuple(problems), tuple(sorted(expected)), tuple(hints))
