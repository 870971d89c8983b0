"""Where a mixed quote ends: the span conventions of the gold, as small pure rules."""

from __future__ import annotations

import re

from newsquotes.errors import ConfigError
from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.lexicon import lexicon, load_word_list
from newsquotes.quotes.marks import Quoted
from newsquotes.quotes.written import (
    carried_by,
    carried_piece,
    noun_phrase_before,
    quote_run_end,
)

_MARKS = '"“”«»'
_WORD = re.compile(r"[\s,]*([A-Za-z]+)")
# "... is "peanuts," compared to ...", "thanks to "X," he was ...": the clause goes on
_CONTINUATIONS = load_word_list("mixed_continuations.txt")
_AND_THAT = re.compile(r"[\s,]*and\s+that\b")


def ends_in_comma(body: str, q: Quoted) -> bool:
    """The quote ends in a comma, inside its closing mark or right after it."""
    return body[q.end - 1 : q.end] == "," or body[q.close_end : q.close_end + 1] == ","


def comma_close_end(doc: Document, start: int, end: int) -> int:
    """``deemed him "well qualified," which is ...``: a last quote that ends in a comma closes
    the reported words; what follows it (with no quote of its own) is the narrator's."""
    inside = doc.quotes_in(start, end)
    if not inside:
        return end
    q = doc.quotes[inside[-1]]
    if not q.closed or q.close_end >= end:
        return end
    body = doc.body
    if not ends_in_comma(body, q):
        return end
    rest = body[q.close_end : end]
    if any(c in rest for c in _MARKS) or not rest.strip(" \t\u00a0,"):
        return end
    word = _WORD.match(rest)
    if word is not None and word.group(1).lower() in _CONTINUATIONS:
        return end
    if _AND_THAT.match(rest):
        return end  # "said that A "...," and that B": the report goes on
    return q.close_end


_INTRODUCES = re.compile(r"\s*[,:]\s*[\"“«]")


def introduces_next(body: str, quote_end: int, cue_end: int) -> bool:
    """``"... heated." He adds, "B."``: after a quote that ended its sentence, a tag followed
    by a comma or colon and a quote mark opens the next quote; it is not the first one's."""
    return body[quote_end - 1] in ".!?" and _INTRODUCES.match(body, cue_end) is not None


_PARTICLE = re.compile(r"\s+(?:to|as)\b")
# a verb coordinated with the first: ", referred", "and called", ", then labeled"
_COORDINATED = re.compile(r"(?:,|\band)(?:\s+(?:then|also|later|recently|infamously))?\s+$")


def last_cue_start(doc: Document, start: int, quote_start: int) -> int:
    """``has mocked a reporter, referred to immigrants as "rapists"``: of several verbs before a
    quote, the reported words follow the last cue among them (and its ``to``)."""
    cue = doc.cue_after(start, quote_start)
    last = None
    while cue is not None and cue[1] < quote_start:
        last = cue
        cue = doc.cue_after(cue[1], quote_start)
    if last is None or not _COORDINATED.search(doc.body, max(start, last[0] - 12), last[0]):
        return start
    particle = _PARTICLE.match(doc.body, last[1], quote_start)
    end = particle.end() if particle is not None else last[1]
    while end < quote_start and doc.body[end] in " \t\u00a0":
        end += 1
    return end


def opens_with_participle_cue(doc: Document, pos: int) -> bool:
    """Does the clause at ``pos`` open with a participle cue (``calling it "pathetic"``, ``by
    saying C``)? Then that cue reports it, not the cue before."""
    if doc.body.startswith("by ", pos):
        pos += 3
    end = doc.cue_at.get(pos)
    return end is not None and doc.body.endswith("ing", pos, end)


_THAT_AFTER = re.compile(r"(?:\s+(?:to|on|in)\s+(?:the|a|an)?\s*[\w’'-]+)?\s+that\s+")


def after_lead_cue(doc: Document, start: int, quote_start: int) -> int:
    """``Weiner admitted to the paper that he had "...," he said``: the words reported by the
    tagged quote start after a cue and its ``that`` in the sentence's opening."""
    cue = doc.cue_after(start, quote_start)
    found = start
    while cue is not None and cue[1] < quote_start:
        that = _THAT_AFTER.match(doc.body, cue[1], quote_start)
        if that is not None:
            found = that.end()
        cue = doc.cue_after(cue[1], quote_start)
    return found


_WORDS = re.compile(r"\w+")
_SAME_WORDS = 0.7  # word-multiset Dice at which two attributions report the same words


def _bag(body: str, f: Found) -> dict[str, int]:
    bag: dict[str, int] = {}
    for s, e in f.pieces:
        for w in _WORDS.findall(body, s, e):
            w = w.lower()
            bag[w] = bag.get(w, 0) + 1
    return bag


def _same_words(a: dict[str, int], b: dict[str, int]) -> bool:
    total = sum(a.values()) + sum(b.values())
    shared = sum(min(n, b.get(w, 0)) for w, n in a.items())
    return total > 0 and 2 * shared >= _SAME_WORDS * total


def _named(f: Found) -> bool:
    """A mention that says who speaks (a name, a title, a body), not a pronoun."""
    return f.mention is not None and f.mention.form in ("name", "nominal", "organization")


_THAT_BEFORE = re.compile(r"\bthat[\s,]*$")


