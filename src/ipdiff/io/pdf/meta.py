"""The `.toml` beside an imported edition: what the first page says, and what made the text.

Title, date and draft status are read from the first page where it gives them (`（案）`
means a draft); the file's name, sha256 and page count and the extractor's versions say
where the text came from. No timestamps: the same PDF gives the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_REIWA = re.compile(r"令和\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_DRAFT = re.compile(r"[（(]\s*案\s*[)）]")
_NOT_TITLE = re.compile(r"^(?:\d{4}\s*年|令和|[-－–—]?\s*\d+\s*[-－–—]?$)")


@dataclass(frozen=True, slots=True)
class FirstPage:
    title: str | None
    date: str | None  # ISO: YYYY-MM-DD, or YYYY-MM when the page names no day
    draft: bool


def read_first_page(text: str) -> FirstPage:
    n = unicodedata.normalize("NFKC", text)
    title_lines: list[str] = []
    for line in text.split("\n"):
        s = line.strip().replace("**", "")
        if s.startswith("## "):
            s = s[3:]
        if not s:
            if title_lines:
                break
            continue
        if _NOT_TITLE.match(unicodedata.normalize("NFKC", s)):
            break
        title_lines.append(s)
    return FirstPage(" ".join(title_lines) or None, _date(n), bool(_DRAFT.search(n)))


def _date(text: str) -> str | None:
    m = _DATE.search(text)
    year: int | None = None
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
    else:
        r = _REIWA.search(text)
        if not r:
            return None
        year = 2018 + (1 if r.group(1) == "元" else int(r.group(1)))
        month, day = int(r.group(2)), r.group(3)
    if not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day and 1 <= int(day) <= 31 else "")


def _q(value: str) -> str:
    # A JSON string is a valid TOML basic string for the characters a title holds.
    return json.dumps(value, ensure_ascii=False)


def meta_toml(
    label: str,
    first: FirstPage,
    *,
    file_name: str,
    sha256: str,
    pages: int,
    extractor: str,
    importer: str,
    untitled: tuple[int, ...],
    textless: tuple[int, ...] = (),
) -> str:
    status = "draft" if first.draft else "official"
    lines = [
        f"label = {_q(label)}",
        f"title = {_q(first.title or label)}",
        f"date = {_q(first.date or 'unknown')}",
        f"status = {_q(status)}",
        f"source = {_q(f'{file_name}: imported by ipdiff add')}",
        "",
        "[pdf]",
        f"file = {_q(file_name)}",
        f"sha256 = {_q(sha256)}",
        f"pages = {pages}",
        f"extractor = {_q(extractor)}",
        f"importer = {_q(importer)}",
        # Slides whose top band holds no text: their titles are outlines or images.
        f"untitled_slides = [{', '.join(map(str, untitled))}]",
        # Pages with no text layer at all: scanned pages (OCR is needed) or pictures.
        f"textless_pages = [{', '.join(map(str, textless))}]",
    ]
    return "\n".join(lines) + "\n"
