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


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_packaged_schema_equals_the_contract(name: str) -> None:
    contract = SHARED_CONTRACT / f"{name}.schema.json"
    if not contract.exists():
        pytest.skip("no ../shared/contract beside this checkout (a user's clone has none)")
    assert schema_text(name) == contract.read_text(encoding="utf-8")


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
