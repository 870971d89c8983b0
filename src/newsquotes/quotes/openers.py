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
from newsquotes.quotes.lexicon import load_word_list
from newsquotes.quotes.mentions import Mention

_NON_NAMES = load_word_list("opener_non_names.txt")
_QUOTE_MARK = re.compile('["“”]')
_NUMBERS = load_word_list("number_words.txt")
_TIME_UNITS = load_word_list("time_units.txt")
_PREPOSITIONS = frozenset(["at", "by", "on", "in", "of", "with", "from", "to", "for"])
_NEXT_WORD = re.compile(r"\s+([\w’'-]+)")


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


def _replace(f: Found, later: Mention | None, speech_cue: bool) -> None:
    f.credit_to(later)
    if not speech_cue:
        f.cue = None  # the word read as the opener's verb ("years", "at") is no cue
    if later is None:
        f.inherit = True  # the words go on in the voice of the speaker before
