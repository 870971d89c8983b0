"""Format readers: seed layout, plain articles, JSON / JSON Lines / CSV exports, config."""

from __future__ import annotations

import io
import json
import re
import zipfile
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsquotes.config import (
    ConfigError,
    FieldMapping,
    IngestConfig,
    SourceOverride,
    config_from_mapping,
    load_config,
)
from newsquotes.errors import InputError
from newsquotes.models import RawRecord, Reject
from newsquotes.readers import choose_format
from newsquotes.readers.base import UnitContext
from newsquotes.readers.fields import map_fields
from newsquotes.readers.plain import split_title
from newsquotes.readers.seed import read_seed
from newsquotes.sources import discover_sources, read_records
from newsquotes.text import StreamDecoder


def read_bytes(
    tmp_path: Path, name: str, data: bytes, config: IngestConfig | None = None
) -> list[RawRecord | Reject]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    source = next(s for s in discover_sources(tmp_path) if s.rel_path == name)
    return list(read_records(source, config))


# --- seed layout ----------------------------------------------------------------------------------


def test_seed_leading_space_and_no_final_newline(tmp_path: Path) -> None:
    (record,) = read_bytes(tmp_path, "seed.txt", b" date 2018-01-15 MOSCOW, January 15. Text.")
    assert isinstance(record, RawRecord)
    assert record.text == "MOSCOW, January 15. Text."
    assert record.fields == {"date": "2018-01-15"}
    assert record.format == "seed"
    assert record.provenance.record == 0


def test_seed_body_lines_starting_with_date_stay_in_the_article(tmp_path: Path) -> None:
    dump = (
        "date 1987-03-01 BOND ISSUE\n\nLONDON, March 1 - The bonds pay interest.\n"
        "date of payment is April 3.\n"
        "    date 1987-03-02 SECOND STORY\n\nPARIS, March 2 - More text.\n"
        "date 1987-03-02x is not a header either\n"
    )
    records = read_bytes(tmp_path, "dump.txt", dump.encode())
    assert [r.fields["date"] for r in records] == ["1987-03-01", "1987-03-02"]  # type: ignore[union-attr]
    assert records[0].text.endswith("date of payment is April 3.")  # type: ignore[union-attr]
    assert records[1].text.endswith("date 1987-03-02x is not a header either")  # type: ignore[union-attr]
    assert [r.provenance.record for r in records] == [0, 1]  # type: ignore[union-attr]


def test_seed_empty_record_is_rejected_and_keeps_its_index(tmp_path: Path) -> None:
    records = read_bytes(
        tmp_path, "d.txt", b"date 2020-01-01 A.\ndate 2020-01-02\ndate 2020-01-03 C.\n"
    )
    assert [type(r).__name__ for r in records] == ["RawRecord", "Reject", "RawRecord"]
    assert records[1].reason == "empty_record" and records[1].record == 1  # type: ignore[union-attr]
    assert records[2].provenance.record == 2  # type: ignore[union-attr]


def test_seed_header_may_follow_at_most_36_blanks(tmp_path: Path) -> None:
    dump = f"date 2020-01-01 A.\n{' ' * 36}date 2020-01-02 B.\n{' ' * 37}date 2020-01-03 C.\n"
    records = read_bytes(tmp_path, "d.txt", dump.encode())
    assert [r.fields["date"] for r in records] == ["2020-01-01", "2020-01-02"]  # type: ignore[union-attr]
    assert records[1].text == f"B.\n{' ' * 37}date 2020-01-03 C."  # type: ignore[union-attr]


def test_seed_oversized_record_is_rejected_with_its_first_lines(tmp_path: Path) -> None:
    body = "".join(f"line {i} of a long story\n" for i in range(40))
    dump = f"date 2020-01-01 {body}date 2020-01-02 Short.\n"
    small = IngestConfig(max_record_chars=300, max_line_chars=100)
    big, short = read_bytes(tmp_path, "d.txt", dump.encode(), small)
    assert isinstance(big, Reject) and big.reason == "record_too_large"
    assert big.excerpt == "line 0 of a long story line 1 of a long story line 2 of a long story"
    assert isinstance(short, RawRecord) and short.provenance.record == 1


