"""What the CLI and tests call: load, diff, report, check, history, timeline.

This is the edge that touches the filesystem (reads editions, writes reports, uses
the parse cache); the stages it strings together are pure.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ipdiff import PARSER_VERSION, __version__
from ipdiff.compare.pipeline import compare
from ipdiff.errors import InputError
from ipdiff.families import cache_tag, family_of
from ipdiff.io.cache import ParseCache
from ipdiff.io.outputs import write_set
from ipdiff.io.sources import list_editions, load_meta, read_file, resolve
from ipdiff.lineage.history import Step
from ipdiff.lineage.timeline import Timeline, build_timeline
from ipdiff.model import Diff, Edition, SourceText

# (label, total sentences) → a context yielding an "advance by n" callback.
ProgressFactory = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


@contextmanager
def _no_progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    yield lambda n: None


@dataclass
class Context:
    """Where editions and reports live, and how parsing is cached and shown."""

    editions_dir: Path = Path("editions")
    reports_dir: Path = Path("reports")
    cache: ParseCache = field(default_factory=lambda: ParseCache(None))
    progress: ProgressFactory = _no_progress
    # Worker processes for cold parses of several editions (1: parse in this process).
    jobs: int = 1


def generator_info() -> dict[str, str]:
    from ipdiff.io.versions import model_version

    return {"ipdiff": __version__, "parser": PARSER_VERSION, "model": model_version()}


def parse(source: SourceText, ctx: Context) -> Edition:
    """Records of one edition, from the cache when it holds them (the model stays unloaded)."""
    family = family_of(source)
    cached = ctx.cache.get(source, cache_tag(family))
    if cached is not None:
        return Edition(source.label, source.sha256, cached, source.meta, source.origin, family.name)
    from ipdiff.parse.records import parse_source, workload
    from ipdiff.parse.segment import segment

    blocks = segment(source.text, family)
    with ctx.progress(source.label, workload(blocks)) as advance:
        edition = parse_source(source, progress=advance, blocks=blocks, family=family)
    ctx.cache.put(source, edition.records, cache_tag(family))
    return edition


@dataclass(frozen=True)
class Added:
    written: tuple[Path, ...]
    notes: tuple[str, ...]


def add_pdf(pdf: Path, ctx: Context, label: str | None = None, *, force: bool = False, keep_pdf: bool = False) -> Added:
    """`editions/<label>.txt` and `.toml` from a published PDF (and the PDF beside them with
    `keep_pdf`); everything is made before anything is written, and nothing is overwritten
    without `force`."""
    from ipdiff.io.outputs import write_atomic
    from ipdiff.io.pdf.edition import imported_edition
    from ipdiff.io.sources import read_bytes
    from ipdiff.parse.segment import title_notes

    data = read_bytes(pdf)
    made = imported_edition(
        data,
        str(pdf),
        pdf.name,
        label,
        progress=lambda total: ctx.progress(f"{pdf.name} pages", total),
        title_notes=title_notes,
    )
    if not ctx.editions_dir.is_dir():
        raise InputError(str(ctx.editions_dir), "editions folder not found")
    files = {
        ctx.editions_dir / f"{made.label}.txt": made.text.encode("utf-8"),
        ctx.editions_dir / f"{made.label}.toml": made.toml.encode("utf-8"),
    }
    target_pdf = ctx.editions_dir / f"{made.label}.pdf"
    if keep_pdf and target_pdf.resolve() != pdf.resolve():
        files[target_pdf] = data
    existing = [p for p in files if p.exists()]
    if existing and not force:
        raise InputError(str(existing[0]), "already exists (use --force to overwrite)")
    for path, content in files.items():
        write_atomic(path, content)
    return Added(tuple(files), made.notes)


def pdf_text_problems(ctx: Context) -> list[str]:
    """Each `editions/<label>.pdf` beside a `<label>.txt`: the text must be what `add`
    makes of the PDF now."""
    from ipdiff.io.pdf.edition import imported_edition
    from ipdiff.io.sources import read_bytes
    from ipdiff.parse.segment import title_notes

    problems = []
    for files in list_editions(ctx.editions_dir):
        pdf = files.text.with_suffix(".pdf")
        if not pdf.exists():
            continue
        try:
            made = imported_edition(read_bytes(pdf), str(pdf), pdf.name, files.label, title_notes=title_notes)
        except InputError as exc:
            problems.append(str(exc))
            continue
        if read_file(files.text, with_meta=False).text != made.text:
            problems.append(
                f"{files.text}: differs from what `ipdiff add` makes of {pdf} now"
                f" (run `ipdiff add {pdf} --label {files.label} --force`)"
            )
    return problems


def load(spec: str, ctx: Context) -> Edition:
    return parse(resolve(spec, ctx.editions_dir), ctx)


def parse_many(sources: Sequence[SourceText], ctx: Context) -> list[Edition]:
    """Several editions; the ones not in the cache parsed in `ctx.jobs` processes at once."""
    families = [family_of(s) for s in sources]
    cached = [ctx.cache.get(s, cache_tag(f)) for s, f in zip(sources, families, strict=True)]
    todo = [i for i, records in enumerate(cached) if records is None]
    if ctx.jobs > 1 and len(todo) > 1:
        from ipdiff.parse.parallel import parse_in_processes

        for i, records in zip(todo, parse_in_processes([sources[i] for i in todo], ctx.jobs), strict=True):
            ctx.cache.put(sources[i], records, cache_tag(families[i]))
            cached[i] = records
    out = []
    for source, family, found in zip(sources, families, cached, strict=True):
        if found is None:
            out.append(parse(source, ctx))
        else:
            out.append(Edition(source.label, source.sha256, found, source.meta, source.origin, family.name))
    return out


def diff(old: Edition, new: Edition, ctx: Context) -> Diff:
    """Two parsed editions compared, with the crosswalk from editions/ when there is one."""
    from ipdiff.io.crosswalk import find_crosswalk, load_crosswalk

    path = find_crosswalk(ctx.editions_dir, old.label, new.label)
    crosswalk = load_crosswalk(path, old, new) if path else None
    return compare(old, new, crosswalk=crosswalk, generator=generator_info())


def order_warning(d: Diff) -> str | None:
    """One line when NEW is older than OLD by their metadata dates (arguments swapped?)."""
    old_date, new_date = (e.meta.date if e.meta else None for e in (d.old, d.new))
    if not old_date or not new_date or new_date >= old_date:
        return None
    return (
        f"NEW {d.new.label} ({new_date}) is older than OLD {d.old.label} ({old_date}) by their"
        f" metadata dates; did you mean `ipdiff diff {d.new.label} {d.old.label}`?"
    )


def diff_specs(old_spec: str, new_spec: str, ctx: Context) -> Diff:
    return diff(load(old_spec, ctx), load(new_spec, ctx), ctx)


def render(d: Diff, fmt: str) -> str:
    """`fmt` is a `--format` choice (the registry in render/formats.py)."""
    from ipdiff.render import render as render_format

    return render_format(d, fmt)


# -- reports -----------------------------------------------------------------


def pair_report_names(d: Diff) -> dict[str, str]:
    """The report file names of one consecutive pair, by format (one naming rule for all)."""
    from ipdiff.render import report_files, report_stem

    return report_files(report_stem(d.old.label, d.new.label))


def pair_files(d: Diff) -> dict[str, bytes]:
    """The files one consecutive pair writes into reports/, by name."""
    from ipdiff.render import pair_report

    return {name: text.encode("utf-8") for name, text in pair_report(d).files.items()}


def load_all(ctx: Context) -> list[Edition]:
    """Every edition in editions/, in label order; each must have its metadata."""
    found = list_editions(ctx.editions_dir)
    # All metadata first: a broken .toml fails fast, before any parsing.
    for files in found:
        if not files.meta.exists():
            raise InputError(str(files.meta), "metadata file is missing (every edition needs <label>.toml)")
        load_meta(files.meta)
    return parse_many([read_file(files.text) for files in found], ctx)


def consecutive_diffs(ctx: Context) -> list[Diff]:
    editions = load_all(ctx)
    if len(editions) < 2:
        raise InputError(
            str(ctx.editions_dir), f"needs at least two editions to compare, found {len(editions)}"
        )
    return [diff(old, new, ctx) for old, new in zip(editions, editions[1:], strict=False)]


def check_report_names(diffs: Sequence[Diff]) -> None:
    """Report names are one-to-one: labels 「a」「a!-b」 and 「a-a!」「b」 both make
    `a-a!-b.*`, and one pair's report would silently replace the other's. Compared
    case-folded, as a case-insensitive disk compares them, and against index.html and
    the timeline's files."""
    from ipdiff.render import FEED_FILE, INDEX_FILE, TIMELINE_FILES

    owner = {name.casefold(): "the index, the feed and the timeline" for name in [INDEX_FILE, FEED_FILE, *TIMELINE_FILES.values()]}
    for d in diffs:
        pair = f"the pair {d.old.label} → {d.new.label}"
        for name in pair_report_names(d).values():
            key = unicodedata.normalize("NFC", name).casefold()
            if key in owner:
                raise InputError(
                    d.new.origin or d.new.label,
                    f"{pair} and {owner[key]} would both write {name}: rename an edition so that each"
                    " pair's reports have names of their own",
                )
            owner[key] = pair


def expected_reports(diffs: list[Diff]) -> dict[str, bytes]:
    """Every file `ipdiff report` writes, by name, computed in memory.

    Three or more editions also make the timeline (timeline.html and .json); the index and
    the Atom feed list every pair."""
    from ipdiff.render import (
        FEED_FILE,
        INDEX_FILE,
        TIMELINE_FILES,
        pair_report,
        render_feed,
        render_index,
    )

    files: dict[str, bytes] = {}
    check_report_names(diffs)
    entries = []
    for d in diffs:
        made_pair = pair_report(d)
        files.update({name: text.encode("utf-8") for name, text in made_pair.files.items()})
        entries.append(made_pair.entry)
    timeline_names = None
    if len(diffs) + 1 >= MIN_TIMELINE:
        timeline_names = TIMELINE_FILES
        made = build_timeline(editions_of(diffs), diffs, generator_info())
        for fmt, name in TIMELINE_FILES.items():
            files[name] = render_timeline(made, fmt).encode("utf-8")
    files[INDEX_FILE] = render_index(entries, timeline_names).encode("utf-8")
    files[FEED_FILE] = render_feed(entries).encode("utf-8")
    return files


def build_reports(ctx: Context) -> list[Path]:
    """Write every report, or none: all are computed, then written to temp files, then
    renamed (see `outputs.write_set`)."""
    return write_set(ctx.reports_dir, expected_reports(consecutive_diffs(ctx)))


