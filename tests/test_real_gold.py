"""Score the extractor against the real-text gold (`tests/real/<draw>/`, articles in ../shared).

The gold files name corpus articles (`000976.gold.toml` → `baomoi/000976.txt`); the texts stay in
../shared and are never copied into the repo. Each draw has its own floors: the figures measured on it
when they were set, minus 0.02, rounded down: a regression floor, not the issue's goal (0.97).
Run with `-s` to see the measured figures.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from de06_extract.api import extract_paths
from de06_extract.cli import app
from de06_extract.evaluate import IDENTITY, EvalResult, KindScore, load_extraction, load_gold, score
from de06_extract.output import article_line

from .conftest import CORPUS, ROOT, assert_offsets

REAL = ROOT / "tests" / "real"
GOLD_DIRS = sorted(p for p in REAL.glob("*") if p.is_dir() and any(p.glob("*.gold.toml")))
ZONES = {"title", "body", "meta", "related"}
KINDS = ("date", "ratio", "percent", "money", "quantity", "document", "person")
# (precision, recall) floors per kind and the person-title floor (share of matched persons that get
# exactly their own titles), per draw.
FLOORS: dict[str, dict[str, tuple[float, float]]] = {
    # all 40 articles; dates, money, quantities and documents after issue 12's fixes of their classes
    "draw-2026": {
        "date": (0.97, 0.97),  # after issue 12's text-fixed years of day-months (P and R 0.990)
        "ratio": (0.98, 0.98),  # no ratio in these 40 articles: any spurious one fails
        "percent": (0.98, 0.98),
        "money": (0.98, 0.97),  # issue 12's held-out classes (bare amounts after a money word, lists)
        "quantity": (0.97, 0.96),
        "document": (0.98, 0.98),
        "person": (0.98, 0.95),  # name model (P 0.987, R 0.971; the fps "Ngọc" x3 are right by convention 4)
    },
    # the held-out draw (seed 7, 20 articles), annotated after the rules were written
    "draw-7": {
        "date": (0.94, 0.94),  # after issue 12's paragraph year, decades, names (P and R 0.963)
        "ratio": (0.98, 0.98),  # no ratio in these 20 articles either
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # after fixing the failure classes found on this draw (docs/accuracy-log.md)
        "quantity": (0.98, 0.98),
        "document": (0.98, 0.98),
        "person": (0.99, 0.85),  # person recall 2026-11-30 (P 1.000, R 0.870; "Bosco" x7 missed)
    },
    # the third draw (seed 8, 20 articles), annotated blind at the end of the day (rules as of bcf1c10)
    "draw-8": {
        "date": (0.98, 0.98),  # after issue 12's draw-8 date classes (P and R 1.000)
        "ratio": (0.98, 0.98),  # no ratio in these 20 articles either
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # after issue 12's draw-8 money classes (P and R 1.000)
        "quantity": (0.95, 0.98),  # numbers3: a metric unit after a name, "3.5 lít" (P 0.975, R 1.000)
        "document": (0.98, 0.98),
        "person": (0.99, 0.92),  # person recall 2026-11-30 (P 1.000, R 0.944: "George W. Bush" found)
    },
    # the fourth draw (seed 9, 20 articles), annotated blind (rules as of 15ce5bf + this branch)
    "draw-9": {
        "date": (0.98, 0.98),  # numbers9: "quý 4 và cả năm 2016" (P and R 1.000)
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),
        "quantity": (0.94, 0.98),
        "document": (0.98, 0.98),
        "person": (0.99, 0.97),  # person precision 2026-11-30 (P 1.000, R 0.992: "Li" missed)
    },
    # the fifth and sixth draws (seeds 10 and 11, 20 articles each), annotated blind on 2026-11-29 and
    # scored with the rules of 0cee111 (docs/accuracy-log.md, seeds 10 and 11); measured minus 0.02
    "draw-10": {
        "date": (0.96, 0.96),  # after the draws 10-11 date classes (P and R 0.989)
        "ratio": (0.98, 0.98),  # no ratio in these 20 articles: any spurious one fails
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),
        "quantity": (0.98, 0.98),  # after its quantity classes (P and R 1.000)
        "document": (0.98, 0.98),
        "person": (0.98, 0.96),  # person recall 2026-11-30 (P 0.994, R 0.983; the fp "Với Vương" is right)
    },
    "draw-11": {
        "date": (0.98, 0.98),  # after the draws 10-11 date classes (P and R 1.000)
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # after the bare "10 tỷ" before a capital (P and R 1.000)
        "quantity": (0.98, 0.98),  # numbers9: "1 chiều", "1 số" no counts (P and R 1.000)
        "document": (0.98, 0.98),
        "person": (0.98, 0.93),  # names6 round: a line-up of the register (P 1.000, R 0.953)
    },
    # the final blind draw (seed 12, 40 articles), scored once after the last merge of 2026-11-29;
    # dates, numbers and documents tuned on it since (docs/accuracy-log.md, "Fixed since: draw-12 ...")
    "draw-12": {
        "date": (0.97, 0.97),  # numbers5: meeting edition years (P and R 0.994)
        "ratio": (0.98, 0.98),  # after "thương binh 2/4" became a label (P 1.000)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # after prefixed currency signs and the headline's "100 triệu" (R 1.000)
        "quantity": (0.98, 0.98),  # acronym counts ("500 GV") harmonised as quantities (P and R 1.000)
        "document": (0.98, 0.98),  # after law abbreviations with a year, "BLHS 2015" (R 1.000)
        "person": (0.97, 0.89),  # persons12: P 0.992, R 0.911 ("Louis Nguyễn": a Latin given name first)
    },
    # the blind draw of 2026-11-30 (seed 13, 40 articles), scored after every merge of the day; one date
    # class fixed after seeing it (docs/accuracy-log.md, seed 13): measured minus 0.02
    "draw-13": {
        "date": (0.91, 0.91),  # numbers9: quarters of a named year (P 0.939, R 0.929)
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),  # after percentage points ("0,16 điểm phần trăm", R 1.000)
        "money": (0.98, 0.98),
        "quantity": (0.94, 0.95),  # after quoted units, kV, "tốp" (P 0.964, R 0.979; accuracy-log.md)
        "document": (0.98, 0.98),
        "person": (0.96, 0.88),  # names12: given names used once (P 0.981, R 0.891); known14: R 0.901
    },
    # the second blind draw of 2026-11-30 (seed 14, 40 articles, annotated at 688e826 after every rule
    # change of the day), never used for a rule: measured minus 0.02
    "draw-14": {
        "date": (0.97, 0.95),  # numbers4: "UNCLOS 1982" a date (P 0.995, R 0.978)
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.98, 0.96),  # after bare prices per unit ("150 -200 triệu/tháng", R 0.986)
        "quantity": (0.95, 0.95),  # numbers11: "điều 3 tàu sân bay" counts (P 0.975, R 0.975)
        "document": (0.98, 0.88),
        "person": (0.96, 0.95),  # names12: given names used once (P 0.982, R 0.971)
    },
    # the seed-15 draw (40 articles, blind until 2026-11-30, tuned since: numbers2 and persons2 rounds)
    "draw-15": {
        # dates, quantities, ratios after the numbers2 round (docs/accuracy-log.md, "Fixed since: draw-15 dates"): seasons, "2/9
        # năm 2014", blows and records, quoted units (date P 0.976 R 0.961, quantity P 0.988 R 0.976)
        "date": (0.96, 0.94),  # numbers3: "Luật ... và ... năm 1965" no date (P 0.984, R 0.961)
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),
        "quantity": (0.96, 0.96),  # numbers11: "điều 400 binh sĩ" counts (P and R 0.988)
        "document": (0.98, 0.98),  # numbers3: a law's name joined by "và" (R 1.000)
        # known14 (register of public figures): R 0.959; "Messi" of 004922 (14 mentions, the article's
        # other subject) added to the gold by convention 2: P 0.978, R 0.954
        "person": (0.95, 0.93),
    },
    # the seed-16 draw (40 articles, blind until 2026-11-30, tuned since: numbers3, names3 and persons3 rounds, accuracy-log.md)
    "draw-16": {
        "date": (0.96, 0.97),  # quarter modifiers, "quý đầu tiên năm 2017" (P 0.988, R 0.994)
        "ratio": (0.98, 0.83),  # map scales are labels (P 1.000, R 0.857: "nhận trước 1/3" read as a date)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # bare triệu after đồng, a headline's tỷ, "146 tỷ Yên" (P and R 1.000)
        "quantity": (0.98, 0.98),  # voltage classes are labels, ranked lists, ages (P and R 1.000)
        "document": (0.98, 0.98),  # lower-case "luật", "(BLHS) số" (P and R 1.000)
        # names12: a name after a date (P 0.992, R 0.980); 0.923 while the register, rebuilt without draw-40,
        # lost "A Quý" ×15; d42persons anchors it by "người đàn ông có tên" (P 0.996, R 0.984)
        "person": (0.97, 0.96),
    },
    # the seed-17 draw (40 articles, blind until 2026-11-30, tuned since: numbers4, persons4 and names4 rounds, accuracy-log.md)
    "draw-17": {
        "date": (0.96, 0.95),  # numbers5: the lead not dated by the article's year (P 0.987, R 0.974)
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),
        "quantity": (0.96, 0.97),  # cc, population counts, stab wounds, "một lúc" (P 0.980, R 0.990)
        "document": (0.98, 0.98),
        # names11 and persons11: world given names, pen names after "tác giả"; known14: R 0.927
        "person": (0.97, 0.90),
    },
    # the seed-18 draw (40 articles, annotated at 5f594f8, blind until the numbers5 round): measured minus 0.02
    "draw-18": {
        "date": (0.98, 0.98),  # numbers5: event years after the day-month, "hết ngày" (P and R 1.000)
        "ratio": (0.98, 0.98),  # no ratio in the draw
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),
        "quantity": (0.96, 0.96),  # numbers5: "20 DN", "từ 2 lên 3 tầng", "kỳ quay 76" (P 0.983, R 0.988)
        "document": (0.98, 0.98),
        "person": (0.96, 0.95),  # names11: world given names (P 0.987, R 0.970)
    },
    # the seed-19 draw (40 articles, annotated at f26d610, never used for a rule): its score after the
    # fifth round (tuned on draw-18) minus 0.02; blind at f26d610 it scored micro F1 0.954
    "draw-19": {
        "date": (0.97, 0.96),  # numbers6 (P 0.994, R 0.988)
        "ratio": (0.98, 0.98),  # 5 facts
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # numbers6 (P and R 1.000)
        "quantity": (0.97, 0.97),  # numbers6 (P 0.994, R 0.994)
        "document": (0.98, 0.98),  # numbers6 (P and R 1.000)
        "person": (0.97, 0.92),  # persons14: P 0.992, R 0.946 (Hmong "Lầu Nênh Và", "Park Geun Hee")
    },
    # the seed-20 draw (40 articles, annotated at 0496d38, kept off main until both rounds of the
    # afternoon were merged): its blind score minus 0.02
    "draw-20": {
        "date": (0.95, 0.95),  # P 0.976, R 0.970
        "ratio": (0.98, 0.98),  # no ratio in the draw
        "percent": (0.98, 0.98),
        # numbers7: P 0.993, R 1.000 (blind 0.993 / 0.993); 0.957 since the bare amounts of two articles were
        # annotated (ruling of 2026-12-01: a bare amount read as money is money): 7 of 12 not read
        "money": (0.97, 0.93),
        "quantity": (0.96, 0.96),  # numbers7: P 0.980, R 0.974 (blind 0.967 / 0.967); numbers11 R 0.980
        "document": (0.98, 0.98),
        # persons12: P 0.974, R 0.949 (an anonymised "Tạ Xuân H." no person); known14: R 0.964
        "person": (0.95, 0.94),
    },
    # the seed-21 draw (40 articles, annotated at 5553065, kept off main during the seventh round): its
    # blind score minus 0.02 (the address rule after it took its two false ratios)
    "draw-21": {
        "date": (0.98, 0.96),  # numbers8: P 1.000, R 0.980 (blind 0.995 / 0.951)
        "ratio": (0.98, 0.98),  # 1 fact (house numbers: 2 false before the address rule)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.97),  # numbers8: R 0.990 (blind 0.980)
        "quantity": (0.96, 0.96),  # numbers8: P 0.982, R 0.982 (blind 0.970 / 0.982)
        "document": (0.98, 0.98),
        "person": (0.96, 0.92),  # names11: P 0.988, R 0.937 (blind P 0.917, R 0.818); known14: R 0.942
    },
    # the seed-22 draw (40 articles, annotated at f167214, kept off main during the eighth round, which
    # changed nothing on it): its blind score minus 0.02
    "draw-22": {
        "date": (0.95, 0.96),  # blind 0.958 / 0.958; numbers9 0.964 / 0.970; numbers11 0.976 / 0.982
        "ratio": (0.98, 0.98),  # 1 fact
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # blind 0.956 / 0.956; numbers9 1.000 / 1.000
        "quantity": (0.97, 0.97),  # blind 0.976 / 0.995; numbers9 0.995 / 0.995
        "document": (0.98, 0.98),
        "person": (0.95, 0.91),  # persons9: P 0.977, R 0.931 (blind 0.930 / 0.922)
    },
    # the seed-23 draw (40 articles, annotated at 1a0439c, kept off main during the ninth round): its
    # blind score minus 0.02
    "draw-23": {
        "date": (0.98, 0.97),  # blind 1.000 / 0.990
        "ratio": (0.98, 0.98),  # blind 0.500 / 1.000 (a grade "11/12", 2 false); numbers10 1.000
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # blind 1.000 / 0.951; numbers10 1.000 / 1.000
        "quantity": (0.96, 0.96),  # blind 0.949 / 0.974; ninth round 0.955 / 0.974; numbers10 0.987 / 0.987
        "document": (0.98, 0.98),
        # blind 0.955 / 0.880; persons10 0.974 / 0.894; names11 0.978 / 0.914; known14 0.978 / 0.932
        "person": (0.954, 0.91),
    },
    # the seed-24 draw (40 articles, annotated at b0ffa4b, blind until the eleventh round): blind figures
    # (after the eleventh round) minus 0.02
    "draw-24": {
        "date": (0.97, 0.95),  # blind 0.975 / 0.937; numbers12 0.975 / 0.956; docs13 0.990 / 0.976
        "ratio": (0.98, 0.81),  # blind 1.000 / 0.833 (6 facts)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),  # blind 1.000 / 0.976; numbers12 1.000 / 1.000 (RM)
        "quantity": (0.96, 0.95),  # blind 0.986 / 0.926; numbers12 0.986 / 0.973
        "document": (0.98, 0.98),  # blind 0.952 / 1.000; docs13 1.000 / 1.000 (no law in UNCLOS)
        # blind 0.952 / 0.826; twelfth round 0.974 / 0.856; persons14 0.987 / 0.864; known14 0.974 / 0.864;
        # names15 0.987 / 0.875
        "person": (0.96, 0.855),
    },
    # the seed-25 draw (40 articles, annotated at a000213, blind until the twelfth round): blind figures
    # (unchanged by the twelfth round) minus 0.02
    "draw-25": {
        "date": (0.94, 0.95),  # blind 0.967 / 0.962; docs13 0.967 / 0.971
        "ratio": (0.98, 0.98),  # blind 1.000 / 1.000 (3 facts)
        "percent": (0.98, 0.98),  # blind 0.960 / 0.960 ("-0,1%" lost its sign, twice); 1.000 since
        "money": (0.96, 0.93),  # blind 0.984 / 0.954
        "quantity": (0.90, 0.95),  # blind 0.920 / 0.972
        "document": (0.98, 0.98),  # blind 0.750 / 1.000 (8 facts); docs13 1.000 / 1.000
        "person": (0.98, 0.90),  # blind 0.997 / 0.911 (unchanged by the twelfth round); names15 1.000 / 0.920
    },
    # the seed-26 draw (40 articles, annotated at 4ead9c7, blind until the fourteenth round, which moved
    # none of it): blind figures minus 0.02; the lead's fixes after scoring in the comments
    "draw-26": {
        "date": (0.94, 0.90),  # blind 0.965 / 0.924; glued full-date ranges, ISO stamps 0.967 / 0.962
        "ratio": (0.98, 0.98),  # blind: the 2 betting odds ("7/4", "33/1") missed; read since dates16
        "percent": (0.98, 0.96),  # blind 1.000 / 0.988
        "money": (0.96, 0.94),  # blind 0.983 / 0.967; negative amounts 1.000 / 0.984
        "quantity": (0.95, 0.92),  # blind 0.977 / 0.949
        "document": (0.98, 0.98),  # blind 1.000 / 1.000 (21 facts)
        # blind 0.949 / 0.923; "người yêu", DNTN, US states 0.989 / 0.930; names15 0.990 / 0.953
        "person": (0.97, 0.93),
    },
    # the seed-27 draw (40 articles, annotated blind in two halves at e7ccf43, kept off main through
    # the sixteenth round): blind figures minus 0.02; after the round and the lead's fixes in the comments
    "draw-27": {
        "date": (0.96, 0.91),  # blind 0.984 / 0.939; dates17 0.984 / 0.949
        "ratio": (0.98, 0.98),  # no ratio in the draw
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (38 facts)
        "money": (0.98, 0.95),  # blind 1.000 / 0.974
        "quantity": (0.91, 0.93),  # blind 0.930 / 0.951
        "document": (0.98, 0.91),  # blind 1.000 / 0.931
        "person": (0.94, 0.94),  # blind 0.969 / 0.969; industrial zones 0.982 / 0.969
    },
    # the seed-28 draw (40 articles, annotated blind in two halves at 6c745d6, kept off main through
    # the seventeenth round): blind figures minus 0.02; after the round and the lead's fixes in the comments
    "draw-28": {
        "date": (0.93, 0.89),  # blind 0.957 / 0.918; clock times 0.969 / 0.929
        "ratio": (0.98, 0.83),  # blind 1.000 / 0.857 (7 facts)
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (33 facts)
        "money": (0.92, 0.91),  # blind 0.943 / 0.930; "âm" 0.957 / 0.944
        "quantity": (0.96, 0.94),  # blind 0.982 / 0.964
        "document": (0.98, 0.98),  # blind 1.000 / 1.000 (15 facts)
        "person": (0.92, 0.92),  # blind 0.944 / 0.944; "Nhà" 0.974 / 0.944
    },
    # the seed-29 draw (40 articles, annotated blind in two halves at 0d2931a, after the seventeenth
    # round): blind figures minus 0.02
    "draw-29": {
        "date": (0.97, 0.97),  # blind 0.993 / 0.993
        "ratio": (0.98, 0.38),  # blind 1.000 / 0.400 (5 facts: "½", "¼", a decimal numerator "6,5/18")
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (41 facts)
        "money": (0.98, 0.98),  # blind 1.000 / 1.000 (51 facts)
        "quantity": (0.91, 0.93),  # blind 0.938 / 0.958
        "document": (0.98, 0.98),  # blind 1.000 / 1.000 (25 facts)
        "person": (0.96, 0.92),  # blind 0.980 / 0.940
    },
    # the seed-30 draw (40 articles, annotated blind in two halves at d12ba91, kept off main through
    # the eighteenth round): blind figures minus 0.02
    "draw-30": {
        "date": (0.98, 0.97),  # blind 1.000 / 0.991
        "ratio": (0.98, 0.98),  # no ratio in these 40 articles: any spurious one fails
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (68 facts)
        "money": (0.98, 0.98),  # blind 1.000 / 1.000 (85 facts)
        "quantity": (0.95, 0.94),  # blind 0.978 / 0.962
        "document": (0.98, 0.98),  # blind 1.000 / 1.000 (1 fact)
        "person": (0.93, 0.91),  # blind 0.951 / 0.937
    },
    # the seed-31 draw (40 articles, annotated blind in two halves at 6de37c3, during the eighteenth round,
    # whose helpers had been told of draw-30 only): blind figures minus 0.02
    "draw-31": {
        "date": (0.95, 0.94),  # blind 0.975 / 0.969
        "ratio": (0.98, 0.98),  # blind 1.000 / 1.000 (4 facts)
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (15 facts)
        "money": (0.98, 0.93),  # blind 1.000 / 0.957
        "quantity": (0.95, 0.96),  # blind 0.970 / 0.988
        "document": (0.94, 0.94),  # blind 0.966 / 0.966
        "person": (0.95, 0.87),  # blind 0.972 / 0.891
    },
    # the seed-32 draw, annotated blind in two halves at 8b9c69c and scored there: blind minus 0.02
    "draw-32": {
        "date": (0.94, 0.93),  # blind 0.965 / 0.956 (years inferred where the gold gives none, and back)
        "ratio": (0.73, 0.58),  # blind 0.750 / 0.600 (5 facts: "Mega 6/45", a range of rates per 100,000)
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (48 facts)
        "money": (0.98, 0.97),  # blind 1.000 / 0.992
        "quantity": (0.95, 0.93),  # blind 0.978 / 0.957
        "document": (0.98, 0.98),  # blind 1.000 / 1.000 (10 facts)
        "person": (0.98, 0.70),  # blind 1.000 / 0.720 (19 misses are one football line-up)
    },
    # the seed-33 draw, annotated blind in two halves at 02922d9 and scored there: blind minus 0.02
    "draw-33": {
        "date": (0.95, 0.94),  # blind 0.975 / 0.961
        "ratio": (0.98, 0.98),  # no ratio in these 40 articles: any spurious one fails
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (24 facts)
        "money": (0.98, 0.96),  # blind 1.000 / 0.988
        "quantity": (0.96, 0.95),  # blind 0.980 / 0.971
        "document": (0.98, 0.93),  # blind 1.000 / 0.950 (20 facts)
        "person": (0.96, 0.91),  # blind 0.983 / 0.938
    },
    # the seed-34 draw, annotated blind in two halves at 6c7ab02 and scored there: blind minus 0.02
    "draw-34": {
        "date": (0.96, 0.94),  # blind 0.980 / 0.961
        "ratio": (0.98, 0.98),  # blind 1.000 / 1.000 (1 fact)
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (43 facts)
        "money": (0.98, 0.94),  # blind 1.000 / 0.964
        "quantity": (0.98, 0.94),  # blind 1.000 / 0.960
        "document": (0.98, 0.89),  # blind 1.000 / 0.913 (23 facts)
        "person": (0.96, 0.82),  # blind 0.980 / 0.844 (22 misses: untitled foreign names of two articles)
    },
    # the seed-35 draw, annotated blind in two halves at 8b89066 (after the twenty-first round): blind minus 0.02
    "draw-35": {
        "date": (0.91, 0.92),  # blind 0.934 / 0.948 (11 of the 13 false are years)
        "ratio": (0.98, 0.48),  # blind 1.000 / 0.500 (4 facts: "1/3, 1/4" read as dates)
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (41 facts)
        "money": (0.95, 0.94),  # blind 0.976 / 0.964
        "quantity": (0.95, 0.92),  # blind 0.978 / 0.942
        "document": (0.98, 0.98),  # blind 1.000 / 1.000 (13 facts)
        "person": (0.92, 0.87),  # blind 0.946 / 0.898
    },
    # the seed-36 draw, annotated blind in two halves at 9184788 (after the twenty-second round), each half
    # read again by a second annotator: blind minus 0.02
    "draw-36": {
        "date": (0.89, 0.89),  # blind 0.910 / 0.910 (nine "quý I" of one article dated by its lead)
        "ratio": (0.98, 0.73),  # blind 1.000 / 0.750 (4 facts)
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000 (45 facts)
        "money": (0.98, 0.94),  # blind 1.000 / 0.963
        "quantity": (0.93, 0.96),  # blind 0.951 / 0.982
        "document": (0.94, 0.98),  # blind 0.969 / 1.000 (31 facts)
        "person": (0.94, 0.93),  # blind 0.966 / 0.954
    },
    # the seed-37 draw (40 articles, annotated at 963300c by four annotators and read again by two, kept
    # off main during the twenty-fourth round): its blind score minus 0.02
    "draw-37": {
        "date": (0.94, 0.94),  # blind 0.962 / 0.967
        "ratio": (0.98, 0.98),  # no ratio in the draw
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000
        "money": (0.98, 0.98),  # blind 1.000 / 1.000
        "quantity": (0.98, 0.96),  # blind 1.000 / 0.987 (on the ruled gold: "một trong 10 thành phố")
        "document": (0.98, 0.90),  # blind 1.000 / 0.920 (a law named with "(sửa đổi) năm 2014", twice)
        "person": (0.97, 0.91),  # blind 0.996 / 0.939
    },
    # the seed-38 draw (40 articles, bench/draw.py --seed 38 --count 40 --exclude-gold), annotated blind at 0062cbc
    "draw-38": {
        "date": (0.96, 0.93),  # blind 0.982 / 0.959
        "ratio": (0.98, 0.98),  # no ratio in the draw
        "percent": (0.98, 0.98),  # blind 1.000 / 1.000
        "money": (0.98, 0.96),  # blind 1.000 / 0.985
        "quantity": (0.98, 0.94),  # blind 1.000 / 0.967
        "document": (0.98, 0.95),  # blind 1.000 / 0.970
        "person": (0.95, 0.90),  # blind 0.975 / 0.922
    },
    # the seed-39 draw (40 articles, bench/draw.py --seed 39 --count 40 --exclude-gold), annotated blind at dc32940
    "draw-39": {
        "date": (0.96, 0.94),  # blind 0.987 / 0.969
        "ratio": (0.98, 0.98),  # blind 1.000 / 1.000 (3 facts)
        "percent": (0.98, 0.94),  # blind 1.000 / 0.966
        "money": (0.98, 0.94),  # blind 1.000 / 0.968
        "quantity": (0.96, 0.91),  # blind 0.988 / 0.936
        "document": (0.84, 0.79),  # blind 0.867 / 0.812 (16 facts)
        "person": (0.97, 0.93),  # blind 0.990 / 0.953
    },
    # the seed-40 draw (40 articles, bench/draw.py --seed 40 --count 40 --exclude-gold), annotated blind at c5795dd
    # (after the twenty-sixth round) by four annotators and read again by three: blind minus 0.02
    "draw-40": {
        "date": (0.91, 0.92),  # blind 0.937 / 0.941: years of yearless day-months (13 of 15 false)
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.98, 0.95),
        "quantity": (0.96, 0.97),
        "document": (0.98, 0.98),
        "person": (0.96, 0.93),  # blind 0.988 / 0.951
    },
    # the seed-41 draw (40 articles, bench/draw.py --seed 41 --count 40 --exclude-gold), annotated blind at 02ba8aa
    # by four annotators and read again by three, kept from the twenty-seventh round's helpers: its blind score
    # after that round (unchanged by it in tp / fp / fn) minus 0.02
    "draw-41": {
        "date": (0.94, 0.94),  # blind 0.969 / 0.969
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.94, 0.94),  # blind 0.966 / 0.966: "âm hơn 9 tỷ" (a qualifier between sign and number)
        "quantity": (0.98, 0.90),  # blind 1.000 / 0.927
        "document": (0.89, 0.89),  # blind 0.917 / 0.917 (12 facts)
        "person": (0.93, 0.84),  # blind 0.959 / 0.868: Chinese stars' names with no title, footballers
    },
    # the seed-42 draw (40 articles, bench/draw.py --seed 42 --count 40 --exclude-gold), annotated blind at 70f4f80
    # (the register and name model rebuilt without it) by four annotators and read again by four: blind minus 0.02
    "draw-42": {
        "date": (0.93, 0.92),  # blind 0.950 / 0.945: years of Tết days and quarters the story fixes
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.98, 0.96),  # blind 1.000 / 0.989
        "quantity": (0.98, 0.95),  # blind 1.000 / 0.972
        "document": (0.98, 0.98),
        "person": (0.97, 0.93),  # blind 0.992 / 0.955
    },
    # the seed-43 draw (40 articles, bench/draw.py --seed 43 --count 40 --exclude-gold), annotated blind at a2326df
    # (the register and name model rebuilt without it) by four annotators and read again by four: blind minus 0.02
    "draw-43": {
        "date": (0.96, 0.93),  # blind 0.987 / 0.950
        "ratio": (0.98, 0.98),
        "percent": (0.93, 0.93),  # blind 0.953 / 0.953
        "money": (0.97, 0.93),  # blind 0.991 / 0.955
        "quantity": (0.96, 0.93),  # blind 0.989 / 0.957
        "document": (0.98, 0.98),
        "person": (0.89, 0.88),  # blind 0.918 / 0.903
    },
    # the seed-44 draw (40 articles, bench/draw.py --seed 44 --count 40 --exclude-gold), annotated blind at 5901d1c
    # (the register and name model rebuilt without it) by four annotators and read again by four; kept from the
    # thirtieth round's helpers, whose merge left its tp / fp / fn unchanged: blind minus 0.02
    "draw-44": {
        "date": (0.93, 0.93),  # blind 0.954 / 0.954: years the story fixes
        "ratio": (0.98, 0.98),
        "percent": (0.98, 0.98),
        "money": (0.97, 0.91),  # blind 0.991 / 0.930
        "quantity": (0.94, 0.95),  # blind 0.961 / 0.975
        "document": (0.98, 0.91),  # blind 1.000 / 0.931 (29 facts)
        "person": (0.95, 0.78),  # blind 0.973 / 0.803: a match report's two team sheets (35 surnames)
    },
    # the seed-45 draw (40 articles, bench/draw.py --seed 45 --count 40 --exclude-gold), annotated blind at 1f4981d
    # (the register and name model rebuilt without it) by four annotators and read again by four: blind minus 0.02
    "draw-45": {
        "date": (0.95, 0.95),  # blind 0.981 / 0.981 (0.975 / 0.975 before a gold date was corrected)
        "ratio": (0.48, 0.48),  # blind 0.500 / 0.500 (2 facts: "giảm tới 2/3" read as a date, a typo "5/570")
        "percent": (0.98, 0.98),
        "money": (0.98, 0.98),
        "quantity": (0.94, 0.97),  # blind 0.962 / 0.990: a campaign's slogan counts ("4 an") as quantities
        "document": (0.98, 0.98),
        "person": (0.95, 0.93),  # blind 0.976 / 0.954
    },
    # the seed-46 draw (40 articles, bench/draw.py --seed 46 --count 40 --exclude-gold), annotated blind at f25dcbd
    # (the register and name model rebuilt without it) by four annotators and read again by four: blind minus 0.02
    "draw-46": {
        "date": (0.94, 0.92),  # blind 0.968 / 0.953: years the story fixes (an APEC year, a named forum)
        "ratio": (0.98, 0.82),  # blind 1.000 / 0.846 (13 facts)
        "percent": (0.98, 0.98),
        "money": (0.96, 0.95),  # blind 0.988 / 0.977
        "quantity": (0.96, 0.92),  # blind 0.984 / 0.946
        "document": (0.98, 0.98),
        "person": (0.96, 0.88),  # blind 0.984 / 0.909: a head-to-head table's surnames, a given name alone
    },
    # the seed-47 draw (40 articles, bench/draw.py --seed 47 --count 40 --exclude-gold), annotated blind at 2b18af8
    # (the register and name model rebuilt without it) by four annotators and read again by four; kept from the
    # thirty-second round's helpers, whose merge left its tp / fp / fn unchanged: blind minus 0.02
    "draw-47": {
        "date": (0.94, 0.94),  # blind 0.969 / 0.964: years of day-months the story fixes or leaves open
        "ratio": (0.98, 0.81),  # blind 1.000 / 0.833 (6 facts)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.96),  # blind 1.000 / 0.985
        "quantity": (0.96, 0.97),  # blind 0.982 / 0.995: a latitude range read as quantities
        "document": (0.98, 0.98),
        "person": (0.97, 0.97),  # blind 0.996 / 0.992
    },
    # the seed-48 draw (40 articles, bench/draw.py --seed 48 --count 40 --exclude-gold), annotated blind at fac5cc2
    # (the register and name model rebuilt without it) by four annotators and read again by four: blind minus 0.02
    "draw-48": {
        "date": (0.95, 0.94),  # blind 0.972 / 0.966: years of day-months the paragraph leaves open
        "ratio": (0.98, 0.98),  # blind 1.000 / 1.000 (3 facts)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.89),  # blind 1.000 / 0.914: prices written "40.000$"
        "quantity": (0.98, 0.95),  # blind 1.000 / 0.977
        "document": (0.98, 0.98),
        "person": (0.93, 0.90),  # blind 0.956 / 0.926: glued names, a song list's composers
    },
    # the seed-49 draw (40 articles, bench/draw.py --seed 49 --count 40 --exclude-gold), annotated blind at 1e55236
    # (the register and name model rebuilt without it) by four annotators and read again by four; the same
    # tp / fp / fn after the thirty-third round: blind minus 0.02
    "draw-49": {
        "date": (0.95, 0.95),  # blind 0.971 / 0.975: years a sentence fixes, a term's two years
        "ratio": (0.98, 0.98),  # blind 1.000 / 1.000 (1 fact)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.93),  # blind 1.000 / 0.958: bare fines with no currency word
        "quantity": (0.94, 0.93),  # blind 0.968 / 0.955: negative values written "âm 10 gậy"
        "document": (0.98, 0.98),
        "person": (0.95, 0.95),  # blind 0.976 / 0.971: a film's title, a golf results list
    },
    # the seed-50 draw (40 articles, bench/draw.py --seed 50 --count 40 --exclude-gold), annotated blind at 5f7e4cb
    # (the register and name model rebuilt without it) by four annotators and read again by four; the same
    # tp / fp / fn after the thirty-fourth round: blind minus 0.02
    "draw-50": {
        "date": (0.94, 0.95),  # blind 0.962 / 0.978: a ministry's plan month, a lunar date with its year
        "ratio": (0.98, 0.98),  # blind 1.000 / 1.000 (3 facts)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.94),  # blind 1.000 / 0.965: ranges with the unit written once at the end
        "quantity": (0.98, 0.96),  # blind 1.000 / 0.985
        "document": (0.98, 0.98),
        "person": (0.91, 0.95),  # blind 0.935 / 0.973: a brand written 14 times, a lunar day's name
    },
    # the seed-51 draw (40 articles, bench/draw.py --seed 51 --count 40 --exclude-gold), annotated blind at 4121715
    # (the register and name model rebuilt without it; no rule round after the thirty-fourth) by four annotators
    # and read again by four: blind minus 0.02
    "draw-51": {
        "date": (
            0.93,
            0.93,
        ),  # blind 0.956 / 0.956: day-months a line's "từ tháng 4-2017" or a season's year fixes
        "ratio": (0.98, 0.98),  # blind 1.000 / 1.000 (1 fact)
        "percent": (0.98, 0.98),
        "money": (0.98, 0.96),  # blind 1.000 / 0.986: a bare amount
        "quantity": (0.97, 0.96),  # blind 0.992 / 0.984: a gold purity in carats, "18 mã vùng"
        "document": (0.98, 0.98),  # blind 1.000 / 1.000 (1 fact)
        "person": (0.97, 0.90),  # blind 0.997 / 0.922: defendants named by one syllable, one-word players
    },
}
# draws 2026, 7, 8, 9 after the draw-9 title classes (docs/accuracy-log.md, "Fixed since: draw-9 titles"),
# draws 10 and 11 after their person classes, draw-12 as scored blind: measured minus 0.02
TITLE_FLOORS: dict[str, float] = {
    "draw-2026": 0.98,
    "draw-7": 0.98,  # persons3 round (1.000)
    "draw-8": 0.98,
    "draw-9": 0.95,  # 0.975 with the persons found since (three titles of newly found names missed)
    "draw-10": 0.93,
    "draw-11": 0.95,  # persons14 round (0.975: "Tổng Bí thư thay" no title; persons11 0.959)
    "draw-12": 0.96,  # persons11 round (0.988: kings and first ladies, no date in a title)
    "draw-13": 0.95,  # persons9 round (0.972: no title chain across a verb, "người đứng đầu")
    "draw-14": 0.95,  # persons6 round (0.973: a plural title shared by the names listed after it)
    "draw-15": 0.96,  # persons14 round (0.984: "đồng thời là" before a title; persons6 0.973)
    "draw-16": 0.96,  # persons5 round (0.983: "tướng" a rank title)
    "draw-17": 0.94,  # persons4 round (0.960)
    "draw-18": 0.94,  # persons5 round (0.967; blind 0.938)
    "draw-19": 0.96,  # persons6 round (0.983; blind 0.957)
    "draw-20": 0.94,  # names7 and persons7 rounds (0.962; blind 0.948)
    "draw-21": 0.95,  # persons8 round (0.974; blind 0.966)
    "draw-22": 0.93,  # persons9 round (0.958; blind 0.911)
    "draw-23": 0.934,  # persons10 round (0.954: a plural title before a colon shared by the names listed)
    "draw-24": 0.954,  # blind 0.963; persons12 0.969; persons14 0.974
    "draw-25": 0.95,  # blind 0.966; persons14 0.970 ("các Phó Thủ tướng Chính phủ:" shared)
    "draw-26": 0.917,  # blind 0.935 (on the gold harmonised for "họa sĩ"; the halves 0.922, 0.928); names15 0.937
    "draw-27": 0.944,  # blind 0.964; titles16 0.971
    "draw-28": 0.888,  # blind 0.908; deputies' heads 0.935
    "draw-29": 0.936,  # blind 0.956
    "draw-30": 0.952,  # blind 0.972
    "draw-31": 0.935,  # blind 0.955
    "draw-32": 0.94,  # blind 0.968
    "draw-33": 0.94,  # blind 0.964
    "draw-34": 0.89,  # blind 0.910
    "draw-35": 0.89,  # blind 0.919
    "draw-36": 0.96,  # blind 0.983
    "draw-37": 0.91,  # blind 0.931
    "draw-38": 0.96,  # blind 0.987
    "draw-39": 0.94,  # blind 0.965
    "draw-40": 0.94,  # blind 0.967
    "draw-41": 0.94,  # blind 0.967
    "draw-42": 0.92,  # blind 0.944
    "draw-43": 0.93,  # blind 0.958
    "draw-44": 0.93,  # blind 0.958
    "draw-45": 0.92,  # blind 0.946
    "draw-46": 0.93,  # blind 0.954
    "draw-47": 0.93,  # blind 0.950
    "draw-48": 0.95,  # blind 0.973
    "draw-49": 0.91,  # blind 0.931
    "draw-50": 0.94,  # blind 0.962
    "draw-51": 0.94,  # blind 0.965
}


@pytest.fixture(scope="module", params=GOLD_DIRS, ids=[p.name for p in GOLD_DIRS])
def draw(request: pytest.FixtureRequest) -> Path:
    """One gold folder of `tests/real/` (every draw must have its floors)."""
    gold_dir: Path = request.param
    assert gold_dir.name in FLOORS and gold_dir.name in TITLE_FLOORS, f"no floors for {gold_dir.name}"
    return gold_dir


@pytest.fixture(scope="module")
def result(draw: Path, tmp_path_factory: pytest.TempPathFactory) -> EvalResult:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/baomoi is absent")
    names = [p.name.removesuffix(".gold.toml") for p in sorted(draw.glob("*.gold.toml"))]
    out = tmp_path_factory.mktemp("real") / "out.jsonl"
    with open(out, "wb") as fh:
        for article in extract_paths([str(CORPUS / f"{name}.txt") for name in names]):
            assert_offsets(article, (CORPUS / Path(article.source).name).read_text(encoding="utf-8"))
            # a crashed recognizer loses its facts without failing the article
            assert not article.errors, (article.source, article.errors)
            fh.write(article_line(article))
    res = score(load_gold(draw, CORPUS), load_extraction(out), ZONES)
    print(f"\n{draw.name}: {len(names)} articles")
    for kind, s in sorted(res.kinds.items()):
        print(f"  {kind:9} tp {s.tp:4} fp {s.fp:3} fn {s.fn:3}  P {s.precision:.3f}  R {s.recall:.3f}")
    m = KindScore(*(sum(getattr(s, n) for s in res.kinds.values()) for n in ("tp", "fp", "fn")))  # micro
    print(
        f"  micro     tp {m.tp:4} fp {m.fp:3} fn {m.fn:3}  P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}"
    )
    print(f"  person titles exact: {res.kinds['person'].field_accuracy('titles'):.3f}")
    return res


@pytest.mark.parametrize("gold_dir", GOLD_DIRS, ids=[p.name for p in GOLD_DIRS])
def test_gold_is_consistent(gold_dir: Path) -> None:
    """Every span is found in its article, every kind is annotated completely, fields are known."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/baomoi is absent")
    gold = load_gold(gold_dir, CORPUS)  # raises when a `text`/`nth` is not in the article
    for name, article in gold.items():
        raw = tomllib.loads((gold_dir / f"{name}.gold.toml").read_text(encoding="utf-8"))
        assert article.annotated == set(KINDS), name
        assert {"title", "authors"} <= set(raw["article"]), name
        for fact in article.facts:
            assert fact.kind in KINDS and fact.zone in ZONES, (name, fact)
            assert all(k in fact.fields for k in IDENTITY[fact.kind] if k != "symbol"), (name, fact)
            if fact.kind == "date":
                assert isinstance(fact.fields.get("year_inferred"), bool), (name, fact)
            if fact.kind == "person":
                # a name used alone takes the key of the full name (convention 4: "Macron", "Mỹ Chi"),
                # also behind a particle's hyphen ("Assad" of "bashar al-assad"); an initial stands for
                # a word of the key ("A.Merkel" of "angela merkel")
                key_words = fact.fields["key"].split()
                key_words += [w.rpartition("-")[2] for w in key_words]
                name_words = fact.fields["name"].lower()
                assert all(w in key_words for w in name_words.split()) or all(
                    w in key_words or (len(w) == 1 and any(k.startswith(w) for k in key_words))
                    for w in name_words.replace(".", " ").split()
                ), (name, fact)


