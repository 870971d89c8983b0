"""Typed records -> Arrow tables in the dataset schemas.

Rows are kept as plain tuples in schema column order and turned into Arrow columns once per batch
(``zip(*rows)`` transposes them in C): a dict or a keyword call per row would cost more than
parsing the article. Each tuple below names its columns in comments; ``tests/test_tables.py``
checks every column against the records it came from.
"""

from __future__ import annotations

import datetime as dt
from itertools import accumulate
from typing import TYPE_CHECKING

import pyarrow as pa

from newsquotes import ids
from newsquotes.metadata import article_agency
from newsquotes.models import ArticleMeta, Quote, RawRecord, Reject, Span
from newsquotes.schema import DATASETS, UNDATED, to_frame

if TYPE_CHECKING:  # pandas only for frames(): pool workers write Arrow and never load it
    import pandas as pd


class TableBuilder:
    """Accumulates the rows of one dataset as tuples in the schema's column order."""

    def __init__(self, dataset: str) -> None:
        self.dataset = dataset
        self.schema: pa.Schema = DATASETS[dataset].schema
        self._rows: list[tuple] = []
        self.append = self._rows.append  # the hot path: one bound method, no wrapper call

    @property
    def rows(self) -> int:
        return len(self._rows)

    def extend(self, other: TableBuilder) -> None:
        self._rows.extend(other._rows)

    def table(self) -> pa.Table:
        if not self._rows:
            return self.schema.empty_table()
        columns = zip(*self._rows, strict=True)
        arrays = [_column(values, f.type) for f, values in zip(self.schema, columns, strict=True)]
        return pa.Table.from_arrays(arrays, schema=self.schema)


def _column(values: tuple, type_: pa.DataType) -> pa.Array:
    if type_ == _PIECES:
        return _pieces_array(values)
    return pa.array(values, type_)


_PIECES = DATASETS["quotes"].schema.field("pieces").type


def _pieces_array(pieces: tuple[tuple[Span, ...], ...]) -> pa.Array:
    """The ``pieces`` column (a list of start/end structs per quote) from the quotes' spans, built
    from flat int arrays instead of one dict per span."""
    starts = pa.array([p.start for spans in pieces for p in spans], pa.int32())
    ends = pa.array([p.end for spans in pieces for p in spans], pa.int32())
    offsets = pa.array(list(accumulate(map(len, pieces), initial=0)), pa.int32())
    struct_type = _PIECES.value_type
    spans = pa.StructArray.from_arrays([starts, ends], fields=list(struct_type))
    return pa.ListArray.from_arrays(offsets, spans, type=_PIECES)


class BatchTables:
    """The articles, quotes and rejects of one batch of inputs."""

    def frames(self) -> dict[str, pd.DataFrame]:
        """The batch as schema-typed DataFrames (Arrow-backed dtypes): what stages hand on."""
        return {name: to_frame(table) for name, table in self.tables().items()}

    def tables(self) -> dict[str, pa.Table]:
        """The batch as Arrow tables in the dataset schemas (what the pipeline writes)."""
        return {
            name: builder.table()
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
        body = meta.body
        article = ids.article_id(body)
        date = meta.published_date
        year, month = (date.year, date.month) if date else (UNDATED, UNDATED)
        dl = meta.dateline
        at = meta.published_at
        agency = article_agency(meta)
        self.articles.append(
            (
                article,  # article_id
                prov.source_path,  # source_path
                prov.member,  # source_member
                prov.record,  # source_record
                prov.source_sha256,  # source_sha256
                record.format,  # source_format
                prov.encoding,  # encoding
                record.repaired,  # text_repaired
                date,  # published_date
                at if at and at.tzinfo else None,  # published_at: a time without zone is no UTC
                at.strftime("%H:%M:%S") if at else None,  # published_time (as written)
                meta.timezone,  # timezone
                meta.date_source,  # date_source
                meta.title,  # title
                dl.text if dl else None,  # dateline
                dl.location if dl else None,  # location
                dl.region if dl else None,  # region
                dl.place if dl else None,  # place
                agency,  # agency
                meta.byline,  # byline
                meta.url,  # url
                meta.publisher,  # publisher
                body,  # body
                body.count("\n\n") + 1 if body else 0,  # n_paragraphs
                word_count(body),  # n_words
                len(body),  # n_chars
                len(quotes),  # n_quotes
                year,  # year
                month,  # month
            )
        )
        for index, quote in enumerate(quotes):
            self.add_quote(article, index, prov.source_path, date, agency, body, quote, year, month)
        return article

    def add_quote(
        self,
        article: str,
        index: int,
        source_path: str,
        date: dt.date | None,
        agency: str | None,
        body: str,
        quote: Quote,
        year: int,
        month: int,
    ) -> None:
        pieces = quote.pieces
        # an empty span counts as none (a Span is falsy when empty); tested once, not per column
        mention = quote.mention or None
        cue = quote.cue or None
        has_mention, has_cue = mention is not None, cue is not None
        self.quotes.append(
            (
                ids.quote_id(article, pieces),  # quote_id
                article,  # article_id
                index,  # quote_index
                source_path,  # source_path
                date,  # published_date
                agency,  # agency
                _quote_text(body, pieces),  # text
                quote.type,  # type
                pieces,  # pieces (made a list of structs by _pieces_array)
                quote.speaker,  # speaker
                quote.speaker_kind,  # speaker_kind
                quote.speaker_gender,  # speaker_gender
                quote.speaker_title,  # speaker_title
                body[mention.start : mention.end] if has_mention else None,  # speaker_mention
                mention.start if has_mention else None,  # speaker_start
                mention.end if has_mention else None,  # speaker_end
                body[cue.start : cue.end] if has_cue else None,  # cue
                quote.cue_lemma,  # cue_lemma
                cue.start if has_cue else None,  # cue_start
                cue.end if has_cue else None,  # cue_end
                year,  # year
                month,  # month
            )
        )

    def add_reject(self, reject: Reject, source_sha256: str | None) -> None:
        key = f"{reject.source_path}::{reject.member}" if reject.member else reject.source_path
        self.rejects.append(
            (
                ids.reject_id(key, reject.record, reject.stage, reject.reason),  # reject_id
                reject.source_path,  # source_path
                reject.member,  # source_member
                reject.record,  # source_record
                source_sha256,  # source_sha256
                reject.stage,  # stage
                reject.reason,  # reason
                reject.message,  # message
                reject.excerpt,  # excerpt
                self.run_id,  # run_id
            )
        )


# ASCII bytes -> b" " for what ``str.split`` takes for white space, b"x" for anything else
_BLANK_OR_NOT = bytes(32 if chr(b).isspace() else 120 for b in range(128)) + b"x" * 128


def word_count(text: str) -> int:
    """``len(text.split())`` without a string per word: an ASCII text is mapped to blanks and
    ``x`` in one byte translation, and its words are the ``x`` runs (twice as fast)."""
    if not text.isascii():
        return len(text.split())
    marks = text.encode("ascii").translate(_BLANK_OR_NOT)
    return marks.count(b" x") + (marks[:1] == b"x")


def _quote_text(body: str, pieces: tuple[Span, ...]) -> str:
    """``Quote.text``, without a generator for the usual single piece."""
    if len(pieces) == 1:
        span = pieces[0]
        return body[span.start : span.end].strip()
    return " ".join(body[p.start : p.end].strip() for p in pieces)
