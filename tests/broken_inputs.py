"""A generator of broken (and hostile) inputs, each with the outcome ingest must give it.

``write_cases(root)`` writes every case under ``root`` beside a few good files and returns the
expectations; ``ingest(root, config)`` reads the whole root the way the pipeline does and reports,
per file, the records, the record-level rejects and the whole-file error. All texts here are our
own writing.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import tarfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import zstandard

from newsquotes.config import IngestConfig, SourceOverride
from newsquotes.errors import InputError
from newsquotes.models import RawRecord, Reject
from newsquotes.sources import discover_sources, read_records

ARTICLES = [
    "OSLO, March 3. /NQ/. The harbour council met on Monday, its chair said.\n\n"
    '"We will open the new pier in May," Ingrid Dahl told reporters.',
    "BERGEN, March 4. /NQ/. Ferry traffic resumed after the storm.\n\n"
    '"The crossing is safe again," the operator said in a statement.',
    "TROMSO, March 5. /NQ/. The northern lights festival drew record crowds.\n\n"
    "Organisers said ticket sales doubled compared with last year.",
]


def seed_dump(dates: tuple[str, ...] = ("2021-03-03", "2021-03-04", "2021-03-05")) -> str:
    return "\n".join(f"date {d} {text}" for d, text in zip(dates, ARTICLES, strict=False))


GOOD_SEED = seed_dump().encode()

# Small caps so bombs and over-size records are cheap to build.
TEST_CONFIG = IngestConfig(
    max_line_chars=4096,
    max_record_chars=16384,
    bomb_min_bytes=64 * 1024,
    max_compression_ratio=50,
    max_decompressed_bytes=8 * 1024 * 1024,
    sources=(SourceOverride(glob="forced/*", format="seed"),),
)


@dataclass(frozen=True)
class Expect:
    """What reading one file must give."""

    error: tuple[str, str] | None = None  # (stage, reason) of a whole-file InputError
    records: int = 0  # good records
    rejects: tuple[tuple[str, str], ...] = ()  # (stage, reason) of record/member rejects


@dataclass
class Outcome:
    records: list[RawRecord] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    error: InputError | None = None


def ingest(root: Path, config: IngestConfig = TEST_CONFIG) -> dict[str, Outcome]:
    """Read every file under ``root`` like the pipeline: a whole-file error drops its records."""
    out: dict[str, Outcome] = {}
    for source in discover_sources(root, include=config.include, exclude=config.exclude):
        outcome = Outcome()
        try:
            for item in read_records(source, config):
                (outcome.records if isinstance(item, RawRecord) else outcome.rejects).append(item)
        except InputError as err:
            outcome = Outcome(error=err)
        out[source.rel_path] = outcome
    return out


# --- builders -------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(
                zipfile.ZipInfo(name, (2021, 3, 3, 0, 0, 0)), data, compress_type=compression
            )
    return buf.getvalue()


def _tar(members: list[tarfile.TarInfo], payloads: dict[str, bytes], mode: str = "w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as archive:  # type: ignore[call-overload]
        for info in members:
            data = payloads.get(info.name)
            if data is not None:
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
            else:
                archive.addfile(info)
    return buf.getvalue()


def _regular(name: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.mtime = 1614729600
    return info


def _special(name: str, kind: bytes) -> tarfile.TarInfo:
    info = _regular(name)
    info.type = kind
    if kind == tarfile.SYMTYPE:
        info.linkname = "/etc/passwd"
    return info


def _corrupt_zip_member() -> bytes:
    data = bytearray(_zip({"story.txt": GOOD_SEED * 20}))
    offset = data.index(b"story.txt") + len("story.txt") + 40  # inside the deflate stream
    for i in range(offset, offset + 16):
        data[i] ^= 0x5A
    return bytes(data)


def _zip_bomb_declared() -> bytes:
    return _zip({"zeros.txt": b"0" * (9 * 1024 * 1024)})


def _nested_gzip(data: bytes, layers: int) -> bytes:
    for _ in range(layers):
        data = gzip.compress(data, mtime=0)
    return data


def write_cases(root: Path) -> dict[str, Expect]:
    """Write every broken case and the good files beside them; return the expectations."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    expect: dict[str, Expect] = {}

    def case(rel: str, data: bytes, outcome: Expect) -> None:
        files[rel] = data
        expect[rel] = outcome

    seed_gz = gzip.compress(GOOD_SEED * 30, mtime=0)
    # Good files: every one must be read in full whatever breaks beside it.
    case("good/multi.txt", GOOD_SEED, Expect(records=3))
    case("good/multi.txt.gz", gzip.compress(GOOD_SEED, mtime=0), Expect(records=3))
    case("good/multi.txt.bz2", bz2.compress(GOOD_SEED), Expect(records=3))
    case("good/multi.txt.xz", lzma.compress(GOOD_SEED), Expect(records=3))
    case("good/multi.txt.zst", zstandard.ZstdCompressor().compress(GOOD_SEED), Expect(records=3))
    case("good/plain.txt", b"Harbour opens\n\n" + ARTICLES[0].encode(), Expect(records=1))
    case(
        "good/export.jsonl",
        b"\n".join(json.dumps({"title": "T", "text": a}).encode() for a in ARTICLES),
        Expect(records=3),
    )
    case("good/gzip-named.txt", gzip.compress(GOOD_SEED, mtime=0), Expect(records=3))

    # 1-5: compressed data that ends early or is damaged: the whole file is refused.
    case(
        "broken/truncated.txt.gz",
        seed_gz[: len(seed_gz) // 2],
        Expect(error=("read", "truncated_gzip")),
    )
    data = bz2.compress(GOOD_SEED * 30)
    case(
        "broken/truncated.txt.bz2", data[: len(data) // 2], Expect(error=("read", "truncated_bz2"))
    )
    data = lzma.compress(GOOD_SEED * 30)
    case("broken/truncated.txt.xz", data[: len(data) // 2], Expect(error=("read", "truncated_xz")))
    data = zstandard.ZstdCompressor().compress(GOOD_SEED * 30)
    case(
        "broken/truncated.txt.zst", data[: len(data) // 2], Expect(error=("read", "truncated_zstd"))
    )
    damaged = bytearray(seed_gz)
    for i in range(30, 60):
        damaged[i] ^= 0xFF
    case("broken/corrupt.txt.gz", bytes(damaged), Expect(error=("read", "corrupt_gzip")))
    # 6: a zip member whose deflate data is damaged.
    case(
        "broken/corrupt-member.zip",
        _corrupt_zip_member(),
        Expect(error=("read", "corrupt_zip_member")),
    )
    # 7-8: zip slip and absolute member paths are refused; the good member is read.
    case(
        "hostile/slip.zip",
        _zip({"../../etc/evil.txt": GOOD_SEED, "ok.txt": GOOD_SEED}),
        Expect(records=3, rejects=(("read", "member_path_traversal"),)),
    )
    case(
        "hostile/absolute.zip",
        _zip({"/etc/evil.txt": GOOD_SEED, "ok.txt": GOOD_SEED}),
        Expect(records=3, rejects=(("read", "absolute_member_path"),)),
    )
    # 9-10: decompression bombs (ratio in a gzip; a zip member declaring a huge size).
    case(
        "hostile/bomb.txt.gz",
        gzip.compress(b"\n" * (4 * 1024 * 1024), mtime=0),
        Expect(error=("read", "decompression_bomb")),
    )
    case("hostile/bomb.zip", _zip_bomb_declared(), Expect(error=("read", "decompression_bomb")))
    # 11: a binary file with a text name.
    case(
        "broken/image.txt",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        Expect(error=("decode", "binary_file")),
    )
    # 12-13: an over-long line and an over-size record: that record is refused, others kept.
    long_line = "x" * 5000
    case(
        "broken/long-line.txt",
        seed_dump().replace("harbour council", long_line).encode(),
        Expect(records=2, rejects=(("split", "line_too_long"),)),
    )
    big = "\n".join(["A paragraph of filler text for size."] * 600)
    case(
        "broken/big-record.txt",
        seed_dump().replace("Ferry traffic", big).encode(),
        Expect(records=2, rejects=(("split", "record_too_large"),)),
    )
    # 14: an empty file.
    case("broken/empty.txt", b"", Expect(error=("read", "empty_file")))
    # 15: a file configured as seed layout that has no header.
    case(
        "forced/no-header.txt", ARTICLES[0].encode(), Expect(rejects=(("split", "no_date_header"),))
    )
    # 16: NUL-filled (a preallocated file never written).
    case("broken/nul.txt", b"\x00" * 4096, Expect(error=("decode", "nul_filled")))
    # 17: UTF-16 with a BOM and an unpaired surrogate.
    case(
        "broken/bad-utf16.txt",
        b"\xff\xfe" + "date 2021-03-03 Oslo".encode("utf-16-le") + b"\x00\xd8A\x00",
        Expect(error=("decode", "invalid_utf16")),
    )
    # 18: a plain text file named .gz.
    case("broken/not-gzip.txt.gz", GOOD_SEED, Expect(error=("read", "extension_mismatch")))
    # 19-21: JSON cut off, JSON of the wrong shape, elements that are not objects.
    full = json.dumps([{"title": "T", "text": a} for a in ARTICLES]).encode()
    case("broken/cut.json", full[: len(full) - 40], Expect(error=("split", "json_syntax_error")))
    case("broken/shape.json", b'"just a string"', Expect(error=("split", "json_wrong_shape")))
    case(
        "broken/mixed.json",
        json.dumps([{"text": ARTICLES[0]}, 42, ["x"], {"title": "no text"}]).encode(),
        Expect(
            records=1,
            rejects=(
                ("split", "json_not_object"),
                ("split", "json_not_object"),
                ("split", "missing_text_field"),
            ),
        ),
    )
    # 22-23: CSV without a text column; a row with the wrong number of cells.
    case(
        "broken/nocol.csv",
        b"label,headline\n1,Hello\n",
        Expect(error=("split", "csv_missing_column")),
    )
    case(
        "broken/badrow.csv",
        b"title,text\nA,First story here.\nB\nC,Third story.\n",
        Expect(records=2, rejects=(("split", "csv_bad_row"),)),
    )
    # 24-25: tar members that are a device file and a symlink are refused, the text is read.
    payload = {"news/ok.txt": GOOD_SEED}
    case(
        "hostile/device.tar",
        _tar([_special("dev/sda", tarfile.BLKTYPE), _regular("news/ok.txt")], payload),
        Expect(records=3, rejects=(("read", "special_member"),)),
    )
    case(
        "hostile/links.tar.gz",
        _tar([_special("passwd", tarfile.SYMTYPE), _regular("news/ok.txt")], payload, "w:gz"),
        Expect(records=3, rejects=(("read", "special_member"),)),
    )
    # 26: a tar.gz cut short.
    data = _tar([_regular("news/ok.txt")], {"news/ok.txt": GOOD_SEED * 50}, "w:gz")
    case("broken/cut.tgz", data[: len(data) // 2], Expect(error=("read", "truncated_gzip")))
    # 27-28: a header with an impossible date; prose before the first header.
    case(
        "broken/bad-date.txt",
        seed_dump(("2021-03-03", "2021-13-45", "2021-03-05")).encode(),
        Expect(records=2, rejects=(("split", "invalid_header_date"),)),
    )
    case(
        "broken/preamble.txt",
        b"Exported by a tool nobody remembers\n" + GOOD_SEED,
        Expect(records=3, rejects=(("split", "text_before_first_header"),)),
    )
    # 29: a JSON Lines file with one broken line.
    case(
        "broken/lines.jsonl",
        b'{"text": "First story."}\n{"text": "Second\n{"text": "Third story."}\n',
        Expect(records=2, rejects=(("split", "json_syntax_error"),)),
    )
    # 30: gzip in gzip in gzip in gzip: deeper than max_nesting.
    case(
        "hostile/nested.txt.gz",
        _nested_gzip(GOOD_SEED, 4),
        Expect(error=("read", "nesting_too_deep")),
    )
    # 31: wire control characters, NUL bytes and CRLF in an otherwise good file.
    case(
        "good/controls.txt",
        b"date 2021-03-03 OSLO,\x01 March 3.\r\nThe\x00 council met.\r\n",
        Expect(records=1),
    )
    # 32: a file in cp1252 (not UTF-8).
    case(
        "good/cp1252.txt",
        "date 2021-03-03 OSLO. The fee was £15.8m, the café said.".encode("cp1252"),
        Expect(records=1),
    )

    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    # 33-35: links and special files on disk.
    outside = root.parent / f"{root.name}-outside.txt"
    outside.write_bytes(GOOD_SEED)
    (root / "hostile").mkdir(exist_ok=True)
    os.symlink(outside, root / "hostile" / "escape.txt")
    expect["hostile/escape.txt"] = Expect(error=("read", "symlink_outside_root"))
    os.symlink(root / "missing.txt", root / "hostile" / "dangling.txt")
    expect["hostile/dangling.txt"] = Expect(error=("read", "broken_symlink"))
    os.symlink(root / "good" / "multi.txt", root / "hostile" / "inside-link.txt")
    expect["hostile/inside-link.txt"] = Expect(records=3)
    os.mkfifo(root / "hostile" / "pipe.txt")
    expect["hostile/pipe.txt"] = Expect(error=("read", "not_regular_file"))
    return expect
