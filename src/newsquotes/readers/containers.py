"""Byte layer: compressed files and archives, opened as streams and checked for hostility.

The container of a file is chosen by its magic bytes; the extension only has to agree (a file
named ``.gz`` that is not gzip data is refused, a gzip file named ``.txt`` is read as gzip).
Every decompressor is wrapped in a :class:`Guarded` stream that maps end-of-stream surprises to
``truncated_*`` errors, corrupt data to ``corrupt_*``, and stops decompression bombs (a size cap
per input file and a ratio cap) before they fill memory or disk.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import posixpath
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Protocol

import zstandard

from newsquotes.config import IngestConfig
from newsquotes.errors import ReadError
from newsquotes.globs import selected
from newsquotes.models import Reject

CHUNK = 1024 * 1024


class ByteStream(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class Counting:
    """Counts the bytes a decompressor pulls from its input (for the compression ratio)."""

    def __init__(self, raw: ByteStream) -> None:
        self._raw = raw
        self.count = 0

    def read(self, size: int = -1, /) -> bytes:
        data = self._raw.read(size)
        self.count += len(data)
        return data

    def readinto(self, buf: memoryview | bytearray) -> int:  # gzip's _PaddedFile uses read()
        data = self.read(len(buf))
        buf[: len(data)] = data
        return len(data)


class Budget:
    """Decompressed bytes allowed for one input file, all members and layers together."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def spend(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise ReadError(
                "decompression_bomb",
                f"more than {self.limit} bytes after decompression (size cap)",
            )


class Peekable:
    """A byte stream whose first bytes can be looked at before deciding how to read it."""

    def __init__(self, raw: ByteStream) -> None:
        self._raw = raw
        self._head = b""

    @property
    def raw(self) -> ByteStream:
        return self._raw

    def peek(self, size: int) -> bytes:
        while len(self._head) < size:
            more = self._raw.read(size - len(self._head))
            if not more:
                break
            self._head += more
        return self._head[:size]

    def read(self, size: int = -1, /) -> bytes:
        if self._head:
            if size < 0:
                data, self._head = self._head + self._raw.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            if len(data) < size and not self._head:
                data += self._raw.read(size - len(data))
            return data
        return self._raw.read(size)


class _Zstd:
    """Streaming zstd reader that notices truncation (zstandard's stream_reader does not)."""

    def __init__(self, raw: ByteStream) -> None:
        self._raw = raw
        self._dobj = zstandard.ZstdDecompressor().decompressobj()
        self._out = b""
        self._done = False
        self._in_frame = False

    def read(self, size: int = -1, /) -> bytes:
        want = CHUNK if size < 0 else size
        while len(self._out) < want and not self._done:
            data = self._raw.read(64 * 1024)
            if not data:
                if self._in_frame:
                    raise EOFError("zstd stream ended inside a frame")
                self._done = True
                break
            while data:
                self._in_frame = True
                self._out += self._dobj.decompress(data)
                if self._dobj.eof:  # frame complete: more frames may follow
                    self._in_frame = False
                    data = self._dobj.unused_data
                    self._dobj = zstandard.ZstdDecompressor().decompressobj()
                else:
                    data = b""
        if size < 0:
            out, self._out = self._out, b""
            return out + (self.read() if not self._done else b"")
        out, self._out = self._out[:size], self._out[size:]
        return out


_ERRORS: dict[str, tuple[type[BaseException], ...]] = {
    "gzip": (gzip.BadGzipFile, zlib.error, OSError),
    "bz2": (OSError, ValueError),
    "xz": (lzma.LZMAError, OSError),
    "zstd": (zstandard.ZstdError, OSError),
}


