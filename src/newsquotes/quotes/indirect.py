"""Indirect and mixed speech: a reported clause around a cue, in the sentence that holds it.

Patterns: ``X said (that) C.`` / ``C, X said.`` / ``C, said X.`` / ``According to X, C.`` /
``C, according to X.`` / ``..., adding C`` (the subject of the sentence goes on speaking). A
clause that contains quote marks is a mixed quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable
from itertools import islice

from newsquotes.models import SpeakerKind
from newsquotes.quotes.bounds import (
    comma_close_end,
    last_cue_start,
    opens_with_participle_cue,
)
from newsquotes.quotes.cues import ACCORDING_TO, lemma
from newsquotes.quotes.direct import clausal_tail, clause_subject, tag_before_participle
from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.lexicon import lexicon, load_word_list
from newsquotes.quotes.mentions import (
    ADVERBS,
    DETERMINERS,
    RELATIVES,
    Mention,
    any_mention,
    mention_after,
    mention_before,
    opening_phrase,
    opening_words,
    sentence_subject,
    tokens,
)
from newsquotes.quotes.nominal import noun_subject, noun_subject_before
from newsquotes.quotes.outer import outer_cue, tagged_speaker
from newsquotes.quotes.stance import STANCE_VERBS, stance_verb_in, written_words_before
from newsquotes.quotes.subjects import written_subject
from newsquotes.quotes.titles import names_work

_WORD = re.compile(r"\w+")
_TRIM_END = " \t\n\u00a0.,;:—–-"
_TRIM_START = " \t\n\u00a0,;:—–-"
_THAT = re.compile(r"\bthat\b")
_AND_VERB = re.compile(
    r",?\s+(?:and\s+(?:then\s+|also\s+|later\s+|has\s+)?(?=(?:[a-z]+ed|said|told|went|made|"
    r"gave|took|left|added|urged|called|noted|argued|warned|vowed|says|calls|adds)\b)"
    r"|but\s+(?:also\s+|did\s+|has\s+)?(?=(?:said|says|noted|note|added|told|did|has|called)\b))"
)
_SUBORDINATE_BREAK = re.compile(r",\s+(?:although|though|while|whereas|but)\b")
_COMMA_THAT = re.compile(r",\s*that\b")
_DAY_WORDS = load_word_list("day_words.txt")
# capitalized opening words that never name anyone ("Similarly,", "Friday,")
_NOT_NAME_WORDS = load_word_list("not_name_words.txt") | _DAY_WORDS
_SUBJECT_END_WORDS = load_word_list("subject_end_words.txt")
_DAY_PREFIX = frozenset(["on", "late", "early", "last", "this"])
_DAY_PARTS = frozenset(["morning", "afternoon", "evening", "night"])
# what may stand between a cue and its clause: time, place, channel, addressee
_INTRO_WORDS = load_word_list("clause_intro_words.txt") | _DAY_WORDS
_OBJECT_WORDS = frozenset(
    [
        "reporters",
        "journalists",
        "supporters",
        "the",
        "media",
        "crowd",
        "audience",
        "listeners",
        "viewers",
        "him",
        "her",
        "them",
        "me",
        "us",
        "you",
        "people",
        "members",
        "lawmakers",
        "congress",
        "voters",
        "a",
        "an",
        "his",
        "her",
        "their",
    ]
)
_SUBJECT_PRONOUNS = frozenset(["i", "he", "she", "we", "they", "it"])
# words that may open a sentence before its subject ("But", "Still, even"): never a speaker
_LEAD_WORDS = load_word_list("lead_words.txt")


def _words(doc: Document, start: int, end: int) -> int:
    """Words in ``body[start:end]``, counted as blank-separated chunks (cheap; thresholds only)."""
    return len(doc.body[start:end].split())


def _trim(doc: Document, start: int, end: int) -> tuple[int, int]:
    body = doc.body
    while start < end and body[start] in _TRIM_START:
        start += 1
    while end > start and body[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def _clause_after(doc: Document, cue: tuple[int, int], end: int, tell: bool) -> tuple[int, int]:
    """The reported clause after a cue: skip ``Monday``, ``in a statement,``, ``reporters``,
    ``that``; stop at the next cue that opens with a comma (``, adding``, ``, he said``)."""
    body = doc.body
    start = cue[1]
    head = body[start : min(end, start + 90)]
    # both patterns need the word "that": a substring test spares most regex scans
    m = (_COMMA_THAT.search(head) or _THAT.search(head)) if "that" in head else None
    if (m and m.group().startswith(",")) or (
        m
        and (
            all(
                w.lower() in _INTRO_WORDS or w[0].isupper()
                for w in _WORD.findall(head[: m.start()])
            )
            or _adjunct_phrase(_WORD.findall(head[: m.start()]))
            or (tell and _addressee(_WORD.findall(head[: m.start()])))
        )
    ):
        start += m.end()
    else:
        toks = list(islice(_WORD.finditer(head), 5))  # only the first five are read
        k = 0
        if tell:
            while (
                k < len(toks)
                and k < 5
                and (toks[k].group().lower() in _OBJECT_WORDS or toks[k].group()[0].isupper())
            ):
                k += 1
            if (
                0 < k < len(toks) - 1
                and toks[k - 1].group().lower() in DETERMINERS
                and toks[k + 1].group().lower() in _SUBJECT_PRONOUNS
            ):
                k += 1  # "told the paper she was leaning": the addressee's noun too
        comma = head.find(",")
        if 0 <= comma < 60 and all(
            w.lower() in _INTRO_WORDS or w[0].isupper() for w in _WORD.findall(head[:comma])
        ):
            start += comma + 1
        elif k:
            start += toks[k - 1].end()
        elif toks and toks[0].group().lower() in _DAY_WORDS:
            start += toks[0].end()
        elif (
            len(toks) >= 3
            and toks[0].group().lower() in _DAY_PREFIX
            and toks[1].group().lower() in _DAY_WORDS
            and toks[2].group()[0].islower()
        ):
            # "said on Friday he met ...": the day, then the clause
            k = 2
            if toks[2].group().lower() in _DAY_PARTS and len(toks) > 3:
                k = 3  # "on Tuesday night"
            start += toks[k - 1].end()
    subordinate = _SUBORDINATE_BREAK.search(body, start, end)
    if subordinate is not None and subordinate.start() - start > 15:
        end = subordinate.start()  # "... no arrests late Monday, although 55 people ..."
    coordinated = (
        _AND_VERB.search(body, start, end)
        if body.find("and", start, end) >= 0 or body.find("but", start, end) >= 0
        else None
    )
    if coordinated is not None and coordinated.start() - start > 15:
        end = coordinated.start()  # "he makes $41,000 a year and questioned how ...": one clause
    nxt = doc.cue_after(start, end)
    while nxt is not None:
        before = body[max(start, nxt[0] - 40) : nxt[0]]
        if "," in before and nxt[0] - start > 20:
            cut = start + body[start : nxt[0]].rfind(",")
            if cut > start:
                end = cut
                break
        nxt = doc.cue_after(nxt[1], end)
    return _trim(doc, start, end)


# a conjunction that opens a clause of its own after a source phrase
_NEW_CLAUSE = re.compile(r"\s*(?:but|while|whereas|although|though|yet)\b", re.IGNORECASE)


def _addressee(words: list[str]) -> bool:
    """``the station``, ``his closest advisers``: who was told, between ``told`` and ``that``."""
    return 1 <= len(words) <= 4 and words[0].lower() in _OBJECT_WORDS


def _adjunct_phrase(words: list[str]) -> bool:
    """``on the convention floor``, ``in an interview with CNN``: a short prepositional phrase
    with no verb, between a cue and its ``that``."""
    return (
        1 < len(words) <= 7
        and words[0].lower() in _ADJUNCT
        and not any(w.lower() in _VERBISH or w.lower() in _CLAUSE_WORDS for w in words[1:])
        and not any(w.endswith("ed") and w.islower() for w in words)
    )


def _holds_used_cue(doc: Document, start: int, end: int) -> bool:
    cue = doc.cue_after(start, end)
    while cue is not None:
        if cue[0] in doc.used_cues:
            return True
        cue = doc.cue_after(cue[1], end)
    return False


def _type(doc: Document, start: int, end: int) -> str:
    """Direct when the clause is one quote, mixed when it holds quote marks, else indirect."""
    inside = doc.quotes_in(start, end)
    if not inside:
        return "indirect"
    q = doc.quotes[inside[0]]
    if len(inside) == 1 and q.open_start <= start + 1 and q.close_end >= end - 1:
        return "direct"
    return "mixed"


def _mark_quotes(doc: Document, start: int, end: int) -> None:
    doc.used_quotes.update(doc.quotes_in(start, end))


def find_indirect(doc: Document) -> None:
    """Add indirect and mixed attributions around every cue not already used by a quote."""
    body = doc.body
    last_in_sentence: dict[int, Found] = {}
    quote_only = lexicon().quote_only
    first_own = len(doc.found)  # the attributions of this stage start here
    for cue in doc.cues:
        if cue[0] in doc.used_cues:
            continue
        s, e = doc.sentences.at(cue[0])
        s, e = _trim(doc, s, e)
        if not s <= cue[0] < e:
            continue
        if _after_determiner(body, cue[0]):
            continue  # "a state of emergency", "the report": a noun, not a cue
        cue_lemma = lemma(body[cue[0] : cue[1]])
        lead_start, lead_end = _trim(doc, s, cue[0])
        found: Found | None = None
        pronoun: Mention | None = None  # a subject pronoun right before the cue
        if cue_lemma == ACCORDING_TO:
            source_start = _skip_space(body, cue[1])
            mention = mention_after(body, source_start, e) or _source_phrase(doc, source_start, e)
            if mention is None:
                continue
            if lead_end <= lead_start:  # According to X, C.
                comma = body.find(",", mention.end, e)
                if comma < 0:
                    continue
                cs, ce = _trim(doc, comma + 1, e)
            else:  # C, according to X.
                cs, ce = lead_start, lead_end
            pieces = [(cs, ce)]
            rest = _source_end(doc, mention.end, e)
            if (
                lead_end > lead_start
                and rest >= 0
                and _words(doc, rest, e) >= 3
                and _NEW_CLAUSE.match(body, rest + 1) is None
            ):
                # "The implication, according to the aide, is that ...": both sides; not
                # "C, according to X, but Y announced ...": a clause of its own
                pieces.append(_trim(doc, rest + 1, e))
            found = Found("indirect", pieces, cue, mention)
        else:
            tail: tuple[int, int] | None = None
            mention = None
            subject_end = _progressive_start(body, cue, s)
            # "X fought the rule, saying C": the comma before a participle ends a clause,
            # not an appositive (``X, a senator, said``)
            participle = body[cue[0] : cue[1]].endswith("ing")
            deferred = False
            for finder in (mention_before, _subject_phrase, noun_subject_before):
                if finder is mention_before:
                    candidate = mention_before(body, subject_end, s, appositive=not participle)
                    if candidate is not None and candidate.text.lower() in _SUBJECT_PRONOUNS:
                        pronoun = candidate
                else:
                    candidate = finder(body, subject_end, s)
                if candidate is not None and _opening_adverbial(body, candidate):
                    # "Similarly, X, a former secretary, said": X, not the opening word
                    fallback = None if opening_phrase(candidate.text) else candidate
                    candidate = _clause_subject(doc, s, cue) or fallback
                if candidate is None:
                    continue
                if participle and _after_preposition(body, cue[0]):
                    # "X responded by saying C", "aside from saying C": the clause's subject
                    candidate = _clause_subject(doc, s, cue)
                    if candidate is None:
                        continue
                elif (
                    participle
                    and candidate.form not in ("name", "pronoun")
                    and _inside_predicate(body, s, candidate)
                ):
                    # "X issued a statement saying C": the clause's subject, not its object
                    candidate = _clause_subject(doc, s, cue) or candidate
                if tail is None:  # only for cues with a speaker: most cues have none
                    tail = _clause_after(doc, cue, e, cue_lemma == "tell")
                tail_start, tail_end = tail
                spans = _speaker_clause(doc, s, cue, candidate, cue_lemma, tail_start, tail_end)
                if spans is not None and opens_with_participle_cue(doc, spans[0][0]):
                    # "X responded on Twitter, calling it "pathetic"": the participle reports
                    deferred = True
                    break
                if spans is not None:
                    mention = candidate
                    found = Found("indirect", spans, cue, mention)
                    break
            if deferred:
                continue
            if (
                found is None
                and _word_before(body, cue[0]) in ("and", "but", "then")
                and (
                    s in last_in_sentence
                    or sentence_subject(body, s, cue[0]) is not None
                    or _clause_subject(doc, s, cue) is not None
                )
            ):
                # "X issued a statement ... and said C": the subject of the sentence again
                prior = last_in_sentence.get(s)
                subject = prior.mention if prior is not None and prior.mention else None
                subject = (
                    subject or sentence_subject(body, s, cue[0]) or _clause_subject(doc, s, cue)
                )
                cs, ce = _clause_after(doc, cue, e, cue_lemma == "tell")
                if _words(doc, cs, ce) >= 2:
                    found = Found("indirect", [(cs, ce)], cue, subject)
            elif found is None and (
                body[s : cue[0]].rstrip().rstrip("\"”’'").endswith(",")
                or (
                    participle
                    and bool(doc.quotes_in(cue[1], e))  # the cheap test first
                    and _SUBORDINATE_PARTICIPLE.search(body, s, cue[0]) is not None
                )
            ):
                after = mention_after(body, _skip_space(body, cue[1]), e)
                # "said he does ...", "said China and Russia have ...": a clause, not a tag
                opens_clause = (
                    after is not None
                    and (after.form == "pronoun" or _word_after(body, after.end) == "and")
                    and clausal_tail(doc, after.end)
                )
                if after is not None and (
                    _verb_follows(body, after.end)
                    or body[cue[0] : cue[1]].endswith("ing")
                    or opens_clause
                ):
                    # "said Hillary Clinton should ...", "saying X", "X, at the institute, said
                    # China and Russia have ...": the mention opens the clause, no inversion
                    after = None
                if cue_lemma == "tell":
                    after = None  # "C, told X" is no inversion: "X, a delegate, told Y C"
                subject = _clause_subject(doc, s, cue) if opens_clause else None
                if subject is None and after is None and not body[cue[0] : cue[1]].endswith("ing"):
                    subject = _appositive_subject(doc, s, cue)
                if subject is not None:  # the subject before the comma speaks: X, ..., said C
                    found = Found("indirect", [_clause_after(doc, cue, e, False)], cue, subject)
                elif after is not None and _words(doc, lead_start, lead_end) >= 3:
                    found = Found("indirect", [(lead_start, lead_end)], cue, after)
                elif body[cue[0] : cue[1]].endswith("ing") and s not in last_in_sentence:
                    # "X lobbied to suspend the rule, saying ...": X goes on speaking
                    subject = tag_before_participle(doc, cue, s) or sentence_subject(
                        body, s, cue[0]
                    )
                    tagged = None
                    if subject is None:
                        tagged = doc.tag_ending_at(cue[0]) or _tag_in_sentence(doc, s, cue[0])
                    if tagged is not None:  # ""A," she said, adding that C": she goes on
                        subject = tagged.mention
                    subject = subject or _clause_subject(doc, s, cue)
                    cs, ce = _clause_after(doc, cue, e, cue_lemma == "tell")
                    if subject is not None and _words(doc, cs, ce) >= 2:
                        found = Found("indirect", [(cs, ce)], cue, subject)
                    elif _words(doc, cs, ce) >= 3 and _words(doc, lead_start, lead_end) >= 4:
                        # "The departments declined ..., saying C": a subject no word list
                        # knows, taken as written; else the one the text is about
                        written = written_subject(body, s, cue[0])
                        found = Found("indirect", [(cs, ce)], cue, written, inherit=not written)
                elif body[cue[0] : cue[1]].endswith("ing") and s in last_in_sentence:
                    cs, ce = _clause_after(doc, cue, e, cue_lemma == "tell")
                    if _words(doc, cs, ce) >= 2:
                        found = Found(
                            "indirect",
                            [(cs, ce)],
                            cue,
                            None,
                            inherit=True,
                            # the test below reads the same entry: not None
                            inherit_from=last_in_sentence[s].cue[0]  # type: ignore[index]
                            if last_in_sentence[s].cue
                            else None,
                        )
        if found is None and s not in last_in_sentence:
            found = _long_subject(doc, s, e, cue, cue_lemma)
            if found is not None and pronoun is None:
                pronoun = _pronoun_before(body, s, cue[0]) or _relative_before(body, s, cue[0])
            if found is not None and pronoun is not None:
                # "X was so sure of it he said C": the pronoun as written, not the subject;
                # "X, who has in the past described Y as C": the relative pronoun
                found.mention, found.subject = pronoun, found.mention
        if found is None:
            continue
        cs, ce = found.pieces[0]
        cs, ce = _trim(doc, cs, ce)
        if ce - cs < 3 or _words(doc, cs, ce) < 2:
            continue
        if (
            ce <= cue[0]
            and any(j in doc.used_quotes for j in doc.quotes_in(cs, ce))
            and _holds_used_cue(doc, cs, ce)
        ):
            continue  # ""A," she said, in a caution": the quote and its tag are taken
        found.pieces = [(cs, ce), *found.pieces[1:]]
        found.type = _type(doc, cs, ce)
        if found.type != "indirect" and _opens_with_name(doc, cs):
            continue  # "a film called "Open Doors" on TV": a name, not the clause reported
        if found.type == "indirect" and cs >= cue[1] and _prepositional(body, cs, ce):
            continue  # "responded to Trump's rant", "testified voluntarily": no clause
        if found.type == "mixed" and len(found.pieces) == 1:
            ce = _mixed_end(doc, cs, ce)
            found.pieces = [(cs, ce)]
        if found.type != "indirect" and body.endswith("ing", cue[0], cue[1]):
            _end_before_participle(doc, doc.found[first_own:], cue)
        if (
            found.type == "indirect"
            and cue_lemma in quote_only
            and not (cue_lemma == "call" and _names_as(body, cue, cs))
        ):
            continue  # "called the police": a cue only when it reports quoted words
        doc.used_cues.add(cue[0])
        _mark_quotes(doc, cs, ce)
        doc.found.append(found)
        last_in_sentence[s] = found


def _opens_with_name(doc: Document, start: int) -> bool:
    """Does the clause open with a quoted name (``called "The Local" on ...``)?"""
    j = bisect_left(doc.quote_starts, start)
    return (
        j < len(doc.quotes)
        and doc.quotes[j].open_start == start
        and names_work(doc.body, doc.quotes[j])
    )


# "..., while adding C": a participle cue opened by a subordinator goes on like ", adding C"
_SUBORDINATE_PARTICIPLE = re.compile(r"\s(?:while|when)\s+$")


def _progressive_start(body: str, cue: tuple[int, int], floor: int) -> int:
    """Where the subject of ``X is telling voters ...`` ends: before the ``is`` of a
    progressive cue (the AP's running-story style), else at the cue."""
    if not body.endswith("ing", cue[0], cue[1]) or not _REPORT_AHEAD.match(body, cue[1]):
        return cue[0]  # "is adding to his wins": no report without a that-clause or a quote
    m = _PROGRESSIVE_AUX.search(body, max(floor, cue[0] - 24), cue[0])
    return m.start() if m is not None else cue[0]


_REPORT_AHEAD = re.compile(r"[^.!?\n\"“”]{0,80}?(?:\bthat\b|[\"“])")
_PROGRESSIVE_AUX = re.compile(r"\s(?:is|are|was|were)(?:\s+(?:also|now|still|again|already))?\s+$")


def _end_before_participle(doc: Document, earlier: list[Found], cue: tuple[int, int]) -> None:
    """``X did A, saying B "..."``: a clause of this stage that ran over the participle cue
    ends before it; the quote belongs to what the participle reports."""
    body = doc.body
    for f in earlier:
        if len(f.pieces) != 1 or f.type == "indirect":
            continue
        ps, pe = f.pieces[0]
        if not ps < cue[0] < pe:
            continue
        comma = body.rfind(",", ps, cue[0])
        if comma < 0 or body[comma + 1 : cue[0]].strip():
            continue
        ps, pe = _trim(doc, ps, comma)
        f.pieces = [(ps, pe)]
        f.type = _type(doc, ps, pe)
        if _words(doc, ps, pe) < 2:
            doc.found.remove(f)


_NOT_SUBJECT = frozenset(
    ["it", "this", "that", "there", "which", "who", "what", "these", "those", "i", "you", "one"]
)


# words that show a clause, not a noun phrase, before the cue ("what he has said")
_CLAUSE_WORDS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "not",
        "what",
        "when",
        "where",
        "if",
        "than",
        "as",
        "because",
        "and",
        "or",
        "to",
        "while",
        "that",
        "who",
        "which",
        "he",
        "she",
        "they",
        "him",
        "them",
        "we",
        "get",
        "gets",
        "got",
    ]
)


