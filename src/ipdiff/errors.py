"""Errors the library raises; only the CLI turns them into exit codes."""

from __future__ import annotations


class IpdiffError(Exception):
    """Base class: a problem the user can act on, told in one line."""


class InputError(IpdiffError):
    """Bad input: a missing, unreadable, undecodable or empty edition, a bad revision."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
