"""Editions from the published PDF: characters from pypdfium2, ruled cells from pdfplumber,
written in the text shape the parser reads.

`import_pdf` reads page by page (each page closed before the next, so a 1,000-page PDF
stays in bounded memory) and gives the text and what the metadata needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from typing import Any

from ipdiff.errors import InputError
from ipdiff.io.pdf.chars import document, page_chars
from ipdiff.io.pdf.layout import PageText, prose_page, slide_page
from ipdiff.io.pdf.tables import Table, find_tables, plumber

# Bumped whenever the text written for the same PDF can change; part of the cache key.
IMPORTER_VERSION = "1"


@dataclass(frozen=True, slots=True)
class PdfImport:
    text: str
    pages: int
    first_page: str  # the first page's text, for the title, date and draft status
    untitled: tuple[int, ...]  # slides whose top band holds no text (titles as outlines or images)
    textless: tuple[int, ...]  # pages with no text at all (scanned, or a picture only)
    sideways: int  # characters drawn at an angle (side tabs), dropped


def extractor() -> str:
    import pdfplumber
    import pypdfium2

    return f"pypdfium2 {pypdfium2.version.PYPDFIUM_INFO.version} + pdfplumber {pdfplumber.__version__}"


# Given the page count, a context yielding an "advance by n pages" callback.
Progress = Callable[[int], AbstractContextManager[Callable[[int], None]]]


def import_pdf(data: bytes, where: str, progress: Progress | None = None) -> PdfImport:
    """The PDF's text in the parser's shape, or one line why not (`InputError`)."""
    pages: list[PageText] = []
    empty: list[int] = []
    with document(data, where) as doc, _Plumber(data) as tables_of:
        total = len(doc)
        bar = progress(total) if progress is not None else nullcontext(lambda n: None)
        with bar as advance:
            _pages(doc, where, tables_of, pages, empty, advance)
        sideways = sum(p.sideways for p in pages)
    if len(empty) == total:
        raise InputError(where, f"has no text layer (scanned: OCR is needed) on pages {page_ranges(empty)}")
    lines = _assemble(pages)
    first = next(p for p in pages if p.lines or p.title)
    first_text = "\n".join([first.title or "", *first.lines]).strip()
    return PdfImport(
        text="\n".join(lines).strip("\n") + "\n",
        pages=total,
        first_page=first_text,
        untitled=tuple(p.number for p in pages if p.untitled),
        textless=tuple(empty),
        sideways=sideways,
    )


def _pages(
    doc: object,
    where: str,
    tables_of: Callable[[int], list[Table]],
    pages: list[PageText],
    empty: list[int],
    advance: Callable[[int], None],
) -> None:
    for index in range(len(doc)):  # type: ignore[arg-type]
        chars = page_chars(doc, index, where)
        if not chars.chars:
            empty.append(index + 1)
        tables = tables_of(index) if chars.ruled else []
        layout = slide_page if chars.width > chars.height else prose_page
        page = layout(chars, tables)
        pages.append(replace(page, sideways=chars.sideways))
        advance(1)


class _Plumber:
    """pdfplumber opened on first need only: most slide pages have no ruled table."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ctx: AbstractContextManager[Any] | None = None
        self.pdf: Any = None

    def __enter__(self) -> Callable[[int], list[Table]]:
        return self.tables

    def tables(self, index: int) -> list[Table]:
        if self.ctx is None:
            self.ctx = plumber(self.data)
            self.pdf = self.ctx.__enter__()
        try:
            return find_tables(self.pdf, index)
        except Exception:  # a page pdfminer cannot read has no table we can use
            return []

    def __exit__(self, *exc: object) -> None:
        if self.ctx is not None:
            self.ctx.__exit__(None, None, None)


def _running(pages: list[PageText]) -> set[str]:
    """Margin lines that repeat on half the pages or more (three at least): running
    headers and footers. Digits do not count, so `第3章 … 12` repeats as one."""
    from collections import Counter

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({re.sub(r"[0-9０-９]+", "#", t) for t in (*page.header, *page.footer)})
    return {t for t, n in seen.items() if n >= 3 and n * 2 >= len(pages)}


def _assemble(pages: list[PageText]) -> list[str]:
    out: list[str] = []
    last_full = False
    running = _running(pages)

    def own(lines: tuple[str, ...]) -> list[str]:
        return [t for t in lines if re.sub(r"[0-9０-９]+", "#", t) not in running]

    for page in pages:
        head, foot = own(page.header), own(page.footer)
        body = [*head, *([""] if head else []), *page.lines, *([""] if foot else []), *foot]
        if head:
            page = replace(page, continues=False)
        if page.title:
            out.extend(["", f"## {page.title}", ""])
        if page.continues and last_full and body and out:
            while out and out[-1] == "":
                out.pop()
            out[-1] = _glue(out[-1], body.pop(0))
        out.extend(body)
        if out and out[-1] != "":
            out.append("")
        last_full = page.ends_full and not foot
    # One blank line between units is the shape; runs of them say nothing more.
    squeezed: list[str] = []
    for line in out:
        if line == "" and squeezed and squeezed[-1] == "":
            continue
        squeezed.append(line)
    return squeezed


def _glue(a: str, b: str) -> str:
    from ipdiff.io.pdf.lines import wide

    if a.endswith("**") and b.startswith("**"):
        return a[:-2] + b[2:]
    space = "" if (a and wide(a[-1])) or (b and wide(b[0])) else " "
    return a + space + b


def page_ranges(numbers: list[int] | tuple[int, ...]) -> str:
    spans: list[str] = []
    numbers = list(numbers)
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(spans)
