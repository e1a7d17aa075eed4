"""Rebuild the register of public figures (`patterns/known_persons.toml`) from a corpus.

    .venv/bin/python bench/known_persons.py --exclude-list ../notes/draw-26.txt

Every article is extracted with the shipped packs minus the register; a person found WITH an anchor
(rules `ANCHORED`: a title, an honorific or role/profession word before the name, the name's full form
anchored or shaped as a name in the same article, a list with a person found, the NER vote of a
repeated name) counts for its key (the full name's key when
the article names the person in full: "Tổng thống Trump" beside "Donald Trump"). Keys of Latin names
equal without accents join; a one-word foreign key joins the full key ending with it that is anchored
in more articles than all others ending so ("trump" → "donald trump"). A key anchored in at least
`--min-articles` distinct articles (and after a title or honorific in `--min-titled`) is registered
with the name the articles write most in its own form, unless that name is a listed place or street,
a common word of the dictionary, a single Vietnamese syllable or listed foreign given name, a name that
writes a word twice ("Facebook Facebook"), in the
person pack's `not_known` list, or follows a street, place, firm, acronym or credit word
(`LeftContext.thing_left`) in more articles than it is anchored in. A listed honorific opening the name
(the person pack's `known_prefixes`: "Samdech Techo Hun Sen") is dropped from it and its key. A foreign full name also
registers its surname as an alias when no other entry has it (none for a family name written first,
a hyphenated Korean given name, a particle before it, a listed given name). The articles of every
`tests/real/` draw and of the `--exclude-list` files are left out, so that no gold figure measures a
register mined from its own article. The file keeps names and counts only, never a sentence.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from de06_extract.api import extract_paths
from de06_extract.normalize import fold, normalize
from de06_extract.recognizers.person.anchors import Anchors
from de06_extract.recognizers.person.known import KNOWN_PACK, entry_kind
from de06_extract.recognizers.person.shape import NameShape, person_key
from de06_extract.rulepacks import default_patterns_dir, load_packs
from de06_extract.underthesea_adapter import common_word

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi"
OUTPUT = ROOT / "patterns" / f"{KNOWN_PACK}.toml"
# rules reading an anchor: a title or honorific/role before the name (`TITLED`), the name's full form
# anchored or shaped as a name in the same article (a foreign given name, a short form of it), a list
# with a person found, or a repeated name the NER model votes a person (not the name model's guesses)
TITLED = {"title", "honorific"}
ANCHORED = TITLED | {"known", "given", "surname", "foreign", "famous", "scorer", "subject", "listed", "vote"}
MIN_ARTICLES = 2
MIN_TITLED = 0

Mention = tuple[str, str, str, bool]  # article, name as written, key, after a title or honorific


def mentions(paths: list[str], extraction: Path | None) -> Iterator[list[Mention]]:
    """Per article: its anchored persons, from a run of the extractor with the shipped packs minus the
    register (a rebuild does not read its own output) or from a JSONL extraction of the same files by
    such packs (`de06 extract`, `--extraction`)."""
    if extraction is None:
        with tempfile.TemporaryDirectory() as tmp:
            packs = Path(tmp) / "patterns"
            shutil.copytree(
                default_patterns_dir(), packs, ignore=shutil.ignore_patterns(f"{KNOWN_PACK}.toml")
            )
            for article in extract_paths(paths, patterns_dir=packs):
                yield _anchored(article.source, [f.model_dump() for f in article.facts])
        return
    wanted = {Path(p).name for p in paths}
    with extraction.open("rb") as fh:
        for line in fh:
            art: dict[str, Any] = json.loads(line)
            if Path(art["source"]).name in wanted:
                yield _anchored(art["source"], art["facts"])


def _anchored(source: str, facts: list[dict[str, Any]]) -> list[Mention]:
    """The persons of one article found by a rule of `ANCHORED`."""
    out = []
    for f in facts:
        rule = f["rule"].removeprefix("person.")
        if f["kind"] == "person" and rule in ANCHORED:
            out.append((source, normalize(f["text"]).text, f["key"], rule in TITLED))
    return out


def collect(
    per_article: Iterable[list[Mention]], prefixes: Iterable[str] = ()
) -> tuple[dict[str, set[str]], dict[str, Counter[str]], dict[str, set[str]]]:
    """Per key: the articles anchoring it, the names written for it, the articles with a title or
    honorific before it. A listed honorific opening the name or the key (`prefixes`, longest first:
    "Samdech Techo") is dropped from both."""
    ordered = sorted(prefixes, key=len, reverse=True)
    openers = [p + " " for p in ordered]
    key_openers = [person_key(p) + " " for p in ordered]
    articles: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    titled: dict[str, set[str]] = defaultdict(set)
    for found in per_article:
        for source, written, full_key, after_title in found:
            name = next((written.removeprefix(o) for o in openers if written.startswith(o)), written)
            key = next((full_key.removeprefix(o) for o in key_openers if full_key.startswith(o)), full_key)
            articles[key].add(source)
            names[key][name] += 1
            if after_title:
                titled[key].add(source)
    return articles, names, titled


def merge_surnames(
    articles: dict[str, set[str]],
    names: dict[str, Counter[str]],
    titled: dict[str, set[str]],
    shape: NameShape,
) -> dict[str, str]:
    """The foreign full key anchored in more articles than all others ending with the same surname
    ("donald trump" over "melania trump") takes the one-word key of that surname ("trump") and the
    surname as its alias; none for a name whose last word is no surname: a hyphenated Korean given name
    ("Moon Jae-in"), a listed given name ("Charles Michel"), an ethnic name ("H'Hen Niê"), or a particle
    before it ("Marine Le Pen")."""
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in articles:
        words = _display(names[key]).split()
        if len(words) > 1 and not all(map(shape.vn, words)):
            by_surname[person_key(words[-1])].append(key)
    aliases: dict[str, str] = {}
    for surname, keys in by_surname.items():
        keys.sort(key=lambda k: -len(articles[k]))
        full = keys[0]
        if len(articles[full]) <= sum(len(articles[k]) for k in keys[1:]):
            continue
        words = _display(names[full], full).split()
        if surname in articles:
            articles[full] |= articles.pop(surname)
            names[full].update(names.pop(surname))
            titled[full] |= titled.pop(surname, set())
        alias = words[-1]
        if not (
            len(alias) < 3
            or alias.isupper()  # "Elizabeth II"
            or words[0] in shape.family_first  # "Liu Zhongtian": the family name first
            or "-" in alias
            or alias[:1].islower()
            or shape.given_word(alias)
            or shape.ethnic(words[0])
            or (len(words[-2]) <= 3 and not words[-2].endswith(".") and words[-2] != words[0])
        ):
            aliases[full] = alias
    return aliases


def _display(counts: Counter[str], key: str = "") -> str:
    """The name written most for a key, the key's own form first ("Lê Công Vinh", not "Công Vinh")."""
    return max(counts.items(), key=lambda kv: (person_key(kv[0]) == key, " " in kv[0], kv[1], kv[0]))[0]


