"""`ipdiff diff`'s manners: Markdown on a terminal, empty selections and swapped editions
said aloud, and outside a project the folder it looked in named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from ipdiff.cli_base import default_format
from tests.cli.test_check import META, NEW, OLD

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path, nlp: object) -> Path:
    ed = tmp_path / "editions"
    ed.mkdir()
    for label, text in (("2030", OLD), ("2031", NEW)):
        (ed / f"{label}.txt").write_text(text, encoding="utf-8")
        (ed / f"{label}.toml").write_text(META.format(label=label), encoding="utf-8")
    return tmp_path


def _diff(project: Path, *args: str):
    return CliRunner().invoke(
        main, ["diff", *args, "--editions-dir", str(project / "editions"), "--cache-dir", str(project / "cache")]
    )


def test_diff_on_a_terminal_prints_the_markdown_summary(project: Path) -> None:
    # A real terminal: a pseudo-tty as stdout.
    leader, follower = os.openpty()
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}", "IPDIFF_CACHE_DIR": str(project / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "ipdiff", "diff", "2030", "2031"],
        cwd=project, env=env, stdout=follower, stderr=subprocess.PIPE, timeout=300,
    )
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert proc.returncode == 0, proc.stderr
    text = out.decode("utf-8")
    # A Markdown edition (detected family `markdown`) is called 文書.
    assert text.startswith("# 文書の変更点: 2030 → 2031") and "<!DOCTYPE" not in text


def test_default_format_follows_the_output(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_format(Path("x.html")) == "html"
    assert default_format(Path("x.MD")) == "md"
    assert default_format(Path("x.json")) == "json"
    assert default_format(Path("x.csv")) == "csv"
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert default_format(None) == "html"  # a pipe keeps the documented default
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert default_format(None) == "md"


def test_diff_to_a_pipe_stays_html_and_o_file_follows_its_extension(project: Path) -> None:
    assert _diff(project, "2030", "2031").stdout.startswith("<!DOCTYPE html>")
    out = project / "d.md"
    assert _diff(project, "2030", "2031", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_section_matching_nothing_is_exit_2_with_nearest_names(project: Path) -> None:
    result = _diff(project, "2030", "2031", "--section", "クールジャパソ", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "'クールジャパソ' matches no change; nearest section names: クールジャパン" in result.stderr
    # A matching section is still a normal subset.
    assert _diff(project, "2030", "2031", "--section", "クールジャパン", "--format", "json").exit_code == 0


def test_kind_matching_nothing_is_exit_2_naming_the_kinds_present(project: Path) -> None:
    result = _diff(project, "2030", "2031", "--kind", "table_row", "--format", "json")
    assert result.exit_code == 2
    assert "'table_row' matches no change; kinds present: heading, statement" in result.stderr


def test_outside_a_project_names_the_folder_and_the_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["diff", "2025", "2026"], ["report"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        assert "--editions-dir" in result.stderr and str(tmp_path / "editions") in result.stderr
        assert result.stderr.count("\n") == 1


def test_swapped_editions_print_one_warning(project: Path) -> None:
    swapped = _diff(project, "2031", "2030", "--format", "summary")
    assert swapped.exit_code == 0
    warnings = [line for line in swapped.stderr.splitlines() if "warning" in line]
    assert warnings == [
        "ipdiff: warning: NEW 2030 (2030-06-01) is older than OLD 2031 (2031-06-01) by their metadata"
        " dates; did you mean `ipdiff diff 2030 2031`?"
    ]
    assert "warning" not in _diff(project, "2030", "2031", "--format", "summary").stderr
