"""The fast scans of round 4 find what the plain scans they replace find: a cue pattern led by
an ASCII class, a word's start found with ``rfind``, in-word apostrophes dropped by the mark
regex, and the early exits of round 5 (the extraction output must not move with a speed-up)."""

from __future__ import annotations

import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from newsquotes.quotes import marks
from newsquotes.quotes.cues import ACCORDING_TO, _cue_after_separator, _trie_regex, cue_spans
from newsquotes.quotes.lexicon import lexicon
from newsquotes.quotes.marks import _MARKS, scan_quotes
from newsquotes.quotes.mentions import _word_start
from newsquotes.quotes.resolve import _may_have_near_pair, _near

_PIECES = [
    "said",
    "Said",
    "says",
    "told",
    "summed up",
    "summed upon",
    "according to",
    "According to",
    "accordingly",
    "the",
    "don't",
    "Russia’s",
    "O'Brien",
    "U.S.",
    "AT&T",
    "x_said",
    "é",
    "Ésaid",
    "(said",
    "“",
    "”",
    "'",
    "‘",
    "’",
    '"',
    "«",
    "»",
    "``",
    "''",
    ",",
    ".",
    "—",
    "42",
]
_BLANKS = ["", " ", " ", "\n", "\t", "\u00a0"]

texts = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_BLANKS)), min_size=1, max_size=30
).map(lambda parts: "".join(word + blank for word, blank in parts))


@cache
def _plain_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    forms = [*lexicon().lemma_of, ACCORDING_TO, "According to"]
    trie = _trie_regex(forms)
    return re.compile(r"\b" + trie + r"\b"), re.compile(r"\W(" + trie + r")\b")


def _plain_cue_spans(body: str) -> list[tuple[int, int]]:
    opening, plain = _plain_patterns()
    first = opening.match(body)
    spans = [first.span()] if first else []
    return spans + [m.span(1) for m in plain.finditer(body, first.end() if first else 0)]


def _plain_word_start(body: str, stop: int, floor: int) -> int:
    pos = stop
    while pos > floor and (body[pos - 1].isalnum() or body[pos - 1] in ".'’-&"):
        pos -= 1
    return pos


@settings(max_examples=400, deadline=None)
@given(texts)
def test_cue_spans_match_the_plain_separator_pattern(text: str) -> None:
    assert cue_spans(text) == _plain_cue_spans(text)


def test_cue_after_a_non_ascii_separator_or_letter() -> None:
    assert _cue_after_separator().search("Ésaid") is None  # É is a word character
    assert cue_spans("«said it") == [(1, 5)]  # « is not
    assert cue_spans("x_said it") == []


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_word_start_matches_the_plain_walk_back(text: str, data) -> None:
    stop = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, stop))
    assert _word_start(text, stop, floor) == _plain_word_start(text, stop, floor)


def test_in_word_apostrophes_are_not_marks() -> None:
    body = "He said: 'don't go' and Russia’s ‘plan’ ''works''"
    marks = [m.group() for m in _MARKS.finditer(body)]
    assert marks == ["'", "'", "‘", "’", "'", "'", "'", "'"]
    assert [body[q.start : q.end] for q in scan_quotes(body)] == ["don't go", "plan", "works"]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_quotes_match_a_scan_of_every_mark(text: str) -> None:
    fast = scan_quotes(text)
    every_mark = re.compile(r"[\"“”«»„\n`'‘’]")
    original = marks._MARKS
    marks._MARKS = every_mark
    try:
        plain = scan_quotes(text)
    finally:
        marks._MARKS = original
    assert fast == plain


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text("abAB", min_size=1, max_size=8), max_size=8, unique=True))
def test_no_near_pair_means_no_two_surnames_are_near(keys: list[str]) -> None:
    # round 5: enrich skips the near-surname merge when the cheap test says no pair can match
    near = any(_near(a, b) for a in keys for b in keys if a != b)
    assert not near or _may_have_near_pair(keys)
