import Foundation
import NorwegianText
import PipelineCore

/// Finds themes by the words, compounds and phrases in the theme files, and decides from the
/// evidence whether the text is *about* a theme.
///
/// **Matching.** Every pattern is tried against every word token, lowercased, and against each
/// part of a hyphenated token (`BPA-ordningen` → `bpa`, `ordningen`). Words match their
/// inflected forms (`tilsyn` → `tilsynet`, `tilsynene`), `a+b` matches compounds with or without
/// a linking s, e or hyphen, and words of five letters or more also match their OCR-damaged
/// forms (`sykefravær` → `sykefraveer`). A word cut by coordination ellipsis is read in full:
/// in `heltids- og deltidsstillinger` the first word is tried as `heltidsstillinger`, and the
/// evidence covers the whole span; of the patterns its possible full forms match, the heaviest
/// counts. A token that matches one of the theme's exclusions never
/// counts for it.
///
/// **Score.** Each theme with evidence gets
///
///     score = Σ weight of each distinct pattern that matched
///           + 0.5 × Σ weight of every further match of a pattern already counted
///           + 1 when a match is prominent
///
/// A match is *prominent* when it stands in a heading (a line starting with `#`), in a short
/// line (at most 12 words: a bullet or a list item), or in the first sentence of its line or
/// paragraph. Pattern weights come from the theme file (`bpa^2`, `samarbeid*^0.5`; default 1).
///
/// **Threshold.** A theme applies when its score reaches its threshold: `# threshold:` in the
/// theme file, else `defaultThreshold` (2). With the defaults, one word in a passing clause of a
/// long paragraph (score 1) is not enough; the same word in a heading, a bullet or an opening
/// sentence (score 2), two different words of the theme, or one word three times, is. Every
/// result keeps all its evidence (pattern, matched words, byte range).
public struct DictionaryClassifier: ThemeClassifier {
    public static let id = "ordliste"
    public var id: String { Self.id }
    public let summary = "Ordlister per tema: ord med bøyningsformer, sammensetninger og fraser; temaet gjelder når poengsummen av bevisene når terskelen."
    public let themes: [ThemeDictionary]
    /// Threshold for themes whose file sets none.
    public var defaultThreshold = 2.0
    /// Share of a pattern's weight that each further match of it adds.
    public static let repeatFactor = 0.5
    /// Added once when a match is prominent.
    public static let prominenceBonus = 1.0
    /// Lines with at most this many words count as short (bullets, list items).
    public static let shortLineWords = 12

    /// One matcher per theme, in `themes` order.
    let matchers: [ThemeMatcher]
    /// What each lowercased form matches, shared by every text this classifier sees.
    let vocabulary: VocabularyCache

    public init(themes: [ThemeDictionary]) {
        self.themes = themes
        matchers = themes.map(ThemeMatcher.init)
        vocabulary = VocabularyCache(matchers: matchers)
    }

