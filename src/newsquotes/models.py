"""Typed records that flow through the pipeline.

Every extracted value keeps the character span it came from, so an analyst (or a test) can slice
the source text and see exactly what was read. Records are frozen: stages return new values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from newsquotes.errors import InputError
from newsquotes.frozen import fast_init

QuoteType = Literal["direct", "mixed", "indirect"]
SpeakerKind = Literal["person", "organization", "anonymous", "unknown"]
DateSource = Literal["header", "dateline", "export", "none"]


@fast_init
@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into a known text (usually an article body)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def __len__(self) -> int:
        return self.end - self.start


@fast_init
@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from: enough to find it again and to tell if the input changed."""

    source_path: str  # relative to the raw root, '/'-separated
    source_sha256: str  # of the file's bytes as stored (compressed bytes for .gz ...)
    record: int  # index of the record within the file (or archive member)
    member: str | None = None  # path inside an archive, when the file is one
    encoding: str = "utf-8"  # encoding the text was decoded from

    @property
    def source_key(self) -> str:
        """Unique key of the input unit: the file, or the member inside an archive."""
        return f"{self.source_path}::{self.member}" if self.member else self.source_path


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One article's text as cut from an input, before any parsing.

    ``fields`` carries what a structured export already separated (title, date, url ...), so the
    parser does not have to guess those.
    """

    provenance: Provenance
    text: str
    format: str  # 'seed', 'plain', 'json', 'jsonl', 'csv'
    fields: dict[str, str] = field(default_factory=dict)
    repaired: bool = False  # text hygiene changed the characters (mojibake, entities ...)


@fast_init
@dataclass(frozen=True, slots=True)
class Dateline:
    """A parsed dateline such as ``IGORA /Leningrad Region/, December 26. /TASS/.``.

    ``span`` is into the text the dateline was parsed from; ``location`` is the place as written,
    without region or country; ``place`` is its display form (``Igora``).
    """

    span: Span
    text: str
    location: str | None = None
    region: str | None = None
    place: str | None = None
    agency: str | None = None  # canonical agency name (``TASS``, ``Reuters`` ...)
    agency_raw: str | None = None  # as written (``(xinhua)``)
    month: int | None = None
    day: int | None = None
    year: int | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Normalized metadata of one article plus its body (the text quotes point into)."""

    body: str
    published_date: dt.date | None = None
    date_source: DateSource = "none"
    published_at: dt.datetime | None = None  # when a source gives a time
    timezone: str | None = None  # IANA name or UTC offset; None when unknown
    title: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    signoff: str | None = None
    url: str | None = None
    publisher: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p]


@fast_init
@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution: who said what, with spans into the article body.

    ``pieces`` are the content spans (quote marks excluded); a split quote
    (``"A," he said, "B."``) is one quote with two pieces.
    """

    type: QuoteType
    pieces: tuple[Span, ...]
    cue: Span | None = None
    mention: Span | None = None  # speaker as written
    speaker: str | None = None  # resolved canonical name, no title
    speaker_title: str | None = None
    speaker_kind: SpeakerKind = "unknown"
    speaker_gender: Literal["m", "f"] | None = None
    cue_lemma: str | None = None

    def text(self, body: str) -> str:
        return " ".join(p.of(body).strip() for p in self.pieces)


@dataclass(frozen=True, slots=True)
class Reject:
    """A quarantined input: what could not be read, at which stage, and why."""

    stage: str  # one of errors.STAGES
    reason: str  # short code, e.g. 'truncated_gzip'
    message: str  # for a person
    source_path: str
    record: int | None = None
    member: str | None = None
    excerpt: str = ""

    @classmethod
    def from_error(
        cls, err: InputError, *, source_path: str | None = None, member: str | None = None
    ) -> Reject:
        return cls(
            stage=err.stage,
            reason=err.reason,
            message=err.detail,
            source_path=err.source_path or source_path or "",
            record=err.record,
            member=member,
            excerpt=excerpt(err.excerpt or ""),
        )


EXCERPT_CHARS = 200


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A short single-line preview of ``text`` for a reject row."""
    flat = " ".join(text[: limit * 2].split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
