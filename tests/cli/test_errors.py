"""Bad input: one line on stderr naming the file and the problem, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from tests.helpers import invoke_refused, work_dir

GOOD = "基本的な認識\n\n- 施策を推進する。\n"
META = 'label = "{label}"\ntitle = "t"\ndate = "2026-01-01"\nstatus = "{status}"\n'


def _editions(tmp: Path, metas: dict[str, str] | None = None) -> Path:
    ed = tmp / "editions"
    ed.mkdir()
    for label in ("2025", "2026"):
        (ed / f"{label}.txt").write_text(GOOD, encoding="utf-8")
        meta = (metas or {}).get(label, META.format(label=label, status="official"))
        (ed / f"{label}.toml").write_text(meta, encoding="utf-8")
    return ed


def _write(tmp: Path, name: str, data: bytes) -> str:
    p = tmp / name
    p.write_bytes(data)
    return str(p)


# (case, setup(tmp) → argv, env, expected message fragment)
CASES = {
    "missing file": (lambda t: ["parse", str(t / "nope.txt")], {}, "no such file"),
    "empty file": (lambda t: ["parse", _write(t, "e.txt", b"")], {}, "the file is empty"),
    "blank file": (lambda t: ["parse", _write(t, "b.txt", b" \n\t\n")], {}, "the file is empty"),
    "binary file": (lambda t: ["parse", _write(t, "p.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")], {}, "binary"),
    "undecodable bytes": (lambda t: ["parse", _write(t, "u.txt", b"abc\xff\xfe\xfd\x80")], {}, "cannot be decoded"),
    "broken UTF-16": (lambda t: ["parse", _write(t, "w.txt", b"\xff\xfe\x00\xd8")], {}, "not valid UTF-16"),
    "a folder": (lambda t: ["parse", str(t)], {}, "is a folder"),
    "over the size limit": (lambda t: ["parse", _write(t, "big.txt", GOOD.encode() * 20)], {"IPDIFF_MAX_BYTES": "100"}, "over the 100-byte limit"),
    "bad size limit": (lambda t: ["parse", _write(t, "s.txt", GOOD.encode())], {"IPDIFF_MAX_BYTES": "lots"}, "IPDIFF_MAX_BYTES: not a whole number"),
    "unknown label": (lambda t: ["parse", "1999", "--editions-dir", str(_editions(t))], {}, "1999: no such file or edition label"),
    "revision outside git": (lambda t: ["parse", "HEAD:x.txt"], {}, "not inside a git repository"),
    "unknown revision": (lambda t: ["parse", "nosuchrev:x.txt"], {"_git": "1"}, "unknown git revision 'nosuchrev'"),
    "path not at revision": (lambda t: ["parse", "HEAD:missing.txt"], {"_git": "1"}, "no file 'missing.txt' at revision 'HEAD'"),
    "invalid metadata TOML": (lambda t: ["report", "--editions-dir", str(_editions(t, {"2026": "label = "}))], {}, "2026.toml: is not valid TOML"),
    "metadata without status": (lambda t: ["report", "--editions-dir", str(_editions(t, {"2025": 'label = "2025"\ntitle = "t"\ndate = "d"\n'}))], {}, "2025.toml: metadata needs a non-empty 'status'"),
    "unknown status": (lambda t: ["report", "--editions-dir", str(_editions(t, {"2025": META.format(label="2025", status="final")}))], {}, "status must be one of"),
    "sample without note": (lambda t: ["report", "--editions-dir", str(_editions(t, {"2025": META.format(label="2025", status="sample")}))], {}, "a sample edition needs a 'note'"),
    "label does not match file": (lambda t: ["report", "--editions-dir", str(_editions(t, {"2025": META.format(label="2024", status="official")}))], {}, "does not match the file name"),
    "missing metadata": (lambda t: ["report", "--editions-dir", str(_missing_meta(t))], {}, "2026.toml: metadata file is missing"),
    "one edition only": (lambda t: ["report", "--editions-dir", str(_one_edition(t))], {}, "needs at least two editions"),
    "no editions folder": (lambda t: ["report", "--editions-dir", str(t / "none")], {}, "editions folder not found"),
    "bad --fail-on": (lambda t: ["check", "--fail-on", "kpi-raised"], {}, "unknown condition 'kpi-raised'"),
    "-o into a missing folder": (lambda t: ["parse", _write(t, "g.txt", GOOD.encode()), "-o", str(t / "no" / "out.txt")], {}, "does not exist"),
}


def _missing_meta(t: Path) -> Path:
    ed = _editions(t)
    (ed / "2026.toml").unlink()
    return ed


def _one_edition(t: Path) -> Path:
    ed = _editions(t)
    (ed / "2026.txt").unlink()
    (ed / "2026.toml").unlink()
    return ed


@pytest.mark.parametrize("case", sorted(CASES))
def test_errors_bad_input_exits_2_with_one_line(case, tmp_path, monkeypatch):
    setup, env, fragment = CASES[case]
    work, env = work_dir(tmp_path, monkeypatch, env, GOOD)
    assert fragment in invoke_refused(tmp_path, setup(work) + ["--no-cache"], env)


def test_errors_unknown_format_is_a_usage_error():
    result = CliRunner().invoke(main, ["diff", "a", "b", "--format", "pdf"])
    assert result.exit_code == 2
    assert "'pdf' is not one of" in result.stderr


def test_errors_one_base_class_three_kinds_each_one_line_exit_2(tmp_path, monkeypatch):
    from ipdiff.compare.gates import parse_gates
    from ipdiff.errors import InputError, IpdiffError, OutputError, UsageError
    from ipdiff.io.outputs import write_output
    from ipdiff.io.sources import resolve

    with pytest.raises(UsageError, match="--fail-on: unknown condition 'sideways'"):
        parse_gates(["sideways"])
    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError, match="is a folder, not a file"):
        write_output(str(tmp_path / "out"), b"x")
    with pytest.raises(InputError):
        resolve(str(tmp_path / "missing.txt"), tmp_path)
    assert all(issubclass(c, IpdiffError) for c in (InputError, UsageError, OutputError))
    assert not issubclass(OutputError, InputError) and not issubclass(UsageError, InputError)

    # Through the CLI: each is still one line on stderr and exit code 2.
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    for argv in (
        ["check", "--fail-on", "sideways"],
        ["diff", "2025", "2026", "--format", "json", "-o", str(tmp_path / "out")],
    ):
        result = CliRunner().invoke(main, [*argv, "--cache-dir", str(tmp_path / "cache")])
        assert result.exit_code == 2, (argv, result.output)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
