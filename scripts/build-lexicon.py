#!/usr/bin/env python3
"""Builds the Norwegian lexicon and word statistics shipped in Sources/NorwegianText/Resources/.

    apt-get install wnorwegian debian-edu-doc-nb-no manpages-nb gimp-help-nn
    pip install wordfreq                        # prose frequencies (data CC-BY-SA 4.0)
    python3 scripts/build-lexicon.py            # lexicon.bin, domain-words.txt, wordstats.bin

compounds.bloom two Bloom filters (10 bits a word, 7 hashes, about 1 % false positives) of the
                compounds left out of lexicon.bin, bokmål and nynorsk, so that a listed compound
                (`arbeidsmiljøloven`) can be told from a word the analysis merely splits
                (`tienester` = `tien|ester`), and its standard known (`berekraftig` is nynorsk).
                Format: "DBBLOOM2", then per filter u32 bits, u32 hashes, the bits.
lexicon.bin     full-form word lists of bokmål and nynorsk from Debian's `wnorwegian`
                (/usr/share/dict/bokmaal and nynorsk, ISO-8859-1), lowercased, NFC, UTF-8.
                Words that the compound analysis rebuilds from other words of the list
                (parts of at least 4 bytes, optional linking s/e, same written standard)
                are left out; NorwegianText's Lexicon finds them again at run time.
domain-words.txt words from the clean 2025 booklet and Drammen's answer that the
                list does not know, for the domain (kommunedirektør, KS, …).
wordstats.bin   word and word-pair counts from clean Norwegian prose in Debian packages
                (both written standards) and from the same clean booklets.

Held out: corpora/2022/hefte.txt feeds neither the domain words nor the statistics; it is the
measuring text of `make bench-normalize`.

Formats (all integers little-endian):
lexicon.bin:   "DBLEX1\n" u32 count, then count entries sorted by bytes, front-coded:
               u8 (flags << 6 | shared prefix length, at most 63), u8 suffix length, suffix.
               flags: 1 bokmål, 2 nynorsk.
wordstats.bin: "DBSTAT2\n" u32 vocabulary size, u32 pair count, u64 total words; vocabulary
               sorted by bytes, front-coded as above (flags unused), each followed by a varint
               count and a varint prose frequency (0 none, else -100 log10 of the word's
               frequency in wordfreq's bokmål list, in centibels); then pairs sorted by (first
               id, second id): varint first-id delta, varint second id (delta when the first id
               repeats), varint count. Id 0 is the sentence start `^`; a pair (word, `^`)
               counts the word ending a sentence.

Prose frequencies: wordfreq's `large` bokmål list (pip install wordfreq; data CC-BY-SA 4.0,
from Wikipedia, OpenSubtitles, web text, Twitter and Reddit), for the words of the wnorwegian
lists seen at least once in 10 million words. It says how common a word is in general prose,
which software manuals (the pair counts' main source) do not: `både` against `bade`, `måte`
against `mate`. Only the counts are shipped.
"""
import glob, gzip, html, math, os, re, subprocess, sys, unicodedata
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RES = os.path.join(ROOT, "Sources", "NorwegianText", "Resources")
MIN_PART = 4
BOKMAL, NYNORSK = 1, 2

def nfc(s): return unicodedata.normalize("NFC", s)

def read_list(path):
    with open(path, encoding="latin-1") as f:
        return {nfc(w.strip().lower()) for w in f if w.strip()}

def compound_flags(word, lookup, min_part=MIN_PART):
    """Flags of the last part when `word` (bytes) splits into known parts, else 0.
    Mirrors Lexicon.compoundFlags in Swift exactly."""
    n = len(word)
    ok = [0] * (n + 1)
    for i in range(n - min_part, -1, -1):
        for j in range(i + min_part, n + 1):
            if i == 0 and j == n:
                continue
            f = lookup.get(word[i:j], 0)
            if not f:
                continue
            if j == n:
                ok[i] = f; break
            if ok[j]:
                ok[i] = ok[j]; break
            if word[j] in (0x73, 0x65) and j + 1 <= n - min_part and ok[j + 1]:
                ok[i] = ok[j + 1]; break
    return ok[0]

