"""Load an output root's datasets into pandas in one line, with the schema's dtypes.

    import newsquotes as nq

    quotes = nq.load_quotes("data/processed", start="2016-10-01", speaker="Donald Trump")
    articles = nq.load_articles("data/processed", agency=["AP", "Reuters"])
    speakers = nq.load_speakers("data/processed", name="lavrov")

Every column is Arrow-backed (``pd.ArrowDtype``): dates are ``date32``, the ``year``/``month``
partition columns are integers, strings are Arrow strings and lists stay lists. Filters are pushed
down to Parquet through :mod:`pyarrow.dataset`: a date range prunes whole ``year=/month=``
partitions before a file is opened, and the other filters skip row groups by their statistics.
Rows come back in a stable order (by date, then id), so two loads of one version are equal.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from newsquotes.errors import ConfigError, StoreError
from newsquotes.schema import DATASETS, PARTITION_FIELDS

__all__ = ["CANONICAL_SPEAKER", "QUOTE_TYPES", "load_articles", "load_quotes", "load_speakers"]

QUOTE_TYPES = ("direct", "mixed", "indirect")
CANONICAL_SPEAKER = "canonical_speaker"  # the column ``load_quotes(canonical_speakers=True)`` adds

_PARTITIONING = ds.partitioning(pa.schema(list(PARTITION_FIELDS)), flavor="hive")
_SORT_KEYS = {
    "articles": [("published_date", "ascending"), ("article_id", "ascending")],
    "quotes": [
        ("published_date", "ascending"),
        ("article_id", "ascending"),
        ("quote_index", "ascending"),
    ],
    "speakers": [("n_quotes", "descending"), ("name", "ascending")],
    "rejects": [
        ("source_path", "ascending"),
        ("source_record", "ascending"),
        ("reject_id", "ascending"),
    ],
}

DateLike = dt.date | str | None
Names = str | Iterable[str] | None


def load_articles(
    root: str | os.PathLike[str],
    *,
    start: DateLike = None,
    end: DateLike = None,
    agency: Names = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Articles of the output root ``root``, optionally filtered.

    ``start``/``end``: publication date range, both ends included (a ``date`` or ``"YYYY-MM-DD"``);
    with either set, undated articles are left out. ``agency``: one agency or several
    (``"TASS"``, ``["AP", "Reuters"]``). ``columns``: the columns to return (default: all).
    """
    where = _date_filter(start, end)
    where = _and(where, _isin("agency", agency))
    return _load(root, "articles", where, columns)


def load_quotes(
    root: str | os.PathLike[str],
    *,
    start: DateLike = None,
    end: DateLike = None,
    agency: Names = None,
    speaker: Names = None,
    types: Names = None,
    columns: Sequence[str] | None = None,
    canonical_speakers: bool = False,
) -> pd.DataFrame:
    """Quotations of the output root ``root``, optionally filtered.

    ``start``/``end`` and ``agency`` as in :func:`load_articles`. ``speaker``: one name or
    several; a canonical name from the speakers table also matches its aliases, so
    ``speaker="Sergey Lavrov"`` finds the quotes resolved to ``Lavrov`` too. ``types``: any of
    ``direct``, ``mixed``, ``indirect``. ``canonical_speakers=True`` adds a column
    ``canonical_speaker``: each quote's speaker mapped to the speakers table's ``name`` through its
    ``aliases`` (null for anonymous and unresolved sources).
    """
    wanted_types = _names(types)
    if wanted_types is not None:
        unknown = sorted(set(wanted_types) - set(QUOTE_TYPES))
        if unknown:
            raise ConfigError(f"unknown quote type(s) {unknown}: use {', '.join(QUOTE_TYPES)}")
    aliases = _alias_table(root) if speaker is not None or canonical_speakers else {}
    speakers = _names(speaker)
    if speakers is not None:  # a canonical name stands for itself and every alias merged into it
        by_name: dict[str, set[str]] = {}
        for alias, name in aliases.items():
            by_name.setdefault(name, set()).add(alias)
        speakers = sorted({s for name in speakers for s in by_name.get(name, {name})})
    where = _date_filter(start, end)
    where = _and(where, _isin("agency", agency))
    where = _and(where, _isin("speaker", speakers))
    where = _and(where, _isin("type", wanted_types))
    needed = list(columns) if columns is not None else None
    if canonical_speakers and needed is not None and "speaker" not in needed:
        needed.append("speaker")
    frame = _load(root, "quotes", where, needed)
    if canonical_speakers:
        canonical = frame["speaker"].map(aliases, na_action="ignore")
        frame[CANONICAL_SPEAKER] = canonical.astype(pd.ArrowDtype(pa.string()))
        if columns is not None and "speaker" not in columns:
            frame = frame.drop(columns="speaker")
    return frame


