"""What the PDF importer's tests share: whitespace normalisation and the expected texts."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

EXPECTED = Path(__file__).parent / "pdf_expected"


def normalised(text: str) -> str:
    """Trailing spaces and tabs dropped, blank runs as one blank line, no blank ends."""
    lines = [re.sub(r"[ \t]+$", "", ln) for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln.strip() and (not out or not out[-1]):
            continue
        out.append(ln if ln.strip() else "")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def expected(name: str) -> str:
    return (EXPECTED / name).read_text(encoding="utf-8")


def embedded_font_or_skip() -> None:
    from bench.pdfgen import IPA_GOTHIC

    if IPA_GOTHIC.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{IPA_GOTHIC} is missing: .ci/run installs fonts-ipafont-gothic")
    pytest.skip("fonts-ipafont-gothic is not installed")
