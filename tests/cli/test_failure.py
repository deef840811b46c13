"""Failure leaves nothing half-done: earlier reports intact, no temp files."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ipdiff import api
from ipdiff.io.cache import ParseCache

ROOT = Path(__file__).resolve().parents[2]
SMALL = "# 計画\n\n## 施策\n\n- 営業秘密の漏洩防止に向けた制度の在り方を検討する。\n- 検挙事件数は2024年には22件。\n"
META = 'label = "{label}"\ntitle = "t"\ndate = "2030-01-01"\nstatus = "official"\n'


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def project(tmp_path, nlp) -> Path:
    ed = tmp_path / "editions"
    ed.mkdir()
    for label, text in (("2030", SMALL), ("2031", SMALL.replace("22件", "38件"))):
        (ed / f"{label}.txt").write_text(text, encoding="utf-8")
        (ed / f"{label}.toml").write_text(META.format(label=label), encoding="utf-8")
    ctx = api.Context(editions_dir=ed, reports_dir=tmp_path / "reports", cache=ParseCache(None))
    api.build_reports(ctx)
    return tmp_path


def test_failure_mid_render_writes_nothing(project, monkeypatch):
    before = _snapshot(project / "reports")
    (project / "editions" / "2031.txt").write_text(SMALL.replace("22件", "40件"), encoding="utf-8")

    def boom(diff, view):
        raise RuntimeError("renderer failed")

    import dataclasses

    from ipdiff.render.formats import FORMATS

    monkeypatch.setitem(FORMATS, "md", dataclasses.replace(FORMATS["md"], render=boom))
    ctx = api.Context(editions_dir=project / "editions", reports_dir=project / "reports")
    with pytest.raises(RuntimeError):
        api.build_reports(ctx)
    assert _snapshot(project / "reports") == before


def test_failure_sigterm_during_report_leaves_previous_reports_intact(tmp_path):
    # The real editions, in a scratch copy: parsing them takes seconds, time to interrupt.
    shutil.copytree(ROOT / "editions", tmp_path / "editions")
    shutil.copytree(ROOT / "reports", tmp_path / "reports")
    before = _snapshot(tmp_path / "reports")
    text = (tmp_path / "editions" / "2025.txt").read_text(encoding="utf-8")
    (tmp_path / "editions" / "2025.txt").write_text(text.replace("13位", "14位"), encoding="utf-8")
    env = {**os.environ, "IPDIFF_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ipdiff", "report"], cwd=tmp_path, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    time.sleep(2.5)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert b"Traceback" not in err
    assert _snapshot(tmp_path / "reports") == before
    leftovers = [p for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []
