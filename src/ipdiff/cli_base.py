"""What every command of the CLI shares: the one-line error form, option bundles, output.

`cli.py` holds the commands; this module holds what they are made of, so that each command
reads as options → one `ipdiff.api` call → output.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ipdiff import api
from ipdiff.errors import IpdiffError, printable
from ipdiff.io.cache import ParseCache, default_dir
from ipdiff.io.outputs import write_output
from ipdiff.render.formats import FORMATS as FORMAT_REGISTRY
from ipdiff.render.formats import TIMELINE_FORMATS

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = tuple(FORMAT_REGISTRY)
TIMELINE_CHOICES = tuple(TIMELINE_FORMATS)
# A file's extension → the format written there when --format is not given.
FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".md": "md", ".json": "json", ".csv": "csv", ".txt": "summary"}
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class InputFailure(click.ClickException):
    """Bad usage or bad input: one line on stderr, exit 2, no traceback."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"ipdiff: error: {printable(self.format_message())}", err=True)


class _OneLineUsage:
    """Click's usage errors (an unknown option, a bad choice, a folder that is a file) in
    the same one-line form as every other error, instead of a four-line usage block."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)  # type: ignore[misc]
        except (InputFailure, click.exceptions.NoArgsIsHelpError):
            raise  # `ipdiff` alone shows the help, as it should
        except click.UsageError as exc:
            raise _usage_failure(exc) from None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)  # type: ignore[misc]
        except InputFailure:
            raise
        except click.UsageError as exc:
            raise _usage_failure(exc) from None


def _usage_failure(exc: click.UsageError) -> InputFailure:
    hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
    return InputFailure(f"{exc.format_message()}{hint}")


class Command(_OneLineUsage, click.Command):
    pass


class Group(_OneLineUsage, click.Group):
    command_class = Command


def friendly(fn: F) -> F:
    """Turn library errors into the one-line, exit-2 form; nothing else is caught."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except IpdiffError as exc:
            raise InputFailure(str(exc)) from None
        except OSError as exc:
            where = exc.filename or "output"
            raise InputFailure(f"{where}: {exc.strerror or exc}") from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def _terminal_progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal; silent when stderr is a file or a pipe."""
    if not sys.stderr.isatty() or total == 0:
        yield lambda n: None
        return
    with click.progressbar(length=total, label=f"parsing {label}", file=sys.stderr) as bar:
        yield bar.update


def common_options(fn: F) -> F:
    fn = click.option(
        "--editions-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("editions"),
        show_default=True,
        envvar="IPDIFF_EDITIONS_DIR",
        help="Folder of <label>.txt editions and their <label>.toml metadata.",
    )(fn)
    fn = click.option(
        "--cache-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="Parse cache folder [default: the user cache dir, or $IPDIFF_CACHE_DIR].",
    )(fn)
    fn = click.option("--no-cache", is_flag=True, help="Parse again; neither read nor write the cache.")(fn)
    return fn


def output_option(fn: F) -> F:
    """`-o FILE`, shared by every command that prints a document."""
    return click.option(
        "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
        help="Write to this file (its folder must exist). Default: stdout.",
    )(fn)


def reports_dir_option(fn: F) -> F:
    return click.option(
        "--reports-dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("reports"),
        show_default=True,
        help="Where the reports are written (and, for check, read).",
    )(fn)


def make_context(editions_dir: Path, cache_dir: Path | None, no_cache: bool, **kw: Any) -> api.Context:
    root = None if no_cache else (cache_dir or default_dir())
    return api.Context(
        editions_dir=editions_dir, cache=ParseCache(root), progress=_terminal_progress, **kw
    )


def default_format(output: Path | None) -> str:
    """No --format: a file gets its extension's format; a terminal gets the Markdown summary
    (pages of HTML are no use there); a pipe gets HTML, as documented."""
    if output is not None and str(output) != "-":
        return FORMAT_OF_SUFFIX.get(output.suffix.lower(), "html")
    return "md" if sys.stdout.isatty() else "html"


def warn(message: str) -> None:
    click.echo(f"ipdiff: warning: {printable(message)}", err=True)


def emit(text: str, output: Path | None) -> None:
    """To stdout (no -o, or `-o -`), or to the target as `outputs.write_output` says."""
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    click.echo(f"wrote {printable(write_output(str(output), text.encode('utf-8')))}", err=True)


def interrupted(signum: int, frame: Any) -> None:
    # SIGTERM unwinds like Ctrl-C, so half-written temp files are removed on the way out.
    raise KeyboardInterrupt
