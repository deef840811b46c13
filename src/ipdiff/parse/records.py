"""Blocks → measure records, with GiNZA: lemmas, commitment predicate and strength.

The only module that imports spaCy, and only when a parse is really needed. GiNZA is
used for what it does well:
- the Sudachi tokenizer gives every record its content-word lemmas (for the aligner);
- the dependency parser reads every commitment of a measure (`parse.commitments`):
  each committing clause with its object and level. Only commitment-bearing records are
  parsed, which keeps the full-pipeline cost off captions, tables and headings.
NER, the morphologizer, compound splitting and bunsetu are not used and not run.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ipdiff.families import Family, family_of
from ipdiff.io.versions import MODEL
from ipdiff.model import (
    COMMITMENT_KINDS,
    OBSERVATION_KINDS,
    Block,
    Commitment,
    Edition,
    Kind,
    KpiValue,
    Record,
    SourceText,
    mask_label,
    unmarked,
)
from ipdiff.parse.commitments import headline, read_commitments
from ipdiff.parse.kpi import Column, extract_kpis, extract_table_kpis, parse_table_header
from ipdiff.parse.segment import segment
from ipdiff.parse.tables import name_generic_rows

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# Components a commitment parse needs; the rest of ja_ginza's pipeline is excluded.
EXCLUDED = ("ner", "morphologizer", "compound_splitter", "bunsetu_recognizer")
BATCH_SIZE = 64

_CONTENT_TAGS = ("名詞", "動詞", "形容詞", "形状詞", "接頭辞")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    import spacy

    return spacy.load(MODEL, exclude=list(EXCLUDED))


def record_id(section: Sequence[str], text: str, label: str = "") -> str:
    """Same text in the same section → same id, on any machine.

    The edition's own label is masked in the section (「…2026の構成」), so an unchanged
    heading keeps its id from one edition to the next.
    """
    key = [mask_label(s, label) for s in section] + [text]
    digest = hashlib.sha1(json.dumps(key, ensure_ascii=False, separators=(",", ":")).encode())
    return digest.hexdigest()[:12]


# Sudachi refuses inputs over ~49 KB; a record's commitments sit in its last sentences.
MAX_PARSED = 1500
CHUNK = 4000


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """Pieces of at most `size` characters, cut after a 。 where one is near."""
    out = []
    while len(text) > size:
        cut = text.rfind("。", size // 2, size)
        cut = size if cut < 0 else cut + 1
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text] if text else out


def content_lemmas(doc: Doc | Iterable[Token]) -> tuple[str, ...]:
    out = []
    for tok in doc:
        tag = tok.tag_
        if tag.startswith(_CONTENT_TAGS) and "非自立" not in tag:
            out.append(unicodedata.normalize("NFKC", tok.lemma_))
    return tuple(out)


def plain_with_offsets(text: str, limit: int = MAX_PARSED) -> tuple[str, list[int]]:
    """The record's text as parsed (no `**`, no line breaks, its last `limit` characters),
    and for each of its characters the index in the record's own text."""
    chars: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        if text.startswith("**", i):
            i += 2
            continue
        if text[i] != "\n":
            chars.append(text[i])
            offsets.append(i)
        i += 1
    if len(chars) > limit:
        # Sudachi refuses long inputs; a measure commits at its end. Cut at a sentence.
        cut = len(chars) - limit
        joined = "".join(chars)
        stop = joined.find("。", cut)
        cut = stop + 1 if 0 <= stop < len(chars) - 1 else cut
        chars, offsets = chars[cut:], offsets[cut:]
    return "".join(chars), offsets


def headline_of(commitments: Sequence[Commitment], doc: Doc) -> tuple[str | None, str | None]:
    """(predicate, strength) of a record for compatibility: the committing predicates
    joined, and the firmest level; with no commitment, the final content word."""
    if commitments:
        return "・".join(c.predicate for c in commitments), headline(commitments)
    sents = list(doc.sents)
    if not sents:
        return None, None
    root = sents[-1].root
    # Tags come from the tokenizer, so this holds with or without the morphologizer.
    content = root.tag_.startswith(_CONTENT_TAGS) and "非自立" not in root.tag_
    return (root.lemma_ if content else None), None


# Apparatus whose numbers are not quantities (section numbers, dates of the cover).
_NO_KPI_KINDS: frozenset[Kind] = frozenset({"toc", "table_header"})
# A heading or title states no quantity, but it may number or date something (第5次…計画, 第三条).
_HEADING_FIGURE_KINDS = frozenset({"date", "year", "ordinal", "label"})


