"""Document recognizer: numbered references to laws, decrees, resolutions, official letters.

Everything Vietnamese lives in `patterns/document.toml` (type words, symbol codes, precision rules)
and `patterns/issuers.toml` (issuer abbreviations); this module reads a match's groups:

- `type` the type word as written (absent for a bare symbol), `so` the word "số" if written,
  `num` the number, `sym` the symbol after the number ("2023/NĐ-CP", "TB-VPCP", "NQ/TW").
- The symbol is split into an optional year, a type code (`state_codes` / `party_codes`) and issuer
  abbreviations resolved through the issuers pack.
- The issue date is an adjacent "ngày d/m/yyyy" read with the date pack's own patterns; a
  malformed one ("ngày 6/112024") is dropped with a warning and the document kept.
- `key` is `<type-slug>:<number>[<sep><symbol>]` in lower-case ASCII ("nghi-quyet:57-nq/tw",
  "nghi-dinh:13/2023/nd-cp", "chi-thi:18"); within one article a mention without a symbol takes
  the key of the only fuller mention it can be ("Nghị quyết 57" → "nghi-quyet:57-nq/tw",
  "văn bản 452" → "cong-van:452" beside "Công văn 452").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import regex
from pydantic import Field

from ..dates import from_groups
from ..document import Doc
from ..normalize import fold
from ..rulepacks import CompiledPattern, RulePack, RulePackError, Settings, lexicon_alternation
from .base import Candidate, Recognizer, handles
from .services import Services

_YEAR = regex.compile(r"\d{4}")
_SPACES = regex.compile(r"\s+")


def type_slug(doc_type: str) -> str:
    """'Nghị quyết' → 'nghi-quyet'."""
    return "-".join(fold(doc_type).split())


def number_key(number: str) -> str:
    """'06' → '6', '30a' → '30a': leading zeros do not change the document."""
    digits = number.lstrip("0")
    return (digits if digits[:1].isdigit() else "0" + digits).lower()


def document_key(doc_type: str, number: str, symbol: str | None, party: bool = False) -> str:
    """The canonical identity of a document mention (scheme in the README, "The key")."""
    key = f"{type_slug(doc_type)}:{number_key(number)}"
    if symbol:
        key += ("-" if party else "/") + fold(symbol).replace(" ", "").replace(".", "-")
    return key


class IssuerTable:
    """Issuer abbreviations → names, from the issuers pack (exact, then any case, then ASCII-folded)."""

    def __init__(self, pack: RulePack) -> None:
        codes = pack.table("codes")
        self.exact = dict(codes)
        self.upper = {k.upper(): v for k, v in codes.items()}
        self.folded = {fold(k): v for k, v in codes.items()}
        self.roman = pack.table("legislatures")
        self.templates: list[tuple[regex.Pattern[str], str]] = []
        for template, name in pack.table("templates").items():
            parts = [regex.escape(p) for p in template.split("{n}")]
            self.templates.append((regex.compile(r"(\d{1,3})".join(parts), regex.IGNORECASE), name))

    def __contains__(self, code: str) -> bool:
        return self.get(code) is not None

    def get(self, code: str) -> str | None:
        name = self.exact.get(code) or self.upper.get(code.upper()) or self.folded.get(fold(code))
        if name:
            return name
        for pattern, template in self.templates:
            if m := pattern.fullmatch(code):
                return template.replace("{N}", self.roman.get(str(int(m.group(1))), m.group(1)))
        return None


@dataclass
class Symbol:
    """A parsed symbol: its year, type code (and the type it names) and issuer abbreviations."""

    text: str
    party: bool
    year: int | None = None
    code: str | None = None
    code_type: str | None = None
    issuers: tuple[str, ...] = ()

    @property
    def year_only(self) -> bool:
        return self.code is None and not self.issuers


class DocumentSettings(Settings):
    typeless_type: str = Field(description="Type of a symbol with no type code and no year ('3581/UBND-KT').")
    joint_codes: list[str] = Field(
        default_factory=list, description="Codes whose symbol names several issuers."
    )
    issued_patterns: list[str] = Field(description="Date-pack patterns that read the adjacent issue date.")
    malformed_pattern: str = Field(description="The date-pack pattern that spots a malformed issue date.")
    score_bare_number: float = Field(ge=0, le=1, description="A type word with a bare number.")
    score_typeless_bare_symbol: float = Field(ge=0, le=1, description="A bare symbol of the typeless form.")
    issued_before_window: int = Field(
        gt=0, description="Characters before a reference searched for an issue date opening its clause."
    )
    owner_year_window: int = Field(
        gt=0, description="Characters after a bare number searched for 'của <issuer> năm YYYY'."
    )


@dataclass
class _Scratch:
    """One article's state: the mentions found, the issue date read at each end position."""

    doc: Doc
    found: list[tuple[Candidate, Symbol | None]] = field(default_factory=list)
    issued_at: dict[int, str | None] = field(default_factory=dict)  # one reading (and warning) per end


