"""Hostile input, second round: no input costs quadratic time or memory, and the cache,
git history and worker count take no input on trust.

The big inputs go through the CLI warm (their records seeded into the parse cache as
`parse` would write them, minus GiNZA): the path a repeated run takes. Growth is told
by peak memory (tracemalloc sees numpy's arrays too), which a busy machine does not
disturb the way it disturbs time: peak RSS of a fresh process per size.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from tests.cli.test_hostile import TEXT, _editions, _seed_cache
from tests.helpers import commit_all, git, invoke_refused, work_dir

ROOT = Path(__file__).resolve().parents[2]


_CHILD = """
import re, sys
from ipdiff.cli import main
try:
    main(sys.argv[1:], prog_name="ipdiff", standalone_mode=False)
finally:
    # VmHWM, not ru_maxrss: the peak of this process alone.
    hwm = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)
    print(f"peak-kb {hwm}", file=sys.stderr)
"""


def _warm_diff(t: Path, old: str, new: str, fmt: str = "json") -> tuple[float, float, str]:
    """(seconds, peak RSS MB, output) of an `ipdiff diff` process over two texts already
    in the cache."""
    import subprocess
    import sys

    cache = t / "cache"
    for name, text in (("a.txt", old), ("b.txt", new)):
        (t / name).write_text(text, encoding="utf-8")
        _seed_cache(cache, t / name)
    env = {**os.environ, "IPDIFF_CACHE_DIR": str(cache), "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, "diff", str(t / "a.txt"), str(t / "b.txt"), "--format", fmt],
                          env=env, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    peak = int(proc.stderr.rsplit("peak-kb ", 1)[1].split()[0]) / 1024
    return seconds, peak, proc.stdout


def _headings(n: int, drop: int = 0) -> str:
    return "".join(f"# 見出し{i}の施策\n\n" for i in range(n) if not drop or i % drop)


def test_hostile2_section_alignment_grows_linearly(tmp_path):
    # (5) 8,000 headings once took a NumPy memory error; now a fraction of the dense grid.
    peaks = {}
    for n in (2_000, 8_000):
        folder = tmp_path / str(n)
        folder.mkdir()
        _, peaks[n], out = _warm_diff(folder, _headings(n), _headings(n, drop=50))
        summary = json.loads(out)["summary"]
        assert summary["removed"] == len(range(0, n, 50))
        assert summary["unchanged"] == n - summary["removed"]
    # Dense matrices grew 16x for 4x the headings (8,000: a memory error); linear growth
    # is at most 4x, and the interpreter and its imports are a shared constant.
    assert peaks[8_000] < 4 * peaks[2_000], peaks
    assert peaks[8_000] < 600, peaks


def test_hostile2_a_long_record_gets_a_word_diff_in_bounded_time(tmp_path):
    # (6) a modified 19,000-character record: words underlined, not 66 s of characters.
    from ipdiff.render.textdiff import char_diff

    body = "".join(f"施策{i}の推進、" for i in range(2_100))
    old, new = body + "。", body.replace("施策1000の推進、", "施策1000および関連施策の推進、") + "。"
    assert len(old) > 19_000
    seconds, _, html = _warm_diff(tmp_path, f"- {old}\n", f"- {new}\n", fmt="html")
    assert seconds < 30, seconds
    _, new_segs = char_diff([old], [new])
    assert [text for text, changed in new_segs[0] if changed] == ["施策1000および関連施策の推進、"]
    assert "および関連施策" in html


def test_hostile2_policy_grouping_does_not_compare_every_pair(tmp_path, monkeypatch):
    # (6b) 1,500 distinct new measures: rapidfuzz is not asked about 1.1 million pairs.
    from ipdiff.render import highlights

    calls = []
    real = highlights.same_policy
    monkeypatch.setattr(highlights, "same_policy", lambda a, b: calls.append(1) or real(a, b))
    rng = random.Random(7)
    kanji = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    new = TEXT + "".join(f"- {''.join(rng.choices(kanji, k=24))}を推進する。\n" for _ in range(1_500))
    cache = tmp_path / "cache"
    for name, text in (("a.txt", TEXT), ("b.txt", new)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        _seed_cache(cache, tmp_path / name)
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "md"],
                                env={"IPDIFF_CACHE_DIR": str(cache)})
    assert result.exit_code == 0 and result.stdout.count("新設") >= 1
    assert len(calls) < 1_500, len(calls)


def test_hostile2_segmenting_one_line_paragraphs_is_linear():
    # (7) 80,000 one-line paragraphs took 30 s: each scan copied the rest of the lines.
    from ipdiff.parse.segment import segment

    def timed(n: int) -> float:
        text = "".join(f"段落{i}の文です。\n\n" for i in range(n))
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            blocks = segment(text)
            best = min(best, time.perf_counter() - start)
        assert len(blocks) == n
        return best

    small, big = timed(10_000), timed(80_000)
    assert big < 20 * small + 1.0, (small, big)  # quadratic would be 64x


def test_hostile2_jobs_are_capped_at_the_cpu_count(tmp_path, monkeypatch, nlp):
    # (12) --jobs 1000 starts no more workers than CPUs (each holds a GiNZA model).
    from ipdiff.parse import parallel
    from ipdiff.parse.records import parse_source

    asked = []

    def in_process(sources, jobs):  # type: ignore[no-untyped-def]
        asked.append(jobs)
        return [parse_source(s).records for s in sources]

    monkeypatch.setattr(parallel, "parse_in_processes", in_process)
    ed = _editions(tmp_path, labels=("2030", "2031", "2032"))
    result = CliRunner().invoke(main, ["timeline", "--editions-dir", str(ed), "--jobs", "1000", "--no-cache",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    cpus = os.cpu_count() or 1
    assert asked and all(j <= cpus for j in asked)
    assert f"--jobs 1000 capped at the CPU count ({cpus})" in result.stderr


# -- 10: cache entries ------------------------------------------------------------


def _entry(tmp_path: Path) -> tuple[Path, Path, str]:
    from ipdiff.families import cache_tag, family_of
    from ipdiff.io.cache import ParseCache
    from ipdiff.io.sources import read_file

    (tmp_path / "e.txt").write_text(TEXT, encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    clean = CliRunner().invoke(main, ["parse", str(tmp_path / "e.txt"), "--format", "json", "--no-cache"]).stdout
    source = read_file(tmp_path / "e.txt")
    return cache / f"{ParseCache.key(source, cache_tag(family_of(source)))}.json", cache, clean


def _wrong_types(path: Path) -> None:
    import hashlib

    payload = [{"id": 1, "section": "x", "kind": "plan", "text": ["t"], "line": "1", "end_line": 1, "emphasis": [],
                "kpis": [{"text": 1}], "predicate": None, "strength": None, "lemmas": [], "parent": None}]
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    path.write_text(json.dumps({"format": 2, "key": path.stem, "checksum": digest, "records": payload}), encoding="utf-8")


SPOILED = {
    "a FIFO": lambda p: os.mkfifo(p),
    "a link to /dev/zero": lambda p: p.symlink_to("/dev/zero"),
    "a valid checksum over wrong field types": _wrong_types,
    "a sparse 1 TB file": lambda p: (p.touch(), os.truncate(p, 2**40)),
}


@pytest.mark.parametrize("case", sorted(SPOILED))
def test_hostile2_a_spoiled_cache_entry_is_never_trusted(tmp_path, nlp, case):
    path, cache, clean = _entry(tmp_path)
    SPOILED[case](path)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(CliRunner().invoke(
        main, ["parse", str(tmp_path / "e.txt"), "--format", "json", "--cache-dir", str(cache)])), daemon=True)
    worker.start()
    worker.join(120)
    assert result, "parse hung on the cache entry"
    assert result[0].exit_code == 0, result[0].output
    assert result[0].stdout == clean
    assert path.is_file() and not path.is_symlink()  # replaced by a good entry


# -- 11, 17, 22: git history --------------------------------------------------------


def _repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work, _ = work_dir(tmp_path, monkeypatch, {"_git": "1"}, TEXT)
    (work / "x.txt").write_text(TEXT.replace("22件", "23件"), encoding="utf-8")
    commit_all(work, "second")
    return work


def _submodule(work: Path) -> None:
    import subprocess

    head = subprocess.run(["git", "-C", str(work), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    git(work, "rm", "-q", "--cached", "x.txt")
    (work / "x.txt").unlink()
    git(work, "update-index", "--add", "--cacheinfo", f"160000,{head},x.txt")
    git(work, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "a submodule")


def _symlink(work: Path) -> None:
    (work / "x.txt").unlink()
    (work / "x.txt").symlink_to("/etc/passwd")
    commit_all(work, "a link")


def _lfs(work: Path) -> None:
    (work / "x.txt").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:" + "0" * 64 + "\nsize 9\n",
                                encoding="utf-8")
    commit_all(work, "to lfs")


HISTORY_REFUSED = {
    "11 a version that became a submodule": (_submodule, ["history", "x.txt"], "submodule"),
    "17 a symlink version": (_symlink, ["history", "x.txt"], "symbolic link"),
    "17 an LFS pointer version": (_lfs, ["history", "x.txt"], "Git LFS pointer"),
    "22 HEAD:path of a submodule": (_submodule, ["parse", "HEAD:x.txt"], "submodule"),
}


@pytest.mark.parametrize("case", sorted(HISTORY_REFUSED))
def test_hostile2_history_refuses_what_is_not_the_edition(tmp_path, monkeypatch, nlp, case):
    spoil, argv, expected = HISTORY_REFUSED[case]
    work = _repo(tmp_path, monkeypatch)
    spoil(work)
    line = invoke_refused(tmp_path, [*argv, "--no-cache"], {})
    assert expected in line and "root:" not in line


def test_hostile2_history_takes_a_commit_dated_year_3170843(tmp_path, monkeypatch, nlp):
    # (11) a forged committer date out of any calendar's range: the version has no date.
    import subprocess

    work = _repo(tmp_path, monkeypatch)
    (work / "x.txt").write_text(TEXT.replace("22件", "24件"), encoding="utf-8")
    git(work, "add", "x.txt")
    tree = subprocess.run(["git", "-C", str(work), "write-tree"], capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(work), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    body = (f"tree {tree}\nparent {head}\nauthor t <t@example.invalid> 100000000000000 +0000\n"
            "committer t <t@example.invalid> 100000000000000 +0000\n\nfrom the future\n")
    sha = subprocess.run(["git", "-C", str(work), "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
                         input=body, capture_output=True, text=True, check=True).stdout.strip()
    git(work, "update-ref", "HEAD", sha)
    result = CliRunner().invoke(main, ["history", "x.txt", "--format", "json", "--no-cache"])
    assert result.exit_code == 0, (result.output, result.exception)
    versions = json.loads(result.stdout)["versions"]
    assert len(versions) == 3 and versions[-1]["date"] is None and versions[0]["date"]
