"""Direct quotes: a quoted stretch tied to a cue and a speaker next to it.

``"A," he said.`` / ``"A," said Lavrov.`` / ``Lavrov said: "A."`` / a split quote
``"A," he said, "B."`` and the cue-less quotes that continue it (``"A," he said. "B."``, a quote
reopened in the next paragraph) are one quote with several pieces.
"""

from __future__ import annotations

import re

from newsquotes.quotes.bounds import after_lead_cue, ends_in_comma, introduces_next
from newsquotes.quotes.continued import next_sentence_piece
from newsquotes.quotes.cues import lemma
from newsquotes.quotes.found import Document, Found
from newsquotes.quotes.lexicon import load_word_list
from newsquotes.quotes.marks import Quoted
from newsquotes.quotes.mentions import (
    Mention,
    any_mention,
    mention_after,
    mention_before,
    sentence_subject,
)
from newsquotes.quotes.nouns import drop_noun_cues
from newsquotes.quotes.signed import signature_within
from newsquotes.quotes.tails import lead_before_tag, unquoted_rest
from newsquotes.quotes.titles import names_work

_GAP = re.compile(r"[ \t\u00a0,—–-]*")
_WORD = re.compile(r"\w+")
_NON_SPACE = re.compile(r"\S+")
# words that may follow "he said" without starting a reported clause of their own
_ADJUNCT_START = load_word_list("clause_adjuncts.txt") | load_word_list("day_words.txt")
# "...," the narrator says. / "...," she posted on Facebook.: a speaker and any verb
_GENERIC_TAG = re.compile(
    r"(?P<m>he|she|they|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    r"|(?:the|a|an|one|another|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?[a-z][\w-]*)"
    r"\s+(?P<v>[a-z]+(?:ed|s))\b"
    r"(?=\s*(?:[.,;:!?]|$)|\s+(?:on|in|at|to|during|after|before|while|as|from|with|about|of|"
    r"into|via|later|earlier|then|again|back|recently|yesterday|today|last)\b)"
)
_NOT_VERBS = frozenset(
    ["was", "is", "has", "does", "as", "his", "this", "yes", "its", "hers", "theirs", "us"]
)
# "telling viewers that syrup is "...."": the quote ends a reported clause (a mixed quote)
_THAT_CLAUSE = re.compile(r"\bthat\s+\S+\s+\S")
_LEAD_END = re.compile(r"[:,]?\s*(?:that\s*)?$")
# the last spaced dash before a colon: a headline or a topic comes before it, the speaker after
_HEAD_DASH = re.compile(r" [-–—] ?(?!.* [-–—])")
_MORE_FROM = re.compile(r"(?:More|Also|And) from\s+")


def _inverted_generic_tag(
    body: str, pos: int, end: int
) -> tuple[tuple[int, int], Mention, int] | None:
    """``"This is fantastic!" beamed Donald Hartley.``: any verb, then a name that ends the
    clause, after a quote that ended in a comma, ``?`` or ``!``."""
    verb = _INVERTED_VERB.match(body, pos, end)
    if verb is None or verb.group(1) in _NOT_VERBS:
        return None
    mention = mention_after(body, verb.end(), end)
    if mention is None or mention.form != "name":
        return None
    after = body[mention.end : mention.end + 1]
    if after and after not in ".,;" and body[mention.end - 1] != ".":
        return None
    return verb.span(1), mention, mention.end


_INVERTED_VERB = re.compile(r"([a-z]{3,}(?:ed|s))\s+(?=[A-Z])")


def clausal_tail(doc: Document, pos: int) -> bool:
    """Does a reported clause follow ``pos`` (``he said the plan failed``)? Then the cue is the
    start of new (indirect) speech, not the tag of the quote before it."""
    _, end = doc.sentences.at(pos)
    words = _WORD.findall(doc.body, pos, end)
    if len(words) < 4:
        return False
    rest = doc.body[pos:end].lstrip()
    first = words[0].lower()
    # "said Rep. X (D-Va.), ...", "said a source who ...", "said X, asking ...": still the tag
    return (
        rest[:1].isalnum()
        and first not in _ADJUNCT_START
        and first not in _RELATIVE_WORDS
        and not first.endswith("ing")
    )


_RELATIVE_WORDS = frozenset(["who", "whose", "whom", "which", "where"])


