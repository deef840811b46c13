"""Hand-built records for the align and classify tests (no model needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipdiff.model import Edition, Record
from ipdiff.parse.kpi import extract_kpis


def record(i: int, text: str, section: tuple[str, ...] = ("テーマ", "今後の予定（方向性）"), kind: str = "plan",
           strength: str | None = None, prefix: str = "r") -> Record:
    return Record(
        id=f"{prefix}{i:02d}", section=section, kind=kind, text=text, line=i + 1, end_line=i + 1,
        kpis=extract_kpis(text), strength=strength,
    )


def max_weight_matching(weight: Any) -> list[tuple[int, int]]:
    """`match_edges` of a dense matrix (zeros are non-edges): the tests' way in."""
    import numpy as np

    from ipdiff.compare.assignment import match_edges

    rr, cc = np.nonzero(weight > 0)
    return match_edges({(r, c): float(weight[r, c]) for r, c in zip(rr.tolist(), cc.tolist(), strict=True)})


def edition(label: str, records: list[Record]) -> Edition:
    return Edition(label=label, sha256="0" * 64, records=tuple(records))


def _tree(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if ".git" not in p.parts)


def invoke_refused(root: Path, argv: list[str], env: dict[str, str]) -> str:
    """Run the CLI on bad input and hold it to the contract: exit 2, one line on stderr
    (no traceback, no raw control characters), nothing on stdout, nothing written under
    `root`. Returns the line."""
    from click.testing import CliRunner

    from ipdiff.cli import main

    before = _tree(root)
    result = CliRunner().invoke(main, argv, env=env)
    assert result.exit_code == 2, (result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stdout == ""
    assert _tree(root) == before, "a failed run must write nothing"
    return lines[0]


def git(repo: Path, *args: str) -> None:
    import subprocess

    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", message)


def work_dir(tmp_path: Path, monkeypatch: object, env: dict[str, str], text: str) -> tuple[Path, dict[str, str]]:
    """A scratch folder to run in; `_git` in the case's env makes it a repository with
    `x.txt` (holding `text`) committed. Returns the folder and the env without `_git`."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # type: ignore[attr-defined]
    env = dict(env)
    if env.pop("_git", None):
        git(work, "init", "-q")
        (work / "x.txt").write_text(text, encoding="utf-8")
        commit_all(work, "x")
    return work, env
