"""reports/feed.xml: valid Atom (RFC 4287), checked with ElementTree against the format's rules."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

from ipdiff.render import index_entry, render_feed, render_index
from ipdiff.render.feed import atom_date
from tests.render_fixtures import make_diff

NS = {"a": "http://www.w3.org/2005/Atom"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def _entries() -> list:
    diff = make_diff()
    later = dataclasses.replace(
        diff,
        old=dataclasses.replace(diff.new, label="2026"),
        new=dataclasses.replace(diff.new, label="2027", meta=dataclasses.replace(diff.new.meta, label="2027", date="2027-06-10")),
    )
    return [index_entry(diff), index_entry(later)]


def _required(el: ET.Element, tag: str) -> ET.Element:
    found = el.findall(f"a:{tag}", NS)
    assert len(found) == 1, f"<{tag}> must appear exactly once in <{el.tag}>"
    return found[0]


def test_feed_is_valid_atom() -> None:
    text = render_feed(_entries())
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    # atom:feed MUST contain exactly one id, title and updated, and an author (no entry has one).
    for tag in ("id", "title", "updated"):
        assert _required(feed, tag).text
    assert feed.find("a:author/a:name", NS) is not None
    assert RFC3339.match(_required(feed, "updated").text or "")
    self_links = [link for link in feed.findall("a:link", NS) if link.get("rel") == "self"]
    assert [link.get("href") for link in self_links] == ["feed.xml"]
    entries = feed.findall("a:entry", NS)
    assert len(entries) == 2
    ids = []
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert _required(entry, tag).text
        ids.append(_required(entry, "id").text)
        assert re.match(r"^urn:uuid:[0-9a-f-]{36}$", ids[-1] or "")
        assert RFC3339.match(_required(entry, "updated").text or "")
        # No content with a src, so an alternate link is required, and a summary given.
        alternate = [link for link in entry.findall("a:link", NS) if link.get("rel", "alternate") == "alternate"]
        assert len(alternate) == 1 and (alternate[0].get("href") or "").endswith(".html")
        assert "施策は新設" in (_required(entry, "summary").text or "")
        content = _required(entry, "content")
        assert content.get("type") == "html" and "主な変更" in (content.text or "")
        # Escaped HTML that parses back to the summary and the highlights' links.
        assert '<a href="2025-2026.html#c-' in (content.text or "") or "2026-2027.html#c-" in (content.text or "")
    assert len(set(ids)) == 2
    # Newest first; each dated by its newer edition's metadata date; the feed by the newest.
    updated = [_required(e, "updated").text for e in entries]
    assert updated == ["2027-06-10T00:00:00+09:00", "2026-06-01T00:00:00+09:00"]
    assert _required(feed, "updated").text == updated[0]


def test_feed_ids_and_bytes_are_stable() -> None:
    first, again = render_feed(_entries()), render_feed(_entries())
    assert first == again
    # The same pair keeps its entry id when its report changes (readers update, not repeat).
    changed = dataclasses.replace(make_diff(), changes=make_diff().changes[:3])
    ids = re.findall(r"<id>(.*?)</id>", render_feed([index_entry(changed)]))
    assert ids[1] in re.findall(r"<id>(.*?)</id>", first)


def test_atom_dates_from_metadata() -> None:
    assert atom_date("2026-06-12") == "2026-06-12T00:00:00+09:00"
    assert atom_date("2026-06") == "2026-06-01T00:00:00+09:00"
    assert atom_date("2026年6月") == "2026-01-01T00:00:00+09:00"
    assert atom_date(None) == "1970-01-01T00:00:00+09:00"


def test_index_links_the_feed() -> None:
    page = render_index([index_entry(make_diff())])
    assert '<link rel="alternate" type="application/atom+xml"' in page and 'href="feed.xml"' in page