def _tag_after(doc: Document, q: Quoted) -> tuple[tuple[int, int], Mention, int] | None:
    """``"...," he said`` or ``"...," said Lavrov`` right after the closing mark."""
    body = doc.body
    if not q.closed:
        return None
    para_end = doc.paragraph_end(q.close_end)
    pos = _GAP.match(body, q.close_end).end()  # type: ignore[union-attr]  # matches ""
    if pos >= para_end:
        return None
    last = body[q.end - 1]
    cue_end = doc.cue_at.get(pos)
    if cue_end is not None and not _participle(body, pos, cue_end):  # inverted: said Lavrov
        start = _GAP.match(body, cue_end).end()  # type: ignore[union-attr]  # matches ""
        mention = (
            mention_after(body, start, para_end)
            or _described_mention_after(body, start, para_end)
            or _lone_name_after(body, start, para_end)
        )
        if mention is None:
            stop = start
            while stop < para_end and body[stop] not in '.,;:!?"“”':
                stop += 1
            mention = _noun_phrase(body, start, stop) or _long_speaker_phrase(body, start, stop)
        if mention is None:
            return None
        if (last == "." or mention.form == "pronoun") and clausal_tail(doc, mention.end):
            # 'X, who calls him a "liar," said he ...': "he" opens the reported clause
            return None
        return (pos, cue_end), mention, mention.end
    cue = doc.cue_after(pos, min(para_end, pos + 220))
    if cue is None:
        if last not in ",?!—–-":
            return None
        m = _GENERIC_TAG.match(body, pos, para_end)
        if m is None:
            return _inverted_generic_tag(body, pos, para_end)
        if m.group("v") in _NOT_VERBS:
            return None
        if _FUNCTION_WORDS.intersection(m.group("m").split()[1:]):
            return None  # "an HBO series that first aired": a description, not a speaker
        return m.span("v"), any_mention(body, *m.span("m")), m.end("v")
    between = body[pos : cue[0]].split()
    if not between:
        return None
    mention = mention_before(body, cue[0], pos)
    if mention is None and len(between) == 1 and last in ",?!":
        mention = _lone_name(body, pos, cue[0])
    if mention is None and len(between) <= 6 and "," not in body[pos : cue[0]]:
        mention = _noun_phrase(body, pos, cue[0])
    if (
        mention is not None
        and mention.start != pos
        and mention.form in ("name", "nominal")
        and _only_modifiers(body, pos, mention.start)
    ):
        mention = any_mention(body, pos, mention.end)  # "former Florida governor Jeb Bush"
    if (mention is None or mention.start != pos) and (
        last in ",?!" or body[q.close_end : q.close_end + 1] == ","
    ):
        # a quote that ends like a tagged one; not ""...," — a charge the board denies"
        mention = _speaker_phrase(body, pos, cue[0])
    elif mention is not None and mention.start != pos:
        mention = None
    if mention is None:
        return _apposed_tag(doc, pos, para_end)
    if introduces_next(body, q.end, cue[1]):
        return None
    if (last == "." or _title_like(body, q)) and clausal_tail(doc, cue[1]):
        return None
    return cue, mention, cue[1]


def _participle(body: str, start: int, end: int) -> bool:
    """A participle cue (``"...," describing X as``) takes an object, never an inverted
    speaker; ``according to`` names a source."""
    word = body[start:end].lower()
    return word.endswith("ing") and not word.startswith("according")


_LONE_NAME = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?")


def _lone_name(body: str, start: int, cue: int) -> Mention | None:
    """``"...," Ebeling said``, ``"...," From said``: one capitalized word between a quote and
    its cue is the speaker's name, even one that looks like a participle or a preposition."""
    end = cue
    while end > start and body[end - 1] in " \t\u00a0":
        end -= 1
    word = body[start:end]
    if not _LONE_NAME.fullmatch(word) or word.lower() in _NOT_NAMES:
        return None  # "Yesterday declared the sign": a time word, not a surname
    return Mention(start, end, word, "person", "name", word)


_NAME_END = re.compile(r"[ \t\u00a0]*(?:[.,;]|$)")


def _lone_name_after(body: str, start: int, end: int) -> Mention | None:
    """``"...," says Suckling.``: one capitalized word that ends the tag is the speaker's
    name, even one that looks like a participle (a sentence opener such as ``Concerning``
    never stands right after a cue)."""
    word = _LONE_NAME.match(body, start, end)
    if word is None or _NAME_END.match(body, word.end(), end) is None:
        return None
    return _lone_name(body, start, word.end())


def _apposed_tag(doc: Document, pos: int, end: int) -> tuple[tuple[int, int], Mention, int] | None:
    """``"...," Cruz, who has proposed repealing it, said``: a speaker right after the quote,
    set off from its cue by an apposition between commas (which may hold cue words itself)."""
    body = doc.body
    if _APPOSITION_START.search(body, pos, min(end, pos + 80)) is None:
        return None  # the cheap test first: most tags have no apposition
    mention = mention_after(body, pos, end)
    if mention is None or mention.start != pos or mention.form != "name":
        return None
    m = _APPOSITION.match(body, mention.end, end)
    if m is None:
        return None
    comma = m.end()
    while (comma := body.rfind(",", mention.end + 1, comma)) > mention.end:
        cue_start = _GAP.match(body, comma).end()  # type: ignore[union-attr]  # matches ""
        cue_end = doc.cue_at.get(cue_start)
        if cue_end is not None:
            return (cue_start, cue_end), mention, cue_end
    return None


_APPOSITION_START = re.compile(r",\s+(?:who|a|an|the|one|now)\s")
_APPOSITION = re.compile(r",\s+(?:who|a|an|the|one|now)\s[^\n\"“”.;:]{0,160},")


