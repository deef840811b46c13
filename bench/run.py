"""Speed figures, measured in one run: `python -m bench.run`.

Prints figures and ratios, never asserts: machines here are shared and noisy, so the
ratios within one run are what to quote.

1. GiNZA floor: the full ja_ginza pipeline (`nlp.pipe`) over the edition's non-blank lines,
   against ipdiff's cold parse of the same text (model loaded beforehand in both).
2. Whole processes: `ipdiff diff 2025 2026 --format json` with an empty cache, then warm.
3. Alignment of synthetic editions of 500, 2,000 and 5,000 records: time and peak memory
   (each size in a fresh subprocess, so peak RSS belongs to that size alone).
4. Python's `difflib.HtmlDiff` on the same 2025/2026 pair, as a reference point.
5. Hostile inputs, each in a fresh subprocess, time and peak memory: 20,000
   near-identical records diffed (segment → align → classify → JSON; GiNZA's parse is
   left out: it is linear, cached, and measured in 1), a heading line with 3,000 spaces,
   a 100 KB wide table and a 20,000-digit run (each segmented, figures included).
7. Growth (`--growth`): 1k/5k/20k headings diffed, a 5k and a 20k-character record
   diffed and rendered (HTML and JSON), 20k/80k one-line paragraphs segmented, a 1 MB and
   a 5 MB pair (the 2026 text repeated) diffed warm: seconds per unit stay flat when growth
   is linear.
6. `ipdiff timeline` over synthetic chains of the 2026 text (bench.chains) in a temp dir:
   8 editions cold with --jobs 1 and --jobs 2, then warm; 24 editions cold, then warm.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _timed(fn, *args, **kw):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - start, out


def ginza_floor(text: str) -> dict[str, float]:
    import spacy

    from ipdiff.parse.records import load_nlp, parse_text

    lines = [ln for ln in text.split("\n") if ln.strip()]
    full = spacy.load("ja_ginza")
    list(full.pipe(lines[:5]))  # warm-up
    floor, _ = _timed(lambda: list(full.pipe(lines, batch_size=64)))
    nlp = load_nlp()
    parse_text(text[:2000], "warmup", nlp)
    ours, _ = _timed(parse_text, text, "2026", nlp)
    return {"chars": len(text), "floor_s": floor, "ipdiff_s": ours, "ratio": ours / floor}


def processes(root: Path) -> dict[str, float]:
    cmd = [sys.executable, "-m", "ipdiff", "diff", "2025", "2026", "--format", "json"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "IPDIFF_CACHE_DIR": cache}
        run = lambda: subprocess.run(cmd, cwd=root, env=env, capture_output=True, check=True)  # noqa: E731
        cold, first = _timed(run)
        warm, second = _timed(run)
        assert first.stdout == second.stdout, "a cache hit must give the same bytes"
    return {"cold_s": cold, "warm_s": warm, "ratio": warm / cold}


_ALIGN_CHILD = """
import json, re, sys, time
from bench.synth_records import synthetic_records
from ipdiff.compare.align import align
from ipdiff.compare.evidence import with_sections
old, new = synthetic_records(int(sys.argv[1]), seed=1)
start = time.perf_counter()
alignment, _ = with_sections(old, new, align(old, new))  # records, then the section trees
elapsed = time.perf_counter() - start
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across exec on Linux.
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024
print(json.dumps({"records": len(old), "seconds": elapsed, "peak_mb": peak, "groups": len(alignment.groups)}))
"""


def alignment(sizes: list[int]) -> list[dict[str, float]]:
    out = []
    for n in sizes:
        proc = subprocess.run(
            [sys.executable, "-c", _ALIGN_CHILD, str(n)], capture_output=True, text=True, check=True
        )
        out.append(json.loads(proc.stdout))
    return out


_HOSTILE_CHILD = """
import json, re, sys, time
from ipdiff.model import Edition, Record
from ipdiff.parse.records import blocks_kpis
from ipdiff.parse.segment import segment

def edition(label, text):
    # Records straight from the blocks: what parse makes, minus GiNZA's lemmas and predicates.
    blocks = segment(text)
    return Edition(label, label * 64, tuple(
        Record(id=f"{label}{i}", section=b.section, kind=b.kind, text=b.text, line=b.line,
               end_line=b.end_line, kpis=k) for i, (b, k) in enumerate(zip(blocks, blocks_kpis(blocks)))))

