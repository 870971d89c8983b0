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
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from newsquotes.ids import speaker_id
from newsquotes.schema import SPEAKERS

if TYPE_CHECKING:  # pandas only for callers that hand a DataFrame: pool workers never load it
    import pandas as pd

MAX_LISTED = 20  # titles and mentions kept per speaker, most frequent first
COMPACT_EVERY = 16  # files whose per-file aggregates are held before they are folded into one
DOMINANT_SHARE = 0.8
_KINDS = pa.array(["person", "organization"])
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
    """The speakers table of a quotes dataset folder, one Parquet file at a time.

    Equal to :func:`build_speakers_arrow` of the whole dataset, but it never holds the corpus'
    quote columns: the first pass counts quotes per (name, kind) file by file; the alias merge
    runs on those counts (distinct names); the second pass aggregates titles, mentions, dates
    and (canonical speaker, article) pairs per file. What is held is one file's columns plus
    aggregates over distinct speakers, and the distinct article ids of each file (to count
    articles exactly when one article id shows up in two files).
    """
    if not quotes_dir.is_dir() or not any(quotes_dir.rglob("*.parquet")):
        return SPEAKERS.empty_table()
    fragments = list(ds.dataset(quotes_dir, format="parquet", partitioning="hive").get_fragments())
    names = _names_and_kinds(fragments)
    if names.num_rows == 0:
        return SPEAKERS.empty_table()
    by_name = names.group_by("speaker").aggregate([("n", "sum"), ("first", "min")])
    by_name = by_name.sort_by("first_min").to_pydict()
    counts = Counter(dict(zip(by_name["speaker"], by_name["n_sum"], strict=True)))
    kinds = _best_kind(names, "speaker")
    aliases = alias_map(counts, kinds)

    canonical_names = sorted(set(aliases.values()))
    position = {name: i for i, name in enumerate(canonical_names)}
    alias_keys = pa.array(list(aliases), pa.string())
    canonical_index = pa.array([position[c] for c in aliases.values()], pa.int32())
    names = names.append_column(
        "canonical", canonical_index.take(pc.index_in(names["speaker"], value_set=alias_keys))
    )
    n_quotes = _sum_per(names.group_by("canonical").aggregate([("n", "sum")]), "n_sum")
    kind = _best_kind(names, "canonical")
    members: dict[int, set[str]] = defaultdict(set)
    for c, speaker in zip(
        names["canonical"].to_pylist(), names["speaker"].to_pylist(), strict=True
    ):
        members[c].add(speaker)

    totals = _Totals()
    for fragment in fragments:
        table = _named(fragment.to_table(columns=_COLUMNS))
        table = table.append_column(
            "canonical", canonical_index.take(pc.index_in(table["speaker"], value_set=alias_keys))
        )
        totals.add(table)
    n_articles = totals.articles_per_speaker(fragments, alias_keys, canonical_index)
    dates = pa.concat_tables(totals.dates).group_by("canonical")
    dates = dates.aggregate([("published_date_min", "min"), ("published_date_max", "max")])
    first = _sum_per(dates, "published_date_min_min")
    last = _sum_per(dates, "published_date_max_max")
    titles = _ranked_counts(totals.titles, "speaker_title")
    mentions = _ranked_counts(totals.mentions, "speaker_mention")
    order = range(len(canonical_names))
    rows = {
        "speaker_id": [speaker_id(name) for name in canonical_names],
        "name": canonical_names,
        "kind": [kind[c] for c in order],
        "aliases": [sorted(members[c] - {canonical_names[c]}) for c in order],
        "titles": [titles.get(c, []) for c in order],
        "mentions": [mentions.get(c, []) for c in order],
        "n_quotes": [n_quotes[c] for c in order],
        "n_articles": [n_articles[c] for c in order],
        "first_date": [first[c] for c in order],
        "last_date": [last[c] for c in order],
    }
    return pa.Table.from_pydict(rows, schema=SPEAKERS)


def _named(quotes: pa.Table) -> pa.Table:
    """The quotes whose speaker is a named person or organization."""
    return quotes.filter(
        pc.and_(pc.is_valid(quotes["speaker"]), pc.is_in(quotes["speaker_kind"], value_set=_KINDS))
    )


def _names_and_kinds(fragments: list[ds.Fragment]) -> pa.Table:
    """Per (speaker, kind): quotes (``n``) and the first row (``first``) in dataset order."""
    partials = []
    offset = 0
    for fragment in fragments:
        table = fragment.to_table(columns=["speaker", "speaker_kind"])
        rows = pa.array(np.arange(offset, offset + table.num_rows, dtype=np.int64))
        offset += table.num_rows
        named = _named(table.append_column("row", rows))
        partials.append(
            named.group_by(["speaker", "speaker_kind"]).aggregate(
                [("row", "count"), ("row", "min")]
            )
        )
    combined = pa.concat_tables(partials).group_by(["speaker", "speaker_kind"])
    combined = combined.aggregate([("row_count", "sum"), ("row_min", "min")])
    return combined.rename_columns(["speaker", "speaker_kind", "n", "first"])