def _tag_before(doc: Document, q: Quoted) -> tuple[tuple[int, int] | None, Mention] | None:
    """``Lavrov said: "..."`` (also across a paragraph break after a colon)."""
    body = doc.body
    s, e = doc.sentences.at(q.open_start)
    tail = body[q.close_end : e].strip()
    if q.closed and tail and tail not in ".!?":
        return None  # the quote is part of a longer sentence: a mixed quote at most
    floor = s
    if body[s : q.open_start].strip() == "":
        # the quote opens its paragraph: "X said:" may end the paragraph before
        prev_end = q.open_start
        while prev_end > 0 and body[prev_end - 1] in " \t\n\u00a0":
            prev_end -= 1
        if prev_end == 0 or body[prev_end - 1] != ":":
            return None
        floor = doc.sentences.at(prev_end - 1)[0]
        cue = doc.cue_before(prev_end, floor)
        gap_end = prev_end
    else:
        inverted = _inverted_lead(body, floor, q.open_start)
        if inverted is not None:
            return inverted
        cue = doc.cue_before(q.open_start, floor)
        gap_end = q.open_start
    dash = _HEAD_DASH.search(body, floor, gap_end) if _ends_with_colon(body, gap_end) else None
    if cue is None or body[cue[1] : gap_end].count(" ") > 12 or (dash and dash.start() > cue[1]):
        if _ends_with_colon(body, gap_end):
            # "McConnell delivered a blunt message to Trump: "..."": the subject speaks;
            # "Media shares blame - HuffPollster: "..."": the name after the dash does
            start = dash.end() if dash else floor
            more = _MORE_FROM.match(body, start, gap_end)  # "- More from Jones: "...""
            subject = sentence_subject(body, more.end() if more else start, gap_end)
            if subject is None and dash is None and cue is None:
                subject = _colon_speaker(body, start, gap_end)
                if subject is None and _whole_rest(doc, q):
                    subject = _from_source(body, start, gap_end)
            if subject is not None:
                if cue is not None and dash is not None and dash.start() > cue[1]:
                    doc.used_cues.add(cue[0])  # a cue word of the headline reports nothing
                if subject.form != "pronoun":  # "X said ..., but he added one thing: "...""
                    subject = nearer_pronoun(body, subject, gap_end) or subject
                return None, subject
        return None
    gap = body[cue[1] : gap_end]
    if len(gap) > 80 or any(c in gap for c in '"“”«»') or not _LEAD_END.search(gap):
        return None
    words = [w for w in gap.split() if w.isalpha() and w != "that"]
    told = lemma(body[cue[0] : cue[1]]) == "tell" and not _THAT_CLAUSE.search(gap)
    if words and not gap.rstrip().endswith((":", ",")) and not told:
        # "called the ruling "a victory"": the quote is part of a clause (a mixed quote)
        return None
    before = body[max(floor, cue[0] - 5) : cue[0]].split()
    if (body[cue[0] : cue[1]].endswith("ing") and _char_before(body, cue[0]) in ',”"') or (
        before and before[-1] in ("and", "but", "then")
    ):
        mention = tag_before_participle(doc, cue, floor) or sentence_subject(body, floor, cue[0])
        tagged = doc.tag_ending_at(cue[0]) if mention is None else None
        if tagged is not None:  # ""A," she said, adding: "B."": she goes on
            mention = tagged.mention
        elif mention is None:
            mention = clause_subject(body, floor, cue[0])
        if mention is not None and tagged is None and mention.form != "pronoun":
            # "X defended her, although he said, adding "..."": the nearer subject speaks
            mention = nearer_pronoun(body, mention, cue[0]) or mention
    elif body[cue[0] : cue[1]].endswith("ing") and _last_word(body, floor, cue[0]) in _ING_LEADS:
        # ""A," she sings before asking them, "B?"": the speaker of the sentence asks
        mention = _tagged_in_sentence(doc, floor, cue[0])
    else:
        mention = mention_before(body, cue[0], floor) or _comma_set_name(body, cue[0], floor)
        if body[cue[0] : cue[1]].endswith("ing") and mention is not None:
            # "X responded on Facebook writing "..."": the subject writes, not Facebook
            mention = clause_subject(body, floor, mention.start) or mention
    if mention is None:
        return None
    return cue, mention


# a sentence that opens with its cue: "Said Comey, "..."", "And added one aide: "...""
_INVERTED_LEAD = re.compile(r"\s*(?:(?:And|But)\s+)?(?P<cue>Said|Says|Added|Adds|Wrote|Writes)\s+")
_INVERTED_END = re.compile(r"[,:]\s*$")


def _inverted_lead(
    body: str, floor: int, quote_start: int
) -> tuple[tuple[int, int] | None, Mention] | None:
    """``Said Comey, "..."``, ``Said Dorothy Poynter, who grew up with Ali, "..."``: the cue
    opens the sentence and the speaker follows it, up to a comma or colon before the quote."""
    m = _INVERTED_LEAD.match(body, floor, quote_start)
    if (
        m is None
        or quote_start - m.end() > 100
        or not _INVERTED_END.search(body, m.end(), quote_start)
    ):
        return None
    mention = mention_after(body, m.end(), quote_start)
    if mention is None or mention.form not in ("name", "nominal", "pronoun"):
        return None
    return m.span("cue"), mention


# a subject pronoun opening a clause of its own (", he", "and she", "when they") and a verb
_CLAUSE_PRONOUN = re.compile(
    r"(?:,|\b(?:and|but|as|when|while|although|though|where|after|before|because|since|so))"
    r"\s+(he|she|they)\s+(?=[a-z])"
)


def nearer_pronoun(body: str, mention: Mention, cue: int) -> Mention | None:
    """The last subject pronoun opening a clause between ``mention`` and a participle or
    coordinated cue: the annotators take the nearest subject as the speaker as written."""
    found: Mention | None = None
    for m in _CLAUSE_PRONOUN.finditer(body, mention.end, cue):
        if _EMBEDDING.search(body, mention.end, m.start()):
            break  # "an architect who said he was ...": a pronoun inside someone's clause
        found = Mention(m.start(1), m.end(1), m.group(1), "unknown", "pronoun")
    return found


