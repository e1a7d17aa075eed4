"""Stage 1b — turn input bytes into text: BOMs, UTF-8, UTF-16/32, legacy Vietnamese code pages."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters that never occur in text files (tab, LF, VT, FF, CR and ESC excepted).
_BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_BINARY_SHARE = 0.05


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data`; the BOM, if any, is dropped and nothing else is changed (no newline translation)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError("decode_error", f"invalid {encoding} after its byte-order mark: {exc}") from exc
    if _looks_binary(data):
        raise DecodeError("binary", "binary content (control bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect_legacy(data)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    controls = sum(1 for b in sample if b in _BINARY_BYTES)
    return controls / len(sample) > _BINARY_SHARE


def _detect_legacy(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("decode_error", "not valid UTF-8 and no legacy encoding fits")
    return Decoded(str(best), best.encoding)