def front_code(items):
    out = bytearray(); prev = b""
    for word, flags in items:
        k = 0
        limit = min(len(word), len(prev), 63)
        while k < limit and word[k] == prev[k]: k += 1
        suffix = word[k:]
        assert len(suffix) < 256
        out.append((flags << 6) | k); out.append(len(suffix)); out += suffix
        prev = word
    return out

def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F; n >>= 7
        if n: out.append(b | 0x80)
        else: out.append(b); return out

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

def build_lexicon():
    bm = read_list("/usr/share/dict/bokmaal"); nn = read_list("/usr/share/dict/nynorsk")
    full = {}
    for w in bm: full[w.encode()] = full.get(w.encode(), 0) | BOKMAL
    for w in nn: full[w.encode()] = full.get(w.encode(), 0) | NYNORSK
    full = {w: f for w, f in full.items() if len(w) < 200}
    print(f"wnorwegian: {len(bm)} bokmål, {len(nn)} nynorsk, {len(full)} distinct forms", file=sys.stderr)
    kept = {}
    for w, f in full.items():
        cf = compound_flags(w, full)
        if not cf or (cf & f) != f:
            kept[w] = f
    # The run-time analysis sees only the kept words: put back whatever it no longer finds.
    for _ in range(3):
        back = 0
        for w, f in full.items():
            if w in kept: continue
            cf = compound_flags(w, kept)
            if not cf or (cf & f) != f:
                kept[w] = f; back += 1
        if not back: break
    print(f"lexicon: {len(kept)} forms kept, {len(full) - len(kept)} rebuilt as compounds", file=sys.stderr)
    data = bytearray(b"DBLEX1\n") + len(kept).to_bytes(4, "little")
    data += front_code(sorted(kept.items()))
    with open(os.path.join(RES, "lexicon.bin"), "wb") as f: f.write(data)
    print(f"lexicon.bin: {len(data)} bytes", file=sys.stderr)
    left_out = [w for w in full if w not in kept]
    write_bloom([w for w in left_out if full[w] & BOKMAL], [w for w in left_out if full[w] & NYNORSK])
    return full

def fnv(word):
    """ByteStringSet.hash in Swift: FNV-1a 64, then h ^ (h >> 29)."""
    h = 0xCBF29CE484222325
    for b in word:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h ^ (h >> 29)

BLOOM_BITS_PER_WORD, BLOOM_HASHES = 10, 7

def bloom(words):
    """One filter: bit i is set for (h1 + k * h2) mod m, k < 7, with h1 the low and h2 the
    high 32 bits (| 1) of the hash."""
    m = (len(words) * BLOOM_BITS_PER_WORD + 63) // 64 * 64
    bits = bytearray(m // 8)
    for w in words:
        h = fnv(w); h1 = h & 0xFFFFFFFF; h2 = (h >> 32) | 1
        for k in range(BLOOM_HASHES):
            i = (h1 + k * h2) % m
            bits[i >> 3] |= 1 << (i & 7)
    return m.to_bytes(4, "little") + BLOOM_HASHES.to_bytes(4, "little") + bits

def write_bloom(bokmal, nynorsk):
    """compounds.bloom: the left-out compounds of each standard, so that a compound the analysis
    finds can be told from a listed form, and its standard known."""
    data = bytearray(b"DBBLOOM2") + bloom(bokmal) + bloom(nynorsk)
    with open(os.path.join(RES, "compounds.bloom"), "wb") as f: f.write(data)
    print(f"compounds.bloom: {len(bokmal)} bokmål and {len(nynorsk)} nynorsk compounds, {len(data)} bytes", file=sys.stderr)

def corpus_text(rel): 
    with open(os.path.join(ROOT, "corpora", rel), encoding="utf-8") as f: return nfc(f.read())

DOMAIN_SOURCES = ["2021/hefte.txt", "2025/hefte.txt", "2025/svar/drammen.md"]
# 2021 lost its fi/fl ligatures and has letter-spaced headings: its fragments are no words.
DOMAIN_WORD_SOURCES = ["2025/hefte.txt", "2025/svar/drammen.md"]
HELD_OUT = "2022/hefte.txt"
LIGATURES = ["fi", "fl", "ff", "ffi", "ffl"]

def ligature_fixable(w, full):
    for k in range(len(w) + 1):
        for lig in LIGATURES:
            if (w[:k] + lig + w[k:]).encode() in full: return True
    return False

def build_domain_words(full):
    counts = Counter()
    for rel in DOMAIN_WORD_SOURCES:
        for line in corpus_text(rel).split("\n"):
            words = WORD.findall(line)
            # First and last word of a line may be halves of a word split at the line end.
            for w in words[1:-1]:
                for part in re.split(r"[-'’]", w):
                    p = part.lower()
                    if len(p) < 3 or p.encode() in full or compound_flags(p.encode(), full): continue
                    if rel.startswith("2021") and ligature_fixable(p, full): continue
                    counts[p] += 1
    words = sorted(counts)
    with open(os.path.join(RES, "domain-words.txt"), "w", encoding="utf-8") as f:
        f.write("# Domain words: names and terms from the clean 2025 booklet and Drammen's\n"
                "# answer (corpora/) that the wnorwegian lists do not know. Generated by\n"
                "# scripts/build-lexicon.py; one lowercase word a line; edit freely.\n"
                "# Held out: corpora/2022/hefte.txt contributes nothing here.\n")
        for w in words: f.write(w + "\n")
    print(f"domain-words.txt: {len(words)} words", file=sys.stderr)

def html_text(path):
    with open(path, encoding="utf-8", errors="replace") as f: s = f.read()
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?i)<(br|p|div|li|h\d|tr|td|th|title|pre)\b[^>]*>", "\n\n", s)
    s = re.sub(r"<[^>]+>", " ", s)
    return html.unescape(s)

