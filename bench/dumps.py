"""The text-dump rules on real pages: crude text dumps of ../shared/corpus/html against their metadata.

    .venv/bin/python bench/dumps.py

Each saved page is turned into the text a "copy all text" scraper gives (one line per block element,
scripts and styles dropped; the page's <title> first), run through the pipeline as plain text, and
its title and published are compared with the page's own og:title and article:published_time.
No HTML reader is involved: this measures the zones rules on unseen real layouts.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from de06_extract import extract_text
from de06_extract.dates import normalise_published
from de06_extract.normalize import normalize

PAGES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "br", "tr", "section", "article", "header", "footer"}
_BLOCKS |= {"nav", "ul", "figcaption", "time", "title"}
_SKIP = {"script", "style", "noscript", "svg"}


class _Dump(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.meta: dict[str, str] = {}
        self._cur: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self._skip += tag in _SKIP
        key = a.get("property") or a.get("name") or a.get("itemprop")
        if tag == "meta" and key and a.get("content"):
            self.meta.setdefault(key, a["content"] or "")
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        self._skip = max(0, self._skip - (tag in _SKIP))
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._cur.append(data)

    def _flush(self) -> None:
        line = re.sub(r"\s+", " ", " ".join(self._cur)).strip()
        if line:
            self.lines.append(line)
        self._cur = []


def main() -> None:
    titles = published = stated = 0
    pages = sorted(PAGES.glob("*.html"))
    for page in pages:
        dump = _Dump()
        dump.feed(page.read_text(encoding="utf-8", errors="replace"))
        dump.close()
        article = extract_text("\n".join(dump.lines) + "\n", source=page.name)
        want_title = normalize(dump.meta.get("og:title", "")).text.strip()
        raw_published = dump.meta.get("article:published_time") or dump.meta.get("pubdate")
        want_published = normalise_published(raw_published.replace(" +", "+")) if raw_published else None
        titles += article.title == want_title
        if want_published:
            stated += 1
            published += (article.published or "")[:16] == want_published[:16]
        print(
            f"{page.name}: title {article.title == want_title}, published {article.published} / {want_published}"
        )
    print(f"title {titles}/{len(pages)}, published {published}/{stated} (pages stating one)")


if __name__ == "__main__":
    main()
