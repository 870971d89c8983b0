"""A pull quote signed inside its own quote marks: ``"The plan cannot work.`` then, on the next
line, ``Dean Baker, Center for Economic Policy."`` (a box layout that repeats a quote with its
author). The quote mark left open at the line end closes after the signature; the signer
speaks, and the words stop before the signature line."""

from __future__ import annotations

import re

from newsquotes.quotes.marks import Quoted
from newsquotes.quotes.mentions import Mention, mention_after

# the line after the words: capitalized, short, maybe a full stop, then the closing mark
_SIGNATURE_LINE = re.compile(r"[ \t]*\n[ \t]*([A-Z][^\n\"“”]{2,90}?)\.?[\"”][ \t]*(?:\n|$)")


def signature_within(body: str, q: Quoted) -> Mention | None:
    """The name that signs a quote left open at the end of its line, when the next line holds
    that name alone or with an apposition after a comma (``Amy Pope, deputy adviser."``)."""
    if q.closed or body[q.start : q.end].rstrip()[-1:] not in (".", "!", "?"):
        return None
    m = _SIGNATURE_LINE.match(body, q.end)
    if m is None:
        return None
    found = mention_after(body, m.start(1), m.end(1))
    if found is None or found.form != "name" or found.start != m.start(1):
        return None
    rest = body[found.end : m.end(1)].strip(" .")
    if rest and not rest.startswith(","):
        return None  # "Thank you all for coming": a sentence, not a signature
    return found
