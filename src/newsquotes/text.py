"""Text hygiene: decide a file's encoding, decode it as a stream, and normalize record text.

Speed matters (ingest must not be the bottleneck of a > 2M chars/s pipeline), so every step has a
cheap test first: pure-ASCII text skips Unicode work, and ftfy's mojibake repair only runs when
the text contains a mojibake marker (a UTF-8 lead byte read as cp1252 followed by a continuation
byte read the same way, such as ``Ã©`` or ``â€™``).
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ftfy

from newsquotes.errors import DecodeError

# --- encoding detection ---------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Single-byte encodings we accept when a file is not UTF-8; charset-normalizer picks among them.
LEGACY_ENCODINGS: tuple[str, ...] = ("cp1252", "cp1251", "cp1250", "koi8_r", "iso8859_2")

_BINARY_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"%PDF",
    b"\x7fELF",
    b"\xff\xd8\xff",
    b"GIF8",
    b"MZ",
    b"\xca\xfe\xba\xbe",
    b"SQLite format 3",
    b"PAR1",
    b"ORC",
    b"Obj\x01",
    b"\xd0\xcf\x11\xe0",
)
# C0 controls that do not occur in text files (tab, newline, CR, FF, VT and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


def detect_encoding(sample: bytes, *, complete: bool) -> str:
    """Name the encoding of a file from its first bytes; raise DecodeError for binary data.

    ``complete`` says the sample is the whole file (no multi-byte character cut off at its end).
    The returned name is a Python codec; ``utf-8`` files are decoded with :data:`UTF8_FALLBACK`
    so a stray cp1252 byte past the sample does not abort a run.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if not sample:
        return "utf-8"
    if sample.startswith(_BINARY_MAGIC):
        raise DecodeError(
            "binary_file",
            "file starts with the signature of a binary format",
            excerpt=repr(sample[:16]),
        )
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    nuls = sample.count(0)
    if nuls * 2 >= len(sample):
        raise DecodeError(
            "nul_filled",
            f"{nuls} of the first {len(sample)} bytes are NUL",
            excerpt=repr(sample[:16]),
        )
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls * 10 > len(sample):
        raise DecodeError(
            "binary_file",
            f"{controls} control bytes in the first {len(sample)}",
            excerpt=repr(sample[:16]),
        )
    if sample.isascii():
        return "utf-8"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
    except UnicodeDecodeError:
        return _legacy_encoding(sample)
    return "utf-8"


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte (for Latin text)."""
    if len(sample) < 4:
        return None
    head = sample[:4096]
    if 0 not in head:  # the common case, decided without slicing
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) * 10 >= len(odd) * 9 and even.count(0) * 10 < len(even):
        return "utf-16-le"
    if even.count(0) * 10 >= len(even) * 9 and odd.count(0) * 10 < len(odd):
        return "utf-16-be"
    return None


# How much more chaos than the best page cp1252 may show and still be chosen (see below).
_CP1252_MARGIN = 0.1


def _legacy_encoding(sample: bytes) -> str:
    """The most plausible legacy code page. cp1252 wins unless another page reads the sample
    clearly better: charset-normalizer rates cp1250 like cp1252 on English with a '£' or curly
    quotes, where both decode the same bytes to nearly the same text."""
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay its import

    names = {codecs.lookup(n).name: n for n in LEGACY_ENCODINGS}
    chaos: dict[str, float] = {}
    for match in from_bytes(sample[:65536], cp_isolation=list(LEGACY_ENCODINGS)):
        for candidate in {match.encoding, *match.could_be_from_charset}:  # same decoding
            name = names.get(codecs.lookup(candidate).name)
            if name is not None:
                chaos[name] = min(chaos.get(name, 1.0), match.chaos)
    if not chaos:
        return "cp1252"
    best = min(chaos, key=lambda n: (chaos[n], LEGACY_ENCODINGS.index(n)))
    if "cp1252" in chaos and chaos["cp1252"] <= chaos[best] + _CP1252_MARGIN:
        return "cp1252"
    return best


# --- streaming decode -----------------------------------------------------------------------------

UTF8_FALLBACK = "newsquotes-cp1252"


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not valid UTF-8 as cp1252 (latin-1 for its five unused bytes)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    text = bad.decode("cp1252") if _cp1252_ok(bad) else bad.decode("latin-1")
    return text, err.end


def _cp1252_ok(data: bytes) -> bool:
    return not any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data)


codecs.register_error(UTF8_FALLBACK, _cp1252_fallback)


class StreamDecoder:
    """Decode a stream of byte chunks with one encoding; remembers if a fallback was needed."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.fell_back = False
        codec = codecs.lookup(encoding).name
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        # UTF-8 switches to this decoder at the first invalid byte (strict is faster until then)
        self._lenient = (
            codecs.getincrementaldecoder("utf-8")(errors=UTF8_FALLBACK)
            if codec == "utf-8"
            else None
        )
        self._cp1252 = codec == "cp1252"

    @property
    def label(self) -> str:
        """Encoding name for provenance: ``utf-8+cp1252`` once stray bytes were decoded."""
        return "utf-8+cp1252" if self.fell_back else self.encoding

    def decode(self, chunk: bytes, *, final: bool = False) -> str:
        """Text of the next chunk; raise :class:`DecodeError` for bytes invalid in the encoding."""
        if self._lenient is not None:
            if not self.fell_back:
                state = self._decoder.getstate()
                try:
                    return self._decoder.decode(chunk, final)
                except UnicodeDecodeError:
                    self.fell_back = True
                    self._lenient.setstate(state)
            return self._lenient.decode(chunk, final)
        try:
            return self._decoder.decode(chunk, final)
        except UnicodeDecodeError as err:
            if self._cp1252:  # five bytes are undefined in cp1252: keep them as latin-1
                self.fell_back = True
                return chunk.decode("cp1252", errors=UTF8_FALLBACK)
            raise DecodeError(
                f"invalid_{_short(self.encoding)}",
                f"bytes are not valid {self.encoding}: {err.reason} at offset {err.start}",
                excerpt=repr(err.object[max(0, err.start - 8) : err.end + 8]),
            ) from err


