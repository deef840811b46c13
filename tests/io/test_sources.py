"""Reading editions: encodings, newlines, metadata, labels."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ipdiff.errors import InputError
from ipdiff.io.sources import decode, list_editions, load_meta, read_file, resolve

TEXT = "基本的な認識\n\n- 施策を推進する。\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("cp932"),
        TEXT.encode("shift_jis"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
    ],
)
def test_sources_decodes_every_supported_encoding_to_the_same_text(data):
    assert decode(data, "x.txt") == TEXT


def test_sources_drops_control_characters_but_keeps_tabs():
    assert decode(b"a\x01b\x1bc\td\x7f\n", "x") == "abc\td\n"


def test_sources_sha256_is_of_the_bytes(tmp_path: Path):
    data = TEXT.encode("cp932")
    (tmp_path / "e.txt").write_bytes(data)
    src = read_file(tmp_path / "e.txt")
    assert src.sha256 == hashlib.sha256(data).hexdigest()
    assert src.label == "e" and src.meta is None


def test_sources_shipped_metadata_is_valid():
    editions = list_editions(Path(__file__).parents[2] / "editions")
    assert [e.label for e in editions] == ["2025", "2026"]
    metas = [load_meta(e.meta) for e in editions]
    assert metas[0].status == "sample" and metas[0].note
    assert metas[1].status == "draft"


# sha256 of the real 2026 draft as extracted from the PDF: the shipped edition is never edited.
SEED_2026_SHA256 = "c38bfa85ef72948ab9097cfbc03f8da5b992880ba0e01cc5c66bd532443056c8"


def test_sources_2026_edition_is_unmodified():
    import hashlib

    data = (Path(__file__).parents[2] / "editions" / "2026.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_2026_SHA256


def test_sources_resolves_labels_paths_and_explains_misses(tmp_path: Path):
    (tmp_path / "2030.txt").write_text(TEXT, encoding="utf-8")
    assert resolve("2030", tmp_path).label == "2030"
    assert resolve(str(tmp_path / "2030.txt"), tmp_path).label == "2030"
    with pytest.raises(InputError, match="no such file or edition label.*2030"):
        resolve("2031", tmp_path)
