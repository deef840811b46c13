"""The versions that decide whether a cached parse or a committed report is current.

Read without importing spaCy or the model package: a warm run must stay light.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

MODEL = "ja_ginza"


def model_version() -> str:
    """`ja_ginza 5.3.0`, from the model package's meta.json (the package is not imported)."""
    spec = importlib.util.find_spec(MODEL)
    if spec is None or spec.origin is None:
        return f"{MODEL} (not installed)"
    try:
        meta = json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
        return f"{MODEL} {meta['version']}"
    except (OSError, ValueError, KeyError):
        from importlib import metadata

        return f"{MODEL} {metadata.version('ja-ginza')}"
