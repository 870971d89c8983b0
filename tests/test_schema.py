"""The data contract: schemas are complete, validation bites, docs/DATA.md is generated."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import REPO
from newsquotes.datadoc import render_data_doc
from newsquotes.errors import SchemaError
from newsquotes.schema import DATASETS, description, empty_frame, frame_from_records, validate


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_field_has_a_description(name: str) -> None:
    missing = [f.name for f in DATASETS[name].schema if not description(f)]
    assert missing == []


@pytest.mark.parametrize("name", list(DATASETS))
def test_empty_frames_use_arrow_dtypes_and_validate(name: str) -> None:
    frame = empty_frame(name)
    assert all(isinstance(t, pd.ArrowDtype) for t in frame.dtypes)
    assert validate(name, frame).schema.equals(DATASETS[name].schema)


def _reject_row(**overrides: object) -> dict:
    row = {
        "reject_id": "r1",
        "source_path": "a.txt",
        "source_member": None,
        "source_record": 0,
        "source_sha256": None,
        "stage": "parse",
        "reason": "no_body",
        "message": "empty",
        "excerpt": "",
        "run_id": "run",
    }
    return {**row, **overrides}


def test_validate_accepts_a_correct_frame() -> None:
    frame = frame_from_records("rejects", [_reject_row()])
    assert validate("rejects", frame).num_rows == 1


def test_validate_rejects_missing_columns() -> None:
    frame = frame_from_records("rejects", [_reject_row()]).drop(columns=["reason"])
    with pytest.raises(SchemaError, match=r"missing \['reason'\]"):
        validate("rejects", frame)


def test_validate_rejects_nulls_in_required_columns() -> None:
    frame = frame_from_records("rejects", [_reject_row()])
    frame["reason"] = pd.Series([None], dtype=frame["reason"].dtype)
    with pytest.raises(SchemaError, match="'reason' has 1 nulls"):
        validate("rejects", frame)


def test_validate_rejects_wrong_types() -> None:
    frame = frame_from_records("rejects", [_reject_row()])
    frame["source_record"] = ["not a number"]
    with pytest.raises(SchemaError, match="cannot cast"):
        validate("rejects", frame)


def test_frame_from_records_refuses_bad_values() -> None:
    with pytest.raises(SchemaError):
        frame_from_records("articles", [{"article_id": "x", "published_date": "yesterday"}])


def test_dates_stay_dates() -> None:
    frame = frame_from_records(
        "speakers",
        [
            {
                "speaker_id": "s",
                "name": "A B",
                "kind": "person",
                "aliases": [],
                "titles": [],
                "mentions": [],
                "n_quotes": 1,
                "n_articles": 1,
                "first_date": dt.date(2020, 1, 2),
                "last_date": dt.date(2020, 1, 3),
            }
        ],
    )
    assert frame["first_date"].iloc[0] == dt.date(2020, 1, 2)


def test_data_doc_is_generated_from_the_schemas() -> None:
    committed = (REPO / "docs" / "DATA.md").read_text(encoding="utf-8")
    assert committed == render_data_doc(), "docs/DATA.md is stale: python -m newsquotes.datadoc"
    for ds in DATASETS.values():
        for field in ds.schema:
            assert f"| `{field.name}` |" in committed
