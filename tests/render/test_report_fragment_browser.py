"""A report opened at a malformed fragment: the script does not throw (issue 24, item 22).

`report.html#%E0%A4%A` made `decodeURIComponent` throw an uncaught URIError; the fragment
names no row, so the page must simply open, its script working."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ipdiff.render import render_html
from tests.render.test_render_html_browser import _open, browser  # noqa: F401  (the fixture)
from tests.render_fixtures import make_diff

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("fragment", ["%E0%A4%A", "%", "%ZZ"])
def test_report_opens_at_a_malformed_fragment(browser: Any, tmp_path: Path, fragment: str) -> None:  # noqa: F811
    report = tmp_path / "report.html"
    report.write_text(render_html(make_diff()), encoding="utf-8")
    page, seen = _open(browser, report)
    page.goto(f"{report.as_uri()}#{fragment}")
    page.wait_for_load_state("load")
    page.evaluate("() => window.dispatchEvent(new HashChangeEvent('hashchange'))")
    assert [e for e in seen.errors if "URI" in e] == []
    assert page.is_visible("#filters")  # the script ran
    page.close()
