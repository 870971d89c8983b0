"""The noun phrase that opens a sentence as written, up to its finite verb.

``The retired neurosurgeon has provided no details ..., saying C``: no word list may know the
phrase as a speaker, yet PolNeAR's annotators take it as written; better than handing the
words to whoever spoke before."""

from __future__ import annotations

import re

from newsquotes.quotes.lexicon import load_word_list
from newsquotes.quotes.mentions import DETERMINERS, Mention, any_mention, past_openings

_FINITE = load_word_list("finite_verbs.txt")
_WORD = re.compile(r"[\w’'-]+|[^\w\s]")
_MAX_WORDS = 8
# "While X ...", "There is ...": no subject phrase to read (rules/no_subject_openers.txt)
_NOT_SUBJECT_START = load_word_list("no_subject_openers.txt")
_CONJUNCTIONS = frozenset(["but", "and", "so", "yet", "or"])


def written_subject(body: str, start: int, end: int) -> Mention | None:
    """The phrase from ``start`` (past opening phrases of time) to the first finite verb
    before ``end``: capitalized first word, one to eight words, no punctuation inside."""
    opened = past_openings(body, start, end)
    start = opened
    while start < end and body[start] in " \t\n\u00a0":
        start += 1
    if start >= end:
        return None
    if not body[start].isupper() and not _determined_after_opening(body, start, end, opened):
        return None
    previous = ""
    count = 0
    last_end = start
    for m in _WORD.finditer(body, start, end):
        word = m.group()
        low = word.lower()
        if not word[0].isalnum():
            return None  # a comma or a dash: an apposition or a clause, not a plain subject
        if not count and low in _CONJUNCTIONS:
            continue  # "But the board has": past the conjunction
        if not count and low in _NOT_SUBJECT_START:
            return None
        if not count:
            start = m.start()
        if count and (
            low in _FINITE or (low.endswith("ed") and word.islower() and _verb_slot(previous))
        ):
            return any_mention(body, start, last_end)
        count += 1
        if count > _MAX_WORDS:
            return None
        previous = low
        last_end = m.end()
    return None


def _verb_slot(previous: str) -> bool:
    """Can a word in -ed after ``previous`` be the verb (not ``the retired``, ``carefully
    planned``)?"""
    return previous not in DETERMINERS and not previous.endswith("ly")


_FIRST = re.compile(r"[a-z]+")


def _determined_after_opening(body: str, start: int, end: int, opened: int) -> bool:
    """``In August, several groups granted ...``: past an opening phrase, a noun phrase may
    start in lower case with its determiner."""
    first = _FIRST.match(body, start, end)
    if first is None or first.group() not in DETERMINERS:
        return False
    k = opened  # the comma that closes the opening phrase, past blanks (no copy of the body)
    while k and body[k - 1].isspace():
        k -= 1
    return k > 0 and body[k - 1] == ","
