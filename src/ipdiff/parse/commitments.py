"""A measure's commitments, read from GiNZA's dependency parse.

A commitment is a predicate clause that commits the government to something: its
predicate (強化する, 検討を行う), the object it governs (the noun phrase), and its level
on the scale (`parse.strength`). A record can hold several: coordinated clauses
(〜し、〜とともに, 〜た上で) and separate sentences each commit on their own.

What does not commit, by clause shape:
- a purpose or frame clause: 〜するため, 〜に向けて, 〜を踏まえ, 〜を通じて (the verb hangs
  under ため / よう, or is a frame verb);
- a relative clause (産地が実施する研修): an `acl` under a noun is not followed;
- a quoted title 「…」: its words belong to the name, and are never a predicate;
- a need or an opinion (進める必要がある, 改正すべきとの意見がある): the verb sits under
  必要 / 意見, the sentence's predicate is ある, which commits to nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ipdiff.model import Commitment
from ipdiff.parse.strength import (
    DELIVERABLE_STUDIES,
    EXPLORE_STUDY_VERBS,
    HEDGED_OBJECTS,
    ISSUE_NOUNS,
    LIGHT_VERBS,
    PROCESS_VERBS,
    STUDY_NOUNS,
    level_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Objects that only point back at the clause before (所要の措置を講じる).
GENERIC_OBJECTS = frozenset({"措置", "対応", "対策", "対応策", "取組"})
GENERIC_MODIFIERS = frozenset({"所要", "必要", "適切", "更なる", "さらなる", "だ", "な", "の"})
# Verbs quoted with their object (措置を講じる), as a reader would name them.
OBJECT_VERBS = frozenset({"講じる", "講ずる"})
# Clause links that coordinate commitments (〜し、〜とともに, 〜た上で, 〜を進め、…).
_COORDINATED = frozenset({"conj", "advcl"})
# Verbs that frame a clause rather than commit (〜に向けて, 〜を踏まえ, 〜を通じて …).
FRAME_VERBS = frozenset(
    {
        "向ける", "踏まえる", "通じる", "通ずる", "含める", "応じる", "応ずる", "あわせる", "併せる",
        "合わせる", "基づく", "よる", "伴う", "関する", "際する", "当たる", "加える", "受ける",
        "用いる", "引き続く", "はじめる", "始める", "つく", "おく", "する", "いう", "言う", "鑑みる",
    }
)
# Predicates that state a state, not an act: 必要がある, 意見がある, 課題となる.
STATE_VERBS = frozenset({"ある", "いる", "なる", "おる", "できる", "見る", "考える", "思う", "存在"})
# A clause under one of these nouns is its content, not a commitment (ため: purpose).
_GOVERNING_NOUNS = frozenset({"ため", "よう", "必要", "意見", "声", "指摘", "べき", "こと"})
_PURPOSE_MARKS = frozenset({"ため", "よう", "べく"})
_OPENING_QUOTES = "「『"
_CLOSING_QUOTES = "」』"


def dep(tok: Token) -> str:
    # Without ginza's bunsetu_recognizer the parser's labels keep a `_bunsetu` suffix.
    return str(tok.dep_).removesuffix("_bunsetu")


def lemma(tok: Token) -> str:
    return unicodedata.normalize("NFKC", tok.lemma_)


def _quoted(doc: Doc | Span) -> set[int]:
    """Token indices inside 「…」 or 『…』: a title's words never commit."""
    inside: set[int] = set()
    depth = 0
    for tok in doc:
        if tok.text in _OPENING_QUOTES:
            depth += 1
        elif tok.text in _CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif depth:
            inside.add(tok.i)
    return inside


def _is_predicate(tok: Token) -> bool:
    """A content verb or a サ変 noun used as one (…の推進, …を実施)."""
    if lemma(tok) in STATE_VERBS or lemma(tok) in FRAME_VERBS:
        return False
    if tok.pos_ == "VERB":
        return True
    if tok.pos_ != "NOUN":
        return False
    # …の推進, …を義務化する, …を最適化: a verbal noun, or a noun that governs an object.
    return (
        "サ変" in tok.tag_
        or level_of(lemma(tok)) is not None
        or any(dep(c) == "obj" or (dep(c) == "aux" and lemma(c) == "する") for c in tok.children)
    )


