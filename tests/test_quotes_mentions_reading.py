"""Mentions are read from as few tokens as needed: the short readings give the same answers as
reading the whole window (the speed-ups in ``mentions`` rely on it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsquotes.quotes.mentions import (
    _head_tokens,
    _may_end_mention,
    _mention_ending,
    _reaches_start,
    _scan,
    _tail_tokens,
    mention_before,
)

# words that make mentions and cues, and the marks and blanks around them
_PIECES = [
    "Foreign",
    "Minister",
    "Sergey",
    "Lavrov",
    "Lavrov's",
    "Rep.",
    "Paul",
    "Ryan",
    "(R-WI)",
    "Mr.",
    "U.S.",
    "Ambassador",
    "to",
    "of",
    "Havana",
    "the",
    "a",
    "senior",
    "diplomat",
    "spokesman",
    "source",
    "sources",
    "Kremlin",
    "ministry",
    "he",
    "she",
    "they",
    "who",
    "that",
    "also",
    "later",
    "said",
    "told",
    "In",
    "December",
    "Europe.",
    "49",
    ",",
    ".",
    "(",
    ")",
    '"',
    "“",
    "”",
    "—",
    "o'clock",
    "x" * 30,
]
_BLANKS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0"]

texts = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_BLANKS)), min_size=1, max_size=40
).map(lambda parts: "".join(word + blank for word, blank in parts))


def _whole_window_reading(body: str, end: int, floor: int, appositive: bool):
    """``mention_before`` as first written: tokenize the whole 64 (or 160) character window."""
    if not _may_end_mention(body, end, floor):
        return None
    lo = max(floor, end - 64)
    toks = _scan(body, lo, end)
    if lo > floor and len(toks) > 1 and _reaches_start(toks):
        toks = _scan(body, max(floor, end - 160), end)
    return _mention_ending(body, end, floor, appositive, toks, partial=False)


@settings(max_examples=300)
@given(texts, st.data())
def test_head_tokens_are_the_first_tokens_of_the_window(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    count = data.draw(st.integers(1, 12))
    assert _head_tokens(text, start, end, count) == _scan(text, start, end)[:count]


@settings(max_examples=300)
@given(texts, st.data())
def test_tail_tokens_are_the_last_tokens_of_the_window(text: str, data) -> None:
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    window = _scan(text, start, end)
    tail, complete = _tail_tokens(text, start, end)
    assert window[len(window) - len(tail) :] == tail
    assert complete == (len(tail) == len(window))


@settings(max_examples=500)
@given(texts, st.data())
def test_mention_before_reads_like_the_whole_window(text: str, data) -> None:
    end = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, end))
    appositive = data.draw(st.booleans())
    assert mention_before(text, end, floor, appositive) == _whole_window_reading(
        text, end, floor, appositive
    )


def test_a_title_longer_than_the_first_reading_is_read_whole() -> None:
    body = "In a statement on Monday, Russian Deputy Foreign Minister Sergey Ryabkov said"
    found = mention_before(body, body.index(" said") + 1, 0)
    assert found is not None
    assert (found.name, found.title) == ("Sergey Ryabkov", "Russian Deputy Foreign Minister")
