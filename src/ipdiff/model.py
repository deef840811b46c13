"""The values passed between pipeline stages.

sources → segment → parse → align → classify → render. Every stage takes and returns
these frozen dataclasses; nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

ChangeType = Literal["added", "removed", "modified", "unchanged", "split", "merged", "renumbered"]
CHANGE_TYPES: tuple[ChangeType, ...] = (
    "added",
    "removed",
    "modified",
    "unchanged",
    "split",
    "merged",
)
# A record whose words stayed and whose number (label) changed: a statute's 条ずれ. Counted in
# a summary only where it occurs, so a plan's summary keeps the baseline's keys.
RENUMBERED: ChangeType = "renumbered"


# What a record is, as the document presents it. The raw 2026 text gives every kind;
# a plain Markdown edition gives heading, text, point and item.
Kind = Literal[
    "title",  # the cover block
    "heading",  # a section title (Markdown heading, part title, theme name)
    "text",  # a one-line paragraph (a heading only while bullets follow it)
    "toc",  # an entry of the 構成 list
    "point",  # a ◆ key point or a top-level bullet
    "status",  # a 現状と課題 sentence
    "plan",  # a 今後の予定（方向性） item
    "statement",  # a paragraph of the 基本的な認識 / 方向性 pages
    "item",  # a numbered item
    "sub_bullet",  # a bullet under a heading below a zone: a box on a slide, e.g. under
    # (具体的な取組内容). Called `figure` before parser 7, which read as a quantity.
    "note",  # a ※ note
    "caption",  # an (出典) source caption
    "chart_title",  # the title line after a caption
    "table_header",
    "table_row",
]
# Records a reader counts as the plan's content: what is promised, observed or measured.
MEASURE_KINDS: frozenset[Kind] = frozenset(
    {"point", "status", "plan", "statement", "item", "sub_bullet", "note", "text", "table_row"}
)
# The document's apparatus: titles, headings, the 構成 list, captions, table headers.
APPARATUS_KINDS: frozenset[Kind] = frozenset(
    {"title", "heading", "toc", "caption", "chart_title", "table_header"}
)
HEADING_KINDS: frozenset[Kind] = frozenset({"title", "heading"})
# Kinds that can carry a commitment predicate (the others get lemmas only).
COMMITMENT_KINDS: frozenset[Kind] = frozenset(
    {"point", "plan", "statement", "status", "item", "text", "sub_bullet", "note"}
)
# Kinds whose predicate is kept but which carry no commitment strength (現状と課題).
OBSERVATION_KINDS: frozenset[Kind] = frozenset({"status"})


# The extracted slides mark emphasis with `**`; a record's `text` keeps it as written and
# its `emphasis` lists the marked phrases. Every reader that wants the words alone goes
# through `unmarked`, so what counts as a marker is said once.
EMPHASIS_MARK = "**"


def unmarked(text: str) -> str:
    """The text without its emphasis markers: what is read, compared and shown plain."""
    return text.replace(EMPHASIS_MARK, "")


def mask_label(text: str, label: str) -> str:
    """Mask the edition's own label in a heading or metric (「…2026の構成」).

    A git revision's label is `2026@HEAD~1`: the part before `@` is what the text says.
    """
    base = label.split("@", 1)[0]
    return text.replace(base, "〈本版〉") if base else text


def labelled(label: str, text: str) -> str:
    """A provision's number before its words (`２ 前項の…`), unless the text begins with it."""
    if not label or text.startswith(label):
        return text
    return f"{label} {text}"


