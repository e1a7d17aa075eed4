"""Rebuild the person name model (`src/de06_extract/data/person-syllables.tsv`) from a corpus.

    .venv/bin/python bench/name_model.py --exclude-gold --exclude-list ../notes/draw-18.txt

Every article is extracted with the shipped rules; the last two syllables of each Vietnamese person
name found WITH an anchor (a title, an honorific or role, a full mention: rules of `ANCHORED`) count as
a given-name pair (middle syllable, last syllable); every other run of exactly two Vietnamese
syllables (not a person's, not a sign-off, not opening a sentence or a quote) counts as an other pair
(places, organisations, brands, headings). Pairs are counted once each (distinct pairs), so one
famous name met in many articles weighs as one name. The file keeps derived counts per syllable only, no
sentence: `syllable<TAB>middle-person<TAB>middle-other<TAB>last-person<TAB>last-other`; then the
two-syllable names used ALONE with an anchor ("ca sĩ Đông Nhi", "danh hài Hoài Linh") in at least
`MIN_PAIR` articles and in no more articles without any anchor: `pair<TAB>anchored<TAB>other`. Articles of
`tests/real/` (`--exclude-gold`) and of the listed files are left out, so that no draw scores a model
built from its own articles.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from de06_extract.api import extract_paths
from de06_extract.normalize import normalize
from de06_extract.recognizers.person.anchors import Anchors
from de06_extract.recognizers.person.namemodel import (
    DATA_FILE,
    FOREIGN,
    FOREIGN_SUFFIX,
    foreign_name,
    opens_phrase,
)
from de06_extract.recognizers.person.shape import NameShape
from de06_extract.rulepacks import load_packs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi"
ANCHORED = {"title", "honorific", "known", "given", "subject", "listed", "famous", "scorer"}
# a foreign name is anchored by a verb of saying or a title after it too ("Deborah Nelson cho biết")
FOREIGN_ANCHORED = ANCHORED | {"foreign"}
MIN_COUNT = 2  # a syllable seen fewer times in all is left out (it scores as unseen)
# a pair used alone with an anchor in this many articles, and in no more articles without one, is kept
MIN_PAIR = 2


Counts = dict[str, list[int]]


def count(paths: list[str]) -> tuple[Counts, dict[tuple[str, str], list[int]], Counts]:
    """Per syllable: in how many distinct given-name pairs of persons it is the middle, the first of
    other pairs, the last of persons', the last of others' (distinct pairs, so that one famous name
    met in many articles counts once); a pair a person has anywhere is no other pair. Per pair: in how
    many articles it is a person's given-name pair, and in how many others it is only an other run.
    Foreign names (`namemodel.foreign_name`: "Kim Tae Hee", "Hervé Falciani") are counted apart."""
    pack = load_packs()["person"]
    shape = NameShape(pack, Anchors(pack), (2, 4), 3, 4)
    vn = shape.vn
    runs = pack.compile(r"{run}", case_sensitive=True)
    persons: set[tuple[str, str]] = set()
    others: set[tuple[str, str]] = set()
    by_pair: dict[tuple[str, str], list[int]] = {}
    foreign_persons: set[tuple[str, ...]] = set()
    foreign_others: set[tuple[str, ...]] = set()
    for article in extract_paths(paths):
        text = normalize(Path(article.source).read_text(encoding="utf-8")).text
        names = {
            normalize(f.text).text
            for f in article.facts
            if f.kind == "person" and f.rule.removeprefix("person.") in ANCHORED
        }
        foreign_persons |= {
            tuple(normalize(f.text).text.split())
            for f in article.facts
            if f.kind == "person" and f.rule.removeprefix("person.") in FOREIGN_ANCHORED
        }
        mine: set[tuple[str, str]] = set()
        tails: set[tuple[str, str]] = set()
        for name in names:  # the given-name pair: its last two syllables
            words = name.split()
            if len(words) >= 2 and all(map(vn, words)):
                tails.add((words[-2], words[-1]))
                if len(words) == 2:  # a given or stage name used alone with an anchor ("ca sĩ Đông Nhi")
                    mine.add((words[0], words[1]))
        theirs: set[tuple[str, str]] = set()
        skip = set(article.authors)
        for m in runs.finditer(text):  # other runs of exactly two syllables, inside a phrase
            words = m.group().split()
            if m.group() not in skip and not opens_phrase(text, m.start()):
                foreign_others.add(tuple(words))
            if (
                len(words) == 2
                and m.group() not in skip
                and not opens_phrase(text, m.start())
                and all(map(vn, words))
            ):
                theirs.add((words[0], words[1]))
        persons |= tails
        others |= theirs
        for pair in mine:
            by_pair.setdefault(pair, [0, 0])[0] += 1
        for pair in theirs - tails:
            by_pair.setdefault(pair, [0, 0])[1] += 1
    counts: dict[str, list[int]] = {}
    for pairs, k in ((persons, 0), (others - persons, 1)):
        for a, b in pairs:
            counts.setdefault(a, [0, 0, 0, 0])[k] += 1
            counts.setdefault(b, [0, 0, 0, 0])[k + 2] += 1
    syllables = {s for s, c in counts.items() if sum(c) >= MIN_COUNT}  # as the data file keeps them

    def foreign(names: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
        return {n for n in names if foreign_name(shape, syllables, list(n))}

    return (
        counts,
        by_pair,
        foreign_counts(foreign(foreign_persons), foreign(foreign_others - foreign_persons)),
    )


def foreign_counts(persons: set[tuple[str, ...]], others: set[tuple[str, ...]]) -> Counts:
    """Per word and per word ending (`FOREIGN_SUFFIX` + its last three letters): in how many distinct
    foreign names of persons it is the first word, of other runs the first, of persons the last, of
    others the last."""
    counts: Counts = {}
    for names, k in ((persons, 0), (others, 1)):
        for name in names:
            for word, at in ((name[0], k), (name[-1], k + 2)):
                for key in (word, FOREIGN_SUFFIX + word[-3:].lower()):
                    counts.setdefault(FOREIGN + key, [0, 0, 0, 0])[at] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--exclude-gold", action="store_true", help="leave out every article in tests/real/")
    parser.add_argument(
        "--exclude-list", action="append", default=[], type=Path, help="file names, one a line"
    )
    parser.add_argument("-o", "--output", type=Path, default=DATA_FILE)
    args = parser.parse_args()
    excluded = {
        line.strip() for f in args.exclude_list for line in f.read_text().splitlines() if line.strip()
    }
    if args.exclude_gold:
        excluded |= {
            p.name.replace(".gold.toml", ".txt") for p in (ROOT / "tests" / "real").glob("*/*.gold.toml")
        }
    paths = sorted(str(p) for p in args.corpus.glob("*.txt") if p.name not in excluded)
    counts, pairs, foreign = count(paths)
    rows = sorted((s, c) for s, c in counts.items() if sum(c) >= MIN_COUNT)
    rows += sorted((s, c) for s, c in foreign.items() if sum(c) >= MIN_COUNT)
    rows += sorted((" ".join(p), c) for p, c in pairs.items() if c[0] >= MIN_PAIR and c[0] >= c[1])
    header = (
        f"# bench/name_model.py over {len(paths)} articles; syllable, middle P/O, last P/O;"
        " then pair, articles alone with an anchor, articles with none\n"
    )
    args.output.write_text(
        header + "".join(f"{s}\t" + "\t".join(map(str, c)) + "\n" for s, c in rows), "utf-8"
    )
    print(f"{len(paths)} articles, {len(rows)} syllables and pairs → {args.output}")


if __name__ == "__main__":
    main()
