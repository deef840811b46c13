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
# The team's copy of the contract, beside a development checkout; a user's clone has none.
SHARED_CONTRACT = ROOT.parent / "shared" / "contract"


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_packaged_schema_is_a_valid_schema_naming_itself(name: str) -> None:
    schema = load_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"ipdiff.{name}/v1"


def _compatible(baseline: object, packaged: object, path: str = "") -> list[str]:
    """Where the packaged schema breaks the baseline: a property, type or required name gone,
    an enum value dropped. New properties, change types and descriptions are welcome."""
    if isinstance(baseline, dict):
        if not isinstance(packaged, dict):
            return [path]
        out = []
        for key, value in baseline.items():
            if key == "description":
                continue
            if key not in packaged:
                out.append(f"{path}/{key}")
            elif key in ("enum", "required"):
                out += [f"{path}/{key}: {v}" for v in value if v not in packaged[key]]
            else:
                out += _compatible(value, packaged[key], f"{path}/{key}")
        return out
    return [] if baseline == packaged else [f"{path}: {baseline!r} → {packaged!r}"]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_packaged_schema_keeps_the_contract(name: str) -> None:
    contract = SHARED_CONTRACT / f"{name}.schema.json"
    if not contract.exists():
        pytest.skip("no ../shared/contract beside this checkout (a user's clone has none)")
    baseline = json.loads(contract.read_text(encoding="utf-8"))
    assert _compatible(baseline, load_schema(name)) == []


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


def test_compatibility_notices_what_a_baseline_loses() -> None:
    base = {"properties": {"type": {"enum": ["added", "removed"]}, "line": {"type": "integer"}}, "required": ["line"]}
    grown = {"properties": {"type": {"enum": ["added", "removed", "renumbered"]}, "line": {"type": "integer"},
                            "label": {"type": "string"}}, "required": ["line"]}
    assert _compatible(base, grown) == []
    assert _compatible(base, {"properties": {"type": {"enum": ["added"]}, "line": {"type": "string"}}}) == [
        "/properties/type/enum: removed", "/properties/line/type: 'integer' → 'string'", "/required",
    ]
