"""A plain noun phrase that opens a sentence as its subject (``The ad targets``, ``A staffer
emailed``, ``One sweeping question asked``): the speaker of a mixed quote in its clause when
no name, title or pronoun stands there.
"""

from __future__ import annotations

import re

from newsquotes.models import SpeakerKind
from newsquotes.quotes.lexicon import lexicon, load_word_list
from newsquotes.quotes.mentions import Mention

_TEXT_NOUNS = load_word_list("text_nouns.txt")
# maybe a conjunction, then determiner, at most two modifiers and the head noun
_OPENING_NP = (
    r"(?:(?:But|And|So|Yet|Still|Also),?\s+)?"
    r"(?P<np>(?:The|A|An|One|Another|Each|Every)\s+(?:[\w’'-]+\s+){0,2}?(?P<head>[a-z][a-z-]+))"
)
# the opening noun phrase, then a lower-case finite verb (maybe after an auxiliary or an
# adverb): "The non-profit is seeking", "The Rove ad hits"
_NOUN_SUBJECT = re.compile(
    _OPENING_NP + r"(?:\s+(?:also|now|still|even|again|then|later|first|repeatedly|only|just))?"
    r"\s+(?P<verb>[a-z]{2,}(?:s|ed)|is|was|has|had)\b"
)


def noun_subject(body: str, start: int, limit: int) -> Mention | None:
    """The ``determiner (modifiers) noun`` opening ``[start, limit)`` right before a finite
    verb, when the noun names a person (``staffer``, ``source``) or a text (``ad``,
    ``letter``)."""
    m = _NOUN_SUBJECT.match(body, start, limit)
    if m is None:
        return None
    head = m.group("head")
    kind: SpeakerKind
    if head in _TEXT_NOUNS:
        kind = "unknown"
    elif head in lexicon().anonymous_nouns:
        kind = "anonymous"
    else:
        return None
    s, e = m.span("np")
    return Mention(s, e, body[s:e], kind, "nominal", None, None, None)


_NOUN_PHRASE = re.compile(r"\s*" + _OPENING_NP + r"\s*$")


def noun_subject_before(body: str, end: int, start: int) -> Mention | None:
    """``One intelligence source said``: the whole stretch ``[start, end)`` before a cue is a
    ``determiner (modifiers) noun`` phrase headed by a person noun."""
    m = _NOUN_PHRASE.match(body[start:end])
    if m is None or m.group("head") not in lexicon().anonymous_nouns:
        return None
    s, e = start + m.start("np"), start + m.end("np")
    return Mention(s, e, body[s:e], "anonymous", "nominal", None, None, None)
