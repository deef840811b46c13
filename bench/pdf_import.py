"""PDF import speed and memory: `python -m bench.pdf_import [--pages 1000]`.

1. Speed: the 2026 text laid out as slides (bench.pdfgen, with its ruled table, charts and
   titles) imported three times; the best run's pages per second.
2. Memory: slide PDFs of 100 and of N pages (the 2026 slides repeated), each imported in a
   fresh subprocess; its RSS with the libraries loaded, and the peak during the import alone
   (Linux's high-water mark reset first). Bounded memory means the N-page peak stays near
   the 100-page one, not N/100 times it.
Prints figures, never asserts (a shared machine is noisy).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def slides_2026() -> str:
    from bench.pdfgen import titled_2026

    return titled_2026((ROOT / "editions" / "2026.txt").read_text(encoding="utf-8"))


def make_pdf(pages: int, path: Path) -> int:
    from bench.pdfgen import cid_fonts, slide_pdf, slides_from_text

    one = slides_from_text(slides_2026())
    slides = (one * (pages // len(one) + 1))[:pages]
    path.write_bytes(slide_pdf(slides, cid_fonts()))
    return len(slides)


def speed(runs: int = 3) -> dict[str, float]:
    from bench.pdfgen import cid_fonts, slide_pdf, slides_from_text
    from ipdiff.io.pdf import import_pdf

    data = slide_pdf(slides_from_text(slides_2026()), cid_fonts())
    best = float("inf")
    pages = 0
    for _ in range(runs):
        start = time.perf_counter()
        pages = import_pdf(data, "2026.pdf").pages
        best = min(best, time.perf_counter() - start)
    return {"pages": pages, "seconds": round(best, 3), "pages_per_second": round(pages / best, 1)}


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(path: str) -> None:
    import pdfplumber  # noqa: F401  (loaded before the baseline: the libraries are not the pages)

    from ipdiff.io.pdf import import_pdf

    # Importing the libraries peaks higher than a small import does: reset the high-water
    # mark (Linux: 5 → clear_refs), so the peak below is the import's own.
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kb("VmRSS")
    data = Path(path).read_bytes()
    start = time.perf_counter()
    got = import_pdf(data, path)
    took = time.perf_counter() - start
    peak = _status_kb("VmHWM")
    print(json.dumps({"pages": got.pages, "seconds": round(took, 2), "rss_before_mb": round(before / 1024, 1),
                      "rss_peak_mb": round(peak / 1024, 1), "pdf_mb": round(len(data) / 2**20, 1),
                      "text_kb": len(got.text.encode()) // 1024}))


def memory(sizes: list[int]) -> list[dict[str, float]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"{n}.pdf"
            make_pdf(n, path)
            # A bare interpreter: nothing else loaded raises the peak before the import does.
            code = f"import sys; sys.path[:0] = {[str(ROOT / 'src'), str(ROOT)]!r}; " \
                "from bench.pdf_import import _child; _child(sys.argv[1])"
            run = subprocess.run([sys.executable, "-c", code, str(path)],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            out.append(json.loads(run.stdout))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--child")
    args = ap.parse_args()
    if args.child:
        _child(args.child)
        return
    print(json.dumps({"speed": speed()}))
    for row in memory([100, args.pages]):
        print(json.dumps({"memory": row}))


if __name__ == "__main__":
    main()