    public var examples: [ClassifierExample] {
        [
            ClassifierExample("Vi må øke andelen heltidsansatte og redusere uønsket deltid.", theme: "heltid", matches: true),
            ClassifierExample("Heiltidskultur er viktig for kvaliteten i tenestene.", theme: "heltid", matches: true),
            ClassifierExample("Kommunen vil redusere bruken av heltids- og deltidsvikarer.", theme: "heltid", matches: true),
            ClassifierExample("Kommunen har fått flere søknader om brukerstyrt personlig assistanse.", theme: "bpa", matches: true),
            ClassifierExample("Rettigheter til BPA gir høye kostnader.", theme: "bpa", matches: true),
            ClassifierExample("Det er stor økning i spesialundervisning i grunnskolen.", theme: "spesialundervisning", matches: true),
            ClassifierExample("Statlig detaljstyring stjeler tid og ressurser.", theme: "detaljstyring", matches: true),
            ClassifierExample("Bemanningsnormer og øremerking binder opp midlene.", theme: "detaljstyring", matches: true),
            ClassifierExample("Statleg styring og øyremerking bind opp midlane.", theme: "detaljstyring", matches: true),
            ClassifierExample("Kommunene trenger større kommunal frihet til å prioritere midlene.", theme: "detaljstyring", matches: true),
            ClassifierExample("Sykefraveeret er halvert pa ett ar.", theme: "sykefravaer", matches: true),
            ClassifierExample("Kommunen samarbeider med frivillige organisasjoner og lag og foreninger.", theme: "samarbeid", matches: true),
            ClassifierExample("Kommunestyret vedtok budsjettet for neste år.", theme: "heltid", matches: false),
            ClassifierExample("Kommunestyret vedtok budsjettet for neste år.", theme: "detaljstyring", matches: false),
            ClassifierExample("Skolen har et godt tilbud til alle elever.", theme: "spesialundervisning", matches: false),
            ClassifierExample("Brannvesenet har mange deltidsbrannkonstabler.", theme: "heltid", matches: false),
            ClassifierExample("Kommunen skal ha internkontroll med administrasjonens virksomhet for å sikre at lover og forskrifter følges.",
                              theme: "detaljstyring", matches: false),
            ClassifierExample("""
                Kommunen har i flere år arbeidet systematisk med kvalitet i tjenestene og med gode \
                rutiner for saksbehandling. Også dialogen med brukerne er god. I et av prosjektene \
                ble det brukt tilsyn med rutinene, men det var ikke noe stort tema.
                """, theme: "detaljstyring", matches: false),
        ]
    }

    public func classify(_ analysed: AnalysedText) -> [ThemeScore] {
        evidence(analysed).filter { $0.score >= threshold(for: $0.themeID) }
    }

    /// The threshold that applies to a theme.
    public func threshold(for themeID: String) -> Double {
        themes.first { $0.id == themeID }?.threshold ?? defaultThreshold
    }

    /// Every theme with at least one match, scored, whether or not it reaches its threshold;
    /// sorted by theme id.
    public func evidence(_ analysed: AnalysedText) -> [ThemeScore] {
        var copy = analysed.text
        return copy.withUTF8 { bytes in evidence(bytes: bytes, tokens: analysed.tokens) }
    }

