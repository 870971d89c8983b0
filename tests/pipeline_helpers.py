"""Run the pipeline steps without Prefect, exactly as the flow wires them (for fast tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from newsquotes.pipeline import RunSummary, batch_names, commit_run, plan_run, process_batch
from newsquotes.store import Store

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def run(
    raw: Path,
    out: Path,
    *,
    started_at: dt.datetime = T0,
    workers: int = 1,
    min_bytes: int | None = None,
    commit_processes: int = 1,
) -> RunSummary:
    store = Store(out)
    with store.lock():
        plan = plan_run(raw, out, started_at=started_at)
        batches = plan.batches(workers, **({"min_bytes": min_bytes} if min_bytes else {}))
        summaries = [
            process_batch(plan, batch, name)
            for batch, name in zip(batches, batch_names(batches), strict=True)
        ]
        return commit_run(plan, summaries, processes=commit_processes)


def read(out: Path, dataset: str) -> pd.DataFrame:
    """A dataset as a frame in a canonical row order, for equality checks."""
    frame = pd.read_parquet(out / dataset)
    key = {
        "articles": "article_id",
        "quotes": "quote_id",
        "speakers": "speaker_id",
        "rejects": "reject_id",
    }[dataset]
    if dataset != "speakers" and "year" in frame:
        frame = frame.astype({"year": "int64", "month": "int64"})
    return frame.sort_values(key).reset_index(drop=True)
