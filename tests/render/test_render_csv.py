"""render/csv.py: changes.csv and kpis.csv for Excel (BOM, CRLF, no formula injection)."""

from __future__ import annotations

import csv
import io

import pytest

from ipdiff.render import RENDERERS, render_changes_csv, render_kpis_csv
from ipdiff.render.csv import CHANGES_HEADER, KPIS_HEADER, cell
from tests.render_fixtures import FORMULA, check_golden, make_diff


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_render_csv_golden_changes() -> None:
    check_golden("changes.csv", render_changes_csv(make_diff()))


def test_render_csv_golden_kpis() -> None:
    check_golden("kpis.csv", render_kpis_csv(make_diff()))


@pytest.mark.parametrize("render", [render_changes_csv, render_kpis_csv])
def test_render_csv_bom_and_crlf(render) -> None:
    data = render(make_diff()).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    # Every line ends in CRLF; a bare LF only occurs inside a quoted multi-part cell.
    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") >= 2
    assert b"\r\r" not in data


def test_render_csv_registry() -> None:
    assert RENDERERS["csv"] is render_changes_csv


def test_render_csv_one_row_per_change() -> None:
    diff = make_diff()
    rows = _rows(render_changes_csv(diff))
    assert list(rows[0]) == list(CHANGES_HEADER)
    assert [r["anchor"] for r in rows] == [c.anchor for c in diff.changes]
    split = next(r for r in rows if r["type"] == "split")
    assert split["new_ids"] == "n07;n08"
    assert split["new_text"].split("\n") == [
        "クールジャパンの海外展開を推進する。",
        "インバウンド消費を通じた日本ファン形成を拡大する。",
    ]


def test_render_csv_formula_neutralised() -> None:
    rows = _rows(render_changes_csv(make_diff()))
    removed = next(r for r in rows if r["type"] == "removed")
    assert removed["old_text"] == "'" + FORMULA + "海賊版サイトへのアクセス数は約5億アクセス。"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+81", "'+81"),
        ("-1", "'-1"),  # text that looks numeric is still text: neutralised
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("普通の文", "普通の文"),
        (-1, "-1"),  # a number we format stays a number
        (-7.69, "-7.69"),
        (2.71e13, "27100000000000"),
        (True, "true"),
        (None, ""),
    ],
)
def test_render_csv_cell(value, expected: str) -> None:
    assert cell(value) == expected


def test_render_csv_kpis_numbers() -> None:
    rows = _rows(render_kpis_csv(make_diff()))
    assert list(rows[0]) == list(KPIS_HEADER)
    market = rows[0]
    assert market["old_value"] == "5800000000000"
    assert market["delta"] == "300000000000"
    assert market["percent_change"] == "5.17"
    rank = next(r for r in rows if r["metric"] == "GII順位")
    # A decrease stays a plain negative number, so spreadsheets can sum it.
    assert rank["delta"] == "-1"
    assert rank["percent_change"] == ""  # a rank has no percent change
    added = next(r for r in rows if r["metric"] == "拠点数")
    assert added["old_text"] == "" and added["delta"] == ""


def test_render_csv_deterministic() -> None:
    assert render_changes_csv(make_diff()) == render_changes_csv(make_diff())
    assert render_kpis_csv(make_diff()) == render_kpis_csv(make_diff())


def test_render_csv_changes_have_theme_kind_and_measure() -> None:
    rows = {r["anchor"]: r for r in _rows(render_changes_csv(make_diff()))}
    assert rows["c-o03-n03"]["theme"] == "1. 知財・無形資産への投資促進 > (1) 企業経営"
    assert rows["c-o03-n03"]["kind"] == "point" and rows["c-o03-n03"]["measure"] == "true"
    assert rows["c-o12-n12"]["kind"] == "caption" and rows["c-o12-n12"]["measure"] == "false"


def test_render_csv_years_are_integers() -> None:
    rows = _rows(render_kpis_csv(make_diff()))
    keys = ("old_year", "new_year", "old_target_year", "new_target_year")
    years = [r[k] for r in rows for k in keys if r[k]]
    assert years and all(y.isdigit() and len(y) == 4 for y in years)
