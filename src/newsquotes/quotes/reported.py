"""A report closed by its source: ``X chanted "..." at the game, the Tribune reported.``

When a sentence ends with ``, Y reported.`` (or ``, reported Y.``) and the words before the
tag hold a report of their own (``X said``, ``X chanted``, ``saying``), the annotators credit
the outlet with the whole sentence and do not mark the inner report apart (PolNeAR: every
such train sentence). The inner attributions give way to one attribution of the reporter.
"""

from __future__ import annotations

import re

from newsquotes.quotes.cues import ACCORDING_TO, lemma
from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.lexicon import load_word_list
from newsquotes.quotes.mentions import RELATIVES, Mention, mention_after, mention_before

_REPORT = "report"
_TIME_WORDS = load_word_list("day_words.txt") | load_word_list("time_words.txt")
# after the tag, to the sentence end: nothing but a time ("late Thursday", "in 1991")
_TAIL = re.compile(r"((?:\s+[\w’'-]+){0,2})\s*[.!]?[\s\"”’]*")
# before the tag: the reported words end with a comma, maybe inside closing quote marks
_LEAD_END = re.compile(r",[\"”’']?\s*$|[\"”’'],\s*$")
_TRIM = " \t\n\u00a0,"


def _tag(doc: Document, cue: tuple[int, int], s: int, e: int) -> tuple[int, Mention] | None:
    """Where the reported words end and who reports them, for a tag ending its sentence."""
    body = doc.body
    mention = mention_before(body, cue[0], s)
    if mention is not None:
        tail_from, lead_end = cue[1], mention.start
    else:  # "..., reported the Washington Examiner."
        start = cue[1]
        while start < e and body[start] in " \t\u00a0":
            start += 1
        mention = mention_after(body, start, e)
        if mention is None:
            return None
        tail_from, lead_end = mention.end, cue[0]
    tail = _TAIL.fullmatch(body, tail_from, e)
    if tail is None or any(
        w.lower() not in _TIME_WORDS and not w.isdigit() for w in tail.group(1).split()
    ):
        return None
    if mention.text.lower() in RELATIVES or "according" in mention.text.lower():
        return None  # "..., which first reported the story": no tag of the sentence
    if _LEAD_END.search(body, s, lead_end) is None:
        return None
    return lead_end, mention


def credit_closing_reporters(doc: Document) -> None:
    """Give a sentence closed by ``, Y reported.`` to Y when it holds another report."""
    body = doc.body
    if "report" not in body:
        return  # most articles: one scan spares the cue loop
    for cue in doc.cues:
        if lemma(body[cue[0] : cue[1]]) != _REPORT:
            continue
        s, e = doc.sentences.at(cue[0])
        while s < e and body[s] in " \t\n\u00a0":
            s += 1
        tag = _tag(doc, cue, s, e)
        if tag is None:
            continue
        lead_end, mention = tag
        inner_cues = [f.cue for f in doc.found if f.cue is not None and s <= f.cue[0] < lead_end]
        if not inner_cues:
            continue  # no report inside: the plain "C, Y reported." of the other stages
        if any(lemma(body[c[0] : c[1]]) == _REPORT for c in inner_cues):
            continue  # "C1, KING-TV reported, while C2, the Sun-Times reported.": two sources
        own = [f for f in doc.found if f.cue == cue]
        inner = own + [f for f in doc.found if f.cue in inner_cues]
        end = lead_end
        while end > s and body[end - 1] in _TRIM:
            end -= 1
        # the quote a tagged direct quote goes on with after the tag stays a piece
        later = sorted({p for f in inner for p in f.pieces if p[0] >= cue[1]})
        kind = "mixed" if doc.quotes_in(s, end) or later else "indirect"
        ids = {id(f) for f in inner}
        doc.found = [f for f in doc.found if id(f) not in ids]
        doc.found.append(Found(kind, [(s, end), *later], cue, mention))
        doc.used_cues.add(cue[0])


def _inside(f: Found, start: int, end: int) -> bool:
    """Are ``f``'s cue and words all in ``[start, end)``?"""
    return (
        f.cue is not None
        and start <= f.cue[0] < end
        and all(start <= s and e <= end + 1 for s, e in f.pieces)
    )


_RELATIVE = re.compile(r",\s+(?:which|who)\s")


def drop_reports_in_sources(doc: Document) -> None:
    """``X said C, according to an aide.`` / ``According to the FBI, X asked C.``: the source
    reports the whole clause, X's report inside it is not marked apart (PolNeAR), so an
    attribution lying wholly in the words an ``according to`` credits gives way."""
    body = doc.body
    if "ccording to" not in body:  # "according to", "According to"
        return
    sources = [
        f
        for f in doc.found
        if f.cue is not None
        and lemma(body[f.cue[0] : f.cue[1]]) == ACCORDING_TO
        # "X says C, which stood at 263, according to the AP": the source may vouch for the
        # relative clause alone, X's report stays
        and _RELATIVE.search(body, f.pieces[0][0], f.pieces[-1][1]) is None
    ]
    if not sources:
        return
    nested = {
        id(g)
        for f in sources
        for g in doc.found
        if g is not f and _inside(g, f.pieces[0][0], f.pieces[-1][1])
    }
    if nested:
        doc.found = [f for f in doc.found if id(f) not in nested]
