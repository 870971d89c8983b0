"""Mention readers: sentence openers are no names, a sentence's full stop is no part of one."""

from __future__ import annotations

import pytest

from newsquotes.quotes.mentions import mention_after, mention_before


@pytest.mark.parametrize(
    "body",
    [
        "Similarly said the plan would fail.",
        "Friday said the plan would fail.",
        "Rather said the plan would fail.",
        "November said the plan would fail.",
    ],
    ids=["adverb", "day", "connective", "month"],
)
def test_capitalized_sentence_opener_is_not_a_name(body: str) -> None:
    assert mention_before(body, body.index(" said"), 0) is None


def test_surname_still_read_before_cue() -> None:
    body = "Later, Senator Ann Holt said the plan would fail."
    found = mention_before(body, body.index(" said"), body.index("Senator"))
    assert found is not None and found.name == "Ann Holt"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("It is over, said Obama adviser David Axelrod.", "Obama adviser David Axelrod"),
        ("It is over, said Michelle F.", "Michelle F."),
        ("It is over, said Ed Holt Jr.", "Ed Holt Jr."),
    ],
    ids=["full-stop-dropped", "initial-kept", "suffix-kept"],
)
def test_mention_after_leaves_the_full_stop_out(body: str, text: str) -> None:
    found = mention_after(body, body.index("said") + 5, len(body))
    assert found is not None and found.text == text
