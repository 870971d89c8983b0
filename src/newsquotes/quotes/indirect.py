"""Indirect and mixed speech: a reported clause around a cue, in the sentence that holds it.

Patterns: ``X said (that) C.`` / ``C, X said.`` / ``C, said X.`` / ``According to X, C.`` /
``C, according to X.`` / ``..., adding C`` (the subject of the sentence goes on speaking). A
clause that contains quote marks is a mixed quote.
"""

from __future__ import annotations

import re

from newsquotes.quotes.cues import ACCORDING_TO, lemma
from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.mentions import (
    DETERMINERS,
    ADVERBS,
    Mention,
    mention_after,
    mention_before,
    tokens,
)

_WORD = re.compile(r"\w+")
_TRIM_END = " \t\n\u00a0.,;:—–-"
_TRIM_START = " \t\n\u00a0,;:—–-"
_THAT = re.compile(r"\bthat\b")
# what may stand between a cue and its clause: time, place, channel, addressee
_INTRO_WORDS = frozenset(
    [
        "on",
        "in",
        "at",
        "during",
        "after",
        "before",
        "from",
        "this",
        "last",
        "late",
        "early",
        "earlier",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "month",
        "year",
        "a",
        "an",
        "the",
        "his",
        "her",
        "their",
        "its",
        "statement",
        "interview",
        "interviews",
        "news",
        "conference",
        "briefing",
        "speech",
        "rally",
        "radio",
        "television",
        "tv",
        "told",
        "reporters",
        "journalists",
        "with",
        "to",
        "of",
        "by",
        "also",
        "recently",
        "again",
        "repeatedly",
        "publicly",
        "privately",
    ]
)
_OBJECT_WORDS = frozenset(
    [
        "reporters",
        "journalists",
        "supporters",
        "the",
        "media",
        "crowd",
        "audience",
        "listeners",
        "viewers",
        "him",
        "her",
        "them",
        "me",
        "us",
        "you",
        "people",
        "members",
        "lawmakers",
        "congress",
        "voters",
        "a",
        "an",
        "his",
        "her",
        "their",
    ]
)
_LEAD_WORDS = frozenset(
    [
        "but",
        "and",
        "so",
        "yet",
        "still",
        "now",
        "then",
        "however",
        "meanwhile",
        "also",
        "instead",
        "later",
        "earlier",
    ]
)


def _words(doc: Document, start: int, end: int) -> int:
    return len(_WORD.findall(doc.body, start, end))