def _short(encoding: str) -> str:
    return codecs.lookup(encoding).name.replace("-", "").replace("_", "")


def decode_stream(chunks: Iterable[bytes], decoder: StreamDecoder) -> Iterator[str]:
    """Text chunks of a byte stream, with CRLF and lone CR turned into ``\\n``."""
    pending_cr = False
    for chunk in chunks:
        text = decoder.decode(chunk)
        if pending_cr:
            text = "\r" + text
            pending_cr = False
        if "\r" in text:
            if text.endswith("\r"):  # its \n may start the next chunk
                text = text[:-1]
                pending_cr = True
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text:
            yield text
    tail = decoder.decode(b"", final=True)
    if pending_cr:
        tail = "\r" + tail
    tail = tail.replace("\r\n", "\n").replace("\r", "\n")
    if tail:
        yield tail


@dataclass(frozen=True, slots=True)
class Overlong:
    """Stands for a line longer than the cap; only its length is kept (memory stays bounded)."""

    length: int
    head: str


def iter_lines(chunks: Iterable[str], max_chars: int) -> Iterator[str | Overlong]:
    """Lines of a text stream, each with its final ``\\n``; lines over ``max_chars`` become
    :class:`Overlong` markers (the text of such a line is never held in memory whole)."""
    for run in iter_line_runs(chunks, max_chars):
        if isinstance(run, Overlong):
            yield run
        else:
            yield from split_lines(run)


def split_lines(run: str) -> list[str]:
    """The lines of ``run``, each with its ``\\n`` (only ``\\n`` ends a line, unlike
    ``str.splitlines``)."""
    lines = run.split("\n")
    last = lines.pop()
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def first_lines(text: str, count: int) -> str:
    """The first ``count`` lines of ``text``, each with its ``\\n`` (all of it if it has fewer)."""
    end = -1
    for _ in range(count):
        end = text.find("\n", end + 1)
        if end == -1:
            return text
    return text[: end + 1]


