"""Reading editions: files, labels in `editions/`, git revisions; decoding; metadata.

The edge where bytes come in. Everything past here works on decoded `SourceText`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ipdiff.errors import InputError
from ipdiff.model import EditionMeta, SourceText

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STATUSES = ("official", "draft", "sample")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NOT_SJIS = re.compile("[\x80-\x9f\ue000-\uf8ff]")


def max_bytes() -> int:
    raw = os.environ.get("IPDIFF_MAX_BYTES")
    if raw is None:
        return DEFAULT_MAX_BYTES
    try:
        return int(raw)
    except ValueError:
        raise InputError("IPDIFF_MAX_BYTES", f"not a whole number of bytes: {raw!r}") from None


def decode(data: bytes, where: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, or CP932/Shift_JIS → text with LF newlines.

    NUL and other control characters are dropped (tabs and newlines kept): they come
    from broken extraction, and must never reach a report.
    """
    if not data.strip():
        raise InputError(where, "the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(where, "starts with a UTF-16 BOM but is not valid UTF-16") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(where, "looks like a binary file (NUL bytes), not edition text")
        for encoding in ("utf-8-sig", "cp932"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            # CP932 maps stray bytes to C1 controls and private-use characters: that is
            # not Shift_JIS text but some other encoding, and must not pass as one.
            if encoding == "cp932" and _NOT_SJIS.search(text):
                continue
            break
        else:
            raise InputError(where, "cannot be decoded as UTF-8, UTF-16 (with BOM) or Shift_JIS/CP932")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not text.strip():
        raise InputError(where, "the file has no text")
    return text


def source_from_bytes(data: bytes, label: str, origin: str, meta: EditionMeta | None = None) -> SourceText:
    limit = max_bytes()
    if len(data) > limit:
        raise InputError(
            origin,
            f"is {len(data):,} bytes, over the {limit:,}-byte limit (raise it with IPDIFF_MAX_BYTES)",
        )
    return SourceText(
        label=label,
        origin=origin,
        text=decode(data, origin),
        sha256=hashlib.sha256(data).hexdigest(),
        meta=meta,
    )


def load_meta(path: Path) -> EditionMeta:
    """Read and check `<label>.toml`: label, title, date and status are required."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "metadata file is missing") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "metadata is not UTF-8") from None
    return parse_meta(text, str(path), path.stem)


def parse_meta(text: str, where: str, stem: str) -> EditionMeta:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"is not valid TOML: {exc}") from None
    for key in ("label", "title", "date", "status"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise InputError(where, f"metadata needs a non-empty '{key}'")
    if raw["status"] not in STATUSES:
        raise InputError(where, f"status must be one of {', '.join(STATUSES)}, not {raw['status']!r}")
    if raw["label"] != stem:
        raise InputError(where, f"label {raw['label']!r} does not match the file name {stem!r}")
    sources = raw.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise InputError(where, "'sources' must be a list of strings")
    if raw["status"] == "sample" and not str(raw.get("note", "")).strip():
        raise InputError(where, "a sample edition needs a 'note' saying what it is reconstructed from")
    return EditionMeta(
        label=raw["label"],
        title=raw["title"],
        date=str(raw["date"]),
        status=raw["status"],
        publisher=raw.get("publisher"),
        source=raw.get("source"),
        note=raw.get("note"),
        sources=tuple(sources),
    )


@dataclass(frozen=True, slots=True)
class EditionFiles:
    label: str
    text: Path
    meta: Path


def list_editions(editions_dir: Path) -> list[EditionFiles]:
    """Every `<label>.txt` in the folder, in label order (labels sort in edition order)."""
    if not editions_dir.is_dir():
        raise InputError(str(editions_dir), "editions folder not found")
    return [
        EditionFiles(p.stem, p, p.with_suffix(".toml"))
        for p in sorted(editions_dir.glob("*.txt"), key=lambda p: p.stem)
    ]


def read_file(path: Path, label: str | None = None, *, with_meta: bool = True) -> SourceText:
    where = str(path)
    if path.is_dir():
        raise InputError(where, "is a folder, not an edition file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except OSError as exc:
        raise InputError(where, f"cannot be read ({exc.strerror})") from None
    meta_path = path.with_suffix(".toml")
    meta = load_meta(meta_path) if with_meta and meta_path.exists() else None
    return source_from_bytes(data, label or (meta.label if meta else path.stem), where, meta)


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
    root = Path(repo.working_tree_dir or base)
    if rel.startswith(("./", "../")):
        rel = (base / rel).resolve().relative_to(root).as_posix()
    try:
        commit = repo.commit(rev)
    except (git.BadName, ValueError, git.GitCommandError):
        raise InputError(spec, f"unknown git revision {rev!r}") from None
    try:
        blob = commit.tree / rel
    except KeyError:
        raise InputError(spec, f"no file {rel!r} at revision {rev!r}") from None
    if blob.type != "blob":
        raise InputError(spec, f"{rel!r} at revision {rev!r} is a folder, not a file")
    data = blob.data_stream.read()
    meta = None
    meta_rel = str(Path(rel).with_suffix(".toml").as_posix())
    try:
        meta_blob = commit.tree / meta_rel
    except KeyError:
        meta_blob = None
    if meta_blob is not None:
        meta_text = meta_blob.data_stream.read().decode("utf-8", errors="replace")
        meta = parse_meta(meta_text, f"{rev}:{meta_rel}", Path(rel).stem)
    label = f"{Path(rel).stem}@{rev}"
    return source_from_bytes(data, label, spec, meta)


def read_git_versions(path: Path) -> list[tuple[str, str, str, bytes]]:
    """(sha, ISO date, subject, file bytes) for every commit that touched the file, oldest first."""
    import git

    path = path.resolve() if path.exists() else Path.cwd() / path
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
        out.append((c.hexsha, c.committed_datetime.isoformat(), subject, blob.data_stream.read()))
    return out


def looks_like_revision(spec: str) -> bool:
    rev, sep, rel = spec.partition(":")
    # A Windows drive (C:\\…) is a path, not a revision.
    return bool(sep) and bool(rev) and bool(rel) and not (len(rev) == 1 and rel.startswith(("\\", "/")))


def resolve(spec: str, editions_dir: Path) -> SourceText:
    """A path, an edition label from `editions/`, or `REV:PATH`."""
    path = Path(spec)
    if path.exists():
        return read_file(path)
    if looks_like_revision(spec):
        return read_git(spec)
    candidate = editions_dir / f"{spec}.txt"
    if "/" not in spec and candidate.exists():
        return read_file(candidate)
    labels = ", ".join(e.label for e in list_editions(editions_dir)) if editions_dir.is_dir() else ""
    hint = f" (editions in {editions_dir}: {labels})" if labels else ""
    raise InputError(spec, f"no such file or edition label{hint}")
