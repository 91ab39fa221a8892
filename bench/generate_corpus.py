#!/usr/bin/env python3
"""Deterministic generator of realistic scale corpora for `make bench`.

Builds answers from the sentences of the seed texts (the clean booklets and Drammen's answer),
spreads them over the register's municipalities and the four booklet years, in the real mix of
formats (Markdown, plain text, survey exports as CSV), with question headings the segmenter must
find, echoed question text, and a share of OCR-damaged documents (æ/ø/å lost as an English OCR
model loses them). Same arguments, same bytes.

Usage: generate_corpus.py --answers N --out DIR [--seed S] [--repo REPO_ROOT]
"""
import argparse
import csv
import io
import os
import random
import re
import shutil

YEARS = [2021, 2022, 2025, 2026]
CLEAN_SOURCES = ["corpora/2021/hefte.txt", "corpora/2022/hefte.txt", "corpora/2025/hefte.txt",
                 "corpora/2025/svar/drammen.md"]
TARGET_BYTES = 25_000          # about 250 MB for 10,000 answers
SHARE_CSV = 0.15               # answers that arrive as a row of a survey export
SHARE_TXT = 0.40               # of the rest: plain text; others Markdown
SHARE_OCR = 0.10               # documents damaged by OCR
ROWS_PER_CSV = 25
HEADINGS = ["Spørsmål {n}", "## Spørsmål {n}", "Svar på spørsmål {n}", "Sp. {n}:",
            "## Kommunedirektørens innspill til svar på spørsmål {n}", "Til spørsmål {n}:",
            "**Spørsmål {n}**", "Svar på spørsmål {n} - fortsettelse"]
OCR_CONFUSIONS = {"ø": ["g", "o", "@", "e"], "å": ["a", "&", "é", "4"], "æ": ["ae", "ee", "z"],
                  "Ø": ["@", "O"], "Å": ["A"], "Æ": ["AE"]}


def sentences(repo):
    """Sentences of 5 to 60 words from the clean seed texts, with whitespace tidied."""
    found = []
    for relative in CLEAN_SOURCES:
        with open(os.path.join(repo, relative), encoding="utf-8") as handle:
            text = handle.read()
        text = re.sub(r"-\n(?=[a-zæøå])", "", text)
        for paragraph in re.split(r"\n\s*\n", text):
            flat = re.sub(r"\s+", " ", paragraph).strip(" #*-")
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", flat):
                if 5 <= len(sentence.split()) <= 60 and sentence[-1] in ".!?":
                    found.append(sentence)
    return sorted(set(found))


def questions(repo, year):
    with open(os.path.join(repo, f"corpora/{year}/sporsmal.tsv"), encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [(int(row[0]), row[3]) for row in rows[1:] if row]


def municipalities(repo):
    with open(os.path.join(repo, "corpora/register/kommuner-2020.tsv"), encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [row[1] for row in rows[1:] if row]


def slug(name):
    return re.sub(r"[^a-z0-9æøå]+", "-", name.lower()).strip("-")


def damage(text, rng):
    """What an English OCR model makes of Norwegian: no æ, ø or å; `I` read as `|`."""
    out = []
    for character in text:
        options = OCR_CONFUSIONS.get(character)
        out.append(rng.choice(options) if options else character)
    damaged = "".join(out)
    return re.sub(r"(?m)^I ", "| ", damaged)


def answer_sections(rng, pool, year_questions, size):
    """Generelt text, then per question a heading, sometimes the echoed question, and paragraphs."""
    per_part = size // (len(year_questions) + 1)
    def paragraphs():
        text, length = [], 0
        while length < per_part:
            paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 6)))
            bullet = rng.random() < 0.3
            text.append(("- " if bullet else "") + paragraph)
            length += len(paragraph.encode()) + 2
        return "\n\n".join(text)
    general = paragraphs()
    answers = {}
    for number, question in year_questions:
        body = paragraphs()
        if rng.random() < 0.3:
            body = f"{question}\n\n{body}"
        answers[number] = body
    return general, answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repo", default=os.path.join(os.path.dirname(__file__), ".."))
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pool = sentences(args.repo)
    names = municipalities(args.repo)
    year_questions = {year: questions(args.repo, year) for year in YEARS}
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    shutil.copytree(os.path.join(args.repo, "corpora/register"), os.path.join(args.out, "register"))
    for year in YEARS:
        os.makedirs(os.path.join(args.out, str(year), "svar"))
        shutil.copy(os.path.join(args.repo, f"corpora/{year}/sporsmal.tsv"), os.path.join(args.out, str(year)))

    pending_rows = {year: [] for year in YEARS}
    csv_count = {year: 0 for year in YEARS}
    total_bytes = 0

    def flush_csv(year):
        rows = pending_rows[year]
        if not rows:
            return
        header = ["Kommune"] + [f"Spørsmål {n}" for n, _ in year_questions[year]]
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        csv_count[year] += 1
        path = os.path.join(args.out, str(year), "svar", f"skjema-{csv_count[year]:04d}.csv")
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(buffer.getvalue())
        rows.clear()

    for index in range(args.answers):
        year = YEARS[index % len(YEARS)]
        name = names[(index // len(YEARS)) % len(names)]
        size = int(TARGET_BYTES * rng.uniform(0.5, 1.5))
        general, answers = answer_sections(rng, pool, year_questions[year], size)
        if rng.random() < SHARE_CSV:
            pending_rows[year].append([name] + [answers[n] for n, _ in year_questions[year]])
            total_bytes += sum(len(a.encode()) for a in answers.values())
            if len(pending_rows[year]) >= ROWS_PER_CSV:
                flush_csv(year)
            continue
        markdown = rng.random() >= SHARE_TXT
        lines = [f"{'# ' if markdown else ''}{name} kommune – svar på KS' debatthefte {year}", "", general, ""]
        for number, _ in year_questions[year]:
            lines += [rng.choice(HEADINGS).format(n=number) if markdown else f"Spørsmål {number}", "", answers[number], ""]
        text = "\n".join(lines)
        if rng.random() < SHARE_OCR:
            text = damage(text, rng)
        path = os.path.join(args.out, str(year), "svar", f"{slug(name)}-{index:05d}.{'md' if markdown else 'txt'}")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        total_bytes += len(text.encode())
    for year in YEARS:
        flush_csv(year)
    print(f"{args.answers} answers, {total_bytes / 1e6:.1f} MB of answer text in {args.out}")


if __name__ == "__main__":
    main()
