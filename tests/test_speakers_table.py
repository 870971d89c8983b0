"""Merging resolved speakers across the corpus, and the speakers table built from quotes."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pandas as pd
import pytest

from conftest import DATA
from newsquotes.ids import speaker_id
from newsquotes.speakers import alias_map, build_speakers

CASES = json.loads((DATA / "speaker_merges.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_alias_map(case: dict) -> None:
    kinds = case.get("kinds") or dict.fromkeys(case["names"], "person")
    assert alias_map(Counter(case["names"]), kinds) == case["expect"]


def _quotes(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        rows,
        columns=[
            "speaker",
            "speaker_kind",
            "speaker_title",
            "speaker_mention",
            "article_id",
            "published_date",
        ],
    )


def test_build_speakers_aggregates_and_keeps_aliases() -> None:
    d1, d2 = dt.date(2024, 1, 2), dt.date(2024, 3, 4)
    table = (
        build_speakers(
            _quotes(
                [
                    ("Sergey Lavrov", "person", "Foreign Minister", "Sergey Lavrov", "a1", d1),
                    ("Sergey Lavrov", "person", "Foreign Minister", "he", "a1", d1),
                    ("Lavrov", "person", None, "Lavrov", "a2", d2),
                    ("Kremlin", "organization", None, "the Kremlin", "a2", d2),
                    (None, "anonymous", None, "a source", "a2", d2),
                ]
            )
        )
        .to_pandas()
        .set_index("name")
    )
    assert sorted(table.index) == ["Kremlin", "Sergey Lavrov"]
    lavrov = table.loc["Sergey Lavrov"]
    assert list(lavrov["aliases"]) == ["Lavrov"]
    assert (lavrov["n_quotes"], lavrov["n_articles"]) == (3, 2)
    assert (lavrov["first_date"], lavrov["last_date"]) == (d1, d2)
    assert list(lavrov["titles"]) == ["Foreign Minister"]
    assert list(lavrov["mentions"]) == ["Lavrov", "Sergey Lavrov", "he"]  # ties: alphabetical
    assert lavrov["speaker_id"] == speaker_id("Sergey Lavrov")
    assert table.loc["Kremlin", "kind"] == "organization"


def test_no_named_speakers_gives_an_empty_table_with_the_schema() -> None:
    table = build_speakers(_quotes([(None, "anonymous", None, "sources", "a", None)]))
    assert table.num_rows == 0 and "aliases" in table.column_names
