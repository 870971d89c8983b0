"""The ``newsquotes`` command line: what scripts and tests call.

Exit codes: 0 success; 1 the run finished but quarantined records (``ingest --strict``) or no
speaker matched (``speakers``, like grep); 2 usage or configuration error (a bad option, an
OUT_DIR that is not an output root); 3 the output root is locked by another run; 4 any other
newsquotes error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Sequence

from newsquotes import progress
from newsquotes.errors import ConfigError, NewsquotesError, StoreLockedError

EXIT_OK, EXIT_REJECTS, EXIT_USAGE, EXIT_LOCKED, EXIT_ERROR = 0, 1, 2, 3, 4

EXAMPLES = """\
examples:
  newsquotes ingest data/raw data/processed
  newsquotes ingest /dumps/2024 /lake/news --workers 2 --wait 600
  newsquotes ingest /dumps /lake/news --dask tcp://scheduler:8786
  newsquotes report data/processed -o report.html
  newsquotes speakers data/processed lavrov
  newsquotes compact data/processed

Run `newsquotes COMMAND --help` for the options of a command.

exit codes:
  0 success
  1 ingest --strict: records were quarantined; speakers: no speaker matched
  2 usage or configuration error (bad option, OUT_DIR not an output root)
  3 the output root is locked by another run (use --wait SECONDS)
  4 any other newsquotes error (the message says what to do)
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from err


def _datetime(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not an ISO timestamp: {text!r}") from err
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsquotes",
        description="Turn raw news-wire dumps into Parquet datasets of articles, quotes, "
        "speakers and rejects.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXAMPLES,
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest",
        help="run the ingest-news flow: raw dumps -> Parquet",
        description="Read every dump under RAW_DIR (recursively; .txt, .gz, .bz2, .xz, .zst, "
        "archives, JSON, CSV) and publish articles/, quotes/, speakers/ and rejects/ "
        "under OUT_DIR. Unchanged inputs are skipped; changed ones replace their "
        "earlier rows. Runs the same Prefect flow as a deployment.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  newsquotes ingest data/raw data/processed\n"
        "  newsquotes ingest dumps/ lake/ --workers 2 --reference-date 2024-12-31\n",
    )
    ingest.add_argument("raw_dir", metavar="RAW_DIR", help="folder with the raw dumps")
    ingest.add_argument("out_dir", metavar="OUT_DIR", help="output root for the datasets")
    ingest.add_argument(
        "--workers", type=int, default=None, help="local worker processes (default: all cores)"
    )
    ingest.add_argument(
        "--dask",
        dest="dask_address",
        metavar="ADDRESS",
        help="run on an existing Dask cluster (tcp://host:8786)",
    )
    ingest.add_argument(
        "--config",
        dest="config_file",
        metavar="TOML",
        help="ingest configuration file (formats, globs, size caps)",
    )
    ingest.add_argument(
        "--reference-date", type=_date, help="date that resolves years missing from datelines"
    )
    ingest.add_argument(
        "--started-at", type=_datetime, help="timestamp that names the run (default: now)"
    )
    ingest.add_argument(
        "--verify-hashes",
        action="store_true",
        help="hash every input even when size and mtime are unchanged",
    )
    ingest.add_argument(
        "--wait",
        dest="wait_seconds",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for another run on OUT_DIR to finish",
    )
    ingest.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )
    ingest.add_argument(
        "--strict", action="store_true", help="exit 1 when any record was quarantined"
    )
    ingest.add_argument(
        "--force-flow",
        action="store_true",
        help="run the Prefect flow even when no input changed (by default an unchanged "
        "corpus is recognised before Prefect starts and recorded as a no-op run)",
    )
    ingest.set_defaults(handler=_ingest)

    report = commands.add_parser(
        "report",
        help="write a self-contained HTML report of an output root",
        description="Write one HTML file (charts and CSS inline, no network needed to view it) "
        "about the datasets under OUT_DIR: quotes per speaker over time, top "
        "speakers and their titles, quotes per agency and place, reject reasons and "
        "the run history.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  newsquotes report data/processed\n"
        "  newsquotes report /lake/news -o /var/www/news/report.html\n",
    )
    report.add_argument(
        "out_dir", metavar="OUT_DIR", help="output root of a run (what `newsquotes ingest` wrote)"
    )
    report.add_argument(
        "-o",
        "--output",
        default="report.html",
        metavar="HTML",
        help="file to write (default: report.html)",
    )
    report.set_defaults(handler=_report)

    speakers = commands.add_parser(
        "speakers",
        help="search the speakers table",
        description="List the speakers of OUT_DIR, most quoted first. With QUERY, only those "
        "whose canonical name or an alias contains it, ignoring case. Exits 1 when "
        "no speaker matches.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  newsquotes speakers data/processed\n"
        "  newsquotes speakers data/processed lavrov\n"
        "  newsquotes speakers data/processed trump --format jsonl | jq .titles\n",
    )
    speakers.add_argument("out_dir", metavar="OUT_DIR", help="output root of a run")
    speakers.add_argument(
        "query",
        metavar="QUERY",
        nargs="?",
        default=None,
        help="part of a name, any case (default: every speaker)",
    )
    speakers.add_argument(
        "-n",
        "--limit",
        type=int,
        default=20,
        metavar="N",
        help="show at most N speakers (default 20, 0 for all)",
    )
    speakers.add_argument(
        "--format",
        choices=("table", "jsonl"),
        default="table",
        help="table for people (default), jsonl for scripts",
    )
    speakers.set_defaults(handler=_speakers)

    compact = commands.add_parser(
        "compact",
        help="merge each partition's small Parquet files into one",
        description="Rewrite every partition of OUT_DIR that holds several files (one per run "
        "that touched it) into a single file with exactly the same rows, published "
        "atomically as a new version like a run. Readers are never disturbed.",
    )
    compact.add_argument("out_dir", metavar="OUT_DIR", help="output root of a run")
    compact.add_argument(
        "--wait",
        dest="wait_seconds",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="wait this long for a running ingest to finish",
    )
    compact.set_defaults(handler=_compact)
    return parser


