"""Staging fragments (one file per partition a flush touches) and how inputs are batched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsquotes.plan import COMPRESSED_TEXT_RATIO, InputFile, RunPlan
from newsquotes.schema import DATASETS
from newsquotes.sources import SourceFile
from newsquotes.store import STAGING_OPTIONS, partition_dir, write_fragment


def _quotes(months: list[tuple[int, int]]) -> pa.Table:
    rows = []
    for i, (year, month) in enumerate(months):
        rows.append(
            {
                "quote_id": f"q{i}",
                "article_id": f"a{i}",
                "quote_index": 0,
                "source_path": "wire/x.txt",
                "published_date": dt.date(year, month, 1) if year else None,
                "text": f"quote {i}",
                "type": "direct",
                "pieces": [{"start": i, "end": i + 1}],
                "speaker_kind": "person",
                "year": year,
                "month": month,
            }
        )
    return pa.Table.from_pylist(rows, schema=DATASETS["quotes"].schema)


def test_a_flush_writes_each_partition_once_with_its_rows_in_order(tmp_path: Path) -> None:
    months = [(2020, 3), (2019, 12), (2020, 3), (0, 0), (2019, 12), (2020, 3), (2020, 10)]
    assert write_fragment(tmp_path, "quotes", _quotes(months), "b-0000") == 4
    for year, month in set(months):
        path = tmp_path / "quotes" / partition_dir(year, month) / "b-0000.parquet"
        ids = pq.read_table(path)["quote_id"].to_pylist()
        assert ids == [f"q{i}" for i, m in enumerate(months) if m == (year, month)]
        meta = pq.ParquetFile(path).metadata
        assert meta.row_group(0).column(0).compression == STAGING_OPTIONS["compression"].upper()
        assert "year" not in pq.read_schema(path).names  # the path carries the partition


def _input(tmp_path: Path, name: str, size: int) -> InputFile:
    return InputFile(SourceFile(name, tmp_path / name, size), 0, "0" * 64)


def test_batches_weigh_compressed_inputs_by_the_text_they_hold(tmp_path: Path) -> None:
    plain = _input(tmp_path, "a.txt", 1000)
    packed = _input(tmp_path, "b.txt.gz", 1000)
    assert (plain.weight, packed.weight) == (1000, 1000 * COMPRESSED_TEXT_RATIO)
    todo = (plain, packed, _input(tmp_path, "c.txt", 1000), _input(tmp_path, "d.txt", 1000))
    plan = RunPlan("r", "raw", "out", "t", None, todo, 0, frozenset(), 0)
    # at least 3,000 weighed bytes a batch: the .gz file closes the first (by bytes on disk it
    # would have taken c.txt too)
    batches = plan.batches(1, min_bytes=3000)
    assert [[f.source_path for f in b] for b in batches] == [
        ["a.txt", "b.txt.gz"],
        ["c.txt", "d.txt"],
    ]
