"""Article metadata: title, dateline, byline, sign-off, dates and the clean body."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsquotes import metadata
from newsquotes.errors import ParseError
from newsquotes.metadata import article_agency, parse_article, squeeze_spaces
from newsquotes.models import Provenance, RawRecord

_SEED_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b")


def record(text: str, fmt: str = "seed", **fields: str) -> RawRecord:
    return RawRecord(Provenance("test.txt", "0" * 64, 0), text, fmt, dict(fields))


def seed_record(path: Path) -> RawRecord:
    """One-article file of the seed layout, cut the way ingest cuts it."""
    raw = path.read_text("utf-8")
    header = _SEED_HEADER.match(raw)
    assert header is not None
    return record(raw[header.end() :].lstrip(), date=header.group(1))


def assert_clean_body(body: str) -> None:
    assert body == body.strip()
    assert "\n\n\n" not in body
    assert all(p and p == p.strip() and "\n" not in p for p in body.split("\n\n"))


def test_seed_article(seed_path: Path) -> None:
    meta = parse_article(seed_record(seed_path))
    assert meta.published_date == dt.date(2018, 1, 15)
    assert meta.date_source == "header"
    assert meta.title is None
    assert meta.dateline is not None
    assert meta.dateline.text == "MOSCOW, January 15./TASS/."
    assert (meta.dateline.location, meta.dateline.place) == ("MOSCOW", "Moscow")
    assert (meta.dateline.month, meta.dateline.day) == (1, 15)
    assert article_agency(meta) == "TASS"
    assert meta.body.startswith("Russia may introduce visa-free travel")
    assert_clean_body(meta.body)
    assert len(meta.paragraphs) == 8  # the seed's eight blank-line-separated paragraphs
    assert meta.paragraphs[-1].endswith("the senior diplomat summed up.")


def _tass_gold(shared: Path) -> list[dict]:
    lines = (shared / "gold" / "metadata-tass.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_tass_file_parses(shared: Path) -> None:
    gold = {row["path"]: row for row in _tass_gold(shared)}
    files = sorted((shared / "corpora" / "tass").glob("*.txt"))
    assert len(files) == 11
    for path in files:
        row = gold[f"tass/{path.name}"]
        meta = parse_article(seed_record(path))
        assert article_agency(meta) == "TASS", path.name
        assert meta.dateline is not None and meta.dateline.location == row["location"], path.name
        assert meta.published_date == dt.date.fromisoformat(row["date"]), path.name
        assert meta.title is None, path.name
        assert_clean_body(meta.body)


def test_tass_region_dateline_without_place_in_body() -> None:
    meta = parse_article(
        record(
            "IGORA /Leningrad Region/, December 26. /TASS/. The summit opened.\n\nIt ended.",
            date="2024-12-26",
        )
    )
    assert meta.dateline is not None
    assert (meta.dateline.location, meta.dateline.region) == ("IGORA", "Leningrad Region")
    assert meta.dateline.place == "Igora"
    assert meta.body == "The summit opened.\n\nIt ended."


HARD_WRAPPED = """\
ACME WIDGETS <ACW> SEES HIGHER PROFIT

SPRINGFIELD, Ill., March 4 - Acme Widgets Corp said it
expects higher first quarter profit on stronger demand for
its widgets.
    The company said orders rose 12 pct in
February.
    "Demand is broad," its chairman said.
 Reuter