def _output_root(path: str) -> str:
    """``path`` when it is an output root; otherwise a usage error that says what to do."""
    from pathlib import Path

    root = Path(path)
    if not (root / "quotes").is_dir():
        what = "does not exist" if not root.exists() else "is not a newsquotes output root"
        raise ConfigError(
            f"{path} {what}: pass the OUT_DIR of a run, or make one with "
            f"`newsquotes ingest RAW_DIR {path}`"
        )
    return path


def _report(args: argparse.Namespace) -> int:
    from newsquotes.report import write_report

    path = write_report(_output_root(args.out_dir), args.output)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
    return EXIT_OK


def _speakers(args: argparse.Namespace) -> int:
    import json

    from newsquotes.load import load_speakers

    if args.limit < 0:
        raise ConfigError("--limit must be 0 (all) or more")
    found = load_speakers(_output_root(args.out_dir), name=args.query)
    total = len(found)
    if args.limit:
        found = found.head(args.limit)
    rows = [
        {
            "name": row["name"],
            "kind": row["kind"],
            "n_quotes": int(row["n_quotes"]),
            "n_articles": int(row["n_articles"]),
            "first_date": None if row["first_date"] is None else str(row["first_date"]),
            "last_date": None if row["last_date"] is None else str(row["last_date"]),
            "titles": list(row["titles"]),
            "aliases": list(row["aliases"]),
        }
        for row in found.astype(object).where(found.notna(), None).to_dict("records")
    ]
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif rows:
        print(_speakers_table(rows))
        if total > len(rows):
            print(f"... {total - len(rows)} more (use --limit 0 to list all)")
    if not rows:
        where = f" matching {args.query!r}" if args.query else ""
        print(f"newsquotes: no speaker{where} in {args.out_dir}", file=sys.stderr)
        return EXIT_REJECTS
    return EXIT_OK


def _speakers_table(rows: list[dict]) -> str:
    header = ("name", "kind", "quotes", "articles", "first", "last", "titles", "aliases")
    lines = [header] + [
        (
            r["name"],
            r["kind"],
            str(r["n_quotes"]),
            str(r["n_articles"]),
            r["first_date"] or "",
            r["last_date"] or "",
            "; ".join(r["titles"][:3]),
            "; ".join(r["aliases"][:3]),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def _compact(args: argparse.Namespace) -> int:
    from newsquotes.compact import compact

    result = compact(
        _output_root(args.out_dir),
        started_at=dt.datetime.now(dt.UTC),
        wait_seconds=args.wait_seconds,
    )
    print(
        f"{args.out_dir}: {result.files_before} -> {result.files_after} Parquet file(s), "
        f"{result.partitions_merged} partition(s) merged (version {result.version})"
    )
    return EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    from newsquotes.localapi import temporary_api
    from newsquotes.pandas_probe import skip_pandas_probe

    if args.workers is not None and args.workers < 1:
        raise ConfigError("--workers must be at least 1")
    skip_pandas_probe()  # an ingest only uses Arrow: pandas would cost this process ~30 MiB
    show = sys.stderr.isatty() if args.progress is None else args.progress
    os.environ[progress.ENV] = "1" if show else "0"
    if not args.force_flow and _nothing_changed(args):
        return EXIT_OK
    # Without PREFECT_API_URL, start the temporary Prefect server first: it boots while this
    # process imports the flow (see newsquotes.localapi).
    with temporary_api(remote_workers=bool(args.dask_address)) as api:
        from newsquotes.flow import ingest_news
        from newsquotes.summary import render_text

        if api is not None:
            api.wait_ready()
        result = ingest_news(
            raw_dir=args.raw_dir,
            out_dir=args.out_dir,
            workers=args.workers,
            dask_address=args.dask_address,
            config_file=args.config_file,
            reference_date=args.reference_date,
            started_at=args.started_at,
            verify_hashes=args.verify_hashes,
            wait_seconds=args.wait_seconds,
        )
    print(render_text(result))
    return EXIT_REJECTS if args.strict and result["rejects"] else EXIT_OK


def _nothing_changed(args: argparse.Namespace) -> bool:
    """Plan before Prefect starts: when no input changed, record a no-op run, say so, and
    return True (the re-run then costs the plan, not Prefect's start-up; docs/PERFORMANCE.md)."""
    import time

    from newsquotes.config import load_config
    from newsquotes.plan import skip_if_unchanged
    from newsquotes.summary import render_nothing_changed

    clock = time.perf_counter()
    plan = skip_if_unchanged(
        args.raw_dir,
        args.out_dir,
        started_at=args.started_at or dt.datetime.now(dt.UTC),
        config=load_config(args.config_file) if args.config_file else None,
        verify_hashes=args.verify_hashes,
        wait_seconds=args.wait_seconds,
    )
    if plan is None:
        return False
    print(render_nothing_changed(plan, seconds=time.perf_counter() - clock))
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if args.verbose else "WARNING")
    # A local run starts a temporary Prefect server; on a busy machine that takes more than
    # Prefect's default 20 s. No analytics leave the machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:
        return args.handler(args)
    except StoreLockedError as err:
        print(f"newsquotes: {err}", file=sys.stderr)
        return EXIT_LOCKED
    except ConfigError as err:
        print(f"newsquotes: configuration error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except NewsquotesError as err:
        print(f"newsquotes: {err}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
