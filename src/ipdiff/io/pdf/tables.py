"""Ruled tables: pdfplumber finds the cells from the drawn lines; pdfium's characters fill them.

A merged cell covers several grid places: the places it does not own come out as empty
cells, which is how the parser's text shape writes them (a tab with nothing before it).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF units from the bottom left


@dataclass(frozen=True, slots=True)
class Table:
    box: Box
    rows: tuple[tuple[Box | None, ...], ...]


@contextmanager
def plumber(data: bytes) -> Iterator[Any]:
    """pdfplumber's view of the document, opened only when a page may hold a table."""
    import pdfplumber

    pdf = pdfplumber.open(io.BytesIO(data))
    try:
        yield pdf
    finally:
        pdf.close()


def find_tables(pdf: Any, index: int) -> list[Table]:
    """The ruled tables of one page, of two rows and two columns at least (a framed box of
    text is one cell, not a table)."""
    page = pdf.pages[index]
    try:
        height = float(page.height)
        found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        tables = []
        for t in found:
            rows = tuple(tuple(_flip(c, height) if c else None for c in r.cells) for r in t.rows)
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                tables.append(Table(_flip(t.bbox, height), rows))
        return tables
    finally:
        page.close()


def _flip(box: tuple[float, float, float, float], height: float) -> Box:
    x0, top, x1, bottom = (float(v) for v in box)
    return (x0, height - bottom, x1, height - top)


def inside(box: Box, x: float, y: float, pad: float = 1.0) -> bool:
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad
