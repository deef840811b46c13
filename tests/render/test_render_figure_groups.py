"""The KPI table leads with quantities; dates, years and ordinals get 日付・回次の変更;
labels (renumbered articles) are only in the JSON; a floor against a point is 比較不可."""

from __future__ import annotations

import json

from ipdiff.model import Change, Diff, Edition, KpiChange, KpiValue, Record
from ipdiff.render import RENDERERS, render_kpis_csv


def _diff() -> Diff:
    old = Record("o1", ("章",), "point", "第2次計画（令和6年3月1日）。第五条の件数は81件。", 1, 1)
    new = Record("n1", ("章",), "point", "第3次計画（令和7年3月1日）。第六条の件数は3年連続で75件超。", 1, 1)
    kpis = (
        KpiChange("回次（計画）", KpiValue("第2次", 2, "第次", kind="ordinal"), KpiValue("第3次", 3, "第次", kind="ordinal")),
        KpiChange("条項番号", KpiValue("第五条", 5, "条", kind="label"), KpiValue("第六条", 6, "条", kind="label")),
        KpiChange("件数", KpiValue("81件", 81, "件", kind="count"),
                  KpiValue("75件超", 75, "件", kind="count", qualifier="超", over="3年連続")),
    )
    change = Change("modified", (old,), (new,), similarity=0.8, kpis=kpis)
    return Diff(Edition("a", "0" * 64, (old,)), Edition("b", "1" * 64, (new,)), (change,),
                {"modified": 1, "kpi_changes": 3})


def test_html_groups_figures_by_what_they_are():
    html = RENDERERS["html"](_diff())
    section = html.split('<section id="kpis"')[1].split("</section>")[0]
    table, _, calendar = section.partition("日付・回次の変更")
    assert '<span class="new">75件超</span>' in table and "比較不可" in table and "1件" in table
    assert '<span class="new">第3次</span>' in calendar and '<span class="new">第3次</span>' not in table
    assert '<span class="new">第六条</span>' not in section


def test_csv_has_no_labels_and_json_has_them_all():
    csv = render_kpis_csv(_diff())
    doc = json.loads(RENDERERS["json"](_diff()))
    groups = [k["group"] for c in doc["changes"] for k in c["kpis"]]
    assert groups == ["calendar", "label", "quantity"]
    floor = doc["changes"][0]["kpis"][2]
    assert (floor["comparable"], floor["delta"], floor["percent_change"]) == (False, None, None)
    assert "第六条" not in csv
