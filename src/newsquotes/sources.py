"""Input discovery and the one reading entry point the pipeline calls.

``discover_sources`` lists the files under a raw root (recursive, sorted, include/exclude globs).
A symlink that leads outside the root, a dangling link or a special file (FIFO, device) is listed
with ``refused`` set instead of being followed, so the pipeline can quarantine it like any bad
input: ``read_records`` and ``sha256`` raise a ``ReadError`` for it.

``read_records`` streams one file: decompression, archive members, encoding, format, records. It
yields a ``Reject`` for each bad record or member and carries on; it raises an ``InputError``
when the whole file is unusable (truncated or corrupt compressed data, a bomb, a binary file), in
which case the caller must publish none of the records already yielded for that file.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from newsquotes.config import DEFAULT_CONFIG, IngestConfig
from newsquotes.errors import DecodeError, InputError, ReadError
from newsquotes.globs import selected
from newsquotes.models import RawRecord, Reject
from newsquotes.readers import choose_format, reader_for
from newsquotes.readers.base import UnitContext
from newsquotes.readers.containers import CHUNK, Budget, Unit, open_units
from newsquotes.text import StreamDecoder, decode_stream, detect_encoding

__all__ = ["SourceFile", "discover_sources", "read_records"]


@dataclass(frozen=True, slots=True, order=True)
class SourceFile:
    """One input file under the raw root."""

    rel_path: str  # '/'-separated, relative to the raw root (first: sorting is by this)
    path: Path  # absolute
    size: int
    refused: str | None = None  # reason code when the file must not be read (symlink escape ...)

    def sha256(self) -> str:
        """Hex sha256 of the file's bytes as stored, read in chunks."""
        with self._open() as fh:
            return self._sha256_of(fh)

    def _open(self) -> BinaryIO:
        self._check_readable()
        try:
            return self.path.open("rb")
        except OSError as err:
            raise self._unreadable(err) from err

    def _sha256_of(self, fh: BinaryIO) -> str:
        digest = hashlib.sha256()
        try:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        except OSError as err:
            raise self._unreadable(err) from err
        return digest.hexdigest()

    def _unreadable(self, err: OSError) -> ReadError:
        return ReadError(
            "unreadable", f"cannot read: {err.strerror or err}", source_path=self.rel_path
        )

    def _check_readable(self) -> None:
        if self.refused is not None:
            raise ReadError(
                self.refused, _REFUSALS.get(self.refused, self.refused), source_path=self.rel_path
            )


_REFUSALS = {
    "symlink_outside_root": "symbolic link leads outside the raw root",
    "broken_symlink": "symbolic link leads nowhere",
    "not_regular_file": "not a regular file (FIFO, socket or device)",
    "symlink_loop": "symbolic link loop",
    "unreadable_folder": "the folder cannot be listed (permissions?)",
}


def discover_sources(
    raw_root: Path, *, include: Sequence[str] = ("**/*",), exclude: Sequence[str] = ()
) -> list[SourceFile]:
    """Every file under ``raw_root`` selected by the globs (matched on the relative path, case
    insensitively), sorted by relative path. Folder symlinks are followed only inside the root."""
    root = Path(raw_root).resolve()
    if not root.is_dir():
        raise ReadError(
            "missing_raw_root", f"raw root is not a folder: {raw_root}", source_path=str(raw_root)
        )
    include_t, exclude_t = tuple(include), tuple(exclude)
    found: list[SourceFile] = []
    seen_dirs = {root}
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            rel = folder.relative_to(root).as_posix()
            found.append(SourceFile(rel, folder, 0, "unreadable_folder"))
            continue
        for entry in entries:
            path = Path(entry.path)
            rel = path.relative_to(root).as_posix()
            if entry.is_symlink():
                target, refusal = _resolve_link(path, root)
                if refusal is not None:
                    if selected(rel, include_t, exclude_t):
                        found.append(SourceFile(rel, path, 0, refusal))
                    continue
                assert target is not None
                if target.is_dir():
                    if target not in seen_dirs:  # a link back up would loop
                        seen_dirs.add(target)
                        pending.append(path)
                    continue
                info = target.stat()
            elif entry.is_dir(follow_symlinks=False):
                seen_dirs.add(path.resolve())
                pending.append(path)
                continue
            else:
                info = entry.stat(follow_symlinks=False)
            if not selected(rel, include_t, exclude_t):
                continue
            if not stat.S_ISREG(info.st_mode):
                found.append(SourceFile(rel, path, 0, "not_regular_file"))
            else:
                found.append(SourceFile(rel, path, info.st_size))
    found.sort()
    return found


