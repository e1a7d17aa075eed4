"""Stage 1c — HTML pages: bytes → main text and page metadata (trafilatura with htmldate; never fetches).

`read_page` decodes the bytes (byte-order mark, then the page's own charset declaration, then the
text decoder's detection) and `extract_page` hands the markup to trafilatura, which finds the main
text, the title, the date (htmldate's cascade: meta tags, JSON-LD, URL, markup, text), the author,
the site name and the canonical URL. What it leaves out is left to the text-dump rules that run on
the text afterwards (the zone classifier). trafilatura is imported here, on the first page, so a
run over text files never loads it.

The text handed to the pipeline is the page's headline line, the lead (the page's description,
when the main text does not hold it) and trafilatura's main text; fact offsets point into it, so
an article read from HTML carries it in its `text` field.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import regex

from .decoding import _BOMS, Decoded, decode_bytes
from .normalize import fold

_DECLARATION_BYTES = 4096
# <meta charset=x>, <meta http-equiv=Content-Type content="text/html; charset=x">, <?xml encoding="x"?>
_CHARSET = regex.compile(
    rb"""<meta\b[^>]{0,400}?\bcharset\s*+=\s*+["']?+([A-Za-z0-9._:-]{1,40})|<\?xml\b[^>]{0,200}?\bencoding\s*+=\s*+["']([A-Za-z0-9._:-]{1,40})""",
    flags=regex.IGNORECASE,
)
# Labels that browsers read as another encoding (WHATWG Encoding): a page declaring them means that one.
_BROWSER_LABELS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
}
# Separators between a headline and the site or section names a <title> adds.
_TITLE_SEPARATOR = regex.compile(r"\s++(?:[-|–—»]|::)\s++")
_LEAD_MIN_CHARS = 40  # a shorter page description is a tagline, not the article's lead
_MIN_PARAGRAPH_WORDS = 8  # main text holds at least one paragraph this long, or it is menus and links
_HEADLINE_LINES = 5  # the headline, if the main text holds it, is among its first lines


class NoMainText(ValueError):
    """The page holds no main text that trafilatura can find."""


@dataclass(frozen=True)
class PageMeta:
    """What the page says about the article; each field None (or empty) when the page does not say it.

    `authors` are the page's author strings as written (those naming the site dropped); the pipeline
    reads the names in them (`Pipeline.page_authors`).
    """

    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = field(default=())
    site: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Page:
    """The text to extract facts from (headline line, lead, main text) and the page's metadata."""

    text: str
    meta: PageMeta