def man_text(path):
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f: lines = f.read().split("\n")
    out = []
    for line in lines:
        if line.startswith((".\\\"", "'\\\"")): continue
        if line.startswith("."):
            parts = line.split(None, 1)
            if parts[0] in (".B", ".I", ".BR", ".IR", ".RB", ".RI", ".BI", ".IB", ".SH", ".SS") and len(parts) > 1:
                out.append(parts[1].replace('"', ""))
            else:
                out.append("")
            continue
        out.append(line)
    s = "\n".join(out)
    s = re.sub(r"\\f[BIRP]|\\f\[[^\]]*\]|\\\(..|\\\[[^\]]*\]|\\[-e&c]", " ", s)
    return s

def mo_texts(path):
    try:
        out = subprocess.run(["msgunfmt", path], capture_output=True, text=True, check=True).stdout
    except Exception:
        return ""
    chunks = []; cur = None
    for line in out.split("\n"):
        if line.startswith("msgstr"):
            cur = [line.split(" ", 1)[1] if " " in line else ""]; chunks.append(cur)
        elif line.startswith('"') and cur is not None:
            cur.append(line)
        else:
            cur = None
    texts = []
    for c in chunks:
        s = "".join(x.strip()[1:-1] for x in c if x.strip().startswith('"'))
        s = s.replace("\\n", "\n").replace('\\"', '"')
        s = re.sub(r"%[-0-9.]*[sdifuxl]|%\([^)]*\)[sd]|[_&](?=\w)", " ", s)
        texts.append(s)
    return "\n\n".join(texts)

PLACEABLE = re.compile(r"\{[^{}]*\}")

def ftl_texts(data):
    """Message values of a Fluent (.ftl) file: `id = text`, `.attr = text` and indented
    continuation lines; placeables (`{ $n }`) and selector variants left out, one message a
    paragraph so that no pair spans two messages."""
    texts = []; cur = []
    for line in data.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            if cur: texts.append(" ".join(cur)); cur = []
            continue
        m = re.match(r"^(-?[A-Za-z][\w-]*|\.[\w-]+)\s*=\s*(.*)$", stripped)
        if m:
            if cur: texts.append(" ".join(cur)); cur = []
            value = m.group(2)
        elif line[:1].isspace() and not stripped.startswith(("[", "*[", "}", ".")):
            value = stripped
        else:
            continue
        if "->" in value: continue
        for _ in range(3): value = PLACEABLE.sub(" ", value)
        if "{" in value or "}" in value: value = value.split("{")[0]
        cur.append(value)
    if cur: texts.append(" ".join(cur))
    return "\n\n".join(texts)

