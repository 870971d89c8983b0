"""Names in quote marks: ``a film called "Open Doors"``, ``host of MSNBC's "Morning Joe,"``,
``In his book, "Make Your Kid a Millionaire," ...``. A few capitalized words introduced as the
name of a work, a show or a thing are no one's words, whatever cue follows them."""

from __future__ import annotations

import re

from newsquotes.quotes.marks import Quoted

_WORD = re.compile(r"[\w’'-]+")
_MINOR = frozenset(["a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "by"])
_MAX_WORDS = 6
_MAX_CHARS = 80  # a cheap bound: six words of a title fit in it
# words that introduce a name right before its opening mark: a naming participle
# (``called``; not ``Titled "X," the ad shows ...``, where the ad speaks), a preposition
# (``starred in``, ``In "Red Harbor," ...``); a possessive (``MSNBC's``) does too
_NAMING_PARTICIPLES = frozenset(["called", "named", "titled", "entitled", "dubbed"])
_PREPOSITIONS = frozenset(["in", "on", "of", "from"])
# nouns for a work, then a comma: ``his 2018 book, "Dry Years."``
_WORK_NOUNS = frozenset(
    ["book", "books", "memoir", "novel", "film", "movie", "documentary", "show", "series", "play"]
)


def title_words(body: str, q: Quoted) -> bool:
    """A few words, each capitalized but for minor ones: how a title or a name reads."""
    words = _WORD.findall(body, q.start, q.end)
    return (
        0 < len(words) <= _MAX_WORDS
        and any(w[0].isupper() for w in words)
        and all(w[0].isupper() or not w[0].isalpha() or w in _MINOR for w in words)
    )


def _word_before(body: str, pos: int) -> str:
    end = pos
    while end > 0 and body[end - 1] in " \t\u00a0":
        end -= 1
    start = end
    while start > 0 and (body[start - 1].isalnum() or body[start - 1] in "’'"):
        start -= 1
    return body[start:end]


def names_work(body: str, q: Quoted) -> bool:
    """Is the quote a name introduced as such (``a band called "Sophistafunk"``)?"""
    if q.end - q.start > _MAX_CHARS:
        return False
    word = _word_before(body, q.open_start)
    if word:
        naming = (
            word in _NAMING_PARTICIPLES
            or word.lower() in _PREPOSITIONS
            or word.endswith(("’s", "'s"))
        )
    else:  # "book, ": a work noun before a comma
        end = q.open_start
        while end > 0 and body[end - 1] in " \t\u00a0":
            end -= 1
        naming = body[end - 1 : end] == "," and _word_before(body, end - 1).lower() in _WORK_NOUNS
    return naming and title_words(body, q)
