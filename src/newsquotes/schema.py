"""The data contract: one explicit pyarrow schema per dataset, with a description on every field.

Everything else derives from here: the pandas dtypes stages hand on, validation before a write,
the partition layout, and ``docs/DATA.md`` (see :mod:`newsquotes.datadoc`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyarrow as pa

from newsquotes.errors import SchemaError

if TYPE_CHECKING:  # pandas is imported where used: a no-op re-run must not pay its import
    import pandas as pd

UNDATED = 0  # year=0/month=0: the explicit partition of articles with no known date


def _f(name: str, type_: pa.DataType, description: str, *, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


SPAN = pa.struct(
    [
        _f("start", pa.int32(), "first character, 0-based"),
        _f("end", pa.int32(), "one past the last character"),
    ]
)

PARTITION_FIELDS = (
    _f(
        "year",
        pa.int16(),
        f"Partition: year of `published_date`, {UNDATED} when unknown.",
        nullable=False,
    ),
    _f(
        "month",
        pa.int8(),
        f"Partition: month of `published_date`, {UNDATED} when unknown.",
        nullable=False,
    ),
)

_PROVENANCE = (
    _f(
        "source_path",
        pa.string(),
        "Input file, relative to the raw root, `/`-separated.",
        nullable=False,
    ),
    _f("source_member", pa.string(), "Path of the record's member inside an archive input."),
    _f(
        "source_record",
        pa.int32(),
        "Index of the record within its file (or member), from 0.",
        nullable=False,
    ),
)

ARTICLES = pa.schema(
    [
        _f(
            "article_id",
            pa.string(),
            "Stable id: hash of the normalized title and body. The same article in two dumps or "
            "two runs has the same id and is stored once.",
            nullable=False,
        ),
        *_PROVENANCE,
        _f(
            "source_sha256",
            pa.string(),
            "SHA-256 of the input file's bytes as stored.",
            nullable=False,
        ),
        _f(
            "source_format",
            pa.string(),
            "Reader that produced the record: seed, plain, json, jsonl or csv.",
            nullable=False,
        ),
        _f("encoding", pa.string(), "Encoding the input was decoded from.", nullable=False),
        _f(
            "text_repaired",
            pa.bool_(),
            "True when text hygiene changed characters (mojibake, HTML entities, control "
            "characters).",
            nullable=False,
        ),
        _f("published_date", pa.date32(), "Publication date (see `date_source`)."),
        _f(
            "published_at",
            pa.timestamp("us", tz="UTC"),
            "Publication time in UTC, when the source gives a time with a known zone.",
        ),
        _f(
            "published_time",
            pa.string(),
            "Publication time as given (`HH:MM:SS`), when the source gives one.",
        ),
        _f("timezone", pa.string(), "Time zone of the given time; null when unknown."),
        _f(
            "date_source",
            pa.string(),
            "Where `published_date` comes from: header, dateline, export or none.",
            nullable=False,
        ),
        _f("title", pa.string(), "Headline, when the record has one."),
        _f("dateline", pa.string(), "The dateline as written (`MOSCOW, January 15./TASS/.`)."),
        _f(
            "location",
            pa.string(),
            "Dateline place as written, without region or country (`IGORA`).",
        ),
        _f("region", pa.string(), "Region or country part of the dateline (`Leningrad Region`)."),
        _f("place", pa.string(), "Display form of the dateline place (`Igora`)."),
        _f("agency", pa.string(), "Canonical news agency named by the text (`TASS`, `Reuters`)."),
        _f("byline", pa.string(), "Author line (`By GERRY SHIH`), kept out of the body."),
        _f("url", pa.string(), "URL of the article, when the source gives one."),
        _f("publisher", pa.string(), "Publisher named by a structured source."),
        _f(
            "body",
            pa.string(),
            "Article text after the dateline: hard-wrapped lines joined, paragraphs separated by "
            "a blank line. Quote offsets index into it.",
            nullable=False,
        ),
        _f("n_paragraphs", pa.int32(), "Number of paragraphs in `body`.", nullable=False),
        _f("n_words", pa.int32(), "Number of words in `body`.", nullable=False),
        _f("n_chars", pa.int32(), "Number of characters in `body`.", nullable=False),
        _f(
            "n_quotes",
            pa.int32(),
            "Number of quotations extracted from the article.",
            nullable=False,
        ),
        *PARTITION_FIELDS,
    ]
)

QUOTES = pa.schema(
    [
        _f(
            "quote_id",
            pa.string(),
            "Stable id: hash of `article_id` and the content spans.",
            nullable=False,
        ),
        _f(
            "article_id", pa.string(), "The article quoted (`articles.article_id`).", nullable=False
        ),
        _f("quote_index", pa.int32(), "Order of the quote in its article, from 0.", nullable=False),
        _f(
            "source_path",
            pa.string(),
            "Input file of the article (as in `articles`).",
            nullable=False,
        ),
        _f("published_date", pa.date32(), "Publication date of the article."),
        _f("agency", pa.string(), "Agency of the article (denormalized for filtering)."),
        _f(
            "text",
            pa.string(),
            "Quoted content, pieces joined by a space, quote marks excluded.",
            nullable=False,
        ),
        _f(
            "type",
            pa.string(),
            "direct (all in quote marks), mixed (partly quoted) or indirect (reported speech).",
            nullable=False,
        ),
        _f(
            "pieces",
            pa.list_(SPAN),
            "Content pieces as character spans into the article body; a split quote "
            '(`"A," he said, "B."`) has several.',
            nullable=False,
        ),
        _f(
            "speaker",
            pa.string(),
            "Resolved speaker: the fullest name of the person or organization in the article, "
            "without title; null for anonymous or unresolved sources.",
        ),
        _f(
            "speaker_kind",
            pa.string(),
            "person, organization, anonymous or unknown.",
            nullable=False,
        ),
        _f("speaker_gender", pa.string(), "m or f when the text shows it."),
        _f("speaker_title", pa.string(), "Title or role of the speaker (`Foreign Minister`)."),
        _f(
            "speaker_mention",
            pa.string(),
            "The speaker as written at this quote (`he`, `the senior diplomat`).",
        ),
        _f("speaker_start", pa.int32(), "Start of the mention in the body."),
        _f("speaker_end", pa.int32(), "End of the mention in the body."),
        _f("cue", pa.string(), "Reporting cue as written (`said`, `summed up`, `according to`)."),
        _f("cue_lemma", pa.string(), "Lemma of the cue (`say`, `sum up`)."),
        _f("cue_start", pa.int32(), "Start of the cue in the body."),
        _f("cue_end", pa.int32(), "End of the cue in the body."),
        *PARTITION_FIELDS,
    ]
)

SPEAKERS = pa.schema(
    [
        _f(
            "speaker_id",
            pa.string(),
            "Stable id: hash of the normalized canonical name.",
            nullable=False,
        ),
        _f("name", pa.string(), "Canonical name across the corpus.", nullable=False),
        _f("kind", pa.string(), "person or organization.", nullable=False),
        _f(
            "aliases",
            pa.list_(pa.string()),
            "Other resolved names merged into this speaker (`Lavrov`, typo variants).",
            nullable=False,
        ),
        _f("titles", pa.list_(pa.string()), "Titles seen, most frequent first.", nullable=False),
        _f(
            "mentions", pa.list_(pa.string()), "Mentions seen, most frequent first.", nullable=False
        ),
        _f("n_quotes", pa.int64(), "Quotes attributed to the speaker.", nullable=False),
        _f("n_articles", pa.int64(), "Articles quoting the speaker.", nullable=False),
        _f("first_date", pa.date32(), "Earliest publication date of a quote."),
        _f("last_date", pa.date32(), "Latest publication date of a quote."),
    ]
)

REJECTS = pa.schema(
    [
        _f(
            "reject_id",
            pa.string(),
            "Stable id: hash of source, member, record, stage, reason.",
            nullable=False,
        ),
        _f("source_path", pa.string(), "Input file, relative to the raw root.", nullable=False),
        _f("source_member", pa.string(), "Member inside an archive input."),
        _f("source_record", pa.int32(), "Record index in the file; null for a whole-file reject."),
        _f("source_sha256", pa.string(), "SHA-256 of the input file when it could be read."),
        _f(
            "stage",
            pa.string(),
            "Stage that failed: read, decode, split, parse or extract.",
            nullable=False,
        ),
        _f(
            "reason",
            pa.string(),
            "Short reason code (`truncated_gzip`, `no_date_header`).",
            nullable=False,
        ),
        _f("message", pa.string(), "What went wrong and what to do, for a person.", nullable=False),
        _f("excerpt", pa.string(), "The first characters of the offending input.", nullable=False),
        _f("run_id", pa.string(), "Run that quarantined the record.", nullable=False),
    ]
)


@dataclass(frozen=True)
class Dataset:
    name: str
    schema: pa.Schema
    partitioned: bool
    key: str  # the column that identifies a row
    description: str

    @property
    def columns(self) -> list[str]:
        return self.schema.names

    @property
    def file_schema(self) -> pa.Schema:
        """Schema of the Parquet files: hive partition columns live in the path, not the file."""
        if not self.partitioned:
            return self.schema
        return pa.schema([f for f in self.schema if f.name not in ("year", "month")])


DATASETS: Mapping[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "articles",
            ARTICLES,
            True,
            "article_id",
            "One row per article with normalized metadata and its body.",
        ),
        Dataset(
            "quotes",
            QUOTES,
            True,
            "quote_id",
            "One row per quotation (direct, mixed, indirect) with its resolved speaker.",
        ),
        Dataset(
            "speakers",
            SPEAKERS,
            False,
            "speaker_id",
            "One row per resolved speaker across the whole corpus.",
        ),
        Dataset(
            "rejects",
            REJECTS,
            False,
            "reject_id",
            "Quarantine: every input or record that could not be read, with the reason.",
        ),
    )
}


def description(field: pa.Field) -> str:
    return (field.metadata or {}).get(b"description", b"").decode()


def pandas_dtypes(schema: pa.Schema) -> dict[str, object]:
    """Arrow-backed pandas dtypes for every column of ``schema``."""
    import pandas as pd

    return {f.name: pd.ArrowDtype(f.type) for f in schema}


def empty_frame(dataset: str) -> pd.DataFrame:
    return to_frame(DATASETS[dataset].schema.empty_table())


def to_frame(table: pa.Table) -> pd.DataFrame:
    import pandas as pd

    return table.to_pandas(types_mapper=pd.ArrowDtype)


def frame_from_records(dataset: str, rows: list[dict]) -> pd.DataFrame:
    """Build a schema-typed DataFrame from row dicts (conversion errors become SchemaError)."""
    schema = DATASETS[dataset].schema
    try:
        table = pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as err:
        raise SchemaError(dataset, str(err)) from err
    return to_frame(table)


def validate(dataset: str, frame: pd.DataFrame) -> pa.Table:
    """Check ``frame`` against the dataset schema and return it as an Arrow table.

    Columns must match by name and order, types must cast losslessly and non-nullable columns may
    hold no nulls. Called before anything is written.
    """
    _check_columns(dataset, list(frame.columns))
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
        raise SchemaError(dataset, f"cannot convert to Arrow: {err}") from err
    return validate_table(dataset, table)


def validate_table(dataset: str, table: pa.Table) -> pa.Table:
    """:func:`validate` for an Arrow table: the same checks without a detour through pandas
    (which costs a copy of the batch and ~0.3 s per 10 MB of text)."""
    schema = DATASETS[dataset].schema
    _check_columns(dataset, table.column_names)
    for field in schema:
        nulls = table[field.name].null_count
        if not field.nullable and nulls:
            raise SchemaError(dataset, f"column {field.name!r} has {nulls} nulls")
    try:
        return table.cast(schema, safe=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as err:
        raise SchemaError(dataset, f"cannot cast to schema: {err}") from err


def _check_columns(dataset: str, columns: list[str]) -> None:
    schema = DATASETS[dataset].schema
    if columns != schema.names:
        missing = [c for c in schema.names if c not in columns]
        extra = [c for c in columns if c not in schema.names]
        raise SchemaError(
            dataset,
            f"columns differ: missing {missing}, unexpected {extra}"
            if missing or extra
            else "columns are out of order",
        )