class Guarded:
    """Decompressed view of ``raw``: bounded by ``budget`` and a ratio, errors made specific."""

    def __init__(self, kind: str, raw: ByteStream, budget: Budget, config: IngestConfig) -> None:
        self.kind = kind
        self._input = Counting(raw)
        self._budget = budget
        self._config = config
        self._out = 0
        if kind == "gzip":
            # The decompressors live as long as this stream; the caller closes the file below.
            self._stream: ByteStream = gzip.GzipFile(fileobj=self._input, mode="rb")  # type: ignore[arg-type]
        elif kind == "bz2":
            self._stream = bz2.BZ2File(self._input)  # type: ignore[arg-type]
        elif kind == "xz":
            self._stream = lzma.LZMAFile(self._input)  # type: ignore[arg-type]  # noqa: SIM115
        else:
            self._stream = _Zstd(self._input)

    def read(self, size: int = -1, /) -> bytes:
        try:
            data = self._stream.read(size if size >= 0 else CHUNK)
        except EOFError as err:
            raise ReadError(
                f"truncated_{self.kind}", f"{self.kind} data ends before its end marker: {err}"
            ) from err
        except ReadError:  # an inner layer's verdict (bomb, truncation): it is an OSError too
            raise
        except _ERRORS[self.kind] as err:
            raise ReadError(f"corrupt_{self.kind}", f"corrupt {self.kind} data: {err}") from err
        self._out += len(data)
        self._budget.spend(len(data))
        if _over_ratio(self._out, self._input.count, self._config):
            raise ReadError(
                "decompression_bomb",
                f"{self.kind}: {self._out} bytes from {self._input.count} "
                f"(ratio over {self._config.max_compression_ratio:g})",
            )
        return data


def _over_ratio(decompressed: int, compressed: int, config: IngestConfig) -> bool:
    """Whether a stream inflates like a bomb: past the ratio cap, once its output is large enough
    to matter (small files compress well legitimately)."""
    return (
        decompressed > config.bomb_min_bytes
        and decompressed > config.max_compression_ratio * max(1, compressed)
    )


# --- container detection --------------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # empty archive
)
_EXTENSIONS: dict[str, str] = {
    ".gz": "gzip",
    ".tgz": "gzip",
    ".bz2": "bz2",
    ".tbz2": "bz2",
    ".xz": "xz",
    ".txz": "xz",
    ".zst": "zstd",
    ".zstd": "zstd",
    ".zip": "zip",
    ".tar": "tar",
}
COMPRESSED = ("gzip", "bz2", "xz", "zstd")


def container_of(head: bytes) -> str | None:
    """The container format announced by a stream's first bytes (None for plain data)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    return None


def extension_container(name: str) -> str | None:
    return _EXTENSIONS.get(posixpath.splitext(name)[1].lower())


def inner_name(name: str, kind: str) -> str:
    """``a.txt.gz`` -> ``a.txt``; ``a.tgz`` -> ``a.tar``: what a decompressed stream is called."""
    stem, ext = posixpath.splitext(name)
    ext = ext.lower()
    if ext in (".tgz", ".tbz2", ".txz"):
        return stem + ".tar"
    if _EXTENSIONS.get(ext) == kind:
        return stem
    return name


# --- units: the files inside a file ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unit:
    """One readable text file: the input itself, or a member of an archive inside it."""

    name: str  # file or member name, used for format detection
    member: str | None  # member path inside the archive, None for the input file itself
    stream: Peekable


def open_units(
    stream: ByteStream,
    name: str,
    config: IngestConfig,
    budget: Budget,
    *,
    member: str | None = None,
    depth: int = 0,
) -> Iterator[Unit | Reject]:
    """The text files in ``stream``: itself once decompressed, or each archive member."""
    peek = Peekable(stream)
    head = peek.peek(512)
    kind = container_of(head)
    claimed = extension_container(name)
    if kind is None and claimed is not None and claimed != "tar":
        raise ReadError(
            "extension_mismatch",
            f"named {posixpath.basename(name)!r} but the data is not {claimed}",
            excerpt=repr(head[:32]),
        )
    if kind is None and claimed == "tar" and head:
        raise ReadError(
            "extension_mismatch",
            f"named {posixpath.basename(name)!r} but the data is not a tar archive",
            excerpt=repr(head[:32]),
        )
    if kind is None:
        yield Unit(name, member, peek)
        return
    if depth >= config.max_nesting:
        raise ReadError(
            "nesting_too_deep", f"more than {config.max_nesting} nested compression/archive layers"
        )
    if kind in COMPRESSED:
        yield from open_units(
            Guarded(kind, peek, budget, config),
            inner_name(name, kind),
            config,
            budget,
            member=member,
            depth=depth + 1,
        )
    elif kind == "zip":
        yield from _zip_units(peek, config, budget, member, depth)
    else:
        yield from _tar_units(peek, config, budget, member, depth)


def member_problem(name: str) -> tuple[str, str] | None:
    """Why an archive member path is unsafe to treat as a path (zip slip), or None."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute_member_path", f"archive member has an absolute path: {name!r}"
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        return "member_path_traversal", f"archive member path leaves the archive: {name!r}"
    if "\x00" in name:
        return "member_path_traversal", "archive member path contains NUL"
    return None


