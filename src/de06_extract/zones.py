"""Stage 3 — split the article into lines and put each in a zone: title, meta, body or related.

Also fills the article-level title, published date-time and authors from the zones found.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .document import Doc, Line
from .models import Zone
from .rulepacks import RulePack

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


class ZoneClassifier:
    """Line classification driven by the `zones` rule pack."""

    def __init__(self, pack: RulePack) -> None:
        self.timestamp = pack.pattern("timestamp_line").regex
        self.related_header = pack.pattern("related_header").regex
        self.byline = pack.pattern("byline").regex
        self.photo = pack.pattern("photo_credit").regex
        self.meta = pack.pattern("meta_line").regex
        self.name_line = pack.pattern("name_line").regex
        self.trailing = pack.pattern("trailing_byline").regex
        self.not_credited = frozenset(w.casefold() for w in pack.lexicon("credit_not_person"))

    def apply(self, doc: Doc, title: str | None = None, published: str | None = None) -> None:
        """Set `doc.lines`, `doc.title`, `doc.published`, `doc.authors`; given metadata wins."""
        text = doc.text
        spans = list(_iter_lines(text))
        zones: list[Zone] = []
        title_seen = title is not None
        body_seen = False
        after_byline = in_related = False
        authors: list[str] = []
        for start, end in spans:
            line = text[start:end]
            zone: Zone
            if not line.strip():
                zone = zones[-1] if zones else "body"
                zones.append(
                    "related" if in_related or after_byline else ("body" if zone == "title" else zone)
                )
                continue
            if len(line) > 400:
                zone = "related" if in_related or after_byline else "body"
                body_seen = body_seen or zone == "body"
                if not title_seen:
                    zone, title_seen = "title", True
                    doc.title = line.strip()
                zones.append(zone)
                continue
            if m := self.timestamp.match(line):
                zone = "meta"
                if published is None and not body_seen:
                    published = _iso_timestamp(m)
            elif self.related_header.match(line):
                zone, in_related = "related", True
            elif m := self.byline.match(line) or self.photo.match(line):
                zone = "meta"
                authors.extend(_credited(m.group("who"), self.not_credited))
                after_byline = after_byline or (body_seen and m.re is self.byline)
            elif self.meta.match(line):
                zone = "meta"
            elif body_seen and not in_related and self.name_line.match(line):
                zone, after_byline = "meta", True
                authors.extend(_credited(line, self.not_credited))
            elif not title_seen:
                zone, title_seen = "title", True
                doc.title = line.strip()
            elif in_related or after_byline:
                zone = "related"
            else:
                zone, body_seen = "body", True
            zones.append(zone)
        if not authors:  # no byline line: a sign-off at the end of the last body line
            last_body = [
                (s, e) for (s, e), z in zip(spans, zones, strict=True) if z == "body" and text[s:e].strip()
            ]
            if last_body and (m := self.trailing.search(text, last_body[-1][0], last_body[-1][1])):
                authors.extend(_credited(m.group("who"), self.not_credited))
        doc.lines = [Line(s, e, z) for (s, e), z in zip(spans, zones, strict=True)]
        if title is not None:
            doc.title = title
        doc.published = published
        doc.authors = _dedupe(authors)


def _iso_timestamp(m: regex.Match[str]) -> str | None:
    d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    date = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group("hh") is not None:
        hh, mi = int(m.group("hh")), int(m.group("mi"))
        if hh < 24 and mi < 60:
            return f"{date}T{hh:02d}:{mi:02d}"
    return date


def _credited(who: str, not_person: frozenset[str] = frozenset()) -> list[str]:
    """Names credited in a byline: 'VGP/Nhật Bắc' → Nhật Bắc; 'vũ khuyên/vov' → Vũ Khuyên.

    Outlets (short all-caps or lower-case parts: 'VGP', 'vov', 'TTXVN'), listed non-people
    ('Internet', 'minh họa', 'Reuters') and one-word credits are dropped; a name in capitals or in
    lower case is title-cased ('NGỌC XOÀN' → 'Ngọc Xoàn'), a mixed-case one is kept as written.
    """
    who = regex.sub(r"\s*\((?:t/h|TH|tổng hợp|theo [^)]*)\)\s*$", "", who.strip(), flags=regex.IGNORECASE)
    who = who.strip().strip("()[]").strip()
    parts = [p.strip() for p in regex.split(r"\s*/\s*", who) if p.strip()]
    if len(parts) > 1:
        # The outlet is the short all-caps (or lower-case acronym) part; the person is the other.
        people = [p for p in parts if not _looks_outlet(p) and p.casefold() not in not_person]
        parts = people or parts[-1:]
    names: list[str] = []
    for part in parts:
        for name in regex.split(r"\s*(?:,|;|&|\bvà\b|\s-\s|-)\s*", part):
            name = regex.sub(r"\s*\([^)]*\)\s*$", "", name).strip(" .")
            if (
                name.casefold() in not_person
                or _looks_outlet(name)
                or name.split()[0].casefold() in not_person
            ):
                continue
            if 2 <= len(name.split()) <= 5 and all(w.isalpha() for w in name.split()):
                names.append(_title_case(name))
    return names


def _looks_outlet(part: str) -> bool:
    return len(part.split()) == 1 and len(part) <= 8 and (part.isupper() or part.islower())


def _title_case(name: str) -> str:
    if name.isupper() or name.islower():
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return " ".join(name.split())


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(n, None)
    return list(seen)