_SUBORDINATORS = frozenset(
    [
        "even",
        "though",
        "although",
        "while",
        "because",
        "when",
        "as",
        "if",
        "where",
        "since",
        "whereas",
        "after",
        "before",
    ]
)


_SUBJECT_CLAUSE_OPENERS = _SUBORDINATORS | {"but", "so", "yet", "and"}


def _subject_phrase(body: str, end: int, start: int) -> Mention | None:
    """A short noun phrase opening the sentence right before its cue (``Several Democratic
    operatives said``): a speaker even when no word list knows its head."""
    if _cannot_end_subject(body, end, start):
        return None  # the same tests as below on the last word, before tokenizing
    toks = tokens(body, max(start, end - 90), end)
    # after an opening phrase ("In Texas, half of GOP primary voters said"): the last clause
    cut = max(
        (i for i, t in enumerate(toks) if t[2] in ",:;()—–―" or t[2] in ("-", "--")), default=-1
    )
    if cut >= 0:
        toks = toks[cut + 1 :]
    # "... so numerous that Border Patrol agents described C": the clause the cue ends
    opener = len(toks) - 1
    while opener >= 0 and toks[opener][2] not in _SUBJECT_CLAUSE_OPENERS:
        opener -= 1  # lower case: a capitalized opener starts the sentence, a lead word below
    if opener >= 0 and toks[opener][2] == "and" and _coordinated_nouns(toks):
        opener = -1  # "teachers and union officials said": one subject
    if opener >= 0:
        toks = toks[opener + 1 :]
    elif cut < 0 and toks and toks[0][0] - start > 0:
        return None  # the window does not reach the sentence start
    while toks and (toks[0][2].lower() in _LEAD_WORDS or toks[0][2].lower() in _SUBORDINATORS):
        toks = toks[1:]
    while toks and toks[-1][2].lower() in ADVERBS:
        toks = toks[:-1]
    if not 1 <= len(toks) <= 12 or not (toks[-1][2][0].isalnum() or toks[-1][2] == "%"):
        return None  # "42% say C"
    if any(not t[2][0].isalnum() and t[2] not in "'’-%$/" for t in toks):
        return None
    words = [t[2].lower() for t in toks]
    if opening_words(words):
        return None  # "X, a senator, last week said": a time phrase, no subject
    if words[0] in lexicon().lemma_of and toks[0][2].islower():
        return None  # "..., said the aide's memo didn't recall": a report, not a subject
    if len(words) == 1 and words[0] in _QUANTIFIERS:
        s, e = toks[0][0], toks[0][1]  # "Some say C", "Others said C"
        return Mention(s, e, body[s:e], "unknown", "other")
    if words[-1] in _NOT_SUBJECT or (
        words[0] in _NOT_SUBJECT
        and not _quantity_of(toks)
        and not (words[0] == "those" and len(words) >= 2)  # "those surveyed say C"
        and not (words[0] in ("this", "that") and len(words) == 2)  # "That person said C"
    ):
        return None
    if (words[-1] in DETERMINERS or words[-1] in _NOUN_MARKERS) and not _one_in(words):
        return None
    if words[-1].endswith(("ly", "ed")) and words[-1] not in _SUBJECT_END_WORDS:
        return None
    if any(
        w in _CLAUSE_WORDS and not _part_of(words, i) for i, w in enumerate(words)
    ) and not _coordinated_nouns(toks):
        return None
    first = toks[0][2]
    if first[0].isdigit() and body[toks[0][0] - 1 : toks[0][0]] == ",":
        return None  # "$768,000 in reported ...": the tail of a number, not a phrase
    s, e = toks[0][0], toks[-1][1]
    return Mention(s, e, body[s:e], "unknown", "other")


