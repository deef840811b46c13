"""The JSON schemas ship inside ipdiff, compatible with the public contract, and `ipdiff schema` prints them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ipdiff.cli import main
from ipdiff.io.contract import SCHEMA_NAMES, load_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
# The team's copy of the contract, beside a development checkout; a user's clone has none.
SHARED_CONTRACT = ROOT.parent / "shared" / "contract"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_packaged_schema_is_a_valid_schema_naming_itself(name: str) -> None:
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"ipdiff.{name}/v1"


def _incompatible(baseline: object, ours: object, where: str = "") -> list[str]:
    """Where our schema breaks the baseline: a property gone or of another type, the
    required fields changed, a constant changed. New properties are welcome."""
    if not isinstance(baseline, dict):
        return [] if baseline == ours else [f"{where}: {baseline!r} became {ours!r}"]
    if not isinstance(ours, dict):
        return [f"{where}: no longer an object"]
    problems = []
    for key in ("type", "const", "$ref", "required"):
        if key in baseline and (baseline[key] != ours.get(key) if key != "required" else set(baseline[key]) != set(ours.get(key, ()))):
            problems.append(f"{where}/{key}: {baseline[key]!r} became {ours.get(key)!r}")
    for key in ("properties", "$defs"):
        for name, sub in baseline.get(key, {}).items():
            if name not in ours.get(key, {}):
                problems.append(f"{where}/{key}/{name}: missing")
            else:
                problems += _incompatible(sub, ours[key][name], f"{where}/{key}/{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(baseline.get(key), dict):
            problems += _incompatible(baseline[key], ours.get(key), f"{where}/{key}")
    return problems


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_packaged_schema_is_compatible_with_the_contract(name: str) -> None:
    # The baseline may grow (new fields, kinds, types); every baseline property keeps its
    # name, type and required fields, or the schema's $id moves to /v2.
    contract = SHARED_CONTRACT / f"{name}.schema.json"
    if not contract.exists():
        pytest.skip("no ../shared/contract beside this checkout (a user's clone has none)")
    baseline = json.loads(contract.read_text(encoding="utf-8"))
    assert _incompatible(baseline, load_schema(name)) == []


def test_the_compatibility_check_catches_a_renamed_or_retyped_property() -> None:
    baseline = {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}
    grown = {**baseline, "properties": {**baseline["properties"], "c": {"type": "string"}}}
    assert _incompatible(baseline, grown) == []
    renamed = {**baseline, "properties": {"a": {"type": "string"}, "b2": {"type": "integer"}}}
    retyped = {**baseline, "properties": {"a": {"type": "number"}, "b": {"type": "integer"}}}
    assert _incompatible(baseline, renamed) == ["/properties/b: missing"]
    assert _incompatible(baseline, retyped) == ["/properties/a/type: 'string' became 'number'"]


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
