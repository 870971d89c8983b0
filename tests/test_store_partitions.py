"""The commit merges one partition at a time: what it holds is bounded by the largest partition,
not by the run or the corpus, and duplicates across partitions are still stored once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from newsquotes.pipeline import batch_names, plan_run, process_batch
from newsquotes.speakers import build_speakers_from_dataset
from newsquotes.store import INPUTS_SCHEMA, CommitResult, Store
from pipeline_helpers import read, run

ARTICLE = """date {date} MOSCOW, {day}./TASS/. {lead}

"{quote}," the minister said.
"""


def article(date: str, n: int) -> str:
    day = dt.date.fromisoformat(date).strftime("%B %-d")
    return ARTICLE.format(
        date=date,
        day=day,
        lead=f"Item number {n} about grain exports was filed today.",
        quote=f"We expect result {n} soon",
    )


@pytest.fixture
def spread_raw(tmp_path: Path) -> Path:
    """24 months with 3 articles each, in one dump per month."""
    raw = tmp_path / "raw"
    raw.mkdir()
    n = 0
    for year in (2022, 2023):
        for month in range(1, 13):
            texts = []
            for day in (3, 4, 5):
                texts.append(article(f"{year}-{month:02d}-{day:02d}", n))
                n += 1
            (raw / f"{year}-{month:02d}.txt").write_text("\n".join(texts))
    return raw


def _commit(raw: Path, out: Path) -> CommitResult:
    """Plan, process and commit a first run; the store's own result (with its memory gauge)."""
    store = Store(out)
    with store.lock():
        plan = plan_run(raw, out, started_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        batches = plan.batches(1)
        summaries = [
            process_batch(plan, batch, name)
            for batch, name in zip(batches, batch_names(batches), strict=True)
        ]
        inputs = pa.Table.from_pylist(
            [r for s in summaries for r in s.inputs], schema=INPUTS_SCHEMA
        )
        return store.commit(
            run_id=plan.run_id,
            state=store.state(),
            replaced_paths=set(),
            inputs=inputs,
            speakers_builder=build_speakers_from_dataset,
            run_record={"run_id": plan.run_id},
        )


def test_commit_holds_the_ids_of_one_partition_at_a_time(spread_raw: Path, tmp_path: Path) -> None:
    result = _commit(spread_raw, tmp_path / "out")
    assert result.articles_added == 72
    # one partition holds 3 articles and their 3 quotes; the run holds 72 of each
    assert result.peak_partition_ids == 3
    assert result.files_written == 2 * 24 + 1  # articles and quotes per month, one rejects file


def test_the_same_body_under_two_dates_is_stored_once(spread_raw: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(spread_raw, out)
    # a later dump re-sends January 2022's articles dated a month later: other partitions
    text = (spread_raw / "2022-01.txt").read_text().replace("date 2022-01-", "date 2022-02-")
    (spread_raw / "zz-resent.txt").write_text(text)
    # and a new article that appears twice in the new dump, under two dates
    (spread_raw / "zz-twice.txt").write_text(
        article("2024-06-01", 999) + "\n" + article("2024-07-01", 999)
    )
    summary = run(spread_raw, out, started_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert summary.duplicates == 3 + 1
    articles = read(out, "articles")
    assert len(articles) == 73 and articles["article_id"].is_unique
    twice = articles[articles["body"].str.contains("number 999")]
    assert twice["published_date"].tolist() == [dt.date(2024, 6, 1)]  # the first partition wins
    quotes = read(out, "quotes")
    assert quotes["quote_id"].is_unique
    kept = dict(zip(articles["article_id"], articles["source_path"], strict=True))
    assert all(
        kept[a] == s for a, s in zip(quotes["article_id"], quotes["source_path"], strict=True)
    )


def test_worker_processes_merge_the_same_files(spread_raw: Path, tmp_path: Path) -> None:
    """Partitions merged side by side in worker processes, largest first, give the files of a
    merge in partition order: also with stored rows, a replaced input and bodies under two dates."""
    later = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    for out, processes in ((tmp_path / "one", 1), (tmp_path / "two", 2)):
        raw = tmp_path / f"raw-{out.name}"
        raw.mkdir()
        for path in spread_raw.iterdir():
            (raw / path.name).write_text(path.read_text())
        run(raw, out, commit_processes=processes)
        (raw / "zz-resent.txt").write_text(
            (raw / "2022-01.txt").read_text().replace("date 2022-01-", "date 2022-02-")
        )
        (raw / "2023-05.txt").write_text(article("2023-05-09", 500))  # replaces an input
        run(raw, out, started_at=later, commit_processes=processes)
    for name in ("articles", "quotes", "speakers", "rejects"):
        pd.testing.assert_frame_equal(read(tmp_path / "two", name), read(tmp_path / "one", name))
    files = [  # one file per partition and run in both (run ids differ: raw folders differ)
        sorted(p.parent.relative_to(out).as_posix() for p in (out / "quotes").rglob("*.parquet"))
        for out in (tmp_path / "one", tmp_path / "two")
    ]
    assert files[0] == files[1]
