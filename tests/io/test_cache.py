"""The parse cache: hits are exact, damage is rebuilt, a warm run never loads GiNZA."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ipdiff.io.cache import ParseCache
from ipdiff.io.sources import read_file

ROOT = Path(__file__).resolve().parents[2]


def test_cache_roundtrip_is_exact(tmp_path, edition_2026):
    cache = ParseCache(tmp_path)
    source = read_file(ROOT / "editions" / "2026.txt")
    assert cache.get(source) is None
    cache.put(source, edition_2026.records)
    assert cache.get(source) == edition_2026.records
    assert (cache.hits, cache.misses) == (1, 1)
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_cache_key_changes_with_label_and_bytes():
    a = read_file(ROOT / "editions" / "2026.txt")
    b = a.__class__(label="other", origin=a.origin, text=a.text, sha256=a.sha256)
    c = a.__class__(label=a.label, origin=a.origin, text=a.text, sha256="0" * 64)
    assert len({ParseCache.key(a), ParseCache.key(b), ParseCache.key(c)}) == 3


def test_cache_rebuilds_truncated_and_garbage_entries(tmp_path, edition_2026):
    cache = ParseCache(tmp_path)
    source = read_file(ROOT / "editions" / "2026.txt")
    cache.put(source, edition_2026.records)
    (entry,) = tmp_path.glob("*.json")
    full = entry.read_bytes()
    for damage in (full[: len(full) // 2], b"garbage", b"", b"[" * 100_000 + b"]" * 100_000, full.replace(b'"plan"', b'"nalp"', 1)):
        entry.write_bytes(damage)
        assert cache.get(source) is None, damage[:20]
        assert not entry.exists(), "a damaged entry is removed"
        cache.put(source, edition_2026.records)
        assert cache.get(source) == edition_2026.records


def test_cache_warm_run_does_not_load_the_model(tmp_path):
    env = {**os.environ, "IPDIFF_CACHE_DIR": str(tmp_path)}
    script = (
        "import sys; from click.testing import CliRunner; from ipdiff.cli import main;"
        "r = CliRunner().invoke(main, ['parse', '2026', '--format', 'json']);"
        "assert r.exit_code == 0, r.output;"
        "print(json.dumps({'spacy': 'spacy' in sys.modules, 'n': len(json.loads(r.stdout)['records'])}))"
    )
    cmd = [sys.executable, "-c", "import json;" + script]
    cold = json.loads(subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout)
    warm = json.loads(subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout)
    assert cold == {"spacy": True, "n": 255}
    assert warm == {"spacy": False, "n": 255}
