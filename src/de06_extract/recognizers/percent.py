"""Percent recognizer: values, ranges, stated bounds and the subject the percentage measures.

The subject is the noun phrase the percentage measures. It is read before the number when the
clause opens with a lead from the `phrases` pack ("tỷ lệ hồ sơ trực tuyến đạt 58,2%" → "hồ sơ trực
tuyến": rate leads such as "tỷ lệ" are dropped so the subject equals that of "58,2% hồ sơ trực
tuyến"; "tăng trưởng GDP quý III/2024 đạt 7,4%" → "tăng trưởng GDP": measure leads are kept) —
but only when no noun phrase follows the sign: the phrase right after "%" is the subject when there
is one ("58,2% người dân tham gia dịch vụ công trực tuyến"; "đạt 71,1% kế hoạch" → "kế hoạch"), as
the gold convention in samples/README.md says.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Doc
from ..numbers import parse_number
from ..rulepacks import CompiledPattern, RulePack, kept_regex, lexicon_alternation
from .base import Candidate, Recognizer, handles
from .services import Services

_SENTENCE_END = kept_regex(r"[;:!?\n]|\.(?!\d)")
_PAIR_MAX = 100  # a falling pair "2016-20%" starts with a year, not a percentage
_CONTINUATIONS = 2  # "diện tích của các địa phương khác thuộc khu vực ven biển": two continuers


class PercentRecognizer(Recognizer):
    kind = "percent"
    needs = ("phrases",)

    def __init__(self, pack: RulePack, services: Services) -> None:
        super().__init__(pack, services)
        self.phrases = services.phrases
        self.qualifier = pack.ends_with_word("qualifiers")
        ph = services.packs["phrases"]
        self.rate_leads = {" ".join(w.lower().split()) for w in ph.lexicon("rate_leads")}
        self.lead = ph.compile(
            r"(?<![\p{L}\p{N}])(?:{rate_leads}|{measure_leads})(?![\p{L}\p{N}])", case_sensitive=False
        )
        self.link_verb = ph.compile(r"(?<![\p{L}])(?:{link_verbs})(?![\p{L}])", case_sensitive=False)
        verbs = lexicon_alternation(ph.lexicon("link_verbs"))
        self.before = kept_regex(
            r"^(?P<s>.+?)\s+(?:"
            + lexicon_alternation(ph.lexicon("link_fillers"))
            + r"\s+)*"
            + verbs
            + r"(?:\s+(?:"
            + lexicon_alternation(pack.lexicon("qualifiers"))
            + r"))?\s*+$",
            regex.IGNORECASE,
        )
        self.cut = kept_regex(
            r"\s+(?:(?:trong|vào|của|tính đến|đến)\s+)?(?:năm|tháng|quý|ngày)\s+[\dIVX]|\s+\S*\d|[,\s]+$",
            regex.IGNORECASE,
        )
        self.max_before = self.phrases.max_chars * 2
        self.stop = ph.compile(r"\s+(?:{stopwords})(?![\p{L}\p{N}])", case_sensitive=False)
        self.tail = ph.compile(r"\G\s+(?:{subject_tails})(?![\p{L}\p{N}])", case_sensitive=False)
        self.continuation = ph.compile(
            r"\G\s+(?:{subject_continuers})\s+(?!(?:{subject_not_continued})(?![\p{L}\p{N}]))",
            case_sensitive=False,
        )
        self.determiner = ph.compile(r"\G\s*+(?P<d>{subject_determiners})\s+", case_sensitive=False)

    # -- handlers: (doc, match, pattern) → candidates -----------------------------------------------

    @handles("percent")
    def _single(self, doc: Doc, m: regex.Match[str], pattern: CompiledPattern) -> Iterator[Candidate]:
        a = parse_number(m["a"])
        if a is None:
            return
        fields = {
            "value": -a if m["neg"] else a,
            "qualifier": self._qualifier(doc, m),
            "subject": self._subject(doc, m.start(), m.end()),
        }
        yield Candidate("percent", m.start(), m.end(), pattern.score, pattern.name, fields)

    @handles("percent_range")
    def _range(self, doc: Doc, m: regex.Match[str], pattern: CompiledPattern) -> Iterator[Candidate]:
        """'8,3 - 8,5%': a range. A falling pair joined by a dash, 'có tới 84-83% tương ứng', is two
        percentages each with the qualifier (values of two things), no range."""
        a, b = parse_number(m["a"]), parse_number(m["b"])
        if a is None or b is None:
            return
        rising = b > a
        if not rising and (b == a or a > _PAIR_MAX or "-" not in doc.text[m.end("a") : m.start("b")]):
            return
        qualifier = self._qualifier(doc, m)
        subject = self._subject(doc, m.start(), m.end())
        yield Candidate(
            "percent",
            m.start("a"),
            m.end("asign") if m["asign"] else m.end("a"),
            pattern.score,
            pattern.name,
            {"value": a, "range": "start" if rising else None, "qualifier": qualifier, "subject": subject},
        )
        yield Candidate(
            "percent",
            m.start("b"),
            m.end(),
            pattern.score,
            pattern.name,
            {"value": b, "range": "end" if rising else None, "subject": subject}
            | ({} if rising else {"qualifier": qualifier}),
        )

    def _qualifier(self, doc: Doc, m: regex.Match[str]) -> str | None:
        q = self.qualifier.search(doc.text[max(0, m.start() - 20) : m.start()])
        return q["word"].lower() if q else None

    def _subject(self, doc: Doc, start: int, pos: int) -> str | None:
        det = self.determiner.match(doc.text, pos)  # "85% các thủ tục hành chính"
        span = self.phrases.read(doc, det.end() if det else pos, verbs=True)
        if not span:
            return self._subject_before(doc, start)
        if det:
            span = (det.start("d"), span[1])
        # a place, group or owner continues it: "hộ gia đình ở khu vực nông thôn", "công ty ở Nhật Bản",
        # "vốn điều lệ của BHS", "diện tích của các địa phương khác thuộc khu vực ven biển"
        for _ in range(_CONTINUATIONS):
            m = self.continuation.match(doc.text, span[1])
            if m is None:
                break
            det = self.determiner.match(doc.text, m.end())
            more = self.phrases.read(doc, det.end() if det else m.end(), names=True)
            if more is None:
                break
            span = (span[0], more[1])
        if tail := self.tail.match(doc.text, span[1]):
            span = (span[0], tail.end())
        return doc.text[span[0] : span[1]]

    def _subject_before(self, doc: Doc, start: int) -> str | None:
        """'tỷ lệ <subject> [đã] đạt [hơn] N%' in the same sentence, or None."""
        window = doc.text[max(0, start - self.max_before) : start]
        ends = list(_SENTENCE_END.finditer(window))
        if ends:
            window = window[ends[-1].end() :]
        leads = list(self.lead.finditer(window))
        if not leads:
            return None
        lead = leads[-1]
        rest = window[lead.end() :]
        if "%" in rest or "phần trăm" in rest.lower():
            return None  # another percentage sits between: the lead belongs to it
        m = self.before.match(rest.strip())
        if not m:
            return None
        subject = str(m["s"])
        if self.link_verb.search(subject):
            return None  # another clause ("tỷ lệ A đạt ..., B tăng N%")
        if cut := self.cut.search(subject):
            subject = subject[: cut.start()]
        if stop := self.stop.search(subject):
            subject = subject[: stop.start()]  # as the reading after the sign stops ("... của tỉnh")
        subject = subject.strip(" ,")
        if not subject or not subject[0].isalpha():
            return None
        lead_text = str(lead[0])
        if " ".join(lead_text.lower().split()) not in self.rate_leads:
            subject = f"{lead_text} {subject}"
        return subject


RECOGNIZER = PercentRecognizer