_EMBEDDING = re.compile(r"\b(?:who|whom|which|that)\b")


_FROM_LEAD = re.compile(r"\s*From\s+")


def _whole_rest(doc: Document, q: Quoted) -> bool:
    """The quote runs to the end of its paragraph: quoted text the colon sets out."""
    return not q.closed or not doc.body[q.close_end : doc.paragraph_end(q.close_end)].strip(
        ' \t\u00a0.!?”"’'
    )


def _from_source(body: str, start: int, colon: int) -> Mention | None:
    """``From the report: "..."``, ``From Bush's Facebook post: "..."``: a lead that names
    where the quoted text comes from credits that source (as written)."""
    lead = _FROM_LEAD.match(body, start, colon)
    if lead is None:
        return None
    end = colon
    while end > lead.end() and body[end - 1] in " \t\u00a0:":
        end -= 1
    if not 0 < len(body[lead.end() : end].split()) <= _FROM_WORDS:
        return None
    return any_mention(body, lead.end(), end)


_FROM_WORDS = 6


def _colon_speaker(body: str, start: int, colon: int) -> Mention | None:
    """Who speaks after a colon when no subject opens the sentence: the subject of its last
    clause (``Asked which county he liked, he demurred:``) or a name that ends the lead
    (``The surge does not surprise pollster Daron Shaw:``)."""
    subject = clause_subject(body, start, colon)
    if subject is not None:
        return subject
    end = colon
    while end > start and body[end - 1] in " \t\u00a0:":
        end -= 1
    last = mention_before(body, end, start)
    if (
        last is not None
        and last.form == "name"
        and last.end == end
        and _last_word(body, start, last.start) not in _FUNCTION_WORDS
    ):
        return last  # not "... his message to the Dutch newspaper NRC:": an addressee
    return None


def _comma_set_name(body: str, cue_start: int, floor: int) -> Mention | None:
    """A name set off by a comma before its cue (``her adviser, Jake Sullivan, said:``, ``Gov.
    John Kasich (R-OH), said,``)."""
    pos = cue_start
    while pos > floor and body[pos - 1] in " \t\u00a0":
        pos -= 1
    if pos <= floor or body[pos - 1] != ",":
        return None
    pos -= 1
    if body[pos - 1 : pos] == ")":
        opening = body.rfind("(", max(floor, pos - 30), pos)
        if opening < 0:
            return None
        pos = opening
    while pos > floor and body[pos - 1] in " \t\u00a0":
        pos -= 1
    mention = mention_before(body, pos, floor)
    if mention is None or mention.form != "name":
        return None
    # the name opens its clause or stands between commas, not "a spokesman in Baghdad,"
    return mention if _char_before(body, mention.start) in ("", ",") else None


_TAG_GAP = re.compile(r"(?:\s+(?:on|in|at|to|of)?\s*[\w.'’-]+){0,3}?\s*,\s*$")


def tag_before_participle(doc: Document, cue: tuple[int, int], floor: int) -> Mention | None:
    """The speaker of a tag right before a participle cue (``X said, adding C``, ``X added
    Friday, saying C``, ``said X, noting C``): they go on, not the subject of the sentence."""
    body = doc.body
    if _char_before(body, cue[0]) != ",":
        return None
    prev = doc.cue_before(cue[0], max(floor, cue[0] - 40))
    if prev is None or prev[1] > cue[0] or not _TAG_GAP.match(body, prev[1], cue[0]):
        return None
    found = mention_before(body, prev[0], floor)
    if found is not None and found.form != "other":
        return found
    after = mention_after(body, _GAP.match(body, prev[1]).end(), cue[0])  # type: ignore[union-attr]  # matches ""
    if after is not None and body[after.end : cue[0]].strip() == ",":
        return after  # "..., said Tom Reel, adding C"
    return None


def clause_subject(body: str, floor: int, end: int) -> Mention | None:
    """The subject of a clause that opens the sentence or follows a comma, known by the finite
    verb after it (``Here in Columbia, Sanders stepped up ..., saying``)."""
    starts = [floor] + [m.end() for m in _CLAUSE_START.finditer(body, floor, end)]
    for start in starts:
        mention = mention_after(body, start, end)
        if mention is None:
            continue
        verb = _WORD.match(body, _GAP.match(body, mention.end).end(), end)  # type: ignore[union-attr]  # matches ""
        if verb is not None and _FINITE.fullmatch(verb.group()):
            return mention
    return None


_CLAUSE_START = re.compile(r",\s+")
_FINITE = re.compile(r"[a-z]{2,}(?:ed|s)|(?:was|is|has|had|went|took|made|gave|spoke|wrote|said)")


# "before asking", "while adding": a participle cue whose speaker is the sentence's
_ING_LEADS = frozenset(["before", "after", "while", "when", "by"])


def _last_word(body: str, floor: int, pos: int) -> str:
    words = body[max(floor, pos - 12) : pos].split()
    return words[-1].lower() if words else ""