    private func evidence(bytes: UnsafeBufferPointer<UInt8>, tokens: TokenList) -> [ThemeScore] {
        let forms = DocumentForms(bytes: bytes, tokens: tokens, vocabulary: vocabulary)
        guard forms.hasWords else { return [] }
        func slice(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        let expansionList = CoordinationEllipsis.expansions(bytes: bytes, tokens: tokens)
        let expansions = Dictionary(expansionList.map { ($0.truncated, $0) }, uniquingKeysWith: { first, _ in first })
        // What each full form of a word cut by ellipsis matches, looked up once.
        let expansionForms: [Int: [(form: [UInt8], matches: FormMatches)]] = expansions.mapValues { expansion in
            expansion.forms.map { full in
                let form = Array(full.utf8)
                return (form, vocabulary.matches(for: form))
            }
        }

        // Ellipsis expansions and the parts of hyphenated words can match where the forms do not:
        // those tokens are tried for every theme, the others only for the themes their form touches.
        let mayNeedFullScan = !expansions.isEmpty || forms.hasHyphenatedForm
        var always = forms.hyphenated
        if !expansions.isEmpty { always = Array(Set(always).union(expansions.keys)).sorted() }
        var prominent: Prominence?

        var scores: [ThemeScore] = []
        var candidates: [Int] = []
        for (themeIndex, theme) in themes.enumerated() {
            let matcher = matchers[themeIndex]
            let touching = forms.tokensTouching(themeIndex)
            // Quick exit: a theme none of the text's forms touch has no evidence.
            guard mayNeedFullScan || !touching.isEmpty else { continue }
            Self.merge(touching, always, into: &candidates)
            var hits: [(hit: ThemeHit, pattern: ThemePattern, token: Int)] = []
            let excludedTokens = matcher.tokensInExcludedPhrases(touching: touching, forms: forms, theme: themeIndex)
            var skipUntil = -1
            for index in candidates {
                // Tokens inside a phrase already matched do not count again.
                if index <= skipUntil { continue }
                let formID = forms.formOf[index]
                guard formID >= 0 else { continue }
                let info = forms.matches[Int(formID)]
                let entry = info.entry(themeIndex)
                let range = tokens.range(at: index)
                // A word cut by ellipsis: try its full forms first; the evidence is the whole span.
                // Of the patterns its forms match, the heaviest counts (the first of equal weight):
                // in `rapporterings- og dokumentasjonskrav` the form `rapporteringskrav` is a strong
                // word even though a wrong cut (`rapporterings` + `ntasjonskrav`) fits a weak prefix.
                if !expansions.isEmpty, let expansion = expansions[index], let full = expansionForms[index] {
                    var best: ThemePattern?
                    for candidate in full {
                        guard let fullEntry = candidate.matches.entry(themeIndex), !fullEntry.excluded,
                              let term = fullEntry.term else { continue }
                        let pattern = matcher.words[term]
                        if best == nil || pattern.weight > best!.weight { best = pattern }
                    }
                    if let pattern = best {
                        let span = range.lowerBound ..< tokens.range(at: expansion.compound).upperBound
                        hits.append((ThemeHit(term: pattern.source, matched: slice(span), byteRange: span), pattern, index))
                        continue
                    }
                }
                if entry?.excluded == true || excludedTokens.contains(index) { continue }
                // The longest match wins: phrases before single words.
                if let starts = entry?.phraseStarts, !starts.isEmpty,
                   let (pattern, end) = matcher.phrase(from: index, forms: forms, candidates: starts) {
                    let phrase = range.lowerBound ..< tokens.range(at: end).upperBound
                    hits.append((ThemeHit(term: pattern.source, matched: slice(phrase), byteRange: phrase), pattern, index))
                    skipUntil = end
                    continue
                }
                if let term = entry?.term {
                    let pattern = matcher.words[term]
                    hits.append((ThemeHit(term: pattern.source, matched: slice(range), byteRange: range), pattern, index))
                    continue
                }
                if forms.isHyphenated(formID), forms.length(of: formID) == range.count {
                    // The parts of a hyphenated token (`BPA-ordningen`); offsets are exact only when
                    // lowercasing kept the byte length.
                    for part in forms.parts(of: formID) {
                        guard let partEntry = part.matches.entry(themeIndex), !partEntry.excluded, let term = partEntry.term else { continue }
                        let partRange = range.lowerBound + part.offset ..< range.lowerBound + part.offset + part.length
                        let pattern = matcher.words[term]
                        hits.append((ThemeHit(term: pattern.source, matched: slice(partRange), byteRange: partRange), pattern, index))
                    }
                }
            }
            guard !hits.isEmpty else { continue }
            var counted: Set<String> = []
            var score = 0.0
            for (_, pattern, _) in hits {
                score += counted.insert(pattern.source).inserted ? pattern.weight : Self.repeatFactor * pattern.weight
            }
            if prominent == nil { prominent = Prominence(bytes: bytes, tokens: tokens, shortLineWords: Self.shortLineWords) }
            if hits.contains(where: { prominent!.contains($0.token) }) { score += Self.prominenceBonus }
            scores.append(ThemeScore(themeID: theme.id, score: score, hits: hits.map(\.hit)))
        }
        return scores.sorted { $0.themeID < $1.themeID }
    }

    /// The union of two ascending token lists, ascending.
    private static func merge(_ a: [Int], _ b: [Int], into result: inout [Int]) {
        result.removeAll(keepingCapacity: true)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                result.append(a[i]); i += 1
            } else if i == a.count || b[j] < a[i] {
                result.append(b[j]); j += 1
            } else {
                result.append(a[i]); i += 1; j += 1
            }
        }
    }
}

/// The lowercased forms of one text's word tokens, each distinct form once, with what it
/// matches: built in one pass over the tokens without an allocation per token.
struct DocumentForms {
    /// The form id of each token; -1 for tokens that are not word-like.
    let formOf: [Int32]
    /// By form id: the lowercased bytes and what they match.
    let forms: [[UInt8]]
    let matches: [FormMatches]
    /// Word tokens whose form holds a hyphen, ascending.
    let hyphenated: [Int]
    /// By theme index: the word tokens whose form touches the theme, ascending.
    private let touching: [[Int]]
    /// By form id of a hyphenated form: where its parts stand and what they match.
    private let hyphenParts: [Int: [(offset: Int, length: Int, matches: FormMatches)]]
    /// By form id: bit 0 the form holds a hyphen, bit 1 it touches a theme.
    private let flags: [UInt8]
    let hasWords: Bool

