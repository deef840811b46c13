"""render/views.py: the view model every renderer and template consumes."""

from __future__ import annotations

import dataclasses

import pytest

from ipdiff.render import views

VIEW_MODELS = [
    obj
    for obj in vars(views).values()
    if isinstance(obj, type)
    and dataclasses.is_dataclass(obj)
    and obj.__module__ == views.__name__
]


def test_render_views_found_every_view_model() -> None:
    # Guards the scan below: a module rename must not leave it checking nothing.
    names = {cls.__name__ for cls in VIEW_MODELS}
    assert {"DiffView", "ChangeView", "ReportContext", "KpiRow", "IndexEntry"} <= names


@pytest.mark.parametrize("cls", VIEW_MODELS, ids=lambda c: c.__name__)
def test_render_views_fields_documented(cls: type) -> None:
    assert cls.__doc__
    for f in dataclasses.fields(cls):
        assert f.metadata.get("help"), f"{cls.__name__}.{f.name} has no help"


@pytest.mark.parametrize("cls", VIEW_MODELS, ids=lambda c: c.__name__)
def test_render_views_frozen(cls: type) -> None:
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
