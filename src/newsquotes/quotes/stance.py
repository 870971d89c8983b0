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
