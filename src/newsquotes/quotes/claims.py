"""Owned claims: ``her claim that she "never sent" it``, ``Trump's pledge to be "neutral"``,
``his call for "a total and complete ban" on ...``.

A noun of saying after a possessive carries its owner's words in the clause it opens; the
annotators mark that clause as a mixed quote of the owner when it holds quote marks. Runs
after every cue-driven stage, on quotes no stage took.
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.indirect import mixed_clause_end
from newsquotes.quotes.lexicon import load_word_list
from newsquotes.quotes.mentions import any_mention

_THAT_NOUNS = load_word_list("claim_nouns.txt")
_TO_NOUNS = load_word_list("pledge_nouns.txt")
# the owner (a possessive pronoun or up to four capitalized words with 's), up to three
# modifiers ("recent evidence-free"), the noun, up to four words ("during the debate"), then
# the word that opens the owner's clause
_OWNED = re.compile(
    r"(?P<who>\b(?:his|her|their|His|Her|Their)"
    r"|(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.-]*(?:'s|’s|s'|s’))"
    r"\s+(?:[a-z][\w-]*\s+){0,3}?(?P<noun>"
    + "|".join(sorted(_THAT_NOUNS | _TO_NOUNS, key=len, reverse=True))
    + r")"
    r"(?:\s+[a-z][\w-]*){0,4}?\s+(?P<link>that|to|for)\b[,\s]*"
)
_REACH = 160  # characters before the opening mark that may hold the phrase
_CLAUSE_WORDS = 12  # at most this many words between the clause's first word and the quote
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)?$")
_NO_BREAK = re.compile(r"[.;:!?()\n—–\"“”]| - ")


def find_claims(doc: Document) -> None:
    """Add a mixed attribution of the owner for each free quote in a clause that a noun of
    saying after a possessive opens."""
    body = doc.body
    for i, q in enumerate(doc.quotes):
        if i in doc.used_quotes or q.single:
            continue
        s, e = doc.sentences.at(q.open_start)
        floor = max(s, q.open_start - _REACH)
        found = None
        for m in _OWNED.finditer(body, floor, q.open_start):
            found = m  # the last phrase before the quote
        if found is None or not _owns(found):
            continue
        start = found.end() if found.group("link") == "for" else found.start("link")
        if _NO_BREAK.search(body, found.end(), q.open_start) or (
            len(body[found.end() : q.open_start].split()) > _CLAUSE_WORDS
        ):
            continue
        if doc.cue_after(found.end(), q.open_start) is not None:
            continue  # "her claim that X said "..."": X's report
        end = mixed_clause_end(doc, start, e)
        if end <= q.open_start:
            continue
        who_s, who_e = found.span("who")
        who_e -= len(_POSSESSIVE.search(body, who_s, who_e).group())  # type: ignore[union-attr]  # matches ""
        mention = any_mention(body, who_s, who_e)
        cue = (
            found.start("noun"),
            found.end("link") if found.group("link") == "for" else found.end("noun"),
        )
        doc.found.append(Found("mixed", [(start, end)], cue, mention))
        doc.used_quotes.update(doc.quotes_in(start, end))


def _owns(m: re.Match[str]) -> bool:
    noun, link = m.group("noun"), m.group("link")
    if link == "that":
        return noun in _THAT_NOUNS
    if link == "for":
        return noun == "call"
    return noun in _TO_NOUNS