# prepositions before a participle cue ("by saying", "despite admitting"): no speaker between
_PREPOSITIONS = frozenset(
    [
        "by",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "after",
        "before",
        "about",
        "into",
        "while",
        "when",
        "despite",
        "without",
        "upon",
        "amid",
        "against",
        "through",
        "from",
    ]
)
# a quantity standing alone as a subject ("Some say C", "Many said C")
_QUANTIFIERS = frozenset(
    ["some", "many", "most", "others", "several", "few", "both", "all", "another", "one"]
)


def _one_in(words: list[str]) -> bool:
    """``Two in three``, ``one in five``: a share of people, though it ends with a number."""
    return len(words) == 3 and words[1] == "in"


def _part_of(words: list[str], i: int) -> bool:
    """``most of them``, ``some of us``: a pronoun closing a quantity, not a clause word."""
    return i >= 1 and words[i - 1] == "of" and words[i] in ("them", "us")


def _quantity_of(toks: list) -> bool:
    """``One in three``, ``one of his advisers``: a subject, though it opens with "one"."""
    return len(toks) >= 3 and toks[0][2].lower() == "one" and toks[1][2].lower() in ("in", "of")


def _coordinated_nouns(toks: list) -> bool:
    """``teachers and union officials``: two short noun phrases joined by "and" (the only
    clause word), not two clauses (``Clinton won and officials``)."""
    words = [t[2] for t in toks]
    if len(words) > 8 or not all(w.isalpha() for w in words):
        return False
    clause_words = [w for w in words if w.lower() in _CLAUSE_WORDS]
    if clause_words != ["and"] or words[0] == "and" or words[-1] == "and":
        return False
    before = words[words.index("and") - 1]
    return not (before.islower() and before.endswith("ed"))