def _best_kind(names: pa.Table, key: str) -> dict:
    """Per ``key``, the kind with the most quotes; ties go to the one seen first."""
    counts = names.group_by([key, "speaker_kind"]).aggregate([("n", "sum"), ("first", "min")])
    best: dict = {}
    for k, value, n, first in zip(
        counts[key].to_pylist(),
        counts["speaker_kind"].to_pylist(),
        counts["n_sum"].to_pylist(),
        counts["first_min"].to_pylist(),
        strict=True,
    ):
        rank = (-n, first, value)
        if k not in best or rank < best[k]:
            best[k] = rank
    return {k: rank[2] for k, rank in best.items()}


def _sum_per(table: pa.Table, column: str) -> dict:
    """``column`` per canonical speaker index, from a table grouped by ``canonical``."""
    return dict(zip(table["canonical"].to_pylist(), table[column].to_pylist(), strict=True))


def _ranked_counts(partials: list[pa.Table], column: str) -> dict[int, list[str]]:
    """Per canonical speaker, ``column`` values by summed count, most frequent first."""
    counts = pa.concat_tables(partials).group_by(["canonical", column])
    counts = counts.aggregate([("n", "sum")]).to_pydict()
    ranked: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for k, value, n in zip(counts["canonical"], counts[column], counts["n_sum"], strict=True):
        ranked[k].append((-n, value))
    return {k: [v for _, v in sorted(pairs)][:MAX_LISTED] for k, pairs in ranked.items()}


class _Totals:
    """Per-file aggregates of the named quotes, keyed by canonical speaker index."""

    def __init__(self) -> None:
        self.dates: list[pa.Table] = []
        self.titles: list[pa.Table] = []
        self.mentions: list[pa.Table] = []
        self.articles: Counter[int] = Counter()  # distinct articles summed over files
        self.article_ids: list[pa.Array] = []  # distinct article ids of each file (or more)
        self.shared: list[pa.Array] = []  # ids seen in several files, found by earlier compactions

    def add(self, table: pa.Table) -> None:
        self.dates.append(
            table.group_by("canonical").aggregate(
                [("published_date", "min"), ("published_date", "max")]
            )
        )
        for column, partials in (
            ("speaker_title", self.titles),
            ("speaker_mention", self.mentions),
        ):
            kept = table.filter(
                pc.and_(pc.is_valid(table[column]), pc.not_equal(table[column], ""))
            )
            counts = kept.group_by(["canonical", column]).aggregate([("canonical", "count")])
            partials.append(counts.rename_columns(["canonical", column, "n"]))
        pairs = _article_pairs(table)
        per = pairs.group_by("canonical").aggregate([("article_id", "count")])
        self.articles.update(_sum_per(per, "article_id_count"))
        self.article_ids.append(pc.unique(pairs["article_id"]))
        if len(self.dates) >= COMPACT_EVERY:
            self.compact()

    def compact(self) -> None:
        """Fold the per-file partials into one table each: what is held then grows with the
        distinct speakers (and their titles and mentions), not with the files read."""
        dates = pa.concat_tables(self.dates).group_by("canonical")
        dates = dates.aggregate([("published_date_min", "min"), ("published_date_max", "max")])
        self.dates = [dates.rename_columns(["canonical", *_DATE_COLUMNS])]
        for column, partials in (
            ("speaker_title", self.titles),
            ("speaker_mention", self.mentions),
        ):
            counts = pa.concat_tables(partials).group_by(["canonical", column])
            counts = counts.aggregate([("n", "sum")]).rename_columns(["canonical", column, "n"])
            partials[:] = [counts]
        self.shared.append(_in_several(self.article_ids))
        self.article_ids = [pc.unique(pa.chunked_array(self.article_ids, pa.string()))]
        pa.default_memory_pool().release_unused()

    def articles_per_speaker(
        self, fragments: list[ds.Fragment], alias_keys: pa.Array, canonical_index: pa.Array
    ) -> Counter[int]:
        """Distinct articles per speaker; an article found in several files is counted once."""
        shared = pc.unique(
            pa.chunked_array([*self.shared, _in_several(self.article_ids)], pa.string())
        )
        if len(shared) == 0:
            return self.articles
        # the pairs of those articles, per file (what was summed) and across files (the truth)
        per_file = []
        for fragment in fragments:
            table = _named(
                fragment.to_table(
                    columns=["speaker", "speaker_kind", "article_id"],
                    filter=pc.is_in(pc.field("article_id"), value_set=shared),
                )
            )
            table = table.append_column(
                "canonical",
                canonical_index.take(pc.index_in(table["speaker"], value_set=alias_keys)),
            )
            per_file.append(_article_pairs(table))
        pairs = pa.concat_tables(per_file)
        counted = pairs.group_by("canonical").aggregate([("article_id", "count")])
        distinct = _article_pairs(pairs).group_by("canonical").aggregate([("article_id", "count")])
        articles = Counter(self.articles)
        articles.subtract(_sum_per(counted, "article_id_count"))
        articles.update(_sum_per(distinct, "article_id_count"))
        return articles


_DATE_COLUMNS = ["published_date_min", "published_date_max"]


def _in_several(ids: list[pa.Array]) -> pa.Array:
    """The ids that occur in more than one of ``ids`` (each array holds distinct ids)."""
    table = pa.table({"article_id": pa.chunked_array(ids, pa.string())})
    files = table.group_by("article_id").aggregate([("article_id", "count")])
    return files.filter(pc.greater(files["article_id_count"], 1))["article_id"].combine_chunks()


def _article_pairs(table: pa.Table) -> pa.Table:
    """Distinct (canonical speaker, article id) pairs."""
    return table.group_by(["canonical", "article_id"]).aggregate([])
