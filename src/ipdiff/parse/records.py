"""Blocks → measure records, with GiNZA: lemmas, commitment predicate and strength.

The only module that imports spaCy, and only when a parse is really needed. GiNZA is
used for what it does well:
- the Sudachi tokenizer gives every record its content-word lemmas (for the aligner);
- the dependency parser finds the predicate that ends a measure (…を検討する,
  …措置を講じる, …を立ち上げ、事業化する). Only the last sentence of a commitment-bearing
  record is parsed: a Japanese measure states its commitment at the end, and parsing
  that alone keeps the full-pipeline cost off captions, tables and context sentences.
NER, the morphologizer, compound splitting and bunsetu are not used and not run.
"""

from __future__ import annotations

import hashlib
import json
import re
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
    Edition,
    Kind,
    KpiValue,
    Record,
    SourceText,
    mask_label,
    unmarked,
)
from ipdiff.parse.kpi import Column, extract_kpis, extract_table_kpis, parse_table_header
from ipdiff.parse.segment import segment
from ipdiff.parse.strength import LIGHT_VERBS, SCALE, apply_hedge, strength_of_verb
from ipdiff.parse.tables import name_generic_rows

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# Components a commitment parse needs; the rest of ja_ginza's pipeline is excluded.
EXCLUDED = ("ner", "morphologizer", "compound_splitter", "bunsetu_recognizer")
BATCH_SIZE = 64

_CONTENT_TAGS = ("名詞", "動詞", "形容詞", "形状詞", "接頭辞")
_SENTENCE_END = re.compile(r"(?<=[。！？])")


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


# Sudachi refuses inputs over ~49 KB; a commitment sits in the last few hundred characters.
MAX_SENTENCE = 1000
CHUNK = 4000


def last_sentence(text: str) -> str:
    plain = unmarked(text).replace("\n", "")
    sentences = [s for s in _SENTENCE_END.split(plain) if s.strip()]
    last = sentences[-1].strip() if sentences else plain.strip()
    return last[-MAX_SENTENCE:]


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


def dep(tok: Token) -> str:
    # Without ginza's bunsetu_recognizer the parser's labels keep a `_bunsetu` suffix.
    return tok.dep_.removesuffix("_bunsetu")


def _predicate_tokens(doc: Doc) -> list[Token]:
    """The root of the final sentence and the clauses coordinated with it."""
    roots = [t for t in doc if dep(t) == "ROOT"]
    if not roots:
        return []
    root = roots[-1]
    chain = [root]
    for child in root.children:
        if dep(child) in {"conj", "advcl"} or (
            dep(child) == "acl" and child.i + 1 < len(doc) and doc[child.i + 1].text in {"、", "し"}
        ):
            chain.append(child)
    return sorted(chain, key=lambda t: t.i)


def _obj_of(tok: Token) -> Token | None:
    return next((c for c in tok.children if dep(c) == "obj"), None)


def commitment(doc: Doc) -> tuple[str | None, str | None]:
    """(predicate, strength) of a parsed final sentence.

    A light verb (行う, 進める, 図る …) takes its level from its object: 検討を進める is a
    study. The predicate that ends the sentence sets the strength (専門家を派遣し、支援の
    在り方を検討する is an exploration, not an implementation); a clause before it counts
    only when the final verb carries no level. A hedge can pull a study down.
    """
    tokens = _predicate_tokens(doc)
    if not tokens:
        return None, None
    phrases: list[str] = []
    best: str | None = None
    final: str | None = None
    root = max(tokens, key=lambda t: t.i)  # the verb that ends the sentence
    for tok in tokens:
        lemma = tok.lemma_
        level = strength_of_verb(lemma)
        obj = _obj_of(tok)
        phrase = lemma
        if lemma in LIGHT_VERBS and obj is not None and strength_of_verb(obj.lemma_):
            level = strength_of_verb(obj.lemma_)
            phrase = f"{obj.lemma_}を{lemma}"
        elif lemma in {"講じる"} and obj is not None:
            phrase = f"{obj.lemma_}を{lemma}"
        if level is not None:
            phrases.append(phrase)
            if tok is root or final is None and (best is None or SCALE.index(level) > SCALE.index(best)):
                best = level
            if tok is root:
                final = level
    if not phrases:
        root = tokens[-1]
        # Tags come from the tokenizer, so this holds with or without the morphologizer.
        content = root.tag_.startswith(_CONTENT_TAGS) and "非自立" not in root.tag_
        return (root.lemma_ if content else None), None
    return "・".join(phrases), apply_hedge(best, doc.text)


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
    finals = [last_sentence(blocks[i].text) for i in wanted]
    predicates: dict[int, tuple[str | None, str | None]] = {}
    for n, (i, doc) in enumerate(zip(wanted, nlp.pipe(finals, batch_size=BATCH_SIZE), strict=True)):
        predicates[i] = commitment(doc)
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
        if b.kind in OBSERVATION_KINDS:
            strength = None  # 現状と課題 reports what is, it commits to nothing
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
