"""A small hand-made Diff for the render tests, plus the golden-file helper.

Every change type appears (split, merged, moved, cosmetic too), with KPI changes in
three units, a strengthened and a weakened commitment, a sample edition and a draft one,
and records carrying hostile text: HTML/JS injection and a spreadsheet formula.

Goldens live in tests/golden/render/; regenerate them with IPDIFF_UPDATE_GOLDEN=1
(tests/conftest.py belongs to another stage, so no --update-golden option here).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ipdiff.model import (
    Change,
    Diff,
    Edition,
    EditionMeta,
    Kind,
    KpiChange,
    KpiValue,
    Record,
    StrengthChange,
)

GOLDEN = Path(__file__).parent / "golden" / "render"

BASIC = ("基本的な認識",)
INVEST = ("1. 知財・無形資産への投資促進", "(1) 企業経営", "現状と課題")
AI = ("2. 生成AI等の新たな時代に即した知的財産の保護", "(1) 透明性の確保")
CONTENT = ("3. コンテンツ・クールジャパン", "(1) 海外展開")

HOSTILE = (
    "新たに<script>alert(1)</script>研究開発（R&D）拠点を整備する"
    '"><img src=x onerror=alert(1)><script>window.__pwned=1</script>。'
)
FORMULA = '=HYPERLINK("http://example.invalid","x") 海賊版対策の国際連携を推進する。'

KPI_MARKET_OLD = KpiValue("5.8兆円", 5.8e12, "円", year=2023, metric="海外市場規模", kind="amount")
KPI_MARKET_NEW = KpiValue("6.1兆円", 6.1e12, "円", year=2024, metric="海外市場規模", kind="amount")
KPI_SHARE_OLD = KpiValue("4割", 40.0, "%", metric="利用率", kind="rate")
KPI_SHARE_NEW = KpiValue("6割以上", 60.0, "%", qualifier="以上", metric="利用率", kind="rate")
KPI_SITES_NEW = KpiValue("10拠点", 10.0, "拠点", metric="拠点数", target=True, kind="count", target_year=2030)
KPI_ACCESS_OLD = KpiValue("約5億アクセス", 5e8, "アクセス", qualifier="約", metric="アクセス数", kind="count")
KPI_RANK_OLD = KpiValue("13位", 13.0, "位", year=2024, metric="GII順位", kind="rank")
KPI_RANK_NEW = KpiValue("12位", 12.0, "位", year=2025, metric="GII順位", kind="rank")


def _m(
    id: str,
    section: tuple[str, ...],
    text: str,
    line: int,
    *,
    kpis: tuple[KpiValue, ...] = (),
    strength: str | None = None,
    end_line: int | None = None,
    kind: Kind = "point",
) -> Record:
    return Record(
        id=id,
        section=section,
        kind=kind,
        text=text,
        line=line,
        end_line=line if end_line is None else end_line,
        kpis=kpis,
        strength=strength,
    )


def _sha(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


OLD_RECORDS = {
    "o01": _m("o01", BASIC, "**知財・無形資産投資**が世界の経済成長を牽引している。", 3),
    "o02": _m(
        "o02",
        BASIC,
        "我が国のコンテンツ産業は、海外市場規模が5.8兆円（2023年）と基幹産業。",
        4,
        kpis=(KPI_MARKET_OLD,),
    ),
    "o03": _m(
        "o03",
        INVEST,
        "IPランドスケープの活用の在り方を検討する。利用率は4割。",
        10,
        kpis=(KPI_SHARE_OLD,),
        strength="explore",
        end_line=11,
    ),
    "o04": _m("o04", INVEST, "プリンシプル・コードを制定する。", 12, strength="implement"),
    "o05": _m("o05", INVEST, "企業の知財部門の関与を強化する。", 13, strength="promote"),
    "o06": _m(
        "o06",
        AI,
        FORMULA + "海賊版サイトへのアクセス数は約5億アクセス。",
        20,
        kpis=(KPI_ACCESS_OLD,),
    ),
    "o07": _m("o07", CONTENT, "クールジャパンの海外展開を推進し、インバウンド消費を拡大する。", 30),
    "o08": _m("o08", CONTENT, "コンテンツ地方創生拠点を形成する。", 31),
    "o09": _m("o09", CONTENT, "ロケ撮影の誘致を支援する。", 32),
    "o10": _m("o10", CONTENT, "2033年までに海外展開規模を50兆円とする。", 33),
    "o11": _m(
        "o11",
        CONTENT,
        "世界知的所有権機関のグローバル・イノベーション・インデックスで13位（2024年）。",
        34,
        kpis=(KPI_RANK_OLD,),
    ),
    # Apparatus: a chart caption, reworded.
    "o12": _m("o12", CONTENT, "(出典) 経済産業省調べ", 35, kind="caption"),
}
NEW_RECORDS = {
    "n01": _m("n01", BASIC, "**知財・無形資産投資**が世界の経済成長を牽引している。", 5),
    "n02": _m(
        "n02",
        BASIC,
        "我が国のコンテンツ産業は、海外市場規模が6.1兆円（2024年）といまや基幹産業。",
        6,
        kpis=(KPI_MARKET_NEW,),
    ),
    "n03": _m(
        "n03",
        INVEST,
        "IPランドスケープを活用した知財投資を**実施**する。利用率を6割以上とする。",
        12,
        kpis=(KPI_SHARE_NEW,),
        strength="implement",
    ),
    "n04": _m("n04", INVEST, "企業の知財部門の関与を強化する。", 13, strength="promote"),
    "n05": _m("n05", AI, "プリンシプル・コードの在り方を検討する。", 20, strength="explore"),
    "n06": _m("n06", AI, HOSTILE + "2030年までに10拠点とする。", 21, kpis=(KPI_SITES_NEW,)),
    "n07": _m("n07", CONTENT, "クールジャパンの海外展開を推進する。", 30),
    "n08": _m("n08", CONTENT, "インバウンド消費を通じた日本ファン形成を拡大する。", 31),
    "n09": _m("n09", CONTENT, "コンテンツ地方創生拠点を形成し、ロケ撮影の誘致を支援する。", 32),
    "n10": _m("n10", CONTENT, "２０３３年までに海外展開規模を**50兆円**とする。", 33),
    "n11": _m(
        "n11",
        CONTENT,
        "世界知的所有権機関のグローバル・イノベーション・インデックスで12位（2025年）。",
        34,
        kpis=(KPI_RANK_NEW,),
    ),
    "n12": _m("n12", CONTENT, "(出典) 経済産業省・文化庁調べ", 35, kind="caption"),
}


def _c(
    type_: str, old: tuple[str, ...], new: tuple[str, ...], sim: float | None, **kw: object
) -> Change:
    return Change(
        type=type_,  # type: ignore[arg-type]
        old=tuple(OLD_RECORDS[i] for i in old),
        new=tuple(NEW_RECORDS[i] for i in new),
        similarity=sim,
        **kw,  # type: ignore[arg-type]
    )


CHANGES: tuple[Change, ...] = (
    _c("unchanged", ("o01",), ("n01",), 1.0),
    _c(
        "modified",
        ("o02",),
        ("n02",),
        0.912345678,
        kpis=(KpiChange("海外市場規模", KPI_MARKET_OLD, KPI_MARKET_NEW),),
    ),
    _c(
        "modified",
        ("o03",),
        ("n03",),
        0.61,
        kpis=(KpiChange("利用率", KPI_SHARE_OLD, KPI_SHARE_NEW),),
        strength=StrengthChange("explore", "implement", "up"),
    ),
    _c("unchanged", ("o05",), ("n04",), 1.0),
    _c(
        "modified",
        ("o04",),
        ("n05",),
        0.7,
        moved=True,
        strength=StrengthChange("implement", "explore", "down"),
    ),
    _c("added", (), ("n06",), None, kpis=(KpiChange("拠点数", None, KPI_SITES_NEW),)),
    _c("removed", ("o06",), (), None, kpis=(KpiChange("アクセス数", KPI_ACCESS_OLD, None),)),
    _c("split", ("o07",), ("n07", "n08"), 0.78),
    _c("merged", ("o08", "o09"), ("n09",), 0.9),
    _c("unchanged", ("o10",), ("n10",), 0.98, cosmetic=True),
    _c(
        "modified",
        ("o11",),
        ("n11",),
        0.95,
        kpis=(KpiChange("GII順位", KPI_RANK_OLD, KPI_RANK_NEW),),
    ),
    _c("modified", ("o12",), ("n12",), 0.8),
)

OLD = Edition(
    label="2025",
    sha256=_sha("old edition"),
    records=tuple(OLD_RECORDS.values()),
    meta=EditionMeta(
        label="2025",
        title="知的財産推進計画2025（概要）〜IPトランスフォーメーション〜",
        date="2025-06-03",
        status="sample",
        note="公開資料の記述から再構成した。数値と文言は出典に基づくが、公式PDFの写しではない。",
        source="https://www.kantei.go.jp/jp/singi/titeki2/",
        sources=("https://www.kantei.go.jp/jp/singi/titeki2/", "https://example.invalid/a_(b) c"),
    ),
    origin="editions/2025.txt",
)
NEW = Edition(
    label="2026",
    sha256=_sha("new edition"),
    records=tuple(NEW_RECORDS.values()),
    meta=EditionMeta(
        label="2026",
        title="「知的財産推進計画2026」（概要）（案）",
        date="2026-06",
        status="draft",
    ),
    origin="editions/2026.txt",
)

GENERATOR = {"ipdiff": "0.1.0", "spacy": "3.8.7", "model": "ja_ginza 5.3.0"}


def make_diff() -> Diff:
    """The fixture diff; summary left empty so the renderers compute it."""
    return Diff(old=OLD, new=NEW, changes=CHANGES, generator=dict(GENERATOR))


def check_golden(name: str, text: str) -> None:
    """Compare `text` (as UTF-8 bytes) with tests/golden/render/<name>, or rewrite it."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if os.environ.get("IPDIFF_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"{path.name} is missing: run with IPDIFF_UPDATE_GOLDEN=1 and review it"
    expected = path.read_bytes()
    # Text first, so a mismatch prints a readable diff; then bytes for BOM/CRLF.
    assert text == expected.decode("utf-8"), f"differs from golden {name} (IPDIFF_UPDATE_GOLDEN=1)"
    assert data == expected
