"""Cold parses of several editions at once, in worker processes (the edge, like cache.py).

GiNZA holds the GIL, so threads would not help: each worker is a process that loads the
model once (its initializer) and parses the editions handed to it. `spawn`, not `fork`:
a forked child would inherit whatever the parent had half-loaded, and `spawn` behaves the
same on every platform.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from ipdiff.model import Record, SourceText


def _load_model() -> None:
    from ipdiff.parse.records import load_nlp

    load_nlp()  # cached in this process for every edition it parses


def _parse_records(source: SourceText) -> tuple[Record, ...]:
    from ipdiff.parse.records import parse_source

    return parse_source(source).records


def parse_in_processes(sources: Sequence[SourceText], jobs: int) -> list[tuple[Record, ...]]:
    """The records of each source, in order, parsed by up to `jobs` worker processes."""
    workers = max(1, min(jobs, len(sources)))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_load_model) as pool:
        return list(pool.map(_parse_records, sources))
