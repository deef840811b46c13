"""The single-file HTML report and reports/index.html, through one jinja environment.

The report inlines its CSS and JS so it opens anywhere with no network. Its
Content-Security-Policy allows exactly the inlined script, by hash: inline event
handlers, injected `<script>` and remote loads are refused by the browser even if
escaping ever failed.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Mapping, Sequence

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ipdiff.families import DEFAULT
from ipdiff.lineage.timeline import Timeline
from ipdiff.model import Diff
from ipdiff.render.build import report_context
from ipdiff.render.files import FEED_FILE, report_files
from ipdiff.render.views import DiffView, IndexEntry

SCRIPT_TEMPLATE = "report.js"


def make_env() -> Environment:
    """The one jinja environment of ipdiff (autoescape on, undefined is an error)."""
    return Environment(
        loader=PackageLoader("ipdiff", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.lru_cache(maxsize=1)
def _env() -> Environment:
    return make_env()


def script_hash(script: str) -> str:
    """CSP source for an inline script: `'sha256-…'` of its exact UTF-8 text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@functools.lru_cache(maxsize=1)
def _script() -> str:
    env = _env()
    assert env.loader is not None
    # Raw source, not rendered: JS is not a template, and the hash must cover these bytes.
    source, _, _ = env.loader.get_source(env, SCRIPT_TEMPLATE)
    if "</" in source:
        raise ValueError(f"{SCRIPT_TEMPLATE} must not contain '</' (it would end the script)")
    return source


def content_security_policy(script: str) -> str:
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src {script_hash(script)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def render_html(diff: Diff, view: DiffView | None = None) -> str:
    script = _script()
    template = _env().get_template("report.html")
    return template.render(
        ctx=report_context(diff, view),
        csp=content_security_policy(script),
        # Markup: the script text is our own file; HTML-escaping would break `&&`.
        script=Markup(script),
    )


def render_index(entries: Sequence[IndexEntry], timeline: Mapping[str, str] | None = None) -> str:
    """reports/index.html: one row per consecutive pair, linking its report files, and
    the timeline's files when there is one."""
    template = _env().get_template("index.html")
    return template.render(
        entries=[(e, report_files(e.stem)) for e in entries],
        document_name=entries[-1].document_name if entries else DEFAULT.document_name,
        timeline=timeline,
        feed=FEED_FILE,
        any_sample=any("sample" in (e.old_status, e.new_status) for e in entries),
        csp="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    )


def render_timeline_html(timeline: Timeline) -> str:
    """The timeline page: same CSP and the same filter script as the pair report."""
    from ipdiff.render.timeline import timeline_view

    script = _script()
    return _env().get_template("timeline.html").render(
        view=timeline_view(timeline),
        csp=content_security_policy(script),
        script=Markup(script),
    )
