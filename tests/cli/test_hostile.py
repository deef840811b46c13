"""Hostile and careless inputs, each through the CLI.

Refused input: one line on stderr naming the file and the problem, exit 2, no
traceback, nothing written. Odd but valid input: the right result, not garbage.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from tests.helpers import commit_all, invoke_refused, work_dir

TEXT = "# 計画\n\n## 施策\n\n- 営業秘密の漏洩防止に向けた制度の在り方を検討する。\n- 検挙事件数は2024年には22件。\n"
META = 'label = "{label}"\ntitle = "t"\ndate = "2030-01-01"\nstatus = "official"\n'


def _editions(t: Path, files: dict[str, str] | None = None, labels: tuple[str, ...] = ("2030", "2031")) -> Path:
    """An editions folder of small valid editions; `files` adds or replaces files by name."""
    ed = t / "editions"
    ed.mkdir(exist_ok=True)
    for n, label in enumerate(labels):
        (ed / f"{label}.txt").write_text(TEXT.replace("22件", f"{22 + n}件"), encoding="utf-8")
        (ed / f"{label}.toml").write_text(META.format(label=label), encoding="utf-8")
    for name, text in (files or {}).items():
        (ed / name).write_text(text, encoding="utf-8")
    return ed


def _ids(t: Path) -> tuple[str, str]:
    """The id of the 検挙 record in 2030 and in 2031 (they differ: the number changed)."""
    out = []
    for label in ("2030", "2031"):
        result = CliRunner().invoke(main, ["parse", str(t / "editions" / f"{label}.txt"), "--format", "json", "--no-cache"])
        out.append(next(r["id"] for r in json.loads(result.stdout)["records"] if "検挙" in r["text"]))
    return out[0], out[1]


def _crosswalk(body: Callable[[str, str], str]) -> Callable[[Path], list[str]]:
    def setup(t: Path) -> list[str]:
        ed = _editions(t)
        old, new = _ids(t)
        (ed / "crosswalk-2030-2031.toml").write_text(body(old, new), encoding="utf-8")
        return ["diff", "2030", "2031", "--editions-dir", str(ed), "--format", "json"]

    return setup


def _meta(toml: str) -> Callable[[Path], list[str]]:
    return lambda t: ["report", "--editions-dir", str(_editions(t, {"2031.toml": toml})), "--reports-dir", str(t / "r")]


def _write(t: Path, name: str, text: str) -> str:
    (t / name).write_text(text, encoding="utf-8")
    return str(t / name)


def _fifo(t: Path) -> list[str]:
    os.mkfifo(t / "pipe.txt")
    return ["parse", str(t / "pipe.txt")]


def _fifo_beside(name: str, command: str) -> Callable[[Path], list[str]]:
    def setup(t: Path) -> list[str]:
        ed = _editions(t)
        (ed / name).unlink(missing_ok=True)
        os.mkfifo(ed / name)
        more = ["2030", "2031"] if command == "diff" else ["--reports-dir", str(t / "r")]
        return [command, *more, "--editions-dir", str(ed)]

    return setup


def _committed_link(t: Path) -> list[str]:
    (t / "link.txt").symlink_to("x.txt")
    commit_all(t, "link")
    return ["parse", "HEAD:link.txt"]


def _sparse(t: Path) -> list[str]:
    with open(t / "huge.txt", "wb") as fh:
        fh.truncate(30 * 1024**3)  # 30 GB that occupy nothing: refused by its size, unread
    return ["parse", str(t / "huge.txt")]


NESTED = "a = " + "[" * 5000 + "]" * 5000 + "\n"
DIGITS = "9" * 5000

# (case) → (setup(tmp) → argv, env, fragment of the one-line message)
REFUSED: dict[str, tuple[Callable[[Path], list[str]], dict[str, str], str]] = {
    # size and file type before reading
    "a FIFO": (_fifo, {}, "is a FIFO"),
    "/dev/zero": (lambda t: ["parse", "/dev/zero"], {}, "/dev/zero: is a device"),
    "metadata that is a FIFO": (_fifo_beside("2031.toml", "report"), {}, "2031.toml: is a FIFO"),
    "a crosswalk that is a FIFO": (_fifo_beside("crosswalk-2030-2031.toml", "diff"), {}, "crosswalk-2030-2031.toml: is a FIFO"),
    "a negative size limit": (lambda t: ["parse", _write(t, "s.txt", TEXT)], {"IPDIFF_MAX_BYTES": "-1"}, "not a whole number"),
    "a 30 GB sparse file": (_sparse, {}, "is 32,212,254,720 bytes, over the 20,971,520-byte limit"),
    "a file that misstates its size": (lambda t: ["parse", "/proc/self/status"], {"IPDIFF_MAX_BYTES": "64"}, "/proc/self/status: is over the 64-byte limit"),
    # wrong types and hostile specs
    "crosswalk pin = [1]": (_crosswalk(lambda o, n: "pin = [1]\n"), {}, "'pin' must be an array of tables"),
    "crosswalk pin = 'x'": (_crosswalk(lambda o, n: 'pin = "x"\n'), {}, "'pin' must be an array of tables"),
    "crosswalk [pin]": (_crosswalk(lambda o, n: f'[pin]\nold = "{o}"\nnew = "{n}"\n'), {}, "'pin' must be an array of tables"),
    "crosswalk forbid = [1]": (_crosswalk(lambda o, n: "forbid = [1]\n"), {}, "'forbid' must be an array of tables"),
    "crosswalk old = 1": (_crosswalk(lambda o, n: f'[[pin]]\nold = 1\nnew = "{n}"\n'), {}, "pin #1: 'old' must be a record id"),
    "crosswalk nested too deeply": (_crosswalk(lambda o, n: NESTED), {}, "crosswalk-2030-2031.toml: is not valid TOML: nested too deeply"),
    "metadata nested too deeply": (_meta(NESTED), {}, "2031.toml: is not valid TOML: nested too deeply"),
    "a sample's note = 5": (_meta('label = "2031"\ntitle = "t"\ndate = "d"\nstatus = "sample"\nnote = 5\n'), {}, "'note' must be a string, not int"),
    "date = 5": (_meta('label = "2031"\ntitle = "t"\ndate = 5\nstatus = "official"\n'), {}, "'date' must be a string, not int"),
    "HEAD:../../etc/passwd": (lambda t: ["parse", "HEAD:../../etc/passwd"], {"_git": "1"}, "is outside the repository"),
    "a symlink committed in git": (_committed_link, {"_git": "1"}, "'link.txt' at revision 'HEAD' is a symbolic link"),
    "HEAD@{99}": (lambda t: ["parse", "HEAD@{99}:x.txt"], {"_git": "1"}, "unknown git revision 'HEAD@{99}'"),
    "a revision like an option": (lambda t: ["parse", "--no-cache", "--", "--output=x:x.txt"], {"_git": "1"}, "unknown git revision '--output=x'"),
    "--fail-on a 5,000-digit count": (lambda t: ["check", "--fail-on", f"dropped>{DIGITS}"], {}, "is too large"),
    # contradictions and every id checked
    "pin and forbid the same pair": (
        _crosswalk(lambda o, n: f'[[pin]]\nold = "{o}"\nnew = "{n}"\n\n[[forbid]]\nold = "{o}"\nnew = "{n}"\n'),
        {}, "forbid #1 forbids a pair that a pin joins",
    ),
    "forbid with an unknown second id": (
        _crosswalk(lambda o, n: f'[[forbid]]\nold = "{o}"\nnew = ["{n}", "nosuchid"]\n'), {}, "unknown new record id 'nosuchid' in forbid #1",
    ),
    # messages
    "--reports-dir is a file": (lambda t: ["report", "--reports-dir", _write(t, "r.txt", "x")], {}, "Directory"),
    "--editions-dir is a file": (lambda t: ["diff", "a", "b", "--editions-dir", _write(t, "e.txt", "x")], {}, "is a file"),
    "-o is a folder": (lambda t: ["parse", _write(t, "g.txt", TEXT), "-o", str(t)], {}, "is a directory"),
    "ANSI escapes in an argument": (lambda t: ["parse", "\x1b[2J\x1b[31mred\x1b]0;title\x07"], {}, "\\x1b[2J\\x1b[31mred\\x1b]0;title\\x07: no such file"),
    # labels that would hide reports
    "an edition labelled .hidden": (
        lambda t: ["report", "--editions-dir", str(_editions(t, labels=("2030", ".hidden"))), "--reports-dir", str(t / "r")],
        {}, "edition label '.hidden' must not",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_input_is_refused_in_one_line(case, tmp_path, monkeypatch, nlp):
    setup, env, fragment = REFUSED[case]
    work, env = work_dir(tmp_path, monkeypatch, env, TEXT)
    argv = setup(work)
    argv += [] if "--" in argv else ["--no-cache"]
    assert fragment in invoke_refused(tmp_path, argv, env)


def _parse_json(path: Path) -> dict:
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _texts(doc: dict) -> list[str]:
    return [r["text"] for r in doc["records"]]


def test_hostile_iso_2022_jp_decodes_like_utf8(tmp_path, nlp):
    (tmp_path / "u.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "j.txt").write_bytes(TEXT.encode("iso2022_jp"))
    assert _texts(_parse_json(tmp_path / "j.txt")) == _texts(_parse_json(tmp_path / "u.txt"))


def test_hostile_bom_mid_file_does_not_glue_a_bullet(tmp_path, nlp):
    bom = "\ufeff"
    (tmp_path / "cat.txt").write_text(bom + TEXT + bom + "- 追加の施策を推進する。\n", encoding="utf-8")
    texts = _texts(_parse_json(tmp_path / "cat.txt"))
    assert "追加の施策を推進する。" in texts
    assert not any(bom in t for t in texts)


@pytest.mark.parametrize("char", ["\u0085", "\u2028", "\u2029", "\x9b"])
def test_hostile_separators_and_c1_controls_never_reach_a_report(tmp_path, nlp, char):
    (tmp_path / "old.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "new.txt").write_text(TEXT.replace("制度の", f"制度の{char}"), encoding="utf-8")
    for fmt in ("json", "csv", "html", "md"):
        result = CliRunner().invoke(main, ["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", fmt, "--no-cache"])
        assert result.exit_code == 0, result.output
        assert char not in result.stdout and json.dumps(char)[1:-1] not in result.stdout, fmt


def test_hostile_toml_date_literal_is_accepted(tmp_path, nlp):
    ed = _editions(tmp_path, {"2031.toml": 'label = "2031"\ntitle = "t"\ndate = 2031-06-12\nstatus = "official"\n'})
    result = CliRunner().invoke(main, ["diff", "2030", "2031", "--editions-dir", str(ed), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output


def test_hostile_reflog_revisions_are_read_as_git_reads_them(tmp_path, monkeypatch, nlp):
    repo, _ = work_dir(tmp_path, monkeypatch, {"_git": "1"}, TEXT)
    (repo / "x.txt").write_text(TEXT.replace("22件", "38件"), encoding="utf-8")
    commit_all(repo, "y")
    then = _texts(_parse_json(Path("HEAD@{1}:x.txt")))
    assert any("22件" in t for t in then) and not any("38件" in t for t in then)


def test_hostile_crosswalk_forbid_lists_forbid_every_pair(tmp_path, nlp):
    ed = _editions(tmp_path)
    old, new = _ids(tmp_path)
    argv = ["diff", "2030", "2031", "--editions-dir", str(ed), "--format", "json", "--no-cache"]
    paired = json.loads(CliRunner().invoke(main, argv).stdout)
    assert any(c["type"] == "modified" and c["new"][0]["id"] == new for c in paired["changes"])
    # The pair to forbid is second in the list: it must count as much as the first.
    other = next(r["id"] for c in paired["changes"] for r in c["new"] if r["id"] != new)
    (ed / "crosswalk-2030-2031.toml").write_text(f'[[forbid]]\nold = "{old}"\nnew = ["{other}", "{new}"]\n', encoding="utf-8")
    doc = json.loads(CliRunner().invoke(main, argv).stdout)
    types = {c["type"] for c in doc["changes"] if any(r["id"] in (old, new) for r in c["old"] + c["new"])}
    assert types == {"added", "removed"}


def test_hostile_cache_entry_under_another_key_is_not_trusted(tmp_path, nlp):
    ed = _editions(tmp_path)
    cache = tmp_path / "cache"
    for label in ("2030", "2031"):
        assert CliRunner().invoke(main, ["parse", label, "--editions-dir", str(ed), "--cache-dir", str(cache)]).exit_code == 0
    entries = sorted(cache.glob("*.json"), key=lambda p: "2030" in p.read_text(encoding="utf-8"))
    right = {label: CliRunner().invoke(main, ["parse", label, "--editions-dir", str(ed), "--format", "json", "--no-cache"]).stdout for label in ("2030", "2031")}
    # Swap the two entries: each is intact, but under the other's key.
    a, b = (p.read_bytes() for p in entries)
    entries[0].write_bytes(b)
    entries[1].write_bytes(a)
    for label in ("2030", "2031"):
        got = CliRunner().invoke(main, ["parse", label, "--editions-dir", str(ed), "--format", "json", "--cache-dir", str(cache)])
        assert got.stdout == right[label]


# -- a report set is written whole or not at all -------------------------


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {p.name: (p.read_bytes() if p.is_file() else None) for p in sorted(folder.iterdir())}


def _reported(tmp_path: Path, labels: tuple[str, ...]) -> tuple[Path, Path]:
    ed = _editions(tmp_path, labels=labels)
    reports = tmp_path / "reports"
    result = CliRunner().invoke(main, ["report", "--editions-dir", str(ed), "--reports-dir", str(reports), "--no-cache"])
    assert result.exit_code == 0, result.output
    return ed, reports


def _index_is_a_folder(ed: Path, reports: Path) -> None:
    (reports / "index.html").unlink()
    (reports / "index.html").mkdir()


def _label_too_long(ed: Path, reports: Path) -> None:
    long = "2032" + "x" * 240  # <label>.toml fits in 255 bytes, <old>-<new>-changes.csv does not
    (ed / f"{long}.txt").write_text(TEXT, encoding="utf-8")
    (ed / f"{long}.toml").write_text(META.format(label=long), encoding="utf-8")


@pytest.mark.parametrize("spoil", [_index_is_a_folder, _label_too_long], ids=["index.html is a folder", "a label too long for a file name"])
def test_hostile_report_set_is_all_or_nothing(tmp_path, nlp, spoil):
    ed, reports = _reported(tmp_path, ("2030", "2031"))
    (ed / "2031.txt").write_text(TEXT.replace("22件", "99件"), encoding="utf-8")  # every pair's files would change
    spoil(ed, reports)
    before = _snapshot(reports)
    result = CliRunner().invoke(main, ["report", "--editions-dir", str(ed), "--reports-dir", str(reports), "--no-cache"])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and str(reports) in result.stderr
    assert ".tmp" not in result.stderr, "the error names the target, not a temp file"
    assert _snapshot(reports) == before


# -- -o writes through to what is not a regular file ---------------------


def _out(tmp_path: Path, target: str) -> tuple[str, str]:
    (tmp_path / "e.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "e.txt"), "-o", target, "--no-cache"])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_hostile_output_keeps_a_symlink_and_a_files_mode(tmp_path, nlp):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    (tmp_path / "link.txt").symlink_to(real)
    _out(tmp_path, str(tmp_path / "link.txt"))
    assert (tmp_path / "link.txt").is_symlink()
    assert "施策" in real.read_text(encoding="utf-8")
    _out(tmp_path, str(real))
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_hostile_output_writes_through_a_fifo(tmp_path, nlp):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    _out(tmp_path, str(fifo))
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert "施策" in got[0].decode("utf-8")


def test_hostile_output_dash_is_stdout(tmp_path, nlp):
    stdout, _ = _out(tmp_path, "-")
    assert "施策" in stdout
    assert not (tmp_path / "-").exists()


def test_hostile_output_write_error_names_the_target(tmp_path, nlp):
    (tmp_path / "e.txt").write_text(TEXT, encoding="utf-8")
    target = tmp_path / ("n" * 300)
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "e.txt"), "-o", str(target), "--no-cache"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"ipdiff: error: {target}: cannot be written")
    assert ".tmp" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.txt"]


# -- near-identical records stay bounded ---------------------------------


def _seed_cache(cache: Path, path: Path) -> None:
    """Cache the file's records as parse would, without GiNZA (20,000 bullets would take
    minutes to parse): the CLI then diffs from the cache, the path a warm run takes."""
    from ipdiff.families import cache_tag, family_of
    from ipdiff.io.cache import ParseCache
    from ipdiff.io.sources import read_file
    from ipdiff.model import Record
    from ipdiff.parse.records import blocks_kpis, record_id
    from ipdiff.parse.segment import segment

    source = read_file(path)
    blocks = segment(source.text)
    records = tuple(
        Record(id=record_id(b.section, b.text, source.label), section=b.section, kind=b.kind, text=b.text,
               line=b.line, end_line=b.end_line, kpis=k)
        for b, k in zip(blocks, blocks_kpis(blocks), strict=True)
    )
    ParseCache(cache).put(source, records, cache_tag(family_of(source)))


def test_hostile_near_identical_records_pair_by_number_within_bounds(tmp_path):
    n = 3000
    old = "".join(f"- 施策{i}を推進する。\n" for i in range(n))
    new = "".join(f"- 施策{i}を推進する。\n" for i in range(n) if i % 97)
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    for name in ("old.txt", "new.txt"):
        _seed_cache(tmp_path / "cache", tmp_path / name)
    result = CliRunner().invoke(
        main, ["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    dropped = len(range(0, n, 97))
    # Each bullet finds its own number: one deletion does not shift all that follow.
    assert (summary["removed"], summary["unchanged"], summary["modified"]) == (dropped, n - dropped, 0)


def test_hostile_candidates_are_bounded_per_record():
    from ipdiff.compare.align import CANDIDATES, score_pairs
    from tests.helpers import record

    n = 4000
    old = [record(i, f"施策{i}を推進する。") for i in range(n)]
    new = [record(i, f"施策{i + 1}を推進する。") for i in range(n)]
    # All 16,000,000 pairs are the same text once digits are masked; a bounded set
    # stays within a few k per record.
    assert len(score_pairs(old, new)) <= 4 * CANDIDATES * n


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u2060", "\u00ad"])
def test_hostile_an_inserted_invisible_character_is_cosmetic(tmp_path, nlp, char):
    (tmp_path / "old.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "new.txt").write_text(TEXT.replace("制度の", f"制{char}度の"), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    (change,) = [c for c in json.loads(result.stdout)["changes"] if "制" in c["new"][0]["text"]]
    assert (change["type"], change["cosmetic"]) == ("unchanged", True)


def test_hostile_huge_assignment_components_are_solved_sparse_and_optimal(monkeypatch):
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    import ipdiff.compare.assignment as assignment
    from tests.helpers import max_weight_matching

    monkeypatch.setattr(assignment, "DENSE_COMPONENT", 0)  # every component the sparse way
    rng = np.random.default_rng(16)
    for _ in range(30):
        n, m = rng.integers(1, 12, size=2)
        w = rng.random((n, m)).round(3)
        w[rng.random((n, m)) < 0.6] = 0.0
        pairs = max_weight_matching(w)
        assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
        rs, cs = linear_sum_assignment(w, maximize=True)
        assert abs(sum(w[r, c] for r, c in pairs) - w[rs, cs].sum()) < 1e-9


@pytest.mark.parametrize("damage", ["[" * 100_000 + "]" * 100_000, '{"generator": [1]}', '{"generator": {"ipdiff": 5}}'])
def test_hostile_check_reads_a_damaged_report_without_a_traceback(tmp_path, nlp, damage):
    ed, reports = _reported(tmp_path, ("2030", "2031"))
    (reports / "2030-2031.json").write_text(damage, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--editions-dir", str(ed), "--reports-dir", str(reports), "--no-cache"])
    assert result.exit_code == 1, result.output
    assert "2030-2031.json: stale" in result.stderr


def test_hostile_paths_with_escapes_are_echoed_as_escapes(tmp_path, nlp):
    (tmp_path / "e.txt").write_text(TEXT, encoding="utf-8")
    _, stderr = _out(tmp_path, str(tmp_path / "\x1b[2Jout.txt"))
    assert "\x1b" not in stderr and "\\x1b[2Jout.txt" in stderr
    ed = _editions(tmp_path)
    reports = tmp_path / "\x1b[31mreports"
    result = CliRunner().invoke(main, ["report", "--editions-dir", str(ed), "--reports-dir", str(reports), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\\x1b[31mreports" in result.stdout


# -- the figures items (kpi.py is the figures developer's), held through the CLI --


def test_hostile_a_309_digit_number_is_not_infinity(tmp_path, nlp):
    huge = "9" * 400
    (tmp_path / "old.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "new.txt").write_text(TEXT.replace("22件", f"{huge}件"), encoding="utf-8")
    parsed = CliRunner().invoke(main, ["parse", str(tmp_path / "new.txt"), "--format", "json", "--no-cache"])
    assert parsed.exit_code == 0, parsed.output
    json.loads(parsed.stdout, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
    for fmt in ("json", "html", "md", "csv"):
        result = CliRunner().invoke(main, ["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", fmt, "--no-cache"])
        assert result.exit_code == 0, (fmt, result.output)
        assert "Infinity" not in result.stdout and "inf" not in result.stdout.split()


def test_hostile_full_width_years_are_years(tmp_path, nlp):
    (tmp_path / "old.txt").write_text(TEXT.replace("2024年には22件", "22件（2024年）"), encoding="utf-8")
    (tmp_path / "new.txt").write_text(TEXT.replace("2024年には22件", "22件（２０２４年）"), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["kpi_changes"] == 0
    (change,) = [c for c in doc["changes"] if "22件" in c["new"][0]["text"]]
    assert change["cosmetic"] is True
