"""Typed records -> Arrow tables in the dataset schemas.

Columns are accumulated as plain lists and turned into Arrow once per batch: building one dict per
row would cost more than parsing the article.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from newsquotes import ids
from newsquotes.metadata import article_agency
from newsquotes.models import ArticleMeta, Quote, RawRecord, Reject
from newsquotes.schema import DATASETS, UNDATED, to_frame


@dataclass
class TableBuilder:
    """Accumulates rows of one dataset column by column."""

    dataset: str
    columns: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    rows: int = 0

    def add(self, **values: object) -> None:
        for name, value in values.items():
            self.columns[name].append(value)
        self.rows += 1

    def extend(self, other: TableBuilder) -> None:
        for name, values in other.columns.items():
            self.columns[name].extend(values)
        self.rows += other.rows

    def table(self) -> pa.Table:
        schema = DATASETS[self.dataset].schema
        if not self.rows:
            return schema.empty_table()
        return pa.table(
            {f.name: pa.array(self.columns[f.name], f.type) for f in schema}, schema=schema
        )


class BatchTables:
    """The articles, quotes and rejects of one batch of inputs."""

    def frames(self) -> dict[str, pd.DataFrame]:
        """The batch as schema-typed DataFrames (Arrow-backed dtypes): what stages hand on."""
        return {
            name: to_frame(builder.table())
            for name, builder in (
                ("articles", self.articles),
                ("quotes", self.quotes),
                ("rejects", self.rejects),
            )
        }

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.articles = TableBuilder("articles")
        self.quotes = TableBuilder("quotes")
        self.rejects = TableBuilder("rejects")

    def merge(self, other: BatchTables) -> None:
        """Append everything ``other`` holds (a file's rows, once the whole file read fine)."""
        self.articles.extend(other.articles)
        self.quotes.extend(other.quotes)
        self.rejects.extend(other.rejects)

    def add_article(self, record: RawRecord, meta: ArticleMeta, quotes: list[Quote]) -> str:
        prov = record.provenance
        article = ids.article_id(meta.body)
        date = meta.published_date
        year, month = (date.year, date.month) if date else (UNDATED, UNDATED)
        dl = meta.dateline
        body = meta.body
        self.articles.add(
            article_id=article,
            source_path=prov.source_path,
            source_member=prov.member,
            source_record=prov.record,
            source_sha256=prov.source_sha256,
            source_format=record.format,
            encoding=prov.encoding,
            text_repaired=record.repaired,
            published_date=date,
            # a time without a zone is not a UTC instant: keep it only as written
            published_at=meta.published_at
            if meta.published_at and meta.published_at.tzinfo
            else None,
            published_time=meta.published_at.strftime("%H:%M:%S") if meta.published_at else None,
            timezone=meta.timezone,
            date_source=meta.date_source,
            title=meta.title,
            dateline=dl.text if dl else None,
            location=dl.location if dl else None,
            region=dl.region if dl else None,
            place=dl.place if dl else None,
            agency=article_agency(meta),
            byline=meta.byline,
            url=meta.url,
            publisher=meta.publisher,
            body=body,
            n_paragraphs=body.count("\n\n") + 1 if body else 0,
            n_words=len(body.split()),
            n_chars=len(body),
            n_quotes=len(quotes),
            year=year,
            month=month,
        )
        agency = self.articles.columns["agency"][-1]
        for index, quote in enumerate(quotes):
            self.add_quote(article, index, prov.source_path, date, agency, body, quote, year, month)
        return article

    def add_quote(
        self,
        article: str,
        index: int,
        source_path: str,
        date,
        agency: str | None,
        body: str,
        quote: Quote,
        year: int,
        month: int,
    ) -> None:
        mention, cue = quote.mention, quote.cue
        self.quotes.add(
            quote_id=ids.quote_id(article, quote.pieces),
            article_id=article,
            quote_index=index,
            source_path=source_path,
            published_date=date,
            agency=agency,
            text=quote.text(body),
            type=quote.type,
            pieces=[{"start": p.start, "end": p.end} for p in quote.pieces],
            speaker=quote.speaker,
            speaker_kind=quote.speaker_kind,
            speaker_gender=quote.speaker_gender,
            speaker_title=quote.speaker_title,
            speaker_mention=mention.of(body) if mention else None,
            speaker_start=mention.start if mention else None,
            speaker_end=mention.end if mention else None,
            cue=cue.of(body) if cue else None,
            cue_lemma=quote.cue_lemma,
            cue_start=cue.start if cue else None,
            cue_end=cue.end if cue else None,
            year=year,
            month=month,
        )

    def add_reject(self, reject: Reject, source_sha256: str | None) -> None:
        key = f"{reject.source_path}::{reject.member}" if reject.member else reject.source_path
        self.rejects.add(
            reject_id=ids.reject_id(key, reject.record, reject.stage, reject.reason),
            source_path=reject.source_path,
            source_member=reject.member,
            source_record=reject.record,
            source_sha256=source_sha256,
            stage=reject.stage,
            reason=reject.reason,
            message=reject.message,
            excerpt=reject.excerpt,
            run_id=self.run_id,
        )