def _joined(outer: str | None, name: str) -> str:
    return f"{outer}/{name}" if outer else name


def _zip_units(
    peek: Peekable, config: IngestConfig, budget: Budget, outer: str | None, depth: int
) -> Iterator[Unit | Reject]:
    with contextlib.ExitStack() as stack:
        fileobj = _random_access(peek, stack)
        try:
            archive = stack.enter_context(zipfile.ZipFile(fileobj))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
            raise ReadError("corrupt_zip", f"unreadable zip archive: {err}") from err
        yield from _zip_members(archive, config, budget, outer, depth)


def _random_access(peek: Peekable, stack: contextlib.ExitStack) -> IO[bytes]:
    """The stream as a seekable file: the input file itself (or its bytes, when small enough to
    be read whole), else a spooled copy (bounded by the decompression budget of the layers
    above)."""
    raw = peek.raw
    if isinstance(raw, io.BufferedReader | io.BytesIO) and raw.seekable():
        raw.seek(0)
        return raw
    spool = stack.enter_context(tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024))  # noqa: SIM115
    while chunk := peek.read(CHUNK):
        spool.write(chunk)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def _zip_members(
    archive: zipfile.ZipFile, config: IngestConfig, budget: Budget, outer: str | None, depth: int
) -> Iterator[Unit | Reject]:
    infos = archive.infolist()
    if len(infos) > config.max_archive_members:
        raise ReadError(
            "too_many_members", f"{len(infos)} members, more than {config.max_archive_members}"
        )
    for info in infos:
        if info.is_dir():
            continue
        path = _joined(outer, info.filename)
        problem = member_problem(info.filename)
        mode = info.external_attr >> 16  # Unix mode when made on Unix; 0 type bits = file
        if problem is None and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
            problem = ("special_member", f"archive member is not a regular file: {path!r}")
        if problem is None and info.flag_bits & 0x1:
            problem = ("encrypted_member", f"archive member is encrypted: {path!r}")
        if problem is not None:
            yield Reject("read", problem[0], problem[1], "", member=path)
            continue
        if not selected(info.filename, config.include, config.exclude):
            continue
        _check_declared(info, config, path)
        try:
            handle = archive.open(info)
        except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError) as err:
            raise ReadError("corrupt_zip", f"zip member {path!r}: {err}") from err
        with handle:
            yield from open_units(
                _ZipMember(handle, info, budget, config, path),
                info.filename,
                config,
                budget,
                member=path,
                depth=depth + 1,
            )