def _governed(tok: Token) -> bool:
    """The clause hangs under ため / よう / 必要 / 意見: a purpose, need or opinion."""
    return lemma(tok.head) in _GOVERNING_NOUNS and tok.head.i != tok.i


def _purpose(tok: Token) -> bool:
    """〜するために / 〜できるよう / 〜すべく marked on the verb itself: a purpose clause."""
    return any(dep(c) in {"mark", "case"} and lemma(c) in _PURPOSE_MARKS for c in tok.children)


def predicate_tokens(sent: Span) -> list[Token]:
    """The committing predicates of one sentence: its root and the clauses coordinated
    with it, never a purpose, relative or framing clause, nor a word inside quotes."""
    root = sent.root
    quoted = _quoted(sent)
    out: list[Token] = []
    todo = [root]
    while todo:
        tok = todo.pop()
        if tok.i in quoted or _purpose(tok):
            continue
        if _is_predicate(tok) and not _governed(tok):
            out.append(tok)
        for child in tok.children:
            link = dep(child)
            # GiNZA labels a 連用形 clause before 、 or し now advcl, now acl.
            joined = link == "acl" and child.i + 1 < len(sent.doc) and sent.doc[child.i + 1].text in {"、", "し"}
            if (link in _COORDINATED or joined) and lemma(child) not in FRAME_VERBS:
                todo.append(child)
    return sorted(out, key=lambda t: t.i)


def _argument(tok: Token, links: Sequence[str]) -> Token | None:
    return next((c for c in tok.children if dep(c) in links and c.pos_ in {"NOUN", "PROPN", "VERB"}), None)


def _topic(tok: Token) -> Token | None:
    """The 〜について / 〜に関して noun of a clause: what a study is about."""
    for c in tok.children:
        if dep(c) == "obl" and any(lemma(g) in {"つく", "関する", "関す"} for g in c.subtree if g.i > c.i):
            return c
    return None


def _phrase(tok: Token) -> tuple[int, int]:
    """Character span of a noun phrase: its modifiers up to its head (Japanese is
    head-final, so the particles after the head are left out)."""
    toks = [t for t in tok.subtree if t.i <= tok.i]
    first = toks[0]
    while first.pos_ == "PUNCT" and first.i < tok.i:
        first = tok.doc[first.i + 1]
    return int(first.idx), int(tok.idx + len(tok.text))


def _compound(tok: Token) -> str:
    """The head noun with its compound parts (移住相談会, not 会)."""
    start = tok.i
    while start > 0 and dep(tok.doc[start - 1]) == "compound" and tok.doc[start - 1].head.i == tok.i:
        start -= 1
    return "".join(lemma(t) if t.i == tok.i else t.text for t in tok.doc[start : tok.i + 1])


def _object(tok: Token) -> Token | None:
    obj = _argument(tok, ("obj",))
    if obj is None:
        obj = _topic(tok)
    if obj is None:
        obj = _argument(tok, ("obl", "nmod", "nsubj"))
    return obj


def _head_noun(obj: Token) -> str:
    return lemma(obj)


def _hedged(tok: Token, obj: Token | None) -> bool:
    """A study that only explores: of a 在り方 / 可能性 / 必要性, 必要に応じて, 課題の整理."""
    if obj is not None and _head_noun(obj) in HEDGED_OBJECTS:
        return True
    if obj is not None and _head_noun(obj) in ISSUE_NOUNS and lemma(tok) in EXPLORE_STUDY_VERBS:
        return True
    for c in tok.children:
        words = "".join(t.text for t in c.subtree)
        if dep(c) in {"advcl", "obl", "advmod", "nmod"} and ("必要に応じ" in words or "必要性も含め" in words):
            return True
    return False


