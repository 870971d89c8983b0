"""Text hygiene: encoding detection, streaming decode, line splitting, normalization."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import DATA
from newsquotes import text as text_module
from newsquotes.errors import DecodeError
from newsquotes.text import (
    Overlong,
    StreamDecoder,
    decode_stream,
    detect_encoding,
    iter_lines,
    normalize_text,
)

HYGIENE = json.loads((DATA / "text-hygiene.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", HYGIENE, ids=[c["id"] for c in HYGIENE])
def test_normalize_text(case: dict) -> None:
    clean = normalize_text(case["input"])
    assert clean.text == case["expected"]
    assert clean.repaired is case["repaired"]


ENCODINGS = [
    ("utf-8", "Ségolène said “yes”.".encode(), "utf-8"),
    ("utf-8-bom", "\ufeffSégolène said.".encode(), "utf-8-sig"),
    ("utf-16-le-bom", "Ségolène said.".encode("utf-16"), "utf-16"),
    ("utf-16-be-bom", b"\xfe\xff" + "Ségolène said.".encode("utf-16-be"), "utf-16"),
    ("utf-16-le-no-bom", "MOSCOW, January 15. Lavrov said.".encode("utf-16-le"), "utf-16-le"),
    ("cp1252-pound", "The fee was £15.8m, he said.".encode("cp1252"), "cp1252"),
    ("cp1252-quotes", "He said \u201cno\u201d to the caf\u00e9 owners.".encode("cp1252"), "cp1252"),
    ("cp1251", "Министр иностранных дел России заявил журналистам.".encode("cp1251"), "cp1251"),
    ("ascii", b"plain ascii", "utf-8"),
]


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in ENCODINGS], ids=[c[0] for c in ENCODINGS]
)
def test_detect_encoding(data: bytes, expected: str) -> None:
    assert detect_encoding(data, complete=True) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary_file"),
        (b"\x00" * 100, "nul_filled"),
        (bytes(range(1, 32)) * 10, "binary_file"),
    ],
    ids=["png", "nul-filled", "control-bytes"],
)
def test_detect_encoding_refuses_binary(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as err:
        detect_encoding(data, complete=True)
    assert err.value.reason == reason


def test_utf8_stream_falls_back_to_cp1252_past_the_sample() -> None:
    decoder = StreamDecoder("utf-8")
    text = "".join(decode_stream([b"caf\xc3", b"\xa9 ok; price \xa315\r", b"\nend"], decoder))
    assert text == "café ok; price £15\nend"
    assert decoder.label == "utf-8+cp1252"


def test_invalid_utf16_is_a_decode_error() -> None:
    decoder = StreamDecoder("utf-16-le")
    with pytest.raises(DecodeError) as err:
        list(decode_stream([b"a\x00\x00\xd8b\x00"], decoder))
    assert err.value.reason == "invalid_utf16le"


def test_iter_lines_caps_length_without_holding_the_line() -> None:
    chunks = ["short\nxx", "x" * 50, "x" * 50, "\nnext\nlast"]
    lines = list(iter_lines(chunks, max_chars=20))
    assert lines[0] == "short\n"
    assert isinstance(lines[1], Overlong) and lines[1].length == 103
    assert lines[2:] == ["next\n", "last"]


@given(st.lists(st.text(alphabet="ab\n", max_size=30), max_size=8))
def test_iter_lines_rejoins_to_the_input(chunks: list[str]) -> None:
    lines = list(iter_lines(chunks, max_chars=10_000))
    assert "".join(str(line) for line in lines) == "".join(chunks)
    assert all(line.endswith("\n") for line in lines[:-1])


@given(st.text())
@example("\u00c2\x1f\x80")  # a control inside mojibake: dropping it makes a new marker pair
def test_normalize_text_is_idempotent_nfc_and_clean(text: str) -> None:
    once = normalize_text(text).text
    assert normalize_text(once).text == once
    assert "\r" not in once and "\x00" not in once and "\u2028" not in once


@given(st.binary(max_size=2048))
def test_decoding_arbitrary_bytes_raises_only_our_errors(data: bytes) -> None:
    try:
        encoding = detect_encoding(data, complete=True)
        text = "".join(decode_stream([data[:7], data[7:]], StreamDecoder(encoding)))
    except DecodeError as err:  # anything else fails the test
        assert err.reason and err.stage == "decode"
        return
    assert "\r" not in text


# The mojibake marker in its plain form; text.py writes it with one leading class so the regex
# engine can scan for it in C. Both must find markers in exactly the same texts.
_PLAIN_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160"
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153"
    "\u017e\u0178]"
    "|[\u0080-\u009f]"
    "|[\u0420\u0421][\u0402-\u045f\u2018-\u203a\u00a0-\u00bf]"
)


def test_mojibake_marker_finds_what_its_plain_form_finds() -> None:
    # a marker is at most two characters: every pair of characters near the classes decides it
    chars = [chr(c) for c in (*range(0x60, 0x180), *range(0x3F0, 0x470), *range(0x2000, 0x2130))]
    chars += ["\u02c6", "\u02dc", "\u0192", "a", " "]
    for first in chars:
        for second in chars:
            pair = first + second
            assert bool(text_module._MOJIBAKE.search(pair)) == bool(_PLAIN_MOJIBAKE.search(pair))


_SPECIAL = "".join(chr(c) for c in text_module._TABLE) + "ab\u00e9\u201c\n"


@given(st.text(_SPECIAL, max_size=40) | st.text(max_size=40))
def test_translation_is_str_translate_with_the_table(text: str) -> None:
    expected = text.translate(text_module._TABLE)
    assert text_module._translate(text) == expected
    needed = text_module._TRANSLATED.search(text) is not None
    assert needed == (expected != text)
    if text.isascii():
        assert text_module._has_ascii_translated(text) == needed