def decode_html(data: bytes) -> Decoded:
    """HTML bytes → text: a byte-order mark wins, then the page's declared charset, then detection.

    A declaration the bytes do not fit (or that names no known encoding) is set aside with a warning;
    UTF-16/32 declared in an ASCII-readable page is read as UTF-8, as browsers do.
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(data)
    m = _CHARSET.search(data, 0, _DECLARATION_BYTES)
    if m is None:
        return decode_bytes(data)
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        decoded = decode_bytes(data)
        return _with_warning(decoded, "unknown_charset", f"declared charset {label!r} is unknown")
    name = _BROWSER_LABELS.get(name, name)
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        return decode_bytes(data)  # UTF-8 (or a UTF-16 label on ASCII bytes): the decoder's own checks
    try:
        return Decoded(data.decode(name), name)
    except UnicodeDecodeError:
        decoded = decode_bytes(data)
        message = f"bytes are not {label} as declared; read as {decoded.encoding}"
        return _with_warning(decoded, "charset_mismatch", message)


def _with_warning(decoded: Decoded, code: str, message: str) -> Decoded:
    return Decoded(decoded.text, decoded.encoding, (*decoded.warnings, (code, message)))


def read_page(data: bytes, url: str | None = None) -> tuple[Page, Decoded]:
    """HTML bytes → the page and how its bytes were decoded; raises DecodeError or NoMainText."""
    decoded = decode_html(data)
    return extract_page(decoded.text, url), decoded


def extract_page(markup: str, url: str | None = None) -> Page:
    """HTML text → main text and metadata; `url` (never fetched) helps the date and site look-ups.

    Raises NoMainText when no main text is found or the markup cannot be parsed at all.
    """
    from trafilatura import bare_extraction

    for name in ("trafilatura", "htmldate", "courlan"):  # failures become error records, not log lines
        logging.getLogger(name).propagate = False
    params = {
        "original_date": True,
        "extensive_search": True,
        "max_date": date.today().isoformat(),
        "outputformat": "%Y-%m-%dT%H:%M",
    }
    try:
        doc: Any = bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False, date_extraction_params=params
        )
    except Exception as exc:  # lxml or trafilatura choking on malformed markup
        raise NoMainText(f"the page cannot be parsed: {type(exc).__name__}: {exc}") from exc
    body = (doc.text or "").strip() if doc is not None else ""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    if not any(len(ln.split()) >= _MIN_PARAGRAPH_WORDS for ln in lines):
        raise NoMainText(f"no main text found in the page (no paragraph of {_MIN_PARAGRAPH_WORDS}+ words)")
    page_url = doc.url or url
    host = _host_label(page_url)
    site = doc.sitename if doc.sitename and _fold(doc.sitename) != _fold(doc.title or "") else doc.hostname
    title = _headline(doc.title, site, host, lines[:_HEADLINE_LINES])
    authors = _people(doc.author, site, host)
    if doc.author and not authors:  # only the outlet was named: look for a byline in the markup instead
        authors = _people(_markup_author(markup), site, host)
    head = [title] if title and (not lines or lines[0] != title) else []
    lead = (doc.description or "").strip()
    if len(lead) >= _LEAD_MIN_CHARS and _squash(lead) not in _squash(body):
        head.append(lead)
    text = "\n".join([*head, body])
    published = doc.date[:10] if doc.date and doc.date.endswith("T00:00") else doc.date
    meta = PageMeta(title=title, published=published, authors=authors, site=site, url=page_url)
    return Page(text, meta)


def _markup_author(markup: str) -> str | None:
    from trafilatura.metadata import extract_author
    from trafilatura.utils import load_html

    tree = load_html(markup)
    return extract_author(tree) if tree is not None else None


def _headline(title: str | None, site: str | None, host: str | None, first_lines: list[str]) -> str | None:
    """The page title without the site (and section) names around it.

    Segments between separators (" - ", " | ", ...) that name the site (its site name or its host name)
    are cut from either end; if what is left starts with a line of the main text (the page's headline),
    that line is the title ("Headline - Section - Site" → "Headline").
    """
    if not title:
        return None
    title = " ".join(title.split())
    cuts = [(m.start(), m.end()) for m in _TITLE_SEPARATOR.finditer(title)]
    if not cuts:
        return title
    bounds = [0, *(e for _, e in cuts)], [*(s for s, _ in cuts), len(title)]
    segments = [title[s:e] for s, e in zip(*bounds, strict=True)]
    first, last = 0, len(segments)
    while last - first > 1 and _site_like(segments[last - 1], site, host):
        last -= 1
    while last - first > 1 and _site_like(segments[first], site, host):
        first += 1
    kept = title[bounds[0][first] : bounds[1][last - 1]]
    for line in first_lines:
        if kept != line and kept.startswith(line) and _TITLE_SEPARATOR.match(kept, len(line)):
            return line
    return kept


def _people(author: str | None, site: str | None, host: str | None) -> tuple[str, ...]:
    """The page's author field split at ';', without the parts that name the site itself
    ("TUOI TRE ONLINE", "Baodautu Vn")."""
    parts = (a.strip() for a in (author or "").split(";"))
    return tuple(a for a in parts if a and not _site_like(a, site, host))


def _site_like(part: str, site: str | None, host: str | None) -> bool:
    """Does `part` name the site: its site name, or holding its host's name ("Tuổi Trẻ Online")?"""
    folded = _fold(part)
    if not folded:
        return True
    if site and (folded == _fold(site) or (len(folded) >= 4 and folded in _fold(site))):
        return True
    return bool(host and (host in folded if len(host) >= 4 else folded == host))


def _host_label(url: str | None) -> str | None:
    """'https://www.tuoitre.vn/x' → 'tuoitre' (the name under the public suffix, roughly)."""
    host = urlsplit(url).hostname if url else None
    if not host:
        return None
    labels = [p for p in host.split(".") if p not in ("www", "m", "amp", "mobile")]
    while len(labels) > 1 and len(labels[-1]) <= 3:  # .vn, .com.vn, .gov.vn
        labels.pop()
    return _fold(labels[0]) if labels else None


def _fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Tuổi Trẻ Online' → 'tuoitreonline'."""
    return "".join(c for c in fold(text) if c.isascii() and c.isalnum())


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())
