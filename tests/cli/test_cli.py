"""The command line: help everywhere, documented in the README, thin over the library."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ipdiff.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", sorted(main.commands))
def test_cli_every_command_has_help_with_examples_and_is_in_the_readme(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert f"ipdiff {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```sh\n")[1:3]
    assert "ipdiff report" in blocks[0]
    assert "pytest" in blocks[1]


def test_cli_readme_japanese_quick_start_before_the_internals():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## はじめに（日本語）")
    # After the two commands, before any English prose and the internals.
    assert readme.index("```sh\n", readme.index("```sh\n") + 1) < start < readme.index("## What it does")
    quick = readme[start:readme.index("## In English")]
    for words in ("後退", "強化", "reports/index.html", "--format summary", "feed.xml"):
        assert words in quick, words
    assert re.search(r"約\d+ MB", quick), "the install's size, measured"


def test_cli_parse_json_validates(edition_2026, edition_schema, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        main, ["parse", "2026", "--format", "json", "--cache-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, edition_schema)
    assert doc["label"] == "2026" and doc["status"] == "draft"
    assert [r["id"] for r in doc["records"]] == [m.id for m in edition_2026.records]


def test_cli_parse_table_is_readable(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["parse", "2026", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert "■ 2. 知的財産の「保護」 > 技術流出の防止 > 今後の予定（方向性）" in result.stdout
    # a streak (3年連続) is read as an ordinal of its own; the year of 38件 dates it, not a figure
    assert "KPI: 3年連続 70件超 38件 73%増" in result.stdout


def test_cli_output_file_is_written_atomically(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "2026.json"
    result = CliRunner().invoke(
        main, ["parse", "2026", "--format", "json", "-o", str(out), "--cache-dir", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["label"] == "2026"
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_openblas_threads_set_by_the_command_before_numpy_not_by_importing():
    # Importing ipdiff (the CLI included) changes no environment; the command's entry sets
    # OPENBLAS_NUM_THREADS before it imports the CLI, and so before anything loads numpy.
    import subprocess
    import sys

    def run(code: str) -> str:
        prelude = "import os, sys; os.environ.pop('OPENBLAS_NUM_THREADS', None); "
        return subprocess.run(
            [sys.executable, "-c", prelude + code], capture_output=True, text=True, check=True
        ).stdout.split()[-1]

    assert run("import ipdiff.cli; print(os.environ.get('OPENBLAS_NUM_THREADS'))") == "None"
    assert run("import ipdiff.__main__; print('numpy' in sys.modules)") == "False"
    entry = "import ipdiff.__main__ as m; sys.argv = ['ipdiff', '--version']\ntry: m.main()\nexcept SystemExit: pass\n"
    assert run(entry + "print(os.environ.get('OPENBLAS_NUM_THREADS'))") == "1"
