"""Word lists the quote extractor reads: reporting verbs, titles, organization and anonymous nouns.

They are data files in ``newsquotes/rules/``, validated on load (a bad entry raises
:class:`~newsquotes.errors.ConfigError` naming the file and line) and loaded once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsquotes.errors import ConfigError

RULES_PACKAGE = "newsquotes.rules"
_WORD = re.compile(r"^[a-z][a-z.'-]*( [a-z][a-z.'-]*)*$")
_VOWELS = "aeiou"


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    lemma: str
    speech: bool
    forms: tuple[str, ...]
    needs_quote: bool = False  # a cue only for a clause with quote marks ("called it a "farce"")


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: tuple[ReportingVerb, ...]
    lemma_of: dict[str, str]  # any inflected form (lower case) -> lemma, speech verbs only
    quote_only: frozenset[str]  # lemmas that are cues only next to quote marks
    titles: dict[str, str | None]  # title word -> gender or None
    organization_nouns: frozenset[str]
    anonymous_nouns: frozenset[str]
    pronouns: dict[str, str]  # pronoun -> m / f / p
    head_nouns: frozenset[str]  # titles, anonymous and organization nouns: heads of mentions
    headline_forms: frozenset[str] = frozenset()  # forms that are cues capitalized too


def inflect(lemma: str) -> tuple[str, ...]:
    """Regular inflections of a verb lemma: base, 3rd person, past, gerund.

    A particle stays after the verb (``point out`` -> ``points out``). Consonant doubling is not
    guessed; such verbs list their forms in the data file.
    """
    verb, _, particle = lemma.partition(" ")
    tail = f" {particle}" if particle else ""
    if verb.endswith("e"):
        forms = [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        forms = [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms = [verb, verb + "es", verb + "ed", verb + "ing"]
    else:
        forms = [verb, verb + "s", verb + "ed", verb + "ing"]
    return tuple(f + tail for f in forms)


def _lines(name: str, text: str | None = None) -> list[tuple[int, list[str]]]:
    """Non-comment, non-blank lines of a rules file as (line number, tab-separated fields).

    ``text`` replaces the packaged file's content (tests validate their own tables)."""
    if text is None:
        try:
            text = resources.files(RULES_PACKAGE).joinpath(name).read_text(encoding="utf-8")
        except (OSError, UnicodeError) as err:
            raise ConfigError(f"cannot read rules file: {err}", source=name) from err
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((number, [f.strip() for f in line.split("\t")]))
    return rows


def _check_word(word: str, name: str, number: int) -> str:
    if not _WORD.match(word):
        raise ConfigError(
            f"line {number}: {word!r} is not a lower-case word or phrase", source=name
        )
    return word


def load_verbs(
    name: str = "reporting_verbs.tsv", text: str | None = None
) -> tuple[ReportingVerb, ...]:
    verbs: list[ReportingVerb] = []
    seen: set[str] = set()
    for number, fields in _lines(name, text):
        if len(fields) != 3:
            raise ConfigError(f"line {number}: expected lemma, speech, forms", source=name)
        lemma, speech, forms_field = fields
        _check_word(lemma, name, number)
        if lemma in seen:
            raise ConfigError(f"line {number}: duplicate lemma {lemma!r}", source=name)
        seen.add(lemma)
        if speech not in ("yes", "no", "quote"):
            raise ConfigError(
                f"line {number}: speech must be yes, no or quote, not {speech!r}", source=name
            )
        if forms_field == "-":
            forms = inflect(lemma)
        else:
            forms = tuple(_check_word(f.strip(), name, number) for f in forms_field.split(","))
            if lemma not in forms:
                raise ConfigError(f"line {number}: forms must include the lemma", source=name)
        verbs.append(ReportingVerb(lemma, speech != "no", forms, speech == "quote"))
    if not verbs:
        raise ConfigError("no reporting verbs", source=name)
    return tuple(verbs)


def load_word_list(name: str, text: str | None = None) -> frozenset[str]:
    words = set()
    for number, fields in _lines(name, text):
        if len(fields) != 1:
            raise ConfigError(f"line {number}: expected one word per line", source=name)
        words.add(_check_word(fields[0], name, number))
    if not words:
        raise ConfigError("empty word list", source=name)
    return frozenset(words)


def load_gendered(
    name: str, genders: tuple[str, ...], text: str | None = None
) -> dict[str, str | None]:
    table: dict[str, str | None] = {}
    for number, fields in _lines(name, text):
        if len(fields) != 2:
            raise ConfigError(f"line {number}: expected word and gender", source=name)
        word, gender = fields
        _check_word(word, name, number)
        if gender != "-" and gender not in genders:
            raise ConfigError(f"line {number}: gender must be one of {genders} or -", source=name)
        if word in table:
            raise ConfigError(f"line {number}: duplicate entry {word!r}", source=name)
        table[word] = None if gender == "-" else gender
    if not table:
        raise ConfigError("empty table", source=name)
    return table


def load_headline_forms(
    lemma_of: dict[str, str], name: str = "headline_cues.txt", text: str | None = None
) -> frozenset[str]:
    """Cue forms also matched capitalized; each must be a form of a speech verb."""
    forms = load_word_list(name, text)
    unknown = sorted(forms.difference(lemma_of))
    if unknown:
        raise ConfigError(f"not a form of a speech verb: {', '.join(unknown)}", source=name)
    return forms


@cache
def lexicon() -> Lexicon:
    """All word lists, validated, loaded once per process."""
    verbs = load_verbs()
    lemma_of = {form: v.lemma for v in verbs if v.speech for form in v.forms}
    pronouns = {k: v for k, v in load_gendered("pronouns.tsv", ("m", "f", "p")).items() if v}
    titles = load_gendered("speaker_titles.tsv", ("m", "f"))
    organization_nouns = load_word_list("organization_nouns.txt")
    anonymous_nouns = load_word_list("anonymous_nouns.txt")
    headline_forms = load_headline_forms(lemma_of)
    return Lexicon(
        verbs=verbs,
        lemma_of=lemma_of,
        quote_only=frozenset(v.lemma for v in verbs if v.needs_quote),
        titles=titles,
        organization_nouns=organization_nouns,
        anonymous_nouns=anonymous_nouns,
        pronouns=pronouns,
        head_nouns=frozenset(titles) | organization_nouns | anonymous_nouns,
        headline_forms=headline_forms,
    )