@pytest.mark.parametrize("kind", KINDS)
def test_precision_and_recall_floor(draw: Path, result: EvalResult, kind: str) -> None:
    s = result.kinds[kind]
    floor_p, floor_r = FLOORS[draw.name][kind]
    report = "\n".join(s.misses)
    assert s.precision >= floor_p, report
    assert s.recall >= floor_r, report


def test_person_titles_floor(draw: Path, result: EvalResult) -> None:
    s = result.kinds["person"]
    assert s.field_total["titles"] > 0
    assert s.field_accuracy("titles") >= TITLE_FLOORS[draw.name], "\n".join(s.misses)


def test_eval_reads_articles_from_texts_folder(tmp_path: Path) -> None:
    """`de06 eval GOLD OUT --texts DIR`: the articles live in DIR, not beside the gold."""
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    (texts / "a.txt").write_text("Tiêu đề\nNgày 23/5/2023 đạt 58,2%.\n", encoding="utf-8")
    (gold / "a.gold.toml").write_text(
        'annotated = ["date", "percent"]\n'
        '[[facts]]\nkind = "date"\ntext = "Ngày 23/5/2023"\nvalue = "2023-05-23"\n'
        '[[facts]]\nkind = "percent"\ntext = "58,2%"\nvalue = 58.2\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["extract", str(texts / "a.txt"), "-o", str(out), "-q"]).exit_code == 0
    without = runner.invoke(app, ["eval", str(gold), str(out)])
    assert without.exit_code != 0 and "no article file" in str(without.exception)
    result = runner.invoke(app, ["eval", str(gold), str(out), "--texts", str(texts), "--json"])
    assert result.exit_code == 0, result.output
    assert '"recall": 1.0' in result.output
