"""End-to-end throughput, memory and re-run cost of ``newsquotes ingest`` on a scaled real corpus.

    python benchmarks/throughput.py --size 100MB
    python benchmarks/throughput.py --size 1GB --workers 2
    python benchmarks/throughput.py --size 1GB --api-url http://127.0.0.1:4200/api  # started server

1. Builds (once, then reuses) a corpus of ``--size`` characters of text under
   ``--work/<size>/raw`` from the real texts in ``../shared/corpora``, re-combined so that every
   article is distinct: round ``r`` keeps each article's head (title, dateline paragraph) and
   sign-off, takes the body paragraphs of the article ``r`` places further in the same corpus,
   rotated by ``r``, and shifts the dates by a multiple of 4 years (leap days stay valid). Layout:
   multi-record seed-layout dumps of about 2 MB, half ``.txt`` and half ``.txt.gz``, and one-article
   plain ``.txt`` files (the BBC texts, no date) for about a tenth of the text.
2. Reference points, in this process on one core: stream-decompress-and-decode every file (the I/O
   floor), then read -> parse -> extract -> table rows on a sample of the corpus (``--sample``).
3. Runs ``newsquotes -v ingest RAW OUT --workers N`` in a subprocess (as users run it), samples
   the RSS of its whole process tree (CLI, pool workers, the temporary Prefect server) and
   timestamps its log lines to split the wall time into Prefect start-up (imports, temporary
   server, flow run), planning, processing, writing (the commit) and shutdown.
4. Runs it again on the unchanged corpus (the re-run).

Sizes are decimal (1GB = 10**9 characters). The benchmark is not a test: run it on a quiet machine,
and read the load average it prints with every measurement.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
BUILD_VERSION = 4  # bump when the corpus recipe changes: cached corpora are rebuilt
FILE_CHARS = 2_000_000  # text per dump file
_HEADER = re.compile(r"^[ \t]*date (\d{4})-(\d{2})-(\d{2})\b[ \t]*", re.MULTILINE)
# a paragraph starts after a blank line, or at an indented line (Reuters' hard-wrapped layout)
_UNIT = re.compile(r"(\n[ \t]*\n|\n(?=[ \t]+\S))")
_AFP_NAME = re.compile(r"_(\d{4})(\d{2})(\d{2})\.")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_WORDS = re.compile(r"\w+")


# -- the corpus ---------------------------------------------------------------------------------


@dataclass
class Article:
    """One source article cut into head (kept), middle (exchanged) and tail (kept) paragraphs."""

    date: tuple[int, int, int] | None
    head: list[str]  # each unit carries the separator before it
    middle: list[str]
    tail: list[str]


def _units(text: str) -> list[str]:
    parts = _UNIT.split(text)
    units = [parts[0]]
    for i in range(1, len(parts) - 1, 2):
        units.append(parts[i] + parts[i + 1])
    return [u for u in units if u.strip()]


def _article(text: str, date: tuple[int, int, int] | None) -> Article | None:
    units = _units(text.strip("\n"))
    if len(units) < 2:
        return None
    tail = [units.pop()] if len(units) > 3 and len(units[-1].strip()) < 40 else []
    return Article(date, units[:2], units[2:], tail)


def _seed_records(text: str) -> Iterator[tuple[tuple[int, int, int], str]]:
    headers = list(_HEADER.finditer(text))
    for k, header in enumerate(headers):
        end = headers[k + 1].start() if k + 1 < len(headers) else len(text)
        yield tuple(int(g) for g in header.groups()), text[header.end() : end]


def load_corpora(corpora: Path) -> dict[str, list[Article]]:
    """The shared corpora as articles, per corpus, in a fixed order."""
    out: dict[str, list[Article]] = {}
    seed_files = {
        "tass": sorted((corpora / "tass").glob("*.txt")),
        "reuters": [corpora / "reuters-1987" / "reuters-1987.txt.gz"],
        "polnear": [corpora / "polnear-2016" / "polnear-2016.txt"],
    }
    for name, paths in seed_files.items():
        arts = []
        for path in paths:
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
                text = handle.read()
            arts += [a for d, t in _seed_records(text) if (a := _article(t, d))]
        out[name] = arts
    afp = []
    for path in sorted((corpora / "afp-xinhua").glob("*.txt")):
        match = _AFP_NAME.search(path.name)
        date = tuple(int(g) for g in match.groups()) if match else None
        if date and (a := _article(path.read_text(encoding="utf-8", errors="replace"), date)):
            afp.append(a)
    out["afp"] = afp
    bbc = []
    for path in sorted((corpora / "bbc-2004").glob("*/*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # the one file that is not UTF-8 would be the same article in every round
        if a := _article(text, None):
            bbc.append(a)
    out["bbc"] = bbc
    return out


def _shift(date: tuple[int, int, int], r: int) -> tuple[int, int, int]:
    years = 4 * (((r + 4) % 9) - 4)  # -16..+16 years in steps of 4: Feb 29 stays valid
    return (date[0] + years, date[1], date[2])


def _variant(arts: list[Article], i: int, r: int) -> tuple[str, tuple[int, int, int] | None]:
    a, b = arts[i], arts[(i + r) % len(arts)]
    middle = b.middle[r % len(b.middle) :] + b.middle[: r % len(b.middle)] if b.middle else []
    head = list(a.head)
    date = _shift(a.date, r) if a.date else None
    if date and r:  # a year written in the dateline paragraph moves with the header date
        head[1] = _YEAR.sub(lambda m: str(int(m.group()) + date[0] - a.date[0]), head[1], count=1)
    text = head[0] + "".join(head[1:] + middle + a.tail)
    if middle and not middle[0].startswith("\n"):
        text = head[0] + "".join(head[1:]) + "\n\n" + "".join(middle + a.tail)
    return text, date


class _DumpWriter:
    """Seed-layout dumps of about FILE_CHARS, alternately plain and gzip."""

    def __init__(self, root: Path, corpus: str) -> None:
        self.root, self.corpus = root, corpus
        self.parts: list[str] = []
        self.chars = 0
        self.files = 0

    def add(self, date: tuple[int, int, int], text: str) -> None:
        self.parts.append(f"date {date[0]:04d}-{date[1]:02d}-{date[2]:02d} {text}\n")
        self.chars += len(self.parts[-1])
        if self.chars >= FILE_CHARS:
            self.flush()

    def flush(self) -> None:
        if not self.parts:
            return
        data = "".join(self.parts).encode("utf-8")
        folder = self.root / "wire" / self.corpus
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{self.corpus}-{self.files:05d}.txt"
        if self.files % 2:
            with (
                open(folder / f"{name}.gz", "wb") as raw,
                gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as gz,
            ):
                gz.write(data)
        else:
            (folder / name).write_bytes(data)
        self.files += 1
        self.parts, self.chars = [], 0


def build_corpus(corpora: Path, raw: Path, target_chars: int) -> dict:
    """Write the scaled corpus; deterministic for a given target size."""
    sources = load_corpora(corpora)
    tmp = raw.with_name(raw.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    writers = {name: _DumpWriter(tmp, name) for name in sources if name != "bbc"}
    seen: set[bytes] = set()
    chars = articles = skipped = plain_files = 0
    r = 0
    while chars < target_chars:
        if all(r >= len(arts) for arts in sources.values()):
            raise SystemExit(f"the shared corpora cannot make {target_chars:,} distinct chars")
        active = [n for n, arts in sources.items() if r < len(arts) and (n != "bbc" or r % 3 == 0)]
        for i in range(max(len(sources[n]) for n in active)):  # corpora interleaved
            for name in active:
                arts = sources[name]
                if i >= len(arts) or chars >= target_chars:
                    continue
                text, date = _variant(arts, i, r)
                words = " ".join(_WORDS.findall(text.casefold()))
                key = hashlib.blake2b(words.encode("utf-8", "replace"), digest_size=12).digest()
                if key in seen:
                    skipped += 1
                    continue
                seen.add(key)
                if name == "bbc":
                    folder = tmp / "articles" / "bbc" / f"r{r:03d}"
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
                    plain_files += 1
                else:
                    writers[name].add(date, text)
                chars += len(text)
                articles += 1
        r += 1
    for writer in writers.values():
        writer.flush()
    stats = {
        "version": BUILD_VERSION,
        "target_chars": target_chars,
        "articles": articles,
        "duplicates_skipped": skipped,
        "rounds": r,
        "dump_files": sum(w.files for w in writers.values()),
        "plain_files": plain_files,
        "bytes_on_disk": sum(p.stat().st_size for p in tmp.rglob("*") if p.is_file()),
    }
    shutil.rmtree(raw, ignore_errors=True)
    tmp.rename(raw)
    return stats


def ensure_corpus(corpora: Path, work: Path, target_chars: int) -> dict:
    raw = work / "raw"
    stamp = work / "corpus.json"
    if stamp.exists() and raw.is_dir():
        stats = json.loads(stamp.read_text())
        if stats.get("version") == BUILD_VERSION and stats.get("target_chars") == target_chars:
            return stats
    start = time.perf_counter()
    stats = build_corpus(corpora, raw, target_chars)
    stats["build_seconds"] = round(time.perf_counter() - start, 1)
    stamp.write_text(json.dumps(stats, indent=1))
    return stats


# -- reference points ---------------------------------------------------------------------------


def io_floor(raw: Path) -> tuple[float, int]:
    """Seconds to stream every file through decompression and UTF-8 decoding; characters seen."""
    start = time.perf_counter()
    chars = 0
    for path in sorted(raw.rglob("*")):
        if not path.is_file():
            continue
        with open(path, "rb") as handle:
            stream = gzip.GzipFile(fileobj=handle) if path.suffix == ".gz" else handle
            text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
            while chunk := text.read(1 << 20):
                chars += len(chunk)
    return time.perf_counter() - start, chars


def stage_rates(raw: Path, sample_chars: int) -> dict[str, float]:
    """Per-stage characters/s on one core, on files spread evenly over the corpus."""
    import datetime as dt

    from newsquotes.config import IngestConfig
    from newsquotes.errors import InputError
    from newsquotes.metadata import parse_article
    from newsquotes.models import Reject
    from newsquotes.quotes import extract_quotes
    from newsquotes.sources import discover_sources, read_records
    from newsquotes.tables import BatchTables

    config = IngestConfig()
    sources = list(discover_sources(raw, include=config.include, exclude=config.exclude))
    total = sum(s.size for s in sources) or 1
    step = max(1, round(len(sources) / max(1, len(sources) * sample_chars / total)))
    picked = sources[::step]
    times = {"read": 0.0, "parse": 0.0, "extract": 0.0, "tables": 0.0}
    chars = 0
    tables = BatchTables("bench")
    for source in picked:
        clock = time.perf_counter()
        records = [r for r in read_records(source, config) if not isinstance(r, Reject)]
        times["read"] += time.perf_counter() - clock
        for record in records:
            chars += len(record.text)
            t0 = time.perf_counter()
            try:
                meta = parse_article(record, reference_date=dt.date(2030, 1, 1))
            except InputError:
                times["parse"] += time.perf_counter() - t0
                continue
            t1 = time.perf_counter()
            quotes = extract_quotes(meta.body)
            t2 = time.perf_counter()
            tables.add_article(record, meta, quotes)
            t3 = time.perf_counter()
            times["parse"] += t1 - t0
            times["extract"] += t2 - t1
            times["tables"] += t3 - t2
        if chars >= sample_chars:
            break
    clock = time.perf_counter()
    for builder in (tables.articles, tables.quotes):
        builder.table()
    times["tables"] += time.perf_counter() - clock
    rates = {k: chars / v if v else float("inf") for k, v in times.items()}
    rates["all"] = chars / sum(times.values())
    rates["chars"] = chars
    return rates


# -- the run ------------------------------------------------------------------------------------


@dataclass
class RunResult:
    wall: float
    returncode: int
    peak_rss: int
    peak_processes: int
    peak_pss: int
    cpu_seconds: float
    marks: dict[str, float] = field(default_factory=dict)
    summary: dict[str, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    roles: dict[str, int] = field(default_factory=dict)  # largest RSS per kind of process


_MARKS = {
    "server_starting": re.compile(r"Starting temporary server|starting a temporary Prefect server"),
    "flow_begins": re.compile(r"Beginning flow run"),
    "planned": re.compile(r"input file\(s\) to process"),
    "committing": re.compile(r"committing \d+ batch"),
    "committed": re.compile(r"committed version \d+"),
    "flow_done": re.compile(r"prefect\.flow_runs: Finished in state"),
    "nothing_changed": re.compile(r"nothing changed"),
}
_SUMMARY = {
    "files": re.compile(r"files: (\d+) found, (\d+) processed, (\d+) unchanged"),
    "articles": re.compile(
        r"articles: (\d+) stored \((\d+) duplicates\), quotes: (\d+), rejects: (\d+)"
    ),
}


def _role(member: psutil.Process) -> str:
    line = " ".join(member.cmdline())
    if "uvicorn" in line or "prefect server" in line:
        return "server"
    return "worker" if "multiprocessing" in line else "main"


def _tree_memory(proc: psutil.Process, pss: bool, roles: dict[str, int]) -> tuple[int, int, int]:
    """RSS summed over a process and all its descendants, the same for PSS (shared pages split
    between the processes sharing them; only when ``pss``), and how many processes that is.
    ``roles`` keeps the largest RSS seen per kind of process (main, server, worker)."""
    rss_total = pss_total = count = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0, 0
    for member in members:
        try:
            if pss:
                info = member.memory_full_info()
                pss_total += getattr(info, "pss", info.rss)
            else:
                info = member.memory_info()
            rss_total += info.rss
            count += 1
            role = _role(member)
            roles[role] = max(roles.get(role, 0), info.rss)
        except psutil.Error:
            continue
    return rss_total, pss_total, count


def run_ingest(raw: Path, out: Path, workers: int, env: dict[str, str]) -> RunResult:
    script = Path(sys.executable).with_name("newsquotes")  # the console script users run
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "newsquotes.cli"]
    cmd += ["-v", "ingest", str(raw), str(out)]
    cmd += ["--workers", str(workers), "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    watched = psutil.Process(proc.pid)
    peak = [0, 0, 0]
    stop = threading.Event()
    result = RunResult(0.0, 0, 0, 0, 0, 0.0)

    def sample() -> None:
        tick = 0
        while not stop.is_set():
            # PSS costs more to read: every fifth sample
            rss, pss, count = _tree_memory(watched, tick % 5 == 0, result.roles)
            peak[0] = max(peak[0], rss)
            peak[1] = max(peak[1], count)
            peak[2] = max(peak[2], pss)
            tick += 1
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stdout is not None
    for line in proc.stdout:
        now = time.perf_counter() - start
        line = line.rstrip("\n")
        if "httpx" in line:
            continue
        result.lines.append(f"{now:8.2f}  {line}")
        for name, pattern in _MARKS.items():
            if name not in result.marks and pattern.search(line):
                result.marks[name] = now
        for name, pattern in _SUMMARY.items():
            if m := pattern.search(line):
                result.summary[name] = tuple(int(g) for g in m.groups())
    result.returncode = proc.wait()
    result.wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result.peak_rss, result.peak_processes, result.peak_pss = peak
    return result


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (1 min) {five:.2f} (5 min)"


def _extractor() -> str:
    from newsquotes.quotes import compiled

    return "extractor compiled (mypyc)" if compiled() else "extractor pure Python"


def _mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def report_run(title: str, result: RunResult, chars: int, workers: int, load: str) -> None:
    m = result.marks
    wall = result.wall
    flow_begins = m.get("flow_begins", 0.0)
    planned = m.get("planned", flow_begins)
    committing = m.get("committing", planned)
    committed = m.get("committed", committing)
    processing = committing - planned
    print(f"\n== {title} ({load} before the run)")
    if result.returncode:
        print(f"   FAILED with exit code {result.returncode}; last lines:")
        print("\n".join(result.lines[-30:]))
        return
    files = result.summary.get("files", (0, 0, 0))
    arts = result.summary.get("articles", (0, 0, 0, 0))
    if "nothing_changed" in m:
        print(
            f"   files {files[0]:,} found, all unchanged: no-op run recorded, Prefect not started"
        )
        print(
            f"   wall {wall:7.1f} s, CPU {result.cpu_seconds:,.1f} s; peak RSS "
            f"{result.peak_rss / 2**20:,.0f} MiB ({result.peak_processes} process(es))"
        )
        return
    print(
        f"   files {files[0]:,} found, {files[1]:,} processed, {files[2]:,} unchanged; "
        f"{arts[0]:,} articles ({arts[1]:,} duplicates), {arts[2]:,} quotes, {arts[3]:,} rejects"
    )
    print(
        f"   wall {wall:7.1f} s = Prefect start-up {flow_begins:5.1f} s"
        f" (temporary server from {m.get('server_starting', 0.0):.1f} s)"
        f" + plan {planned - flow_begins:5.1f} s + processing {processing:7.1f} s"
        f" + writing {committed - committing:5.1f} s + shutdown {wall - committed:5.1f} s"
    )
    print(
        f"   Prefect fixed overhead (start-up + shutdown): {flow_begins + wall - committed:.1f} s"
    )
    if files[1]:
        print(
            f"   throughput end to end: {chars / wall:12,.0f} chars/s total, "
            f"{chars / wall / workers:12,.0f} per core ({workers} workers)"
        )
        print(
            f"   throughput processing: {chars / processing:12,.0f} chars/s total, "
            f"{chars / processing / workers:12,.0f} per core"
        )
        print(
            f"   articles/s end to end: {arts[0] / wall:,.0f}; processing: "
            f"{arts[0] / processing:,.0f}"
        )
    print(
        f"   CPU {result.cpu_seconds:,.1f} s over {wall:.1f} s wall = "
        f"{result.cpu_seconds / wall:.2f} cores busy on average"
    )
    print(
        f"   peak RSS of the process tree: {result.peak_rss / 2**20:,.0f} MiB "
        f"(up to {result.peak_processes} processes, sampled every 0.1 s); peak PSS "
        f"{result.peak_pss / 2**20:,.0f} MiB (shared pages counted once; every 0.5 s)"
    )
    print(
        "   largest RSS per process: "
        + ", ".join(f"{k} {v / 2**20:,.0f} MiB" for k, v in sorted(result.roles.items()))
    )


def prepare_unchanged_output(raw: Path, out: Path, env: dict[str, str]) -> int:
    """An output root whose manifest lists every input of ``raw`` as done (size, mtime; the hash
    is not looked at for unchanged files), so that a run on ``raw`` measures what the re-run of
    an unchanged corpus costs without processing the corpus first. The datasets come from a real
    run on one small file. Returns the number of inputs listed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sys.path.insert(0, str(REPO / "src"))
    from newsquotes.config import IngestConfig
    from newsquotes.sources import discover_sources
    from newsquotes.store import INPUTS_SCHEMA

    config = IngestConfig()
    sources = list(discover_sources(raw, include=config.include, exclude=config.exclude))
    seed = out.with_name(out.name + ".seed-raw")
    shutil.rmtree(seed, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    seed.mkdir(parents=True)
    shutil.copy(REPO / "data" / "raw" / "tass-seed-985124.txt", seed / "seed.txt")
    cmd = [sys.executable, "-m", "newsquotes.cli", "ingest", str(seed), str(out), "--workers", "1"]
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    shutil.rmtree(seed)
    state = json.loads((out / "_manifest" / "state.json").read_text())
    rows = [
        {
            "source_path": s.rel_path,
            "source_sha256": "0" * 64,
            "size": s.size,
            "mtime_ns": s.path.stat().st_mtime_ns,
            "run_id": state["run_id"],
            "n_records": 0,
            "n_articles": 0,
            "n_quotes": 0,
            "n_rejects": 0,
        }
        for s in sources
    ]
    table = pa.Table.from_pylist(rows, schema=INPUTS_SCHEMA)
    pq.write_table(table, out / "_manifest" / state["inputs"], compression="zstd")
    return len(rows)


def parse_size(text: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?)B?", text.strip().upper())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 100MB, 1GB)")
    return int(float(match.group(1)) * {"": 1, "K": 1e3, "M": 1e6, "G": 1e9}[match.group(2)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("100MB"))
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("NEWSQUOTES_SHARED", REPO.parent / "shared")),
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsquotes-bench"))
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument(
        "--sample",
        type=parse_size,
        default=parse_size("10MB"),
        help="characters for the one-core stage rates (default 10MB)",
    )
    parser.add_argument(
        "--api-url",
        help="run against a started Prefect server (PREFECT_API_URL) instead of a temporary one",
    )
    parser.add_argument("--keep-output", action="store_true", help="keep OUT after the runs")
    parser.add_argument(
        "--rerun-only",
        action="store_true",
        help="measure only the re-run of an unchanged corpus, against an output root whose "
        "manifest lists every input (no first run: seconds instead of half an hour at 1GB)",
    )
    parser.add_argument("--log", action="store_true", help="print the runs' log lines")
    args = parser.parse_args()

    label = f"{args.size / 1e9:g}GB" if args.size >= 1e9 else f"{args.size / 1e6:g}MB"
    work = args.work / label
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"newsquotes throughput benchmark: {label} of text, {args.workers} worker(s), "
        f"{os.cpu_count()} CPU(s), {psutil.virtual_memory().total / 2**30:.1f} GiB RAM"
    )
    print(f"python {sys.version.split()[0]}, {_extractor()}, {_load()}")

    stats = ensure_corpus(args.shared / "corpora", work, args.size)
    raw = work / "raw"
    print(
        f"\ncorpus {raw}: {stats['articles']:,} distinct articles in {stats['dump_files']:,} "
        f"dumps (.txt/.txt.gz) + {stats['plain_files']:,} one-article .txt files, "
        f"{_mb(stats['bytes_on_disk'])} on disk, {stats['rounds']} rounds"
        + (f", built in {stats['build_seconds']} s" if "build_seconds" in stats else "")
    )

    env = {
        **os.environ,
        "PREFECT_HOME": str(args.work / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
    }
    if args.api_url:
        env["PREFECT_API_URL"] = args.api_url
    if args.rerun_only:
        out = work / "out-rerun"
        listed = prepare_unchanged_output(raw, out, env)
        print(f"\nprepared {out}: manifest lists all {listed:,} inputs as done")
        for title in ("re-run, unchanged corpus", "again"):
            load = _load()
            report_run(title, run_ingest(raw, out, args.workers, env), 0, args.workers, load)
        if not args.keep_output:
            shutil.rmtree(out, ignore_errors=True)
        return 0

    load = _load()
    seconds, chars = io_floor(raw)
    print(
        f"\n== I/O floor ({load}): stream-decompress-and-decode {chars:,} chars in "
        f"{seconds:.1f} s = {chars / seconds:,.0f} chars/s on one core"
    )

    load = _load()
    rates = stage_rates(raw, args.sample)
    print(
        f"== one core, {rates['chars']:,.0f} chars sample ({load}): "
        + ", ".join(f"{k} {rates[k]:,.0f}" for k in ("read", "parse", "extract", "tables"))
        + f" chars/s; extraction alone (parse + extract) "
        f"{1 / (1 / rates['parse'] + 1 / rates['extract']):,.0f} chars/s; "
        f"all stages {rates['all']:,.0f} chars/s"
    )

    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    for title in ("first run", "re-run, unchanged corpus"):
        load = _load()
        result = run_ingest(raw, out, args.workers, env)
        report_run(title, result, chars, args.workers, load)
        if args.log:
            print("\n".join(result.lines))
        if result.returncode:
            return 1
    files = sum(1 for _ in out.glob("_store/*/*/**/*.parquet"))
    print(
        f"\noutput: {files} Parquet files, "
        f"{_mb(sum(p.stat().st_size for p in out.rglob('*.parquet')))}; {_load()} at the end"
    )
    if not args.keep_output:
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