"""


def test_hard_wrapped_wire_copy_with_title_and_signoff() -> None:
    meta = parse_article(record(HARD_WRAPPED, date="1987-03-04"))
    assert meta.title == "ACME WIDGETS <ACW> SEES HIGHER PROFIT"
    assert meta.dateline is not None
    assert (meta.dateline.location, meta.dateline.region) == ("SPRINGFIELD", "Ill.")
    assert meta.signoff == "Reuter"
    assert article_agency(meta) == "Reuters"
    assert meta.body == (
        "Acme Widgets Corp said it expects higher first quarter profit on stronger demand for "
        "its widgets.\n\nThe company said orders rose 12 pct in February.\n\n"
        '"Demand is broad," its chairman said.'
    )


def test_long_lines_separated_by_single_newlines_are_paragraphs() -> None:
    first = (
        "The first paragraph is a long line that no wire service would ever hard-wrap like this, "
        * 2
    )
    second = "The second paragraph follows after one newline only."
    meta = parse_article(record(f"{first.strip()}\n{second}", "plain"))
    assert meta.body == f"{first.strip()}\n\n{second}"


def test_plain_file_title_line_and_dateline_year() -> None:
    text = (
        "Malaysian shares fall at midday\n\n"
        "KUALA LUMPUR, April 1 , 1997 (AFP) -- Malaysian share prices dipped.\n\n"
        "Dealers said investors sold banking stocks.\n"
    )
    meta = parse_article(record(text, "plain"))
    assert meta.title == "Malaysian shares fall at midday"
    assert meta.published_date == dt.date(1997, 4, 1)
    assert meta.date_source == "dateline"
    assert article_agency(meta) == "AFP"
    assert (
        meta.body == "Malaysian share prices dipped.\n\nDealers said investors sold banking stocks."
    )


def test_headline_with_sub_headline_and_added_period() -> None:
    text = "Trump questions the moderators; \nTalk compared to 'working the referees.'\n\nBody."
    meta = parse_article(record(text, date="2016-10-01"))
    assert meta.title == "Trump questions the moderators; Talk compared to 'working the referees'"


def test_byline_is_kept_out_of_the_body() -> None:
    text = (
        "China tightens rules\n\nBy GERRY SHIH\n\n"
        "BEIJING (AP) — China said on Monday it would tighten rules.\n\nMore followed."
    )
    meta = parse_article(record(text, date="2018-01-15"))
    assert meta.title == "China tightens rules"
    assert meta.byline == "By GERRY SHIH"
    assert article_agency(meta) == "AP"
    assert meta.body == "China said on Monday it would tighten rules.\n\nMore followed."


def test_reuters_credit_line_is_a_signoff() -> None:
    text = (
        "Court hears power plant case\n\nThe rules face a key test on Tuesday.\n\n"
        "(Reporting by A. Reporter; Editing by B. Editor)"
    )
    meta = parse_article(record(text, date="2016-09-27"))
    assert article_agency(meta) == "Reuters"
    assert meta.body == "The rules face a key test on Tuesday."


def test_export_fields_give_title_timestamp_and_links() -> None:
    text = "Putin arrives in Igora\n\nThe president arrived on Thursday."
    meta = parse_article(
        record(
            text,
            "json",
            title="Putin arrives in Igora",
            date="2024-12-26 14:05:00",
            url="https://tass.com/politics/1",
            publisher="TASS",
        )
    )
    assert meta.title == "Putin arrives in Igora"
    assert meta.body == "The president arrived on Thursday."
    assert (meta.published_date, meta.date_source) == (dt.date(2024, 12, 26), "export")
    assert meta.published_at == dt.datetime(2024, 12, 26, 14, 5)
    assert meta.timezone is None  # the export names no zone: unknown, not assumed
    assert (meta.url, meta.publisher) == ("https://tass.com/politics/1", "TASS")


def test_export_timestamp_keeps_its_zone() -> None:
    meta = parse_article(record("Text.", "jsonl", date="2024-12-26T23:30:00+03:00"))
    assert meta.timezone == "+03:00"
    assert meta.published_at is not None and meta.published_at.utcoffset() == dt.timedelta(hours=3)


@pytest.mark.parametrize(
    ("dateline", "reference", "expected"),
    [
        ("MOSCOW, December 31. /TASS/.", dt.date(2025, 1, 2), dt.date(2024, 12, 31)),
        ("MOSCOW, January 2. /TASS/.", dt.date(2024, 12, 30), dt.date(2025, 1, 2)),
        ("MOSCOW, June 5. /TASS/.", dt.date(2024, 6, 6), dt.date(2024, 6, 5)),
    ],
    ids=["dec-in-january", "jan-in-december", "same-year"],
)
def test_dateline_year_from_reference_date(
    dateline: str, reference: dt.date, expected: dt.date
) -> None:
    meta = parse_article(record(f"{dateline} Talks went on.", "plain"), reference_date=reference)
    assert (meta.published_date, meta.date_source) == (expected, "dateline")


def test_header_date_wins_over_dateline_and_reference() -> None:
    meta = parse_article(
        record("MOSCOW, January 14./TASS/. Text.", date="2018-01-15"),
        reference_date=dt.date(2000, 1, 1),
    )
    assert (meta.published_date, meta.date_source) == (dt.date(2018, 1, 15), "header")


def test_no_date_anywhere() -> None:
    meta = parse_article(record("Moscow is calm today, residents said.", "plain"))
    assert (meta.published_date, meta.date_source, meta.dateline) == (None, "none", None)


def test_body_sentence_starting_with_a_city_keeps_its_words() -> None:
    meta = parse_article(record("Washington, March 11 is the deadline.", date="2020-03-01"))
    assert meta.dateline is None
    assert meta.body == "Washington, March 11 is the deadline."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty_record"),
        ("  \n\n ", "empty_record"),
        ("MOSCOW, January 15./TASS/.", "empty_body"),
    ],
    ids=["empty", "white-space", "dateline-only"],
)
def test_record_without_article_raises_parse_error(text: str, reason: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_article(record(text, date="2018-01-15"))
    assert info.value.reason == reason
    assert info.value.stage == "parse"
    assert info.value.source_path == "test.txt"


@given(st.text(alphabet=st.sampled_from("ab MOSCOW,.-—()/\n\t 15January\"'"), max_size=300))
def test_any_text_gives_a_clean_body_or_a_parse_error(text: str) -> None:
    try:
        meta = parse_article(record(text, date="2018-01-15"))
    except ParseError as err:
        assert err.reason in {"empty_record", "empty_body"}
        return
    assert meta.body
    assert_clean_body(meta.body)
    assert parse_article(record(text, date="2018-01-15")) == meta  # deterministic


def test_paragraph_starting_with_by_is_not_a_byline() -> None:
    text = "Talks collapse\n\nBy Monday, the talks had failed.\n\nBoth sides left."
    meta = parse_article(record(text, date="2020-03-02"))
    assert meta.byline is None
    assert meta.body == "By Monday, the talks had failed.\n\nBoth sides left."


def test_only_the_space_is_both_white_space_and_printable() -> None:
    # what squeeze_spaces relies on to leave most paragraphs alone
    assert [c for c in range(0x110000) if chr(c).isspace() and chr(c).isprintable()] == [32]


@given(st.text(" \t\n\xa0\u2028\u3000\x1fab.") | st.text())
def test_squeeze_spaces_is_join_split(text: str) -> None:
    assert squeeze_spaces(text) == " ".join(text.split())


@given(st.lists(st.text(" \t\n\xa0ab.", max_size=12), max_size=6))
def test_body_of_ready_blocks_is_their_paragraphs(blocks: list[str]) -> None:
    # _body skips the per-paragraph work when the blocks are already paragraphs: same result
    paragraphs = [p for block in blocks if block for p in metadata._paragraphs(block)]
    assert metadata._body(blocks) == "\n\n".join(paragraphs)