case, n = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
if case == "records":
    from ipdiff.api import compare
    from ipdiff.render.json import render_json
    old = "".join(f"- 施策{i}を推進する。\\n" for i in range(n))
    # Every 97th dropped, every 89th renumbered, one added: a deletion must not shift them all.
    new = "".join(f"- 施策{i + (i % 89 == 0)}を推進する。\\n" for i in range(n) if i % 97) + "- 新たな施策を検討する。\\n"
    d = compare(edition("a", old), edition("b", new))
    size = len(render_json(d))
    detail = {k: v for k, v in json.loads(render_json(d))["summary"].items() if v}
elif case in ("headings", "long", "pair"):
    from ipdiff.api import compare
    from ipdiff.render.json import render_json
    if case == "headings":  # n top-level headings, every 50th dropped
        old = "".join(f"# 見出し{i}の施策\\n\\n" for i in range(n))
        new = "".join(f"# 見出し{i}の施策\\n\\n" for i in range(n) if i % 50)
    elif case == "long":  # one record of n characters, one word of it changed
        body = "".join(f"施策{i}の推進、" for i in range(n // 9))
        old, new = f"- {body}。\\n", f"- {body.replace('施策100の推進、', '施策100および関連施策の推進、')}。\\n"
    else:  # the 2026 edition repeated to n bytes (each copy its own chapter), every 40th line edited
        base = open("editions/2026.txt", encoding="utf-8").read()
        copies = max(1, n // len(base.encode()))
        old = "".join(base.replace("# ", f"# 第{k}部 ", 1) for k in range(copies))
        new = "\\n".join(ln + ("を見直す" if k % 40 == 0 and ln.startswith("- ") else "")
                         for k, ln in enumerate(old.split("\\n")))
    d = compare(edition("a", old), edition("b", new))
    rendered = render_json(d)
    if case == "long":
        from ipdiff.render.html import render_html
        rendered += render_html(d)
    size = len(old.encode())
    detail = {k: v for k, v in json.loads(render_json(d))["summary"].items() if v and k in ("added", "removed", "modified", "unchanged")}
elif case == "paragraphs":
    text = "".join(f"段落{i}の文です。\\n\\n" for i in range(n))
    blocks = segment(text)
    size = len(text.encode())
    detail = {"blocks": len(blocks)}
else:
    text = {
        "heading": "# x" + " " * n + "y\\n\\n- 施策を推進する。\\n",
        "table": "\\t" + "\\t".join(f"列{c}（億円）" for c in range(n)) + "\\n"
                 + "".join(f"行{r}\\t{r}\\n" for r in range(n)),  # a wide header over n short rows
        "digits": "- 件数は" + "1" * n + "件。\\n",
    }[case]
    blocks = segment(text)
    size = len(text.encode())
    detail = {"blocks": len(blocks), "figures": sum(map(len, blocks_kpis(blocks)))}
elapsed = time.perf_counter() - start
peak = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024
print(json.dumps({"case": case, "n": n, "bytes": size, "seconds": elapsed, "peak_mb": peak, "detail": detail}))
"""

HOSTILE = (("records", 20_000), ("heading", 3_000), ("table", 3_300), ("digits", 20_000))
# Growth: each input at sizes apart by 4-5x; linear growth keeps seconds/size flat.
GROWTH = (
    ("headings", 1_000), ("headings", 5_000), ("headings", 20_000),
    ("long", 5_000), ("long", 20_000),
    ("paragraphs", 20_000), ("paragraphs", 80_000),
    ("pair", 1_000_000), ("pair", 5_000_000),
)


def hostile(cases: list[tuple[str, int]]) -> list[dict[str, object]]:
    out = []
    for case, n in cases:
        proc = subprocess.run(
            [sys.executable, "-c", _HOSTILE_CHILD, case, str(n)], capture_output=True, text=True, check=True
        )
        out.append(json.loads(proc.stdout))
    return out


def htmldiff(root: Path) -> dict[str, float]:
    a = (root / "editions" / "2025.txt").read_text(encoding="utf-8").split("\n")
    b = (root / "editions" / "2026.txt").read_text(encoding="utf-8").split("\n")
    seconds, html = _timed(difflib.HtmlDiff().make_file, a, b)
    return {"seconds": seconds, "bytes": len(html)}


def _chain_dir(folder: Path, text: str, n: int) -> Path:
    from bench.chains import make_chain

    editions = folder / "editions"
    editions.mkdir(parents=True)
    for k, ed in enumerate(make_chain(text, n, seed=0).editions):
        label = f"v{k + 1:02d}"
        (editions / f"{label}.txt").write_text(ed.text, encoding="utf-8")
        (editions / f"{label}.toml").write_text(
            f'label = "{label}"\ntitle = "synthetic {label}"\ndate = "2026-06-{k + 1:02d}"\n'
            'status = "sample"\nsource = "bench.chains"\nnote = "a synthetic revision, not an official text"\n',
            encoding="utf-8",
        )
    return editions


def timeline_processes(text: str) -> dict[str, float]:
    """Whole `ipdiff timeline --format html` processes over synthetic chains."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)

        def run(editions: Path, cache: str, *extra: str) -> float:
            cmd = [sys.executable, "-m", "ipdiff", "timeline", "--format", "html",
                   "--editions-dir", str(editions), "-o", str(root / "t.html"), *extra]
            env = {**os.environ, "IPDIFF_CACHE_DIR": str(root / cache)}
            seconds, _ = _timed(subprocess.run, cmd, env=env, capture_output=True, check=True)
            return seconds

        eight, twenty_four = _chain_dir(root / "c8", text, 8), _chain_dir(root / "c24", text, 24)
        out["cold8_jobs1_s"] = run(eight, "cache-a", "--jobs", "1")
        out["cold8_jobs2_s"] = run(eight, "cache-b", "--jobs", "2")
        out["warm8_s"] = run(eight, "cache-b")
        out["cold24_s"] = run(twenty_four, "cache-c")
        out["warm24_s"] = run(twenty_four, "cache-c")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (editions/)")
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument(
        "--hostile", metavar="CASE[=N],…", default=None,
        help=f"only the hostile-input cases ({', '.join(c for c, _ in HOSTILE)}), optionally sized",
    )
    parser.add_argument("--timeline-only", action="store_true", help="only the timeline figures (6.)")
    parser.add_argument("--growth", action="store_true", help="only the growth figures (7.)")
    args = parser.parse_args(argv)
    if args.growth:
        print_hostile(hostile(list(GROWTH)), per_unit=True)
        return
    if args.hostile is not None:
        sizes = dict(HOSTILE)
        chosen = [c.partition("=") for c in args.hostile.split(",") if c]
        print_hostile(hostile([(c, int(n) if n else sizes[c]) for c, _, n in chosen]))
        return
    root = args.root
    text = (root / "editions" / "2026.txt").read_text(encoding="utf-8")
    if args.timeline_only:
        t = timeline_processes(text)
        print(", ".join(f"{k} {v:.2f}" for k, v in t.items()))
        return

    f = ginza_floor(text)
    print(f"parse 2026 ({f['chars']:,} chars): GiNZA full-pipeline floor {f['floor_s']:.2f} s, "
          f"ipdiff cold parse {f['ipdiff_s']:.2f} s  → ratio {f['ratio']:.2f}x")
    p = processes(root)
    print(f"ipdiff diff 2025 2026 --format json (whole process): cold {p['cold_s']:.2f} s, "
          f"warm {p['warm_s']:.2f} s  → warm/cold {p['ratio']:.2f}")
    for row in alignment([int(s) for s in args.sizes.split(",")]):
        print(f"align {int(row['records']):>5} x {int(row['records']):<5} records: {row['seconds']:.2f} s, "
              f"peak RSS {row['peak_mb']:.0f} MB")
    h = htmldiff(root)
    print(f"difflib.HtmlDiff on the same pair (line diff, reference): {h['seconds']:.2f} s, "
          f"{h['bytes']:,} bytes of HTML")
    print_hostile(hostile(list(HOSTILE)))
    t = timeline_processes(text)
    print(f"ipdiff timeline, 8 synthetic editions of the 2026 text (whole process): cold --jobs 1 "
          f"{t['cold8_jobs1_s']:.2f} s, cold --jobs 2 {t['cold8_jobs2_s']:.2f} s, warm {t['warm8_s']:.2f} s")
    print(f"ipdiff timeline, 24 synthetic editions (whole process): cold (--jobs {os.cpu_count()}) "
          f"{t['cold24_s']:.2f} s, warm {t['warm24_s']:.2f} s")


def print_hostile(rows: list[dict[str, object]], per_unit: bool = False) -> None:
    for row in rows:
        unit = f", {1e6 * float(row['seconds']) / int(row['n']):.1f} µs per unit" if per_unit else ""  # type: ignore[arg-type]
        print(f"hostile {row['case']} (n={row['n']:,}, {row['bytes']:,} bytes): {row['seconds']:.2f} s{unit}, "
              f"peak RSS {row['peak_mb']:.0f} MB  {json.dumps(row['detail'], ensure_ascii=False)}")


if __name__ == "__main__":
    main()