def merge_spellings(
    articles: dict[str, set[str]],
    names: dict[str, Counter[str]],
    titled: dict[str, set[str]],
    shape: NameShape,
) -> None:
    """Keys of Latin names equal once their accents are dropped ("françois fillon", "francois fillon")
    join the one anchored in most articles; keys holding a Vietnamese syllable differ by their tones and
    stay apart ("nguyễn văn phương", "nguyễn văn phượng")."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key in articles:
        if not any(map(shape.vn, key.split())):
            groups[fold(key)].append(key)
    for keys in groups.values():
        keys.sort(key=lambda k: (-len(articles[k]), k))
        for other in keys[1:]:
            articles[keys[0]] |= articles.pop(other)
            names[keys[0]].update(names.pop(other))
            titled[keys[0]] |= titled.pop(other, set())


def thing_uses(paths: list[str], names: set[str], anchors: Anchors, run: Any) -> Counter[str]:
    """Per registered name: the articles where a capitalised run equal to it follows a street, place,
    firm or other thing word."""
    out: Counter[str] = Counter()
    for path in paths:
        text = normalize(Path(path).read_text(encoding="utf-8")).text
        left = anchors.scan(text)
        seen = {m.group() for m in run.finditer(text) if m.group() in names and left.thing_left(m.start())}
        out.update(seen)
    return out


def build(
    paths: list[str], extraction: Path | None, min_articles: int, min_titled: int
) -> list[dict[str, Any]]:
    """The register's entries, sorted by key."""
    pack = load_packs()["person"]
    anchors = Anchors(pack)
    shape = NameShape(pack, anchors, (2, 4), 3, 4)
    blocked = {w.lower() for w in pack.lexicon("not_known")}
    articles, names, titled = collect(mentions(paths, extraction), pack.lexicon("known_prefixes"))
    merge_spellings(articles, names, titled, shape)
    aliases = merge_surnames(articles, names, titled, shape)
    kept: dict[str, str] = {}
    for key, arts in articles.items():
        name = _display(names[key], key)
        words = name.split()
        if (
            len(arts) < min_articles
            or person_key(name) != key  # a typo's key ("... Phượng" for "... Phương"): no name of its own
            or len(titled[key]) < min_titled
            or key in blocked
            or name.lower() in blocked
            or name in shape.places
            or name in anchors.streets
            or (len(words) == 1 and (shape.vn(name) or shape.given_word(name)))
            or len(set(words)) < len(words)  # a word written twice ("Facebook Facebook"): a scraping echo
            or common_word(name.lower())
        ):
            continue
        kept[key] = name
    surnames = Counter(aliases.get(k) for k in kept if aliases.get(k))
    alias_of = {
        k: aliases[k]
        for k in kept
        if k in aliases
        and surnames[aliases[k]] == 1
        and aliases[k] not in shape.places
        and aliases[k].lower() not in blocked
        and not common_word(aliases[k].lower())
    }
    taken = set(kept.values())
    alias_of = {k: a for k, a in alias_of.items() if a not in taken}
    run = pack.compile(r"{run}", case_sensitive=True)
    things = thing_uses(paths, set(kept.values()) | set(alias_of.values()), anchors, run)
    entries = []
    for key in sorted(kept):
        name = kept[key]
        if things[name] > len(articles[key]):
            continue
        alias = alias_of.get(key)
        entries.append(
            {
                "key": key,
                "name": name,
                "aliases": [alias] if alias and things[alias] <= len(articles[key]) else [],
                "kind": entry_kind(shape, name),
                "articles": len(articles[key]),
            }
        )
    return entries