def _cannot_end_subject(body: str, end: int, floor: int) -> bool:
    """Is the word before ``end`` one that no subject phrase ends with (``is``, ``the``,
    ``quickly``)? Cheap: most cues are rejected here."""
    stop = end
    while stop > floor and body[stop - 1] in " \t\u00a0":
        stop -= 1
    pos = stop
    while pos > floor and (body[pos - 1].isalnum() or body[pos - 1] in ".'’&-"):
        pos -= 1
    word = body[pos:stop].lower()
    if not word or word in ADVERBS:
        return False
    if body[max(floor, pos - 4) : pos] in (" in ", " of ") or word in _QUANTIFIERS:
        return False  # "Two in three said", "Most of them said", "Some say": see below
    return (
        word in _CLAUSE_WORDS
        or word in _NOT_SUBJECT
        or word in DETERMINERS
        or word in _NOUN_MARKERS
        or (word.endswith(("ly", "ed")) and word not in _SUBJECT_END_WORDS)
    )


_NOUN_MARKERS = load_word_list("determiners.txt") | {"that"}


def _after_determiner(body: str, pos: int) -> bool:
    """Is the word before ``pos`` a determiner (so the cue word is a noun: "the report")?"""
    start = pos - 1
    while start >= 0 and body[start] in " \t\u00a0":
        start -= 1
    end = start + 1
    while start >= 0 and body[start].isalpha():
        start -= 1
    return body[start + 1 : end].lower() in _NOUN_MARKERS


_ADJUNCT = frozenset(
    [
        "to",
        "from",
        "during",
        "on",
        "in",
        "at",
        "for",
        "with",
        "by",
        "into",
        "about",
        "over",
        "after",
        "before",
        "as",
        "of",
    ]
)


def _speaker_clause(
    doc: Document,
    s: int,
    cue: tuple[int, int],
    mention: Mention,
    cue_lemma: str,
    tail_start: int,
    tail_end: int,
) -> list[tuple[int, int]] | None:
    """The reported clause for a speaker just before the cue: before them (``C, X said.``) or
    after the cue (``X said C.``); None when neither reads as reported speech."""
    body = doc.body
    lead = body[s : mention.start]
    lead_words = _words(doc, s, mention.start)
    tail_words = _words(doc, tail_start, tail_end)
    if (
        mention.text not in RELATIVES  # a relative clause reports what follows, not what precedes
        and lead.rstrip().endswith(",")
        and (lead_words >= 3 or (lead_words >= 1 and tail_words == 0))
        and not _is_intro(lead)
        and _not_clausal(doc, cue, tail_start, tail_words, cue_lemma)
    ):
        return [_trim(doc, s, mention.start)]
    if (
        tail_words >= 2
        # "voters who say C": a restrictive relative reports only with a plain speech verb
        and (
            (mention.text.lower() == "who" and cue_lemma in ("say", "tell"))
            or _lead_ok(doc, s, mention.start)
        )
        and not (
            mention.form == "other"
            and _starts_adjunct(body, tail_start)
            and not body[:tail_start].rstrip().endswith("that")  # "say that by doing X, C"
            and not (cue_lemma not in _TO_ADDRESSEE and _infinitive_at(body, tail_start))
        )
    ):
        if (
            lead.rstrip().endswith(",")
            and lead_words >= 2
            and _char_after(body, cue[1]) == ","
            and not _adverbial_clause(lead)
        ):
            # "At times, people close to him said, the mere mention ...": both sides
            return [_trim(doc, s, mention.start), (tail_start, tail_end)]
        return [(tail_start, tail_end)]
    return None


def _adverbial_clause(lead: str) -> bool:
    """``When asked why ..., X said, "Q"``: a lead opening with a subordinator (or ``asked``)
    sets the scene of the report; it is not a piece of what was said."""
    first = lead.lstrip().split(None, 1)[0].lower() if lead.strip() else ""
    return first in _SUBORDINATORS or first == "asked"


_SOURCE_END = re.compile(r",|\s[—–-]+\s")


def _source_end(doc: Document, pos: int, end: int) -> int:
    """Where the ``according to`` source ends when the sentence goes on after it (``C1,
    according to members who spoke to reporters, was C2``): the comma or dash after it, or -1."""
    m = _SOURCE_END.search(doc.body, pos, min(end, pos + 80))
    if m is None or _words(doc, pos, m.start()) > 8:
        return -1
    return m.start()


def _source_phrase(doc: Document, start: int, end: int) -> Mention | None:
    """``according to three recent polls, ...``: the phrase up to the next punctuation."""
    body = doc.body
    stop = start
    while stop < end and body[stop] not in ',.;:!?()"“”':
        stop += 1
    while stop > start and body[stop - 1] in " \t\u00a0":
        stop -= 1
    if stop <= start or len(body[start:stop].split()) > 20:
        return None
    return any_mention(body, start, stop)


_PAST_VERBS = frozenset(["sent", "made", "gave", "took", "put", "held", "spent", "wrote"])


_LAST_WORD = re.compile(r"(\w+)\s*$")


def _after_preposition(body: str, pos: int) -> bool:
    """Does a preposition stand right before ``pos`` (``by saying``, ``despite admitting``)?"""
    m = _LAST_WORD.search(body, max(0, pos - 12), pos)
    return m is not None and m.group(1).lower() in _PREPOSITIONS


_PRONOUN_KIND: dict[str, tuple[SpeakerKind, str, str | None, str | None, str]] = {
    "he": ("unknown", "pronoun", None, None, "m"),
    "she": ("unknown", "pronoun", None, None, "f"),
    "we": ("unknown", "pronoun", None, None, "p"),
    "they": ("unknown", "pronoun", None, None, "p"),
}
_WORD_BEFORE = re.compile(r"([\w'’]+)\s*$")


# "the case that he said", "X endorsed it, although she made clear": a clause of its own
_PRONOUN_CLAUSE_OPENERS = frozenset({"that", "which"}) | (_SUBORDINATORS - {"even"})


