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
    named = quotes[
        quotes["speaker"].notna() & quotes["speaker_kind"].isin(["person", "organization"])
    ]
    if named.empty:
        return SPEAKERS.empty_table()
    names = Counter(named["speaker"].tolist())
    kinds = (
        named.groupby("speaker", observed=True)["speaker_kind"]
        .agg(lambda s: s.value_counts().index[0])
        .to_dict()
    )
    aliases = alias_map(names, kinds)
    named = named.assign(canonical=named["speaker"].map(aliases))
    rows = []
    for name, group in named.groupby("canonical", sort=True, observed=True):
        dates = group["published_date"].dropna()
        rows.append(
            {
                "speaker_id": speaker_id(name),
                "name": name,
                "kind": group["speaker_kind"].value_counts().index[0],
                "aliases": sorted(set(group["speaker"]) - {name}),
                "titles": _ranked(group["speaker_title"]),
                "mentions": _ranked(group["speaker_mention"]),
                "n_quotes": len(group),
                "n_articles": group["article_id"].nunique(),
                "first_date": dates.min() if len(dates) else None,
                "last_date": dates.max() if len(dates) else None,
            }
        )
    return pa.Table.from_pylist(rows, schema=SPEAKERS)


def _ranked(values: pd.Series) -> list[str]:
    counts = Counter(v for v in values.dropna().tolist() if v)
    return [v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:MAX_LISTED]


def build_speakers_from_dataset(quotes_dir: Path) -> pa.Table:
    """Read only the columns the aggregation needs from a quotes dataset folder."""
    if not quotes_dir.is_dir() or not any(quotes_dir.rglob("*.parquet")):
        return SPEAKERS.empty_table()
    table = ds.dataset(quotes_dir, format="parquet", partitioning="hive").to_table(columns=_COLUMNS)
    return build_speakers(table.to_pandas(types_mapper=pd.ArrowDtype))