    var hasHyphenatedForm: Bool { !hyphenated.isEmpty }

    init(bytes: UnsafeBufferPointer<UInt8>, tokens: TokenList, vocabulary: VocabularyCache) {
        let count = tokens.count
        var formOf = [Int32](repeating: -1, count: count)
        var touching = [[Int]](repeating: [], count: vocabulary.themeCount)
        var hyphenated: [Int] = []
        // Tokens are interned by their bytes as written, in the spellings this thread has seen;
        // each new spelling is lowercased once, and the new ones of a text are looked up in the
        // shared cache together. The thread's tables are taken out of its cache while in use.
        let cache = vocabulary.spellingsOfThisThread()
        if cache.interner.count > SpellingCache.capacity { cache.reset() }
        var interner = ByteInterner(capacity: 0), forms: [[UInt8]] = [], matches: [FormMatches] = []
        var flags: [UInt8] = [], hyphenParts: [Int: [(offset: Int, length: Int, matches: FormMatches)]] = [:]
        swap(&interner, &cache.interner)
        swap(&forms, &cache.forms)
        swap(&matches, &cache.matches)
        swap(&flags, &cache.flags)
        swap(&hyphenParts, &cache.hyphenParts)
        var lowered: [UInt8] = []
        var spellings: [Range<Int>] = []
        tokens.starts.withUnsafeBufferPointer { starts in
            tokens.lengths.withUnsafeBufferPointer { lengths in
                tokens.kinds.withUnsafeBufferPointer { kinds in
                    formOf.withUnsafeMutableBufferPointer { formOf in
                        for index in 0 ..< count where kinds[index].isWordLike {
                            let start = Int(starts[index])
                            let token = UnsafeBufferPointer(rebasing: bytes[start ..< start + Int(lengths[index])])
                            let (id, inserted) = interner.insert(token, hash: ByteText.hash(token))
                            if inserted {
                                let from = lowered.count
                                NorwegianCase.lowercase(token, appendingTo: &lowered)
                                spellings.append(from ..< lowered.count)
                            }
                            formOf[index] = Int32(id)
                        }
                    }
                }
            }
        }
        if !spellings.isEmpty {
            for (form, found) in vocabulary.entries(for: lowered, ranges: spellings) {
                forms.append(form)
                matches.append(found)
                flags.append((form.contains(UInt8(ascii: "-")) ? 1 : 0) | (found.entries.isEmpty ? 0 : 2))
            }
        }
        flags.withUnsafeBufferPointer { flags in
            for index in 0 ..< count {
                let id = Int(formOf[index])
                guard id >= 0 else { continue }
                let flag = flags[id]
                if flag != 0 {
                    if flag & 1 != 0 { hyphenated.append(index) }
                    if flag & 2 != 0 { for entry in matches[id].entries { touching[entry.theme].append(index) } }
                }
            }
        }
        for index in hyphenated {
            let id = Int(formOf[index])
            guard hyphenParts[id] == nil else { continue }
            var parts: [(offset: Int, length: Int, matches: FormMatches)] = []
            var offset = 0
            for part in forms[id].split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false) {
                if !part.isEmpty { parts.append((offset, part.count, vocabulary.matches(for: Array(part)))) }
                offset += part.count + 1
            }
            hyphenParts[id] = parts
        }
        self.formOf = formOf
        self.touching = touching
        self.forms = forms
        self.matches = matches
        self.flags = flags
        self.hyphenated = hyphenated
        self.hyphenParts = hyphenParts
        hasWords = !spellings.isEmpty || formOf.contains { $0 >= 0 }
        swap(&interner, &cache.interner)
        swap(&forms, &cache.forms)
        swap(&matches, &cache.matches)
        swap(&flags, &cache.flags)
        swap(&hyphenParts, &cache.hyphenParts)
    }

    func tokensTouching(_ theme: Int) -> [Int] { touching[theme] }
    func isHyphenated(_ id: Int32) -> Bool { flags[Int(id)] & 1 != 0 }
    func length(of id: Int32) -> Int { forms[Int(id)].count }
    func parts(of id: Int32) -> [(offset: Int, length: Int, matches: FormMatches)] { hyphenParts[Int(id)] ?? [] }

    /// The lowercased form of token `index`, nil when it is not word-like.
    func form(_ index: Int) -> [UInt8]? {
        let id = formOf[index]
        return id < 0 ? nil : forms[Int(id)]
    }

    var tokenCount: Int { formOf.count }
}