def properties_texts(data):
    """Values of a Java .properties file, one a paragraph; `%S`/`#1` place holders left out."""
    out = []
    for line in data.split("\n"):
        line = line.strip()
        if not line or line.startswith(("#", "!")) or "=" not in line: continue
        value = line.split("=", 1)[1]
        out.append(re.sub(r"%\d*\$?[Sd]|#\d|\\n|\\u[0-9a-fA-F]{4}", " ", value))
    return "\n\n".join(out)

def dtd_texts(data):
    """Entity values of a .dtd file, one a paragraph."""
    return "\n\n".join(m.group(1) for m in re.finditer(r'<!ENTITY\s+\S+\s+"([^"]*)"', data))

def langpack_texts(path):
    """The Norwegian text of a Mozilla language pack (.xpi): Fluent, .properties and .dtd files."""
    import zipfile
    out = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if "/en-US/" in name: continue
            data = z.read(name).decode("utf-8", "replace")
            if name.endswith(".ftl"): out.append(ftl_texts(data))
            elif name.endswith(".properties"): out.append(properties_texts(data))
            elif name.endswith(".dtd"): out.append(dtd_texts(data))
    return html.unescape("\n\n".join(out))

# Translation packages read without installing them (they pull in whole applications): fetched
# with `apt-get download` and unpacked under .build/prose-debs/ when not installed.
UNPACKED_PACKAGES = ["firefox-esr-l10n-nb-no", "firefox-esr-l10n-nn-no", "thunderbird-l10n-nb-no",
                     "thunderbird-l10n-nn-no", "libreoffice-l10n-nn"]

def package_roots():
    """Roots to look for prose under: `/`, and the unpacked packages that are not installed."""
    roots = ["/"]
    unpacked = os.path.join(ROOT, ".build", "prose-debs")
    for name in UNPACKED_PACKAGES:
        installed = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
        if "install ok installed" in installed.stdout: continue
        target = os.path.join(unpacked, name)
        if not os.path.isdir(target):
            os.makedirs(unpacked, exist_ok=True)
            got = subprocess.run(["apt-get", "download", name], cwd=unpacked, capture_output=True)
            debs = sorted(glob.glob(os.path.join(unpacked, name + "_*.deb")))
            if got.returncode != 0 or not debs:
                print(f"NOTE: could not fetch {name}; its text is left out", file=sys.stderr); continue
            subprocess.run(["dpkg-deb", "-x", debs[-1], target], check=True)
        roots.append(target)
    return roots

def prose_sources():
    """(name, text) of every clean prose source, both written standards."""
    roots = package_roots()
    for root in roots:
        for p in sorted(glob.glob(os.path.join(root, "usr/lib/firefox-esr/browser/extensions/langpack-n[bn]-NO@*.xpi"))
                        + glob.glob(os.path.join(root, "usr/lib/thunderbird/extensions/langpack-n[bn]-NO@*.xpi"))):
            yield "firefox-esr/thunderbird-l10n-" + ("nn" if "-nn-NO" in p else "nb"), langpack_texts(p)
        if root != "/":
            for lang in ("nb", "nn"):
                for p in sorted(glob.glob(os.path.join(root, f"usr/lib/libreoffice/program/resource/{lang}/LC_MESSAGES/*.mo"))):
                    yield f"libreoffice-l10n-{lang}", mo_texts(p)
    for p in sorted(glob.glob("/usr/share/doc/debian-edu-doc-nb-no/*bookworm*.html")):
        yield "debian-edu-doc-nb-no", html_text(p)
    for p in sorted(glob.glob("/usr/share/doc/debian-edu-doc-legacy-nb-no/*.html")):
        yield "debian-edu-doc-legacy-nb-no", html_text(p)
    for p in sorted(glob.glob("/usr/share/gimp/2.0/help/nn/**/*.html", recursive=True)):
        yield "gimp-help-nn", html_text(p)
    for p in sorted(glob.glob("/usr/share/man/nb/man*/*.gz")):
        yield "manpages-nb", man_text(p)
    for lang in ("nb", "nn"):
        for p in sorted(glob.glob(f"/usr/share/locale/{lang}/LC_MESSAGES/*.mo")):
            yield f"{lang} .mo catalogues", mo_texts(p)
        for p in sorted(glob.glob(f"/usr/lib/libreoffice/program/resource/{lang}/LC_MESSAGES/*.mo")):
            yield f"libreoffice-l10n-{lang}", mo_texts(p)
    for rel in DOMAIN_SOURCES:
        yield "corpora " + rel, corpus_text(rel)

