"""Quotes credited after them: ``HEADLINE "Quoted words." [Reuters.]``, ``"Words." ― Ana Ruiz``.

News digests end an excerpt with its source in square brackets; fact checks and collections of
readers' words end a quote with its author after a dash, on its line or the next. The quote is
the source's words (a direct quote, or a mixed one when the quote ends a sentence of the text's
own), and the credit names who said or wrote them. Runs before the indirect stage so the quote
stays whole.
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.mentions import any_mention

# "[NYT.]", "[HuffPost]", "[Mollie Reilly.]": one to four capitalized words, maybe a full stop
_CREDIT = re.compile(r"[ \t\u00a0]*\[(?P<src>[A-Z][\w’'&-]*(?:[ \t][A-Z][\w’'&.-]*){0,3})\.?\]")


# "― Ana Ruiz", "- Bernie Sanders." on the quote's line or alone on the next: a dash, one to four
# capitalized words, the end of the line
_DASH_CREDIT = re.compile(
    r"[ \t\u00a0]*(?:\n[ \t\u00a0]*){0,2}(?:―|—|–|--|-)[ \t\u00a0]*"
    r"(?P<src>[A-Z][\w’'.-]*(?:[ \t\u00a0][A-Z][\w’'.-]*){0,3})[ \t\u00a0]*(?=\n|$)"
)


def find_credited(doc: Document) -> None:
    """Add an attribution for each free quote that a credit (in brackets, or after a dash)
    closes at the end of its line."""
    body = doc.body
    for i, q in enumerate(doc.quotes):
        if i in doc.used_quotes or q.single or not q.closed:
            continue
        m = _CREDIT.match(body, q.close_end) or _DASH_CREDIT.match(body, q.close_end)
        if m is None or body[m.end() : doc.paragraph_end(m.end())].strip():
            continue
        s, _ = doc.sentences.at(q.open_start)
        lead = body[s : q.open_start].strip()
        if lead and not lead.isupper():
            # "... had "Syrian roots." [Reuters.]": the digest's sentence ends in a quote
            if len(body[q.start : q.end].split()) < 2 or doc.cue_after(s, q.open_start):
                continue  # a title, or the sentence credits someone itself ("X said ...")
            pieces = [(_past_headline(body, s, q.open_start), q.close_end)]
            kind = "mixed"
        else:  # a headline in capitals (or nothing) opens the excerpt
            pieces = [(q.start, q.end)]
            kind = "direct"
        src = (m.start("src"), m.end("src") - (body[m.end("src") - 1] == "."))
        doc.found.append(Found(kind, pieces, src, any_mention(body, *src)))
        doc.used_quotes.add(i)


_CAPS_WORD = re.compile(r"[^\sa-z]+\s+")


def _past_headline(body: str, start: int, end: int) -> int:
    """Past the headline in capitals that opens a digest entry (``TURNS OUT ... Crows are``)."""
    pos = start
    while (m := _CAPS_WORD.match(body, pos, end)) is not None and any(
        c.isupper() for c in m.group()
    ):
        pos = m.end()
    return pos
