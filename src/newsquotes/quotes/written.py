"""Words carried by a written thing: ``a sign that read "Jobs Now"``, ``a hat reading "..."``.

A sign, a shirt, a banner or a posted message ``reads`` or ``says`` its quoted words: the
annotators mark the quoted words alone, as a direct quote, whether or not a clause around them
was read as someone's report (``Trump posted a message on Twitter reading "Thank you"``).
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.marks import Quoted
from newsquotes.quotes.mentions import Mention, any_mention

# right before the opening mark: "that read", "which says,", "reading:"
_CARRIED = re.compile(
    r"\b(?:(?P<rel>that|which)\s+(?P<verb>read|reads|said|says)|(?P<ing>reading))"
    r"[ \t\u00a0]*[,:]?[ \t\u00a0]*$"
)
_REACH = 24  # characters before the opening mark that may hold the phrase
# between two quotes of one run: 'chanted "A" and "B"', 'read "A," "B" or "C"'
_COORDINATION = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*(?:and|or|then)?[ \t\u00a0]*")


def carried_by(doc: Document, q: Quoted) -> re.Match[str] | None:
    """The ``that read`` / ``reading`` phrase right before quote ``q``, or None."""
    return _CARRIED.search(doc.body, max(0, q.open_start - _REACH), q.open_start)


def carried_piece(doc: Document, first: int, last_index: int) -> tuple[tuple[int, int], int]:
    """The words carried by the run of quotes that opens with quote ``first`` (its words alone
    when it stands alone, else the run, marks and all), and where the run ends."""
    end = quote_run_end(doc, first, last_index)
    q = doc.quotes[first]
    return ((q.start, q.end) if end == q.close_end else (q.open_start, end)), end


def quote_run_end(doc: Document, first: int, last_index: int) -> int:
    """Where the run of coordinated quotes that opens with quote ``first`` ends (its last
    closing mark), looking no further than quote ``last_index``."""
    body = doc.body
    last = doc.quotes[first]
    for k in range(first + 1, last_index + 1):
        nxt = doc.quotes[k]
        if not nxt.closed or _COORDINATION.fullmatch(body, last.close_end, nxt.open_start) is None:
            break
        last = nxt
    return last.close_end


_DETERMINER = re.compile(r"\b(?:a|an|the|his|her|their|its|one)\s", re.I)
_CARRIER_REACH = 50  # characters: a determiner and a few words ("a campaign hat")


def _carrier(body: str, floor: int, end: int) -> Mention | None:
    """The noun phrase ending at ``end`` from its nearest determiner (``a campaign hat``)."""
    found = list(_DETERMINER.finditer(body, max(floor, end - _CARRIER_REACH), end))
    if not found:
        return None
    last = found[-1]
    while end > last.start() and body[end - 1] in " \t\u00a0,":
        end -= 1
    return any_mention(body, last.start(), end)


# a clause's verbs before a carried quote: it is a report of its own ("the men were wearing
# shirts that read "..."", "According to X, ..."), not a thing named as the object of a cue
_CLAUSE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|be|been|\w+ing)\b", re.I)


def noun_phrase_before(body: str, start: int, end: int) -> bool:
    """Do the words ``start:end`` read as a noun phrase (no verb of a clause among them)?"""
    return _CLAUSE_VERB.search(body, start, end) is None


def find_written(doc: Document) -> None:
    """Add a direct quote for each free quote carried by a written thing."""
    body = doc.body
    for i, q in enumerate(doc.quotes):
        if i in doc.used_quotes or q.single or not q.closed:
            continue
        m = carried_by(doc, q)
        if m is None:
            continue
        if m.group("rel") is not None:
            # the annotators name the relative pronoun ("a shirt that said"): no person speaks
            mention: Mention | None = Mention(
                m.start("rel"), m.end("rel"), m.group("rel"), "unknown", "other"
            )
            cue = m.span("verb")
        else:
            # "X wore a hat reading "..."": the annotators name the thing that reads
            mention = _carrier(body, doc.sentences.at(q.open_start)[0], m.start())
            if mention is None or not noun_phrase_before(body, mention.start, m.start()):
                continue  # "She is reading "War and Peace"": a title read, no thing reading
            cue = m.span("ing")
        piece, end = carried_piece(doc, i, len(doc.quotes) - 1)
        run = doc.quotes_in(q.open_start, end)
        if any(k in doc.used_quotes for k in run):
            continue
        doc.found.append(Found("direct", [piece], cue, mention))
        doc.used_quotes.update(run)
        doc.used_cues.add(cue[0])