SENTENCE_END = re.compile(r"[.!?:;…]\s|[.!?:;…]$|\n\s*\n|[()\[\]«»\"“”•|/]")

PROSE_MIN_FREQUENCY = 1e-7

def prose_frequencies():
    """{word: centibels} from wordfreq's large bokmål list, words of the wnorwegian lists only."""
    import importlib.metadata, wordfreq
    known = read_list("/usr/share/dict/bokmaal") | read_list("/usr/share/dict/nynorsk")
    out = {}
    for w, f in wordfreq.get_frequency_dict("nb", wordlist="large").items():
        w = nfc(w)
        if f >= PROSE_MIN_FREQUENCY and w in known and WORD.fullmatch(w):
            out[w] = max(1, round(-100 * math.log10(f)))
    print(f"prose frequencies (wordfreq {importlib.metadata.version('wordfreq')}): {len(out)} words", file=sys.stderr)
    return out

def build_stats():
    uni = Counter(); bi = Counter(); sizes = Counter()
    for name, text in prose_sources():
        text = nfc(text)
        pieces = re.split("(" + SENTENCE_END.pattern + ")", text)
        for index in range(0, len(pieces), 2):
            sentence = pieces[index]
            ending = pieces[index + 1] if index + 1 < len(pieces) else ""
            prev = "^"
            for m in re.finditer(r"\S+", sentence):
                tok = m.group(0).strip(",'’-–—*_`")
                if not tok: continue
                if not WORD.fullmatch(tok) or len(tok) > 40:
                    prev = None; continue
                w = tok.lower()
                uni[w] += 1; sizes[name] += 1
                if prev is not None: bi[(prev, w)] += 1
                prev = w
            # A word that ends a sentence (`.`, `!`, `?`, `…`) is followed by `^`: `året før.`
            if prev not in (None, "^") and ending[:1] in (".", "!", "?", "…"):
                bi[(prev, "^")] += 1
    print("statistics sources (words):", dict(sizes), file=sys.stderr)
    prose = prose_frequencies()
    vocab = sorted({w for w, c in uni.items() if c >= 2} | set(prose))
    ids = {"^": 0}
    for k, w in enumerate(vocab): ids[w] = k + 1
    pairs = sorted((ids[a], ids[b], c) for (a, b), c in bi.items() if c >= 2 and a in ids and b in ids)
    data = bytearray(b"DBSTAT2\n")
    data += (len(vocab) + 1).to_bytes(4, "little") + len(pairs).to_bytes(4, "little")
    data += sum(uni.values()).to_bytes(8, "little")
    prev = b""; entries = bytearray()
    sentences = sum(c for (a, _), c in bi.items() if a == "^")
    # Words seen once are there for their prose frequency only: their count stays 0, as before.
    for w, c in [("^", sentences)] + [(w, uni[w] if uni[w] >= 2 else 0) for w in vocab]:
        e = w.encode(); k = 0; limit = min(len(e), len(prev), 63)
        while k < limit and e[k] == prev[k]: k += 1
        entries.append(k); entries.append(len(e) - k); entries += e[k:]; entries += varint(c)
        entries += varint(prose.get(w, 0))
        prev = e
    data += entries
    pa = pb = 0
    for a, b, c in pairs:
        data += varint(a - pa); data += varint(b - pb if a == pa else b); data += varint(c)
        pa, pb = a, b
    with open(os.path.join(RES, "wordstats.bin"), "wb") as f: f.write(data)
    print(f"wordstats.bin: {len(vocab)} words, {len(pairs)} pairs, {len(data)} bytes", file=sys.stderr)

if __name__ == "__main__":
    what = sys.argv[1:] or ["lexicon", "domain", "stats"]
    full = None
    if "lexicon" in what or "domain" in what:
        if "lexicon" in what:
            full = build_lexicon()
        else:
            bm = read_list("/usr/share/dict/bokmaal"); nn = read_list("/usr/share/dict/nynorsk")
            full = {w.encode(): 1 for w in bm | nn}
    if "domain" in what: build_domain_words(full)
    if "stats" in what: build_stats()
