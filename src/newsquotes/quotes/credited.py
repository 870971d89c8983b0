"""Who the words are credited to, when the text credits them apart from a reporting tag.

- ``HEADLINE "Quoted words." [Reuters.]``, ``"Words." ― Ana Ruiz`` (``find_credited``, before the
  indirect stage so the quote stays whole): news digests end an excerpt with its source in
  square brackets; fact checks and collections of readers' words end a quote with its author
  after a dash, on its line or the next. The quote is the source's words (a direct quote, or a
  mixed one when the quote ends a sentence of the text's own).
- ``"A," X said at a rally, according to Y.`` (``credit_reporters``, after the last stage) is Y's
  account of X's words: PolNeAR's annotators credit it to Y, as ``direct`` already does when
  ``according to`` follows the tag at once; this pass handles the source named later in the
  tag's sentence, after a place, a time or a topic. ``X was asked by Y, "A?"``: a passive cue's
  agent (Y) speaks, not its subject.
"""

from __future__ import annotations

import re

from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.mentions import Mention, any_mention, mention_after

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
        doc.found.append(Found(kind, pieces, None, any_mention(body, *src)))  # no cue: a credit
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
            f.credit_to(source)


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
