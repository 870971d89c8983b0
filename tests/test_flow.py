"""The Prefect flow end to end on the committed sample, against a Prefect test server."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest

from conftest import REPO
from newsquotes.flow import ARTIFACT_KEY, ingest_news, plan_task, process_batch_task
from newsquotes.pipeline import batch_names
from pipeline_helpers import read

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    return raw


def test_flow_writes_datasets_that_pandas_and_pyarrow_read(
    prefect_server, sample: Path, tmp_path: Path
) -> None:
    from prefect.artifacts import Artifact

    out = tmp_path / "out"
    result = ingest_news(raw_dir=str(sample), out_dir=str(out), workers=1, started_at=T0)
    assert result["files_processed"] == 3
    assert result["articles"] == 6
    assert result["rejects"] == 0
    articles = pd.read_parquet(out / "articles")
    assert len(articles) == 6
    assert articles["published_date"].min() == dt.date(2018, 1, 15)
    quotes = ds.dataset(out / "quotes", format="parquet", partitioning="hive").to_table()
    assert quotes.num_rows == result["quotes"] >= 10
    assert quotes.filter(ds.field("speaker") == "Sergey Lavrov").num_rows == 10
    speakers = pd.read_parquet(out / "speakers")
    assert "Sergey Lavrov" in set(speakers["name"])
    artifact = Artifact.get(ARTIFACT_KEY)
    assert artifact is not None and "Sergey Lavrov" in artifact.data
    assert "Rejects by reason" in artifact.data

    again = ingest_news(
        raw_dir=str(sample), out_dir=str(out), workers=1, started_at=T0 + dt.timedelta(days=1)
    )
    assert (again["files_processed"], again["files_unchanged"]) == (0, 3)
    pd.testing.assert_frame_equal(
        read(out, "articles"),
        articles.astype({"year": "int64", "month": "int64"})
        .sort_values("article_id")
        .reset_index(drop=True),
    )


def test_flow_on_local_processes_matches_a_single_process_run(
    prefect_server, sample: Path, tmp_path: Path
) -> None:
    for i in range(6):  # enough inputs for several batches
        shutil.copy(sample / "wire" / "sample-2024-12.txt", sample / f"copy-{i}.txt")
    one = ingest_news(raw_dir=str(sample), out_dir=str(tmp_path / "one"), workers=1, started_at=T0)
    two = ingest_news(
        raw_dir=str(sample),
        out_dir=str(tmp_path / "two"),
        workers=2,
        started_at=T0,
        min_batch_bytes=1,
    )
    assert one["duplicates"] == two["duplicates"] == 18
    for name in ("articles", "quotes", "speakers", "rejects"):
        pd.testing.assert_frame_equal(read(tmp_path / "one", name), read(tmp_path / "two", name))


def test_tasks_are_plain_functions_underneath(sample: Path, tmp_path: Path) -> None:
    from newsquotes.config import IngestConfig

    plan = plan_task.fn(str(sample), str(tmp_path / "out"), T0, IngestConfig(), None, False)
    assert [f.source_path for f in plan.todo] == [
        "tass-seed-985124.txt",
        "wire/sample-2024-12.txt",
        "wire/sample-2025-01.txt.gz",
    ]
    batches = plan.batches(1)
    summary = process_batch_task.fn(plan, batches[0], next(batch_names(batches)), IngestConfig())
    assert (summary.records, summary.articles, summary.rejects) == (6, 6, 0)
    assert summary.speakers["Sergey Lavrov"] == 10
