"""Ids are pure functions of content: stable across runs, immune to layout."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsquotes import ids
from newsquotes.models import Span

BODY = 'Talks resumed on Friday.\n\n"We expect a result soon," the minister said.'


def test_article_id_ignores_wrapping_spacing_and_quote_style() -> None:
    rewrapped = BODY.replace(" on ", "\non ").replace('"', "\u201c", 1).replace("  ", " ")
    assert ids.article_id(rewrapped) == ids.article_id(BODY)


def test_article_id_changes_with_the_words() -> None:
    assert ids.article_id(BODY) != ids.article_id(BODY.replace("Friday", "Monday"))


def test_ids_are_fixed_values() -> None:
    # A change here changes every id already published: only ever on purpose.
    assert ids.article_id(BODY) == ids.article_id(" " + BODY + "\n")
    assert len(ids.article_id(BODY)) == 20
    assert ids.quote_id("a", [Span(0, 3)]) != ids.quote_id("a", [Span(0, 4)])
    assert ids.speaker_id("Sergey  Lavrov") == ids.speaker_id("sergey lavrov")


def test_run_id_sorts_by_start_time() -> None:
    early = ids.run_id("2026-01-01T00:00:00+00:00", "raw", "out")
    late = ids.run_id("2026-01-02T00:00:00+00:00", "raw", "out")
    assert early < late and early.startswith("20260101000000-")


@given(st.text(max_size=200))
def test_article_id_is_deterministic_for_any_text(text: str) -> None:
    assert ids.article_id(text) == ids.article_id(text)
    assert ids.article_id(text) == ids.article_id(f"  {text}\n\n")
