"""The harness's tests share the suite's fixtures (the GiNZA model, the 2026 text)."""

from tests.conftest import edition_2026, nlp, text_2026

__all__ = ["edition_2026", "nlp", "text_2026"]