@dataclass(frozen=True, slots=True)
class KpiValue:
    """One quantity found in a record, normalised to base units.

    `text` is the surface string (`27.1兆円`), `value` the number in base units
    (27100000000000), `unit` the base unit (`円`). `year` is the reference or target
    year the text gives for it; `target` is true for a goal (`2033年までに…`).
    `metric` names what is measured, from the row/column of a table or the phrase
    before the number. `kind` says how a change of it is told (a rate in pt, a rank
    better/worse, a percent change only for amounts and counts); `high` is the upper
    end of a range; `target_year` the year a target is to be met by. `start`/`end`
    place the figure in its record's text, so figures pair by place across editions.
    """

    text: str
    value: float
    unit: str
    year: int | None = None
    qualifier: str | None = None
    metric: str | None = None
    target: bool = False
    kind: str = "other"
    high: float | None = None
    target_year: int | None = None
    start: int = 0
    end: int = 0
    # The span a value is about when it is not one year's (3年連続で70件超 → 3年連続).
    over: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of the source as the document presents it, before any NLP.

    The segmenter turns raw text into blocks; `line`..`end_line` are the 1-based source
    lines the block covers. A table row keeps its table's header rows and its own cells
    (its group filled in), which the parse stage needs to read the row's quantities.
    """

    kind: Kind
    text: str
    section: tuple[str, ...]
    line: int
    end_line: int
    emphasis: tuple[str, ...] = ()
    parent: int | None = None  # index of the enclosing block (sub-bullets)
    table_header: tuple[tuple[str, ...], ...] = ()  # a table row's header rows, as cells
    table_cells: tuple[str, ...] = ()  # a table row's cells
    label: str = ""  # a statute provision's number (第三条, ２, 一), not part of its text


@dataclass(frozen=True, slots=True)
class Commitment:
    """One committing predicate clause of a record: what it commits to and how firmly.

    `object` is the noun phrase the predicate governs (大学知財GLの浸透), `predicate` its
    lemma or light-verb phrase (進める, 検討を行う), `level` its place on the scale (None
    for a verb the lexicon cannot place), `span` its characters in the record's text.
    """

    object: str
    predicate: str
    level: str | None
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Record:
    """One record of an edition: a bullet, numbered item, table row, caption or heading."""

    id: str
    section: tuple[str, ...]
    kind: Kind
    text: str
    line: int
    end_line: int
    emphasis: tuple[str, ...] = ()
    kpis: tuple[KpiValue, ...] = ()
    # The headline of the commitments below: their predicates, and the firmest level.
    predicate: str | None = None
    strength: str | None = None
    # Content-word lemmas from GiNZA, used by the aligner.
    lemmas: tuple[str, ...] = ()
    parent: str | None = None
    commitments: tuple[Commitment, ...] = ()
    # A statute provision's number (第三条, ２, 一, イ): not compared as text, so a provision
    # that keeps its words under a new number is renumbered, not modified.
    label: str = ""

    @property
    def labelled(self) -> str:
        """The record as the document prints it: `２ 前項の…`; an article heading is its number."""
        return labelled(self.label, self.text)

    @property
    def plain(self) -> str:
        """The text without emphasis markers."""
        return unmarked(self.text)


@dataclass(frozen=True, slots=True)
class EditionMeta:
    """The `editions/<label>.toml` beside an edition's text."""

    label: str
    title: str | None = None
    date: str | None = None
    status: str | None = None  # official / draft / sample
    publisher: str | None = None
    source: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    family: str | None = None  # the plan family it names; None: detected from the text
    # The note in Japanese, for the readers' pages (the note itself stays as written).
    note_ja: str | None = None


@dataclass(frozen=True, slots=True)
class SourceText:
    """An edition's text as read from disk or git, decoded, before parsing."""

    label: str
    origin: str  # what the user named: a path, a label, or REV:PATH
    text: str
    sha256: str
    meta: EditionMeta | None = None
    importer: str = ""  # what made the text from the source bytes ("" for a text file): in the cache key


@dataclass(frozen=True, slots=True)
class Edition:
    label: str
    sha256: str
    records: tuple[Record, ...]
    meta: EditionMeta | None = None
    origin: str = ""
    family: str = "ip_plan"  # the plan family it was parsed as (`families.FAMILIES`)

    @property
    def title(self) -> str | None:
        return self.meta.title if self.meta else None


@dataclass(frozen=True, slots=True)
class Group:
    """One aligned group: indices into the old and new record lists.

    Both empty is impossible; one side empty means added/removed. `pinned` is set
    when a crosswalk entry decided the group rather than the scorer.
    """

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float | None
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class Alignment:
    groups: tuple[Group, ...]

    @classmethod
    def of(cls, groups: Iterable[Group]) -> Alignment:
        """Groups in the one order every stage keeps: by new index, then by old (added first)."""
        return cls(tuple(sorted(groups, key=lambda g: (g.new or (-1,), g.old or (-1,)))))


