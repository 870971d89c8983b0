"""A small, hand-written output root for tests of the readers of processed data.

The rows are our own writing, committed through the real store (versioned folders, dataset
symlinks, manifest, speakers built by the real builder), so tests of ``load``, ``report`` and the
docs do not depend on the extraction stages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa

from newsquotes import ids
from newsquotes.models import Span
from newsquotes.schema import DATASETS, UNDATED
from newsquotes.speakers import build_speakers_from_dataset
from newsquotes.store import INPUTS_SCHEMA, Store, write_fragment

RUN_ID = "20250101000000-sample00"

# (source, date, agency, place, title, [(speaker, kind, title, mention, type, text)])
ARTICLES = [
    (
        "wire/a.txt",
        dt.date(2016, 10, 5),
        "AP",
        "Washington",
        "Debate night",
        [
            ("Donald Trump", "person", "Republican nominee", "Trump", "direct", "We will win."),
            ("Donald Trump", "person", "Republican nominee", "he", "direct", "Believe me."),
            (
                "Hillary Clinton",
                "person",
                "Democratic nominee",
                "Clinton",
                "indirect",
                "the plan adds up",
            ),
        ],
    ),
    (
        "wire/a.txt",
        dt.date(2016, 11, 8),
        "Reuters",
        "New York",
        "Election day",
        [
            ("Trump", "person", None, "Trump", "direct", "It is a great day."),
            (None, "anonymous", None, "an aide", "indirect", "turnout was high"),
        ],
    ),
    (
        "wire/b.txt",
        dt.date(2016, 11, 30),
        "AP",
        "Washington",
        None,
        [
            (
                "Hillary Clinton",
                "person",
                "former Secretary of State",
                "she",
                "mixed",
                "we must accept this result",
            ),
            (
                "Federal Election Commission",
                "organization",
                None,
                "the commission",
                "indirect",
                "the count is final",
            ),
        ],
    ),
    (
        "wire/c.txt",
        dt.date(2017, 1, 2),
        "TASS",
        "Moscow",
        "Lavrov on visas",
        [
            (
                "Sergey Lavrov",
                "person",
                "Foreign Minister",
                "Lavrov",
                "direct",
                "Visa-free travel is possible.",
            ),
        ],
    ),
    (
        "wire/d.txt",
        None,
        None,
        None,
        "Undated note",
        [
            ("Donald Trump", "person", None, "Trump", "direct", "No date on this one."),
        ],
    ),
]

REJECTS = [
    ("wire/broken.txt.gz", None, "read", "truncated_gzip"),
    ("wire/e.txt", 0, "parse", "no_date_header"),
    ("wire/e.txt", 2, "parse", "no_date_header"),
    ("wire/f.txt", 1, "split", "record_too_large"),
]


def _article_rows() -> tuple[list[dict], list[dict]]:
    articles, quotes = [], []
    for record, (source, date, agency, place, title, said) in enumerate(ARTICLES):
        body = "\n\n".join(f"{s[3]} said: “{s[5]}”" for s in said)
        article = ids.article_id(body)
        year, month = (date.year, date.month) if date else (UNDATED, UNDATED)
        articles.append(
            {
                "article_id": article,
                "source_path": source,
                "source_record": record,
                "source_sha256": "0" * 64,
                "source_format": "seed",
                "encoding": "utf-8",
                "text_repaired": False,
                "published_date": date,
                "date_source": "header" if date else "none",
                "title": title,
                "dateline": f"{place.upper()}, /{agency}/" if place else None,
                "location": place.upper() if place else None,
                "place": place,
                "agency": agency,
                "body": body,
                "n_paragraphs": len(said),
                "n_words": len(body.split()),
                "n_chars": len(body),
                "n_quotes": len(said),
                "year": year,
                "month": month,
            }
        )
        offset = 0
        for index, (speaker, kind, title_, mention, type_, text) in enumerate(said):
            paragraph = f"{mention} said: “{text}”"
            start = offset + paragraph.index(text)
            pieces = [{"start": start, "end": start + len(text)}]
            quotes.append(
                {
                    "quote_id": ids.quote_id(article, [Span(start, start + len(text))]),
                    "article_id": article,
                    "quote_index": index,
                    "source_path": source,
                    "published_date": date,
                    "agency": agency,
                    "text": text,
                    "type": type_,
                    "pieces": pieces,
                    "speaker": speaker,
                    "speaker_id": ids.speaker_id(speaker) if speaker else None,
                    "speaker_kind": kind,
                    "speaker_title": title_,
                    "speaker_mention": mention,
                    "speaker_start": offset,
                    "speaker_end": offset + len(mention),
                    "cue": "said",
                    "cue_lemma": "say",
                    "cue_start": offset + len(mention) + 1,
                    "cue_end": offset + len(mention) + 5,
                    "year": year,
                    "month": month,
                }
            )
            offset += len(paragraph) + 2
    return articles, quotes


def _reject_rows() -> list[dict]:
    return [
        {
            "reject_id": ids.reject_id(source, record, stage, reason),
            "source_path": source,
            "source_record": record,
            "stage": stage,
            "reason": reason,
            "message": f"{source}: {reason.replace('_', ' ')}",
            "excerpt": "date 20",
            "run_id": RUN_ID,
        }
        for source, record, stage, reason in REJECTS
    ]


def _table(dataset: str, rows: list[dict]) -> pa.Table:
    schema = DATASETS[dataset].schema
    return pa.Table.from_pylist(
        [{f.name: row.get(f.name) for f in schema} for row in rows], schema=schema
    )


def write_sample_root(root: Path) -> Path:
    """Commit the sample rows as version 1 of an output root at ``root``; return ``root``."""
    store = Store(root)
    articles, quotes = _article_rows()
    with store.lock():
        staging = store.staging_dir(RUN_ID)
        write_fragment(staging, "articles", _table("articles", articles), "sample")
        write_fragment(staging, "quotes", _table("quotes", quotes), "sample")
        write_fragment(staging, "rejects", _table("rejects", _reject_rows()), "sample")
        sources = sorted({a["source_path"] for a in articles})
        inputs = pa.Table.from_pylist(
            [
                {
                    "source_path": s,
                    "source_sha256": "0" * 64,
                    "size": 1,
                    "mtime_ns": 0,
                    "run_id": RUN_ID,
                    "n_records": 1,
                    "n_articles": 1,
                    "n_quotes": 1,
                    "n_rejects": 0,
                }
                for s in sources
            ],
            schema=INPUTS_SCHEMA,
        )
        store.commit(
            run_id=RUN_ID,
            state=store.state(),
            replaced_paths=set(),
            inputs=inputs,
            speakers_builder=build_speakers_from_dataset,
            run_record={
                "run_id": RUN_ID,
                "started_at": "2025-01-01T00:00:00+00:00",
                "raw_root": "raw",
                "files": len(sources),
                "records": 9,
                "articles": len(articles),
                "quotes": len(quotes),
                "rejects": len(REJECTS),
                "chars": 600,
            },
        )
    return root
