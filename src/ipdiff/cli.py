"""The command line: parse options, call `ipdiff.api`, write the result. Nothing else.

What the commands share (the one-line error form, option bundles, output) is in `cli_base.py`.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import click

from ipdiff import __version__, api, checks
from ipdiff.cli_base import (
    CONTEXT,
    FORMATS,
    TIMELINE_CHOICES,
    Group,
    capped_jobs,
    common_options,
    default_format,
    emit,
    friendly,
    interrupted,
    make_context,
    output_option,
    reports_dir_option,
    utf8_streams,
    warn,
)
from ipdiff.errors import printable
from ipdiff.io.contract import SCHEMA_NAMES, schema_text
from ipdiff.render.formats import FORMATS as FORMAT_REGISTRY


@click.group(context_settings=CONTEXT, cls=Group)
@click.version_option(__version__, prog_name="ipdiff")
def main() -> None:
    """What changed between two editions of 知的財産推進計画, measure by measure.

    \b
    Examples:
      ipdiff report                      # every consecutive pair in editions/ → reports/
      ipdiff diff 2025 2026 --format md  # a journalist's summary on stdout
      ipdiff parse 2026 --format json    # the parsed records of one edition
      ipdiff check                       # for CI: are reports/ up to date?
      ipdiff add plan.pdf --label 2027   # a new edition from its published PDF
    """
    if threading.current_thread() is threading.main_thread():  # signals are the main thread's
        signal.signal(signal.SIGTERM, interrupted)
    utf8_streams()


@main.command(context_settings=CONTEXT)
@common_options
@reports_dir_option
@friendly
def report(editions_dir: Path, cache_dir: Path | None, no_cache: bool, reports_dir: Path) -> None:
    """Write a report for every consecutive pair of editions.

    Reads every edition in the editions folder, orders them by label, and writes
    <old>-<new>.html, .md, .json, -changes.csv and -kpis.csv per pair, plus index.html.
    Everything is computed before anything is written; each file is replaced atomically.

    \b
    Example:
      ipdiff report && open reports/index.html
    """
    ctx = make_context(editions_dir, cache_dir, no_cache, reports_dir=reports_dir)
    written = api.build_reports(ctx)
    for path in written:
        click.echo(printable(str(path)))
    click.echo(printable(f"{len(written)} files in {reports_dir}/ (open {reports_dir / 'index.html'})"), err=True)


@main.command(context_settings=CONTEXT)
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="; ".join(f"{f.name}: {f.help}" for f in FORMAT_REGISTRY.values())
    + ". Default: from -o's extension (html, md, json, csv; txt: summary); on a terminal md; else html.",
)
@click.option(
    "--section", metavar="TEXT", default=None,
    help="Only changes under a heading containing TEXT (either edition; full/half width alike).",
)
@click.option(
    "--kind", metavar="KIND", default=None,
    help="Only changes holding a record of KIND: measure, apparatus (headings, captions, 構成), "
    "or a record kind (point, plan, statement, status, table_row, heading, caption, …).",
)
@output_option
@common_options
@friendly
def diff(
    old: str,
    new: str,
    fmt: str | None,
    section: str | None,
    kind: str | None,
    output: Path | None,
    editions_dir: Path,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Compare two editions, measure by measure.

    OLD and NEW are each a file path, an edition label from the editions folder, or a
    git revision of a file as REV:PATH (PATH from the repository root, or ./PATH).

    \b
    Examples:
      ipdiff diff 2025 2026                      # on a terminal: the Markdown summary
      ipdiff diff 2025 2026 --format summary     # a few sentences to paste
      ipdiff diff 2025 2026 -o reports/custom.html
      ipdiff diff 2025 2026 --format json | jq .summary
      ipdiff diff HEAD~1:editions/2026.txt editions/2026.txt --format md
      ipdiff diff 2025 2026 --section クールジャパン --kind measure --format csv
      ipdiff diff 2025 2026 --format kpis-csv -o kpis.csv

    With --section or --kind the output holds the matching changes only (the
    summary is recounted), so it no longer covers every record of both editions. A
    selection that matches nothing is an error (exit 2) naming the nearest sections.
    """
    from ipdiff.compare.selection import kinds_named, select_changes

    if kind:
        kinds_named(kind)  # a bad name is a usage error, before any parsing
    ctx = make_context(editions_dir, cache_dir, no_cache)
    result = api.diff_specs(old, new, ctx)
    swapped = api.order_warning(result)
    if swapped:
        warn(swapped)
    if section or kind:
        result = select_changes(result, section=section, kind=kind)
    emit(api.render(result, fmt or default_format(output)), output)