def iter_line_runs(chunks: Iterable[str], max_chars: int) -> Iterator[str | Overlong]:
    """:func:`iter_lines` in bulk: consecutive lines within the cap come joined in one string (a
    run of whole lines, as long as a chunk allows), so a reader can scan them with one regex
    instead of a Python step per line. Split into lines, the runs are exactly ``iter_lines``."""
    buf = ""  # the start of a line cut by the end of the previous chunk
    skipping: Overlong | None = None
    for chunk in chunks:
        start = 0
        if skipping is not None:
            nl = chunk.find("\n")
            if nl == -1:
                skipping = Overlong(skipping.length + len(chunk), skipping.head)
                continue
            yield Overlong(skipping.length + nl + 1, skipping.head)
            skipping = None
            start = nl + 1
        if buf:
            nl = chunk.find("\n", start)
            if nl == -1:
                buf += chunk[start:]
                if len(buf) > max_chars:
                    skipping, buf = Overlong(len(buf), buf[:200]), ""
                continue
            line = buf + chunk[start : nl + 1]
            buf = ""
            start = nl + 1
            if len(line) > max_chars:
                yield Overlong(len(line), line[:200])
            else:
                yield line
        end = chunk.rfind("\n", start) + 1 or start  # chunk[start:end]: whole lines
        if end > start:
            yield from _whole_line_runs(chunk, start, end, max_chars)
        last = chunk[end:]
        if len(last) > max_chars:
            skipping = Overlong(len(last), last[:200])
        else:
            buf = last
    if skipping is not None:
        yield skipping
    elif buf:
        yield buf


def _whole_line_runs(text: str, start: int, end: int, max_chars: int) -> Iterator[str | Overlong]:
    """``text[start:end]`` (whole lines) as runs of lines within the cap and Overlong markers."""
    run_start = pos = start
    while pos < end:
        # the line at pos is within the cap if a newline ends it within max_chars characters;
        # the last newline in that window ends a run of such lines, so jump there
        nl = text.rfind("\n", pos, min(pos + max_chars, end))
        if nl != -1:
            pos = nl + 1
            continue
        if pos > run_start:
            yield text[run_start:pos]
        nl = text.find("\n", pos, end)
        yield Overlong(nl + 1 - pos, text[pos : min(nl, pos + 200)])
        pos = run_start = nl + 1
    if end > run_start:
        yield text[run_start:end]


# --- normalization --------------------------------------------------------------------------------

# A mojibake marker (see the module doc). Written as one leading character class with the second
# character checked after a look back at the first, so the regex engine scans for the class in C
# (several times faster than trying three alternatives at every position); same matches as
# "[lead][second]|[C1 control]|[cyrillic lead][second]".
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4\u0080-\u009f\u0420\u0421]"
    "(?:"
    "(?<=[\u00c2-\u00f4])[\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]"
    # C1 controls: cp1252 punctuation decoded as latin-1 (EU\x92s for EU's)
    "|(?<=[\u0080-\u009f])"
    # UTF-8 Cyrillic read as cp1251 ('Ð¿' and friends read as cp1252 are caught above)
    "|(?<=[\u0420\u0421])[\u0402-\u045f\u2018-\u203a\u00a0-\u00bf]"
    ")"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# AG News turned the '&' of its entities into a space: 'the  #36;10 million', 'doesn #39;t',
# 'said  quot;Yes, quot; he': that space goes with the debris.
_ENTITY_DEBRIS = re.compile(r"(?: |(?<![&\w#]))(?:#([0-9]{2,4});|(quot|amp|lt|gt|apos|nbsp);)")
_DEBRIS_NAMES = {"quot": '"', "amp": "&", "lt": "<", "gt": ">", "apos": "'", "nbsp": " "}
# Controls dropped outright (NUL, wire-format SOH/STX/ETX ..., DEL); \t and \n are kept.
_DROP = dict.fromkeys([*range(0, 9), *range(14, 32), 0x7F, 0xFEFF, 0x200B], None)
# Characters that only stand for a line or paragraph break, or for a space.
_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x0D: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n\n"}
_SPACES = dict.fromkeys([0xA0, 0x2007, 0x202F], " ")
_TABLE = {**_DROP, **_BREAKS, **_SPACES}
# The characters _TABLE maps, as a regex class: most records hold none of them, and a scan for
# the class is far cheaper than str.translate with a dict (a dict lookup per character).
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")
_REPLACEMENTS = {chr(c): "" if out is None else out for c, out in _TABLE.items()}
_DROPPED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROP)) + "]")
# The ASCII characters _TABLE maps, as bytes to delete: pure-ASCII records are checked this way.
_ASCII_TRANSLATED = bytes(c for c in _TABLE if c < 0x80)
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


