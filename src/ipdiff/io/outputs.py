"""Writing outputs: one file atomically, `-o` targets of any kind, and report sets.

The edge where bytes go out. Three promises: a failed run writes nothing (temp files
are removed), a reader never sees half a file, and a write error names the target the
user asked for, never a temp file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ipdiff.errors import OutputError


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


def write_set(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Every file of a report set, or none: all go to temp files first, then each is
    renamed over its target. A target that is a folder (or anything but a regular
    file) stops the run before the first rename."""
    targets = [folder / name for name in sorted(files)]
    for path in targets:
        if _kind(path) not in (None, "file"):
            raise OutputError(str(path), "is in the way: not a regular file, so it cannot be replaced")
    temps: dict[Path, str] = {}
    current = folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path in targets:
            current = path
            temps[path] = _temp_beside(path, files[path.name])
        for path in targets:
            current = path
            os.replace(temps.pop(path), path)
    except OSError as exc:
        raise OutputError(str(current), f"cannot be written ({_reason(exc)})") from None
    finally:
        for tmp in temps.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return targets
