"""The speakers table built file by file equals the one built from all quotes at once."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from newsquotes import speakers
from newsquotes.speakers import _COLUMNS, build_speakers_arrow, build_speakers_from_dataset

NAMES = ["Sergey Lavrov", "Lavrov", "sergey lavrov", "Hillary Clinton", "Clinton", "Bill Clinton"]
NAMES += ["Tony Blair", "Tony Blaire", "Reuters", "Li", None]
KINDS = ["person", "person", "organization", "pronoun", "anonymous"]
TITLES = ["Foreign Minister", "", None, "spokesman", "President"]
MENTIONS = ["he", "Lavrov", None, "", "the minister"]


def _rows(rng: random.Random, n: int) -> dict[str, list]:
    rows: dict[str, list] = {c: [] for c in _COLUMNS}
    for _ in range(n):
        rows["speaker"].append(rng.choice(NAMES))
        rows["speaker_kind"].append(rng.choice(KINDS))
        rows["speaker_title"].append(rng.choice(TITLES))
        rows["speaker_mention"].append(rng.choice(MENTIONS))
        # few article ids, so the same article shows up in several files
        rows["article_id"].append(f"a{rng.randrange(12)}")
        day = rng.randrange(-1, 40)
        rows["published_date"].append(None if day < 0 else dt.date(2016, 1, 1) + dt.timedelta(day))
    return rows


def _write(root: Path, seed: int) -> pa.Table:
    rng = random.Random(seed)
    schema = pa.schema(
        [(c, pa.string()) for c in _COLUMNS[:-1]] + [("published_date", pa.date32())]
    )
    tables = []
    for i in range(rng.randrange(1, 6)):
        table = pa.Table.from_pydict(_rows(rng, rng.randrange(0, 40)), schema=schema)
        folder = root / "year=2016" / f"month={i % 2 + 1}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, folder / f"part-{i}.parquet")
    for fragment in ds.dataset(root, format="parquet", partitioning="hive").get_fragments():
        tables.append(fragment.to_table(columns=_COLUMNS))
    return pa.concat_tables(tables)


@pytest.mark.parametrize("seed", range(12), ids=lambda s: f"seed{s}")
def test_file_by_file_equals_all_at_once(tmp_path: Path, seed: int) -> None:
    quotes = _write(tmp_path, seed)
    assert build_speakers_from_dataset(tmp_path).equals(build_speakers_arrow(quotes))


@pytest.mark.parametrize("every", [1, 2, 3])
@pytest.mark.parametrize("seed", range(12), ids=lambda s: f"seed{s}")
def test_folding_the_per_file_aggregates_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, every: int
) -> None:
    # the aggregates are folded every `every` files (16 in real runs): same table as all at once
    quotes = _write(tmp_path, seed)
    monkeypatch.setattr(speakers, "COMPACT_EVERY", every)
    assert build_speakers_from_dataset(tmp_path).equals(build_speakers_arrow(quotes))


def test_article_in_two_files_is_counted_once(tmp_path: Path) -> None:
    schema = pa.schema(
        [(c, pa.string()) for c in _COLUMNS[:-1]] + [("published_date", pa.date32())]
    )
    for i, speaker in enumerate(["Sergey Lavrov", "Lavrov"]):
        row = {c: [None] for c in _COLUMNS} | {
            "speaker": [speaker],
            "speaker_kind": ["person"],
            "article_id": ["a1"],
        }
        (tmp_path / f"month={i + 1}").mkdir()
        pq.write_table(
            pa.Table.from_pydict(row, schema=schema), tmp_path / f"month={i + 1}" / "p.parquet"
        )
    table = build_speakers_from_dataset(tmp_path).to_pylist()
    assert [(r["name"], r["n_quotes"], r["n_articles"]) for r in table] == [("Sergey Lavrov", 2, 1)]
