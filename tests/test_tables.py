"""Rows of the articles, quotes and rejects tables: every column from the record it came from."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsquotes import ids
from newsquotes.models import (
    ArticleMeta,
    Dateline,
    Provenance,
    Quote,
    RawRecord,
    Reject,
    Span,
)
from newsquotes.schema import DATASETS
from newsquotes.tables import BatchTables, word_count

BODY = '"We will open the pier," Ingrid Dahl said. "It is safe," she added.\n\nTalks go on.'
UTC = dt.UTC


def _record(member: str | None = None) -> RawRecord:
    prov = Provenance("wire/oslo.txt", "ab" * 32, 4, member, "utf-8+cp1252")
    return RawRecord(prov, "ignored: tables take the parsed body", "seed", {}, True)


def _meta(**changes: object) -> ArticleMeta:
    values: dict = {
        "body": BODY,
        "published_date": dt.date(2021, 3, 3),
        "date_source": "header",
        "published_at": dt.datetime(2021, 3, 3, 9, 30, 5, tzinfo=UTC),
        "timezone": "UTC",
        "title": "Pier to open",
        "dateline": Dateline(
            Span(0, 18), "OSLO, March 3 /NQ/", "OSLO", "Norway", "Oslo", "NQ", "NQ", 3, 3
        ),
        "byline": "By Kari Nordmann",
        "url": "https://example.org/pier",
        "publisher": "Example Wire",
        **changes,
    }
    return ArticleMeta(**values)


SPLIT = Quote(
    "direct",
    (Span(1, 23), Span(44, 55)),
    cue=Span(37, 41),
    mention=Span(25, 36),
    speaker="Ingrid Dahl",
    speaker_kind="person",
    speaker_gender="f",
    cue_lemma="say",
)
# an empty mention or cue span is no mention or cue at all
UNATTRIBUTED = Quote("indirect", (Span(69, 81),), cue=Span(9, 9), mention=Span(3, 3))


def test_article_row_holds_every_column() -> None:
    tables = BatchTables("run-1")
    article = tables.add_article(_record(), _meta(), [SPLIT, UNATTRIBUTED])
    [row] = tables.articles.table().to_pylist()
    assert row == {
        "article_id": ids.article_id(BODY),
        "source_path": "wire/oslo.txt",
        "source_member": None,
        "source_record": 4,
        "source_sha256": "ab" * 32,
        "source_format": "seed",
        "encoding": "utf-8+cp1252",
        "text_repaired": True,
        "published_date": dt.date(2021, 3, 3),
        "published_at": dt.datetime(2021, 3, 3, 9, 30, 5, tzinfo=UTC),
        "published_time": "09:30:05",
        "timezone": "UTC",
        "date_source": "header",
        "title": "Pier to open",
        "dateline": "OSLO, March 3 /NQ/",
        "location": "OSLO",
        "region": "Norway",
        "place": "Oslo",
        "agency": "NQ",
        "byline": "By Kari Nordmann",
        "url": "https://example.org/pier",
        "publisher": "Example Wire",
        "body": BODY,
        "n_paragraphs": 2,
        "n_words": 16,
        "n_chars": len(BODY),
        "n_quotes": 2,
        "year": 2021,
        "month": 3,
    }
    assert article == row["article_id"]


def test_quote_rows_hold_every_column() -> None:
    tables = BatchTables("run-1")
    article = tables.add_article(_record(), _meta(), [SPLIT, UNATTRIBUTED])
    shared = {
        "article_id": article,
        "source_path": "wire/oslo.txt",
        "published_date": dt.date(2021, 3, 3),
        "agency": "NQ",
        "year": 2021,
        "month": 3,
    }
    assert tables.quotes.table().to_pylist() == [
        {
            **shared,
            "quote_id": ids.quote_id(article, SPLIT.pieces),
            "quote_index": 0,
            "text": "We will open the pier, It is safe,",
            "type": "direct",
            "pieces": [{"start": 1, "end": 23}, {"start": 44, "end": 55}],
            "speaker": "Ingrid Dahl",
            "speaker_kind": "person",
            "speaker_gender": "f",
            "speaker_title": None,
            "speaker_mention": "Ingrid Dahl",
            "speaker_start": 25,
            "speaker_end": 36,
            "cue": "said",
            "cue_lemma": "say",
            "cue_start": 37,
            "cue_end": 41,
        },
        {
            **shared,
            "quote_id": ids.quote_id(article, UNATTRIBUTED.pieces),
            "quote_index": 1,
            "text": "Talks go on.",
            "type": "indirect",
            "pieces": [{"start": 69, "end": 81}],
            "speaker": None,
            "speaker_kind": "unknown",
            "speaker_gender": None,
            "speaker_title": None,
            "speaker_mention": None,
            "speaker_start": None,
            "speaker_end": None,
            "cue": None,
            "cue_lemma": None,
            "cue_start": None,
            "cue_end": None,
        },
    ]


def test_undated_article_without_zone_or_dateline() -> None:
    tables = BatchTables("run-1")
    meta = _meta(
        published_date=None,
        date_source="none",
        published_at=dt.datetime(2021, 3, 3, 9, 30),  # no zone: no UTC instant
        timezone=None,
        dateline=None,
        signoff="Reuter",
    )
    tables.add_article(_record("inner/a.txt"), meta, [])
    [row] = tables.articles.table().to_pylist()
    assert (row["published_at"], row["published_time"]) == (None, "09:30:00")
    assert (row["dateline"], row["location"], row["region"], row["place"]) == (None,) * 4
    assert (row["agency"], row["source_member"], row["n_quotes"]) == ("Reuters", "inner/a.txt", 0)
    assert (row["year"], row["month"]) == (0, 0)
    assert tables.quotes.table().num_rows == 0


def test_reject_row_and_merge() -> None:
    batch, file_rows = BatchTables("run-7"), BatchTables("run-7")
    reject = Reject("parse", "empty_body", "no body", "wire/a.txt", 3, "m.txt", "x")
    file_rows.add_reject(reject, "cd" * 32)
    file_rows.add_article(_record(), _meta(), [SPLIT])
    batch.merge(file_rows)
    batch.merge(file_rows)
    assert (batch.articles.rows, batch.quotes.rows, batch.rejects.rows) == (2, 2, 2)
    assert batch.rejects.table().to_pylist()[0] == {
        "reject_id": ids.reject_id("wire/a.txt::m.txt", 3, "parse", "empty_body"),
        "source_path": "wire/a.txt",
        "source_member": "m.txt",
        "source_record": 3,
        "source_sha256": "cd" * 32,
        "stage": "parse",
        "reason": "empty_body",
        "message": "no body",
        "excerpt": "x",
        "run_id": "run-7",
    }


@pytest.mark.parametrize("dataset", ["articles", "quotes", "rejects"])
def test_tables_have_the_dataset_schema_even_when_empty(dataset: str) -> None:
    tables = BatchTables("run-1")
    tables.add_article(_record(), _meta(), [SPLIT])
    tables.add_reject(Reject("read", "empty_file", "empty", "a.txt"), None)
    schema = DATASETS[dataset].schema
    assert getattr(tables, dataset).table().schema.equals(schema, check_metadata=True)
    assert getattr(BatchTables("run-1"), dataset).table().schema.equals(schema)
    frame = tables.frames()[dataset]
    assert list(frame.columns) == schema.names


@settings(max_examples=500)
@given(
    st.text(st.characters(blacklist_categories=()), max_size=60)
    | st.text(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2009ab.,", max_size=40)
)
def test_word_count_is_the_number_of_split_words(text: str) -> None:
    # n_words is defined as len(body.split()); the byte translation must count the same
    assert word_count(text) == len(text.split())
