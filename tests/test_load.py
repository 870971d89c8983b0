"""One-line loaders: dtypes, filters, pushdown and canonical speakers on a hand-written root."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import newsquotes as nq
from newsquotes.errors import ConfigError, NewsquotesError
from newsquotes.schema import DATASETS
from sample_root import write_sample_root


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_root(tmp_path_factory.mktemp("out") / "processed")


def test_import_newsquotes_does_not_import_prefect_or_pandas() -> None:
    code = (
        "import sys, newsquotes; assert callable(newsquotes.load_quotes); "
        "print(sorted(m for m in ('prefect', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "dataset, loader",
    [
        ("articles", nq.load_articles),
        ("quotes", nq.load_quotes),
        ("speakers", nq.load_speakers),
    ],
)
def test_every_column_has_the_schema_arrow_dtype(root: Path, dataset: str, loader) -> None:
    frame = loader(root)
    schema = DATASETS[dataset].schema
    assert list(frame.columns) == schema.names
    for field in schema:
        assert frame[field.name].dtype == pd.ArrowDtype(field.type), field.name


def test_dates_are_dates_and_partitions_integers(root: Path) -> None:
    articles = nq.load_articles(root)
    assert articles["published_date"].dtype.pyarrow_dtype == pa.date32()
    assert articles["published_date"].iloc[0] == dt.date(2016, 10, 5)
    assert pa.types.is_integer(articles["year"].dtype.pyarrow_dtype)
    assert pa.types.is_integer(articles["month"].dtype.pyarrow_dtype)
    assert articles["title"].dtype.pyarrow_dtype == pa.string()
    # undated articles live in year=0/month=0 and come last
    assert articles[["year", "month"]].iloc[-1].tolist() == [0, 0]
    assert pd.isna(articles["published_date"].iloc[-1])


def test_rows_come_in_a_stable_order(root: Path) -> None:
    quotes = nq.load_quotes(root)
    assert quotes["published_date"].dropna().is_monotonic_increasing
    pd.testing.assert_frame_equal(quotes, nq.load_quotes(root))


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ("2016-11-01", "2016-11-30", ["2016-11-08", "2016-11-30"]),
        (dt.date(2016, 11, 9), None, ["2016-11-30", "2017-01-02"]),
        (None, "2016-10-05", ["2016-10-05"]),
        ("2016-10-06", "2016-11-07", []),
    ],
    ids=["one-month-both-ends-included", "open-end", "open-start", "nothing-in-range"],
)
def test_date_range(root: Path, start, end, expected: list[str]) -> None:
    articles = nq.load_articles(root, start=start, end=end)
    assert [str(d) for d in articles["published_date"]] == expected


def test_date_range_prunes_partitions_before_reading(root: Path, tmp_path: Path) -> None:
    # Corrupt every file outside 2016-11: a load that opened them would fail.
    broken = tmp_path / "broken"
    shutil.copytree(root, broken, symlinks=True)
    for dataset in ("articles", "quotes"):
        for path in (broken / dataset).rglob("*.parquet"):
            if "year=2016/month=11" not in path.as_posix():
                path.unlink()  # a hard link into the original: replace, never write through
                path.write_bytes(b"not parquet")
    with pytest.raises(pa.ArrowInvalid):
        nq.load_articles(broken)
    quotes = nq.load_quotes(broken, start="2016-11-01", end="2016-11-30")
    assert len(quotes) == 4
    assert len(nq.load_articles(broken, start="2016-11-01", end="2016-11-30")) == 2


def test_agency_filter_takes_one_or_several(root: Path) -> None:
    assert len(nq.load_articles(root, agency="AP")) == 2
    assert sorted(nq.load_articles(root, agency=["TASS", "Reuters"])["agency"]) == [
        "Reuters",
        "TASS",
    ]
    assert nq.load_articles(root, agency="UPI").empty


def test_columns_selects_and_keeps_the_order(root: Path) -> None:
    articles = nq.load_articles(root, columns=["title", "article_id"])
    assert list(articles.columns) == ["title", "article_id"]
    assert articles["title"].iloc[0] == "Debate night"


def test_unknown_column_says_which_exist(root: Path) -> None:
    with pytest.raises(ConfigError, match=r"no column.*'speaker_name'.*quote_id"):
        nq.load_quotes(root, columns=["speaker_name"])


def test_speaker_filter_includes_aliases_of_a_canonical_name(root: Path) -> None:
    trump = nq.load_quotes(root, speaker="Donald Trump")
    assert sorted(trump["speaker"].unique()) == ["Donald Trump", "Trump"]
    assert len(trump) == 4
    assert len(nq.load_quotes(root, speaker="Trump")) == 1  # an alias alone matches itself
    both = nq.load_quotes(root, speaker=["Hillary Clinton", "Sergey Lavrov"])
    assert len(both) == 3


def test_types_and_combined_filters(root: Path) -> None:
    assert nq.load_quotes(root, types="mixed")["text"].tolist() == ["we must accept this result"]
    direct_ap = nq.load_quotes(root, types=["direct"], agency="AP", start="2016-01-01")
    assert direct_ap["text"].tolist() == ["We will win.", "Believe me."]


def test_unknown_quote_type_is_refused(root: Path) -> None:
    with pytest.raises(ConfigError, match=r"unknown quote type.*'quoted'"):
        nq.load_quotes(root, types=["quoted"])


@pytest.mark.parametrize(
    "start, end, message",
    [
        ("2016-13-01", None, "start='2016-13-01' is not a date"),
        ("2016-12-01", "2016-11-01", "before start"),
    ],
    ids=["bad-date", "reversed-range"],
)
def test_bad_date_ranges_are_refused(root: Path, start, end, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        nq.load_articles(root, start=start, end=end)


def test_canonical_speakers_maps_aliases_to_the_speakers_name(root: Path) -> None:
    quotes = nq.load_quotes(root, canonical_speakers=True)
    assert quotes["canonical_speaker"].dtype == pd.ArrowDtype(pa.string())
    pairs = set(
        zip(quotes["speaker"].fillna("-"), quotes["canonical_speaker"].fillna("-"), strict=True)
    )
    assert ("Trump", "Donald Trump") in pairs
    assert ("Donald Trump", "Donald Trump") in pairs
    assert ("-", "-") in pairs  # anonymous source: no canonical speaker
    counts = quotes["canonical_speaker"].value_counts()
    assert counts["Donald Trump"] == 4


def test_canonical_speakers_with_columns_adds_only_the_new_column(root: Path) -> None:
    quotes = nq.load_quotes(root, columns=["text"], canonical_speakers=True)
    assert list(quotes.columns) == ["text", "canonical_speaker"]


def test_load_speakers_searches_names_and_aliases_ignoring_case(root: Path) -> None:
    speakers = nq.load_speakers(root)
    assert speakers["name"].tolist()[0] == "Donald Trump"  # most quoted first
    assert speakers["aliases"].iloc[0] == ["Trump"]
    assert nq.load_speakers(root, name="LAVROV")["name"].tolist() == ["Sergey Lavrov"]
    assert nq.load_speakers(root, name="commission")["kind"].tolist() == ["organization"]
    assert nq.load_speakers(root, name="nobody").empty


def test_load_speakers_finds_a_speaker_by_an_alias_alone(monkeypatch) -> None:
    # the sample root's aliases all repeat part of their name; this one does not
    table = pa.table(
        {
            "name": ["Vladimir Putin", "Sergey Lavrov", "Dmitry Peskov"],
            "aliases": [["the Kremlin leader"], [], ["Kremlin spokesman"]],
            "n_quotes": [3, 5, 1],
        }
    )
    monkeypatch.setattr("newsquotes.load._scan", lambda *args: table)
    found = nq.load_speakers("unused", name="KREMLIN")
    assert found["name"].tolist() == ["Vladimir Putin", "Dmitry Peskov"]


def test_a_missing_root_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(NewsquotesError, match=r"does not exist.*newsquotes ingest"):
        nq.load_quotes(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(NewsquotesError, match="not a newsquotes output root yet"):
        nq.load_articles(tmp_path / "empty")
