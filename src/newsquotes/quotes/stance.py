"""Verbs of judging or arguing (``defended``, ``dismissed``, ``implied``): not cues, but the
subject who does so owns a scare quote in the object (``Trump defended his comments as
"sarcastic"``)."""

from __future__ import annotations

import re

from newsquotes.quotes.lexicon import load_word_list

STANCE_VERBS = load_word_list("stance_verbs.txt")
_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z]+\b")


def stance_verb_in(body: str, start: int, end: int) -> bool:
    """Is there a stance verb among the words of ``[start, end)``?"""
    return any(w.group() in STANCE_VERBS for w in _LOWER_WORD.finditer(body, start, end))


# a sign, a shirt or a message that bears the quoted words: "a sign that read "15%!"", "an
# email saying, "done.""
_WRITTEN_BEFORE = re.compile(
    r"\b(?:that|which)\s+(?:read|reads|said|says)[,:]?\s*$|\bsaying[,:]?\s*$"
)


def written_words_before(body: str, quote_start: int) -> bool:
    """Do the words right before a quote say that something bears it (``that read``,
    ``saying``)? Then even a title-cased or one-word quote is someone's words."""
    return _WRITTEN_BEFORE.search(body, max(0, quote_start - 16), quote_start) is not None
