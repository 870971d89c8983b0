"""Reported reports: ``"A," X said at a rally, according to Y.`` is Y's account of X's words.

PolNeAR's annotators credit such a quote to the source that reports it (Y), as ``direct``
already does when ``according to`` follows the tag at once; this pass handles the source named
later in the tag's sentence, after a place, a time or a topic."""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.mentions import Mention, any_mention, mention_after

_ACCORDING = re.compile(r",\s+according\s+to\s+")
_SOURCE_STOP = frozenset('.,;:!?"“”\n')
_MAX_SOURCE_WORDS = 12


def credit_reporters(doc: Document) -> None:
    """Give every tagged direct or mixed quote whose tag sentence goes on with ``, according
    to Y`` the mention Y."""
    for f in doc.found:
        if f.type == "indirect" or f.cue is None or f.mention is None:
            continue
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
    m = _ACCORDING.search(body, pos, end)
    if m is None or any(s <= m.start() < e for s, e in f.pieces):
        return None  # "according to" inside the quoted words is theirs
    if any(c in body[pos : m.start()] for c in '"“”'):
        return None  # another quote stands between: the source is its own
    stop = m.end()
    while stop < end and body[stop] not in _SOURCE_STOP:
        stop += 1
    if stop == m.end() or len(body[m.end() : stop].split()) > _MAX_SOURCE_WORDS:
        return None
    doc.used_cues.add(body.index("according", m.start()))
    return mention_after(body, m.end(), stop) or any_mention(body, m.end(), stop)
