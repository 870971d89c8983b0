"""Quote extraction: expected outputs for hand-written sentences (tests/data/quotes/cases*.json),
including the cases that must produce nothing, plus robustness on arbitrary text."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import DATA
from newsquotes.models import Quote
from newsquotes.quotes import extract_quotes

# cases.json, plus one file per topic (cases_indirect.json: indirect-speech patterns)
CASES = [
    case
    for path in sorted((DATA / "quotes").glob("cases*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))
]


def _as_dict(body: str, q: Quote) -> dict:
    return {
        "type": q.type,
        "pieces": [p.of(body) for p in q.pieces],
        "mention": q.mention.of(body) if q.mention else None,
        "speaker": q.speaker,
        "speaker_title": q.speaker_title,
        "speaker_kind": q.speaker_kind,
        "cue": q.cue.of(body) if q.cue else None,
    }


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_expected_quotes(case: dict) -> None:
    body = case["body"]
    assert [_as_dict(body, q) for q in extract_quotes(body)] == case["expected"]


def test_cases_cover_things_that_must_produce_nothing() -> None:
    assert sum(1 for c in CASES if not c["expected"]) >= 5


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_spans_are_sorted_and_inside_body(case: dict) -> None:
    body = case["body"]
    quotes = extract_quotes(body)
    assert [q.pieces[0].start for q in quotes] == sorted(q.pieces[0].start for q in quotes)
    for q in quotes:
        for span in (*q.pieces, q.cue, q.mention):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(body)


def test_deterministic() -> None:
    body = CASES[0]["body"]
    assert extract_quotes(body) == extract_quotes(body)


def test_empty_body() -> None:
    assert extract_quotes("") == []


_PIECES = [*"abc XYZ.,:;\n\"“”«»„`'‘’—-", "said", " he ", "Lavrov", "according to", "The "]
_QUOTEY = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), _QUOTEY))
# a relative pronoun that ends the phrase after an inverted tag once gave a mention [16, 15)
@example('"0"According to-THE who')
def test_never_raises_and_spans_stay_in_body(body: str) -> None:
    for q in extract_quotes(body):
        assert q.pieces
        for span in (*q.pieces, q.cue, q.mention):
            if span is not None:
                assert span.end <= len(body)
