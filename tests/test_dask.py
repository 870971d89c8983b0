"""The flow on a real Dask cluster (two worker processes) writes exactly what a local run writes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO
from newsquotes.flow import ingest_news
from pipeline_helpers import read

distributed = pytest.importorskip("distributed", reason="the 'dask' extra is not installed")
pytest.importorskip("prefect_dask", reason="the 'dask' extra is not installed")

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", raw)
    for i in range(3):  # more inputs, so that there are several batches (and duplicates)
        shutil.copy(raw / "wire" / "sample-2024-12.txt", raw / f"copy-{i}.txt")
    return raw


def test_flow_on_a_dask_cluster_matches_a_local_run(
    prefect_server, raw: Path, tmp_path: Path
) -> None:
    local = ingest_news(raw_dir=str(raw), out_dir=str(tmp_path / "local"), workers=1, started_at=T0)
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        on_dask = ingest_news(
            raw_dir=str(raw),
            out_dir=str(tmp_path / "dask"),
            dask_address=cluster.scheduler_address,
            started_at=T0,
            min_batch_bytes=1,  # one batch per file: several tasks on both workers
        )
        with distributed.Client(cluster) as client:
            ran_on = client.run(lambda: True)
    assert len(ran_on) == 2
    assert on_dask["files_processed"] == local["files_processed"] == 6
    assert (on_dask["articles"], on_dask["quotes"], on_dask["duplicates"]) == (
        local["articles"],
        local["quotes"],
        local["duplicates"],
    )
    for name in ("articles", "quotes", "speakers", "rejects"):
        pd.testing.assert_frame_equal(read(tmp_path / "dask", name), read(tmp_path / "local", name))
