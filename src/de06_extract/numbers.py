"""Vietnamese number notation: "." groups thousands, "," marks decimals, scale words multiply."""

from __future__ import annotations

import regex

SCALES: dict[str, float] = {"nghìn": 1e3, "ngàn": 1e3, "ngan": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
_GROUPS3 = regex.compile(r"\d{1,3}+(?:[.,]\d{3})++")


def parse_number(s: str) -> float | None:
    """'1.500.000' → 1500000, '58,2' → 58.2, '1.084' → 1084, '1.5' → 1.5 (English decimal).

    With both separators the last one is the decimal mark ("1.234,5", "1,234.5"); a lone "."
    followed by exactly three digits groups thousands, otherwise it is a decimal point; a lone ","
    is a decimal comma; several equal separators with three-digit groups group thousands.
    """
    s = s.strip()
    if not s or not s[0].isdigit() or not s[-1].isdigit():
        return None
    dots, commas = s.count("."), s.count(",")
    try:
        if dots and commas:
            dec = "," if s.rfind(",") > s.rfind(".") else "."
            thou = "." if dec == "," else ","
            if s.count(dec) > 1:
                return None
            return float(s.replace(thou, "").replace(dec, "."))
        if dots > 1 or commas > 1:
            return float(s.replace(".", "").replace(",", "")) if _GROUPS3.fullmatch(s) else None
        if dots == 1:
            head, tail = s.split(".")
            return float(head + tail) if len(tail) == 3 else float(f"{head}.{tail}")
        if commas == 1:
            return float(s.replace(",", "."))
        return float(s)
    except ValueError:
        return None


def parse_int(s: str) -> int | None:
    """An integer written with optional thousands dots ('1.084' → 1084); None if not whole."""
    value = parse_number(s)
    if value is None or value != int(value) or ("," in s):
        return None
    return int(value)


def scale_of(words: str) -> float:
    """Product of the scale words in `words` ('triệu tỷ' → 1e15); 1 when there are none."""
    factor = 1.0
    for w in words.lower().split():
        factor *= SCALES.get(w, 1.0)
    return factor