def clause_level(tok: Token, obj: Token | None) -> tuple[str | None, str]:
    """(level, predicate phrase) of one committing clause.

    A light verb (行う, 実施, する) takes its object's level, and 行う with a concrete
    object implements; a process verb (進める, 推進, 図る, 取り組む, 継続) is `promote`
    unless its object is itself a study (検討を進める). A hedge pulls a study to `explore`.
    """
    verb = lemma(tok)
    obj_lemma = _head_noun(obj) if obj is not None else None
    level = level_of(verb)
    phrase = verb
    if obj is not None and obj_lemma is not None:
        if verb in LIGHT_VERBS:
            phrase = f"{_compound(obj)}を{verb}"
            if obj_lemma in STUDY_NOUNS:
                level = "study"
            elif obj_lemma in DELIVERABLE_STUDIES:
                # 法的整理を行う delivers a legal analysis; 課題の整理を行う only explores.
                issues = any(lemma(c) in ISSUE_NOUNS for c in obj.children if dep(c) == "nmod")
                level = "explore" if issues else "implement"
            elif level_of(obj_lemma) is not None:
                level = level_of(obj_lemma)
            else:
                level = "implement"
        elif verb in OBJECT_VERBS:
            phrase = f"{_compound(obj)}を{verb}"  # 措置を講じる: the object says what is done
        elif verb in PROCESS_VERBS and obj_lemma in STUDY_NOUNS:
            phrase, level = f"{_compound(obj)}を{verb}", "study"
    if level == "study" and _hedged(tok, obj):
        level = "explore"
    return level, phrase


def read_commitments(doc: Doc, offsets: Sequence[int] | None = None) -> tuple[Commitment, ...]:
    """Every commitment of a parsed record text, in reading order.

    `offsets[i]` maps character i of the parsed text back into the record's own text
    (the parse drops `**` and line breaks); spans are given in the record's text.
    """
    out: list[Commitment] = []
    for sent in doc.sents:
        previous: tuple[int, int] | None = None
        for tok in predicate_tokens(sent):
            obj = _object(tok)
            level, phrase = clause_level(tok, obj)
            if obj is not None:
                start, end = _phrase(obj)
            elif previous is not None:
                # 機関を立ち上げ、事業化する: a coordinated verb shares the object before it.
                start, end = previous
            else:
                start = end = _clause_start(tok)
            topic = _topic(tok)
            bare_study = obj is not None and lemma(obj) in STUDY_NOUNS and obj.left_edge.i == obj.i
            if topic is not None and topic is not obj and (obj is None or bare_study):
                # 無償化について検討を行う: the study is about its topic.
                start, end = _phrase(topic)
            span = (min(start, _clause_start(tok)), _predicate_end(tok))
            if offsets is not None:
                span = (offsets[span[0]], offsets[max(span[1] - 1, span[0])] + 1)
            if obj is not None and _generic(obj) and previous is not None and out:
                # 在り方を検討し、所要の措置を講じる: the 措置 is the studied matter's, one
                # commitment that ends in action.
                prev = out.pop()
                span = (prev.span[0], span[1])
                out.append(Commitment(prev.object, f"{prev.predicate}・{phrase}", level or prev.level, span))
                continue
            previous = (start, end)
            out.append(Commitment(object=doc.text[start:end], predicate=phrase, level=level, span=span))
    return tuple(out)


def _generic(obj: Token) -> bool:
    """所要の措置, 必要な対応, 適切な対策: an object with no content of its own."""
    if lemma(obj) not in GENERIC_OBJECTS:
        return False
    return all(lemma(t) in GENERIC_MODIFIERS or t.pos_ in {"ADP", "AUX", "PUNCT"} for t in obj.subtree if t.i != obj.i)


def _clause_start(tok: Token) -> int:
    """Where a clause's own words start: its arguments, not the clauses before it."""
    own = [tok]
    for child in tok.children:
        if child.i < tok.i and dep(child) not in _COORDINATED and dep(child) != "punct":
            own.extend(child.subtree)
    return int(min(own, key=lambda t: t.i).idx)


def _predicate_end(tok: Token) -> int:
    """End of the predicate with its auxiliaries (検討 + する)."""
    end = tok.idx + len(tok.text)
    for t in tok.doc[tok.i + 1 : tok.i + 4]:
        if t.head.i == tok.i and dep(t) in {"aux", "fixed"}:
            end = t.idx + len(t.text)
        else:
            break
    return int(end)


def headline(commitments: Sequence[Commitment]) -> str | None:
    """A record's headline level, as before commitments were read one by one: that of
    its closing commitment (the one a plan's measure ends on), None when none has one.
    A change is judged on all the commitments, not on this."""
    return next((c.level for c in reversed(commitments) if c.level is not None), None)
