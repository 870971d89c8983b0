"""Who the words are credited to when the subject of the tag is not the speaker.

``"A," X said at a rally, according to Y.`` is Y's account of X's words: PolNeAR's annotators
credit it to Y, as ``direct`` already does when ``according to`` follows the tag at once; this
pass handles the source named later in the tag's sentence, after a place, a time or a topic.
``X was asked by Y, "A?"``: a passive cue's agent (Y) speaks, not its subject."""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.mentions import Mention, any_mention, mention_after

_ACCORDING = re.compile(r",\s+according\s+to\s+")
_SOURCE_STOP = frozenset('.,;:!?"“”\n')
_MAX_SOURCE_WORDS = 12


def credit_reporters(doc: Document) -> None:
    """Give every tagged direct or mixed quote whose tag sentence goes on with ``, according
    to Y`` the mention Y, and every attribution with a passive cue (``was asked by Y``) its
    agent."""
    body = doc.body
    reported = "according to" in body  # one scan of the body spares most articles the search
    for f in doc.found:
        cue = f.cue
        if cue is None or f.mention is None:
            continue
        source = _agent(body, cue) if body.startswith(" by ", cue[1]) else None
        if source is None and reported and f.type != "indirect":
            source = _reporter(doc, f, f.mention)
        if source is not None:
            f.mention = source
            f.subject = None
            f.weak = False


def _reporter(doc: Document, f: Found, mention: Mention) -> Mention | None:
    body = doc.body
    cue = f.cue
    if cue is None:
        return None
    pos = max(cue[1], mention.end)
    end = doc.sentences.at(cue[0])[1]
    if body.find("according", pos, end) < 0:
        return None  # most tags: a plain search first
    m = _ACCORDING.search(body, pos, end)
    if m is None or any(s <= m.start() < e for s, e in f.pieces):
        return None  # "according to" inside the quoted words is theirs
    if any(c in body[max(pos, f.pieces[-1][1]) : m.start()] for c in '"“”'):
        return None  # another quote stands between: the source is its own
    stop = m.end()
    while stop < end and body[stop] not in _SOURCE_STOP:
        stop += 1
    if stop == m.end() or len(body[m.end() : stop].split()) > _MAX_SOURCE_WORDS:
        return None
    return mention_after(body, m.end(), stop) or any_mention(body, m.end(), stop)


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:[a-z]+ly\s+)?$")
_BY = re.compile(r"\s+by\s+")


def _agent(body: str, cue: tuple[int, int]) -> Mention | None:
    """``was asked by host Jo Reel``: the agent of a passive cue, when a name or a nominal."""
    by = _BY.match(body, cue[1])
    if by is None or _PASSIVE.search(body, max(0, cue[0] - 24), cue[0]) is None:
        return None
    found = mention_after(body, by.end(), min(len(body), by.end() + 120))
    if found is None or found.form not in ("name", "nominal", "organization"):
        return None
    return found
