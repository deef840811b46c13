"""The public JSON contract: the schemas ipdiff's outputs follow, shipped inside the package.

A user validates ipdiff's JSON with any JSON Schema tool (`ipdiff schema diff > diff.schema.json`);
the tests validate every JSON output against these same files.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any, Literal

SchemaName = Literal["diff", "edition", "timeline"]
SCHEMA_NAMES: tuple[SchemaName, ...] = ("diff", "edition", "timeline")


def schema_text(name: SchemaName) -> str:
    """The schema as shipped, byte for byte (`ipdiff.<name>/v1`)."""
    if name not in SCHEMA_NAMES:
        raise ValueError(f"unknown schema {name!r}: one of {', '.join(SCHEMA_NAMES)}")
    return (files("ipdiff") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")


def load_schema(name: SchemaName) -> dict[str, Any]:
    return json.loads(schema_text(name))
