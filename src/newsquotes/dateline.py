"""Wire datelines: ``MOSCOW, January 15./TASS/.``, ``HEMPSTEAD, N.Y., Sept. 26 (UPI) —`` ...

A dateline opens the first paragraph of a wire story: a place (optionally with its region or
country), a date, the agency in parentheses or slashes, then a dash. One compiled regex reads
every agency's form; it only accepts a place when a date or an agency follows it (or, for a bare
``WASHINGTON —``, when the place is in capitals), so a body sentence that starts with a city name
is not taken for a dateline.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from newsquotes.agencies import load_agencies
from newsquotes.dates import MONTHS, month_number, safe_date
from newsquotes.models import Dateline, Span

# Letters that may start a word of a place name: capitals, including accented ones.
_UPPER = "A-ZÀ-ÖØ-Þ"
# possessive quantifiers (*+): a word never gives back letters, which keeps backtracking cheap
_WORD = rf"[{_UPPER}][\w'’.&-]*+(?:/[{_UPPER}][\w'’.&-]*+)*+"  # GAZA/RAMALLAH


def _any_case(words: list[str]) -> str:
    """Alternation matching each word in any letter case, without re.IGNORECASE (which makes
    sre fold the case of every character tried and is several times slower)."""

    def fold(word: str) -> str:
        return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)

    return "(?:" + "|".join(fold(w) for w in sorted(words, key=len, reverse=True)) + ")"


_MONTH = _any_case(list(MONTHS))  # every spelling dates.month_number reads
# A place starts with a capital; later words may be lower case as some desks write them
# (``Mexico city``, ``Rio de Janeiro``); backtracking gives a month back to the date.
_NEXT_WORDS = rf"(?:[ ][^\W\d_][\w'’.&-]*+(?:/[{_UPPER}][\w'’.&-]*+)*+){{0,4}}"
_PLACE = rf"{_WORD}{_NEXT_WORDS}"
# Before a date or an agency mark a place may even be all lower case (``sioux falls, april 7 -``).
_ANY_CASE_PLACE = rf"[^\W\d_][\w'’.&-]*+(?:/[{_UPPER}][\w'’.&-]*+)*+{_NEXT_WORDS}"
# A region or country after the place: ``N.Y.``, ``Switzerland``, ``the Netherlands``,
# ``Zaire-Zambia border``.
# Its words start with a letter, so a date never passes for one once backtracking is done.
_REGION_WORD = rf"(?:the[ ])?{_WORD}(?:[ ][^\W\d_][\w'’.&-]*+){{0,3}}"
_REGIONS = rf"{_REGION_WORD}(?:[ \t]*,[ \t]*{_REGION_WORD})?"
_DASH = r"(?:-{1,3}|[—–]{1,2}|_{1,3})"
# What ends a dateline after the agency: ``(AP) —``, ``(EFE).-``, ``(Interfax):``.
_AGENCY_END = rf"[ \t]*\.?[ \t]*(?:{_DASH}(?:[ \t]{_DASH})?|:)"  # also '(AFP) - --'


@cache
def _dateline_regex() -> re.Pattern[str]:
    agency = load_agencies().alias_pattern()
    date = rf"""
        (?P<date>
            (?P<month>{_MONTH})\.?[ ]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?
            (?:[ ]*,[ ]*(?P<year>\d{{4}})(?:[ ]*,[ ]*\d{{4}})?)?  # a year some feeds repeat
          | (?P<day2>\d{{1,2}})[ ]+(?P<month2>{_MONTH})\.?(?:,?[ ]+(?P<year2>\d{{4}}))?
        )(?!\w)
    """
    agency_mark = rf"""
        (?:
            \((?P<agency>(?i:{agency}))\){_AGENCY_END}
          | /(?P<agency_slash>(?i:{agency}))/\.?(?:{_AGENCY_END}(?=\s))?
          | \((?P<agency_unknown>[A-Z][A-Za-z-]{{1,24}})\)(?=[ \t]*(?:--|[—–])){_AGENCY_END}
          | (?(date)(?P<agency_bare>(?i:{agency})){_AGENCY_END}(?=\s)|(?!))  # March 12, Reuter -
        )
    """
    pattern = rf"""
        (?P<head>
          (?:
            (?P<loc>{_ANY_CASE_PLACE})
            (?:[ \t]*/(?P<region_slash>[^/\n]{{1,60}})/)?
            (?:[ \t]*,[ \t]*(?P<region>{_REGIONS}))?
            [ \t]*[,.]{{0,2}}[ \t]*  # 'N.Y,. March 13' happens
          )?
          (?:{date}[ \t]*[.,]?[ \t]*)?
          (?:
              {agency_mark}
            | (?(date)[ \t]*{_DASH}(?=\s|$)|(?!))  # no agency: a date and a dash
          )
        )
    """
    return re.compile(pattern, re.VERBOSE)


@cache
def _agency_lead_regex() -> re.Pattern[str]:
    """An agency name alone before the dash, as news feeds shorten datelines: ``AP - ``,
    ``Reuters - ``, ``Canadian Press - ``."""
    agency = load_agencies().alias_pattern()
    return re.compile(rf"(?P<head>(?P<agency>(?i:{agency}))[ \t]+(?:-{{1,2}}|[—–])[ \t]+)")


# A bare ``WASHINGTON — The ...``: only accepted for a place written in capitals followed by a
# sentence (a capitalized word with lower case) or after a region (``WINSTON-SALEM, N.C. - RJR``),
# so a headline such as ``ECONOMIC SPOTLIGHT - BANKAMERICA`` is not read as one.
_BARE_PLACE = re.compile(
    rf"""(?P<head>(?P<loc>{_PLACE})
    (?:
        [ \t]*,[ \t]*(?P<region>{_REGIONS})[ \t]+(?:-{{1,2}}|[—–])[ \t]+
      | [ \t]+(?:-{{1,2}}|[—–])[ \t]+(?=[\"“‘']?[A-Z][a-z])
    ))""",
    re.VERBOSE,
)
# A capitalized place, a comma and a garbled date before the dash (``BOSTON, March 187 -``,
# ``RENO, Nev., Mach 4 -``, ``SYDNEY, April -``): the place is still the dateline's.
_GARBLED_DATE = re.compile(
    rf"""(?P<head>(?P<loc>{_PLACE})(?:[ \t]*,[ \t]*(?P<region>{_REGIONS}))?
    [ \t]*,[ \t]*(?:[A-Z][A-Za-z]{{2,8}}\.?[ \t]*)?[0-9A-Za-z]{{0,4}}[ \t]+-{{1,2}}[ \t]+)""",
    re.VERBOSE,
)
_LOWER = re.compile(r"[a-zß-öø-ÿ]")
# Every dateline ends at (or holds) a parenthesis, a slash or a dash within its first characters;
# a paragraph without one near its start is rejected by this one fast scan.
_END_MARK = re.compile(r"[(/—–_]|-\s")
_HEAD_MAX = 160
_SMALL_WORDS = re.compile(
    r"(?<= )(?:De|Del|Della|Do|Dos|Da|Das|Du|Des|Di|La|Le|Les|El|Al|Am|An|En|Of|On|Upon|Sur|Y|I)(?= )"
)


@lru_cache(maxsize=4096)
def display_place(location: str) -> str:
    """Normalized display form of a place written in capitals: ``ST. LOUIS`` -> ``St. Louis``,
    ``RIO DE JANEIRO`` -> ``Rio de Janeiro``, ``O'HARE`` -> ``O'Hare``; other forms are kept."""
    if _LOWER.search(location):
        return location
    place = location.title().replace("'S ", "'s ")
    if place.endswith("'S"):
        place = place[:-1] + "s"
    return _SMALL_WORDS.sub(lambda m: m.group().lower(), place) if " " in place else place


_SENTENCE_PERIOD = re.compile(r"(?<=[^\W\d_]{3})\.$")


def _strip_period(location: str) -> str:
    """``MOSCOW.`` (from ``MOSCOW. Jan 15 (Interfax)``) -> ``MOSCOW``; ``ST.`` and ``D.C.`` stay."""
    last = location.rpartition(" ")[2]
    return location[:-1] if "." not in last[:-1] and _SENTENCE_PERIOD.search(last) else location


def parse_dateline(text: str) -> Dateline | None:
    """Parse the dateline at the start of ``text`` (the start of a paragraph), or return None.

    ``month``/``day``/``year`` are as written (``year`` None when the dateline omits it); a
    month and day that exist in no year (``March 32``) make no dateline. The year of a dateline
    without one is resolved by :func:`newsquotes.dates.resolve_dateline_date`.
    """
    if _END_MARK.search(text, 0, _HEAD_MAX) is None:
        return None
    match = _dateline_regex().match(text)
    if match is None:
        lead = _agency_lead_regex().match(text)
        if lead is not None:
            return _build(text, lead, None, None, lead["agency"], None, None, None)
        loose = _BARE_PLACE.match(text) or _GARBLED_DATE.match(text)
        if loose is None or _LOWER.search(loose["loc"]) or len(loose["loc"]) < 3:
            return None
        return _build(text, loose, loose["loc"], loose["region"], None, None, None, None)
    month_raw = match["month"] or match["month2"]
    month = month_number(month_raw) if month_raw else None
    day = int(match["day"] or match["day2"]) if month else None
    year_raw = match["year"] or match["year2"]
    year = int(year_raw) if year_raw else None
    if month and day and safe_date(year or 2000, month, day) is None:
        return None  # 'March 32' is not a date: no dateline either
    agency_raw = (
        match["agency"] or match["agency_slash"] or match["agency_bare"] or match["agency_unknown"]
    )
    region = match["region_slash"] or match["region"]
    return _build(text, match, match["loc"], region, agency_raw, month, day, year)


def _build(
    text: str,
    match: re.Match[str],
    location: str | None,
    region: str | None,
    agency_raw: str | None,
    month: int | None,
    day: int | None,
    year: int | None,
) -> Dateline:
    start, end = match.span("head")
    while end > start and text[end - 1].isspace():
        end -= 1
    location = _strip_period(location.strip()) if location else None
    return Dateline(
        span=Span(start, end),
        text=text[start:end],
        location=location,
        region=region.strip() if region else None,
        place=display_place(location) if location else None,
        agency=load_agencies().lookup(agency_raw) if agency_raw else None,
        agency_raw=agency_raw,
        month=month,
        day=day,
        year=year,
    )
