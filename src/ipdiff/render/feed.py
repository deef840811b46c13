"""reports/feed.xml: an Atom feed (RFC 4287) with one entry per consecutive pair of editions.

Newsrooms subscribe rather than poll. Each entry holds the pair's summary (render/summary.py)
and its 「主な変更」, links to the pair's HTML report, and is dated by the newer edition's
metadata date (never the time of the run: the same editions give the same bytes). Ids are
name-based UUIDs of the pair's file stem, so an entry keeps its id when the report is
regenerated and feed readers update it instead of showing it twice. Links are relative to
the feed, which sits beside the reports.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from html import escape

from ipdiff.families import DEFAULT
from ipdiff.render.files import FEED_FILE, INDEX_FILE, report_files
from ipdiff.render.views import IndexEntry

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The editions' dates are Japanese publication dates.
TIMEZONE = "+09:00"
NO_DATE = "1970-01-01"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_ID_SPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ipdiff:reports")


def atom_date(date: str | None) -> str:
    """A metadata date (2026-06-12, 2026-06 or 2026) as an RFC 3339 time at midnight, JST."""
    m = _DATE.match((date or "").strip()) or _DATE.match(NO_DATE)
    assert m is not None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    return f"{year}-{month}-{day}T00:00:00{TIMEZONE}"


def entry_id(stem: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_SPACE, stem)}"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def entry_html(e: IndexEntry) -> str:
    """The entry's content: the summary, then 「主な変更」 with links into the report."""
    html_file = report_files(e.stem)["html"]
    out = ["<p>" + escape("".join(e.summary)) + "</p>"]
    if e.highlights:
        out.append("<h2>主な変更</h2>")
        out.append("<ol>")
        for h in e.highlights:
            detail = f"（{escape(h.detail)}）" if h.detail else ""
            text = escape(h.new_text or h.old_text)
            href = escape(f"{html_file}#{h.anchor}")
            out.append(
                f'<li><strong>{escape(h.label)}</strong>{detail} — <a href="{href}">{escape(h.theme)}</a>'
                f"<br>「{text}」</li>"
            )
        out.append("</ol>")
    return "".join(out)


def render_feed(entries: Sequence[IndexEntry]) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "ja"})
    _add(feed, "id", entry_id("feed"))
    _add(feed, "title", f"{entries[-1].document_name if entries else DEFAULT.document_name} 新旧対照レポート")
    dated = sorted(entries, key=lambda e: (atom_date(e.new_date), e.stem), reverse=True)
    _add(feed, "updated", atom_date(dated[0].new_date) if dated else atom_date(None))
    author = _add(feed, "author")
    _add(author, "name", "ipdiff")
    _add(feed, "link", rel="self", type="application/atom+xml", href=FEED_FILE)
    _add(feed, "link", rel="alternate", type="text/html", href=INDEX_FILE)
    _add(feed, "generator", "ipdiff")
    for e in dated:
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(e.stem))
        _add(entry, "title", f"{e.document_name}の変更点: {e.old_label} → {e.new_label}")
        _add(entry, "updated", atom_date(e.new_date))
        _add(entry, "link", rel="alternate", type="text/html", href=report_files(e.stem)["html"])
        _add(entry, "summary", "".join(e.summary), type="text")
        _add(entry, "content", entry_html(e), type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