def _tagged_in_sentence(doc: Document, start: int, end: int) -> Mention | None:
    """The speaker of the last attribution whose cue lies in ``[start, end)``."""
    for f in reversed(doc.found[-4:]):
        if f.cue is not None and start <= f.cue[0] < end and f.mention is not None:
            return f.mention
    return None


_NP_START = frozenset(
    [
        "the",
        "a",
        "an",
        "one",
        "another",
        "his",
        "her",
        "their",
        "its",
        "two",
        "three",
        "some",
        "several",
    ]
)


def _noun_phrase(body: str, start: int, end: int) -> Mention | None:
    """A short noun phrase as a speaker where position says it is one (``"...," said a 2008
    Clinton veteran``; ``"...," the narrator says``)."""
    runs = list(_NON_SPACE.finditer(body, start, end))
    for k, run in enumerate(runs):
        if k and run.group() in ("who", "which", "that", "whose"):  # "a member who supports"
            end = runs[k - 1].end()
            runs = runs[:k]
            break
    words = [run.group() for run in runs]
    if not 1 <= len(words) <= 8:
        return None
    if words[0].lower() not in _NP_START and not (
        len(words) <= 3
        and words[-1].endswith("s")
        and all(w.isalpha() and w.islower() and w not in _FUNCTION_WORDS for w in words)
    ):
        return None  # a bare plural is a speaker too: ""...," federal prosecutors wrote"
    while end > start and body[end - 1] in " \t\u00a0":
        end -= 1
    return any_mention(body, start, end)


def _speaker_phrase(body: str, start: int, end: int) -> Mention | None:
    """The stretch between a quote and its cue as the speaker, where it reads as one noun
    phrase: ``"...," a spokesman for committee Democrats said``, ``"...," Jeffrey Lewis
    of the Martin Center wrote``, ``"...," former George W. Bush speechwriter Noam Neusner
    wrote``, ``"...," this Trump look-alike declared``."""
    if "," in body[start:end] or _SENTENCE_END.search(body, start, end):
        return None
    words = body[start:end].split()
    if not 1 <= len(words) <= 10 or not _describes(words):
        return None
    while end > start and body[end - 1] in " \t\u00a0":
        end -= 1
    if words[0].lower() in _NP_START or words[0].lower() in _DEMONSTRATIVES:
        return any_mention(body, start, end) if len(words) <= 8 else None
    if len(words) == 1 and _SURNAME.fullmatch(words[0]) and words[0].lower() not in _NOT_NAMES:
        return any_mention(body, start, end)  # '"...," Ebeling said': a name seen once
    head = mention_after(body, start, end)
    if head is not None and head.form == "name" and head.start == start:
        # "Jeffrey Lewis of the Center": a name, then where the speaker is from
        rest = body[head.end : end].split()
        if rest and rest[0] in _OF_PLACE and _title_words(rest[1:]):
            return head  # the person; the place is no part of the name
        return None
    tail = mention_before(body, end, start)
    if (
        tail is not None
        and tail.form == "name"
        and body[tail.end : end].strip() == ""
        and _only_modifiers_long(body, start, tail.start)
    ):
        return any_mention(body, start, end)  # "former George W. Bush speechwriter X"
    return None


def _title_words(words: list[str]) -> bool:
    """``the James Martin Center for Nonproliferation Studies``: a name, minor words aside."""
    return bool(words) and all(w[:1].isupper() or w in _MINOR_TITLE_WORDS for w in words)


