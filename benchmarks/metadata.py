"""Metadata accuracy against the shared gold: date, location, agency and title per corpus.

    python benchmarks/metadata.py [--shared ../shared] [--corpus reuters-1987] [--errors 5]

For each corpus in ``gold/metadata-<corpus>.jsonl`` it parses every record with
:func:`newsquotes.metadata.parse_article` and prints, per field the gold has, the accuracy, the
target and the most common error kinds (with an example). Values are compared ignoring case, runs
of white space and a trailing period. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import bz2
import collections
import gzip
import json
import lzma
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newsquotes.dates import resolve_dateline_date
from newsquotes.errors import ParseError
from newsquotes.metadata import article_agency, parse_article
from newsquotes.models import ArticleMeta, Provenance, RawRecord

TARGETS = {"date": 0.995, "location": 0.99, "agency": 0.99, "title": 0.98}
FIELDS = tuple(TARGETS)
_SEED_HEADER = re.compile(r"^[ \t]*date (\d{4}-\d{2}-\d{2})\b", re.MULTILINE)
_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}


def _read_text(path: Path) -> str:
    opener = _OPENERS.get(path.suffix)
    if opener is None:
        return path.read_text(encoding="utf-8", errors="replace")
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        return handle.read()


def _seed_records(path: Path, rel: str) -> Iterator[RawRecord]:
    """Records of the seed layout: each starts at a ``date YYYY-MM-DD`` line."""
    text = _read_text(path)
    headers = list(_SEED_HEADER.finditer(text))
    for index, header in enumerate(headers):
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        yield RawRecord(
            Provenance(rel, "", index),
            text[header.end() : end].lstrip(),
            "seed",
            {"date": header.group(1)},
        )


def _plain_record(path: Path, rel: str) -> RawRecord:
    text = _read_text(path).replace("\r\n", "\n")
    return RawRecord(Provenance(rel, "", 0), text, "plain")


def local_records(corpora: Path, rel: str) -> Iterator[RawRecord]:
    """A small stand-in for ingest: the seed layout when the file has date headers, else plain."""
    path = corpora / rel
    text_head = _read_text(path)[:200] if path.suffix not in _OPENERS else None
    if text_head is not None and not _SEED_HEADER.search(text_head):
        yield _plain_record(path, rel)
    else:
        yield from _seed_records(path, rel)


def sources_records(corpora: Path, rel: str) -> Iterator[RawRecord] | None:
    """Records as the ingest module reads them (``newsquotes.sources``), or None when it is not
    there; rejects are skipped (they show up as records missing from the count)."""
    try:
        from newsquotes.sources import SourceFile, read_records
    except ImportError:
        return None
    path = corpora / rel
    source = SourceFile(rel, path, path.stat().st_size)
    return (item for item in read_records(source) if isinstance(item, RawRecord))


def normalize(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split()).lower()
    return text[:-1] if text.endswith(".") else text


def predicted(meta: ArticleMeta) -> dict[str, str | None]:
    return {
        "date": meta.published_date.isoformat() if meta.published_date else None,
        "location": meta.dateline.location if meta.dateline else None,
        "agency": article_agency(meta),
        "title": meta.title,
    }


def dateline_agrees(meta: ArticleMeta) -> bool | None:
    """Whether the dateline's month and day fit the header date (None: nothing to compare).

    Gold dates come from headers, so this is the check that the dateline date itself is read.
    """
    dateline = meta.dateline
    if meta.date_source != "header" or dateline is None or dateline.month is None:
        return None
    assert meta.published_date is not None and dateline.day is not None
    resolved = resolve_dateline_date(
        dateline.month, dateline.day, dateline.year, meta.published_date
    )
    return resolved is not None and abs((resolved - meta.published_date).days) <= 7


def error_kind(gold: str | None, got: str | None) -> str:
    if got is None:
        return "missing"
    if gold is None:
        return "spurious"
    if got in gold or gold in got:
        return "partial"
    return "wrong"


def evaluate(shared: Path, corpus: str, use_sources: bool, show: int) -> tuple[bool, int, int]:
    corpora = shared / "corpora"
    gold_rows = [json.loads(line) for line in (shared / "gold" / f"metadata-{corpus}.jsonl").open()]
    by_key = {(row["path"], row["record"]): row for row in gold_rows}
    fields = [f for f in FIELDS if any(f in row for row in gold_rows)]
    paths = sorted({row["path"] for row in gold_rows})
    correct = collections.Counter()
    errors: dict[str, collections.Counter] = {f: collections.Counter() for f in fields}
    examples: dict[tuple[str, str], str] = {}
    seen = chars = 0
    parsing = 0.0
    dated: collections.Counter[bool] = collections.Counter()
    started = time.perf_counter()
    for rel in paths:
        records = (sources_records(corpora, rel) if use_sources else None) or local_records(
            corpora, rel
        )
        for record in records:
            row = by_key.get((rel, record.provenance.record))
            if row is None:
                continue
            seen += 1
            chars += len(record.text)
            try:
                tick = time.process_time()
                meta = parse_article(record)
                parsing += time.process_time() - tick
                got = predicted(meta)
                agrees = dateline_agrees(meta)
                if agrees is not None:
                    dated[agrees] += 1
            except ParseError as err:
                got = dict.fromkeys(fields)
                got["title"] = f"<ParseError {err.reason}>"
            for field in fields:
                want, have = normalize(row.get(field)), normalize(got[field])
                if want == have:
                    correct[field] += 1
                    continue
                kind = error_kind(want, have)
                errors[field][kind] += 1
                examples.setdefault(
                    (field, kind),
                    f"{rel}#{record.provenance.record}: gold={row.get(field)!r} got={got[field]!r}",
                )
    elapsed = time.perf_counter() - started
    ok = seen == len(gold_rows)
    print(
        f"\n== {corpus}: {seen}/{len(gold_rows)} records, {chars / 1e6:.1f} M chars, "
        f"{elapsed:.2f} s ({chars / max(elapsed, 1e-9) / 1e6:.1f} M chars/s incl. reading)"
    )
    print(
        f"   parse_article (CPU time): {parsing:.2f} s, {parsing / max(seen, 1) * 1e6:.0f} us/article, "
        f"{chars / max(parsing, 1e-9) / 1e6:.1f} M chars/s"
    )
    if dated:
        print(
            f"   dateline month/day within a week of the header date: "
            f"{dated[True] / (dated[True] + dated[False]):.2%} of {dated[True] + dated[False]}"
        )
    print(f"   {'field':<9}{'accuracy':>10}{'target':>9}  most common errors")
    for field in fields:
        accuracy = correct[field] / max(seen, 1)
        hit = accuracy >= TARGETS[field]
        ok &= hit
        top = ", ".join(f"{kind} {n}" for kind, n in errors[field].most_common(3)) or "-"
        print(
            f"   {field:<9}{accuracy:>9.2%}{TARGETS[field]:>9.1%}  {'ok ' if hit else 'LOW'} {top}"
        )
        for kind, _ in errors[field].most_common(show and 3):
            print(f"       e.g. {examples[(field, kind)]}")
    return ok, seen, chars


def main(argv: list[str] | None = None) -> int:
    default_shared = os.environ.get("NEWSQUOTES_SHARED") or str(
        Path(__file__).resolve().parents[1].parent / "shared"
    )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=default_shared, type=Path)
    parser.add_argument("--corpus", action="append", help="corpus name (default: all gold files)")
    parser.add_argument("--errors", type=int, default=1, help="show examples (0 = none)")
    parser.add_argument(
        "--local-reader", action="store_true", help="use the benchmark's own reader, not ingest's"
    )
    args = parser.parse_args(argv)
    gold_dir = args.shared / "gold"
    corpora = args.corpus or sorted(
        p.name[len("metadata-") : -len(".jsonl")] for p in gold_dir.glob("metadata-*.jsonl")
    )
    started = time.perf_counter()
    results = [evaluate(args.shared, c, not args.local_reader, args.errors) for c in corpora]
    elapsed = time.perf_counter() - started
    n = sum(r[1] for r in results)
    print(f"\n{n} records in {elapsed:.2f} s; all targets met: {all(r[0] for r in results)}")
    return 0 if all(r[0] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
