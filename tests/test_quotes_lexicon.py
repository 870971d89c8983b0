"""The word lists are data files validated on load."""

from __future__ import annotations

import pytest

from newsquotes.errors import ConfigError
from newsquotes.quotes.cues import cue_pattern, lemma
from newsquotes.quotes.lexicon import (
    inflect,
    lexicon,
    load_gendered,
    load_headline_forms,
    load_verbs,
    load_word_list,
)


def test_packaged_lexicon_loads() -> None:
    lex = lexicon()
    assert lex.lemma_of["said"] == "say"
    assert lex.lemma_of["summed up"] == "sum up"
    assert "believe" not in lex.lemma_of.values()  # belief, not speech
    assert lex.pronouns["she"] == "f"


@pytest.mark.parametrize(
    ("lemma_", "forms"),
    [
        ("note", ("note", "notes", "noted", "noting")),
        ("deny", ("deny", "denies", "denied", "denying")),
        ("stress", ("stress", "stresses", "stressed", "stressing")),
        ("point out", ("point out", "points out", "pointed out", "pointing out")),
    ],
)
def test_inflection_rule(lemma_: str, forms: tuple[str, ...]) -> None:
    assert inflect(lemma_) == forms


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("say\tmaybe\t-\n", "speech must be yes, no or quote"),
        ("say\tyes\n", "expected lemma, speech, forms"),
        ("say\tyes\t-\nsay\tyes\t-\n", "duplicate lemma"),
        ("Say\tyes\t-\n", "not a lower-case word"),
        ("say\tyes\tsaid,says\n", "forms must include the lemma"),
        ("# only a comment\n", "no reporting verbs"),
    ],
)
def test_bad_verb_table_raises_config_error(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as err:
        load_verbs("verbs.tsv", text)
    assert err.value.source == "verbs.tsv"


def test_bad_word_list_and_gender_table() -> None:
    with pytest.raises(ConfigError, match="line 1"):
        load_word_list("nouns.txt", "two words\tx\n")
    with pytest.raises(ConfigError, match="gender"):
        load_gendered("titles.tsv", ("m", "f"), "mayor\tx\n")


def test_cue_regex_prefers_the_longest_form() -> None:
    text = "He summed up, according to aides, and then said: no."
    found = [m.group() for m in cue_pattern().finditer(text)]
    assert found == ["summed up", "according to", "said"]
    assert lemma("Summed  up") == "sum up"


def test_headline_forms_are_speech_verb_forms() -> None:
    lemma_of = lexicon().lemma_of
    assert "says" in lexicon().headline_forms
    assert load_headline_forms(lemma_of, "h.txt", "says\ntells\n") == {"says", "tells"}
    with pytest.raises(ConfigError, match="not a form of a speech verb: believes"):
        load_headline_forms(lemma_of, "h.txt", "says\nbelieves\n")


def test_capitalized_cues_only_for_headline_forms() -> None:
    text = "Mayor Says Libraries Reopen. United States Reports Growth."
    found = [m.group() for m in cue_pattern().finditer(text)]
    assert found == ["Says"]
    assert lemma("Says") == "say"
