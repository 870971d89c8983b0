"""The unquoted rest of a sentence that a mid-sentence tag splits off its quote.

``"Only you," she said, would use the occasion to ...``: the quote ends in a comma, the tag
stands between, and the sentence goes on without quote marks; the annotators take the rest as
more of the speaker's words (one attribution), not as narration.
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document
from newsquotes.quotes.lexicon import load_word_list

_AFTER_TAG = re.compile(r",[ \t\u00a0]+")
_FIRST_WORD = re.compile(r"[a-z][\w'’-]*")
_MIN_WORDS = 3
_MAX_LEAD_WORDS = 12
_OPENERS = load_word_list("tail_openers.txt")


def unquoted_rest(doc: Document, tag_end: int) -> tuple[int, int] | None:
    """The piece after ``tag_end`` (the tag of a quote ending in a comma) that finishes the
    quote's sentence."""
    body = doc.body
    m = _AFTER_TAG.match(body, tag_end)
    if m is None:
        return None
    start = m.end()
    word = _FIRST_WORD.match(body, start)
    if word is None:
        return None
    first = word.group().lower()
    if first not in _OPENERS:
        return None
    _, end = doc.sentences.at(start)
    while end > start and body[end - 1] in " \t\n\u00a0.!?":
        end -= 1
    text = body[start:end]
    if "\n" in text or any(c in text for c in '"“”«»') or "''" in text:
        return None
    if len(text.split()) < _MIN_WORDS or doc.cue_after(start, end) is not None:
        return None
    return start, end


def lead_before_tag(
    doc: Document, quote_start: int, open_start: int, mention_start: int, cue_end: int
) -> tuple[int, int] | None:
    """``The move, Carr explained, "was the result of ..."``: the words before a tag set off by
    commas open the sentence the quote (starting in lower case) finishes."""
    body = doc.body
    if not body[quote_start : quote_start + 1].islower():
        return None
    if body[cue_end:open_start].strip() != ",":
        return None
    s, _ = doc.sentences.at(open_start)
    while s < mention_start and body[s] in " \t\n\u00a0":
        s += 1
    end = mention_start
    while end > s and body[end - 1] in " \t\u00a0":
        end -= 1
    if end <= s or body[end - 1] != ",":
        return None
    end -= 1
    text = body[s:end]
    if "\n" in text or any(c in text for c in '"“”«»') or "''" in text:
        return None
    if not 0 < len(text.split()) <= _MAX_LEAD_WORDS or doc.cue_after(s, end) is not None:
        return None
    return s, end