/// The patterns of one theme, ready to match lowercased UTF-8 forms.
final class ThemeMatcher: Sendable {
    let words: [ThemePattern]
    let phrases: [ThemePattern]
    let exclusions: [ThemePattern.Element]
    let excludedPhrases: [ThemePattern]

    init(theme: ThemeDictionary) {
        words = theme.terms.filter { $0.elements.count == 1 }
        phrases = theme.terms.filter { $0.elements.count > 1 }
        exclusions = theme.patterns.filter { $0.isExclusion && $0.elements.count == 1 }.map { $0.elements[0] }
        excludedPhrases = theme.patterns.filter { $0.isExclusion && $0.elements.count > 1 }
        wordElements = ElementIndex(words.map { $0.elements[0] })
        phraseFirstElements = ElementIndex(phrases.map { $0.elements[0] })
        excludedPhraseFirstElements = ElementIndex(excludedPhrases.map { $0.elements[0] })
        exclusionElements = ElementIndex(exclusions)
    }

    /// The element of each one-word pattern, the first elements of the phrases and excluded
    /// phrases, and the exclusions, indexed by the first byte a match can start with.
    private let wordElements: ElementIndex
    private let phraseFirstElements: ElementIndex
    private let excludedPhraseFirstElements: ElementIndex
    private let exclusionElements: ElementIndex

    /// What one form matches in this theme, or nil when nothing.
    func analyse(_ form: [UInt8]) -> FormMatches.Entry? {
        let excluded = exclusionElements.first(matching: form) != nil
        let term = wordElements.first(matching: form)
        let phraseStarts = phraseFirstElements.all(matching: form)
        let excludedStarts = excludedPhraseFirstElements.all(matching: form)
        guard excluded || term != nil || !phraseStarts.isEmpty || !excludedStarts.isEmpty else { return nil }
        return FormMatches.Entry(term: term, excluded: excluded, phraseStarts: phraseStarts,
                                 excludedPhraseStarts: excludedStarts)
    }

    /// Tokens covered by an excluded phrase (`!i tillegg til kommuneøkonomi`); only tokens whose
    /// form touches the theme can start one.
    func tokensInExcludedPhrases(touching: [Int], forms: DocumentForms, theme: Int) -> Set<Int> {
        guard !excludedPhrases.isEmpty else { return [] }
        var result: Set<Int> = []
        for start in touching {
            guard let starts = forms.matches[Int(forms.formOf[start])].entry(theme)?.excludedPhraseStarts else { continue }
            for candidate in starts {
                if let end = Self.end(of: excludedPhrases[candidate], from: start, forms: forms) { result.formUnion(start ... end) }
            }
        }
        return result
    }

    /// The last token of `pattern` matched word by word from `start`, or nil.
    static func end(of pattern: ThemePattern, from start: Int, forms: DocumentForms) -> Int? {
        var index = start
        for (offset, element) in pattern.elements.enumerated() {
            if offset > 0 { index += 1 }
            guard index < forms.tokenCount, let form = forms.form(index), element.matches(form) else { return nil }
        }
        return index
    }

    /// The first of the candidate phrases (indices whose first word matches the token at
    /// `start`) that matches word tokens in a row, and its last token.
    func phrase(from start: Int, forms: DocumentForms, candidates: [Int]) -> (ThemePattern, Int)? {
        for candidate in candidates {
            if let end = Self.end(of: phrases[candidate], from: start, forms: forms) { return (phrases[candidate], end) }
        }
        return nil
    }
}

