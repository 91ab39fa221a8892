#!/usr/bin/env python3
"""The script an analyst would write: the baseline `make bench` compares Debattsvar with.

Reads every file under a corpus folder, applies Unicode NFC, splits on regex \\w+, lowercases,
matches the theme terms from the same theme files Debattsvar uses (exact words and `prefix*`),
counts hits per file and theme, and writes one CSV. Each file's words are counted first
(`collections.Counter`) and every distinct word is matched once, as an analyst would once the
plain loop over every word and theme proved slow. No segmentation, no repair, no evidence.

Usage: analyst.py CORPUS_DIR THEMES_DIR OUT.csv
"""
import csv
import os
import re
import sys
import unicodedata
from collections import Counter

WORD = re.compile(r"\w+")


def load_themes(folder):
    """Theme id -> (exact words, prefixes), single-word patterns only."""
    themes = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        theme_id, exact, prefixes = None, set(), []
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line.startswith("# id:"):
                    theme_id = line.split(":", 1)[1].strip()
                if not line or line.startswith("#") or line.startswith("!"):
                    continue
                pattern = line.split(" #")[0].strip().lower()
                if " " in pattern or pattern.startswith("*"):
                    continue
                if pattern.endswith("*"):
                    prefixes.append(pattern[:-1])
                else:
                    exact.add(pattern)
        if theme_id:
            themes[theme_id] = (exact, tuple(prefixes))
    return themes


def main():
    corpus, themes_dir, out = sys.argv[1:4]
    themes = load_themes(themes_dir)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file"] + list(themes))
        for root, _dirs, files in sorted(os.walk(corpus)):
            for name in sorted(files):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as source:
                    text = unicodedata.normalize("NFC", source.read())
                counts = dict.fromkeys(themes, 0)
                words = Counter(word.lower() for word in WORD.findall(text))
                for word, n in words.items():
                    for theme_id, (exact, prefixes) in themes.items():
                        if word in exact or word.startswith(prefixes):
                            counts[theme_id] += n
                writer.writerow([path] + [counts[t] for t in themes])


if __name__ == "__main__":
    main()
