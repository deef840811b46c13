"""Shared fixtures. The GiNZA model is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = ROOT / "editions"


@pytest.fixture(scope="session")
def nlp():
    from ipdiff.parse.records import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def text_2026() -> str:
    return (EDITIONS / "2026.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def edition_2026(nlp, text_2026):
    from ipdiff.parse.records import parse_text

    return parse_text(text_2026, "2026", nlp)


@pytest.fixture(scope="session")
def edition_schema() -> dict:
    from ipdiff.io.contract import load_schema

    return load_schema("edition")


@pytest.fixture(scope="session")
def diff_schema() -> dict:
    from ipdiff.io.contract import load_schema

    return load_schema("diff")
