"""The character diff of the 新旧対照表: which characters of each part are underlined (傍線).

The parts of a split/merged group are diffed as one text glued with a separator, so a
sentence that moved from one part to another is not marked changed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ipdiff.compare.similarity import normalise
from ipdiff.model import Record, unmarked

# One run of text and whether it differs from the other side.
Segment = tuple[str, bool]

# Never occurs in edition text (it is stripped), so it can glue parts for one diff.
_SEP = "\x00"
MAX_DIFF_CELLS = 20_000 * 20_000


def plain(text: str) -> str:
    """Record text without the `**` emphasis markers of the extracted slides."""
    return unmarked(text).replace(_SEP, "")


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters, ending in … when cut."""
    one = " ".join(plain(text).split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _push(segments: list[Segment], text: str, changed: bool) -> None:
    if not text:
        return
    if segments and segments[-1][1] == changed:
        segments[-1] = (segments[-1][0] + text, changed)
    else:
        segments.append((text, changed))


def _split_parts(segments: Iterable[Segment], n: int) -> list[tuple[Segment, ...]]:
    if n == 0:
        return []
    parts: list[list[Segment]] = [[]]
    for text, changed in segments:
        for k, piece in enumerate(text.split(_SEP)):
            if k:
                parts.append([])
            _push(parts[-1], piece, changed)
    assert len(parts) == n, (len(parts), n)
    return [tuple(p) for p in parts]


def char_diff(
    old: Sequence[str], new: Sequence[str]
) -> tuple[list[tuple[Segment, ...]], list[tuple[Segment, ...]]]:
    """Character-level 傍線 segments for each part of each side.

    The parts of a split/merged group are diffed as one text (glued with a separator),
    so a sentence that moved from one part to another is not marked changed.
    """
    a = _SEP.join(plain(t) for t in old)
    b = _SEP.join(plain(t) for t in new)
    old_segs: list[Segment] = []
    new_segs: list[Segment] = []
    if a == b:
        _push(old_segs, a, False)
        _push(new_segs, b, False)
    elif len(a) * len(b) > MAX_DIFF_CELLS:
        # SequenceMatcher is quadratic: a huge record is shown changed as a whole.
        _push(old_segs, a, True)
        _push(new_segs, b, True)
    else:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            same = tag == "equal"
            _push(old_segs, a[i1:i2], not same)
            _push(new_segs, b[j1:j2], not same)
    return _split_parts(old_segs, len(old)), _split_parts(new_segs, len(new))


_SENTENCE = re.compile(r"[^。]+。?")


def _spans_of(records: Sequence[Record]) -> list[tuple[int, str]]:
    """(source line, sentence) for every sentence of every line of the records."""
    out: list[tuple[int, str]] = []
    for m in records:
        for k, line in enumerate(m.text.split("\n")):
            out += [(m.line + k, s.strip()) for s in _SENTENCE.findall(line) if s.strip()]
    return out


def changed_spans(old: Sequence[Record], new: Sequence[Record]) -> dict[str, list[dict[str, Any]]] | None:
    """The sentences/lines of a long group that differ from the other side, by source line.

    A paragraph of several lines (text, an `<img>` line, more text) is one record; when one
    of its lines changes, this says which, so an identical first sentence is not presented
    as changed. None when neither side has more than one sentence (the record is the span).
    """
    olds, news = _spans_of(old), _spans_of(new)
    if len(olds) <= 1 and len(news) <= 1:
        return None
    old_keys = {normalise(t) for _, t in olds}
    new_keys = {normalise(t) for _, t in news}
    return {
        "old": [{"line": n, "text": plain(t)} for n, t in olds if normalise(t) not in new_keys],
        "new": [{"line": n, "text": plain(t)} for n, t in news if normalise(t) not in old_keys],
    }