def _pronoun_before(body: str, s: int, pos: int) -> Mention | None:
    """A subject pronoun right before the cue, auxiliaries and adverbs aside (``the case that
    he has said``, ``what she said``): the speaker as written in a clause inside the sentence."""
    for _ in range(3):
        m = _WORD_BEFORE.search(body, max(s, pos - 30), pos)
        if m is None:
            return None
        word = m.group(1).lower()
        if word in _SUBJECT_PRONOUNS and word not in ("it", "i"):
            if _word_before(body, m.start(1)) not in _PRONOUN_CLAUSE_OPENERS:
                return None
            return Mention(m.start(1), m.end(1), m.group(1), *_PRONOUN_KIND[word])
        if word not in ADVERBS and not (word.endswith("ly") and len(word) > 4):
            return None  # "when he formally announced": a manner adverb is skipped too
        pos = m.start(1)
    return None


_RELATIVE_CLAUSE = re.compile(r",\s+(who)\s+[^,;:\"“”]{0,40}$")


def _relative_before(body: str, s: int, pos: int) -> Mention | None:
    """``who`` opening the clause that holds the cue (``X, who has in the past described``)."""
    m = _RELATIVE_CLAUSE.search(body, max(s, pos - 60), pos)
    if m is None:
        return None
    return Mention(m.start(1), m.end(1), "who", "unknown", "pronoun")


def _inside_predicate(body: str, s: int, mention: Mention) -> bool:
    """Is ``mention`` part of a predicate (``issued a statement``, ``The union sent a letter``):
    after a verb of its clause, or holding one, rather than its subject?"""
    if any(
        w in _PAST_VERBS or (w.endswith("ed") and len(w) > 4 and w.islower())
        for w in mention.text.split()
    ):
        return True
    lead = body[s : mention.start].rstrip(" \t\u00a0\"“”'’")
    return bool(lead) and not _lead_ok_text(lead)


def _word_before(body: str, pos: int) -> str:
    end = pos
    while end > 0 and body[end - 1] in " \t\u00a0":
        end -= 1
    start = end
    while start > 0 and body[start - 1].isalpha():
        start -= 1
    return body[start:end].lower() if end - start < 6 else ""


def _opening_adverbial(body: str, mention: Mention) -> bool:
    """A capitalized opening word read as a name: ``Similarly,``, ``Friday,``, ``However,``."""
    word = mention.text.lower()
    if opening_words(word.split()):
        return True  # "Earlier this week, X said", "X, a senator, on Tuesday said"
    if " " in word or _char_after(body, mention.end) != ",":
        return False
    return (
        word in _NOT_NAME_WORDS
        or word in _LEAD_WORDS
        or word in _INTRO_START
        or (word.endswith("ly") and len(word) > 6)
    )


def _word_after(body: str, pos: int) -> str:
    m = _WORD.match(body, _skip_space(body, pos))
    return m.group().lower() if m else ""


def _starts_adjunct(body: str, pos: int) -> bool:
    """``on Monday``, ``to reporters``, ``responding to a question``: no reported clause
    (``at least six planes`` is a quantity)."""
    m = _WORD.match(body, pos)
    if m is None:
        return False
    word = m.group().lower()
    if word == "at" and _word_after(body, m.end()) in ("least", "most"):
        return False
    return word in _ADJUNCT or m.group().endswith("ing")


_AMOUNTS = frozenset(["half", "a", "one", "two", "three", "four", "five", "ten", "twice"])
# prepositions that open an adjunct far more often than a reported clause on PolNeAR train
# ("to" opens infinitives, "in"/"on"/"at" opening phrases like "in 2012, ...")
_ADJUNCT_OPENERS = frozenset(["by", "with", "from", "after", "about", "under", "within", "into"])


# cues whose "to" names the addressee ("said to reporters"), not an infinitive
_TO_ADDRESSEE = frozenset(
    ["say", "tell", "explain", "complain", "write", "report", "speak", "talk", "respond", "reply"]
)


def _infinitive_at(body: str, pos: int) -> bool:
    """``to`` and a lower-case word that opens no noun phrase (``to repeal``) at ``pos``."""
    toks = list(islice(_WORD.finditer(body, _skip_space(body, pos), min(len(body), pos + 40)), 2))
    return (
        len(toks) == 2
        and toks[0].group() == "to"
        and toks[1].group().islower()
        and toks[1].group() not in _NOUN_MARKERS
    )


def _tag_in_sentence(doc: Document, s: int, pos: int) -> Found | None:
    """The attribution tagged earlier in the sentence, a short way before ``pos``: ``"A," Mr.
    Ackman said at the time, adding that C`` goes on with Mr. Ackman."""
    for f in reversed(doc.found[-4:]):
        if (
            f.mention is not None
            and f.cue is not None
            and s <= f.cue[0] < pos
            and pos - max(f.cue[1], f.mention.end) <= 60
        ):
            return f
    return None


# nouns of time after a cue that open no reported object ("he said the next day")
_TIME_NOUNS = frozenset(
    ["day", "days", "week", "weeks", "month", "months", "year", "years", "time"]
)


def _object_follows(body: str, pos: int) -> bool:
    """A noun phrase opening with a determiner or possessive right after the cue, not a time
    (``his resignation``, not ``the next day``)."""
    toks = [
        m.group().lower() for m in islice(_WORD.finditer(body, pos, min(len(body), pos + 50)), 4)
    ]
    return (
        bool(toks)
        and toks[0] in _NOUN_MARKERS
        and toks[0] != "that"
        and not any(t in _TIME_NOUNS or t in _DAY_WORDS for t in toks)
    )


# objects of "call" that are named as something ("called him a liar", "calls herself a
# socialist"), and the words after them that show no naming ("called him back", "it off")
_NAMED_OBJECTS = frozenset(
    ["him", "her", "them", "it", "himself", "herself", "themselves", "itself", "this"]
)
_NOT_NAMING = frozenset(["back", "up", "out", "off", "down", "again", "and", "or", "but", "if"])


def _names_as(body: str, cue: tuple[int, int], start: int) -> bool:
    """``They called him a political opportunist``: the clause right after the cue names its
    object as something, an opinion reported without quote marks."""
    if start < cue[1] or start - cue[1] > 2:
        return False
    toks = [m.group() for m in islice(_WORD.finditer(body, start, min(len(body), start + 40)), 2)]
    return (
        len(toks) == 2
        and toks[0] in _NAMED_OBJECTS
        and toks[1].islower()
        and toks[1] not in _NOT_NAMING
        and toks[1] not in _ADJUNCT
        and toks[1] not in _DAY_WORDS
    )


def _prepositional(body: str, start: int, end: int) -> bool:
    """A phrase after the cue that opens with a preposition and has no comma
    early on (``to his Super Tuesday victories``): an adjunct, not a reported clause, which
    would open with its own phrase (``in 2012, Romney stumbled``)."""
    m = _WORD.match(body, start)
    if m is None:
        return False
    word = m.group().lower()
    if word not in _ADJUNCT_OPENERS:
        return False
    if word == "about" and (
        _word_after(body, m.end())[:1].isdigit() or _word_after(body, m.end()) in _AMOUNTS
    ):
        return False  # "said about half of the adjustment reflected ...": an amount
    stop = min(end, start + 60)
    return body.find(",", start, stop) < 0 and _THAT.search(body, start, stop) is None


def _not_clausal(doc: Document, cue, tail_start: int, tail_words: int, cue_lemma: str) -> bool:
    """After the cue comes no reported clause: ``, Lavrov told his news conference on Monday.``"""
    body = doc.body
    if tail_words >= 4 and _that_clause_follows(body, cue[1]):
        return False  # "said on CNN that ...": the clause follows the cue
    if tail_words >= 3 and cue_lemma not in _TO_ADDRESSEE and _infinitive_at(body, cue[1]):
        return False  # "X has vowed to repeal the amendment": the infinitive is what X vowed
    if cue_lemma != "tell" and 2 <= tail_words <= 8 and _object_follows(body, cue[1]):
        return False  # "Shortly after, X announced his resignation": the object is reported
    if tail_words < 4 or _starts_adjunct(body, _skip_space(body, cue[1])):
        return True
    if _THAT.search(body, cue[1], min(len(body), cue[1] + 60)):
        return False
    if (
        cue_lemma == "tell"
        and tail_start > cue[1]
        and _word_after(body, tail_start) in _SUBJECT_PRONOUNS
    ):
        return False  # "officials told him he had never been a citizen"
    return cue_lemma == "tell" and tail_words <= 8


_VERBISH = frozenset(
    [
        "should",
        "would",
        "will",
        "could",
        "can",
        "may",
        "might",
        "must",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "does",
        "did",
        "do",
        "wants",
        "wanted",
        "needs",
        "needed",
        "thinks",
        "thought",
        "knows",
        "knew",
    ]
)


