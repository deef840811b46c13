"""The JSON schemas ship inside ipdiff, equal to the public contract, and `ipdiff schema` prints them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from ipdiff.io.contract import SCHEMA_NAMES, load_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
# The v1 baseline of the public contract, as published: the packaged schemas may grow.
BASELINE = ROOT / "tests" / "golden" / "contract_v1"
# `pct_change` → `percent_change` moved the diff schema to /v2; the others are still v1.
VERSIONS = {"diff": "v2", "edition": "v1", "timeline": "v1"}


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_packaged_schema_is_a_valid_schema_naming_itself(name: str) -> None:
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"ipdiff.{name}/{VERSIONS[name]}"


def _baseline_paths(node: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    """Every (path, type or required list) the baseline schema states."""
    out: list[tuple[tuple[str, ...], object]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("type", "required", "enum") and not isinstance(value, dict):
                out.append(((*path, key), value))
            elif key not in ("$id", "const", "title", "description", "$schema"):
                out += _baseline_paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _baseline_paths(value, (*path, str(i)))
    return out


def _at(node: object, path: tuple[str, ...]) -> object:
    for key in path:
        node = node[int(key)] if isinstance(node, list) else node[key]  # type: ignore[index]
    return node


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_packaged_schema_keeps_every_baseline_property(name: str) -> None:
    """Each v1 property keeps its name and type, each required list stays; enums may grow."""
    baseline = json.loads((BASELINE / f"{name}.schema.json").read_text(encoding="utf-8"))
    packaged = load_schema(name)
    checked = 0
    for path, want in _baseline_paths(baseline):
        got = _at(packaged, path)
        if path[-1] == "enum":
            assert set(map(str, want)) <= set(map(str, got)), path  # type: ignore[arg-type]
        else:
            assert got == want, path
        checked += 1
    assert checked > 10
    if name == "diff":
        assert baseline["$id"] == "ipdiff.diff/v1" and packaged["$id"] == "ipdiff.diff/v2"
        kpi = packaged["$defs"]["change"]["properties"]["kpis"]["items"]["properties"]
        assert "percent_change" in kpi and "pct_change" not in kpi


def test_unknown_schema_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown schema"):
        schema_text("nonsense")  # type: ignore[arg-type]
    result = CliRunner().invoke(main, ["schema", "nonsense"])
    assert result.exit_code == 2


def test_schema_command_validates_the_shipped_diff(tmp_path: Path, monkeypatch, nlp) -> None:
    """What a user does: print the schema, diff the shipped editions, validate one with the other."""
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    printed = runner.invoke(main, ["schema", "diff"])
    assert printed.exit_code == 0, printed.output
    schema = json.loads(printed.output)
    out = tmp_path / "d.json"
    result = runner.invoke(
        main, ["diff", "2025", "2026", "--format", "json", "-o", str(out), "--cache-dir", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == schema["$id"]
    jsonschema.Draft202012Validator(schema).validate(doc)
    # The schema is strict enough to notice a broken document.
    doc["changes"][0]["type"] = "rearranged"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(doc)


def test_edition_json_names_its_schema(edition_2026) -> None:
    from ipdiff.render.edition import edition_json

    doc = json.loads(edition_json(edition_2026))
    assert doc["schema"] == load_schema("edition")["$id"]