/// Pattern elements with, for each byte, the elements a form starting with it can match: the
/// elements whose first part has a form starting with the byte, and those with a leading wildcard.
struct ElementIndex: Sendable {
    let elements: [ThemePattern.Element]
    /// Element indices by first byte, ascending.
    private let byFirstByte: [[Int]]

    init(_ elements: [ThemePattern.Element]) {
        self.elements = elements
        var buckets = [[Int]](repeating: [], count: 256)
        for (index, element) in elements.enumerated() {
            for byte in 0 ... 255 where element.mayStart(with: UInt8(byte)) { buckets[byte].append(index) }
        }
        byFirstByte = buckets
    }

    /// Indices of the elements that may match the form, ascending.
    @inline(__always)
    private func candidates(_ form: [UInt8]) -> [Int] {
        guard let first = form.first else { return Array(elements.indices) }
        return byFirstByte[Int(first)]
    }

    /// The index of the first element that matches the form.
    func first(matching form: [UInt8]) -> Int? {
        let candidates = candidates(form)
        guard !candidates.isEmpty else { return nil }
        return elements.withUnsafeBufferPointer { elements in
            for index in candidates where elements[index].matches(form) { return index }
            return nil
        }
    }

    /// The indices of every element that matches the form, ascending.
    func all(matching form: [UInt8]) -> [Int] {
        let candidates = candidates(form)
        guard !candidates.isEmpty else { return [] }
        return elements.withUnsafeBufferPointer { elements in
            var result: [Int] = []
            for index in candidates where elements[index].matches(form) { result.append(index) }
            return result
        }
    }
}

/// What one lowercased form matches, for every theme it touches.
struct FormMatches: Sendable {
    struct Entry: Sendable {
        /// Index of the first one-word pattern that matches, in `ThemeMatcher.words`.
        var term: Int?
        var excluded: Bool
        /// Phrases (indices in `ThemeMatcher.phrases`) whose first word matches.
        var phraseStarts: [Int]
        /// Excluded phrases whose first word matches.
        var excludedPhraseStarts: [Int]
    }

    /// Entries for the themes the form touches, by theme index; most forms touch none.
    var entries: [(theme: Int, entry: Entry)]

    func entry(_ theme: Int) -> Entry? {
        entries.first { $0.theme == theme }?.entry
    }

    func touches(_ theme: Int) -> Bool {
        entries.contains { $0.theme == theme }
    }
}

/// The spellings one thread has met, by their bytes as written, with their lowercased forms and
/// what they match: used and grown by that thread only, so reading it takes no lock.
final class SpellingCache {
    var interner = ByteInterner(capacity: 4096)
    var forms: [[UInt8]] = []
    var matches: [FormMatches] = []
    var flags: [UInt8] = []
    var hyphenParts: [Int: [(offset: Int, length: Int, matches: FormMatches)]] = [:]
    /// Spellings kept before the cache starts over.
    static let capacity = 200_000

    func reset() {
        interner = ByteInterner(capacity: 4096)
        forms = []
        matches = []
        flags = []
        hyphenParts = [:]
    }
}

/// The spelling caches of one thread, one per vocabulary still alive.
private final class ThreadSpellings {
    var caches: [(owner: Weak, cache: SpellingCache)] = []
    struct Weak { weak var value: VocabularyCache? }
}

/// Remembers what each form matches across texts, so a corpus's vocabulary is matched against
/// the patterns once, not once per token. Safe to share between threads; bounded in size.
final class VocabularyCache: @unchecked Sendable {
    private let matchers: [ThemeMatcher]
    private var known = ByteInterner(capacity: 4096)
    private var values: [(form: [UInt8], matches: FormMatches)] = []
    private let lock = NSLock()
    /// Forms kept before the cache starts over, to keep memory flat on huge corpora.
    static let capacity = 400_000

    init(matchers: [ThemeMatcher]) {
        self.matchers = matchers
    }

    var themeCount: Int { matchers.count }

