"""Hostile input, second round: nothing leaks, nothing is overwritten, no surprise.

Each numbered case of the second adversarial pass, through the CLI. Refused input is
held to `invoke_refused` (exit 2, one line, nothing written); the costs (sections,
character diff, grouping, segmentation) are in test_hostile_costs.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from tests.cli.test_hostile import META, TEXT, _editions, _ids
from tests.helpers import commit_all, git, invoke_refused

ROOT = Path(__file__).resolve().parents[2]


def _env(t: Path) -> dict[str, str]:
    # Beside the case's folder: a refused run may still have cached a parse.
    return {"IPDIFF_CACHE_DIR": str(t.parent / f"{t.name}-cache")}


def _report(t: Path, ed: Path) -> list[str]:
    return ["report", "--editions-dir", str(ed), "--reports-dir", str(t / "r")]


# -- 1, 17, 20: what an editions folder may hold ---------------------------------


def _linked(name: str) -> Callable[[Path], list[str]]:
    """A symlink in the editions folder standing for an edition, its metadata or a crosswalk."""

    def setup(t: Path) -> list[str]:
        ed = _editions(t)
        secret = t / "secret.txt"
        secret.write_text(TEXT if name.endswith(".txt") else META.format(label="2031"), encoding="utf-8")
        (ed / name).unlink(missing_ok=True)
        (ed / name).symlink_to(secret)
        return _report(t, ed)

    return setup


def _committed_passwd(t: Path) -> list[str]:
    """(1) a committed `2032.txt → /etc/passwd` with its metadata, checked out."""
    ed = _editions(t)
    (ed / "2032.txt").symlink_to("/etc/passwd")
    (ed / "2032.toml").write_text(META.format(label="2032"), encoding="utf-8")
    git(t, "init", "-q")
    commit_all(t, "a contributed edition")
    return _report(t, ed)


def _label_with(char: str) -> Callable[[Path], list[str]]:
    def setup(t: Path) -> list[str]:
        ed = _editions(t)
        (ed / f"x{char}z.txt").write_text(TEXT, encoding="utf-8")
        return _report(t, ed)

    return setup


def _lfs_pointer(t: Path) -> list[str]:
    pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 123456\n"
    ed = _editions(t, {"2031.txt": pointer})
    return _report(t, ed)


def _colliding(t: Path) -> list[str]:
    """(2) (a → a!-b) and (a-a! → b) would both write a-a!-b.*."""
    return _report(t, _editions(t, labels=("a", "a!-b", "a-a!", "b")))


def _crosswalk_twice(t: Path) -> list[str]:
    ed = _editions(t)
    old, new = _ids(t)
    (ed / "crosswalk-2030-2031.toml").write_text(f'[[pin]]\nold = ["{old}", "{old}"]\nnew = "{new}"\n', encoding="utf-8")
    return ["diff", "2030", "2031", "--editions-dir", str(ed), "--format", "json"]


REFUSED: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "1 committed symlink to /etc/passwd": (_committed_passwd, "symbolic link"),
    "1 symlinked edition": (_linked("2031.txt"), "symbolic link"),
    "1 symlinked metadata": (_linked("2031.toml"), "symbolic link"),
    "1 symlinked crosswalk": (_linked("crosswalk-2030-2031.toml"), "symbolic link"),
    "2 report names that collide": (_colliding, "would both write a-a!-b"),
    "16 a crosswalk id given twice": (_crosswalk_twice, "given twice"),
    "17 an LFS pointer for an edition": (_lfs_pointer, "Git LFS pointer"),
    "20 a label with a tab": (_label_with("\t"), "must not"),
    "20 a label with a newline": (_label_with("\n"), "must not"),
    "20 a label with U+202E": (_label_with("\u202e"), "must not"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile2_input_is_refused_in_one_line(case, tmp_path, nlp):
    setup, expected = REFUSED[case]
    argv = setup(tmp_path)
    line = invoke_refused(tmp_path, argv, _env(tmp_path))
    assert expected in line
    assert "root:" not in line  # nothing of /etc/passwd, not even in the message
    assert "\u202e" not in line and "\t" not in line


def test_hostile2_a_symlinked_edition_never_reaches_a_report(tmp_path, nlp):
    # (1) the link names a file whose text would parse: it is still not read.
    ed = _editions(tmp_path)
    (tmp_path / "secret.txt").write_text(TEXT.replace("営業秘密", "極秘の合言葉"), encoding="utf-8")
    (ed / "2032.txt").symlink_to(tmp_path / "secret.txt")
    (ed / "2032.toml").write_text(META.format(label="2032"), encoding="utf-8")
    result = CliRunner().invoke(main, _report(tmp_path, ed), env=_env(tmp_path))
    assert result.exit_code == 2
    assert not (tmp_path / "r").exists()
    for f in tmp_path.rglob("*"):
        if f.is_file() and not f.is_symlink() and f.name != "secret.txt":
            assert "極秘の合言葉" not in f.read_text(encoding="utf-8", errors="replace")


# -- 3 and 22: the report set is one transaction; orphans ---------------------------


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def _two_sets(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """Reports written for (2030, 2031), then the sets before and after 2031 changes."""
    ed = _editions(tmp_path)
    runner, env = CliRunner(), _env(tmp_path)
    assert runner.invoke(main, _report(tmp_path, ed), env=env).exit_code == 0
    old = _state(tmp_path / "r")
    (ed / "2031.txt").write_text(TEXT.replace("22件", "99件"), encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    assert runner.invoke(main, _report(tmp_path, ed)[:-1] + [str(other / "r")], env=env).exit_code == 0
    new = _state(other / "r")
    assert old != new and set(old) == set(new)
    return ed, old, new


def test_hostile2_a_failed_switch_leaves_the_old_set(tmp_path, nlp, monkeypatch):
    # (3) EBUSY where the set is put in place: one step offered or not, the old set stays.
    import errno

    from ipdiff.io import outputs

    ed, old, _ = _two_sets(tmp_path)
    real_rename = os.rename

    def busy(a, b, *args, **kw):  # type: ignore[no-untyped-def]
        if Path(b) == tmp_path / "r" and Path(a).name.startswith(".r.new-"):
            raise OSError(errno.EBUSY, "Device or resource busy", str(b))
        return real_rename(a, b, *args, **kw)

    monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)
    monkeypatch.setattr(outputs.os, "rename", busy)
    result = CliRunner().invoke(main, _report(tmp_path, ed), env=_env(tmp_path))
    assert result.exit_code == 2 and "cannot be written" in result.stderr
    assert _state(tmp_path / "r") == old
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".r.")) == []


def test_hostile2_sigterm_at_any_moment_leaves_one_whole_set(tmp_path, nlp):
    # (3) a real process, killed at several moments of its run: old set or new, never a mix.
    import signal
    import time

    ed, old, new = _two_sets(tmp_path)
    env = {**os.environ, **_env(tmp_path), "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    cmd = [sys.executable, "-m", "ipdiff", *_report(tmp_path, ed)]
    seen = set()
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5, 4.0):
        (ed / "2031.txt").write_text(TEXT.replace("22件", "99件"), encoding="utf-8")
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        state = _state(tmp_path / "r")
        assert state in (old, new), f"a mixed set after SIGTERM at {delay} s"
        seen.add("new" if state == new else "old")
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.")]
        assert leftovers == [], leftovers
        # Back to the old set for the next round.
        (ed / "2031.txt").write_text(TEXT.replace("22件", "23件"), encoding="utf-8")
        assert CliRunner().invoke(main, _report(tmp_path, ed), env=_env(tmp_path)).exit_code == 0
        assert _state(tmp_path / "r") == old


def test_hostile2_report_removes_its_orphans_and_keeps_other_files(tmp_path, nlp):
    # (22) an orphan `report` wrote goes; a file of someone else's stays, and check names it.
    runner, env = CliRunner(), _env(tmp_path)
    ed = _editions(tmp_path, labels=("2030", "2031", "2032"))
    assert runner.invoke(main, _report(tmp_path, ed), env=env).exit_code == 0
    reports = tmp_path / "r"
    (reports / "NOTES.md").write_text("ours, not ipdiff's", encoding="utf-8")
    (ed / "2032.txt").unlink()
    (ed / "2032.toml").unlink()
    check = runner.invoke(main, ["check", "--editions-dir", str(ed), "--reports-dir", str(reports)], env=env)
    assert check.exit_code == 1
    assert "2031-2032.html: orphaned" in check.stderr
    assert "delete these by hand: NOTES.md" in check.stderr  # and only it: report removes the rest
    assert runner.invoke(main, _report(tmp_path, ed), env=env).exit_code == 0
    names = {p.name for p in reports.iterdir()}
    assert not any(n.startswith("2031-2032") for n in names) and "timeline.html" not in names
    assert (reports / "NOTES.md").read_text(encoding="utf-8") == "ours, not ipdiff's"


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_hostile2_check_and_report_agree_on_a_report_that_is_not_a_file(tmp_path, nlp, kind):
    # (22) both refuse to treat a link or a FIFO as the report; neither hangs on the FIFO.
    runner, env = CliRunner(), _env(tmp_path)
    ed = _editions(tmp_path)
    assert runner.invoke(main, _report(tmp_path, ed), env=env).exit_code == 0
    target = tmp_path / "r" / "2030-2031.md"
    good = target.read_bytes()
    target.unlink()
    if kind == "symlink":
        (tmp_path / "elsewhere.md").write_bytes(good)
        target.symlink_to(tmp_path / "elsewhere.md")
    else:
        os.mkfifo(target)
    check = runner.invoke(main, ["check", "--editions-dir", str(ed), "--reports-dir", str(tmp_path / "r")], env=env)
    assert check.exit_code == 1 and "2030-2031.md: not a regular file" in check.stderr
    again = runner.invoke(main, _report(tmp_path, ed), env=env)
    assert again.exit_code == 2 and "2030-2031.md: is in the way" in again.stderr


def test_hostile2_check_does_not_read_a_huge_stale_report(tmp_path, nlp):
    # (9) a 2 GB sparse report is stale by its size, never read into memory.
    runner, env = CliRunner(), _env(tmp_path)
    ed = _editions(tmp_path)
    assert runner.invoke(main, _report(tmp_path, ed), env=env).exit_code == 0
    for name in ("2030-2031.md", "2030-2031.json"):
        with open(tmp_path / "r" / name, "r+b") as fh:
            fh.truncate(2 * 1024**3)
    check = runner.invoke(main, ["check", "--editions-dir", str(ed), "--reports-dir", str(tmp_path / "r")], env=env)
    assert check.exit_code == 1, check.output
    assert "2030-2031.md: stale" in check.stderr and "Traceback" not in check.output


# -- 4, 19: what a label or a text reaches in Markdown and HTML ---------------------


def test_hostile2_a_label_is_escaped_in_markdown_links_and_summaries(tmp_path, nlp):
    from markdown_it import MarkdownIt

    label = "<img src=x onerror=alert(1)>"
    ed = _editions(tmp_path)
    (ed / f"{label}.txt").write_text(TEXT.replace("22件", "30件"), encoding="utf-8")
    (ed / f"{label}.toml").write_text(
        META.format(label=label).replace('"official"', '"sample"') + 'note = "<b onmouseover=x>n</b>"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["diff", "2030", label, "--editions-dir", str(ed), "--format", "md"], env=_env(tmp_path))
    assert result.exit_code == 0, result.output
    shown = MarkdownIt("commonmark").render(result.stdout)
    # No element of theirs, no handler in any tag (escaped text and encoded links are fine).
    assert not re.search(r"<(?:img|b)[\s>]", shown)
    assert not re.search(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", shown)
    assert "%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E" in result.stdout  # the link target, encoded


def test_hostile2_bidi_controls_are_shown_not_obeyed_in_html(tmp_path, nlp):
    ed = _editions(tmp_path, {"2031.txt": TEXT.replace("検討する。", "検討する\u202e。逆順")})
    result = CliRunner().invoke(main, ["diff", "2030", "2031", "--editions-dir", str(ed), "--format", "html"], env=_env(tmp_path))
    assert result.exit_code == 0
    assert "\u202e" not in result.stdout and "[U+202E]" in result.stdout


# -- 8, 21: names and streams ------------------------------------------------------


def test_hostile2_a_file_name_that_is_not_utf8_works_and_is_shown_escaped(tmp_path, nlp):
    name = os.fsdecode(b"\x8c\x76\x89\xe6.txt")  # 計画.txt in Shift_JIS, as an unzip leaves it
    (tmp_path / name).write_text(TEXT, encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text(TEXT.replace("22件", "23件"), encoding="utf-8")
    third = tmp_path / "c.txt"
    third.write_text(TEXT.replace("22件", "24件"), encoding="utf-8")
    runner, env = CliRunner(), _env(tmp_path)
    for argv in (
        ["diff", str(tmp_path / name), str(other), "--format", "json"],
        ["parse", str(tmp_path / name), "--format", "json"],
        ["timeline", str(tmp_path / name), str(other), str(third), "--format", "json"],
    ):
        result = runner.invoke(main, argv, env=env)
        assert result.exit_code == 0, (argv[0], result.output, result.exception)
        json.loads(result.stdout)
        if argv[0] != "diff":  # diff JSON leaves origins out
            assert "\\\\x8cv\\\\x89\\\\xe6" in result.stdout  # JSON of the escape \x8cv\x89\xe6
    missing = invoke_refused(tmp_path, ["parse", str(tmp_path / os.fsdecode(b"\x82\xa0.txt"))], env)
    assert "\\x82\\xa0" in missing


def _subprocess(argv: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}", **env}
    return subprocess.run([sys.executable, "-m", "ipdiff", *argv], cwd=cwd, env=full, capture_output=True, timeout=300)


@pytest.mark.parametrize("encoding", ["latin-1", "euc_jp", "ascii"])
def test_hostile2_a_non_utf8_locale_gets_utf8_output(tmp_path, nlp, encoding):
    ed = _editions(tmp_path)
    argv = ["diff", "2030", "2031", "--editions-dir", str(ed), "--format", "md"]
    plain = _subprocess(argv, tmp_path, IPDIFF_CACHE_DIR=str(tmp_path / "c"))
    odd = _subprocess(argv, tmp_path, IPDIFF_CACHE_DIR=str(tmp_path / "c"), PYTHONIOENCODING=encoding, LC_ALL="C")
    assert odd.returncode == 0, odd.stderr.decode(errors="replace")
    assert odd.stdout == plain.stdout and "変更点".encode() in odd.stdout


def test_hostile2_a_closed_stdout_is_an_error(tmp_path, nlp):
    ed = _editions(tmp_path)
    full = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}", "IPDIFF_CACHE_DIR": str(tmp_path / "c")}
    proc = subprocess.run(
        [sys.executable, "-m", "ipdiff", "diff", "2030", "2031", "--editions-dir", str(ed)],
        env=full, stdout=None, stderr=subprocess.PIPE, timeout=300, preexec_fn=lambda: os.close(1),
    )
    lines = proc.stderr.decode().strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and "stdout" in lines[0] and "closed" in lines[0]


# -- 13, 14, 15, 18: text --------------------------------------------------------


def _summary(t: Path, old: str, new: str) -> dict[str, int]:
    ed = _editions(t, {"2030.txt": old, "2031.txt": new})
    result = CliRunner().invoke(main, ["diff", "2030", "2031", "--editions-dir", str(ed), "--format", "json"], env=_env(t))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["summary"]


def test_hostile2_nfd_text_is_the_same_text(tmp_path, nlp):
    # (13) the 2026 edition written decomposed: nothing changed, and no gate trips.
    text = (ROOT / "editions" / "2026.txt").read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    summary = _summary(tmp_path, text, nfd)
    assert {k: v for k, v in summary.items() if v and k != "unchanged"} == {}
    ed = tmp_path / "editions"
    check = CliRunner().invoke(
        main, ["check", "--editions-dir", str(ed), "--reports-dir", str(tmp_path / "none"),
               "--fail-on", "strength-down,kpi-lowered"], env=_env(tmp_path),
    )
    assert "strength" not in check.stderr and "kpi" not in check.stderr.lower().replace("kpis.csv", "")


def test_hostile2_wave_dash_twins_are_cosmetic(tmp_path, nlp):
    # (15) ～ (U+FF5E, CP932) and 〜 (U+301C, JIS): one character, two mappings.
    line = "- 2025年～2030年に検討する。\n"
    ed = _editions(tmp_path, {"2030.txt": TEXT + line, "2031.txt": TEXT + line.replace("～", "〜")})
    result = CliRunner().invoke(main, ["diff", "2030", "2031", "--editions-dir", str(ed), "--format", "json"], env=_env(tmp_path))
    wave = [c for c in json.loads(result.stdout)["changes"] if any("2030年に" in r["text"] for r in c["new"])]
    assert [(c["type"], c["cosmetic"]) for c in wave] == [("unchanged", True)]


def _parsed(t: Path, data: bytes) -> list[str]:
    (t / "e.txt").write_bytes(data)
    result = CliRunner().invoke(main, ["parse", str(t / "e.txt"), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    return [r["text"] for r in json.loads(result.stdout)["records"]]


@pytest.mark.parametrize("encoding", ["euc_jp", "utf-32", "cp932"])
def test_hostile2_encodings_read_right(tmp_path, nlp, encoding):
    # (14) EUC-JP read as EUC-JP (not as CP932 mojibake), UTF-32 by its BOM (not as UTF-16).
    assert _parsed(tmp_path, TEXT.encode(encoding)) == _parsed(tmp_path, TEXT.encode("utf-8"))


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8") + b"\x82\n", TEXT.encode("utf-8")[:20] + b"\xff" + TEXT.encode("utf-8")[20:],
     "# 計畫\n\n## 政策\n\n- 推動營業秘密保護制度之檢討。\n- 檢舉案件數為二十二件。\n".encode("big5")],
    ids=["a stray Shift_JIS byte", "a stray 0xFF", "Big5"],
)
def test_hostile2_undecidable_encodings_are_refused(tmp_path, nlp, data):
    (tmp_path / "e.txt").write_bytes(data)
    line = invoke_refused(tmp_path, ["parse", str(tmp_path / "e.txt"), "--no-cache"], {})
    assert "e.txt" in line and ("UTF-8" in line or "decoded" in line)


def test_hostile2_numbers_past_15_digits_are_refused_in_every_notation(tmp_path, nlp):
    # (18) 9,007,199,254,740,993 is not a float: it is no figure, as 16 plain digits are not.
    texts = {"9,007,199,254,740,993人", "9007199254740993人", "9,007,199,254,740.993人"}
    body = "".join(f"- 登録者数は{t}。\n" for t in sorted(texts))
    (tmp_path / "e.txt").write_text(TEXT + body, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "e.txt"), "--format", "json", "--no-cache"])
    records = [r for r in json.loads(result.stdout)["records"] if "登録者数" in r["text"]]
    assert len(records) == 3 and all(r["kpis"] == [] for r in records)
