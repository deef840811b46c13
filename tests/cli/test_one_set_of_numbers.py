"""One set of numbers: the index, the report's summary, its count table, its KPI and
commitment sections, the Markdown and `ipdiff check` count the same things (measures apart
from the apparatus) on the real 2025 → 2026 editions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff import api
from ipdiff.cli import main
from ipdiff.io.cache import ParseCache

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("numbers")
    shutil.copytree(ROOT / "editions", root / "editions")
    ctx = api.Context(
        editions_dir=root / "editions", reports_dir=root / "reports", cache=ParseCache(root / "cache")
    )
    api.build_reports(ctx)
    return root


def _cells(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', html)}


def test_every_place_counts_the_same(project: Path) -> None:
    reports = project / "reports"
    index = _cells((reports / "index.html").read_text(encoding="utf-8"))
    report = (reports / "2025-2026.html").read_text(encoding="utf-8")
    table = _cells(report)
    md = (reports / "2025-2026.md").read_text(encoding="utf-8")
    for kind in ("added", "removed", "modified", "unchanged", "split", "merged"):
        assert index[kind] == table[kind], kind
    assert index["kpi_changes"] == table["kpi_changes"]
    assert index["strength_changes"] == table["strength_changes"]

    # The summary at the top of the report and of the Markdown says the same numbers.
    lead = re.search(r'<section id="lead".*?</section>', report, re.S)
    assert lead is not None
    for text in (lead.group(), md.split("\n\n")[1]):
        assert f"新設{index['added']}件" in text and f"削除{index['removed']}件" in text
        assert f"修正{index['modified']}件" in text
        assert f"数値の変化{index['kpi_changes']}件" in text
    # The KPI and commitment sections count what the table says.
    assert re.search(rf'id="kpis-h">数値（KPI）の変化 <span class="n">{index["kpi_changes"]}件', report)
    assert re.search(rf'id="strength-h">コミットメントの変化 <span class="n">{index["strength_changes"]}件', report)
    # The Markdown count table.
    assert f"| 新設 | {index['added']} |" in md and f"| 削除 | {index['removed']} |" in md
    assert f"| KPIの変化 | {index['kpi_changes']} |" in md

    # `check` counts dropped measures the same way, in the same words.
    result = CliRunner().invoke(
        main,
        ["check", "--fail-on", "dropped:0,strength-down", "--editions-dir", str(project / "editions"),
         "--reports-dir", str(reports), "--cache-dir", str(project / "cache")],
    )
    assert result.exit_code == 1
    assert f"削除された施策 {index['removed']}件" in result.stderr
    weakened = result.stderr.count("コミットメントの後退: ")
    assert weakened == len(re.findall(r"\*\*後退\*\*: ", md))
    assert "推進 → 検討 (promote → study" in result.stderr
