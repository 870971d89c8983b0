"""Cue words used as nouns: ``Trump's remarks``, ``Editor's note:``, ``opening comments``.

Some reporting verbs share their base and ``-s`` forms with a noun (``rules/cue_nouns.txt``).
Right after a possessive (``Clinton's``) or an adjective (``racial``, ``opening``, ``recent``)
such a form names a statement instead of reporting one, so it is no cue; nor is a bare base
form with no subject or auxiliary before it (``her home state``; ``they claim`` is a verb).
Any cue word inside a hyphenated compound (``home-state``) and a past participle after a
possessive or a count (``the mayor's reported donations``, ``271 pledged delegates``) are
adjectives, no cues either.
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document
from newsquotes.quotes.lexicon import load_word_list

_CUE_NOUNS = load_word_list("cue_nouns.txt")
# the word right before the cue: a possessive ("the AP's", "Sanders'") or an adjective shape
_WORD_BEFORE = re.compile(r"([\w.'’-]+)[ \t\u00a0]+$")
_THAT_CLAUSE = re.compile(r"\s+that\b")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
# the last character of a possessive or a count, one blank before the cue (a cheap first test)
_POSSESSIVE_OR_DIGIT_END = frozenset("s'’0123456789")
# subject pronouns contract "has" / "is" with 's ("he's claimed"): not possessives
_CONTRACTING = frozenset(["he", "she", "it", "that", "there", "who", "what", "here", "where"])
# adjective endings that nouns seldom have ("racial", "political", "opening", "famous")
_ADJECTIVE_END = re.compile(
    r"[a-z]+(?:ing|ous|ful|ible|able|ical|ial|ual|nal|ic|ory|lar)$|[a-z]+-[a-z-]+$"
)
# frequent adjectives without such an ending ("recent comments", "crude remarks")
_ADJECTIVES = frozenset(
    [
        "recent",
        "previous",
        "past",
        "latest",
        "earlier",
        "further",
        "similar",
        "same",
        "other",
        "such",
        "many",
        "several",
        "few",
        "negative",
        "positive",
        "crude",
        "racist",
        "sexist",
        "offensive",
        "public",
        "private",
    ]
)
_NOT_ADJECTIVES = frozenset(["official", "during", "king", "thing", "something", "nothing"])


# what licenses a bare base form as a verb: a plural or pronoun subject, a modal, "to", "not"
_VERB_LICENSORS = frozenset(
    [
        "i",
        "we",
        "you",
        "they",
        "to",
        "not",
        "n't",
        "never",
        "also",
        "do",
        "did",
        "does",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "often",
        "still",
    ]
)


# the base and -s forms of those verbs ("remark", "remarks"), the forms that can be nouns
_NOMINAL_FORMS = frozenset(f for w in _CUE_NOUNS for f in (w, w + "s", w + "es"))


def noun_use(body: str, start: int, end: int) -> bool:
    """Is the cue ``body[start:end]`` a noun here (after a possessive or an adjective)?"""
    if body[start - 1 : start] == "-":
        return True  # "home-state", "self-described": part of a compound word
    if (
        body[end - 2 : end] == "ed"
        and body[start - 2 : start - 1] in _POSSESSIVE_OR_DIGIT_END
        and (_after_possessive(body, start) or _after_number(body, start))
    ):
        # "Clinton's reported contributions", "271 pledged delegates": an adjective
        return True
    word = body[start:end].lower()
    if word not in _NOMINAL_FORMS:
        return False
    m = _WORD_BEFORE.search(body, max(0, start - 40), start)
    base = word in _CUE_NOUNS
    if m is None:  # punctuation before: only a line opening ("Note: ...") makes it a noun
        return base and body[max(0, start - 1) : start] in ("", "\n")
    word = m.group(1)
    if _POSSESSIVE.search(word):
        # "Trump's claim that C" still reports C, with its owner as the speaker
        return word[:-2].lower() not in _CONTRACTING and not _THAT_CLAUSE.match(body, end)
    if base and not (word.lower() in _VERB_LICENSORS or word.endswith(("s", "n't", "n’t"))):
        return True  # "the home state", "a campaign promise": no subject or auxiliary before
    if not word.islower() or word in _NOT_ADJECTIVES:
        return False
    return word in _ADJECTIVES or bool(_ADJECTIVE_END.match(word))


def _after_possessive(body: str, start: int) -> bool:
    m = _WORD_BEFORE.search(body, max(0, start - 40), start)
    return (
        m is not None
        and _POSSESSIVE.search(m.group(1)) is not None
        and m.group(1)[:-2].lower() not in _CONTRACTING
    )


# a count before the participle; a year ("in 2012 called") is no count
_NUMBER_BEFORE = re.compile(r"(?<![\w,.])(?!(?:19|20)\d\d\b)\d[\d,.]*[ \t\u00a0]+$")


def _after_number(body: str, start: int) -> bool:
    return _NUMBER_BEFORE.search(body, max(0, start - 20), start) is not None


def drop_noun_cues(doc: Document) -> None:
    """Remove the cues that are nouns from ``doc`` before any stage reads them."""
    kept = [c for c in doc.cues if not noun_use(doc.body, *c)]
    if len(kept) != len(doc.cues):
        doc.cues[:] = kept
        doc.cue_at.clear()
        doc.cue_at.update(kept)
