"""Direct quotes: a quoted stretch tied to a cue and a speaker next to it.

``"A," he said.`` / ``"A," said Lavrov.`` / ``Lavrov said: "A."`` / a split quote
``"A," he said, "B."`` and the cue-less quotes that continue it (``"A," he said. "B."``, a quote
reopened in the next paragraph) are one quote with several pieces.
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.marks import Quoted
from newsquotes.quotes.mentions import Mention, mention_after, mention_before

_GAP = re.compile(r"[ \t\u00a0,—–-]*")
_WORD = re.compile(r"\w+")
# words that may follow "he said" without starting a reported clause of their own
_ADJUNCT_START = frozenset(
    [
        "on",
        "in",
        "at",
        "to",
        "during",
        "after",
        "before",
        "when",
        "while",
        "from",
        "about",
        "of",
        "with",
        "as",
        "later",
        "earlier",
        "this",
        "last",
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
        "told",
        "referring",
        "speaking",
        "adding",
        "noting",
        "pointing",
        "citing",
    ]
)
_LEAD_END = re.compile(r"[:,]?\s*(?:that\s*)?$")


def _clausal_tail(doc: Document, pos: int) -> bool:
    """Does a reported clause follow ``pos`` (``he said the plan failed``)? Then the cue is the
    start of new (indirect) speech, not the tag of the quote before it."""
    _, end = doc.sentences.at(pos)
    words = _WORD.findall(doc.body, pos, end)
    if len(words) < 4:
        return False
    rest = doc.body[pos:end].lstrip()
    return not rest.startswith((",", ".", ";", ":")) and words[0].lower() not in _ADJUNCT_START


def _tag_after(doc: Document, q: Quoted) -> tuple[tuple[int, int], Mention, int] | None:
    """``"...," he said`` or ``"...," said Lavrov`` right after the closing mark."""
    body = doc.body
    if not q.closed:
        return None
    para_end = doc.paragraph_end(q.close_end)
    pos = _GAP.match(body, q.close_end).end()
    if pos >= para_end:
        return None
    last = body[q.end - 1]
    cue_end = doc.cue_at.get(pos)
    if cue_end is not None:  # inverted: said Lavrov
        start = _GAP.match(body, cue_end).end()
        mention = mention_after(body, start, para_end)
        if mention is None:
            return None
        if last == "." and _clausal_tail(doc, mention.end):
            return None
        return (pos, cue_end), mention, mention.end
    cue = doc.cue_after(pos, min(para_end, pos + 90))
    if cue is None:
        return None
    between = body[pos : cue[0]].split()
    if not between or len(between) > 9:
        return None
    mention = mention_before(body, cue[0], pos)
    if mention is None or mention.start != pos:
        return None
    if last == "." and _clausal_tail(doc, cue[1]):
        return None
    return cue, mention, cue[1]


def _tag_before(doc: Document, q: Quoted) -> tuple[tuple[int, int], Mention] | None:
    """``Lavrov said: "..."`` (also across a paragraph break after a colon)."""
    body = doc.body
    s, e = doc.sentences.at(q.open_start)
    tail = body[q.close_end : e].strip()
    if q.closed and tail and tail not in ".!?":
        return None  # the quote is part of a longer sentence: a mixed quote at most
    floor = s
    if body[s : q.open_start].strip() == "":
        # the quote opens its paragraph: "X said:" may end the paragraph before
        prev_end = q.open_start
        while prev_end > 0 and body[prev_end - 1] in " \t\n\u00a0":
            prev_end -= 1
        if prev_end == 0 or body[prev_end - 1] != ":":
            return None
        floor = doc.sentences.at(prev_end - 1)[0]
        cue = doc.cue_before(prev_end, floor)
        gap_end = prev_end
    else:
        cue = doc.cue_before(q.open_start, floor)
        gap_end = q.open_start
    if cue is None:
        return None
    gap = body[cue[1] : gap_end]
    if len(gap) > 80 or any(c in gap for c in '"“”«»') or not _LEAD_END.search(gap):
        return None
    if gap.strip() and not gap.rstrip().endswith((":", ",")) and len(gap.split()) > 2:
        return None
    mention = mention_before(body, cue[0], floor)
    if mention is None:
        return None
    return cue, mention


def _chain(doc: Document, first: int, after: int) -> list[int]:
    """Indices of the quotes that continue quote ``first`` (no cue of their own)."""
    quotes = doc.quotes
    chain = [first]
    gap_from = after
    j = first + 1
    while j < len(quotes) and j not in doc.used_quotes:
        prev, nxt = quotes[chain[-1]], quotes[j]
        if nxt.single != prev.single:
            break
        if not prev.closed:
            if not nxt.continues:
                break
        else:
            gap = doc.body[gap_from : nxt.open_start]
            if "\n" in gap:
                break
            if gap.strip(" \t\u00a0,;:—–-"):
                # "..., said Sanders as he closed out. "B."": B opens the next sentence
                tag_sentence_end = doc.sentences.at(gap_from)[1]
                if doc.body[tag_sentence_end : nxt.open_start].strip() or any(
                    c in gap for c in '"“”«»'
                ):
                    break
            if gap.strip(" \t\u00a0,;:—–-") and not _sentence_level(doc, nxt):
                break
        if _tag_after(doc, nxt) is not None:
            break
        chain.append(j)
        gap_from = nxt.close_end
        j += 1
    return chain


def _sentence_level(doc: Document, q: Quoted) -> bool:
    """The quote is a whole sentence (or more): not a word or phrase inside a sentence."""
    s, e = doc.sentences.at(q.open_start)
    if doc.body[s : q.open_start].strip():
        return False
    return not q.closed or doc.body[q.close_end : e].strip() in ("", ".", "!", "?", ".”", ",")


def _pieces(doc: Document, chain: list[int]) -> list[tuple[int, int]]:
    return [(doc.quotes[i].start, doc.quotes[i].end) for i in chain]


def find_direct(doc: Document) -> None:
    """Attach cues and mentions to quoted stretches; add the quotes to ``doc.found``."""
    i = 0
    quotes = doc.quotes
    while i < len(quotes):
        q = quotes[i]
        if i in doc.used_quotes or (q.single and len(doc.body[q.start : q.end].split()) < 3):
            i += 1
            continue
        tag = _tag_after(doc, q)
        if tag is not None:
            cue, mention, tag_end = tag
            chain = _chain(doc, i, tag_end)
        else:
            before = _tag_before(doc, q)
            if before is None:
                i += 1
                continue
            cue, mention = before
            chain = _chain(doc, i, q.close_end)
        doc.used_cues.add(cue[0])
        doc.used_quotes.update(chain)
        doc.found.append(Found("direct", _pieces(doc, chain), cue, mention))
        i = chain[-1] + 1


def find_orphans(doc: Document) -> None:
    """Whole-sentence quotes with no cue of their own after an attributed quote: the same
    speaker goes on (``"A," he said.`` then ``"B."`` in the next paragraph)."""
    if not doc.found:
        return
    starts = sorted(f.pieces[0][0] for f in doc.found)
    i = 0
    quotes = doc.quotes
    while i < len(quotes):
        q = quotes[i]
        if (
            i in doc.used_quotes
            or q.single
            or not _sentence_level(doc, q)
            or not any(s < q.start for s in starts)
        ):
            i += 1
            continue
        if len(doc.body[q.start : q.end].split()) < 4:
            i += 1
            continue
        chain = _chain(doc, i, q.close_end)
        doc.used_quotes.update(chain)
        doc.found.append(Found("direct", _pieces(doc, chain), None, None, inherit=True))
        i = chain[-1] + 1