@dataclass(frozen=True, slots=True)
class KpiChange:
    metric: str | None
    old: KpiValue | None
    new: KpiValue | None
    # A table column both editions hold, revised: not the headline change of the row.
    restated: bool = False
    # The rate of change the table prints beside the new value (増減率), in percent.
    printed_pct: float | None = None
    # A target that left this place: `kept` when the new edition sets it elsewhere
    # (`kept_in`: those records' ids), `dropped` when it sets it nowhere.
    target_status: Literal["kept", "dropped"] | None = None
    kept_in: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CommitmentPair:
    """An old commitment and the new one on the same object (either may be None: a
    commitment dropped or added). `similarity` is that of their object phrases; a pair
    resting on a weak match is `uncertain`; `follow_up` marks a 設置 → 強化 of the body set up."""

    old: Commitment | None
    new: Commitment | None
    similarity: float = 0.0
    uncertain: bool = False
    follow_up: bool = False


@dataclass(frozen=True, slots=True)
class StrengthChange:
    """How a change's commitments moved. `old`/`new` are the levels of the pair that
    decides it (`none` for a side that commits to nothing); `pairs` the decisive pairs;
    `added`/`dropped` the commitments with no counterpart; `uncertain` when a decisive pair
    rests on weakly matched objects."""

    old: str
    new: str
    direction: Literal["up", "down", "same"]
    pairs: tuple[CommitmentPair, ...] = ()
    continued: tuple[CommitmentPair, ...] = ()
    added: tuple[Commitment, ...] = ()
    dropped: tuple[Commitment, ...] = ()
    uncertain: bool = False

    @property
    def moved(self) -> bool:
        return self.direction != "same"


@dataclass(frozen=True, slots=True)
class Change:
    type: ChangeType
    old: tuple[Record, ...]
    new: tuple[Record, ...]
    moved: bool = False
    cosmetic: bool = False
    similarity: float | None = None
    kpis: tuple[KpiChange, ...] = ()
    strength: StrengthChange | None = None
    pinned: bool = False
    # The whole commitment judgement, `same` included (strength is set only when moved).
    commitments: StrengthChange | None = None

    @property
    def anchor(self) -> str:
        """A stable id for links: from the record ids, never from positions."""
        ids = [m.id for m in self.old] + [m.id for m in self.new]
        joined = "-".join(ids)
        if len(joined) <= 40:
            return f"c-{joined}"
        # Long split/merge groups: keep the first id readable, hash the rest.
        import hashlib

        return f"c-{ids[0]}-{hashlib.sha1(joined.encode()).hexdigest()[:10]}"

    @property
    def section(self) -> tuple[str, ...]:
        side = self.new or self.old
        return side[0].section if side else ()


@dataclass(frozen=True, slots=True)
class SectionPair:
    """One row of the section alignment; `old` or `new` is None for an added/removed section."""

    old: tuple[str, ...] | None
    new: tuple[str, ...] | None
    records: int  # records aligned from old into new (every level below included)
    renamed: bool = False  # the titles differ beyond the edition label and digits
    moved: bool = False  # a new parent, or a new place among its siblings


@dataclass(frozen=True, slots=True)
class Diff:
    old: Edition
    new: Edition
    changes: tuple[Change, ...]
    summary: dict[str, int] = field(default_factory=dict)
    # What made this diff (ipdiff version, GiNZA model name and version): reports
    # carry it so `ipdiff check` can tell a version change from a stale report.
    generator: dict[str, str] = field(default_factory=dict)
    # The aligned section trees: reports group and name chapters by them.
    sections: tuple[SectionPair, ...] = ()
    # The section each heading record of the new edition opens, by record id: read once
    # when the sections are aligned, so no renderer rebuilds the tree.
    opened: dict[str, tuple[str, ...]] = field(default_factory=dict)