def _check_declared(info: zipfile.ZipInfo, config: IngestConfig, path: str) -> None:
    """Refuse a zip member whose declared sizes already make it a bomb, before inflating it."""
    if info.file_size > config.max_decompressed_bytes or _over_ratio(
        info.file_size, info.compress_size, config
    ):
        raise ReadError(
            "decompression_bomb",
            f"zip member {path!r} declares {info.file_size} bytes from {info.compress_size}",
        )


class _ZipMember:
    """A zip member stream with corrupt data, bad CRCs and lying size headers made ReadErrors."""

    def __init__(
        self,
        handle: IO[bytes],
        info: zipfile.ZipInfo,
        budget: Budget,
        config: IngestConfig,
        path: str,
    ) -> None:
        self._handle, self._info, self._budget = handle, info, budget
        self._config, self._path = config, path
        self._out = 0

    def read(self, size: int = -1, /) -> bytes:
        try:
            data = self._handle.read(size if size >= 0 else CHUNK)
        except EOFError as err:
            raise ReadError("truncated_zip", f"zip member {self._path!r} ends early") from err
        except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, ValueError) as err:
            raise ReadError("corrupt_zip_member", f"zip member {self._path!r}: {err}") from err
        self._out += len(data)
        self._budget.spend(len(data))
        if _over_ratio(self._out, self._info.compress_size, self._config):
            raise ReadError(
                "decompression_bomb",
                f"zip member {self._path!r} inflates past {self._config.max_compression_ratio:g}x",
            )
        return data


def _tar_units(
    peek: Peekable, config: IngestConfig, budget: Budget, outer: str | None, depth: int
) -> Iterator[Unit | Reject]:
    with contextlib.ExitStack() as stack:
        try:
            archive = stack.enter_context(tarfile.open(fileobj=peek, mode="r|"))  # type: ignore[call-overload]
        except tarfile.TarError as err:
            raise ReadError("corrupt_tar", f"unreadable tar archive: {err}") from err
        yield from _tar_members(archive, config, budget, outer, depth)


def _tar_members(
    archive: tarfile.TarFile, config: IngestConfig, budget: Budget, outer: str | None, depth: int
) -> Iterator[Unit | Reject]:
    count = 0
    while True:
        try:
            info = archive.next()
        except (tarfile.TarError, EOFError) as err:
            raise ReadError(
                "truncated_tar" if "unexpected end" in str(err) else "corrupt_tar",
                f"tar archive: {err}",
            ) from err
        if info is None:
            break
        count += 1
        if count > config.max_archive_members:
            raise ReadError("too_many_members", f"more than {config.max_archive_members} members")
        if info.isdir():
            continue
        path = _joined(outer, info.name)
        problem = member_problem(info.name)
        if problem is None and not info.isreg():
            problem = (
                "special_member",
                f"archive member is a {_tar_kind(info)}, not a regular file: {path!r}",
            )
        if problem is not None:
            yield Reject("read", problem[0], problem[1], "", member=path)
            continue
        if not selected(info.name, config.include, config.exclude):
            continue
        handle = archive.extractfile(info)
        if handle is None:  # pragma: no cover - regular members always have data
            continue
        yield from open_units(
            _TarMember(handle, info, path), info.name, config, budget, member=path, depth=depth + 1
        )


def _tar_kind(info: tarfile.TarInfo) -> str:
    if info.issym():
        return "symbolic link"
    if info.islnk():
        return "hard link"
    if info.ischr() or info.isblk():
        return "device file"
    if info.isfifo():
        return "FIFO"
    return "special file"


class _TarMember:
    """A tar member stream whose early end is a ``truncated_tar`` ReadError."""

    def __init__(self, handle: IO[bytes], info: tarfile.TarInfo, path: str) -> None:
        self._handle, self._info, self._path = handle, info, path

    def read(self, size: int = -1, /) -> bytes:
        try:
            return self._handle.read(size if size >= 0 else CHUNK)
        except (tarfile.TarError, EOFError) as err:
            raise ReadError("truncated_tar", f"tar member {self._path!r}: {err}") from err