def load_speakers(root: str | os.PathLike[str], *, name: str | None = None) -> pd.DataFrame:
    """The speakers table of ``root``, most quoted first.

    ``name``: keep the speakers whose name or one of whose aliases contains it, ignoring case
    (``"lavrov"`` finds ``Sergey Lavrov``).
    """
    table = _scan(root, "speakers", None, None)
    if name:
        in_name = pc.match_substring(table["name"], name, ignore_case=True)
        aliases = table["aliases"].combine_chunks() if table.num_rows else None
        if aliases is not None and len(aliases.values):
            hit = pc.match_substring(aliases.values, name, ignore_case=True)
            owner = pc.list_parent_indices(aliases)
            rows = set(pc.filter(owner, hit).to_pylist())
            in_alias = pa.array([i in rows for i in range(table.num_rows)], pa.bool_())
            in_name = pc.or_(in_name, in_alias)
        table = table.filter(in_name)
    return _to_frame(table.sort_by(_SORT_KEYS["speakers"]))


# -- internals ----------------------------------------------------------------------------------


def dataset_path(root: str | os.PathLike[str], dataset: str) -> Path:
    """The folder of ``dataset`` under ``root``, or a :class:`StoreError` saying what to do."""
    base = Path(root)
    path = base / dataset
    if not path.is_dir():
        if not base.is_dir():
            raise StoreError(
                f"output root {base.absolute()} does not exist: pass the OUT_DIR "
                "of a run (`newsquotes ingest RAW_DIR OUT_DIR` makes one)"
            )
        raise StoreError(
            f"{path.absolute()} not found: {base} is not a newsquotes output "
            "root yet; run `newsquotes ingest RAW_DIR "
            f"{base}` first"
        )
    return path


def _scan(
    root: str | os.PathLike[str],
    dataset: str,
    where: pc.Expression | None,
    columns: Sequence[str] | None,
) -> pa.Table:
    spec = DATASETS[dataset]
    if columns is not None:
        unknown = [c for c in columns if c not in spec.schema.names]
        if unknown:
            raise ConfigError(
                f"{dataset} has no column(s) {unknown}; its columns are: "
                f"{', '.join(spec.schema.names)}"
            )
    data = ds.dataset(
        dataset_path(root, dataset),
        format="parquet",
        schema=spec.schema,
        partitioning=_PARTITIONING if spec.partitioned else None,
        exclude_invalid_files=False,
    )
    sort_keys = _SORT_KEYS[dataset]
    read = None
    if columns is not None:  # read the sort keys too, so the order does not depend on columns
        read = list(dict.fromkeys([*columns, *(k for k, _ in sort_keys)]))
    table = data.to_table(columns=read, filter=where)
    table = table.sort_by(sort_keys)
    return table.select(list(columns)) if columns is not None else table


def _load(
    root: str | os.PathLike[str],
    dataset: str,
    where: pc.Expression | None,
    columns: Sequence[str] | None,
) -> pd.DataFrame:
    return _to_frame(_scan(root, dataset, where, columns))


def _to_frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _alias_table(root: str | os.PathLike[str]) -> dict[str, str]:
    """Every resolved name (canonical or alias) -> the speakers table's canonical ``name``."""
    table = _scan(root, "speakers", None, ["name", "aliases"])
    mapping: dict[str, str] = {}
    for name, aliases in zip(table["name"].to_pylist(), table["aliases"].to_pylist(), strict=True):
        mapping[name] = name
        for alias in aliases or ():
            mapping.setdefault(alias, name)
    return mapping


def _as_date(value: dt.date | str, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise ConfigError(
            f"{what}={value!r} is not a date: pass a datetime.date or 'YYYY-MM-DD'"
        ) from err


def _date_filter(start: DateLike, end: DateLike) -> pc.Expression | None:
    """Rows published in [start, end], with the year/month partitions pruned first."""
    where = None
    year, month, date = pc.field("year"), pc.field("month"), pc.field("published_date")
    first = _as_date(start, "start") if start is not None else None
    if first is not None:
        where = _and(where, (year > first.year) | ((year == first.year) & (month >= first.month)))
        where = _and(where, date >= pa.scalar(first, pa.date32()))
    if end is not None:
        last = _as_date(end, "end")
        if first is not None and last < first:
            raise ConfigError(f"end {last} is before start {start}: swap them")
        # year > 0 keeps the undated partition (year=0/month=0) out without opening it
        where = _and(
            where, (year > 0) & ((year < last.year) | ((year == last.year) & (month <= last.month)))
        )
        where = _and(where, date <= pa.scalar(last, pa.date32()))
    return where


def _names(value: Names) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def _isin(column: str, value: Names) -> pc.Expression | None:
    names = _names(value)
    if names is None:
        return None
    return pc.field(column).isin(pa.array(names, pa.string()))


def _and(left: pc.Expression | None, right: pc.Expression | None) -> pc.Expression | None:
    if left is None:
        return right
    if right is None:
        return left
    return left & right
