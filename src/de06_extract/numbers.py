"""Vietnamese number notation: "." groups thousands, "," marks decimals, scale words multiply.

`parse_number` reads one written number; `parse_amount` reads a whole amount with scale words,
stacked ("1,7 triệu tỷ" = 1.7e15) or compound ("566 tỷ 384 triệu" = 566.384e9), and optionally
spelled-out leading numbers ("hai trăm triệu"). Arithmetic is decimal, so "7,73 tỷ" is exactly
7730000000.0. The scale words recognizers use come from the `money` rule pack (`[tables] scales`);
`SCALES` here is only the default.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation

from .rulepacks import kept_regex

SCALES: dict[str, float] = {"nghìn": 1e3, "ngàn": 1e3, "ngan": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
_GROUPS3 = kept_regex(r"\d{1,3}+(?:[.,]\d{3})++")
_TOKEN = kept_regex(r"\d[\d.,]*\d|\d|\p{L}+")
# Numbers only one style writes: English "1,234.5", "1,234,567", "7.25%", "2.8 triệu"; Vietnamese
# "1.234,5", "1.234.567", "7,25%", "2,8 triệu". A lone separator before three digits ("2,500") is both.
_SCALE_AFTER = "|".join(sorted(SCALES, key=len, reverse=True))
_ENGLISH, _VIETNAMESE = (
    kept_regex(
        rf"(?<![\d.,])(?:\d{{1,3}}+(?:{g}\d{{3}})++{d}\d++|\d{{1,3}}+(?:{g}\d{{3}}){{2,}}+"
        rf"|\d++{d}(?:\d{{1,2}}|\d{{4,}}+)(?=\s*+(?:%|(?:{_SCALE_AFTER})(?!\p{{L}}))))(?![.,]?\d)"
    )
    for g, d in ((",", r"\."), (r"\.", ","))
)
_AMBIGUOUS = kept_regex(r"(?<![\d.,])\d{1,3}+,\d{3}(?![\d.,])")


def english_style(text: str) -> bool:
    """Does the text write numbers the English way more often than the Vietnamese way?"""
    return len(_ENGLISH.findall(text)) > len(_VIETNAMESE.findall(text))


def is_ambiguous(s: str) -> bool:
    """'2,500': 2.5 in Vietnamese notation, 2500 in English."""
    return "," in s and _AMBIGUOUS.search(s) is not None


def parse_decimal(s: str, english: bool = False) -> Decimal | None:
    """Like `parse_number` but exact: '7,73' → Decimal('7.73'); `english`: '2,500' → 2500."""
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
            return Decimal(s.replace(thou, "").replace(dec, "."))
        if dots > 1 or commas > 1:
            return Decimal(s.replace(".", "").replace(",", "")) if _GROUPS3.fullmatch(s) else None
        if dots == 1:
            head, tail = s.split(".")
            return Decimal(head + tail) if len(tail) == 3 else Decimal(f"{head}.{tail}")
        if commas == 1:
            head, tail = s.split(",")
            return Decimal(head + tail) if english and len(tail) == 3 else Decimal(f"{head}.{tail}")
        return Decimal(s)
    except InvalidOperation:
        return None


def parse_number(s: str) -> float | None:
    """'1.500.000' → 1500000, '58,2' → 58.2, '1.084' → 1084, '1.5' → 1.5 (English decimal).

    With both separators the last one is the decimal mark ("1.234,5", "1,234.5"); a lone "."
    followed by exactly three digits groups thousands, otherwise it is a decimal point; a lone ","
    is a decimal comma; several equal separators with three-digit groups group thousands.
    """
    value = parse_decimal(s)
    return None if value is None else float(value)


def parse_int(s: str) -> int | None:
    """An integer written with optional thousands dots ('1.084' → 1084); None if not whole."""
    value = parse_number(s)
    if value is None or value != int(value) or ("," in s):
        return None
    return int(value)


def decimal_table(values: Mapping[str, float | str]) -> dict[str, Decimal]:
    """A word table in the form `parse_amount` reads: lower-case keys, exact decimal values."""
    return {k.lower(): Decimal(str(v)) for k, v in values.items()}


_DEFAULT_SCALES = decimal_table(SCALES)


def parse_amount(
    text: str,
    scales: Mapping[str, Decimal] | None = None,
    words: Mapping[str, Decimal] | None = None,
    english: bool = False,
    tens: Collection[str] = (),
) -> float | None:
    """An amount with scale words: '1,7 triệu tỷ' → 1.7e15, '1 tỷ 200 triệu' → 1.2e9, '200' → 200.

    The text is groups of a number (digits, or a word of `words` such as 'hai'; a word of `tens`
    after one makes it tens, 'năm mươi' = 50, and a word below ten may follow a ten, 'hai mươi lăm'
    = 25, 'mười hai' = 12) followed by scale words whose product multiplies it; the groups add up. A
    compound must go down in size ('1 tỷ 200 triệu'); anything else (an unknown word, '5 triệu 2 tỷ')
    gives None. The tables come from `decimal_table`; `english` reads a lone "," before three digits
    as thousands.
    """
    table = _DEFAULT_SCALES if scales is None else scales
    spelled = words or {}
    groups: list[list[Decimal]] = []  # [number, multiplier]
    tokens = _TOKEN.findall(text)
    at = 0
    while at < len(tokens):
        tok = tokens[at]
        low = tok.lower()
        at += 1
        if tok[0].isdigit() or low in spelled:
            if tok[0].isdigit():
                number = parse_decimal(tok, english)
            else:
                number, at = _spelled(tokens, at, spelled[low], spelled, tens)
            if number is None or (groups and groups[-1][1] == 1):
                return None
            groups.append([number, Decimal(1)])
        elif low in table and groups:
            groups[-1][1] *= table[low]
        else:
            return None
    if not groups:
        return None
    total = Decimal(0)
    previous: Decimal | None = None
    for number, mult in groups:
        if previous is not None and (mult >= previous or number * mult >= previous):
            return None
        total += number * mult
        previous = mult
    return float(total)


def _spelled(
    tokens: list[str], at: int, number: Decimal, words: Mapping[str, Decimal], tens: Collection[str]
) -> tuple[Decimal, int]:
    """A spelled number whose first word (worth `number`) ends before `tokens[at]`: 'năm mươi' = 50,
    'hai mươi lăm' = 25, 'mười hai' = 12; the value and the index after it."""
    digit = number == number.to_integral_value() and 0 < number < 10
    if digit and at < len(tokens) and tokens[at].lower() in tens:
        number, at = number * 10, at + 1
    elif number != 10:
        return number, at
    unit = words.get(tokens[at].lower()) if at < len(tokens) else None
    if unit is not None and unit == unit.to_integral_value() and 0 < unit < 10:
        return number + unit, at + 1
    return number, at