_SURNAME = re.compile(r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?")
_NOT_NAMES = load_word_list("not_name_words.txt") | load_word_list("day_words.txt")
_DEMONSTRATIVES = frozenset(["this", "these", "that", "those", "our", "my", "your"])
_OF_PLACE = frozenset(["of", "from", "at"])


def _only_modifiers_long(body: str, start: int, end: int) -> bool:
    """Up to six words that describe the name after them; one at least is lower-case (a title
    such as ``speechwriter``), so that two names in a row do not pass."""
    words = body[start:end].split()
    return (
        0 < len(words) <= 6
        and any(w.islower() for w in words)
        and all(_MODIFIER.fullmatch(w) and w.lower() not in _FUNCTION_WORDS for w in words)
    )


def _long_speaker_phrase(body: str, start: int, end: int) -> Mention | None:
    """After an inverted cue, a longer description as the speaker up to the next punctuation
    (``said one well-connected Democrat familiar with the campaign's organization,``): a
    determiner first, or a title with a lower-case word that ends in a name (``said master
    of ceremonies Asab Al-Tabchi,``, ``said Concord resident Whit Symms.``); no verb inside."""
    words = body[start:end].split()
    if not 2 <= len(words) <= 12 or not _describes(words):
        return None
    while end > start and body[end - 1] in " \t\u00a0":
        end -= 1
    if words[0].lower() in _NP_START:
        return any_mention(body, start, end)
    for word in _WORD.finditer(body, start, end):
        name = mention_after(body, word.start(), end)
        if name is not None and name.form == "name" and name.end >= end - 1:
            title = body[start : name.start].split()
            if 0 < len(title) <= 6 and any(w.islower() for w in title):
                return any_mention(body, start, end)
            return None
    return None


def _describes(words: list[str]) -> bool:
    """Can these words only describe someone: no clause inside (a pronoun, a verb form, an
    infinitive), no function word at either end (``the actor held a fake audition and``)?"""
    lower = [w.lower() for w in words]
    return (
        lower[0] not in _FUNCTION_WORDS
        and lower[-1] not in _FUNCTION_WORDS
        and not _CLAUSE_WORDS.intersection(lower)
        and not any(w.endswith("ing") and w.islower() for w in words)
    )


_CLAUSE_WORDS = load_word_list("speaker_phrase_stops.txt")
_SENTENCE_END = re.compile(r"[a-z]{3}[.!?] ")


_FUNCTION_WORDS = frozenset(
    [
        "about",
        "whom",
        "who",
        "when",
        "but",
        "and",
        "or",
        "that",
        "which",
        "as",
        "while",
        "if",
        "because",
        "so",
        "then",
        "than",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "said",
        "says",
        "without",
        "against",
        "among",
        "between",
        "into",
        "through",
        "over",
        "under",
        "after",
        "before",
        "during",
    ]
)


def _title_like(body: str, q: Quoted) -> bool:
    """``"Fox News Sunday,"``: a few capitalized words, the name of a show or a work."""
    words = _WORD.findall(body, q.start, q.end)
    return len(words) <= 5 and all(w[0].isupper() or w in _MINOR_TITLE_WORDS for w in words)


_MINOR_TITLE_WORDS = frozenset(["a", "an", "the", "of", "and", "in", "on", "for", "to"])


def _only_modifiers(body: str, start: int, end: int) -> bool:
    """A few words that only describe the speaker after them (``former``, ``Trump senior``)."""
    words = body[start:end].split()
    return 0 < len(words) <= 4 and all(
        _MODIFIER.fullmatch(w) and w.lower() not in _FUNCTION_WORDS for w in words
    )


_MODIFIER = re.compile(r"[A-Za-z][\w’'-]*|[A-Z]\.")  # "George W. Bush speechwriter"


def _described_mention_after(body: str, start: int, end: int) -> Mention | None:
    """``said former Obama adviser David Axelrod``: a name after a few lower-case modifiers
    the mention finder does not read as a title; the mention spans the modifiers too."""
    pos = start
    for _ in range(3):
        word = _WORD.match(body, pos)
        if word is None or not word.group().islower() or word.group() in _FUNCTION_WORDS:
            return None
        pos = _GAP.match(body, word.end()).end()  # type: ignore[union-attr]  # matches ""
        mention = mention_after(body, pos, end)
        if mention is not None and mention.form == "name":
            stop = mention.end
            if body[stop - 1] == "." and stop - body.rfind(" ", start, stop) > 5:
                stop -= 1  # the full stop of the sentence, not of "Jr."
            return any_mention(body, start, stop)
    return None


def _char_before(body: str, pos: int) -> str:
    """The last non-blank character before ``pos`` ("" at the start)."""
    while pos > 0 and body[pos - 1] in " \t\u00a0":
        pos -= 1
    return body[pos - 1] if pos else ""


def _ends_with_colon(body: str, pos: int) -> bool:
    return _char_before(body, pos) == ":"


def _chain(doc: Document, first: int, after: int) -> list[int]:
    """Indices of the quotes that continue quote ``first`` (no cue of their own)."""
    quotes = doc.quotes
    chain = [first]
    gap_from = after
    j = first + 1
    while j < len(quotes) and j not in doc.used_quotes:
        prev, nxt = quotes[chain[-1]], quotes[j]
        if nxt.single != prev.single:
            break
        if not prev.closed:
            if not nxt.continues:
                break
        else:
            gap = doc.body[gap_from : nxt.open_start]
            if "\n" in gap:
                break
            if (
                doc.body[nxt.start : nxt.start + 1].islower()
                and doc.sentences.at(gap_from) == doc.sentences.at(nxt.open_start)
                and not any(c in gap for c in '"“”«»')
                and doc.cue_after(gap_from, nxt.open_start) is None
                and len(gap.split()) <= 14
            ):
                # "The risk," said X, an economist, "is that ...": the sentence goes on
                chain.append(j)
                gap_from = nxt.close_end
                j += 1
                continue
            if _split_quote_gap(doc, prev, gap) and doc.cue_after(gap_from, nxt.open_start) is None:
                # ""A," she told Hewitt, "B."": the tag's adjuncts split one quote in two
                chain.append(j)
                gap_from = nxt.close_end
                j += 1
                continue
            if gap.strip(" \t\u00a0,;:—–-"):
                # "..., said Sanders as he closed out. "B."": B opens the next sentence
                tag_sentence_end = doc.sentences.at(gap_from)[1]
                if doc.body[tag_sentence_end : nxt.open_start].strip() or any(
                    c in gap for c in '"“”«»'
                ):
                    break
            if gap.strip(" \t\u00a0,;:—–-") and not _sentence_level(doc, nxt):
                break
        if _tag_after(doc, nxt) is not None:
            break
        chain.append(j)
        gap_from = nxt.close_end
        j += 1
    return chain


def _split_quote_gap(doc: Document, prev: Quoted, gap: str) -> bool:
    """Between a tag and the next quote, a few words ending in a comma or colon after a first
    piece that ended in a comma (``"A," she told Hewitt, "B."``): one quote split by its tag
    (unless a cue of its own stands there: ``, before asking her, "B?"``)."""
    if doc.body[prev.end - 1 : prev.end] != "," or not gap.rstrip().endswith((",", ":")):
        return False
    if any(c in gap for c in '.!?\n"“”«»'):
        return False
    return 0 < len(gap.split()) <= 8


def _sentence_level(doc: Document, q: Quoted) -> bool:
    """The quote is a whole sentence (or more): not a word or phrase inside a sentence."""
    s, e = doc.sentences.at(q.open_start)
    if doc.body[s : q.open_start].strip():
        return False
    return not q.closed or doc.body[q.close_end : e].strip() in ("", ".", "!", "?", ".”", ",")


def _pieces(doc: Document, chain: list[int]) -> list[tuple[int, int]]:
    return [(doc.quotes[i].start, doc.quotes[i].end) for i in chain]


def _lead_in(doc: Document, q: Quoted) -> int | None:
    """Where a sentence starts when a tagged quote only ends it (``X is "...," he said``)."""
    s, _ = doc.sentences.at(q.open_start)
    body = doc.body
    colon = body.rfind(":", s, q.open_start)
    if colon >= 0:
        s = colon + 1  # "... has long embodied: "Civility ...," he said": the quote alone
    while s < q.open_start and body[s] in " \t\n\u00a0":
        s += 1
    if s >= q.open_start or len(body[s : q.open_start].split()) < 2:
        return None
    s = after_lead_cue(doc, s, q.open_start)
    if s >= q.open_start or len(body[s : q.open_start].split()) < 2:
        return None
    return s


def find_direct(doc: Document) -> None:
    """Attach cues and mentions to quoted stretches; add the quotes to ``doc.found``."""
    drop_noun_cues(doc)  # the first stage: no stage may read "Trump's remarks" as a cue
    i = 0
    quotes = doc.quotes
    while i < len(quotes):
        q = quotes[i]
        if i in doc.used_quotes or (q.single and len(doc.body[q.start : q.end].split()) < 3):
            i += 1
            continue
        if names_work(doc.body, q):
            i += 1  # "a film called "Open Doors"": a name, whatever cue follows it
            continue
        cue: tuple[int, int] | None  # _tag_before may find a speaker without a cue
        tag = _tag_after(doc, q)
        if tag is not None:
            cue, mention, tag_end = tag
            source = _according_to(doc, tag_end)
            if source is not None:  # ""A," he said, according to aides": the aides report it
                mention, tag_end = source, source.end
            chain = _chain(doc, i, tag_end)
        else:
            before = _tag_before(doc, q)
            if before is None:
                i += 1
                continue
            cue, mention = before
            chain = _chain(doc, i, q.close_end)
        if cue is not None:
            doc.used_cues.add(cue[0])
        doc.used_quotes.update(chain)
        pieces = _pieces(doc, chain)
        kind = "direct"
        if tag is not None and len(chain) == 1:
            topic = _said_of(doc, tag_end)
            if topic is not None:  # ""A!" X said of the convention": what A is about
                pieces.append(topic)
            elif ends_in_comma(doc.body, q) and cue is not None and mention.end <= cue[0]:
                rest = unquoted_rest(doc, tag_end)
                if rest is not None:  # ""Only you," she said, would use ...": her sentence
                    pieces.append(rest)
                    kind = "mixed"
        if tag is None and cue is not None:
            opening = lead_before_tag(doc, q.start, q.open_start, mention.start, cue[1])
            if opening is not None:  # "The move, Carr explained, "was ..."": one sentence
                pieces.insert(0, opening)
                kind = "mixed"
        if tag is not None:
            more = next_sentence_piece(doc, max(tag_end, pieces[-1][1]), chain[-1])
            if more is not None and _tag_after(doc, quotes[chain[-1] + 1]) is None:
                # ""A," said X. Unless ..., "B."": X goes on
                pieces.append(more)
                doc.used_quotes.update(doc.quotes_in(*more))
                kind = "mixed"
            lead = _lead_in(doc, q)
            if lead is not None:  # the group is less likely to be "overrun ...," Hoover said.
                pieces[0] = (lead, q.close_end)
                kind = "mixed"
        doc.found.append(Found(kind, pieces, cue, mention))
        i = chain[-1] + 1


_ACCORDING = re.compile(r",?\s+according\s+to\s+")


def _according_to(doc: Document, pos: int) -> Mention | None:
    """The source of ``, according to X`` right after a tag (``..., Grayson said, according to
    Frankel.``): the annotators credit the reported speech to whoever reports it."""
    body = doc.body
    m = _ACCORDING.match(body, pos)
    if m is None:
        return None
    end = doc.sentences.at(pos)[1]
    stop = m.end()
    while stop < end and body[stop] not in '.,;:!?"“”\n':
        stop += 1
    if stop == m.end() or len(body[m.end() : stop].split()) > 12:
        return None
    doc.used_cues.add(body.index("according", m.start()))  # no indirect quote of its own
    return mention_after(body, m.end(), stop) or any_mention(body, m.end(), stop)


_OF = re.compile(r"\s+of\s+")


def _said_of(doc: Document, pos: int) -> tuple[int, int] | None:
    """The topic of ``said of X.`` ending the tag's sentence."""
    m = _OF.match(doc.body, pos)
    if m is None:
        return None
    end = doc.sentences.at(pos)[1]
    stop = m.end()
    while stop < end and doc.body[stop] not in '.,;:!?"“”\n':
        stop += 1
    if stop == m.end() or stop < end - 1:
        return None
    return m.end(), stop


def find_orphans(doc: Document) -> None:
    """Whole-sentence quotes with no cue of their own after an attributed quote: the same
    speaker goes on (``"A," he said.`` then ``"B."`` in the next paragraph)."""
    if not doc.found:
        return
    starts = sorted(f.pieces[0][0] for f in doc.found)
    i = 0
    quotes = doc.quotes
    while i < len(quotes):
        q = quotes[i]
        if (
            i in doc.used_quotes
            or q.single
            or not _sentence_level(doc, q)
            or not any(s < q.start for s in starts)
        ):
            i += 1
            continue
        if len(doc.body[q.start : q.end].split()) < 4 or _subhead(doc, q):
            i += 1
            continue
        chain = _chain(doc, i, q.close_end)
        doc.used_quotes.update(chain)
        # a name signs the quote on the line below it, or on its own last line
        signer = signature_after(doc.body, quotes[chain[-1]].close_end)
        if signer is None and len(chain) == 1:
            signer = signature_within(doc.body, q)
        previous = (
            None if signer is not None else _quote_paragraph_before(doc, q) or _quote_nearby(doc, q)
        )
        if signer is not None:
            doc.found.append(Found("direct", _pieces(doc, chain), None, signer))
        elif previous is not None:  # the quote of the paragraph before goes on
            previous.pieces.extend(_pieces(doc, chain))
        else:
            doc.found.append(Found("direct", _pieces(doc, chain), None, None, inherit=True))
        i = chain[-1] + 1


# a line of its own under a quote: a dash, a name, maybe a full stop (``- Sen. Jo Reel.``)
_SIGNATURE = re.compile(r"[ \t]*\n+[ \t]*[-–—]{1,2} ?([A-Z][\w.'’ -]{1,40}?)\.?[ \t]*(?:\n|$)")


def signature_after(body: str, pos: int) -> Mention | None:
    """The name that signs the quote ending at ``pos`` from the line below it (a fact check's
    ``"...."`` then ``- Sanders.``), or None."""
    m = _SIGNATURE.match(body, pos)
    if m is None:
        return None
    found = mention_after(body, m.start(1), m.end(1))
    if found is None or found.form != "name" or body[found.end : m.end(1)].strip(" ."):
        return None  # "- An immigrant himself -": a heading, not a name
    return found


def _subhead(doc: Document, q: Quoted) -> bool:
    """A quote in capitals alone on its line (``"DIVISIVE, STUPID AND WRONG"``): a section
    heading that quotes someone, not a continuation of the speaker before it."""
    body = doc.body
    if not body[q.start : q.end].isupper():
        return False
    line_start = body.rfind("\n", 0, q.open_start) + 1
    line_end = doc.paragraph_end(q.close_end)
    return not body[line_start : q.open_start].strip() and not body[q.close_end : line_end].strip(
        " ."
    )


def _quote_paragraph_before(doc: Document, q: Quoted) -> Found | None:
    """The direct or mixed quote that opens or ends the paragraph right before ``q``'s
    (``"A," he said.``, ``X said the plan had "no chance."``), when ``q`` opens its own
    paragraph: one speech across paragraphs. A cue-less quote paragraph (itself continued
    from further up) counts too: the annotators join a run of quote paragraphs."""
    body = doc.body
    if body[doc.sentences.at(q.open_start)[0] : q.open_start].strip():
        return None
    best = None
    for f in doc.found:
        if (
            f.type != "indirect"
            and (f.mention is not None or f.inherit)
            and f.pieces[-1][1] < q.open_start
            and (best is None or f.pieces[-1][1] > best.pieces[-1][1])
        ):
            best = f
    if best is None:
        return None
    gap = body[best.pieces[-1][1] : q.open_start].lstrip("\"”»'’ ")  # past its closing mark
    # one paragraph break: a blank line, or a single newline in texts that use those
    breaks = gap.count("\n")
    if not (breaks == 1 or (breaks == 2 and "\n\n" in gap)):
        return None
    if any(c in gap for c in '"“”«»'):
        return None
    before, _, _ = gap.partition("\n")
    if len(before.split()) > 30 or gap.rpartition("\n")[2].strip():
        return None  # narration opens q's paragraph: q is not the speech going on
    para_start = body.rfind("\n", 0, best.pieces[0][0]) + 1
    if body[para_start : best.pieces[0][0]].strip(" \t\u00a0\"“«'`‘") and before.strip(_CLOSERS):
        return None  # the paragraph before neither opens nor ends with the quote
    return best


# what may follow a quote at the end of its paragraph (closing marks, the full stop)
_CLOSERS = " \t\u00a0\"”»'’.,!?"


def _quote_nearby(doc: Document, q: Quoted) -> Found | None:
    """The quoted attribution that ends shortly before ``q``, in its paragraph
    (``"A," she said, showing off her hat. "B."``): the same voice goes on, one quote."""
    body = doc.body
    best = None
    for f in doc.found:
        ends = f.pieces[-1][1]
        if (
            f.type != "indirect"
            and ends < q.open_start
            and (best is None or ends > best.pieces[-1][1])
        ):
            best = f
    if best is None:
        return None
    gap = body[best.pieces[-1][1] : q.open_start]
    if "\n" in gap or len(gap.split()) > 30:
        return None
    return best