def _seed_records(chunks: list[str], config: IngestConfig) -> list[tuple]:
    ctx = UnitContext("d.txt", "0" * 64, None, StreamDecoder("utf-8"), config, config.fields)
    return [
        (r.provenance.record, r.text, r.fields)
        if isinstance(r, RawRecord)
        else (r.record, r.reason, r.message, r.excerpt)
        for r in read_seed(iter(chunks), ctx)
    ]


SEED_PIECES = st.sampled_from(
    ["date 2021-03-04 ", "date 2021-02-30 ", "\n", "\n\n", " ", "\t", "Text", "date", "x" * 9]
)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(SEED_PIECES, max_size=40),
    cuts=st.lists(st.integers(0, 400), max_size=4),
    record_cap=st.integers(10, 200),
)
def test_seed_records_do_not_depend_on_how_the_text_is_chunked(
    pieces: list[str], cuts: list[int], record_cap: int
) -> None:
    # (an over-long line is only known by its head, which depends on the chunks: not here)
    text = "".join(pieces)
    bounds = [0, *sorted(c for c in cuts if c < len(text)), len(text)]
    chunks = [text[a:b] for a, b in pairwise(bounds) if b > a]
    config = IngestConfig(max_line_chars=10_000, max_record_chars=record_cap)
    assert _seed_records(chunks, config) == _seed_records([text] if text else [], config)


# --- plain articles -------------------------------------------------------------------------------

SPLITS = [
    (
        "title-blank-body",
        "Title here\n\nBody one.\n\nBody two.\n",
        ("Title here", "Body one.\n\nBody two.\n"),
    ),
    ("no-blank-line", "First line\nsecond line\n", (None, "First line\nsecond line\n")),
    ("one-line", "Only a line", (None, "Only a line")),
    ("leading-blank-lines", "\n\n  Title\n \nBody", ("Title", "Body")),
    ("long-first-paragraph", "x" * 400 + "\n\nBody", (None, "x" * 400 + "\n\nBody")),
]


@pytest.mark.parametrize(("text", "expected"), [s[1:] for s in SPLITS], ids=[s[0] for s in SPLITS])
def test_split_title(text: str, expected: tuple[str | None, str]) -> None:
    assert split_title(text) == expected


def test_plain_file(tmp_path: Path) -> None:
    (record,) = read_bytes(
        tmp_path, "a.txt", b"Harbour opens\r\n\r\nOSLO, March 3 (NQ) -- The pier opened.\r\n"
    )
    assert isinstance(record, RawRecord)
    assert record.format == "plain"
    assert record.fields == {"title": "Harbour opens"}
    assert record.text == "OSLO, March 3 (NQ) -- The pier opened."


# --- format choice --------------------------------------------------------------------------------

FORMATS = [
    ("seed-by-content", "x.txt", "date 2020-01-01 A", "seed"),
    ("seed-later-in-sample", "x", "junk\n  date 2020-01-01 A", "seed"),
    ("plain-by-content", "x.txt", "Title\n\nBody", "plain"),
    ("date-word-only", "x.txt", "date of issue\n", "plain"),
    ("json", "x.json", "[]", "json"),
    ("jsonl", "x.ndjson", "{}", "jsonl"),
    ("csv", "x.CSV", "a,b", "csv"),
    ("tsv", "x.tsv", "a\tb", "csv"),
]


@pytest.mark.parametrize(
    ("name", "sample", "expected"), [f[1:] for f in FORMATS], ids=[f[0] for f in FORMATS]
)
def test_choose_format(name: str, sample: str, expected: str) -> None:
    assert choose_format(name, sample) == expected


