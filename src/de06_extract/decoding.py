"""Stage 1b — turn input bytes into text: BOMs, UTF-8, UTF-16/32, legacy Vietnamese code pages.

`decode_bytes` never changes the text beyond decoding it (no newline translation, no
normalisation), so fact offsets refer to exactly what the file says. What it had to guess or
repair is reported as warnings (`Decoded.warnings`, pairs of code and message); what it cannot
read at all raises `DecodeError` with a code for the error record.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# File signatures of common non-text formats found next to articles.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/odt/zip)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (doc/xls)"),
    (b"\x7fELF", "ELF executable"),
)
# Control characters that never occur in text files (tab, LF, VT, FF, CR and ESC excepted).
_BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_TEXT_BYTES = bytes(b for b in range(256) if b not in _BINARY_BYTES)
_BINARY_SHARE = 0.05
_SAMPLE = 65536
# A UTF-8 file with at least this many valid multi-byte characters per broken sequence is read as UTF-8.
_REPAIR_RATIO = 4  # valid multi-byte characters per broken sequence
# Characters that only Vietnamese text in Windows-1258 produces: combining tone marks, ă đ ơ ư.
_VI_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323ăĂđĐơƠưƯ")
_VI_BASES = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """`text` with every surrogate code point (not encodable in UTF-8) replaced by U+FFFD, and how
    many; one character for one, so offsets into `text` still hold."""
    return _SURROGATE.subn("\ufffd", text)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[tuple[str, str], ...] = field(default=())


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data`; the BOM, if any, is dropped and nothing else is changed (no newline translation)."""
    decoded = _decode(data)
    if "\x00" in decoded.text:
        n = decoded.text.count("\x00")
        extra = (("nul_chars", f"{n} NUL character(s) in the text (kept, offsets count them)"),)
        return Decoded(decoded.text, decoded.encoding, decoded.warnings + extra)
    return decoded


def _decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    "decode_error", f"invalid {encoding} after its byte-order mark: {exc}"
                ) from exc
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError("binary", f"binary content ({what}), not text")
    if _looks_binary(data):
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise DecodeError("binary", "binary content (control bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    repaired = _utf8_repaired(data)
    if repaired is not None:
        return repaired
    legacy = _cp1258(data)
    if legacy is not None:
        return legacy
    return _detect_legacy(data)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if not sample:
        return False
    controls = len(sample.translate(None, _TEXT_BYTES))  # deleting text bytes leaves the controls
    return controls / len(sample) > _BINARY_SHARE


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text without a byte-order mark: NULs sit on one side of most ASCII characters."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for encoding, nuls, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls > 0.3 * half and other < 0.05 * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return Decoded(text, encoding, (("no_bom", f"read as {encoding} without a byte-order mark"),))
    return None


def _utf8_repaired(data: bytes) -> Decoded | None:
    """Mostly valid UTF-8 with a few broken bytes: decode with U+FFFD and say how many."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # replacements, not U+FFFD already there
    multibyte = sum(1 for c in text if c > "\x7f") - text.count("\ufffd")
    if multibyte < _REPAIR_RATIO * bad:
        return None
    return Decoded(text, "utf-8", (("invalid_utf8", f"{bad} invalid UTF-8 sequence(s) replaced by U+FFFD"),))


def _cp1258(data: bytes) -> Decoded | None:
    """Windows-1258 (Vietnamese, tone marks as combining characters) recognised by its marks."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if c > "\x7f"]
    if not high:
        return None
    distinctive = sum(1 for c in high if c in _VI_MARKS)
    if distinctive < 0.2 * len(high):
        return None
    marks = [i for i, c in enumerate(text) if unicodedata.combining(c)]
    if marks and sum(1 for i in marks if i > 0 and text[i - 1] in _VI_BASES) < 0.9 * len(marks):
        return None
    return Decoded(text, "cp1258")


def _detect_legacy(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("decode_error", "not valid UTF-8 and no legacy encoding fits")
    return Decoded(str(best), best.encoding, (("guessed_encoding", f"encoding guessed: {best.encoding}"),))
