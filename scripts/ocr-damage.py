#!/usr/bin/env python3
"""Damage the æ, ø, å of a gold file the way the OCR of the 2026 booklet did.

Reads a gold file (id<TAB>temaer<TAB>tekst) and writes the same units, labels unchanged, with
the text damaged as corpora/2026/hefte.txt is: æ/ø/å read by an English OCR model. The
substitutions and their shares were counted in that file (see docs/evaluation.md):

    å alone   → & (85 %), a (10 %), 4 (5 %)        `& diskutere`
    å in word → a (80 %), é (12 %), & (4 %), 4 (4 %)   `pa`, `pé`, `p&`, `p4`
    æ         → ee (60 %), ae (30 %), e (10 %)     `seerlig`, `vaere`
    ø         → g (45 %), o (25 %), e (25 %), s (5 %)   `gkonomi`, `lose`, `ordferer`, `skonomi`
    Å, Æ, Ø   → A, AE, @ or O                      `@yvind`
    tj        → ti (30 %)                          `tienester`
    I alone   → | (90 %)                           `| tillegg`

Only units with no source prefix `h26` are damaged (that text is damaged already); the choice
is seeded by the unit id, so the output is the same on every run.

    python3 scripts/ocr-damage.py corpora/gold/test-2.tsv > corpora/gold/test-2-ocr.tsv
"""
import random
import sys
import zlib

CHOICES = {
    "æ": [("ee", 60), ("ae", 30), ("e", 10)],
    "ø": [("g", 45), ("o", 25), ("e", 25), ("s", 5)],
    "å": [("a", 80), ("é", 12), ("&", 4), ("4", 4)],
    "Æ": [("AE", 100)],
    "Ø": [("@", 50), ("O", 50)],
    "Å": [("A", 100)],
}
ALONE_AA = [("&", 85), ("a", 10), ("4", 5)]


def pick(rng, options):
    roll = rng.randrange(100)
    for text, share in options:
        if roll < share:
            return text
        roll -= share
    return options[-1][0]


def damage(text, rng):
    out = []
    words = text.split(" ")
    for word in words:
        if word == "å":
            out.append(pick(rng, ALONE_AA))
            continue
        if word == "I" and rng.randrange(100) < 90:
            out.append("|")
            continue
        chars = []
        i = 0
        while i < len(word):
            c = word[i]
            if c in "tT" and word[i + 1:i + 2] == "j" and rng.randrange(100) < 30:
                chars.append(c + "i")
                i += 2
                continue
            chars.append(pick(rng, CHOICES[c]) if c in CHOICES else c)
            i += 1
        out.append("".join(chars))
    return " ".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("bruk: ocr-damage.py GULL.tsv > SKADET.tsv")
    with open(sys.argv[1], encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for line in lines:
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 3 or fields[0] == "id" or fields[0].startswith("h26-"):
            if fields[0] == "id" or line.startswith("#"):
                print(line)
            continue
        rng = random.Random(zlib.crc32(fields[0].encode("utf-8")))
        print("\t".join(fields[:2] + [damage("\t".join(fields[2:]), rng)]))


if __name__ == "__main__":
    main()