def _nested_in(body: str, inner: Found, outer: Found) -> bool:
    """Is ``inner`` a report inside the clause ``outer`` reports (``X said that once the
    Senate goes on recess, "..."``): its cue and mention in ``outer``'s content, which
    ``outer``'s cue opens?"""
    if inner.cue is None or outer.cue is None:
        return False
    start, end = outer.pieces[0][0], outer.pieces[-1][1]
    if outer.cue[1] > start or not _THAT_BEFORE.search(body, outer.cue[1], start):
        # a tag after the words (``"A," X said``) reports no clause before it; without a
        # that-clause, "In a message posted Friday, X said ..." holds a report of its own
        return False
    mention = inner.mention
    return start <= inner.cue[0] < end and (mention is None or start <= mention.start < end)


def drop_duplicates(doc: Document) -> None:
    """Two stages may report the same quoted words twice (a tag after the quote and a cue in
    the sentence before it): one attribution holds them, the one found first unless only the
    other names its speaker."""
    found = doc.found
    quoted = 0
    for f in found:
        if f.type != "indirect":
            quoted += 1
            if quoted == 2:
                break
    else:
        return  # fewer than two quoted attributions: nothing to compare
    body = doc.body
    spans = [
        (f.pieces[0][0], f.pieces[0][1] if len(f.pieces) == 1 else max(e for _, e in f.pieces))
        for f in found
    ]
    order = sorted(range(len(found)), key=spans.__getitem__)
    bags: dict[int, dict[str, int]] = {}
    dropped: set[int] = set()
    for n, a in enumerate(order):
        for b in order[n + 1 :]:
            if spans[b][0] >= spans[a][1]:
                break  # sorted by start: no later one overlaps a
            if a in dropped or b in dropped:
                continue
            if found[a].type == "indirect" or found[b].type == "indirect":
                continue  # an indirect clause may hold a quote another cue reports
            if a not in bags:
                bags[a] = _bag(body, found[a])
            if b not in bags:
                bags[b] = _bag(body, found[b])
            if _same_words(bags[a], bags[b]):
                first, later = min(a, b), max(a, b)
                # the outer report holds the one nested in its clause; else the one found
                # first stays, unless only the later one names its speaker
                if _nested_in(body, found[first], found[later]) or (
                    not _nested_in(body, found[later], found[first])
                    and _named(found[later])
                    and not _named(found[first])
                ):
                    first, later = later, first
                dropped.add(later)
    if dropped:
        doc.found = [f for k, f in enumerate(found) if k not in dropped]


def _load_verbatim(name: str = "verbatim_cues.txt") -> frozenset[str]:
    lemmas = load_word_list(name)
    unknown = sorted(lemmas.difference(lexicon().lemma_of.values()))
    if unknown:
        raise ConfigError(f"not a speech verb lemma: {', '.join(unknown)}", source=name)
    return lemmas


# "he yelled "You lie!" at the president": cues that carry the very words, and only them
_VERBATIM = _load_verbatim()
_GAP = " ,\t\u00a0"


def verbatim_quote(doc: Document) -> None:
    """``protesters gathered, chanting "no contract" after the talks failed``: when a mixed
    quote's own cue is a verbatim verb (yelled, chanted) right before its first quote, the
    reported words are that quote alone; the rest of the clause is the narrator's."""
    body = doc.body
    lemma_of = lexicon().lemma_of
    for f in doc.found:
        if f.type != "mixed" or len(f.pieces) != 1 or f.cue is None:
            continue
        s, e = f.pieces[0]
        if lemma_of.get(body[f.cue[0] : f.cue[1]].lower()) not in _VERBATIM:
            _cut_to_carried(doc, f)
            continue
        inside = doc.quotes_in(s, e)
        if not inside:
            continue
        q = doc.quotes[inside[0]]
        if not q.closed or q.open_start < s or body[f.cue[1] : q.open_start].strip(_GAP):
            continue  # the quote does not follow its cue: a clause holds it
        # 'chanted "A" and "B."': the words of every quote in the run
        f.pieces[0] = (q.open_start, quote_run_end(doc, inside[0], inside[-1]))
        f.type = "direct"


def _cut_to_carried(doc: Document, f: Found) -> None:
    """``Trump posted a message on Twitter reading "Thank you"``: in a mixed quote, a quote
    carried by a written thing (``reading``, ``that said``) is the reported words alone."""
    s, e = f.pieces[0]
    inside = doc.quotes_in(s, e)
    for k in inside:
        q = doc.quotes[k]
        if not q.closed or q.open_start < s:
            continue
        m = carried_by(doc, q)
        if m is not None and m.start() >= s and noun_phrase_before(doc.body, s, m.start()):
            f.pieces[0], _ = carried_piece(doc, k, inside[-1])
            f.type = "direct"
        return  # only the first quote of the clause may be carried


# a clause joined before a quote whose tag follows it: "..., but it ...", "...; ...", " and that ..."
# (not "and calling her ...": a participle goes on with the subject's clause)
_JOINED = re.compile(r"(?:,\s+but|;|:|\s+and)\s+(?=[a-z])(?![a-z]+ing\b)")


def tagged_clause_start(doc: Document) -> None:
    """``The race has turned negative and that will take time to "cool off," Kunin said``:
    when the tag follows a mixed quote, the reported words start at the last clause joined
    before the quote; the clauses before it are the narrator's."""
    body = doc.body
    for f in doc.found:
        if f.type != "mixed" or len(f.pieces) != 1 or f.cue is None:
            continue
        s, e = f.pieces[0]
        if f.cue[0] < e:
            continue  # the cue opens the clause: it bounds the words already
        inside = doc.quotes_in(s, e)
        if not inside:
            continue
        opening = doc.quotes[inside[0]].open_start
        last = None
        for m in _JOINED.finditer(body, s, opening):
            last = m
        if last is not None and last.end() < opening:
            f.pieces[0] = (last.end(), e)
