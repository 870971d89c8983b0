"""Naming quotes: ``railed against what he calls the "city hall club"``.

The quoted words are the named speaker's label for a thing; the report is ``what X calls "Q"``
alone, a mixed quote of X, not the clause of the sentence's subject around it. Runs before the
indirect stage so that the cue (``calls``) is not read as the subject's report.
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.mentions import any_mention, sentence_subject

# "what he calls the", "what Mr. Roe has called", "what her team described as": the speaker
# is a pronoun, a possessive with its noun, or capitalized words (a name); "what is called",
# "what some call" name no one
_CALLED = re.compile(
    r"\bwhat\s+(?P<who>he|she|they|we|I|(?:his|her|their|its)\s+[a-z]+"
    r"|(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*)"
    r"\s+(?:has\s+|have\s+|had\s+)?"
    r"(?P<cue>calls|called|call|describes\s+as|described\s+as|dubs|dubbed|terms|termed"
    r"|labels|labeled|labelled|refers\s+to\s+as|referred\s+to\s+as)"
    r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?$"
)
_REACH = 90  # characters before the opening mark that may hold the phrase
# a quote that only modifies the noun after it ("a "corrupt" process in public"): the phrase
# goes on to the next clause break
_NOUN_GOES_ON = re.compile(r"[ \u00a0]+[a-z“\"'‘]")
_PHRASE_END = re.compile(r"[,.;:!?()\n—–]| - | -- | (?:and|but|or|while|which|who|because)\b")


def find_called(doc: Document) -> None:
    """Add a mixed attribution for each ``what X calls "Q"`` whose quote is still free."""
    body = doc.body
    for i, q in enumerate(doc.quotes):
        if i in doc.used_quotes or q.single:
            continue
        floor = max(0, q.open_start - _REACH, body.rfind("\n", 0, q.open_start) + 1)
        m = _CALLED.search(body, floor, q.open_start)
        if m is None:
            continue
        s, _ = doc.sentences.at(q.open_start)
        if m.start() < s or doc.cue_before(m.start(), s) is not None:
            continue  # "X says she liked what he calls "..."": part of X's report
        mention = any_mention(body, m.start("who"), m.end("who"))
        if mention.form == "pronoun":
            # "X condemned what he called "..."": the annotators name X, the clause's subject
            subject = sentence_subject(body, s, m.start())
            if subject is not None and subject.form in ("name", "nominal"):
                mention = subject
        end = q.close_end
        if q.closed and body[end - 2 : end - 1] not in ",.;:!?" and _NOUN_GOES_ON.match(body, end):
            stop = _PHRASE_END.search(body, end)
            end = stop.start() if stop is not None else len(body)
        while end > q.open_start and body[end - 1] in ",;: ":
            end -= 1
        cue = (m.start("cue"), m.end("cue"))
        doc.found.append(Found("mixed", [(m.start(), end)], cue, mention))
        doc.used_cues.add(cue[0])
        doc.used_quotes.add(i)