def _that_clause_follows(body: str, pos: int) -> bool:
    """``that`` after the cue with only time, place or channel words before it."""
    m = _THAT.search(body, pos, min(len(body), pos + 60))
    return m is not None and all(
        w.lower() in _INTRO_WORDS or w[0].isupper() for w in _WORD.findall(body, pos, m.start())
    )


def _verb_follows(body: str, pos: int) -> bool:
    m = _WORD.match(body, _skip_space(body, pos))
    return m is not None and (m.group() in _VERBISH or m.group().endswith("ed"))


def _char_after(body: str, pos: int) -> str:
    """The first non-blank character at or after ``pos`` (``.`` at the end of the text)."""
    while pos < len(body) and body[pos] in " \t\u00a0":
        pos += 1
    return body[pos] if pos < len(body) else "."


def _skip_space(body: str, pos: int) -> int:
    while pos < len(body) and body[pos] in " \t\u00a0":
        pos += 1
    return pos


# first words of an opening phrase before a sentence-initial speaker ("In an interview, X said")
_INTRO_START = load_word_list("intro_start_words.txt")


def _is_intro(lead: str) -> bool:
    """``In an interview on Monday,``: a short adverbial before a sentence-initial speaker."""
    words = lead.split()
    while words and (
        words[0].lower().strip(",") in _LEAD_WORDS
        or (words[0].lower().endswith("ly") and len(words) > 1)
    ):
        words = words[1:]  # "Even after several videos surfaced, X denied C", "Shortly after"
    return (
        bool(words)
        and (words[0].lower() in _INTRO_START or words[0].endswith("ing"))
        and len(words) <= 12
        and lead.count(",") == 1
    )


_CLAUSE_OPENERS = frozenset(
    [
        "but",
        "and",
        "while",
        "as",
        "because",
        "although",
        "though",
        "whereas",
        "so",
        "yet",
        "since",
        "after",
        "before",
        "when",
        "if",
    ]
)


_RELATIVE_OPENERS = frozenset(["which", "that", "what", "where", "whom"])


def _lead_ok(doc: Document, start: int, end: int) -> bool:
    """What precedes a speaker who opens a clause: nothing, an opening phrase ending with a
    comma, or a conjunction (``..., but Kiev announced that ...``)."""
    # a comma inside closing quote marks ends the phrase too: 'On "Morning Report," X said'
    return _lead_ok_text(doc.body[start:end].strip().rstrip("\"”’'"))


def _lead_ok_text(lead: str) -> bool:
    # "... a boost for her: most backers say C", "... his problem — he told the AP C"
    if not lead or lead.endswith((",", ":", ";", "—", "–", "―", " -", "--")):
        return True
    words = [w.strip(",").lower() for w in lead.split()]
    if len(words) <= 2 and all(w in _LEAD_WORDS for w in words):
        return True  # "Still, even Mr. Slinker says C"
    # "a wall, which he said Mexico should pay for": the relative clause reports C
    return words[-1] in _CLAUSE_OPENERS or words[-1] in _RELATIVE_OPENERS


_AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "also",
        "then",
        "later",
        "again",
        "still",
        "even",
        "just",
        "never",
        "once",
        "repeatedly",
        "previously",
        "recently",
        "now",
        "had",
        "been",
        "be",
        "being",
        "did",
        "does",
        "do",
        "not",
        "quickly",
        "publicly",
        "privately",
    ]
)
_MIN_EMBEDDED_WORDS = 2
# words that introduce a quote verbatim: the quote is what was said, not the clause around it
_VERBATIM = re.compile(r"\b(?:reading|read|saying|chanting|yelling|shouting|titled|entitled),?\s+$")
# "dismissed the fuss as "absurd"": the quoted word is the subject's verdict ("known as" and
# "known online as" give a name instead)
_AS_BEFORE = re.compile(r"(?<!known )(?<!known online )\bas(?:\s+(?:a|an|the))?\s+$")
_NON_SPEECH_VERBS = load_word_list("non_speech_verbs.txt")
_NO_OBJECT = load_word_list("no_object_words.txt")
# where the clause that holds a quote ends: "... its "cheating" and pledges to ..."
_CLAUSE_BREAK = re.compile(
    r",?\s+(?:and|but|while|as|before|after|because)\s+(?=[a-z])|;|,\s+(?=[a-z]+ing\b)"
)


# where a mixed quote's clause ends after its last quoted words: "... "take a look" at such
# legislation, which would ...", "it "shameful" and called on leaders ..."
_MIXED_BREAK = re.compile(
    r",\s+(?:which|who|where|when|while|but|and|as|although|though|because|so|[a-z]+ing)\b"
    r"|\s+(?:and|but)\s+(?=[a-z]+ed\b|[a-z]+ing\b|called\b|said\b)|;|\s[—–]\s|\s--\s"
    r"|\s+(?:but|as|while)\s+(?=(?:he|she|they|his|her|their|argues|says)\b)"
    r"|\s+and\s+(?=(?:he|she|they|we|it)\s)"
    r"|\s+(?:while|when)\s+(?=[a-z]+ing\b)"
    r"|\s+and\s+(?:also|recently|then|later)\s+(?=[a-z])"
    r"|\s+\((?=[a-z])"
    r"|\s+and\s+(?=(?:[A-Z][\w.’'-]*\s+){1,4}(?:says|said|adds|added|argues|argued|calls|called)\b)"
)


def _mixed_end(doc: Document, start: int, end: int) -> int:
    """Cut a mixed quote's clause at the first clause break after a closing mark: what
    follows (``and asserting that ... "a bombshell"``) is another clause, even with quotes."""
    inside = doc.quotes_in(start, end)
    if not inside:
        return end
    first_close = min(doc.quotes[j].close_end for j in inside)
    cut = _MIXED_BREAK.search(doc.body, first_close, end)
    if cut is not None:
        end = _trim(doc, start, cut.start())[1]
    return comma_close_end(doc, start, end)


def mixed_clause_end(doc: Document, start: int, end: int) -> int:
    """The end of a mixed clause opening at ``start`` in a sentence ending at ``end``."""
    start, end = _trim(doc, start, end)
    return _mixed_end(doc, start, end)


_MINOR_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "of", "in", "on", "at", "for", "to", "with", "by", "from"]
)


def _title_case(words: list[str]) -> bool:
    """``War and Peace``, ``Admiral Kuznetsov``: a title or a name, not someone's words."""
    return all(w[0].isupper() or w in _MINOR_WORDS or not w[0].isalpha() for w in words)