    /// The calling thread's spelling cache for this vocabulary.
    func spellingsOfThisThread() -> SpellingCache {
        let key = "debattsvar.stavemåter"
        let dictionary = Thread.current.threadDictionary
        let spellings: ThreadSpellings
        if let known = dictionary[key] as? ThreadSpellings {
            spellings = known
        } else {
            spellings = ThreadSpellings()
            dictionary[key] = spellings
        }
        for entry in spellings.caches where entry.owner.value === self { return entry.cache }
        spellings.caches.removeAll { $0.owner.value == nil }
        let cache = SpellingCache()
        spellings.caches.append((ThreadSpellings.Weak(value: self), cache))
        return cache
    }

    func matches(for form: [UInt8]) -> FormMatches {
        form.withUnsafeBufferPointer { entry(for: $0, hash: ByteText.hash($0)).matches }
    }

    /// For each range of `forms`, the form as an array and what it matches: looked up under one
    /// lock, with the forms not seen before matched outside it.
    func entries(for forms: [UInt8], ranges: [Range<Int>]) -> [(form: [UInt8], matches: FormMatches)] {
        forms.withUnsafeBufferPointer { forms in
            let hashes = ranges.map { ByteText.hash(UnsafeBufferPointer(rebasing: forms[$0])) }
            var found = [(form: [UInt8], matches: FormMatches)?](repeating: nil, count: ranges.count)
            var missing: [Int] = []
            lock.lock()
            let ids = known.ids(of: forms, ranges: ranges, hashes: hashes)
            do {
                let values = self.values
                for (k, id) in ids.enumerated() {
                    if id >= 0 { found[k] = values[id] } else { missing.append(k) }
                }
            }
            lock.unlock()
            for k in missing {
                found[k] = entry(for: UnsafeBufferPointer(rebasing: forms[ranges[k]]), hash: hashes[k])
            }
            return found.map { $0! }
        }
    }

    /// The form as an array and what it matches; `hash` is `ByteText.hash(form)`.
    func entry(for form: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (form: [UInt8], matches: FormMatches) {
        lock.lock()
        if let id = known.id(of: form, hash: hash) {
            let cached = values[id]
            lock.unlock()
            return cached
        }
        lock.unlock()
        let array = Array(form)
        let computed = FormMatches(entries: matchers.indices.compactMap { theme in
            matchers[theme].analyse(array).map { (theme, $0) }
        })
        lock.lock()
        if known.count >= Self.capacity {
            known = ByteInterner(capacity: 4096)
            values.removeAll(keepingCapacity: true)
        }
        let (id, inserted) = known.insert(form, hash: hash)
        if inserted { values.append((array, computed)) }
        let result = values[id]
        lock.unlock()
        return result
    }
}

/// Which tokens stand in a prominent place: a heading, a short line, or the first sentence of
/// their line.
struct Prominence {
    private var flags: [Bool]

    init(bytes: UnsafeBufferPointer<UInt8>, tokens: TokenList, shortLineWords: Int) {
        flags = Array(repeating: false, count: tokens.count)
        var first = 0
        while first < tokens.count {
            let start = tokens.range(at: first).lowerBound
            var lineStart = start, lineEnd = start
            while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var last = first
            while last + 1 < tokens.count, tokens.range(at: last + 1).lowerBound < lineEnd { last += 1 }
            var textStart = lineStart
            while textStart < lineEnd, bytes[textStart] == 0x20 { textStart += 1 }
            let isHeading = textStart < lineEnd && bytes[textStart] == UInt8(ascii: "#")
            var words = 0
            for index in first ... last where tokens.kinds[index].isWordLike { words += 1 }
            var inFirstSentence = true, sawWord = false
            for index in first ... last {
                flags[index] = isHeading || words <= shortLineWords || inFirstSentence
                if tokens.kinds[index] == .word { sawWord = true }
                // A sentence ends at . ! ? after a word: `... en av tre` and `3. Hva` still open it.
                if sawWord, tokens.kinds[index] == .punctuation, tokens.lengths[index] == 1 {
                    let byte = bytes[Int(tokens.starts[index])]
                    if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { inFirstSentence = false }
                }
            }
            first = last + 1
        }
    }

    func contains(_ token: Int) -> Bool { flags[token] }
}