@main.command(context_settings=CONTEXT)
@click.argument("pdf", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--label", default=None, help="Edition label [default: the year of the first page's date].")
@click.option(
    "--editions-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("editions"),
    show_default=True, envvar="IPDIFF_EDITIONS_DIR", help="Where <label>.txt and <label>.toml are written.",
)
@click.option("--force", is_flag=True, help="Overwrite an edition that is already there.")
@click.option("--keep-pdf", is_flag=True, help="Also copy the PDF to <label>.pdf, which `ipdiff check` then verifies.")
@friendly
def add(pdf: Path, label: str | None, editions_dir: Path, force: bool, keep_pdf: bool) -> None:
    """Add an edition from its published PDF: <label>.txt (slide titles as `## ` headings)
    and <label>.toml (title, date and draft status from the first page, the PDF's sha256).

    \b
    Example:
      ipdiff add 知的財産推進計画2027.pdf --label 2027 && ipdiff report
    """
    ctx = make_context(editions_dir, None, True)
    added = api.add_pdf(pdf, ctx, label, force=force, keep_pdf=keep_pdf)
    for note in added.notes:
        click.echo(f"ipdiff: note: {printable(note)}", err=True)
    for path in added.written:
        click.echo(f"wrote {printable(str(path))}")


@main.command(context_settings=CONTEXT)
@click.argument("edition")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
@output_option
@common_options
@friendly
def parse(
    edition: str, fmt: str, output: Path | None, editions_dir: Path, cache_dir: Path | None, no_cache: bool
) -> None:
    """Print the parsed records of one edition.

    \b
    Examples:
      ipdiff parse 2026
      ipdiff parse editions/2026.txt --format json > 2026.json
    """
    from ipdiff.render.edition import edition_json, edition_table

    ctx = make_context(editions_dir, cache_dir, no_cache)
    ed = api.load(edition, ctx)
    emit(edition_json(ed) if fmt == "json" else edition_table(ed), output)


@main.command(context_settings=CONTEXT)
@common_options
@reports_dir_option
@click.option(
    "--fail-on", "fail_on", multiple=True, metavar="CONDITIONS",
    help=(
        "Also fail (exit 1) on changes in the plan, comma-separated: "
        "strength-down = a commitment got weaker (実施 → 検討); "
        "kpi-lowered = a figure fell where higher is better (rose where lower is better: "
        "ranks, periods, counts of damage), a target was lowered or dropped, or a target "
        "year was pushed back; "
        "dropped:N = more than N measures (not headings or captions) were removed."
    ),
)
@click.option(
    "--all-pairs", is_flag=True,
    help="Judge --fail-on on every consecutive pair, not only the newest one.",
)
@friendly
def check(
    editions_dir: Path,
    cache_dir: Path | None,
    no_cache: bool,
    reports_dir: Path,
    fail_on: tuple[str, ...],
    all_pairs: bool,
) -> None:
    """For CI: editions parse and have metadata, and reports/ is up to date.

    Exit 0 when all holds; 1 with the list of what is stale, missing, orphaned or
    broken, or which --fail-on condition tripped; 2 on bad usage.

    \b
    Examples:
      ipdiff check
      ipdiff check --fail-on strength-down,kpi-lowered,dropped:10
      ipdiff check --fail-on dropped:0 --all-pairs
    """
    from ipdiff.compare.gates import parse_gates

    parse_gates(fail_on)  # bad conditions are a usage error, before any work
    ctx = make_context(editions_dir, cache_dir, no_cache, reports_dir=reports_dir)
    result = checks.check(ctx, fail_on, all_pairs=all_pairs)
    if result.ok:
        click.echo(printable(f"ok: {len(result.checked)} report files up to date with {editions_dir}/"))
        return
    click.echo(f"ipdiff check: {len(result.problems)} problem(s):", err=True)
    for problem in result.problems:
        click.echo(f"  - {printable(problem)}", err=True)
    for hint in result.hints:
        click.echo(hint, err=True)
    sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option(
    "--measure", metavar="ID|TEXT", default=None,
    help="Follow one measure: a record or lineage id, a unique id prefix, or a fragment of "
    "its text (ambiguous → the candidates are listed, exit 2).",
)
@output_option
@common_options
@friendly
def history(
    path: Path | None,
    fmt: str,
    measure: str | None,
    output: Path | None,
    editions_dir: Path,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """What changed in each committed version of an edition file, oldest first.

    Without PATH, the same across the edition sequence in the editions folder.
    Each measure carries a lineage id that follows it through moves and rewording;
    --measure ID tells that one measure's story.

    \b
    Examples:
      ipdiff history editions/2026.txt
      ipdiff history editions/2026.txt --format json -o history.json
      ipdiff history --measure 3f2a9c0d1e2b
      ipdiff history --measure 3f2a
      ipdiff history --measure 育成者権管理機関
    """
    from ipdiff.lineage.history import find_lineage
    from ipdiff.render.history import (
        history_json,
        history_text,
        story_json,
        story_text,
        story_versions,
    )

    ctx = make_context(editions_dir, cache_dir, no_cache)
    steps = api.file_history(path, ctx) if path else api.editions_history(ctx)
    if measure:
        lineage = find_lineage(steps, measure)
        story = story_versions(steps, lineage)
        # JSON names the lineage found, whatever prefix or text fragment was asked.
        text = story_json(lineage, story) if fmt == "json" else story_text(story)
    else:
        text = history_json(steps) if fmt == "json" else history_text(steps)
    emit(text, output)


@main.command(context_settings=CONTEXT)
@click.argument("editions", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(TIMELINE_CHOICES), default="html", show_default=True)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None,
    help="Worker processes for editions not in the parse cache [default: the CPU count].",
)
@output_option
@common_options
@friendly
def timeline(
    editions: tuple[str, ...],
    fmt: str,
    jobs: int | None,
    output: Path | None,
    editions_dir: Path,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Three or more editions at once: each measure's lineage, and its KPIs as series.

    EDITIONS are file paths, edition labels or REV:PATH, oldest first (default: every
    edition in the editions folder). A measure absent from some editions and back later
    keeps its lineage (marked returned). HTML: one row per measure, one chart per KPI series.

    \b
    Examples:
      ipdiff timeline -o timeline.html
      ipdiff timeline 2024 2025 2026 --format json | jq '.kpis[0]'
      ipdiff timeline v1.md v2.md v3.md --jobs 2 -o t.html
    """
    ctx = make_context(editions_dir, cache_dir, no_cache, jobs=capped_jobs(jobs))
    emit(api.render_timeline(api.timeline(editions, ctx), fmt), output)


@main.command(context_settings=CONTEXT)
@click.argument("name", type=click.Choice(SCHEMA_NAMES))
def schema(name: str) -> None:
    """Print the JSON Schema that an ipdiff JSON output follows.

    \b
    diff      ipdiff.diff/v1      (ipdiff diff --format json)
    edition   ipdiff.edition/v1   (ipdiff parse --format json)
    timeline  ipdiff.timeline/v1  (ipdiff timeline --format json)

    \b
    Examples:
      ipdiff schema diff > diff.schema.json
      ipdiff diff 2025 2026 --format json > d.json && check-jsonschema --schemafile diff.schema.json d.json
    """
    click.echo(schema_text(name), nl=False)  # type: ignore[arg-type]