def find_embedded(doc: Document) -> None:
    """A quote inside a sentence whose subject speaks through any verb (``Clinton blamed the
    "fog of war" for ...``): a mixed quote, content from after the verb to the sentence end.
    Short quoted phrases (scare quotes, names, titles) never qualify on their own."""
    body = doc.body
    for i, q in enumerate(doc.quotes):
        if i in doc.used_quotes or q.single:
            continue
        inner = body[q.start : q.end]
        words = inner.split()
        written = written_words_before(body, q.open_start)
        if len(words) > 1 and _title_case(words) and not written:
            continue  # a name or a title
        short = (
            len(words) < _MIN_EMBEDDED_WORDS
            and not written
            and not _AS_BEFORE.search(body, max(0, q.open_start - 20), q.open_start)
        )  # a scare quote, unless it is what something is cast "as"
        s, e = doc.sentences.at(q.open_start)
        s, e = _trim(doc, s, e)
        if s >= q.open_start or (
            short
            and doc.cue_before(q.open_start, s) is None
            and not stance_verb_in(body, s, q.open_start)
        ):
            continue  # a scare quote needs a speech verb before it (tested in full below)
        subject = sentence_subject(body, s, q.open_start)
        later = subject is None
        if later:
            # "Speaking to X, Bush referred to Rubio as "...": the subject of a later clause
            subject = clause_subject(body, s, q.open_start)
        actor = None
        if subject is None:
            # "..., even if he reserved his passion for the "...": whoever acts in the clause
            actor = _clause_actor(doc, s, q.open_start)
            if actor is not None:
                subject = actor[0]
        if subject is None:
            subject = noun_subject(body, s, q.open_start)  # "The ad targets a "rigged ...""
        if subject is None or (subject.form == "organization" and subject.kind != "organization"):
            continue
        if actor is not None:
            verb_from = actor[1]
        elif subject.text.lower().replace("’", "'") in EXPLETIVES:
            # "That’s why he wanted to "go ..."": the one who acts comes later
            subject, verb_from = _actor_after(body, subject.end, q.open_start) or (subject, -1)
        else:
            verb_from = -1
        if verb_from < 0:
            verb_from = _past_apposition(doc, subject.end, q.open_start)
        toks = tokens(body, verb_from, q.open_start)
        k = 0
        while k < len(toks) and toks[k][2].lower() in _AUXILIARIES:
            k += 1
        if k >= len(toks) or not toks[k][2].isalpha() or not toks[k][2].islower():
            continue
        if toks[k][2] in _NON_SPEECH_VERBS:
            continue  # "Trump became the first candidate to buy a "promoted trend""
        if short and (
            (toks[k][0] not in doc.cue_at and toks[k][2] not in STANCE_VERBS)
            or any(t[2].lower() in _PASSIVE for t in toks[:k])
        ):
            # a scare quote after any verb; after the subject's own speech verb, their word
            # ("X has been called a "fraud" by Y" is Y's)
            continue
        if later and toks[k][0] in doc.cue_at and _parenthetical(body, doc.cue_at[toks[k][0]]):
            continue  # "The industry, she said, is "...": a tag set in the clause
        cs, ce = _trim(doc, toks[k][1], e)
        cs = last_cue_start(doc, cs, q.open_start)
        if cs > q.open_start or _words(doc, cs, ce) < 2:
            continue
        if _word_after(body, toks[k][1]) in _NO_OBJECT:
            continue  # "Trump landed in Phoenix for a "policy address"": no object, no report
        last_close = max(doc.quotes[j].close_end for j in doc.quotes_in(cs, ce) or [i])
        cut = _CLAUSE_BREAK.search(body, last_close, ce)
        if cut is not None:
            ce = _trim(doc, cs, cut.start())[1]
        ce = _mixed_end(doc, cs, ce)  # "... "lazy habits" — a charge they deny": not theirs
        if _VERBATIM.search(body, max(cs, q.open_start - 14), q.open_start):
            # "posted a message reading "Thank you Georgia" after ...": the words alone
            cs, ce = q.open_start, q.close_end
        if any(
            doc.quotes[j].open_start < ce and j in doc.used_quotes for j in doc.quotes_in(cs, ce)
        ):
            continue
        verb = (toks[k][0], toks[k][1])
        outer = _outer_report(doc, s, subject.start)
        if outer is not None:
            # "X told reporters he viewed Y as "..."": X reports the clause, its subject included
            cs = subject.start
            verb, subject = outer
        overlap = [f for f in doc.found if any(ps < ce and cs < pe for ps, pe in f.pieces)]
        if overlap:
            # the clause is reported already: one attribution, not two
            if len(overlap) == 1 and _extends_to_quote(overlap[0], cs, q.open_start):
                # "He said that the plan, which ..., was an "insult"": the clause cut short
                # before the quote goes on to hold it
                f = overlap[0]
                f.pieces[-1] = (f.pieces[-1][0], ce)
                f.type = _type(doc, f.pieces[0][0], ce)
                _mark_quotes(doc, f.pieces[-1][0], ce)
            continue
        if subject.form in ("name", "pronoun", "nominal") or verb[0] in doc.cue_at:
            weak = verb[0] not in doc.cue_at
            doc.found.append(Found(_type(doc, cs, ce), [(cs, ce)], verb, subject, weak=weak))
        elif subject.form in ("organization", "anonymous"):
            # "The agency declined "to detail ..."", "The board saw X as "...": the body
            # that acts is the one credited, as written (PolNeAR), not the person before
            doc.found.append(Found(_type(doc, cs, ce), [(cs, ce)], None, subject))
        else:  # "The Ukrainians are "punishing Europe"": the words of the speaker before
            doc.found.append(Found(_type(doc, cs, ce), [(cs, ce)], None, None, inherit=True))
        _mark_quotes(doc, cs, ce)


def _outer_report(
    doc: Document, s: int, clause_start: int
) -> tuple[tuple[int, int], Mention] | None:
    """The cue and speaker of a report whose clause opens at ``clause_start``: the mention
    before the cue, a noun phrase opening the sentence, or the speaker tagged earlier in it
    (``"A," X told reporters, before insisting he ...``)."""
    cue = outer_cue(doc, s, clause_start)
    if cue is None:
        return None
    body = doc.body
    speaker = mention_before(body, cue[0], s) or _subject_phrase(body, cue[0], s)
    speaker = speaker or tagged_speaker(doc, s, cue[0]) or sentence_subject(body, s, cue[0])
    if speaker is None or speaker.end > cue[0]:
        return None
    return cue, speaker


# sentence openers that are no one: the speaker is the subject of the clause they introduce
# (straight apostrophes in the file: curly ones are folded before the lookup)
EXPLETIVES = load_word_list("expletive_openers.txt")
WORD_START = re.compile(r"(?<![\w’'])[A-Za-z]")
# a finite verb, maybe after a time phrase ("Sanders during a rally thanked")
_FINITE_NEXT = re.compile(
    r"(?:\s+(?:on|during|at|last|this|in)(?:\s+(?:a|an|the))?\s+[A-Za-z]+)?"
    r"\s+(?:also\s+)?(?P<verb>[a-z]{2,}ed|was|is|has|had|went|wants|says|said|made|took)\b"
)


def _actor_after(body: str, start: int, limit: int) -> tuple[Mention, int] | None:
    """The first name or pronoun in ``[start, limit)`` followed by a finite verb, and where
    that verb starts."""
    starts = (w.start() for w in WORD_START.finditer(body, start, limit))
    return first_actor(body, starts, limit, ("name", "pronoun"))


def first_actor(
    body: str,
    starts: Iterable[int],
    limit: int,
    forms: Container[str],
    acts: re.Pattern[str] = _FINITE_NEXT,
) -> tuple[Mention, int] | None:
    """The first mention of ``forms`` read at one of ``starts`` that a verb follows (``acts``,
    with a group ``verb``: by default a finite verb), and where that verb starts."""
    for pos in starts:
        mention = mention_after(body, pos, limit)
        if mention is None or mention.form not in forms:
            continue
        if mention.form == "name" and not mention.text[:1].isupper():
            continue  # "that Mayor Ruiz": the name starts a word later
        verb = acts.match(body, mention.end, limit)
        if verb is not None:
            return mention, verb.start("verb")
    return None


def _parenthetical(body: str, cue_end: int) -> bool:
    """Is a cue set off as a tag inside its clause (``The industry, she said, is``), rather than
    the clause's own verb (``Speaking on TV, Bush referred to Rubio as``)?"""
    return _char_after(body, cue_end) in (",", "")


def _clause_actor(doc: Document, s: int, quote_start: int) -> tuple[Mention, int] | None:
    """The actor of a clause inside the sentence, when no subject opens it (``..., even if he
    reserved his passion for the "..."``): a name or pronoun outside quote marks with a finite
    verb other than a copula, a few words before the quote."""
    body = doc.body
    # only the last words before the quote can hold a verb near enough (cheap: most sentences
    # have no actor there, and reading mentions at every word is the costly part)
    start = quote_start
    for _ in range(_ACTOR_REACH):
        space = body.rfind(" ", s, start)
        if space <= s:
            start = s
            break
        start = space
    found = _actor_before_verb(body, start, quote_start)
    if found is None:
        return None
    mention, verb = found
    j = bisect_left(doc.quote_starts, mention.start) - 1
    if j >= 0 and doc.quotes[j].open_start >= s and mention.start < doc.quotes[j].close_end:
        return None  # a name inside quoted words
    if _word_after(body, mention.end) in _COPULAS or _words(doc, verb, quote_start) > 15:
        return None  # "X was to speak ...": no report; a verb far off reports something else
    return found


