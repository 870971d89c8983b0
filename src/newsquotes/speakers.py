"""The speakers table: resolved speakers merged across the whole corpus.

Within an article the extractor already resolves ``he`` and ``Lavrov`` to ``Sergey Lavrov``. Across
articles, names still differ: an article that only says ``Lavrov``, a typo (``Koronolli``), a
different case. We merge conservatively (a wrong merge is worse for an analyst than a missed one):

* the same name up to case, spacing and middle initials (``Donald J. Trump`` = ``Donald Trump``);
* a one-letter typo in the surname of a person with the same first name, into the more quoted one;
* a lone surname into the full name of a person that ends with it, when that person is the only
  one or quoted at least ``DOMINANT_SHARE`` as often as all the others with that surname together
  (in 2016 news, ``Clinton`` alone is Hillary Clinton; ``Li`` alone stays ``Li``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from newsquotes.ids import speaker_id
from newsquotes.schema import SPEAKERS

MAX_LISTED = 20  # titles and mentions kept per speaker, most frequent first
DOMINANT_SHARE = 0.8
_MIDDLE_INITIAL = re.compile(r"(?<=\s)\w\.\s+")
_COLUMNS = [
    "speaker",
    "speaker_kind",
    "speaker_title",
    "speaker_mention",
    "article_id",
    "published_date",
]


def _key(name: str) -> str:
    return " ".join(_MIDDLE_INITIAL.sub("", name).casefold().split())


def _one_edit_apart(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def alias_map(names: Counter[str], kinds: dict[str, str]) -> dict[str, str]:
    """Map every resolved name to its canonical corpus-wide form."""
    # 1. case and spacing variants: the most quoted spelling wins
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, n in names.items():
        spellings[_key(name)][name] += n
    canonical = {
        k: max(c.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
        for k, c in spellings.items()
    }
    weight = {k: sum(c.values()) for k, c in spellings.items()}
    parent = {k: k for k in spellings}

    persons = [k for k in spellings if kinds.get(canonical[k]) == "person"]
    full = [k for k in persons if " " in k]
    # 2. one-letter surname typos among full names sharing the first name
    by_first: dict[tuple[str, int], list[str]] = defaultdict(list)
    for k in full:
        by_first[(k.split()[0], len(k.split()))].append(k)
    for group in by_first.values():
        group.sort(key=lambda k: (-weight[k], k))
        for i, k in enumerate(group):
            last = k.split()[-1]
            if len(last) < 5:
                continue
            for better in group[:i]:
                if parent[better] == better and _one_edit_apart(last, better.split()[-1]):
                    parent[k] = better
                    break
    # 3. a lone surname into the full name ending with it, when unique or dominant
    by_last: dict[str, Counter[str]] = defaultdict(Counter)
    for k in full:
        by_last[k.split()[-1]][parent[k]] += weight[k]
    for k in persons:
        candidates = by_last.get(k)
        if " " in k or not candidates:
            continue
        best, n = candidates.most_common(1)[0]
        if n >= DOMINANT_SHARE * sum(candidates.values()):
            parent[k] = best
    return {name: canonical[parent[_key(name)]] for name in names}


def build_speakers(quotes: pd.DataFrame) -> pa.Table:
    """Aggregate quote rows (columns as in the quotes schema) into the speakers table."""
    frame = quotes[_COLUMNS].reset_index(drop=True)
    return build_speakers_arrow(pa.Table.from_pandas(frame, preserve_index=False))


def build_speakers_arrow(quotes: pa.Table) -> pa.Table:
    """The speakers table from quote rows as Arrow (columns ``_COLUMNS``).

    Every aggregation is a vectorized Arrow group-by, so the cost grows with the number of quotes
    only in C++; Python loops run over distinct speakers and (speaker, value) pairs. Ties between
    kinds go to the one seen first, as ``value_counts`` did.
    """
    quotes = quotes.select(_COLUMNS)
    named = quotes.filter(
        pc.and_(
            pc.is_valid(quotes["speaker"]),
            pc.is_in(quotes["speaker_kind"], value_set=pa.array(["person", "organization"])),
        )
    )
    if named.num_rows == 0:
        return SPEAKERS.empty_table()
    named = named.append_column("row", pa.array(range(named.num_rows), pa.int64()))
    by_name = named.group_by("speaker").aggregate([("row", "count")]).to_pydict()
    names = Counter(dict(zip(by_name["speaker"], by_name["row_count"], strict=True)))
    kinds = _most_common(named, "speaker", "speaker_kind")
    aliases = alias_map(names, kinds)
    alias_keys = pa.array(list(aliases), pa.string())
    canonical_of = pa.array(list(aliases.values()), pa.string())
    named = named.append_column(
        "canonical", canonical_of.take(pc.index_in(named["speaker"], value_set=alias_keys))
    )

    stats = named.group_by("canonical").aggregate(
        [
            ("row", "count"),
            ("article_id", "count_distinct"),
            ("published_date", "min"),
            ("published_date", "max"),
        ]
    )
    stats = stats.sort_by("canonical").to_pydict()
    kind = _most_common(named, "canonical", "speaker_kind")
    titles = _ranked_per(named, "canonical", "speaker_title")
    mentions = _ranked_per(named, "canonical", "speaker_mention")
    members: dict[str, set[str]] = defaultdict(set)
    pairs = named.group_by(["canonical", "speaker"]).aggregate([]).to_pydict()
    for name, speaker in zip(pairs["canonical"], pairs["speaker"], strict=True):
        members[name].add(speaker)
    rows = {
        "speaker_id": [speaker_id(name) for name in stats["canonical"]],
        "name": stats["canonical"],
        "kind": [kind[name] for name in stats["canonical"]],
        "aliases": [sorted(members[name] - {name}) for name in stats["canonical"]],
        "titles": [titles.get(name, []) for name in stats["canonical"]],
        "mentions": [mentions.get(name, []) for name in stats["canonical"]],
        "n_quotes": stats["row_count"],
        "n_articles": stats["article_id_count_distinct"],
        "first_date": stats["published_date_min"],
        "last_date": stats["published_date_max"],
    }
    return pa.Table.from_pydict(rows, schema=SPEAKERS)


def _most_common(table: pa.Table, key: str, column: str) -> dict[str, str]:
    """Per ``key``, the most frequent non-null ``column`` value; ties go to the first seen."""
    counts = (
        table.filter(pc.is_valid(table[column]))
        .group_by([key, column])
        .aggregate([("row", "count"), ("row", "min")])
        .to_pydict()
    )
    best: dict[str, tuple[int, int, str]] = {}
    for k, value, n, first in zip(
        counts[key], counts[column], counts["row_count"], counts["row_min"], strict=True
    ):
        rank = (-n, first, value)
        if k not in best or rank < best[k]:
            best[k] = rank
    return {k: rank[2] for k, rank in best.items()}


def _ranked_per(table: pa.Table, key: str, column: str) -> dict[str, list[str]]:
    """Per ``key``, the non-empty ``column`` values, most frequent first, ties alphabetical."""
    kept = table.filter(pc.and_(pc.is_valid(table[column]), pc.not_equal(table[column], "")))
    counts = kept.group_by([key, column]).aggregate([("row", "count")]).to_pydict()
    ranked: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for k, value, n in zip(counts[key], counts[column], counts["row_count"], strict=True):
        ranked[k].append((-n, value))
    return {k: [v for _, v in sorted(pairs)][:MAX_LISTED] for k, pairs in ranked.items()}


def build_speakers_from_dataset(quotes_dir: Path) -> pa.Table:
    """Read only the columns the aggregation needs from a quotes dataset folder."""
    if not quotes_dir.is_dir() or not any(quotes_dir.rglob("*.parquet")):
        return SPEAKERS.empty_table()
    table = ds.dataset(quotes_dir, format="parquet", partitioning="hive").to_table(columns=_COLUMNS)
    return build_speakers_arrow(table)
