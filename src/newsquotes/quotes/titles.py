"""Names in quote marks: ``a film called "Open Doors"``, ``host of MSNBC's "Morning Joe,"``,
``In his book, "Make Your Kid a Millionaire," ...``. A few capitalized words introduced as the
name of a work, a show or a thing are no one's words, whatever cue follows them."""

from __future__ import annotations

import re

from newsquotes.quotes.marks import Quoted

_WORD = re.compile(r"[\w’'-]+")
_MINOR = frozenset(["a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "by"])
_MAX_WORDS = 6
# what introduces a name right before its opening mark: a naming participle (``called``), a
# possessive (``MSNBC's``), a preposition (``starred in``) or a noun for a work (``book,``)
_NAMING_BEFORE = re.compile(
    r"(?:\b(?:called|named|titled|entitled|dubbed)"
    r"|[’']s"
    r"|\b(?:in|on|of|from)"
    r"|\b(?:book|books|memoir|novel|film|movie|documentary|show|series|song|album|play),"
    r")\s*$"
)


def title_words(body: str, q: Quoted) -> bool:
    """A few words, each capitalized but for minor ones: how a title or a name reads."""
    words = _WORD.findall(body, q.start, q.end)
    return (
        0 < len(words) <= _MAX_WORDS
        and any(w[0].isupper() for w in words)
        and all(w[0].isupper() or not w[0].isalpha() or w in _MINOR for w in words)
    )


def names_work(body: str, q: Quoted) -> bool:
    """Is the quote a name introduced as such (``a band called "Sophistafunk"``)?"""
    return _NAMING_BEFORE.search(
        body, max(0, q.open_start - 24), q.open_start
    ) is not None and title_words(body, q)