def test_override_format_by_glob(tmp_path: Path) -> None:
    config = IngestConfig(sources=(SourceOverride(glob="wire/*.dat", format="plain"),))
    (record,) = read_bytes(tmp_path, "wire/a.dat", b"date 2020-01-01 not a header here", config)
    assert isinstance(record, RawRecord) and record.format == "plain"


# --- structured exports ---------------------------------------------------------------------------


def test_json_list_streams_a_minified_export(tmp_path: Path) -> None:
    items = [
        {
            "title": f"T{i}",
            "text": f"Story {i}. " * 50,
            "date": "2024-12-26 21:09:18",
            "link": f"https://example.org/{i}",
            "source": {"name": "NQ Wire"},
        }
        for i in range(300)
    ]
    config = IngestConfig(max_record_chars=4096)  # far less than the file: elements stream
    records = read_bytes(tmp_path, "x.json", json.dumps(items).encode(), config)
    assert len(records) == 300
    last = records[-1]
    assert isinstance(last, RawRecord)
    assert last.fields == {
        "title": "T299",
        "date": "2024-12-26 21:09:18",
        "url": "https://example.org/299",
        "publisher": "NQ Wire",
    }
    assert last.provenance.record == 299


def test_json_objects_one_after_another(tmp_path: Path) -> None:
    data = b'{"body": "One."}\n{"body": "Two."} {"body": "Three."}'
    records = read_bytes(tmp_path, "x.json", data)
    assert [r.text for r in records] == ["One.", "Two.", "Three."]  # type: ignore[union-attr]


def test_paragraph_list_with_lead() -> None:
    obj = {
        "title": "T",
        "description": "The lead.",
        "content": ["The lead.", "P1", " P2 "],
        "date": "2024-12-26 21:09:18",
    }
    mapped = map_fields(obj, FieldMapping())
    assert mapped.text == "P1\n\nP2"
    assert mapped.fields == {"title": "T", "date": "2024-12-26 21:09:18", "lead": "The lead."}
    forced = map_fields({"content": ["Lead", "Body"]}, FieldMapping(lead_first_paragraph=True))
    assert (forced.text, forced.fields) == ("Body", {"lead": "Lead"})
    kept = map_fields({"content": ["Not a lead", "Body"]}, FieldMapping())
    assert kept.text == "Not a lead\n\nBody"


def test_text_column_is_never_also_the_lead() -> None:
    mapped = map_fields({"label": "3", "title": "T", "description": "D"}, FieldMapping())
    assert mapped.text == "D"
    assert mapped.fields == {"title": "T"}


def test_csv_with_mapping_and_quoted_newlines(tmp_path: Path) -> None:
    data = (
        b'id,Headline,Story,Published\n1,"A, b","Line one\nline two",2020-01-01\n'
        b"2,C,Plain story,2020-01-02T10:00:00Z\n"
    )
    config = IngestConfig(
        sources=(
            SourceOverride(
                glob="**/*.csv",
                fields=FieldMapping(text=("story",), title=("headline",), date=("published",)),
            ),
        )
    )
    records = read_bytes(tmp_path, "x.csv", data, config)
    assert [r.text for r in records] == ["Line one\nline two", "Plain story"]  # type: ignore[union-attr]
    assert records[1].fields == {"title": "C", "date": "2020-01-02T10:00:00Z"}  # type: ignore[union-attr]


