"""Stage 3 — split the page into lines and label each: chrome, title, meta, body, related or footer.

Also fills the article-level title, published date-time and authors from the lines; metadata given
with the input (title, published) wins over what the text says (docs/articles.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import regex

from .dates import from_groups
from .document import Doc, Line
from .models import Zone
from .normalize import title_case
from .rulepacks import RulePack, Settings, read_settings

_LINE = regex.compile(r"[^\r\n]*+")


def _iter_lines(text: str) -> Iterator[tuple[int, int]]:
    pos, n = 0, len(text)
    while pos <= n:
        m = _LINE.match(text, pos)
        assert m is not None
        yield m.start(), m.end()
        pos = m.end()
        if text.startswith("\r\n", pos):
            pos += 2
        elif pos < n:
            pos += 1
        else:
            break


_WORD = regex.compile(r"[\p{L}\p{N}]++")
_LABEL_WORDS = 6  # a section label line has at most this many words
_CHARS_PER_WORD = 16  # a line's first max_words words are counted in this many characters per word
_SIGN_OFF_CHARS = 300  # a sign-off is short (54 at most on the corpus): looked for in the line's end only
_SENTENCE_END = regex.compile(r"(?r)[.…][\"')]?$")  # straight quotes (normalised); tried from the end
_CHROME_KINDS = frozenset({"chrome", "site", "label", "today"})
_SIGN_KINDS = frozenset({"byline", "name", "signoff"})
_CREDIT_KINDS = frozenset({"byline", "photo", "name", "caption", "stamp"})


@dataclass
class _Row:
    """One non-blank line as read alone: its kind, size, credited names and timestamp."""

    index: int
    kind: str
    words: int  # counted up to ZoneClassifier.max_words (more count as that many: no rule tells them apart)
    ends_sentence: bool = False
    names: list[str] = field(default_factory=list)
    stamp: str | None = None
    update: bool = False
    timed: bool = False


class ZoneSettings(Settings):
    """`[settings]` of zones.toml (each explained there)."""

    para_words: int
    para_sentence_words: int
    title_min_words: int
    title_max_words: int
    body_after_byline: int
    subtitle_rows: int
    short_line_chars: int


class ZoneClassifier:
    """Line labelling driven by the `zones` rule pack (the order of the rules: docs/articles.md)."""

    def __init__(self, pack: RulePack, surnames: frozenset[str] = frozenset()) -> None:
        """`surnames` (the person pack's) tell two writers signing with no separator apart."""
        p = pack.pattern
        self.surnames = surnames
        self.timestamp = p("timestamp").regex
        self.stamp_rest = p("timestamp_rest").regex
        self.first_shapes = [
            ("related_header", p("related_header").regex),
            ("footer", p("footer_line").regex),
            ("related_link", p("related_link").regex),
        ]
        self.credits = [
            ("byline", p("byline").regex),
            ("byline", p("theo_byline").regex),
            ("photo", p("photo_credit").regex),
        ]
        self.inline_credit = p("inline_credit").regex
        self.shapes = [
            (kind, p(name).regex)
            for kind, name in (
                ("chrome", "chrome_line"),
                ("signoff", "signoff"),
                ("meta", "meta_line"),
                ("caption", "caption"),
                ("place", "place_line"),
                ("name", "name_line"),
                ("chrome", "menu_line"),
                ("chrome", "breadcrumb"),
                ("site", "site_line"),
                ("label", "section_label"),
            )
        ]
        self.name_line = p("name_line").regex
        self.place = p("place_line").regex
        self.weather = p("weather").regex
        self.update_cue = p("update_cue").regex
        self.trailing = p("trailing_byline").regex
        self.not_credited = frozenset(w.casefold() for w in pack.lexicon("credit_not_person"))
        s = read_settings(ZoneSettings, pack)
        self.para_words, self.para_sentence_words = s.para_words, s.para_sentence_words
        self.title_words = (s.title_min_words, s.title_max_words)
        self.max_words = max(2 * s.para_words, s.para_sentence_words, s.title_max_words, _LABEL_WORDS) + 1
        # max_words words from where it is tried (a word cut by the end counts, as for `_WORD`)
        self.enough_words = regex.compile(rf"(?:[^\p{{L}}\p{{N}}]*+[\p{{L}}\p{{N}}]++){{{self.max_words}}}")
        self.body_after_byline = s.body_after_byline
        self.short = s.short_line_chars
        self.subtitle_rows = s.subtitle_rows

    def apply(self, doc: Doc, title: str | None = None, published: str | None = None) -> None:
        """Set `doc.lines`, `doc.title`, `doc.published`, `doc.authors`; given metadata wins."""
        text = doc.text
        spans = list(_iter_lines(text))
        rows = [self._read(i, text[s:e].strip()) for i, (s, e) in enumerate(spans) if text[s:e].strip()]
        zones: list[Zone | None] = [None] * len(spans)
        keys: dict[int, str] = {}

        def key(k: int) -> str:
            """Row k's line as compared with a title: spaces collapsed, case-folded (on demand)."""
            if k not in keys:
                start, end = spans[rows[k].index]
                keys[k] = " ".join(text[start:end].split()).casefold()
            return keys[k]

        given_at = None  # a given title is the headline line that reads the same, if there is one
        if title is not None:
            wanted = " ".join(title.split()).casefold()
            given_at = next((k for k in range(len(rows)) if key(k) == wanted), -1)
        title_at, body_at = self._title_and_body(rows, key, given_at)
        end_at = self._body_end(rows, body_at, len(spans))
        closing = self._closing_byline(rows, body_at, end_at)
        near = (
            title_at is not None
            and sum(1 for r in rows if title_at < r.index < body_at) <= self.subtitle_rows
        )
        after: Zone = "related"
        for r in rows:
            if r.index < body_at:
                zones[r.index] = _header_zone(r, title_at, near)
            elif r.index < end_at:
                zones[r.index] = _body_zone(r, closing)
            else:
                if r.kind in ("related_header", "footer"):
                    after = "related" if r.kind == "related_header" else "footer"
                zones[r.index] = _after_zone(r, after)
        authors = [n for r in rows if zones[r.index] == "meta" and r.kind in _CREDIT_KINDS for n in r.names]
        authors += [n for r in rows if zones[r.index] == "body" and r.kind == "caption" for n in r.names]
        previous: Zone = "body" if title_at is None or title_at == rows[0].index else "chrome"
        for i, z in enumerate(zones):  # a blank line goes with the line before it (a title's: body)
            previous = z or ("body" if previous == "title" else previous)
            zones[i] = previous
        body = [(s, e) for (s, e), z in zip(spans, zones, strict=True) if z == "body" and text[s:e].strip()]
        signed = bool(authors)
        authors += [  # photo credits inside body lines ("... hội nghị. Ảnh: Hải Yến Sáng nay ...")
            n
            for s, e in body
            for m in self.inline_credit.finditer(text, s, e)
            for n in self._credited(m["who"])
        ]
        # no byline line: a sign-off at the end of the last body line (looked for in its last characters)
        if not signed and body:
            line_start, line_end = body[-1]
            if m := self.trailing.search(text, max(line_start, line_end - _SIGN_OFF_CHARS), line_end):
                authors.extend(self._credited(m.group("who")))
        doc.lines = [Line(s, e, z or "body") for (s, e), z in zip(spans, zones, strict=True)]
        if title is None and title_at is not None:  # as written: curly quotes and dashes kept
            start, end = doc.norm.span_to_original(*spans[title_at])
            title = doc.norm.original[start:end].strip()
        doc.title = title
        doc.published = published or _published(rows, zones, title_at, body_at)
        doc.authors = dedupe(authors)

    def _credited(self, who: str) -> list[str]:
        """`credited` names; four words whose third opens with a surname and whose first does not
        are two writers ("Đình Sơn Lê Quân" → Đình Sơn, Lê Quân)."""
        names: list[str] = []
        for name in credited(who, self.not_credited):
            w = name.split()
            if len(w) == 4 and w[2] in self.surnames and w[0] not in self.surnames:
                names += [" ".join(w[:2]), " ".join(w[2:])]
            else:
                names.append(name)
        return names

    # -- one line alone -----------------------------------------------------------------------------

    def _read(self, index: int, line: str) -> _Row:
        words = self._count_words(line)
        ends = bool(_SENTENCE_END.search(line))
        if len(line) > self.short:
            return _Row(index, "text", words, ends)
        for kind, rx in self.first_shapes:
            if rx.match(line):
                return _Row(index, kind, words)
        if stamp := self._stamp(index, line, words):
            return stamp
        for kind, rx in self.credits:
            if m := rx.match(line):
                return _Row(index, kind, words, names=self._credited(m.group("who")))
        for kind, rx in self.shapes:
            if (m := rx.match(line)) and not (kind == "label" and words > _LABEL_WORDS):
                who = m.group("who") if kind == "caption" else line if kind == "name" else ""
                return _Row(index, kind, words, names=self._credited(who) if who else [])
        return _Row(index, "text", words, ends)

    def _count_words(self, line: str) -> int:
        """The words of `line`, or `max_words` when there are more: a paragraph's first characters
        are enough (the words that start in a prefix are the first words of the line), read by one
        match (`enough_words`) before the words of a shorter line are listed."""
        if self.enough_words.match(line, 0, _CHARS_PER_WORD * self.max_words):
            return self.max_words
        return min(len(_WORD.findall(line)), self.max_words)

    def _stamp(self, index: int, line: str, words: int) -> _Row | None:
        """A timestamp line ('Cập nhật lúc 16:40, 05/11/2024', 'Hải Yến | 16:40 | 05/11/2024') or the
        page's today line (weather beside the date); None for any other line."""
        m = self.timestamp.search(line)
        if m is None:
            return None
        rest = self.stamp_rest.sub(" ", line[: m.start()] + " | " + line[m.end() :]).strip()
        if self.weather.search(rest):
            return _Row(index, "today", words)
        if rest and not self.name_line.fullmatch(rest) and not ("|" in line and _label_like(rest)):
            return None
        stamp = from_groups(m.groupdict())
        if stamp is None:
            return None
        named = rest and self.name_line.fullmatch(rest) and not self.place.fullmatch(rest)
        names = self._credited(rest) if named else []
        update = bool(self.update_cue.search(line))
        return _Row(index, "stamp", words, False, names, stamp, update, m.group("hh") is not None)

    # -- the page's structure -----------------------------------------------------------------------

    def _paragraph(self, r: _Row) -> bool:
        """A sentence-ended line of `para_sentence_words` words, or any line of twice `para_words`
        (a long headline with the site's name after it is not a paragraph)."""
        return r.kind == "text" and (
            r.words >= 2 * self.para_words or (r.words >= self.para_sentence_words and r.ends_sentence)
        )

    def _title_and_body(
        self, rows: list[_Row], key: Callable[[int], str], given_at: int | None = None
    ) -> tuple[int | None, int]:
        """Line index of the headline and of the first body line (the first paragraph after it).

        A headline repeated before the first paragraph (the page's title, then its heading) is its
        last copy. The headline is the row of a given title (`given_at`; -1 when the text does not repeat it:
        then only a headline-sized line found as below, never a guess); else the first headline-sized
        text line after the last chrome line before the first paragraph (else the last one before
        that chrome line); on a page without chrome, the first text line of two words or more; with
        none of these, the first text line.
        """
        if not rows:
            return None, 0
        lo, hi = self.title_words
        first_para = next((k for k, r in enumerate(rows) if self._paragraph(r)), len(rows))
        if given_at is not None and given_at > first_para:  # repeated inside the body: not a headline line
            given_at = -1
        if given_at is not None and given_at >= 0:
            first_para = max(first_para, given_at + 1)
        head = rows[:first_para]
        cut = max((k for k, r in enumerate(head) if r.kind in _CHROME_KINDS), default=-1)
        lo = lo if cut >= 0 else 2  # a page that opens without chrome opens with its headline
        sized = [k for k, r in enumerate(head) if r.kind == "text" and lo <= r.words <= hi]
        after_cut = [k for k in sized if k > cut]
        title_k = after_cut[0] if after_cut else (sized[-1] if sized else None)
        if given_at is not None and given_at >= 0:
            title_k = given_at
        if title_k is not None:  # the page's <title> repeated by its headline: the later one
            title_k = max(
                (k for k in range(title_k, len(head)) if _copy_of(key(k), key(title_k))), default=title_k
            )
        if title_k is None and given_at is None:
            title_k = next((k for k, r in enumerate(rows) if r.kind not in _CHROME_KINDS | {"stamp"}), None)
        if title_k is None:
            if first_para == len(rows):  # no paragraph at all: the first text line
                first_para = next((k for k, r in enumerate(rows) if r.kind == "text"), len(rows))
            return None, rows[first_para].index if first_para < len(rows) else rows[-1].index + 1
        if title_k >= first_para or first_para == len(rows):  # no paragraph after it: the next text line
            first_para = next((k for k in range(title_k + 1, len(rows)) if rows[k].kind == "text"), len(rows))
        body_at = rows[first_para].index if first_para < len(rows) else rows[-1].index + 1
        return rows[title_k].index, body_at

    def _body_end(self, rows: list[_Row], body_at: int, n_lines: int) -> int:
        """Line index where the body ends: the first footer line, or the first related heading after
        which fewer paragraphs follow (up to the next heading or footer) than stood before it; a
        heading with more of the article after it is a widget label inside the body."""
        inside = [r for r in rows if r.index >= body_at]
        before = 0
        for k, r in enumerate(inside):
            if r.kind == "footer":
                return r.index
            if r.kind == "related_header":
                after = 0
                for x in inside[k + 1 :]:
                    if x.kind in ("related_header", "footer"):
                        break
                    after += self._paragraph(x)
                if after < max(before, 1):
                    return r.index
            before += self._paragraph(r)
        return n_lines

    def _closing_byline(self, rows: list[_Row], body_at: int, end_at: int) -> int:
        """Line index of the sign-off that ends the body: the first byline followed by fewer than
        `body_after_byline` paragraphs before the related block or footer (end_at when none)."""
        inside = [r for r in rows if body_at < r.index < end_at]
        paragraphs_after = sum(1 for x in inside if self._paragraph(x))
        for r in inside:
            paragraphs_after -= self._paragraph(r)
            if r.kind in _SIGN_KINDS and paragraphs_after < self.body_after_byline:
                return r.index
        return end_at


def _copy_of(line: str, title: str) -> bool:
    """`line` repeats the headline `title`, or `title` is it plus the site's suffix ('... - Báo X')."""
    return bool(line) and (
        line == title or (title.startswith(line + " ") and title[len(line) + 1 : len(line) + 2] in "|-")
    )


def _label_like(rest: str) -> bool:
    """A few words split from a timestamp by '|' that name a section ('07-03-2026 - 09:40 AM | Bất động sản')."""
    return len(rest.split()) <= 4 and not any(ch.isdigit() for ch in rest)


def _header_zone(r: _Row, title_at: int | None, near: bool) -> Zone:
    """Zone of a line before the body: the headline; timestamps; bylines after the headline (meta)
    and text after it when the headline is `near` the first paragraph (body); chrome else."""
    if r.index == title_at:
        return "title"
    if r.kind == "stamp" or (
        (title_at is None or r.index > title_at) and r.kind in ("byline", "photo", "name", "signoff", "meta")
    ):
        return "meta"
    if title_at is not None and title_at < r.index and r.kind in ("text", "caption", "place") and near:
        return "body"  # a subtitle or short lead between the headline and the first paragraph
    return "chrome"


def _body_zone(r: _Row, closing: int) -> Zone:
    """Zone of a line between the first paragraph and the related block or footer."""
    if r.index == closing or r.kind in ("stamp", "byline", "photo", "signoff", "meta"):
        return "meta"
    if r.kind in ("chrome", "today", "related_header"):
        return "chrome"
    return "related" if r.index > closing or r.kind == "related_link" else "body"


def _after_zone(r: _Row, block: Zone) -> Zone:
    """Zone of a line after the body: its block (related or footer; timestamps there are other
    articles'), chrome lines and credits keep theirs."""
    if block == "related" and r.kind in ("chrome", "today"):
        return "chrome"
    if block == "related" and r.kind in ("byline", "photo", "signoff", "meta"):
        return "meta"
    return block


def _published(rows: list[_Row], zones: list[Zone | None], title_at: int | None, body_at: int) -> str | None:
    """The page's timestamp: one in the header before one at the end, a publication time before an
    update time; a date-only line before the headline is the page's 'today' when a timed one exists."""
    stamps = [r for r in rows if r.kind == "stamp" and zones[r.index] == "meta"]
    if title_at is not None and any(r.timed for r in stamps):
        stamps = [r for r in stamps if r.timed or r.index > title_at]
    if not stamps:
        return None
    return min(stamps, key=lambda r: (r.index >= body_at, r.update, r.index)).stamp


def credited(who: str, not_person: frozenset[str] = frozenset()) -> list[str]:
    """Names credited in a byline: 'VGP/Nhật Bắc' → Nhật Bắc; 'vũ khuyên/vov' → Vũ Khuyên.

    Outlets (short all-caps or lower-case parts: 'VGP', 'vov', 'TTXVN'), listed non-people
    ('Internet', 'minh họa', 'Reuters') and one-word credits are dropped; a name in capitals or in
    lower case is title-cased ('NGỌC XOÀN' → 'Ngọc Xoàn'), a mixed-case one is kept as written.
    """
    who = _SOURCE_NOTE.sub("", who.strip())
    who = who.strip()
    if who[:1] in "([" and who[-1:] in ")]":
        who = who[1:-1].strip()
    parts = [p.strip() for p in _SLASH.split(who) if p.strip()]
    if len(parts) > 1:
        # The outlet is the short all-caps (or lower-case acronym) part, or one opening with it
        # ("VOV-Tây Bắc"); the person is the other.
        people = [
            p for p in parts if not _looks_outlet(p.split("-")[0].strip()) and p.casefold() not in not_person
        ]
        parts = people or parts[-1:]
    names: list[str] = []
    for part in parts:
        for name in _NAME_SEPARATOR.split(part):
            name = _BRACKET_END.sub("", name).strip(" .")
            words = name.casefold().split()
            if not words or not_person.intersection((name.casefold(), words[0], " ".join(words[:2]))):
                continue
            if _INITIALS.fullmatch(name):
                names.append(_INITIALS.sub(lambda m: m[1] + m[2] + m[3].lower(), name))
            elif _looks_outlet(name):
                continue
            elif 2 <= len(name.split()) <= 5 and all(w.isalpha() for w in name.split()):
                names.append(title_case(name))
    return names


# Byline pieces (`credited`), compiled once: a closing "(tổng hợp)"-like note, the slash between a
# person and an outlet, the separators of two names, a bracket closing a name.
_SOURCE_NOTE = regex.compile(r"\s*\((?:t/h|TH|tổng hợp|theo [^)]*)\)\s*$", flags=regex.IGNORECASE)
_SLASH = regex.compile(r"\s*/\s*")
_NAME_SEPARATOR = regex.compile(r"\s*(?:,|;|&|\bvà\b|\s-\s|-|\s{2,})\s*")
_BRACKET_END = regex.compile(r"\s*\([^)]*\)\s*$")
# A writer's initials ("T.L", "N.TÂN" → "N.Tân", "C. Nguyên"): capitals kept, a final word title-cased.
_INITIALS = regex.compile(r"(\p{Lu}\.[ ]?)(\p{Lu})([\p{L}\p{M}]*+)")


def _looks_outlet(part: str) -> bool:
    return len(part.split()) == 1 and len(part) <= 8 and (part.isupper() or part.islower())


def dedupe(names: list[str]) -> list[str]:
    """`names` without repeats, in first-seen order."""
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return list(seen)