def _trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    body = doc.body
    while start < end and body[start] in _TRIM_START:
        start += 1
    while end > start and body[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def _clause_after(doc: Document, cue: tuple[int, int], end: int, tell: bool) -> tuple[int, int]:
    """The reported clause after a cue: skip ``Monday``, ``in a statement,``, ``reporters``,
    ``that``; stop at the next cue that opens with a comma (``, adding``, ``, he said``)."""
    body = doc.body
    start = cue[1]
    head = body[start : min(end, start + 90)]
    m = _THAT.search(head)
    if m and all(
        w.lower() in _INTRO_WORDS or w[0].isupper() for w in _WORD.findall(head[: m.start()])
    ):
        start += m.end()
    else:
        toks = list(_WORD.finditer(head))
        k = 0
        if tell:
            while (
                k < len(toks)
                and k < 5
                and (toks[k].group().lower() in _OBJECT_WORDS or toks[k].group()[0].isupper())
            ):
                k += 1
        comma = head.find(",")
        if 0 <= comma < 60 and all(
            w.lower() in _INTRO_WORDS or w[0].isupper() for w in _WORD.findall(head[:comma])
        ):
            start += comma + 1
        elif k:
            start += toks[k - 1].end()
        elif toks and toks[0].group().lower() in (
            [
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
                "today",
                "yesterday",
            ]
        ):
            start += toks[0].end()
    nxt = doc.cue_after(start, end)
    while nxt is not None:
        before = body[max(start, nxt[0] - 40) : nxt[0]]
        if "," in before and nxt[0] - start > 20:
            cut = start + body[start : nxt[0]].rfind(",")
            if cut > start:
                end = cut
                break
        nxt = doc.cue_after(nxt[1], end)
    return _trim(doc, start, end)


def _type(doc: Document, start: int, end: int) -> str:
    """Direct when the clause is one quote, mixed when it holds quote marks, else indirect."""
    inside = doc.quotes_in(start, end)
    if not inside:
        return "indirect"
    q = doc.quotes[inside[0]]
    if len(inside) == 1 and q.open_start <= start + 1 and q.close_end >= end - 1:
        return "direct"
    return "mixed"


def _mark_quotes(doc: Document, start: int, end: int) -> None:
    doc.used_quotes.update(doc.quotes_in(start, end))


def find_indirect(doc: Document) -> None:
    """Add indirect and mixed attributions around every cue not already used by a quote."""
    body = doc.body
    last_in_sentence: dict[int, Found] = {}
    for cue in doc.cues:
        if cue[0] in doc.used_cues:
            continue
        s, e = doc.sentences.at(cue[0])
        s, e = _trim(doc, s, e)
        if not s <= cue[0] < e:
            continue
        cue_lemma = lemma(body[cue[0] : cue[1]])
        lead_start, lead_end = _trim(doc, s, cue[0])
        found: Found | None = None
        if cue_lemma == ACCORDING_TO:
            mention = mention_after(body, _skip_space(body, cue[1]), e)
            if mention is None:
                continue
            if lead_end <= lead_start:  # According to X, C.
                comma = body.find(",", mention.end, e)
                if comma < 0:
                    continue
                cs, ce = _trim(doc, comma + 1, e)
            else:  # C, according to X.
                cs, ce = lead_start, lead_end
            found = Found("indirect", [(cs, ce)], cue, mention)
        else:
            mention = mention_before(body, cue[0], s) or _subject_phrase(doc, s, cue[0])
            if mention is not None:
                lead = body[s : mention.start]
                lead_words = _words(doc, s, mention.start)
                tail_start, tail_end = _clause_after(doc, cue, e, cue_lemma == "tell")
                tail_words = _words(doc, tail_start, tail_end)
                if (
                    lead.rstrip().endswith(",")
                    and (lead_words >= 3 or (lead_words >= 1 and tail_words == 0))
                    and (
                        tail_words < 4
                        or (not _is_intro(lead) and not _THAT.search(body[cue[1] : cue[1] + 60]))
                    )
                ):
                    cs, ce = _trim(doc, s, mention.start)
                elif tail_words >= 2 and _lead_ok(doc, s, mention.start):
                    cs, ce = tail_start, tail_end
                else:
                    continue
                found = Found("indirect", [(cs, ce)], cue, mention)
            elif body[s : cue[0]].rstrip().endswith(","):
                after = mention_after(body, _skip_space(body, cue[1]), e)
                if after is not None and _words(doc, lead_start, lead_end) >= 3:
                    found = Found("indirect", [(lead_start, lead_end)], cue, after)
                elif body[cue[0] : cue[1]].endswith("ing") and s in last_in_sentence:
                    cs, ce = _clause_after(doc, cue, e, cue_lemma == "tell")
                    if _words(doc, cs, ce) >= 2:
                        found = Found(
                            "indirect",
                            [(cs, ce)],
                            cue,
                            None,
                            inherit=True,
                            inherit_from=last_in_sentence[s].cue[0]
                            if last_in_sentence[s].cue
                            else None,
                        )
        if found is None:
            continue
        cs, ce = found.pieces[0]
        cs, ce = _trim(doc, cs, ce)
        if ce - cs < 3 or _words(doc, cs, ce) < 2:
            continue
        found.pieces = [(cs, ce)]
        found.type = _type(doc, cs, ce)
        doc.used_cues.add(cue[0])
        _mark_quotes(doc, cs, ce)
        doc.found.append(found)
        last_in_sentence[s] = found


_NOT_SUBJECT = frozenset(
    ["it", "this", "that", "there", "which", "who", "what", "these", "those", "i", "you", "one"]
)


# words that show a clause, not a noun phrase, before the cue ("what he has said")
_CLAUSE_WORDS = frozenset(
    "is are was were be been has have had will would can could should not what when where if "
    "than as because".split()
)


def _subject_phrase(doc: Document, start: int, end: int) -> Mention | None:
    """A short noun phrase opening the sentence right before its cue (``Several Democratic
    operatives said``): a speaker even when no word list knows its head."""
    body = doc.body
    toks = tokens(body, max(start, end - 120), end)
    # after an opening phrase ("In Texas, half of GOP primary voters said"): the last clause
    cut = max((i for i, t in enumerate(toks) if t[2] in ",:;"), default=-1)
    if cut >= 0 and (cut == 0 or body[toks[cut - 1][0]].isupper() or cut < 6):
        toks = toks[cut + 1 :]
    elif toks and toks[0][0] - start > 0 and cut < 0:
        return None  # the window does not reach the sentence start
    while toks and toks[0][2].lower() in _LEAD_WORDS:
        toks = toks[1:]
    while toks and toks[-1][2].lower() in ADVERBS:
        toks = toks[:-1]
    if not 1 <= len(toks) <= 12 or not toks[-1][2][0].isalpha():
        return None
    if any(not t[2][0].isalnum() and t[2] not in "'’-—" for t in toks):
        return None
    if toks[-1][2].lower() in _NOT_SUBJECT or toks[0][2].lower() in _NOT_SUBJECT:
        return None
    if toks[-1][2].lower().endswith(("ly", "ed")) and toks[-1][2].lower() not in ("surveyed", "polled", "asked"):
        return None
    if any(t[2].lower() in _CLAUSE_WORDS for t in toks):
        return None
    s, e = toks[0][0], toks[-1][1]
    return Mention(s, e, body[s:e], "unknown", "other")


def _skip_space(body: str, pos: int) -> int:
    while pos < len(body) and body[pos] in " \t\u00a0":
        pos += 1
    return pos


_INTRO_START = frozenset(
    [
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "when",
        "while",
        "asked",
        "speaking",
        "since",
        "as",
        "if",
        "although",
        "though",
        "because",
        "earlier",
        "later",
        "meanwhile",
        "still",
        "also",
        "however",
        "instead",
        "last",
        "this",
        "for",
        "with",
        "from",
        "by",
        "writing",
        "responding",
        "addressing",
        "referring",
    ]
)


def _is_intro(lead: str) -> bool:
    """``In an interview on Monday,``: a short adverbial before a sentence-initial speaker."""
    words = lead.split()
    return (
        bool(words)
        and words[0].lower() in _INTRO_START
        and len(words) <= 8
        and lead.count(",") == 1
    )


def _lead_ok(doc: Document, start: int, end: int) -> bool:
    """What precedes a sentence-initial speaker: nothing, a conjunction or an intro phrase."""
    lead = doc.body[start:end].strip()
    if not lead:
        return True
    if lead.endswith(","):
        return True
    words = lead.split()
    return len(words) <= 2 and all(w.lower() in _LEAD_WORDS for w in words)