# A mojibake lead followed by a spacing accent that a compatibility normalization (NFKD/NFKC)
# split into space + combining mark: 'SÃ©golÃ ̈ne' was 'SÃ©golÃ¨ne' (Ségolène).
_SPLIT_ACCENT = re.compile("([\u00c2-\u00f4]) ([\u0308\u0304\u0301\u0327])")
_SPACING = {"\u0308": "\u00a8", "\u0304": "\u00af", "\u0301": "\u00b4", "\u0327": "\u00b8"}
_TOKEN = re.compile(r"\S+")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252/latin-1 (once or twice) with ftfy, line by line, then word by
    word where a line mixes mojibake with characters that cannot be re-encoded (curly quotes)."""
    text = _SPLIT_ACCENT.sub(lambda m: m.group(1) + _SPACING[m.group(2)], text)
    fixed = ftfy.fix_text(text, _FTFY)
    if _MOJIBAKE.search(fixed):
        fixed = _TOKEN.sub(_fix_token, fixed)
    return fixed


def _fix_token(match: re.Match[str]) -> str:
    token = match.group(0)
    return ftfy.fix_text(token, _FTFY) if _MOJIBAKE.search(token) else token


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    repaired: bool  # characters changed (mojibake, entities, controls), not just line breaks


def normalize_text(text: str) -> CleanText:
    """Repair and normalize one record's text (see module doc); NFC, ``\\n`` newlines."""
    repaired = False
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    ascii_only = text.isascii()
    nfc = text  # a text known to be NFC: no need to check it again at the end
    if not ascii_only:
        # NFC first: decomposed mojibake ('A' + U+0303 for 'Ã') must look like its markers.
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        nfc = text
        if _MOJIBAKE.search(text):
            fixed = repair_mojibake(text)
            repaired = fixed != text
            text = fixed
    if _TRANSLATED.search(text) if not ascii_only else _has_ascii_translated(text):
        dropped = _DROPPED.search(text) is not None  # not only breaks and spaces turned ASCII
        text = _translate(text)
        repaired = repaired or dropped
        # a dropped control may have stood inside a mojibake pair ('Â\x1f\x80'): without
        # this second look the result would still change when normalized again
        if dropped and not ascii_only and _MOJIBAKE.search(text):
            text = repair_mojibake(text)
    if "&" in text or ";" in text:
        fixed = _fix_entities(text)
        if fixed != text:
            repaired = True
            text = fixed
    if (
        (repaired or not ascii_only)
        and text is not nfc
        and not unicodedata.is_normalized("NFC", text)
    ):
        text = unicodedata.normalize("NFC", text)
    return CleanText(text, repaired)


def _has_ascii_translated(text: str) -> bool:
    """Whether pure-ASCII ``text`` holds a character _TABLE maps (a byte deletion in C)."""
    data = text.encode("ascii")
    return len(data.translate(None, _ASCII_TRANSLATED)) != len(data)


def _translate(text: str) -> str:
    """``text.translate(_TABLE)``: one replace per distinct character found (the outputs are
    never characters _TABLE maps, so the order does not matter)."""
    for char in set(_TRANSLATED.findall(text)):
        text = text.replace(char, _REPLACEMENTS[char])
    return text


def _fix_entities(text: str) -> str:
    if "&" in text:
        text = _ENTITY.sub(_unescape, text)
    if "#" in text or "quot;" in text or "amp;" in text:
        text = _ENTITY_DEBRIS.sub(_debris, text)
    return text


def _unescape(match: re.Match[str]) -> str:
    out = html.unescape(match.group(0))
    return out.translate(_TABLE) if len(out) == 1 else out


def _debris(match: re.Match[str]) -> str:
    if match.group(2):
        return _DEBRIS_NAMES[match.group(2)]
    code = int(match.group(1))
    return chr(code) if 32 <= code < 0xD800 and code != 0x7F else match.group(0)
