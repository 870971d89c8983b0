"""Article metadata: title, dateline, byline, sign-off, publication date and the clean body.

``parse_article`` turns one :class:`~newsquotes.models.RawRecord` into an
:class:`~newsquotes.models.ArticleMeta`. It reads the layouts ingest produces: the seed layout (a
headline paragraph or not, then ``CITY, Month D./TASS/.``-style datelines, hard-wrapped wire copy
with indented paragraph starts, a ``Reuter`` sign-off), plain article files (title line, blank
line, body) and structured exports (``fields`` with title, date, url, publisher).

Every step is a compiled regex over a few short strings, so the cost per article is microseconds;
dateutil only ever sees a short date string.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from newsquotes.agencies import load_agencies
from newsquotes.dateline import parse_dateline
from newsquotes.dates import Timestamp, parse_timestamp, resolve_dateline_date
from newsquotes.errors import ParseError
from newsquotes.models import ArticleMeta, Dateline, DateSource, RawRecord, excerpt

# Blank lines (possibly holding spaces) separate paragraphs in every layout we read. Every
# pattern below starts with a literal newline, so the regex engine skips to candidates in C.
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
# In hard-wrapped wire copy an indented line starts a new paragraph; any other line break inside
# a paragraph is a wrap, joined with one space.
_INDENTED_LINE = re.compile(r"\n[ \t]+(?=\S)")
_PARAGRAPH_BREAK = "\x00"
# A line longer than any wire wrap width means the block is not hard-wrapped: each line is a
# paragraph of its own.
_WRAP_WIDTH = 120

# A byline is a line of names: capitalized words and the few small words names and titles use
# (``By GERRY SHIH``, ``By Julie Pace and Ken Thomas, Associated Press``), so a paragraph such
# as ``By Monday, the talks had failed.`` is not one.
_BYLINE = re.compile(
    r"(?P<line>By[ \t]+(?P<name>[A-Z][\w.'’-]*+"
    r"(?:,?[ \t]+(?:[A-Z][\w.'’-]*+|and|of|the|for|de|da|di|du|van|von|der|la|le|bin|al|el))*))"
    r"[ \t]*(?:\n|$)"
)
_BYLINE_MAX_WORDS = 12
# A headline is one line; a first paragraph longer than this is body text, not a title.
_TITLE_MAX_CHARS = 300
# Headlines carry no final period; some dumps add one (``... 'Terrifying.'``): drop it, but keep
# the period of a final abbreviation (``... in the U.S.``).
_HEADLINE_PERIOD = re.compile(r"(?<![A-Z])\.(['’\"”)\]]?)$")

EXPORT_FORMATS = frozenset({"json", "jsonl", "csv"})


@cache
def _signoff_regex() -> re.Pattern[str]:
    """A wire sign-off (``Reuter``) closing a story: on its own last line or after the last
    sentence, with the debris dumps leave after it (``REUTER...``, ``Reuter^M``, ``REUTER E``)."""
    words = load_agencies().signoff_pattern()
    return re.compile(
        rf"(?:^|\n|(?<=[.!?\"”'])[ \t])[ \t]*(?P<signoff>(?i:{words}))"
        r"(?:\.{1,3}|[ \t]+[A-Z])?(?:\^M)?\s*$"
    )


def parse_article(record: RawRecord, *, reference_date: dt.date | None = None) -> ArticleMeta:
    """Parse one record into article metadata and body.

    ``reference_date`` resolves a dateline without a year when the record has no date of its own
    (a plain file); a header or export date always takes precedence as the reference.
    Raises :class:`ParseError` when the record holds no article text.
    """
    fields = record.fields
    text = record.text.strip()
    if _PARAGRAPH_BREAK in text:  # the body builder uses NUL as its paragraph mark
        text = text.replace(_PARAGRAPH_BREAK, "").strip()
    if not text:
        raise _error(record, "empty_record", "the record holds no text")

    stamp, stamp_source = _field_date(record)
    signoff, text = _split_signoff(text)
    blocks = _BLANK_LINES.split(text)

    field_title = fields.get("title")
    if field_title and _opens_with_dateline(field_title):
        # a reader took the first line for a title, but it is the dateline paragraph
        blocks.insert(0, field_title.strip())
        field_title = None
    title, index, known_dateline = _title(blocks, field_title, record.format)
    byline: str | None = None
    dateline: Dateline | None = None
    if index < len(blocks):
        byline, blocks[index] = _split_byline(blocks[index])
        if not blocks[index] and index + 1 < len(blocks):
            index += 1
        # a byline moved the block's start: its dateline, if any, must be read again
        dateline = (
            known_dateline
            if known_dateline is not None and byline is None
            else parse_dateline(blocks[index])
        )
        if dateline is not None:
            blocks[index] = blocks[index][dateline.span.end :].lstrip()
    body = _body(blocks[index:])
    if not body:
        raise _error(record, "empty_body", "no body text after title and dateline")

    published_date: dt.date | None = None
    date_source: DateSource = "none"
    if stamp is not None:
        published_date, date_source = stamp.date, stamp_source
    elif dateline is not None:
        resolved = resolve_dateline_date(
            dateline.month, dateline.day, dateline.year, reference_date
        )
        if resolved is not None:
            published_date, date_source = resolved, "dateline"

    return ArticleMeta(
        body=body,
        published_date=published_date,
        date_source=date_source,
        published_at=stamp.at if stamp is not None else None,
        timezone=stamp.timezone if stamp is not None else None,
        title=title,
        dateline=dateline,
        byline=byline,
        signoff=signoff,
        url=fields.get("url") or None,
        publisher=fields.get("publisher") or None,
    )


def article_agency(meta: ArticleMeta) -> str | None:
    """Canonical agency named by the text: the dateline's, else the sign-off's."""
    if meta.dateline is not None and meta.dateline.agency:
        return meta.dateline.agency
    return load_agencies().signoff_agency(meta.signoff) if meta.signoff else None


def _field_date(record: RawRecord) -> tuple[Timestamp | None, DateSource]:
    raw = record.fields.get("date")
    if not raw:
        return None, "none"
    stamp = parse_timestamp(raw)
    source: DateSource = "export" if record.format in EXPORT_FORMATS else "header"
    return stamp, source if stamp is not None else "none"


def _split_signoff(text: str) -> tuple[str | None, str]:
    """Cut a closing wire sign-off (``Reuter``) or credit line (``(Reporting by ...)``)."""
    match = _signoff_regex().search(text, max(0, len(text) - 24))
    if match is not None:
        return match["signoff"], text[: match.start()].rstrip()
    start = text.rfind("\n") + 1
    last = text[start:]
    if (
        last.startswith("(")
        and last.endswith(")")
        and last.lower().startswith(load_agencies().credit_prefixes())
    ):
        return last, text[:start].rstrip()
    return None, text


def _title(
    blocks: list[str], field_title: str | None, layout: str
) -> tuple[str | None, int, Dateline | None]:
    """The headline, the index of the first block after it, and that block's dateline when it
    was already parsed on the way (None when it was not looked for).

    An export names its title. Otherwise the first block is the title (a headline, possibly with
    a sub-headline on a second line) unless it opens with a dateline, or, outside plain files
    whose first line is a title by layout, it is too long to be a headline.
    """
    first = blocks[0]
    if field_title and field_title.strip():
        title = squeeze_spaces(field_title)
        # an export may repeat its title as the first line of the text
        return title, 1 if squeeze_spaces(first) == title and len(blocks) > 1 else 0, None
    if len(blocks) < 2:
        return None, 0, None
    joined = squeeze_spaces(first)
    if layout != "plain" and len(joined) > _TITLE_MAX_CHARS:
        return None, 0, None
    first_dateline = parse_dateline(first)
    if first_dateline is None:
        return _without_final_period(joined), 1, None
    # a headline may look like a dateline (``ROTTERDAM PORT SUBSIDY TO END JULY 1 - MINISTER``):
    # it is one only when the next paragraph does not open with a dateline
    second_dateline = parse_dateline(blocks[1])
    if second_dateline is None:
        return None, 0, first_dateline
    return _without_final_period(joined), 1, second_dateline


def _without_final_period(headline: str) -> str:
    # the period is the last character or the one before: most headlines skip the regex
    return _HEADLINE_PERIOD.sub(r"\1", headline) if "." in headline[-2:] else headline


def _opens_with_dateline(line: str) -> bool:
    dateline = parse_dateline(line)
    return dateline is not None and bool(line[dateline.span.end :].strip())


def _split_byline(block: str) -> tuple[str | None, str]:
    match = _BYLINE.match(block)
    if match is None or len(match["name"].split()) > _BYLINE_MAX_WORDS:
        return None, block
    return match["line"].rstrip(" ,"), block[match.end() :].lstrip()


def _body(blocks: list[str]) -> str:
    """The paragraphs of the blocks after title and dateline, separated by one blank line."""
    joined = "\n\n".join(blocks)
    if _is_body(joined, len(blocks)):
        return joined  # most texts: each block already one paragraph with single spaces
    return "\n\n".join([p for block in blocks if block for p in _paragraphs(block)])


def _is_body(joined: str, n_blocks: int) -> bool:
    """Whether ``n_blocks`` blocks joined by ``"\\n\\n"`` are each one line, non-empty and
    squeezed (see :func:`squeeze_spaces`): then the paragraphs are the blocks. Checked with a
    few scans in C instead of a Python call per paragraph."""
    return (
        joined.count("\n") == 2 * (n_blocks - 1)  # only the joins break lines
        and "\n\n\n\n" not in joined  # no empty block inside
        and joined[:1] not in ("\n", " ")
        and joined[-1:] not in ("\n", " ")
        and "  " not in joined
        and " \n" not in joined
        and "\n " not in joined
        and joined.replace("\n", "").isprintable()
    )


def _paragraphs(block: str) -> list[str]:
    """Paragraphs of one blank-line-separated block, hard-wrapped lines joined, spaces collapsed."""
    if "\n" not in block:
        return [squeeze_spaces(block)]
    lines = block.split("\n")
    if max(map(len, lines)) >= _WRAP_WIDTH:
        return [p for p in map(squeeze_spaces, lines) if p]
    # str.split() without arguments turns the wrap newlines into single spaces; the paragraph
    # marks put at indented lines survive it (NUL is not white space)
    joined = " ".join(_INDENTED_LINE.sub(_PARAGRAPH_BREAK, block).split())
    return [
        p
        for p in joined.replace(" " + _PARAGRAPH_BREAK, _PARAGRAPH_BREAK).split(_PARAGRAPH_BREAK)
        if p
    ]


def squeeze_spaces(text: str) -> str:
    """``" ".join(text.split())``: runs of white space made one space, ends stripped.

    Most paragraphs need no change, and that is checked in C without splitting them into words:
    every white-space character but the space is unprintable, so a printable text with no double
    space and no space at an end is already squeezed."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _error(record: RawRecord, reason: str, message: str) -> ParseError:
    return ParseError(
        reason,
        message,
        source_path=record.provenance.source_path,
        record=record.provenance.record,
        excerpt=excerpt(record.text),
    )
