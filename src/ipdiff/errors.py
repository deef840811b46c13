"""Errors the library raises; only the CLI turns them into exit codes."""

from __future__ import annotations

import re

# What a terminal would act on rather than show: C0/C1 controls (ESC starts an ANSI
# sequence), DEL, line/paragraph separators, and bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """One line a terminal shows as it is: every control character as a visible escape
    (ESC → `\\x1b`), so a file name or argument cannot colour, move or clear anything."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class IpdiffError(Exception):
    """Base class: a problem the user can act on, told in one line: `where: problem`.

    The CLI turns every one into that line on stderr and exit code 2.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class InputError(IpdiffError):
    """Bad input: a missing, unreadable, undecodable or empty edition, a bad revision,
    bad metadata or crosswalk."""


class UsageError(IpdiffError):
    """A bad option value: an unknown --kind, a --fail-on condition that does not parse."""


class OutputError(IpdiffError):
    """An output that cannot be written: a folder where a file should go, a missing
    folder, a full disk, no permission."""
