"""No quoted passage near a tag is silently dropped: the whole-sentence quote after a tagged
quote and some narration ends up in a prediction, whatever word ends the narration (``no``,
``U.S.``, ``St.``, ``a.m.``: words the sentence splitter once read as abbreviations)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsquotes.quotes import extract_quotes

_QUOTE_WORDS = ["we", "will", "win", "this", "fight", "and", "the", "town", "needs", "more", "time"]
_NARRATION = [
    "shaking",
    "his",
    "head",
    "no",
    "walking",
    "down",
    "Main",
    "St.",
    "after",
    "flying",
    "to",
    "the",
    "U.S.",
    "at",
    "9",
    "a.m.",
    "near",
    "Acme",
    "Inc.",
    "smiling",
    "again",
]
_NAMES = ["Smith", "Ana Ruiz", "Senator Omar Lee"]

_SENTENCE = st.lists(st.sampled_from(_QUOTE_WORDS), min_size=4, max_size=9).map(
    lambda words: " ".join(words).capitalize()
)


def _covered(body: str, text: str) -> bool:
    start = body.index(text)
    end = start + len(text)
    return any(p.start <= start and end <= p.end for q in extract_quotes(body) for p in q.pieces)


@settings(max_examples=200, deadline=None)
@given(
    first=_SENTENCE,
    second=_SENTENCE,
    name=st.sampled_from(_NAMES),
    inverted=st.booleans(),
    narration=st.lists(st.sampled_from(_NARRATION), min_size=1, max_size=6),
)
@example(
    first="Do we win this",
    second="But the town needs more time",
    name="Smith",
    inverted=False,
    narration=["shaking", "his", "head", "no"],
)
def test_quote_after_a_tag_and_narration_is_never_lost(
    first: str, second: str, name: str, inverted: bool, narration: list[str]
) -> None:
    tag = f"said {name}" if inverted else f"{name} said"
    tail = " ".join(narration).rstrip(".")
    body = f'"{first}," {tag}, {tail}. "{second}."'
    assert _covered(body, first)
    assert _covered(body, second + ".")