def test_zip_of_json_and_text_members(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("a/export.json", json.dumps([{"text": "One."}, {"text": "Two."}]))
        archive.writestr("b/story.txt", "Title\n\nBody.")
        archive.writestr("README.md", "not an article")
    records = read_bytes(tmp_path, "bundle.zip", buf.getvalue())
    assert [(r.provenance.member, r.provenance.record, r.format) for r in records] == [  # type: ignore[union-attr]
        ("a/export.json", 0, "json"),
        ("a/export.json", 1, "json"),
        ("b/story.txt", 0, "plain"),
    ]


# --- config ---------------------------------------------------------------------------------------


def test_load_config(tmp_path: Path) -> None:
    path = tmp_path / "ingest.toml"
    path.write_text(
        "[ingest]\nmax_line_chars = 1000\nexclude = ['**/*.bak']\n"
        "[[ingest.sources]]\nglob = 'exports/*.json'\nformat = 'json'\n"
        "[ingest.sources.fields]\ntext = ['content']\nlead_first_paragraph = true\n"
    )
    config = load_config(path)
    assert config.max_line_chars == 1000
    assert config.exclude == ("**/*.bak",)
    override = config.override_for("exports/politics.json")
    assert override is not None and override.format == "json"
    assert override.fields == FieldMapping(text=("content",), lead_first_paragraph=True)
    assert config.override_for("other/politics.json") is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"max_line_chars": "big"}, "max_line_chars must be an integer"),
        ({"max_line_chars": 0}, "must be positive"),
        ({"max_line_char": 5}, "unknown key"),
        ({"sources": [{"glob": "*", "format": "xml"}]}, "format 'xml'"),
        ({"sources": [{"format": "json"}]}, "glob must be"),
        ({"sources": [{"glob": "*", "encoding": "klingon"}]}, "not a known codec"),
        ({"fields": {"txt": ["a"]}}, "unknown key"),
        ({"max_compression_ratio": 1}, "max_compression_ratio"),
    ],
    ids=["type", "range", "typo", "format", "no-glob", "codec", "field-typo", "ratio"],
)
def test_config_validation(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config_from_mapping(data)


def test_config_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("max_line_chars = [")
    with pytest.raises(ConfigError, match=r"bad\.toml"):
        load_config(path)


# --- robustness -----------------------------------------------------------------------------------

# what analysts group rejects by: a short snake_case code
REASON_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
NAMES = ["a.txt", "a.json", "a.jsonl", "a.csv", "a.txt.gz", "a.zip", "a.tar", "a.zst", "a"]
SMALL = IngestConfig(
    max_line_chars=200, max_record_chars=2000, bomb_min_bytes=1024, sample_bytes=512
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), name=st.sampled_from(NAMES))
def test_readers_raise_only_our_errors_on_arbitrary_bytes(
    tmp_path: Path, data: bytes, name: str
) -> None:
    try:
        items = read_bytes(tmp_path, name, data, SMALL)
    except InputError as err:  # anything else fails the test
        assert REASON_CODE.fullmatch(err.reason), err
        assert err.source_path == name
        return
    for item in items:
        if isinstance(item, Reject):
            assert REASON_CODE.fullmatch(item.reason), item
            assert item.source_path == name
        else:
            assert item.text == item.text.strip() and item.text


TEXTISH = st.lists(
    st.sampled_from(
        [
            *"date 2020-01-01\n\r\t ,\"'[]{}:\\abc\u00c3\u00a9\u2028\x00&#;quot",
            "date 2020-01-0",
            "\ndate 2021-02-03 ",
            '{"text": "',
            '"}',
            "text,title\n",
            "\ud800",
        ]
    ),
    max_size=120,
).map("".join)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTISH, name=st.sampled_from(["a.txt", "a.json", "a.jsonl", "a.csv"]))
def test_splitters_raise_only_our_errors_on_arbitrary_text(
    tmp_path: Path, text: str, name: str
) -> None:
    try:
        items = read_bytes(tmp_path, name, text.encode("utf-8", "surrogatepass"), SMALL)
    except InputError as err:  # anything else fails the test
        assert REASON_CODE.fullmatch(err.reason), err
        return
    for item in items:
        if isinstance(item, RawRecord):
            assert item.text == item.text.strip() and item.text
            assert "\r" not in item.text and "\x00" not in item.text
