"""render/json.py: the ipdiff.diff/v1 contract, byte-stable."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from ipdiff.model import Change, Diff, Record
from ipdiff.render import RENDERERS, render_json, summarize
from ipdiff.render.numbers import json_number
from tests.render_fixtures import CHANGES, NEW, OLD, check_golden, make_diff


@pytest.fixture(scope="module")
def schema(diff_schema: dict) -> dict:
    return diff_schema


def test_render_json_matches_schema(schema: dict) -> None:
    doc = json.loads(render_json(make_diff()))
    jsonschema.Draft202012Validator(schema).validate(doc)


def test_render_json_golden() -> None:
    check_golden("diff.json", render_json(make_diff()))


def test_render_json_is_deterministic_and_formatted() -> None:
    a, b = render_json(make_diff()), render_json(make_diff())
    assert a == b
    assert a.endswith("}\n") and not a.endswith("\n\n")
    # ensure_ascii=False: Japanese stays readable.
    assert "海外市場規模" in a
    assert a == json.dumps(json.loads(a), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert RENDERERS["json"] is render_json


def test_render_json_numbers() -> None:
    text = render_json(make_diff())
    doc = json.loads(text)
    kpi = doc["changes"][1]["kpis"][0]
    # Integral values as ints, never 5.8e12; the delta is exact (no float noise).
    assert kpi["old"]["value"] == 5800000000000 and isinstance(kpi["old"]["value"], int)
    assert '"value": 5800000000000,' in text
    assert kpi["delta"] == 300000000000
    assert kpi["percent_change"] == 5.17
    assert doc["changes"][1]["similarity"] == 0.9123
    assert "e+" not in text and "e1" not in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2.71e13, 27100000000000), (80.0, 80), (0.5, 0.5), (1 / 3, 0.333333), (-7.0, -7)],
)
def test_render_json_number_format(value: float, expected: float) -> None:
    got = json_number(value)
    assert got == expected and type(got) is type(expected)


def test_render_json_covers_every_record_once() -> None:
    doc = json.loads(render_json(make_diff()))
    old_ids = [r["id"] for c in doc["changes"] for r in c["old"]]
    new_ids = [r["id"] for c in doc["changes"] for r in c["new"]]
    assert sorted(old_ids) == sorted(m.id for m in OLD.records)
    assert sorted(new_ids) == sorted(m.id for m in NEW.records)
    assert doc["old"]["records"] == len(OLD.records)


def test_render_json_summary_computed_when_missing() -> None:
    doc = json.loads(render_json(make_diff()))
    assert doc["summary"] == {
        "added": 1,
        "removed": 1,
        "modified": 5,
        "unchanged": 3,
        "split": 1,
        "merged": 1,
        "moved": 1,
        "kpi_changes": 5,
        "strength_changes": 2,
    }
    assert doc["summary"] == summarize(CHANGES)


def test_render_json_uses_classify_summary() -> None:
    given = summarize(CHANGES) | {"modified": 99}
    doc = json.loads(render_json(dataclasses.replace(make_diff(), summary=given)))
    assert doc["summary"]["modified"] == 99


def test_render_json_has_no_origin_path() -> None:
    # Where the editions were read from must not change the report bytes.
    text = render_json(make_diff())
    assert "editions/2025.txt" not in text and '"origin"' not in text


def test_render_json_anchors_unique_when_ids_collide() -> None:
    # change.anchor comes from record ids only, so two groups of the same ids share it;
    # the JSON must still give each change its own anchor, the first one unchanged.
    def m(i: str) -> Record:
        return Record(id=i, section=("x",), kind="bullet", text=i, line=1, end_line=1)

    diff = Diff(
        old=OLD,
        new=NEW,
        changes=(
            Change(type="added", old=(), new=(m("dup"),)),
            Change(type="removed", old=(m("dup"),), new=()),
            Change(type="added", old=(), new=(m("dup"),)),
        ),
    )
    assert {c.anchor for c in diff.changes} == {"c-dup"}, "fixture must collide"
    anchors = [c["anchor"] for c in json.loads(render_json(diff))["changes"]]
    assert anchors == ["c-dup", "c-dup-2", "c-dup-3"]