class DocumentRecognizer(Recognizer):
    kind = "document"
    settings_model = DocumentSettings
    settings: DocumentSettings
    needs = ("date", "issuers")

    def __init__(self, pack: RulePack, services: Services) -> None:
        super().__init__(pack, services)
        s = self.settings
        self.canonical = {w.lower(): w for w in pack.lexicon("types")}
        self.canonical.update({k.lower(): v for k, v in pack.table("type_aliases").items()})
        self.programme = {w.lower() for w in pack.lexicon("programme_types")}
        self.year_free = {w.lower() for w in pack.lexicon("year_free_types")}
        named = pack.lexicon("named_types")
        self.abbreviated: dict[str, tuple[str, str]] = {}  # "BLHS" -> ("Bộ luật", "Hình sự")
        for abbr in pack.lexicon("law_abbreviations"):
            full = pack.table("law_names").get(abbr, "")
            types = [t for t in named if full.lower().startswith(t.lower() + " ")]
            if not types:
                raise RulePackError(
                    f"{pack.path}: law_names: {abbr!r} has no spelled-out form opening with a named type"
                )
            doc_type = max(types, key=len)
            self.abbreviated[abbr] = doc_type, full[len(doc_type) + 1 :]
        self.weak = {w.lower() for w in pack.lexicon("weak_types")}
        self.generic = {w.lower() for w in pack.lexicon("generic_types")}
        self.state_codes = _case_table(pack.table("state_codes"))
        self.party_codes = _case_table(pack.table("party_codes"))
        self.joint = {fold(c).upper() for c in s.joint_codes}
        self.typeless_type = s.typeless_type
        self.score_bare_number = s.score_bare_number
        self.score_typeless = s.score_typeless_bare_symbol
        self.issuers = IssuerTable(services.packs["issuers"])
        date_pack = services.packs["date"]
        try:
            self.issued_patterns = [date_pack.pattern(n) for n in s.issued_patterns]
            self.malformed = date_pack.pattern(s.malformed_pattern)
        except KeyError as exc:
            raise RulePackError(f"{pack.path}: [settings]: {exc.args[0]}") from exc
        self.issued_lead = pack.compile("{issued_lead}")
        self.issued_before = pack.compile("{issued_before}")
        self.owner_year = pack.compile("{owner_year}")
        self.shared_symbol = pack.compile("{shared_symbol}")
        self.count_after = pack.compile(
            r"\G{sp}*+(?:"
            + lexicon_alternation(pack.lexicon("count_words"))
            + r"(?![\p{L}\p{N}])(?!{sp}++\d)|%|(?:{partitive_words}){sp}++\d)"
        )
        self.type_after = pack.compile(r"\G{sp}++{type_word}")
        self.digit_after = pack.compile(r"\G{sp}++\d")
        self.treaty_before = pack.word_before("treaty_words", r"(?:{sp}+\p{L}+){0,6}?{sp}+về{sp}+")
        self.other_before = pack.compile(
            r"(?r)(?<![\p{L}])(?-i:(?=\p{Lu}))"
            + lexicon_alternation(pack.lexicon("other_types") + pack.lexicon("qualified_types"))
            + r"(?:{sp}++[\p{L}]++){0,3}?(?:{sp}++số)?{sp}*+$"
        )

    def recognize(self, doc: Doc) -> list[Candidate]:
        scratch = _Scratch(doc)
        out = [c for pattern, m in self.matches(doc) for c in self.handle(scratch, pattern, m)]
        generic = {type_slug(t) for t in self.generic}
        _assign_keys(scratch.found, generic, self._typeless_letter, self.typeless_type)
        return out

    # -- one match → one mention (keys are assigned once all are known) ------------------------------

    @handles("named_year")
    def _named_year(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """'Luật Đất đai 2024', 'Bộ luật hình sự năm 1999': no number; the name and year make the key
        ('luat:dat-dai/2024'); none after a treaty's "... về" ('Công ước ... về Luật Biển năm 1982')."""
        if self.treaty_before.search(scratch.doc.text, max(0, m.start() - 80), m.start()):
            return
        name = " ".join(m["name"].split())
        doc_type = self.canonical.get(_SPACES.sub(" ", m["type"]).lower(), m["type"])
        yield _law(doc_type, name, m, pattern)

    @handles("abbreviated_law")
    def _abbreviated_law(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        """'BLHS 2015': the pack's spelled-out type and name, keyed like 'Bộ luật Hình sự 2015'."""
        doc_type, name = self.abbreviated[_SPACES.sub(" ", m["abbr"])]
        yield _law(doc_type, name, m, pattern)

    @handles("typed", "named", "bare_symbol")
    def _mention(
        self, scratch: _Scratch, m: regex.Match[str], pattern: CompiledPattern
    ) -> Iterator[Candidate]:
        made = self._candidate(scratch, pattern, m)
        if made is not None:
            scratch.found.append(made)
            yield made[0]

    def _candidate(
        self, scratch: _Scratch, pattern: CompiledPattern, m: regex.Match[str]
    ) -> tuple[Candidate, Symbol | None] | None:
        doc, issued_at = scratch.doc, scratch.issued_at
        groups = m.groupdict()
        number = groups["num"]
        written = groups.get("type")
        sym = self._parse_symbol(m) if groups.get("sym") else None
        word = _SPACES.sub(" ", written or "").lower()  # the type as written ("" for a bare symbol)
        score, end = pattern.score, m.end()
        if groups.get("nam") and word in self.year_free:
            sym, end = None, m.end("num")  # "Đề án 06 năm 2024": the year is not the document's
        if sym is None and written is not None and (shared := self.shared_symbol.match(doc.text, end)):
            sym = self._parse_symbol(shared)  # "quyết định 106, 107/QĐ-TTg": 106 has the list's symbol
        if written is None:  # bare symbol: the code must say what it is
            if sym is None or self.other_before.search(doc.text, max(0, m.start() - 60), m.start()):
                return None
            if sym.code_type:
                doc_type = sym.code_type
            elif self._typeless_letter(sym):
                doc_type, score = self.typeless_type, self.score_typeless
            else:
                return None
        else:
            doc_type = self.canonical.get(word, written)
            low = doc_type.lower()
            if not groups.get("so") and (sym is None or sym.year_only):
                if not self._bare_ok(doc, end, low, written, number):
                    return None
                if sym is None and not groups.get("nam"):  # a year keeps the score (over a date or
                    score = self.score_bare_number  # label): "Nghị định 71 năm 2010", "Văn bản 2103/2009"
            if low in self.generic and sym is not None and sym.code_type:
                doc_type = sym.code_type
        if end not in issued_at:
            issued_at[end] = self._issued(doc, end) or self._issued_before(doc, m.start())
        fields: dict[str, object] = {
            "doc_type": doc_type,
            "number": number,
            "symbol": sym.text if sym else None,
            "year": sym.year if sym else None,
            "issuer": self._issuer(sym) if sym else None,
            "issued": issued_at[end],
        }
        if name := groups.get("name"):  # "Luật Đất đai số 45/2013/QH13": the law's stated name
            fields["name"] = " ".join(name.split())
        cand = Candidate("document", m.start(), end, score, pattern.name, fields, pattern.explanation)
        if sym is None and written is not None and word not in self.year_free:
            sym = self._owner_year(doc, end)  # keys the mention only; its fields stay as written
        return cand, sym

    def _owner_year(self, doc: Doc, end: int) -> Symbol | None:
        """The year of "Nghị định 121 của Chính phủ năm 2013" as a year-only symbol, for the key."""
        m = self.owner_year.match(doc.text, end, end + self.settings.owner_year_window)
        return Symbol(m["y"], False, year=int(m["y"])) if m else None

    def _bare_ok(self, doc: Doc, end: int, low: str, written: str, number: str) -> bool:
        """A type word with a bare number (no "số", no issuer symbol): is it a reference at all?"""
        if low in self.programme:
            return False
        if low in self.weak:
            title_case = written[:1].isupper() and not written[1:2].isupper()
            year_like = len(number) == 4 and 1945 <= int(number[:4]) <= 2100 if number.isdigit() else False
            if not title_case or year_like:
                return False
        text = doc.text
        if self.count_after.match(text, end) or self.digit_after.match(text, end):
            return False
        if nxt := self.type_after.match(text, end):
            word = nxt["type"]
            if word[:1].isupper() or self.canonical.get(word.lower(), word).lower() not in self.weak:
                return False  # "07 Thông báo 04 Nghị quyết": the number counts what follows
        return True

    def _typeless_letter(self, sym: Symbol) -> bool:
        """'UBND-KT', 'TTg-CN': no type code, no year, an issuer first — the form of a công văn."""
        return (
            sym.code is None
            and sym.year is None
            and not sym.party
            and len(sym.issuers) >= 2
            and sym.issuers[0] in self.issuers
        )

    def _parse_symbol(self, m: regex.Match[str]) -> Symbol:
        text = _SPACES.sub("", m["sym"])
        head = m.string[m.end("num") : m.start("sym")]
        party = "-" in head and not _YEAR.match(text)
        sym = Symbol(text, party)
        if party:
            code, _, org = text.partition("/")
            sym.code_type = self.party_codes.get(fold(code).upper()) or self.state_codes.get(
                fold(code).upper()
            )
            sym.code = code if sym.code_type else None
            sym.issuers = (org,)
            return sym
        parts = regex.split(r"[/.-]", text)
        if _YEAR.fullmatch(parts[0]):
            sym.year = int(parts[0])
            parts = parts[1:]
        if parts and (code_type := self.state_codes.get(fold(parts[0]).upper())):
            sym.code, sym.code_type = parts[0], code_type
            parts = parts[1:]
        sym.issuers = tuple(parts)
        return sym

    def _issuer(self, sym: Symbol) -> str | None:
        if not sym.issuers:
            return None
        if sym.code and fold(sym.code).upper() in self.joint:
            names = [n for n in (self.issuers.get(p) for p in sym.issuers) if n]
            return ", ".join(dict.fromkeys(names)) or None
        return self.issuers.get(sym.issuers[0])

    def _issued(self, doc: Doc, end: int) -> str | None:
        """ISO date of an adjacent 'ngày d/m/yyyy'; a malformed one is warned about and dropped."""
        lead = self.issued_lead.match(doc.text, end)
        if lead is None:
            return None
        at = lead.end()
        for pattern in self.issued_patterns:
            dm = pattern.regex.match(doc.text, at)
            if dm is None or not dm.groupdict().get("y"):
                continue
            if issued := from_groups(dm.groupdict()):
                return issued[:10]
            self._warn_date(doc, dm.start(), dm.end())
            return None
        if bad := self.malformed.regex.match(doc.text, at):
            self._warn_date(doc, bad.start(), bad.end())
        return None

    def _issued_before(self, doc: Doc, start: int) -> str | None:
        """ISO date that opens the reference's clause: "Ngày 26/12/2016, Bộ Tài chính ban hành Thông tư ..."."""
        before = self.issued_before.search(
            doc.text, max(0, start - self.settings.issued_before_window), start
        )
        return from_groups(before.groupdict()) if before else None

    @staticmethod
    def _warn_date(doc: Doc, start: int, end: int) -> None:
        doc.warn(
            "document_date_malformed",
            "the issue date after a document reference is not a calendar date; the document is kept without it",
            start,
            end,
        )


def _law(doc_type: str, name: str, m: regex.Match[str], pattern: CompiledPattern) -> Candidate:
    """A law cited by name and year (no number): keyed by type, name and year ('luat:dat-dai/2024')."""
    fields: dict[str, object] = {
        "doc_type": doc_type,
        "name": name,
        "year": int(m["y"]),
        "key": f"{type_slug(doc_type)}:{type_slug(name.replace(',', ' '))}/{m['y']}",
    }
    return Candidate("document", m.start(), m.end(), pattern.score, pattern.name, fields, pattern.explanation)


def _case_table(table: dict[str, str]) -> dict[str, str]:
    """Codes keyed ASCII-folded and upper-cased: 'QĐ', 'QD', 'Qđ' are one code."""
    return {fold(k).upper(): v for k, v in table.items()}


def _assign_keys(
    found: list[tuple[Candidate, Symbol | None]],
    generic: set[str],
    letter_form: Callable[[Symbol], bool],
    letter_type: str,
) -> None:
    """Keys per mention, then mentions without a full symbol take the key of the one fuller mention they fit.

    The type part of a key comes from the symbol's code when there is one, so every mention of a
    symbol shares a key whatever type word the writer used; a mention without a full symbol fits a
    fuller one of the same number whose code or written type is its type (any type for a generic word)
    and, when it carries a year, the same year. The mentions are settled in layers (symbols with a year
    only, then bare numbers of a specific type, then bare generic ones), each from keys indexed by number:
    linear in the mentions, whatever their order in the text.
    """
    info: list[_Mention] = []
    for cand, sym in found:
        f = cand.fields
        key_type = str(f["doc_type"])
        if sym and sym.code_type:
            key_type = sym.code_type
        elif sym and letter_form(sym):
            key_type = letter_type
        f["key"] = document_key(
            key_type, str(f["number"]), sym.text if sym else None, bool(sym and sym.party)
        )
        slugs = frozenset({type_slug(key_type), type_slug(str(f["doc_type"]))})
        info.append(_Mention(cand, slugs, number_key(str(f["number"])), sym, slugs & generic))
    full = (
        _KeyIndex()
    )  # the fuller mentions: by (number, type slug, year) and by (number, year); year None = any
    for m in info:
        if m.sym is not None and not m.sym.year_only:
            for year in {None, m.sym.year}:
                full.add((m.num, None, year), m.key)
                for slug in m.slugs:
                    full.add((m.num, slug, year), m.key)
    partial = [m for m in info if m.sym is not None and m.sym.year_only]
    bare = [m for m in info if m.sym is None]
    for m in partial:
        m.take(full.fits(m, m.sym.year if m.sym else None))
    symbols = _KeyIndex()  # every mention with a symbol, by (number, type slug), after the layer above
    for m in info:
        if m.sym is not None:
            for slug in m.slugs:
                symbols.add((m.num, slug, None), m.key)
    for m in (m for m in bare if not m.generic):
        fits = full.fits(m, None) or symbols.union((m.num, slug, None) for slug in m.slugs)
        m.take(fits)
    specific = _KeyIndex()  # bare mentions of a specific type, after the layer above
    for m in bare:
        if not m.generic:
            specific.add((m.num, None, None), m.key)
    for m in (m for m in bare if m.generic):
        fits = full.fits(m, None) or symbols.union((m.num, slug, None) for slug in m.slugs)
        if not m.take(fits) and not fits:
            m.take(specific.union([(m.num, None, None)]))


@dataclass
class _Mention:
    cand: Candidate
    slugs: frozenset[str]
    num: str
    sym: Symbol | None
    generic: frozenset[str]

    @property
    def key(self) -> str:
        return str(self.cand.fields["key"])

    def take(self, fits: set[str]) -> bool:
        """Take the key when exactly one fits."""
        if len(fits) == 1:
            self.cand.fields["key"] = next(iter(fits))
            return True
        return False


class _KeyIndex:
    """Keys by (number, type slug or None, year or None), at most two distinct each: a mention takes a
    key only when exactly one fits, so two tell all."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str | None, int | None], set[str]] = {}

    def add(self, at: tuple[str, str | None, int | None], key: str) -> None:
        kept = self.keys.setdefault(at, set())
        if len(kept) < 2:
            kept.add(key)

    def union(self, places: Iterable[tuple[str, str | None, int | None]]) -> set[str]:
        out: set[str] = set()
        for at in places:
            out |= self.keys.get(at, set())
        return out

    def fits(self, m: _Mention, year: int | None) -> set[str]:
        """Fuller mentions of `m`'s number and year, of its type (any type for a generic word)."""
        if m.generic:
            return self.union([(m.num, None, year)])
        return self.union((m.num, slug, year) for slug in m.slugs)


RECOGNIZER = DocumentRecognizer
