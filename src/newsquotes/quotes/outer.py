"""The outer report of a nested clause: ``X told reporters he viewed Y as "..."``.

A quote inside a clause whose own subject acts (``he viewed``) is first read as that subject's
words; when a speech cue right before that clause reports it, the annotators credit the outer
speaker with the whole clause (PolNeAR).
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document
from newsquotes.quotes.mentions import Mention

# between the outer cue and the clause it reports: an addressee, a time, a "that"
_GAP = re.compile(r"(?:\s+[\w’'.-]+){0,4}?\s*$")


def outer_cue(doc: Document, s: int, clause_start: int) -> tuple[int, int] | None:
    """The unused cue that reports the clause opening at ``clause_start`` (its sentence starts
    at ``s``), only an addressee, a time or ``that`` between them; or None."""
    cue = doc.cue_before(clause_start, s)
    if cue is None or cue[0] in doc.used_cues:
        return None
    if _GAP.fullmatch(doc.body, cue[1], clause_start) is None:
        return None
    return cue


def tagged_speaker(doc: Document, s: int, pos: int) -> Mention | None:
    """The speaker of the last attribution tagged in ``[s, pos)`` (``"A," X told reporters,
    before insisting ...``: X)."""
    for f in reversed(doc.found):
        if f.cue is not None and f.mention is not None and s <= f.cue[0] < pos:
            return f.mention
    return None
