"""Reading editions: files, labels in `editions/`, git revisions; decoding; metadata.

The edge where bytes come in. Everything past here works on decoded `SourceText`.
"""

from __future__ import annotations

import datetime
import errno
import hashlib
import os
import re
import stat
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipdiff.errors import InputError, printable
from ipdiff.io.decoding import CONTROL, LFS_POINTER, decode
from ipdiff.model import EditionMeta, SourceText

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STATUSES = ("official", "draft", "sample")
# Characters a label must not hold: it names files and is shown in terminals and pages.
# Tabs and newlines, bidi controls (U+202E turns a name around), and the escapes of
# bytes that are not UTF-8 (surrogates), besides every control character.
_NOT_IN_LABEL = re.compile("[\t\n\r\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def max_bytes() -> int:
    raw = os.environ.get("IPDIFF_MAX_BYTES")
    if raw is None:
        return DEFAULT_MAX_BYTES
    if not re.fullmatch(r"[0-9]{1,18}", raw.strip()):
        raise InputError("IPDIFF_MAX_BYTES", f"not a whole number of bytes (0 to 18 digits): {printable(raw[:40])!r}")
    return int(raw)


def shown(path: Path | str) -> str:
    """A path as text that can be printed and written as UTF-8: bytes of a name that are
    not UTF-8 (a Shift_JIS name from an unzip) become `\\x82` escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


# A PDF carries its text in far more bytes than the text itself: its own, larger limit.
PDF_FACTOR = 10


def is_pdf(name: str, data: bytes) -> bool:
    """The importer is chosen by the file: a `.pdf` name, or a PDF header whatever the name."""
    return name.lower().endswith(".pdf") or data[:1024].lstrip().startswith(b"%PDF-")


def source_from_pdf(data: bytes, label: str, origin: str, meta: EditionMeta | None = None) -> SourceText:
    """A PDF imported in memory into the text shape the parser reads."""
    from ipdiff.io.pdf import IMPORTER_VERSION, import_pdf

    limit = max_bytes() * PDF_FACTOR
    if len(data) > limit:
        raise _over_limit(origin, len(data), limit)
    imported = import_pdf(data, origin)
    return SourceText(
        label=label,
        origin=origin,
        text=imported.text,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=meta,
        importer=f"pdf/{IMPORTER_VERSION}",
    )


def source_from_bytes(data: bytes, label: str, origin: str, meta: EditionMeta | None = None) -> SourceText:
    if data.startswith(LFS_POINTER):
        raise InputError(origin, "is a Git LFS pointer, not the file it stands for (run `git lfs pull`)")
    if is_pdf(origin, data):
        return source_from_pdf(data, label, origin, meta)
    limit = max_bytes()
    if len(data) > limit:
        raise _over_limit(origin, len(data) if len(data) != limit + 1 else None, limit)
    return SourceText(
        label=label,
        origin=origin,
        text=decode(data, origin),
        sha256=hashlib.sha256(data).hexdigest(),
        meta=meta,
    )


def read_utf8(path: Path, what: str) -> str:
    """A small UTF-8 side file (metadata, a crosswalk), with the edition's checks: a
    FIFO or a device is refused before it is opened for good, the size before reading."""
    data = read_bytes(path)
    if data.startswith(LFS_POINTER):
        raise InputError(shown(path), f"{what} is a Git LFS pointer, not the file it stands for (run `git lfs pull`)")
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(shown(path), f"{what} is not UTF-8") from None


def load_meta(path: Path) -> EditionMeta:
    """Read and check `<label>.toml`: label, title, date and status are required."""
    if not os.path.lexists(path):
        raise InputError(shown(path), "metadata file is missing")
    return parse_meta(read_utf8(path, "metadata"), shown(path), path.stem)


def load_toml(text: str, where: str) -> dict[str, Any]:
    """A TOML document, or one line saying why not (nesting deep enough to exhaust
    the parser's recursion is refused like any other malformed file)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"is not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(where, "is not valid TOML: nested too deeply") from None


def check_label(label: str, where: str) -> str:
    """A label names report files: `.hidden` would write files `check` never lists,
    and a path separator, a control or bidi character or a byte that is not UTF-8 has no
    place in a file name."""
    bad = CONTROL.search(label) or _NOT_IN_LABEL.search(label)
    if not label or label.startswith(".") or bad or any(c in label for c in "/\\"):
        raise InputError(
            where,
            f"edition label {shown(label)!r} must not be empty, start with '.', or hold '/', '\\',"
            " tabs, newlines, control or bidi characters or bytes that are not UTF-8",
        )
    return label


def _text_field(raw: dict[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(where, f"'{key}' must be a string, not {type(value).__name__}")
    return value


def parse_meta(text: str, where: str, stem: str) -> EditionMeta:
    raw = load_toml(text, where)
    if isinstance(raw.get("date"), datetime.date):
        # A TOML date literal (date = 2026-06-12) says the same as the string: take it.
        raw["date"] = raw["date"].isoformat()
    for key in ("label", "title", "date", "status"):
        if key in raw and not isinstance(raw[key], str):
            raise InputError(where, f"'{key}' must be a string, not {type(raw[key]).__name__}")
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise InputError(where, f"metadata needs a non-empty '{key}'")
    if raw["status"] not in STATUSES:
        raise InputError(where, f"status must be one of {', '.join(STATUSES)}, not {raw['status']!r}")
    if raw["label"] != stem:
        raise InputError(where, f"label {raw['label']!r} does not match the file name {stem!r}")
    check_label(raw["label"], where)
    sources = raw.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise InputError(where, "'sources' must be a list of strings")
    publisher, source, note, note_ja, family = (
        _text_field(raw, key, where) for key in ("publisher", "source", "note", "note_ja", "family")
    )
    if raw["status"] == "sample" and not (note or "").strip():
        raise InputError(where, "a sample edition needs a 'note' saying what it is reconstructed from")
    return EditionMeta(
        label=raw["label"],
        title=raw["title"],
        date=raw["date"],
        status=raw["status"],
        publisher=publisher,
        source=source,
        note=note,
        sources=tuple(sources),
        family=family,
        note_ja=note_ja,
    )


@dataclass(frozen=True, slots=True)
class EditionFiles:
    label: str
    text: Path
    meta: Path


def list_editions(editions_dir: Path) -> list[EditionFiles]:
    """Every `<label>.txt` in the folder, in label order (labels sort in edition order)."""
    if not editions_dir.is_dir():
        raise InputError(str(editions_dir), f"editions folder not found ({_not_a_project(editions_dir)})")
    found = sorted(editions_dir.glob("*.txt"), key=lambda p: p.stem)
    return [EditionFiles(check_label(p.stem, shown(p)), p, p.with_suffix(".toml")) for p in found]


def _over_limit(where: str, size: int | None, limit: int) -> InputError:
    """`size` None: known only from reading, which stops one byte past the limit (a file
    that grew, or one that misstates its size, like those in /proc)."""
    told = "is" if size is None else f"is {size:,} bytes,"
    return InputError(where, f"{told} over the {limit:,}-byte limit (raise it with IPDIFF_MAX_BYTES)")


_NOT_A_FILE = {
    stat.S_IFDIR: "is a folder, not an edition file",
    stat.S_IFIFO: "is a FIFO (named pipe), not an edition file",
    stat.S_IFCHR: "is a device, not an edition file",
    stat.S_IFBLK: "is a device, not an edition file",
    stat.S_IFSOCK: "is a socket, not an edition file",
}


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file no bigger than the limit, checked before reading:
    a FIFO would block, /dev/zero never ends, a sparse file claims terabytes."""
    where = shown(path)
    if limit is None:
        limit = max_bytes() * (PDF_FACTOR if path.suffix.lower() == ".pdf" else 1)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can refuse it.
        # O_NOFOLLOW: a symlink (committed, or left in the folder) would publish whatever
        # it names, /etc/passwd included.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise InputError(where, "is a symbolic link, not a file: give the file itself") from None
        if isinstance(exc, IsADirectoryError):
            raise InputError(where, _NOT_A_FILE[stat.S_IFDIR]) from None
        raise InputError(where, f"cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(where, _NOT_A_FILE.get(stat.S_IFMT(info.st_mode), "is not a regular file"))
        if info.st_size > limit:
            raise _over_limit(where, info.st_size, limit)
        os.set_blocking(fd, True)
        # One byte past the limit tells a file that grew (or lied) from one that fits.
        return read_fd(fd, limit + 1)
    except OSError as exc:
        raise InputError(where, f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def read_fd(fd: int, most: int) -> bytes:
    """At most `most` bytes of an open file, read in bounded chunks."""
    chunks = []
    left = most
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_file(path: Path, label: str | None = None, *, with_meta: bool = True) -> SourceText:
    where = shown(path)
    data = read_bytes(path)
    meta_path = path.with_suffix(".toml")
    meta = load_meta(meta_path) if with_meta and os.path.lexists(meta_path) else None
    return source_from_bytes(data, label or (meta.label if meta else shown(path.stem)), where, meta)


def blob_bytes(blob: Any, where: str) -> bytes:
    """A git blob's bytes, its size checked against the limit before it is read."""
    limit = max_bytes() * (PDF_FACTOR if where.lower().endswith(".pdf") else 1)
    if blob.size > limit:
        raise _over_limit(where, blob.size, limit)
    return blob.data_stream.read(limit + 1)


def _commit(repo: Any, rev: str, spec: str) -> Any:
    """REV as git itself reads it (HEAD@{1}, HEAD@{yesterday}, tags, …), or one line why not."""
    import git

    if rev.startswith("-"):
        raise InputError(spec, f"unknown git revision {rev!r}")
    try:
        sha = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        return repo.commit(sha)
    except (git.GitCommandError, git.BadName, ValueError):
        raise InputError(spec, f"unknown git revision {rev!r}") from None


def _committed_file(obj: Any, where: str, what: str) -> None:
    """A committed object that is a regular file, or one line saying what it is."""
    if obj.type in ("commit", "submodule") or obj.mode == 0o160000:
        raise InputError(where, f"{what} is a submodule (a commit of another repository), not a file")
    if obj.type != "blob":
        raise InputError(where, f"{what} is a folder, not a file")
    if obj.mode == 0o120000:
        # Its bytes are the link's target path, not an edition.
        raise InputError(where, f"{what} is a symbolic link, not a file")


def commit_date(commit: Any) -> str | None:
    """A commit's date in ISO form, or None when it is out of any calendar's range (a
    forged commit can claim the year 3170843)."""
    try:
        return str(commit.committed_datetime.isoformat())
    except (ValueError, OverflowError, OSError):
        return None


def read_git(spec: str, cwd: Path | None = None) -> SourceText:
    """`REV:PATH`: the file as committed at REV. PATH is relative to the repository root,
    or to the current folder when it starts with `./` (as in git)."""
    import git  # gitpython: imported only for revision inputs

    rev, _, rel = spec.partition(":")
    base = (cwd or Path.cwd()).resolve()
    try:
        repo = git.Repo(base, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise InputError(spec, "not inside a git repository, so a revision cannot be read") from None
    root = Path(repo.working_tree_dir or base).resolve()
    if rel.startswith(("./", "../")):
        try:
            rel = (base / rel).resolve().relative_to(root).as_posix()
        except ValueError:
            raise InputError(spec, f"{rel!r} is outside the repository") from None
    commit = _commit(repo, rev, spec)
    try:
        blob = commit.tree / rel
    except KeyError:
        raise InputError(spec, f"no file {rel!r} at revision {rev!r}") from None
    _committed_file(blob, spec, f"{rel!r} at revision {rev!r}")
    data = blob_bytes(blob, spec)
    meta = None
    meta_rel = str(Path(rel).with_suffix(".toml").as_posix())
    try:
        meta_blob = commit.tree / meta_rel
    except KeyError:
        meta_blob = None
    if meta_blob is not None:
        _committed_file(meta_blob, f"{rev}:{meta_rel}", "the metadata")
        meta_text = blob_bytes(meta_blob, f"{rev}:{meta_rel}").decode("utf-8", errors="replace")
        meta = parse_meta(meta_text, f"{rev}:{meta_rel}", Path(rel).stem)
    label = f"{Path(rel).stem}@{rev}"
    return source_from_bytes(data, label, spec, meta)


def read_git_versions(path: Path) -> list[tuple[str, str | None, str, bytes]]:
    """(sha, ISO date, subject, file bytes) for every commit that touched the file, oldest first."""
    import git

    # The folder resolved, not the file: a symlinked version must not be followed to its target.
    path = Path(os.path.abspath(path))
    path = path.parent.resolve() / path.name if path.parent.exists() else path
    try:
        repo = git.Repo(path.parent if path.parent.exists() else Path.cwd(), search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise InputError(str(path), "not inside a git repository") from None
    root = Path(repo.working_tree_dir or ".").resolve()
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        raise InputError(str(path), "is outside the repository") from None
    try:
        commits = list(repo.iter_commits("HEAD", paths=rel))
    except (git.GitCommandError, ValueError):
        raise InputError(str(path), "the repository has no commits") from None
    if not commits:
        raise InputError(str(path), "has no committed versions in git")
    out = []
    for c in reversed(commits):
        try:
            blob = c.tree / rel
        except KeyError:
            continue  # the commit deleted the file
        subject = str(c.message).strip().splitlines()[0] if c.message else ""
        where = f"{c.hexsha[:12]}:{rel}"
        _committed_file(blob, where, f"{rel!r} at commit {c.hexsha[:12]}")
        data = blob_bytes(blob, where)
        out.append((c.hexsha, commit_date(c), subject, data))
    return out


def looks_like_revision(spec: str) -> bool:
    rev, sep, rel = spec.partition(":")
    # A Windows drive (C:\\…) is a path, not a revision.
    return bool(sep) and bool(rev) and bool(rel) and not (len(rev) == 1 and rel.startswith(("\\", "/")))


def resolve(spec: str, editions_dir: Path) -> SourceText:
    """A path, an edition label from `editions/`, or `REV:PATH`."""
    path = Path(spec)
    if os.path.lexists(path):
        return read_file(path)
    if looks_like_revision(spec):
        return read_git(spec)
    for suffix in (".txt", ".pdf"):
        candidate = editions_dir / f"{spec}{suffix}"
        if "/" not in spec and os.path.lexists(candidate):
            return read_file(candidate)
    if not editions_dir.is_dir():
        raise InputError(spec, f"no such file or edition label ({_not_a_project(editions_dir)})")
    labels = ", ".join(e.label for e in list_editions(editions_dir))
    hint = f" (editions in {editions_dir}: {labels})" if labels else ""
    raise InputError(spec, f"no such file or edition label{hint}")


def _not_a_project(editions_dir: Path) -> str:
    """Where labels were looked for, and how to point elsewhere: run outside a project."""
    return f"no editions folder at {editions_dir.absolute()}; run in a project folder or pass --editions-dir DIR"