def block_kpis(block: Block, columns: Sequence[Column] | None = None) -> tuple[KpiValue, ...]:
    """The quantities a block states; a table row's units and labels come from its header
    (`columns`, when the caller has read that header already)."""
    if block.kind in _NO_KPI_KINDS:
        return ()
    if block.kind in ("heading", "title"):
        return tuple(k for k in extract_kpis(block.text) if k.kind in _HEADING_FIGURE_KINDS)
    if block.kind == "table_row":
        if columns is None:
            columns = parse_table_header([list(row) for row in block.table_header])
        found = extract_table_kpis(list(block.table_cells), list(columns))
        if found:
            return found
        # A row without numeric cells says its quantities in words, like any text.
    return extract_kpis(block.text)


def blocks_kpis(blocks: Sequence[Block]) -> list[tuple[KpiValue, ...]]:
    """`block_kpis` of every block, each table's header read once (not once per row:
    a wide header over many rows would make that quadratic)."""
    out = []
    header: tuple[tuple[str, ...], ...] | None = None
    columns: list[Column] = []
    title = ""
    for b in blocks:
        if b.kind in ("caption", "chart_title"):
            title = b.text.strip()
        if b.kind == "table_row" and b.table_header is not header:
            header = b.table_header
            columns = parse_table_header([list(row) for row in header])
        found = block_kpis(b, columns if b.kind == "table_row" else None)
        if b.kind == "table_row" and title:
            found = name_generic_rows(found, title)
        out.append(found)
    return out


def build_records(
    blocks: Sequence[Block],
    label: str,
    nlp: Language,
    progress: Callable[[int], None] | None = None,
) -> tuple[Record, ...]:
    """Measures from blocks: ids, lemmas, predicates. Pure given the model."""
    plain = [unmarked(b.text) for b in blocks]
    tokenized = [tuple(lem for c in chunks(t) for lem in content_lemmas(nlp.make_doc(c))) for t in plain]

    wanted = [i for i, b in enumerate(blocks) if b.kind in COMMITMENT_KINDS]
    parsed = [plain_with_offsets(blocks[i].text) for i in wanted]
    predicates: dict[int, tuple[str | None, str | None]] = {}
    commitments: dict[int, tuple[Commitment, ...]] = {}
    docs = nlp.pipe((text for text, _ in parsed), batch_size=BATCH_SIZE)
    for n, (i, (_, offsets), doc) in enumerate(zip(wanted, parsed, docs, strict=True)):
        commitments[i] = read_commitments(doc, offsets)
        predicates[i] = headline_of(commitments[i], doc)
        if progress and (n + 1) % BATCH_SIZE == 0:
            progress(BATCH_SIZE)
    if progress:
        progress(len(wanted) % BATCH_SIZE)

    ids: list[str] = []
    seen: dict[str, int] = {}
    for b in blocks:
        base = record_id(b.section, b.text, label)
        seen[base] = seen.get(base, 0) + 1
        # A repeated text in the same section keeps its order as a suffix.
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")

    records = []
    figures = blocks_kpis(blocks)
    for i, b in enumerate(blocks):
        predicate, strength = predicates.get(i, (None, None))
        found = commitments.get(i, ())
        if b.kind in OBSERVATION_KINDS:
            # 現状と課題 reports what is, it commits to nothing
            strength, found = None, ()
        records.append(
            Record(
                id=ids[i],
                section=b.section,
                kind=b.kind,
                text=b.text,
                line=b.line,
                end_line=b.end_line,
                emphasis=b.emphasis,
                # Metrics keep the edition's year (知財計画2026): table columns pair by it.
                kpis=figures[i],
                predicate=predicate,
                strength=strength,
                lemmas=tokenized[i],
                parent=ids[b.parent] if b.parent is not None else None,
                commitments=found,
                label=b.label,
            )
        )
    return tuple(records)


def workload(blocks: Sequence[Block]) -> int:
    """How many sentences go through the full pipeline (for progress bars)."""
    return sum(1 for b in blocks if b.kind in COMMITMENT_KINDS)


def parse_source(
    source: SourceText,
    nlp: Language | None = None,
    progress: Callable[[int], None] | None = None,
    blocks: Sequence[Block] | None = None,
    family: Family | None = None,
) -> Edition:
    """One edition's records; `family` defaults to the one its metadata names or its text shows."""
    family = family or family_of(source)
    if blocks is None:
        blocks = segment(source.text, family)
    records = build_records(blocks, source.label, nlp or load_nlp(), progress)
    return Edition(
        label=source.label,
        sha256=source.sha256,
        records=records,
        meta=source.meta,
        origin=source.origin,
        family=family.name,
    )


def parse_text(text: str, label: str, nlp: Language | None = None) -> Edition:
    """Parse text held in memory (tests, the synthetic-edition harness)."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return parse_source(SourceText(label=label, origin=label, text=text, sha256=sha), nlp)
