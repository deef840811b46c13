"""`ipdiff add`: a PDF becomes an edition (text and metadata); parse names slides by title."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from bench.pdfgen import cid_fonts, slide_pdf, slides_from_text
from click.testing import CliRunner

from ipdiff.cli import main
from tests.io.pdf_support import expected, normalised


@pytest.fixture()
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "plan2026.pdf"
    path.write_bytes(slide_pdf(slides_from_text(expected("slides.txt")), cid_fonts()))
    return path


def test_add_writes_the_text_and_metadata_and_refuses_to_overwrite(tmp_path: Path, pdf: Path) -> None:
    ed = tmp_path / "editions"
    ed.mkdir()
    runner = CliRunner()
    result = runner.invoke(main, ["add", str(pdf), "--editions-dir", str(ed)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n")[:2] == [f"wrote {ed / '2026.txt'}", f"wrote {ed / '2026.toml'}"]
    assert normalised((ed / "2026.txt").read_text(encoding="utf-8")) == normalised(expected("slides.txt"))
    meta = tomllib.loads((ed / "2026.toml").read_text(encoding="utf-8"))
    assert (meta["label"], meta["title"], meta["date"], meta["status"]) == (
        "2026", "「知的財産推進計画2026」 (概要) (案)", "2026-06", "draft"
    )
    assert meta["pdf"]["file"] == "plan2026.pdf" and meta["pdf"]["pages"] == 3
    assert len(meta["pdf"]["sha256"]) == 64 and "pypdfium2" in meta["pdf"]["extractor"]
    assert meta["pdf"]["untitled_slides"] == [1]  # the cover has no title band
    before = (ed / "2026.toml").read_bytes()
    again = runner.invoke(main, ["add", str(pdf), "--editions-dir", str(ed)])
    assert again.exit_code == 2 and "already exists (use --force" in again.stderr
    forced = runner.invoke(main, ["add", str(pdf), "--editions-dir", str(ed), "--force"])
    assert forced.exit_code == 0 and (ed / "2026.toml").read_bytes() == before  # same PDF, same bytes


def test_parse_names_each_theme_slide_by_its_own_title(tmp_path: Path, pdf: Path) -> None:
    ed = tmp_path / "editions"
    ed.mkdir()
    runner = CliRunner(env={"IPDIFF_CACHE_DIR": str(tmp_path / "cache")})
    assert runner.invoke(main, ["add", str(pdf), "--editions-dir", str(ed), "--label", "x"]).exit_code == 0
    import json

    result = runner.invoke(main, ["parse", str(ed / "x.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    themes = {tuple(r["section"][:2]) for r in json.loads(result.stdout)["records"] if r["kind"] == "point"}
    # No 構成 list here: the parts fall back, the themes are the slides' own titles.
    assert {t[1] for t in themes} == {"AIと知的財産権", "技術流出の防止"}


def test_check_verifies_an_edition_pdf_against_its_text(tmp_path: Path, pdf: Path) -> None:
    ed = tmp_path / "editions"
    ed.mkdir()
    runner = CliRunner(env={"IPDIFF_CACHE_DIR": str(tmp_path / "cache")})
    assert runner.invoke(main, ["add", str(pdf), "--editions-dir", str(ed), "--keep-pdf"]).exit_code == 0
    assert (ed / "2026.pdf").read_bytes() == pdf.read_bytes()
    reports = tmp_path / "reports"
    args = ["check", "--editions-dir", str(ed), "--reports-dir", str(reports)]
    assert "2026.txt: differs" not in runner.invoke(main, args).stderr
    text = ed / "2026.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("技術流出", "技術流失"), encoding="utf-8")
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert f"{text}: differs from what `ipdiff add` makes of {ed / '2026.pdf'} now" in result.stderr


def test_a_page_without_text_is_named_and_recorded(tmp_path: Path) -> None:
    from bench.pdfgen import Slide

    pdf = tmp_path / "mixed.pdf"
    # Page 2 is a picture only (three blank lines draw a chart image), as a scanned page is.
    pages = [Slide("題", [["2027年6月", "本文の行です。"]]), Slide(None, [["", "", ""]])]
    pdf.write_bytes(slide_pdf(pages, cid_fonts(), page_numbers=False))
    ed = tmp_path / "editions"
    ed.mkdir()
    result = CliRunner().invoke(main, ["add", str(pdf), "--editions-dir", str(ed)])
    assert result.exit_code == 0, result.output
    assert f"{pdf}: page(s) 2 have no text layer" in result.stderr
    meta = tomllib.loads((ed / "2027.toml").read_text(encoding="utf-8"))
    assert meta["pdf"]["textless_pages"] == [2] and meta["date"] == "2027-06"


def test_diff_of_a_pdf_against_its_text_is_all_unchanged(tmp_path: Path, pdf: Path) -> None:
    import json

    text = tmp_path / "plan2026.txt"
    text.write_text(expected("slides.txt"), encoding="utf-8")
    runner = CliRunner(env={"IPDIFF_CACHE_DIR": str(tmp_path / "cache")})
    result = runner.invoke(main, ["diff", str(text), str(pdf), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert summary["unchanged"] > 10 and summary["kpi_changes"] == 0
    assert all(summary[k] == 0 for k in ("added", "removed", "modified", "split", "merged", "moved"))
