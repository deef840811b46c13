"""Characters → lines, and lines' text with bold as `**…**`.

Lines follow the content stream: a character starts a new line when its baseline moves
by half its size or more, or when it steps back left of the line so far. CJK lines join
without a space; a space is put back only between two Latin characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ipdiff.io.pdf.chars import Char

_SPACES = " \u00a0"


@dataclass(frozen=True, slots=True)
class Line:
    chars: tuple[Char, ...]

    @property
    def x0(self) -> float:
        return self.chars[0].x

    @property
    def x1(self) -> float:
        return max(c.right for c in self.chars)

    @property
    def y(self) -> float:
        return self.chars[0].y

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


def to_lines(chars: Iterable[Char]) -> list[Line]:
    lines: list[list[Char]] = []
    for ch in chars:
        cur = lines[-1] if lines else None
        if cur is not None:
            last = cur[-1]
            size = max(last.size, ch.size, 1.0)
            same_row = abs(ch.y - last.y) < size * 0.5
            if same_row and ch.x >= last.x - size * 0.25 and ch.x - last.right < size * 4:
                cur.append(ch)
                continue
        lines.append([ch])
    out = []
    for chars_ in lines:
        trimmed = _trim(chars_)
        if trimmed:
            out.append(Line(tuple(trimmed)))
    return out


def _trim(chars: list[Char]) -> list[Char]:
    start, end = 0, len(chars)
    while start < end and chars[start].text in _SPACES:
        start += 1
    while end > start and chars[end - 1].text in _SPACES:
        end -= 1
    return chars[start:end]


def wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WFA" and not ch.isascii()


def joined(parts: Sequence[Sequence[Char]]) -> list[Char]:
    """Lines of one unit as one run of characters: a wrapped Latin word boundary gets its
    space back; CJK lines meet directly."""
    out: list[Char] = []
    for part in parts:
        if out and part and not wide(out[-1].text) and not wide(part[0].text):
            last = out[-1]
            out.append(Char(" ", last.right, last.y, last.right, last.size, False))
        out.extend(part)
    return out


def marked(chars: Sequence[Char], *, bold: bool = True) -> str:
    """The characters' text with each bold run wrapped in `**`; spaces at a run's ends
    stay outside it."""
    if not bold:
        return "".join(c.text for c in chars)
    out: list[str] = []
    i = 0
    while i < len(chars):
        if not chars[i].bold or chars[i].text.isspace():
            out.append(chars[i].text)
            i += 1
            continue
        j = i
        while j < len(chars) and chars[j].bold:
            j += 1
        k = j
        while chars[k - 1].text.isspace():
            k -= 1
        out.append("**" + "".join(c.text for c in chars[i:k]) + "**" + "".join(c.text for c in chars[k:j]))
        i = j
    return "".join(out)