# -- timeline ----------------------------------------------------------------

MIN_TIMELINE = 3


def editions_of(diffs: Sequence[Diff]) -> list[Edition]:
    """The editions a chain of consecutive diffs compares, in order."""
    return [diffs[0].old, *(d.new for d in diffs)] if diffs else []


def timeline(specs: Sequence[str], ctx: Context) -> Timeline:
    """Three or more editions (default: every edition in editions/) as one timeline."""
    if specs:
        editions = parse_many([resolve(spec, ctx.editions_dir) for spec in specs], ctx)
        where = " ".join(specs)
    else:
        editions = load_all(ctx)
        where = str(ctx.editions_dir)
    if len(editions) < MIN_TIMELINE:
        raise InputError(where, f"a timeline needs at least {MIN_TIMELINE} editions, found {len(editions)}")
    labels = [e.label for e in editions]
    if len(set(labels)) != len(labels):
        raise InputError(where, "two editions have the same label; a timeline needs distinct labels")
    diffs = [diff(a, b, ctx) for a, b in zip(editions, editions[1:], strict=False)]
    return build_timeline(editions, diffs, generator_info())


def render_timeline(made: Timeline, fmt: str) -> str:
    from ipdiff.render.formats import TIMELINE_FORMATS

    return TIMELINE_FORMATS[fmt](made)


# -- history -----------------------------------------------------------------


def file_history(path: Path, ctx: Context) -> list[Step]:
    """Every committed version of one edition file, oldest first, with lineage."""
    from ipdiff.io.sources import read_git_versions, source_from_bytes
    from ipdiff.lineage.history import Version, build_history

    versions = []
    for sha, date, subject, data in read_git_versions(path):
        source = source_from_bytes(data, path.stem, f"{sha[:12]}:{path}")
        versions.append(Version(sha, date, subject, parse(source, ctx)))
    return build_history(versions, lambda a, b: diff(a, b, ctx))


def editions_history(ctx: Context) -> list[Step]:
    """The edition sequence in editions/ (2025 → 2026 → …) as one history."""
    from ipdiff.lineage.history import Version, build_history

    versions = [
        Version(e.label, e.meta.date if e.meta else None, e.title or "", e) for e in load_all(ctx)
    ]
    return build_history(versions, lambda a, b: diff(a, b, ctx))
