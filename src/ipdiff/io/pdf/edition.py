"""A PDF → the two files of an edition: `<label>.txt` in the parser's shape and its `.toml`."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from ipdiff.io.pdf import IMPORTER_VERSION, Progress, extractor, import_pdf, page_ranges
from ipdiff.io.pdf.meta import meta_toml, read_first_page
from ipdiff.io.sources import check_label, parse_meta


@dataclass(frozen=True, slots=True)
class ImportedEdition:
    label: str
    text: str
    toml: str
    notes: tuple[str, ...]  # what the user should know: untitled slides, disagreeing titles


def imported_edition(
    data: bytes,
    where: str,
    file_name: str,
    label: str | None = None,
    progress: Progress | None = None,
    title_notes: Callable[[str], list[str]] | None = None,
) -> ImportedEdition:
    """`title_notes` reads the imported text as the parser will and says where a slide's
    title disagrees with the 構成 list (the parse stage's job, so the caller passes it in:
    io imports nothing above it)."""
    imported = import_pdf(data, where, progress)
    first = read_first_page(imported.first_page)
    label = check_label(label or (first.date[:4] if first.date else file_name.rsplit(".", 1)[0]), where)
    toml = meta_toml(
        label,
        first,
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        pages=imported.pages,
        extractor=extractor(),
        importer=IMPORTER_VERSION,
        untitled=imported.untitled,
        textless=imported.textless,
    )
    parse_meta(toml, f"{label}.toml", label)  # what we write must load
    notes = []
    if imported.untitled:
        notes.append(
            f"{where}: no title text in the top band of slide(s) {page_ranges(imported.untitled)}:"
            " where these slides have titles, they are drawn as outlines or images"
            " (the 構成 list names the theme slides instead)"
        )
    notes += [f"{where}: {note}" for note in (title_notes(imported.text) if title_notes else [])]
    if imported.textless:
        notes.append(
            f"{where}: page(s) {page_ranges(imported.textless)} have no text layer:"
            " if they hold text, it is scanned (OCR is needed) and missing from the edition"
        )
    if first.date is None:
        notes.append(f"{where}: no date on the first page: set 'date' in {label}.toml")
    return ImportedEdition(label, imported.text, toml, tuple(notes))
