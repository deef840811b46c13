"""Writing outputs: one file atomically, `-o` targets of any kind, and report sets.

The edge where bytes go out. Three promises: a failed run writes nothing (temp files
are removed), a reader never sees half a file (nor half a report set), and a write error
names the target the user asked for, never a temp file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ipdiff.errors import OutputError
from ipdiff.io.sources import read_fd


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _temp_beside(path: Path, data: bytes) -> str:
    """`data` in a temp file in `path`'s folder, with the mode `path` has (or 0666 less umask)."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        # mkstemp makes the file private; a new report is an ordinary file.
        mode = 0o666 & ~_umask()
    # The temp name holds the target's: a name too long fails here, before any rename.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder and rename: readers never see half a file.

    Raises OSError; callers that talk to users go through `write_output`/`write_set`.
    """
    tmp = _temp_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _kind(path: Path) -> str | None:
    """What sits at `path` without following a symlink: None when nothing does."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special"


def write_output(target: str, data: bytes) -> str:
    """`-o TARGET`: a regular file (or a new one) is replaced atomically,
    keeping its mode; anything else (a symlink, a FIFO, /dev/stdout, /dev/null) is
    written through, so the link or the device entry stays what it was.

    Returns how to name what was written, for the "wrote …" line.
    """
    path = Path(target)
    try:
        kind = _kind(path)
        if kind == "folder":
            raise OutputError(target, "is a folder, not a file")
        if kind is None and not path.parent.is_dir():
            raise OutputError(target, f"folder {path.parent} does not exist")
        if kind == "special":
            with open(path, "wb") as fh:
                fh.write(data)
        else:
            write_atomic(path, data)
    except OSError as exc:
        raise OutputError(target, f"cannot be written ({_reason(exc)})") from None
    return target


# The names `report` wrote last, in the folder beside them: what it may remove as orphans
# on the next run (a file of someone else's in reports/ is never removed).
MANIFEST = ".ipdiff-reports"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where that is not offered."""
    import ctypes
    import errno

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def _switch(folder: Path, staged: Path, aside: Path) -> Path | None:
    """Put `staged` where `folder` is; returns where the old set went (None: there was
    none). Two renames where one step is not offered, the first undone if the second fails."""
    if not os.path.lexists(folder):
        os.rename(staged, folder)
        return None
    if _exchange(staged, folder):
        return staged
    os.rename(folder, aside)
    try:
        os.rename(staged, folder)
    except BaseException:
        os.rename(aside, folder)
        raise
    return aside


def written_before(folder: Path) -> set[str]:
    try:
        with open(folder / MANIFEST, "rb") as fh:
            text = fh.read(1 << 20).decode("utf-8", errors="replace")
    except OSError:
        return set()
    return {line for line in text.split("\n") if line and "/" not in line and not line.startswith(".")}


def _carry(src: Path, dst: Path) -> None:
    """A file of someone else's in reports/ goes into the new set as it was."""
    mode = os.lstat(src).st_mode
    if stat.S_ISDIR(mode):
        shutil.copytree(src, dst, symlinks=True)
    elif stat.S_ISLNK(mode):
        os.symlink(os.readlink(src), dst)
    elif stat.S_ISREG(mode):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    elif stat.S_ISFIFO(mode):
        os.mkfifo(dst, stat.S_IMODE(mode))


def write_set(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Every file of a report set, or none, as one transaction: the new set is written
    into a folder beside `folder` (with the files there that are not reports), then put in
    its place in one step, signals held off meanwhile. A failure or a SIGTERM at any
    moment leaves the old set or the new one, never a mix. The reports written last time
    and no longer made (orphans) are not carried over. A target that is a folder (or
    anything but a regular file) stops the run before anything is written."""
    folder = Path(os.path.realpath(folder)) if os.path.islink(folder) else folder
    targets = [folder / name for name in sorted(files)]
    for path in targets:
        if _kind(path) not in (None, "file"):
            raise OutputError(str(path), "is in the way: not a regular file, so it cannot be replaced")
    parent = folder.parent
    if not parent.is_dir():
        raise OutputError(str(folder), f"folder {parent} does not exist")
    current = folder
    staged: Path | None = None
    try:
        staged = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.new-"))
        old = folder.is_dir()
        os.chmod(staged, stat.S_IMODE(os.stat(folder).st_mode) if old else 0o777 & ~_umask())
        for path in targets:
            current = path
            mode = stat.S_IMODE(os.stat(path).st_mode) if _kind(path) == "file" else 0o666 & ~_umask()
            fd = os.open(staged / path.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            with os.fdopen(fd, "wb") as fh:
                fh.write(files[path.name])
            os.chmod(staged / path.name, mode)
        current = folder
        if old:
            drop = written_before(folder) | set(files) | {MANIFEST}
            for entry in sorted(os.listdir(folder)):
                if entry not in drop:
                    current = folder / entry
                    _carry(folder / entry, staged / entry)
        current = folder / MANIFEST
        (staged / MANIFEST).write_text("".join(f"{name}\n" for name in sorted(files)), encoding="utf-8")
        current = folder
        aside = parent / f".{folder.name}.old-{staged.name.rsplit('-', 1)[-1]}"
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
        try:
            staged = _switch(folder, staged, aside)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    except OSError as exc:
        raise OutputError(str(current), f"cannot be written ({_reason(exc)})") from None
    finally:
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
    return targets


def same_bytes(path: Path, expected: bytes) -> bool:
    """Whether a regular file holds exactly `expected`: the size is compared first, so a
    sparse 2 GB report is stale without being read, and at most its size is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(expected):
            return False
        return read_fd(fd, len(expected) + 1) == expected
    except OSError:
        return False
    finally:
        os.close(fd)