def _q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def render(entries: list[dict[str, Any]], header: str) -> str:
    """The register as a support pack: tables keyed by the person's key, in key order."""
    lines = [header, "[pack]", f'name = "{KNOWN_PACK}"', 'description = "Register of public figures."', ""]
    lines.append("# key = the name, then its aliases, joined by '; '")
    lines.append("[tables.names]")
    lines += [f"{_q(e['key'])} = {_q('; '.join([e['name'], *e['aliases']]))}" for e in entries]
    lines += ["", "# key = foreign, vietnamese or stage", "[tables.kinds]"]
    lines += [f"{_q(e['key'])} = {_q(e['kind'])}" for e in entries]
    lines += ["", "# key = articles anchoring the person", "[tables.articles]"]
    lines += [f"{_q(e['key'])} = {_q(str(e['articles']))}" for e in entries]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--exclude-list", action="append", default=[], type=Path, help="file names, one a line"
    )
    parser.add_argument(
        "--include-gold", action="store_true", help="keep the articles of tests/real/ (left out by default)"
    )
    parser.add_argument(
        "--extraction", type=Path, help="a JSONL extraction of the corpus (`de06 extract`) instead of a run"
    )
    parser.add_argument("--min-articles", type=int, default=MIN_ARTICLES)
    parser.add_argument("--min-titled", type=int, default=MIN_TITLED)
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    excluded = {
        Path(line.strip()).name
        for f in args.exclude_list
        for line in f.read_text().splitlines()
        if line.strip()
    }
    if not args.include_gold:
        excluded |= {
            p.name.replace(".gold.toml", ".txt") for p in (ROOT / "tests" / "real").glob("*/*.gold.toml")
        }
    paths = sorted(str(p) for p in args.corpus.glob("*.txt") if p.name not in excluded)
    entries = build(paths, args.extraction, args.min_articles, args.min_titled)
    header = (
        f"# Generated by bench/known_persons.py --min-articles {args.min_articles} --min-titled {args.min_titled}"
        f" over {len(paths)} articles of {args.corpus.name}/ (minus tests/real/ and"
        f" {', '.join(f.name for f in args.exclude_list) or 'no list'}) on {datetime.date.today()}.\n"
        "# Do not edit: block a name with the person pack's `not_known` list, add one with its"
        " `known_added` table, and rebuild.\n"
    )
    args.output.write_text(render(entries, header), "utf-8")
    print(f"{len(paths)} articles, {len(entries)} persons → {args.output}")


if __name__ == "__main__":
    main()