def _actor_before_verb(body: str, start: int, limit: int) -> tuple[Mention, int] | None:
    """``_actor_after`` over the mentions of ``_ACTOR_FORMS``, read only where one may start (a
    capital, a pronoun, a determiner, a head noun) among the few words before each finite verb:
    few words are verbs, and reading a mention is the costly part."""
    candidates: set[int] = set()
    heads = lexicon().head_nouns
    words = list(_ACTOR_WORD.finditer(body, start, limit))
    starts = [w.start() for w in words]
    for verb in _FINITE_VERB.finditer(body, start, limit):
        k = bisect_left(starts, verb.start())
        for w in words[max(0, k - _ACTOR_WORDS) : k]:
            word = w.group()
            if word[0].isupper() or word.lower() in _ACTOR_OPENERS or word.lower() in heads:
                candidates.add(w.start())
    return first_actor(body, sorted(candidates), limit, _ACTOR_FORMS)


_ACTOR_WORD = re.compile(r"(?<![\w’'])[A-Za-z][\w’'-]*")
_ACTOR_OPENERS = load_word_list("determiners.txt") | _SUBJECT_PRONOUNS
_ACTOR_WORDS = 8  # words before a verb where its actor may start
_FINITE_VERB = re.compile(r"(?<=\s)(?:[a-z]{2,}ed|was|is|has|had|went|wants|says|said|made|took)\b")
_COPULAS = frozenset(["is", "was", "are", "were"])
_ACTOR_REACH = 20  # words before the quote where a clause's actor may stand
_ACTOR_FORMS = ("name", "pronoun", "nominal", "organization")
_PASSIVE = frozenset(["been", "be", "being", "was", "were", "is", "are"])


def _extends_to_quote(f: Found, start: int, quote_start: int) -> bool:
    """An indirect clause inside ``[start, quote_start)`` that stops short of the quote."""
    last_start, last_end = f.pieces[-1]
    return f.type == "indirect" and start <= last_start and last_end <= quote_start


def _past_apposition(doc: Document, pos: int, end: int) -> int:
    """Past ``, for his part,``, `` — a teacher from Dover —`` or `` (D-Calif.)`` right after a
    subject."""
    bracket = _BRACKETED.match(doc.body, pos, end)
    if bracket is not None:
        pos = bracket.end()
    m = _APPOSITION.match(doc.body, pos, end)
    if m is None or doc.cue_after(m.start(), m.end()) is not None:
        return pos  # "X, he said, is ...": a tag, not an apposition
    return m.end()


_BRACKETED = re.compile(r"\s*\([^()\n\"“”]{1,40}\)")
_APPOSITION = re.compile(r"\s*(,|—| -- | - )[^,—\n\"“”]{2,80}?\1\s*")
_CLAUSE_START = re.compile(r"[;:—―]| - | -- ")
_NOT_SUBJECT_WORDS = frozenset(["nor", "it’s", "it's", "i'm", "i’m", "there's", "there’s"])
# words right before a cue that make it no finite report of the subject ("to say", "was told")
_NON_FINITE = frozenset(
    ["to", "be", "been", "being", "was", "were", "is", "are", "am", "who", "which", "that"]
)


def _long_subject(
    doc: Document, s: int, e: int, cue: tuple[int, int], cue_lemma: str
) -> Found | None:
    """``Democrats trying to regain control of the Senate in November say C``: a subject too
    long for a mention (relative or participle clause, appositive), named where the sentence
    opens; the reported clause follows the cue."""
    body = doc.body
    if cue_lemma == ACCORDING_TO or body[cue[0] : cue[1]].endswith("ing"):
        return None
    if _word_before(body, cue[0]) in _NON_FINITE:
        return None
    if _words(doc, cue[1], e) < 3 or _words(doc, s, cue[0]) < 2:
        return None  # cheap bounds first: the clause and the subject only get shorter
    if _starts_adjunct(body, _skip_space(body, cue[1])):
        return None
    cs, ce = _clause_after(doc, cue, e, cue_lemma == "tell")
    if _words(doc, cs, ce) < 3:
        return None
    subject = _clause_subject(doc, s, cue)
    if subject is None:
        return None
    return Found("indirect", [(cs, ce)], cue, subject)


def _appositive_subject(doc: Document, s: int, cue: tuple[int, int]) -> Mention | None:
    """``Even Rendell, a stalwart Clinton supporter, said C``: a short phrase opening the
    sentence, then one appositive between commas, then the cue."""
    body = doc.body
    lead = body[s : cue[0]].rstrip()
    if lead.count(",") == 3 and _is_intro(body[s : body.find(",", s, cue[0]) + 1]):
        s = body.find(",", s, cue[0]) + 1  # "In his response, Steve Coll, the dean, said C"
        lead = body[s : cue[0]].rstrip()
    if lead.count(",") != 2:
        return None
    first_comma = body.find(",", s, cue[0])
    words = body[s:first_comma].split()
    while words and words[0].lower() in _LEAD_WORDS:
        words = words[1:]
    if (
        not 1 <= len(words) <= 8
        or not words[0][0].isupper()
        or words[0].lower() in _INTRO_START
        or words[0].lower() in _SUBORDINATORS
        or _words(doc, first_comma, cue[0]) > 12
    ):
        return None
    start = body.find(words[0], s, first_comma)
    return any_mention(body, start, first_comma)


def _clause_subject(doc: Document, s: int, cue: tuple[int, int]) -> Mention | None:
    """The noun phrase that opens the clause holding a cue, past an opening phrase: the
    speaker when no mention stands right before the cue."""
    body = doc.body
    # the clause holding the cue starts after a dash, colon or semicolon ("... - 60 percent of
    # voters said"; "CLEVELAND, July 19 (UPI) — X told ...")
    start = s
    for m in _CLAUSE_START.finditer(body, s, cue[0]):
        start = m.end()
    first = _WORD.match(body, _skip_space(body, start))
    if first is None:
        return None
    word = first.group()
    if (
        word.lower() in _SUBORDINATORS
        or word.lower() in _INTRO_START
        or (word.endswith(("ly", "ed", "ing")) and word.lower() not in lexicon().head_nouns)
    ):
        # "Alarmed by the unrest, X said": the subject comes after the opening phrase
        comma = body.find(",", start, cue[0])
        if comma < 0:
            return None
        start = comma + 1
    if not 2 <= _words(doc, start, cue[0]) <= 40:
        return None
    subject = sentence_subject(body, start, cue[0])
    if (
        subject is None
        or subject.end >= cue[0]
        or subject.text.lower() in _NOT_SUBJECT
        or subject.text.lower() in _NOT_SUBJECT_WORDS
        or _char_after(body, subject.end) in ":("
    ):
        return None
    return subject


_UNCLAIMED_GAP = 3  # words between the subject and the cue: "X (D-MA) last week said"


def find_unclaimed(doc: Document) -> None:
    """A speech cue no stage took, whose clause holds quote marks no stage took either
    (``Saturday at the convention Sen. X (D-MA) said Y was a "proven failure"``): a mixed
    quote of the subject as written, when one stands before the cue."""
    body = doc.body
    quote_only = lexicon().quote_only
    for cue in doc.cues:
        if cue[0] in doc.used_cues or body.endswith("ing", cue[0], cue[1]):
            continue
        s, e = doc.sentences.at(cue[0])
        if all(j in doc.used_quotes for j in doc.quotes_in(cue[1], e)):
            continue  # the cheap test first: most cues have no free quote after them
        cue_lemma = lemma(body[cue[0] : cue[1]])
        if cue_lemma in quote_only or cue_lemma == ACCORDING_TO:
            continue
        s, e = _trim(doc, s, e)
        if not s < cue[0] < e or _after_determiner(body, cue[0]):
            continue
        cs, ce = _clause_after(doc, cue, e, cue_lemma == "tell")  # trimmed
        inside = doc.quotes_in(cs, ce)
        if not inside or any(j in doc.used_quotes for j in inside) or _words(doc, cs, ce) < 3:
            continue
        mention = mention_before(body, cue[0], s) or written_subject(body, s, cue[0])
        if mention is None or len(body[mention.end : cue[0]].split()) > _UNCLAIMED_GAP:
            continue  # "The scheduling was so odd that X could only quip": not the speaker
        kind = _type(doc, cs, ce)
        if kind == "mixed":
            ce = _mixed_end(doc, cs, ce)
        doc.used_cues.add(cue[0])
        _mark_quotes(doc, cs, ce)
        doc.found.append(Found(kind, [(cs, ce)], cue, mention))
