"""Sentence openers taken for a speaker's name: ``Thirteen years earlier, she had voted for
...``, ``Preceded at the lectern by Arpaio, Trump launched into ...``, ``Of Carson, Levine
said ...``. A stage reading the sentence's subject took the capitalized first word as a
name; the mention finders cannot tell, so the correction is made where the mention is kept:
a name that opens its sentence and is no name (a word of rules/opener_non_names.txt, a
number before a unit of time, a participle before its preposition) gives way to the subject
of a later clause of the sentence, or, when there is none, to no mention of its own."""

from __future__ import annotations

import re

from newsquotes.quotes.direct import clause_subject
from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.indirect import EXPLETIVES, WORD_START, first_actor
from newsquotes.quotes.lexicon import load_word_list
from newsquotes.quotes.mentions import Mention, any_mention

_NON_NAMES = load_word_list("opener_non_names.txt")
_QUOTE_MARK = re.compile('["“”]')
_NUMBERS = load_word_list("number_words.txt")
_TIME_UNITS = load_word_list("time_units.txt")
_PREPOSITIONS = frozenset(["at", "by", "on", "in", "of", "with", "from", "to", "for"])
_NEXT_WORD = re.compile(r"\s+([\w’'-]+)")
# after an actor: a time phrase maybe ("Sanders during a rally thanked"), then a finite verb
# or an infinitive ("for Cruz to build")
_ACTS = re.compile(
    r"(?:\s+(?:on|during|at|last|this|in)(?:\s+(?:a|an|the))?\s+[A-Za-z]+)?"
    r"\s+(?:also\s+)?(?P<verb>[a-z]{2,}ed|was|is|are|were|has|have|had|says|said|to\s+[a-z]+)\b"
)
# "for news outlets to portray", "because federal rules are": a plain noun phrase as actor
_PLAIN_ACTOR = re.compile(
    r"\b(?:for|because|when|that|since)\s+(?P<np>[a-z]+(?:\s+[a-z]+)?)"
    r"\s+(?:to\s+[a-z]+|are|were|have)\b"
)


def _no_name(body: str, mention: Mention) -> bool:
    first = mention.text.split()[0]
    word = first.lower()
    if word in _NON_NAMES:
        return True
    after = _NEXT_WORD.match(body, mention.start + len(first))
    following = after.group(1) if after else ""
    if word.split("-")[0] in _NUMBERS:
        # "Thirteen years earlier, she had voted": a time phrase, not "Six newspapers said"
        return following.lower() in _TIME_UNITS
    # "Preceded at the lectern by ...", "Horrified by ...": a participle and its preposition
    return len(first) >= 6 and first.endswith("ed") and following in _PREPOSITIONS


def correct_openers(doc: Document) -> None:
    """Replace each found mention that is a sentence opener (see the module's doc)."""
    body = doc.body
    for f in doc.found:
        m = f.mention
        if m is None or m.form != "name":
            continue
        s, e = doc.sentences.at(m.start)
        if body[s : m.start].strip(" \t\n\u00a0\"“”‘’'") or not _no_name(body, m):
            continue
        mark = _QUOTE_MARK.search(body, m.end, e)
        later = clause_subject(body, m.end, mark.start() if mark else e)
        _replace(f, later, f.cue is not None and f.cue[0] in doc.cue_at)


def correct_expletives(doc: Document) -> None:
    """Replace each found mention that is a contracted opener (``It’s``, ``There’s``: see
    rules/expletive_openers.txt) by the actor of the clause after it, before the quoted words:
    ``There’s still time for Cruz to mend fences, even after dismissing them as "..."``.
    ``It’s denouncing ...`` (a pronoun and its verb) keeps its mention."""
    body = doc.body
    for f in doc.found:
        m = f.mention
        if m is None or m.text.lower().replace("’", "'") not in EXPLETIVES:
            continue
        after = _NEXT_WORD.match(body, m.end)
        if after is not None and after.group(1).endswith("ing"):
            continue
        speech_cue = f.cue is not None and f.cue[0] in doc.cue_at
        if speech_cue and f.cue is not None and m.end < f.cue[0]:
            limit = f.cue[0]  # "It’s ... that X thanked them and called C": X before the cue
        else:  # the opener's "verb" is any word: the actor stands before the quoted words
            mark = _QUOTE_MARK.search(body, m.end, f.pieces[-1][1])
            limit = mark.start() if mark else f.pieces[0][0]
        actor = _actor_after(body, m.end, limit)
        if actor is not None:
            _replace(f, actor, speech_cue)


def _actor_after(body: str, start: int, limit: int) -> Mention | None:
    """The first name or pronoun in ``[start, limit)`` that acts (a finite verb or ``to``
    after it), else a plain noun phrase after ``for``/``because``/``when``/``that``."""
    starts = (w.start() for w in WORD_START.finditer(body, start, limit))
    acting = first_actor(body, starts, limit, ("name", "pronoun"), _ACTS)
    if acting is not None:
        return acting[0]
    plain = _PLAIN_ACTOR.search(body, start, limit)
    if plain is not None:
        return any_mention(body, plain.start("np"), plain.end("np"))
    return None


def _replace(f: Found, later: Mention | None, speech_cue: bool) -> None:
    f.credit_to(later)
    if not speech_cue:
        f.cue = None  # the word read as the opener's verb ("years", "at") is no cue
    if later is None:
        f.inherit = True  # the words go on in the voice of the speaker before
