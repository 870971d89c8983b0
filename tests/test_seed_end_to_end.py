"""The seed article, and every TASS article we were given, through the whole pipeline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import DATA, REPO
from pipeline_helpers import read, run

EXPECTED = json.loads((DATA / "seed_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(REPO / EXPECTED["source"], raw)
    out = tmp_path_factory.mktemp("out")
    run(raw, out)
    return out


def test_seed_is_committed_exactly_as_given() -> None:
    data = (REPO / EXPECTED["source"]).read_bytes()
    assert data.startswith(b" date 2018-01-15 MOSCOW, January 15./TASS/. Russia may introduce")
    assert not data.endswith(b"\n")


def test_seed_article_metadata(seed_out: Path) -> None:
    articles = read(seed_out, "articles")
    assert len(articles) == 1
    row = articles.iloc[0]
    want = EXPECTED["article"]
    assert str(row["published_date"]) == want["published_date"]
    for column in ("date_source", "dateline", "location", "place", "agency", "n_paragraphs"):
        assert row[column] == want[column], column
    for column in ("title", "region"):
        assert pd.isna(row[column]), column
    assert row["body"].startswith(want["body_starts"])
    assert row["body"].endswith(want["body_ends"])
    assert "\n\n" in row["body"] and "\n\n\n" not in row["body"]
    assert row["source_path"] == "tass-seed-985124.txt" and row["source_record"] == 0
    assert (row["year"], row["month"]) == (2018, 1)


def test_seed_quotes_are_exactly_the_ten_attributions(seed_out: Path) -> None:
    body = read(seed_out, "articles").iloc[0]["body"]
    quotes = read(seed_out, "quotes").sort_values("quote_index").reset_index(drop=True)
    assert len(quotes) == 10
    assert quotes["type"].value_counts().to_dict() == {"direct": 9, "indirect": 1}
    for got, want in zip(quotes.itertuples(), EXPECTED["quotes"], strict=True):
        pieces = [body[p["start"] : p["end"]] for p in got.pieces]
        assert pieces == want["pieces"]
        assert got.text == " ".join(want["pieces"])
        assert (got.speaker, got.speaker_title) == (want["speaker"], want["speaker_title"])
        assert got.speaker_mention == want["speaker_mention"]
        assert body[got.speaker_start : got.speaker_end] == got.speaker_mention
        assert got.cue == want["cue"] and body[got.cue_start : got.cue_end] == got.cue
        assert got.speaker_kind == "person"
    speakers = read(seed_out, "speakers")
    assert speakers["name"].tolist() == ["Sergey Lavrov"]
    lavrov = speakers.iloc[0]
    assert (lavrov["n_quotes"], lavrov["n_articles"]) == (10, 1)
    assert list(lavrov["titles"]) == ["Foreign Minister"]
    assert set(lavrov["mentions"]) == {
        "he",
        "Lavrov",
        "the senior diplomat",
        "Foreign Minister Sergey Lavrov",
    }


def test_every_tass_article_parses_with_agency_place_and_date(shared: Path, tmp_path: Path) -> None:
    gold = {
        json.loads(line)["path"]: json.loads(line)
        for line in (shared / "gold" / "metadata-tass.jsonl").read_text().splitlines()
    }
    summary = run(shared / "corpora" / "tass", tmp_path / "out")
    assert (summary.files_processed, summary.articles, summary.rejects) == (11, 11, 0)
    articles = read(tmp_path / "out", "articles")
    for row in articles.itertuples():
        want = gold[f"tass/{row.source_path}"]
        assert row.agency == "TASS"
        assert str(row.published_date) == want["date"]
        assert row.location == want["location"]
    assert set(articles["place"]) == {w["location"].title() for w in gold.values()}
    igora = articles[articles["location"] == "IGORA"]
    assert len(igora) > 0
    assert {r.casefold() for r in igora["region"]} == {"leningrad region"}