def _resolve_link(path: Path, root: Path) -> tuple[Path | None, str | None]:
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return None, "symlink_loop"
    except OSError:
        return None, "broken_symlink"
    if not target.is_relative_to(root):
        return None, "symlink_outside_root"
    return target, None


def read_records(
    source: SourceFile, config: IngestConfig | None = None
) -> Iterator[RawRecord | Reject]:
    """Records of ``source`` (see module doc). Member-level and record-level problems are yielded
    as ``Reject``; a problem with the whole file raises an ``InputError`` subclass."""
    cfg = config or DEFAULT_CONFIG
    try:
        yield from _read(source, cfg)
    except InputError as err:
        if err.source_path is None:
            err.source_path = source.rel_path
        raise


def _read(source: SourceFile, cfg: IngestConfig) -> Iterator[RawRecord | Reject]:
    budget = Budget(cfg.max_decompressed_bytes)
    # One open for the hash and the reading; a small file is read once into memory. A news
    # article is a few kB: the system calls cost more than the text.
    with source._open() as fh:
        try:
            head = fh.read(CHUNK)
        except OSError as err:
            raise source._unreadable(err) from err
        stream: BinaryIO
        if len(head) < CHUNK:  # the whole file
            sha, stream = hashlib.sha256(head).hexdigest(), io.BytesIO(head)
        else:
            fh.seek(0)
            sha, stream = source._sha256_of(fh), fh
            fh.seek(0)
        seen = 0
        for unit in open_units(stream, source.rel_path, cfg, budget):
            seen += 1
            if isinstance(unit, Reject):
                yield replace(unit, source_path=source.rel_path)
                continue
            yield from _read_unit(unit, source, sha, cfg)
        if seen == 0:
            raise ReadError("empty_archive", "the archive holds no file to read")


def _read_unit(
    unit: Unit, source: SourceFile, sha: str, cfg: IngestConfig
) -> Iterator[RawRecord | Reject]:
    key = f"{source.rel_path}::{unit.member}" if unit.member else source.rel_path
    override = cfg.override_for(key) or (cfg.override_for(unit.member) if unit.member else None)
    sample = unit.stream.peek(cfg.sample_bytes)
    if not sample.strip():
        if unit.member is None:
            raise ReadError(
                "empty_file", "the file holds no text" if sample else "the file is empty"
            )
        yield Reject(
            "read",
            "empty_member",
            f"archive member {unit.member!r} is empty",
            source.rel_path,
            member=unit.member,
        )
        return
    try:
        encoding = (
            override.encoding
            if override and override.encoding
            else detect_encoding(sample, complete=len(sample) < cfg.sample_bytes)
        )
    except DecodeError as err:
        if unit.member is None:
            raise
        yield Reject.from_error(err, source_path=source.rel_path, member=unit.member)
        return
    decoder = StreamDecoder(encoding)
    # a decoder of its own: the sample is read again from the start, and decoding it must not
    # leave state (a cut multi-byte character) or a fall-back flag in the stream's decoder
    head = StreamDecoder(encoding).decode(sample[:65536])
    fmt = choose_format(unit.name, head, override.format if override else None)
    ctx = UnitContext(
        source_path=source.rel_path,
        source_sha256=sha,
        member=unit.member,
        decoder=decoder,
        config=cfg,
        mapping=(override.fields if override and override.fields else cfg.fields),
        csv_delimiter=override.csv_delimiter if override else None,
    )
    chunks = decode_stream(_chunks(unit), decoder)
    yield from reader_for(fmt)(chunks, ctx)


def _chunks(unit: Unit) -> Iterator[bytes]:
    while chunk := unit.stream.read(CHUNK):
        yield chunk
