"""Bytes → text: which encoding a file is in, decided on evidence, and what is dropped.

UTF-8 (BOM or not), UTF-16/UTF-32 with BOM, CP932/Shift_JIS, EUC-JP and ISO-2022-JP are
read; anything else is refused in one line rather than read as mojibake.
"""

from __future__ import annotations

import re
import unicodedata

from ipdiff.errors import InputError

# Not text: C0/C1 controls (tabs and newlines kept), a BOM anywhere (`cat a.txt b.txt`
# puts one mid-file, where it would hide a bullet's marker), and the Unicode line and
# paragraph separators, which no line-based reader of the file counts as a line break.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]")
# ISO-2022-JP is 7-bit: it would pass as UTF-8 with its escapes dropped, as garbage.
_ISO2022JP = re.compile(rb"\x1b(?:\$[@B]|\([BJ])")
_NOT_SJIS = re.compile("[\x80-\x9f\ue000-\uf8ff]")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]")
_KANA = re.compile("[\u3041-\u30ff]")
# The text Git LFS commits in place of a file it stores elsewhere.
LFS_POINTER = b"version https://git-lfs.github.com/spec/"


def _japanese(text: str) -> bool:
    """Evidence that a legacy decoding is Japanese text: kana among its non-ASCII
    characters, and few half-width katakana (what EUC-JP, Big5 or UTF-8 bytes read as
    Shift_JIS turn into)."""
    wide = sum(1 for c in text if ord(c) > 0x7F)
    if not wide:
        return True
    return len(_KANA.findall(text)) >= 0.05 * wide and len(_HALFWIDTH_KANA.findall(text)) <= 0.1 * wide


def _broken_utf8(data: bytes, where: str) -> None:
    """Refuse UTF-8 with a few bad bytes: it is not some other encoding (one stray byte
    read as CP932 turns the whole file into mojibake)."""
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 0x7F) - bad
    if good > 2 * bad:
        raise InputError(
            where, f"is UTF-8 but {bad:,} byte sequence(s) are not (the first at byte {first:,}): fix or re-save it as UTF-8"
        )


def _legacy(data: bytes, where: str) -> str:
    """Shift_JIS/CP932 or EUC-JP, whichever reads as Japanese; anything else is refused."""
    for encoding in ("cp932", "euc_jp"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # CP932 maps stray bytes to C1 controls and private-use characters: that is
        # not Shift_JIS text but some other encoding, and must not pass as one.
        if encoding == "cp932" and _NOT_SJIS.search(text):
            continue
        if _japanese(text):
            return text
    raise InputError(
        where,
        "cannot be decoded as UTF-8, UTF-16/UTF-32 (with BOM), Shift_JIS/CP932, EUC-JP or ISO-2022-JP"
        " (Big5, GBK and other encodings are not read: re-save it as UTF-8)",
    )


def decode(data: bytes, where: str) -> str:
    """UTF-8 (BOM or not), UTF-16/UTF-32 with BOM, CP932/Shift_JIS, EUC-JP or ISO-2022-JP
    → NFC text with LF newlines. A legacy encoding is taken only on evidence (it reads as
    Japanese); UTF-8 with a few bad bytes is refused, not guessed at.

    NUL and other control characters, stray BOMs and U+2028/U+2029 are dropped (tabs
    and newlines kept): they come from broken extraction, and must never reach a report.
    NFC: the same text written decomposed (macOS tools write NFD) is the same text.
    """
    if not data.strip():
        raise InputError(where, "the file is empty")
    if data.startswith(LFS_POINTER):
        raise InputError(where, "is a Git LFS pointer, not the file it stands for (run `git lfs pull`)")
    if data.startswith(_UTF32_BOMS):
        try:
            text = data.decode("utf-32")
        except UnicodeDecodeError:
            raise InputError(where, "starts with a UTF-32 BOM but is not valid UTF-32") from None
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(where, "starts with a UTF-16 BOM but is not valid UTF-16") from None
    elif _ISO2022JP.search(data) and data.isascii():
        try:
            text = data.decode("iso2022_jp_ext")
        except UnicodeDecodeError:
            raise InputError(where, "has ISO-2022-JP escapes but is not valid ISO-2022-JP") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(where, "looks like a binary file (NUL bytes), not edition text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            _broken_utf8(data, where)
            text = _legacy(data, where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", CONTROL.sub("", text))
    if not text.strip():
        raise InputError(where, "the file has no text")
    return text
