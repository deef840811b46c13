"""Same inputs, same bytes out, whatever the interpreter's string hashing.

Set and dict order of strings changes with PYTHONHASHSEED between processes; an output
that leans on it differs from run to run. Two fresh processes with different seeds must
write byte-identical reports.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

OLD = """# 知的財産推進計画テスト2025

## 技術流出の防止

- 営業秘密侵害事犯の検挙事件数は2024年には22件。
- 営業秘密の漏洩防止に向けた制度の在り方を検討する。
- 研究セキュリティの確保に関する取組を推進するとともに、大学の知財管理体制を強化する。

## 地域における知財保護

- 中小企業の知財経営を伴走支援により支援する。
- 知財の活用による売上高を2030年までに1.5兆円以上とする。
- 農林水産業の知財マネジメント能力の強化に向けてセミナーを実施する。
"""
NEW = """# 知的財産推進計画テスト2026

## 技術流出の防止

- 営業秘密侵害事犯の検挙事件数は2025年には38件。
- 営業秘密の漏洩防止に向けた制度の在り方を検討し、所要の措置を講じる。
- 研究セキュリティの確保に関する取組を推進する。
- 大学の知財管理体制を強化する。

## 地域における知財保護

- 知財の活用による売上高を2030年までに2兆円以上とする。
- 中小企業の知財経営を伴走支援により支援する。
- 生成AIと知的財産権の関係について法的整理を行う。
"""

# Every file one pair writes into reports/, parsed with no cache, as one byte stream.
SCRIPT = """
import sys
from pathlib import Path
from ipdiff import api
from ipdiff.io.cache import ParseCache
ctx = api.Context(editions_dir=Path("editions"), cache=ParseCache(None))
files = api.pair_files(api.diff_specs("2025", "2026", ctx))
for name in sorted(files):
    sys.stdout.buffer.write(name.encode() + b"\\0" + files[name] + b"\\0")
"""


def _run(cwd: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("IPDIFF_CACHE_DIR", None)
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=cwd, env=env, capture_output=True, check=True
    ).stdout


def test_reports_are_byte_identical_across_hash_seeds(tmp_path):
    (tmp_path / "editions").mkdir()
    (tmp_path / "editions" / "2025.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "editions" / "2026.txt").write_text(NEW, encoding="utf-8")
    first = _run(tmp_path, "1")
    second = _run(tmp_path, "2")
    # Not vacuous: every report of the pair is there, with the changes in it.
    assert first.count(b"\0") == 2 * 5
    assert "2030年までに2兆円以上".encode() in first
    assert first == second
