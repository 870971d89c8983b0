"""Every shared corpus in one run: no crash, and every record accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsquotes.store import Store
from pipeline_helpers import read, run

EXPECTED_RECORDS = {
    "afp-xinhua": 2452,
    "ag-news": 7600,
    "bbc-2004": 2225,
    "polnear-2016": 924,
    "reuters-1987": 19043,
    "tass": 11,
    "tass-export": 10,
}


@pytest.mark.slow
def test_every_shared_corpus_in_one_run(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run(shared / "corpora", out, workers=2)
    inputs = Store(out).state().inputs_by_path()
    per_corpus: dict[str, int] = {}
    for path, row in inputs.items():
        corpus = path.split("/")[0]
        per_corpus[corpus] = per_corpus.get(corpus, 0) + row["n_records"]
        # every record of every file is an article or a reject (or a stored-once duplicate)
        assert row["n_articles"] + row["n_rejects"] >= row["n_records"], path
    assert per_corpus == EXPECTED_RECORDS
    assert summary.records == sum(EXPECTED_RECORDS.values())
    assert summary.rejects_by_stage.get("read", 0) == 0
    assert "internal_error" not in summary.rejects_by_reason
    articles = read(out, "articles")
    assert len(articles) == summary.articles
    assert articles["article_id"].is_unique
    assert len(articles) + summary.duplicates + summary.rejects == summary.records
    quotes = read(out, "quotes")
    assert len(quotes) > 10_000 and quotes["quote_id"].is_unique
    assert set(quotes["article_id"]) <= set(articles["article_id"])
