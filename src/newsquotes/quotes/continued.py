"""The sentence after a tagged quote that goes on with the same speaker's quoted words.

``"A," said X, an aide. Unless Y quits, "B."``: the sentence after the tag holds no cue of its
own and a quote that is not a whole sentence; the annotators join it, narration and all, to the
tagged quote as one attribution (a sentence-level quote is joined by ``direct._chain``).
"""

from __future__ import annotations

from newsquotes.quotes.found import Document

_TRIM = " \t\u00a0"
_MAX_LEAD_WORDS = 12  # narration before the quote: more is a new report, not a continuation


def next_sentence_piece(doc: Document, after: int, tagged: int) -> tuple[int, int] | None:
    """The piece for the sentence right after the one ending at ``after`` (the tag's) when it
    continues quote ``tagged``'s speaker: same paragraph, the next free quote inside it, no cue.
    The caller checks that quote has no tag of its own and marks the quotes used.
    """
    body = doc.body
    j = tagged + 1
    if j >= len(doc.quotes) or j in doc.used_quotes:
        return None
    nxt = doc.quotes[j]
    _, tag_end = doc.sentences.at(after)
    s, e = doc.sentences.at(nxt.open_start)
    if s != tag_end or "\n" in body[after:s] or not nxt.closed:
        return None
    while s < e and body[s] in _TRIM:
        s += 1
    lead = body[s : nxt.open_start].rstrip(_TRIM)
    if lead and not lead.endswith(","):
        return None  # "Trump went further: "B."", "She wants "B."": a sentence of its own
    if ":" in body[s:e] or doc.cue_after(s, e) is not None:
        return None
    rest = body[nxt.close_end : e].strip(_TRIM + "\n.,;!?")
    if rest and not rest[0].islower():
        return None  # ""B?" Maddow repeated": a tag of its own, though no known cue
    if len(lead.split()) > _MAX_LEAD_WORDS:
        return None
    inside = doc.quotes_in(s, e)
    if any(k in doc.used_quotes for k in inside):
        return None
    while e > s and body[e - 1] in _TRIM + "\n":
        e -= 1
    return s, e
