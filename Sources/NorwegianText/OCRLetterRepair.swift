import Foundation
import PipelineCore

/// Whether a document looks like OCR output from a model that knows no æ, ø or å.
///
/// Clean Norwegian prose has æ/ø/å in roughly every tenth word. A document counts as damaged
/// only when it has at least 30 words, almost none of those letters (under one in 200 words),
/// reads as Norwegian (common function words), and shows the marks such OCR leaves: a lone `&`
/// or `|`, `pa`/`pé`/`p4`/`p&` for `på`, `@` starting a word. Clean text is never repaired.
public struct OCRDamageAssessment: Sendable, Equatable {
    public var words = 0
    public var nordicLetters = 0
    public var signals = 0
    public var functionWords = 0

    public var isDamaged: Bool {
        words >= 30 && nordicLetters * 200 < words && signals >= 3 && signals * 500 >= words
            && functionWords * 10 >= words
    }

    public init(_ p: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = p.count
        var wordStart = -1
        func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func boundary(_ k: Int) -> Bool { k < 0 || k >= n || p[k] == 0x20 || p[k] == 0x0A }
        while i <= n {
            let b: UInt8 = i < n ? p[i] : 0x20
            let inWord = isASCIILetter(b) || b >= 0x80 || b == UInt8(ascii: "&") || b == UInt8(ascii: "@")
                || b == UInt8(ascii: "|")
            if inWord {
                if wordStart < 0 { wordStart = i }
                if b == 0xC3, i + 1 < n {
                    switch p[i + 1] {
                    case 0xA6, 0xB8, 0xA5, 0x86, 0x98, 0x85: nordicLetters += 1
                    default: break
                    }
                }
            } else if wordStart >= 0 {
                let length = i - wordStart
                words += 1
                let w0 = p[wordStart]
                if length == 1, (w0 == UInt8(ascii: "&") || w0 == UInt8(ascii: "|")), boundary(wordStart - 1) {
                    signals += 1
                } else if w0 == UInt8(ascii: "@"), length > 1, boundary(wordStart - 1) {
                    signals += 1
                } else if (w0 | 0x20) == UInt8(ascii: "p") {
                    let second = length >= 2 ? p[wordStart + 1] : 0
                    if length == 2, second | 0x20 == UInt8(ascii: "a") || second == UInt8(ascii: "&") {
                        signals += 1
                    } else if length == 3, second == 0xC3, p[wordStart + 2] == 0xA9 {
                        signals += 1 // pé
                    }
                } else if length == 2 {
                    let a = w0 | 0x20, c = p[wordStart + 1] | 0x20
                    if (a == UInt8(ascii: "o") && c == UInt8(ascii: "g")) || (a == UInt8(ascii: "e") && c == UInt8(ascii: "r"))
                        || (a == UInt8(ascii: "a") && c == UInt8(ascii: "v")) {
                        functionWords += 1
                    }
                } else if length == 3 {
                    let a = w0 | 0x20, c = p[wordStart + 1] | 0x20, d = p[wordStart + 2] | 0x20
                    if (a == UInt8(ascii: "d") && c == UInt8(ascii: "e") && d == UInt8(ascii: "t"))
                        || (a == UInt8(ascii: "s") && c == UInt8(ascii: "o") && d == UInt8(ascii: "m"))
                        || (a == UInt8(ascii: "t") && c == UInt8(ascii: "i") && d == UInt8(ascii: "l"))
                        || (a == UInt8(ascii: "m") && c == UInt8(ascii: "e") && d == UInt8(ascii: "d"))
                        || (a == UInt8(ascii: "f") && c == UInt8(ascii: "o") && d == UInt8(ascii: "r")) {
                        functionWords += 1
                    }
                }
                wordStart = -1
            }
            i += 1
        }
    }
}

/// Restores æ, ø, å and I in text read by an OCR model without them (`gkonomi` → `økonomi`,
/// `& diskutere` → `å diskutere`, `| tillegg` → `I tillegg`, `pé` → `på`).
///
/// For each word it generates the spellings the confusions seen in such OCR output allow
/// (ø ← g o e a @; å ← a & é d 4 8; æ ← ae ee ea e z; I ← | l; j ← i) and takes one only when
/// it is a known form or a valid compound in the paragraph's written standard, and either the
/// word as read is not a known form, or the neighbouring words make the new spelling far more
/// likely (`i var kommune` → `i vår kommune`). Only documents that `OCRDamageAssessment` finds
/// damaged are touched; the standard (bokmål or nynorsk) is decided per paragraph, so `gjere`
/// stays in a nynorsk answer.
public struct OCRLetterRepair: RepairingTextFilter {
    public let id = "ocr"
    public let lexicon: Lexicon
    public let statistics: WordStatistics

    /// How much likelier (natural log) a new spelling of a known word must be in context.
    public static let contextMargin = 0.7
    /// How much likelier a new spelling of a known word must be without context backing it
    /// (tuned on the OCR round trip of the 2025 booklet, `bench-normalize.py --tuning`).
    public static let frequencyMargin = 0.7
    /// How much more common in general prose (natural log) a new spelling of a word that only
    /// the paragraph's standard has must be (`mal` → `mål`, never `fra` → `frå`).
    public static let proseMargin = 1.0

    public init(lexicon: Lexicon, statistics: WordStatistics) {
        self.lexicon = lexicon
        self.statistics = statistics
    }

    public func apply(_ text: String, changes: inout [TextChange]) -> String {
        var copy = text
        return copy.withUTF8 { p -> String? in
            guard OCRDamageAssessment(p).isDamaged else { return nil }
            var worker = Worker(lexicon: lexicon, statistics: statistics)
            let edits = worker.edits(p)
            return edits.isEmpty ? nil : TextEdits.apply(edits, to: p, stage: id, changes: &changes)
        } ?? text
    }
}

// MARK: - Candidates

/// A spelling the confusions allow, lowercase, and how it relates to the lexicon.
private struct Candidate {
    var word: [UInt8]
    var changes: Int
    var stored: Bool
    /// 2 listed form (or seen in clean prose), 1 compound of parts ≥ 4 bytes, 0 compound with
    /// shorter parts.
    var rank: Int
    /// Fewest parts it splits into; 1 for a listed form.
    var parts = 1
    var statsID: Int?
    /// Whether the first letter became `i` from `l` or `|` (a capital I read wrongly).
    var capitalI: Bool
    /// Whether the first letter became `l` from `I` (`Ignn` → `lønn`): the word is lowercase.
    var lowerL: Bool
}

private let ø: [UInt8] = [0xC3, 0xB8]
private let å: [UInt8] = [0xC3, 0xA5]
private let æ: [UInt8] = [0xC3, 0xA6]

private extension Array where Element == UInt8 {
    func withPrefix(_ b: UInt8) -> [UInt8] { [b] + self }
}

/// A memo key: a lowercase word and a tag byte, hashed once with FNV (not byte by byte).
private struct MemoKey: Hashable {
    let bytes: [UInt8]
    let tag: UInt8
    let fnv: UInt64

    init(_ bytes: [UInt8], tag: UInt8) {
        self.bytes = bytes
        self.tag = tag
        fnv = bytes.withUnsafeBufferPointer { ByteStringSet.hash($0) } ^ UInt64(tag)
    }

    static func == (a: MemoKey, b: MemoKey) -> Bool { a.fnv == b.fnv && a.tag == b.tag && a.bytes == b.bytes }
    func hash(into hasher: inout Hasher) { hasher.combine(fnv) }
}

/// One word of the text as the repair sees it.
private struct Word {
    var range: Range<Int>
    var lower: [UInt8]
    var casePattern: TextEdits.CasePattern
    /// Standards of the paragraph.
    var standard: WrittenStandard
    var originalKnown: Bool
    var statsID: Int?
    /// True when the word is a plain word the repair may look at.
    var eligible: Bool
    var startsSentence: Bool
    /// Starts with a capital I followed by lowercase letters, which OCR makes of an l.
    var ambiguousI = false
    /// Starts with `@`, which OCR makes of both ø and Ø.
    var startsWithAt = false
    /// Part of a hyphenated or slashed word (`kommune/stat`): judged alone, no one's neighbour.
    var isPart = false
    /// First half of a word split by a hyphen at a line end; the second half follows.
    var splitBefore = false
    /// Second half of a word split at the end of the previous line.
    var splitAfter = false
    /// Whether the word alone would be eligible (halves of split words are not).
    var plain = false
    /// Followed by `.`, `!` or `?`.
    var endsSentence = false
}

/// What the repair knows about one spelling in one standard, worked out once per document.
private struct Analysis {
    /// 2 a listed form (or listed in the other standard), 1 a compound of parts ≥ 4 bytes,
    /// 0 one with shorter parts, -1 none.
    var rank: Int
    /// Fewest parts a compound splits into.
    var parts = Int.max
    var candidates: [Candidate]
    var known: Bool { rank == 2 }
}

private struct Worker {
    let lexicon: Lexicon
    let statistics: WordStatistics
    var memo: [MemoKey: Analysis] = [:]

    init(lexicon: Lexicon, statistics: WordStatistics) {
        self.lexicon = lexicon
        self.statistics = statistics
    }

    mutating func edits(_ p: UnsafeBufferPointer<UInt8>) -> [WordEdit] {
        var words = collectWords(p)
        assignStandards(&words, p)
        // Pass 1: each word's likeliest form without context, so neighbours can be judged.
        var resolved: [Int?] = []
        var candidateLists: [[Candidate]] = []
        resolved.reserveCapacity(words.count)
        var ranks: [Int] = []
        var partCounts: [Int] = []
        for k in words.indices {
            let analysis = words[k].eligible ? analyse(words[k].lower, standard: words[k].standard, ambiguousI: words[k].ambiguousI) : Analysis(rank: 2, candidates: [])
            words[k].originalKnown = analysis.known
            ranks.append(analysis.rank)
            partCounts.append(analysis.parts)
            let list = analysis.candidates
            candidateLists.append(list)
            if !words[k].originalKnown, let best = list.max(by: { statistics.count($0.statsID) < statistics.count($1.statsID) }) {
                resolved.append(words[k].isPart ? nil : best.statsID)
            } else {
                resolved.append(words[k].isPart ? nil : words[k].statsID)
            }
        }
        // Pass 2: decide with the neighbours.
        var edits: [WordEdit] = []
        for k in words.indices where words[k].eligible && !candidateLists[k].isEmpty {
            let word = words[k]
            // Parts of a hyphenated word are judged without neighbours.
            let hasPrevious = k > 0 && !word.startsSentence && !word.isPart
            let previous = word.isPart ? nil : word.startsSentence ? WordStatistics.sentenceStart : (k > 0 ? resolved[k - 1] : nil)
            let next = word.isPart ? nil : word.endsSentence ? WordStatistics.sentenceStart
                : k + 1 < words.count && !words[k + 1].startsSentence ? resolved[k + 1] : nil
            let hasNext = next != nil
            func score(_ id: Int?) -> Double {
                statistics.score(id, previous: previous, hasPrevious: hasPrevious || word.startsSentence,
                                 next: next, hasNext: hasNext)
            }
            // Stored forms before strong compounds before weak ones; then the likeliest.
            var best: Candidate?
            var bestScore = -Double.infinity
            // An unlisted word that still splits into known parts yields only to a better-founded
            // spelling: `tienester` (tien|ester) to the listed `tjenester`.
            let originalRank = ranks[k]
            let originalParts = partCounts[k]
            let originalCount = statistics.count(word.statsID)
            for candidate in candidateLists[k] {
                if !word.originalKnown {
                    guard candidate.rank > originalRank else { continue }
                    // A word that is itself a compound of known words yields only to a listed form;
                    // a mere compound may differ from the text in one place only.
                    // A mere compound may differ from the text in one place only, and replaces a
                    // word that is a compound itself only with fewer parts (`arsverks|behov`
                    // with three, `årsverks|behov` with two).
                    if candidate.rank < 2, candidate.changes > 1
                        || (originalRank >= 0 && candidate.parts > originalParts)
                        || (originalRank >= 0 && candidate.parts == originalParts && !partsMoreCommon(candidate.word, than: word.lower)) {
                        continue
                    }
                    // Compounds with parts under 4 bytes (`tak|øre`) are too easily made.
                    if candidate.rank < 1 { continue }
                    // A listed compound that is not a stored form is known only from a Bloom
                    // filter, which errs now and then: against a word that is a compound itself,
                    // it must be seen in prose or have no more parts.
                    if !candidate.stored, candidate.rank == 2, originalRank >= 0, statistics.count(candidate.statsID) < 1,
                       candidate.parts > originalParts || candidate.changes > 1 {
                        continue
                    }
                    // A spelling seen in clean prose (`local`) is no damage unless the other is
                    // seen as often.
                    // (A form of the other standard is counted in that standard's prose: `gjere`.)
                    if originalCount > 0, originalRank < 1 || word.lower.withUnsafeBufferPointer({ lexicon.standards($0).isEmpty }),
                       statistics.count(candidate.statsID) + 1 <= originalCount { continue }
                }
                let s = score(candidate.statsID) - 0.5 * Double(candidate.changes)
                let sParts = s - 0.7 * Double(candidate.parts - 1)
                if best == nil || candidate.rank > best!.rank || (candidate.rank == best!.rank && sParts > bestScore) {
                    bestScore = sParts
                    best = candidate
                }
            }
            if Self.forced(word.lower), let på = candidateLists[k].first(where: { $0.word == å.withPrefix(UInt8(ascii: "p")) }) {
                best = på
                bestScore = score(på.statsID)
            }
            guard let chosen = best else { continue }
            var reason: String
            if word.originalKnown {
                // A known word changes only when the context clearly asks for the other one.
                // Into a stored form, or a listed compound that prose uses (`handtert` → `håndtert`).
                guard chosen.stored || statistics.proseFrequency(chosen.statsID) > 0 else { continue }
                let own = word.lower.withUnsafeBufferPointer { lexicon.standards($0) }
                if own == word.standard, !Self.forced(word.lower) {
                    // A word only the paragraph's standard has changes only into a spelling
                    // general prose uses far more often; nynorsk has no such counts.
                    guard word.standard == .bokmål,
                          log(statistics.proseFrequencyOrFloor(chosen.statsID) / statistics.proseFrequencyOrFloor(word.statsID))
                            >= OCRLetterRepair.proseMargin else { continue }
                }
                let forced = Self.forced(word.lower)
                let margin = bestScore - score(word.statsID)
                let evidence = statistics.pairCount(previous, chosen.statsID) + statistics.pairCount(chosen.statsID, next)
                // Either the neighbours back the change, or the other spelling is so much more
                // common that only context against it would keep the word.
                guard forced || (margin >= OCRLetterRepair.contextMargin && evidence >= 1)
                    || margin >= OCRLetterRepair.frequencyMargin else { continue }
                reason = forced ? "«pa» er «på» i OCR-tekst" : String(format: "kjent ord, men konteksten taler for endringen (%.1f)", margin)
            } else if word.lower == [UInt8(ascii: "4")] {
                // A lone 4 is `å` before an infinitive, a number before most other words.
                // The next word is read whole: a part of `dempe/redusere`, both halves of
                // `gjennom-` + `føre` split at a line end.
                guard k + 1 < words.count, !words[k + 1].startsSentence, words[k + 1].casePattern == .lower else { continue }
                var following = words[k + 1].lower
                var nextID = next
                if words[k + 1].splitBefore, k + 2 < words.count, words[k + 2].splitAfter {
                    following += words[k + 2].lower
                    nextID = following.withUnsafeBufferPointer { statistics.id($0) }
                } else if words[k + 1].isPart {
                    nextID = words[k + 1].statsID
                }
                let infinitive = following.last == UInt8(ascii: "e")
                    && (statistics.count(nextID) >= 1 || (nextID != next && following.withUnsafeBufferPointer { !lexicon.standards($0).isEmpty }))
                    && statistics.pairCount(statistics.id("4"), nextID) == 0
                guard statistics.pairCount(chosen.statsID, nextID) >= 1 || infinitive else { continue }
                reason = "«4» foran verb er «å»"
            } else {
                reason = chosen.stored ? "ukjent ord; kjent ord i \(word.standard.name)" : "ukjent ord; gyldig sammensetning i \(word.standard.name)"
            }
            var replacement = TextEdits.applyCase(word.casePattern, to: chosen.word)
            if chosen.capitalI, word.casePattern == .lower {
                replacement = TextEdits.applyCase(.capitalised, to: chosen.word)
            }
            if chosen.lowerL, word.casePattern == .capitalised, !word.startsSentence {
                replacement = chosen.word
            }
            // `@` stands for ø and Ø alike: lowercase inside a sentence for common words, unless a
            // capitalised neighbour makes it a name (`@yvind Henriksen`).
            let capitalisedNeighbour = (k > 0 && words[k - 1].casePattern != .lower && !word.startsSentence)
                || (k + 1 < words.count && words[k + 1].casePattern != .lower)
            if word.startsWithAt, !word.startsSentence, !capitalisedNeighbour, statistics.count(chosen.statsID) >= 3 {
                replacement = chosen.word
            }
            let original = Array(UnsafeBufferPointer(rebasing: p[word.range]))
            guard replacement != original else { continue }
            edits.append(WordEdit(range: word.range, replacement: replacement, reason: reason))
            if !word.isPart { resolved[k] = chosen.statsID }
        }
        // Pass 3: words split at a line end, judged whole (`reallgnns-` + `vekst`).
        var splitEdits = false
        for k in words.indices.dropLast() where words[k].splitBefore && words[k + 1].splitAfter {
            if splitWordEdits(words[k], words[k + 1], p, into: &edits) { splitEdits = true }
        }
        if splitEdits { edits.sort { $0.range.lowerBound < $1.range.lowerBound } }
        return edits
    }

    /// Edits for the two halves of a word split by a hyphen at a line end, when the halves
    /// joined are no word and a spelling the confusions allow is: a listed form, or a compound
    /// differing in one place. The new spelling is cut where the old one was.
    mutating func splitWordEdits(_ a: Word, _ b: Word, _ p: UnsafeBufferPointer<UInt8>, into edits: inout [WordEdit]) -> Bool {
        guard a.plain, b.plain, a.standard == b.standard, b.casePattern != .upper || a.casePattern == .upper else { return false }
        let joined = a.lower + b.lower
        guard joined.count <= 40 else { return false }
        var analysis = analyse(joined, standard: a.standard, ambiguousI: a.ambiguousI)
        if analysis.known {
            // Known only as a compound the filter lists and never seen (`gjennom|fore`): a stored
            // form seen in prose one change away is taken instead (`gjennomføre`).
            let id = joined.withUnsafeBufferPointer { statistics.id($0) }
            guard joined.withUnsafeBufferPointer({ lexicon.storedStandards($0).isEmpty }), statistics.count(id) < 1,
                  statistics.proseFrequency(id) == 0 else { return false }
            analysis.candidates = computeCandidates(joined, standard: a.standard, known: true, ambiguousI: a.ambiguousI).filter {
                $0.stored && (statistics.count($0.statsID) >= 1 || statistics.proseFrequency($0.statsID) > 0)
            }
            analysis.rank = 1
        }
        var best: Candidate?
        for candidate in analysis.candidates where candidate.rank > analysis.rank && candidate.rank >= 1 {
            // Halves that already join into a compound (`forhandlings|hjemler`) yield only to a
            // stored form, one seen in prose, or a compound of fewer parts (`ansvars|områder`
            // for `ansvars|om|rader`); others to a compound differing in one place.
            if analysis.rank >= 0, !candidate.stored, statistics.count(candidate.statsID) < 1,
               statistics.proseFrequency(candidate.statsID) == 0, candidate.parts >= analysis.parts { continue }
            if candidate.rank < 2, candidate.changes > 1 { continue }
            if let current = best {
                let better = candidate.rank > current.rank || (candidate.rank == current.rank
                    && (candidate.changes < current.changes || (candidate.changes == current.changes
                        && statistics.count(candidate.statsID) > statistics.count(current.statsID))))
                if !better { continue }
            }
            best = candidate
        }
        guard let chosen = best,
              let cut = Self.alignedCut(original: joined, candidate: chosen.word, at: a.lower.count),
              cut > 0, cut < chosen.word.count else { return false }
        let first = Array(chosen.word[..<cut])
        let second = Array(chosen.word[cut...])
        var firstCase = a.casePattern
        if chosen.capitalI, firstCase == .lower { firstCase = .capitalised }
        if chosen.lowerL, firstCase == .capitalised, !a.startsSentence { firstCase = .lower }
        let reason = "ukjent ord delt ved linjeslutt; «\(String(decoding: chosen.word, as: UTF8.self))» er \(chosen.stored ? "kjent ord" : "gyldig sammensetning") i \(a.standard.name)"
        var changed = false
        let firstReplacement = TextEdits.applyCase(firstCase, to: first)
        if firstReplacement != Array(UnsafeBufferPointer(rebasing: p[a.range])) {
            edits.append(WordEdit(range: a.range, replacement: firstReplacement, reason: reason))
            changed = true
        }
        if second != b.lower {
            edits.append(WordEdit(range: b.range, replacement: TextEdits.applyCase(b.casePattern, to: second), reason: reason))
            changed = true
        }
        return changed
    }

    /// Where `candidate` splits as `original` does at byte `cut`: the two are aligned byte by
    /// byte, each difference one æ/ø/å/i/j/l of the candidate for one to three bytes of the
    /// original (at most four), none straddling the cut. Nil when they do not align.
    static func alignedCut(original o: [UInt8], candidate c: [UInt8], at cut: Int) -> Int? {
        func go(_ i: Int, _ j: Int, _ cutJ: Int?, _ differences: Int) -> Int? {
            let cj = cutJ ?? (i == cut ? j : nil)
            if i == o.count { return j == c.count ? cj : nil }
            if j == c.count { return nil }
            if o[i] == c[j], let found = go(i + 1, j + 1, cj, differences) { return found }
            guard differences < 4 else { return nil }
            let unit = c[j] == 0xC3 && j + 1 < c.count ? 2 : 1
            for length in 1 ... 3 where i + length <= o.count {
                if i < cut && i + length > cut { break }
                if let found = go(i + length, j + unit, cj, differences + 1) { return found }
            }
            return nil
        }
        return go(0, 0, nil, 0)
    }

    /// True when the first and last parts of `candidate` (its longest stored beginning and
    /// ending) are clearly more common in prose than those of `original`: `pandemi|årene`
    /// against `pandemi|arene`, not `såm|skaping` against `sam|skaping`.
    func partsMoreCommon(_ candidate: [UInt8], than original: [UInt8]) -> Bool {
        // How common the longest stored beginning and ending are: counts, plus the prose
        // frequency per million words (`pandemi|årene` against `pandemi|arene`).
        func evidence(_ word: [UInt8]) -> (Double, Double) {
            word.withUnsafeBufferPointer { p -> (Double, Double) in
                func weight(_ part: UnsafeBufferPointer<UInt8>) -> Double {
                    let id = statistics.id(part)
                    return statistics.count(id) + 1e6 * statistics.proseFrequency(id)
                }
                var beginning = 0.0
                var ending = 0.0
                var end = p.count - 1
                while end >= Lexicon.candidatePartLength {
                    if p[end] & 0xC0 != 0x80, lexicon.storedStandards(UnsafeBufferPointer(rebasing: p[..<end])) != [] {
                        beginning = weight(UnsafeBufferPointer(rebasing: p[..<end]))
                        break
                    }
                    end -= 1
                }
                var start = 1
                while start <= p.count - Lexicon.candidatePartLength {
                    if p[start] & 0xC0 != 0x80, lexicon.storedStandards(UnsafeBufferPointer(rebasing: p[start...])) != [] {
                        ending = weight(UnsafeBufferPointer(rebasing: p[start...]))
                        break
                    }
                    start += 1
                }
                return (beginning, ending)
            }
        }
        let (cb, ce) = evidence(candidate)
        let (ob, oe) = evidence(original)
        // Clearly more common in all, or in the part that differs with the other no rarer.
        return cb + ce > 2 * (ob + oe) + 2 || (cb > 2 * ob + 2 && ce >= oe) || (ce > 2 * oe + 2 && cb >= ob)
    }

    static func forced(_ lower: [UInt8]) -> Bool {
        lower == [UInt8(ascii: "p"), UInt8(ascii: "a")]
    }

    func isKnown(_ lower: [UInt8], _ standard: WrittenStandard) -> Bool {
        lower.withUnsafeBufferPointer { !lexicon.standards($0).intersection(standard).isEmpty }
    }

    /// 2 a listed form, 1 a compound of parts ≥ 4 bytes, 0 one with shorter parts, -1 none.
    func rankOf(_ word: UnsafeBufferPointer<UInt8>, _ standard: WrittenStandard) -> Int {
        if !lexicon.standards(word).intersection(standard).isEmpty { return 2 }
        // Depth first: most damaged words are no compound at all, and a compound is found fast.
        guard lexicon.isCompound(word, minPart: Lexicon.candidatePartLength, in: standard) else { return -1 }
        return lexicon.isCompound(word, minPart: Lexicon.knownPartLength, in: standard) ? 1 : 0
    }

    // MARK: Words

    func collectWords(_ p: UnsafeBufferPointer<UInt8>) -> [Word] {
        var words: [Word] = []
        var scratch: [UInt8] = []
        var i = 0
        let n = p.count
        var sentenceStart = true
        var lineStart = true
        var previousLineHyphenated = false
        while i < n {
            let b = p[i]
            if b == 0x20 { i += 1; continue }
            if b == 0x0A {
                // A blank line ends a paragraph, and so a sentence.
                if i + 1 < n, p[i + 1] == 0x0A { sentenceStart = true }
                // OCR output often has a blank line after every line: it does not end a split word.
                if i == 0 || p[i - 1] != 0x0A {
                    previousLineHyphenated = i > 1 && p[i - 1] == UInt8(ascii: "-") && p[i - 2] != 0x20
                }
                lineStart = true
                i += 1
                continue
            }
            var end = i
            while end < n, p[end] != 0x20, p[end] != 0x0A { end += 1 }
            // Web and e-mail addresses and paths are no words.
            if Self.isAddress(p, i, end) { i = end; lineStart = false; continue }
            // Halves of a word split at a line end are no words: leave them to the joiner.
            let continuesWord = lineStart && previousLineHyphenated
            let splitAtEnd = p[end - 1] == UInt8(ascii: "-") && (end == n || p[end] == 0x0A)
            lineStart = false
            let firstWord = words.count
            let core = TextEdits.core(p, i, end)
            var endsSentence = false
            if core.upperBound < end {
                switch p[core.upperBound] {
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"): endsSentence = true
                default: break
                }
            }
            // Parts of a hyphenated word are judged one by one, without context.
            var partStart = core.lowerBound
            var k = core.lowerBound
            let hyphenated = core.contains { p[$0] == UInt8(ascii: "-") || p[$0] == UInt8(ascii: "/") }
            while k <= core.upperBound {
                if k == core.upperBound || p[k] == UInt8(ascii: "-") || p[k] == UInt8(ascii: "/") {
                    if k > partStart {
                        let range = partStart ..< k
                        var word = makeWord(p, range, &scratch)
                        word.startsSentence = sentenceStart
                        word.isPart = hyphenated
                        words.append(word)
                        sentenceStart = false
                    }
                    partStart = k + 1
                }
                k += 1
            }
            if continuesWord, firstWord < words.count {
                words[firstWord].plain = words[firstWord].eligible
                words[firstWord].eligible = false
                words[firstWord].splitAfter = true
            }
            if splitAtEnd, firstWord < words.count {
                words[words.count - 1].plain = words[words.count - 1].eligible
                words[words.count - 1].eligible = false
                words[words.count - 1].splitBefore = true
            }
            if endsSentence {
                sentenceStart = true
                if firstWord < words.count, p[core.upperBound] != UInt8(ascii: ":") { words[words.count - 1].endsSentence = true }
            }
            i = end
        }
        return words
    }

    static func isAddress(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var slashes = 0
        var dots = 0
        var k = start
        while k < end {
            switch p[k] {
            case UInt8(ascii: "/"): slashes += 1
            case UInt8(ascii: "."): if k + 1 < end, p[k + 1] != 0x20 { dots += 1 }
            case UInt8(ascii: ":"): if k + 2 < end, p[k + 1] == UInt8(ascii: "/") { return true }
            case UInt8(ascii: "@"): if k > start { dots += 1; slashes += 1 }
            default: break
            }
            k += 1
        }
        return (slashes >= 2 && dots >= 1) || (slashes >= 1 && dots >= 2) || (end - start > 4 && p[start] | 0x20 == UInt8(ascii: "w")
            && p[start + 1] | 0x20 == UInt8(ascii: "w") && p[start + 2] | 0x20 == UInt8(ascii: "w") && p[start + 3] == UInt8(ascii: "."))
    }

    func makeWord(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ scratch: inout [UInt8]) -> Word {
        let slice = UnsafeBufferPointer(rebasing: p[range])
        var eligible = TextEdits.lowercase(slice, into: &scratch)
        // Letters and the characters OCR puts for æ/ø/å/I; numbers other than a lone 4 stay.
        var digits = 0
        var letters = 0
        for b in scratch {
            switch b {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"):
                digits += 1
                if b != UInt8(ascii: "4") && b != UInt8(ascii: "8") { eligible = false }
            case UInt8(ascii: "a") ... UInt8(ascii: "z"), 0xC3, 0x80 ... 0xBF: letters += 1
            case UInt8(ascii: "&"), UInt8(ascii: "@"), UInt8(ascii: "|"): break
            default: eligible = false
            }
        }
        if digits > 0, letters == 0, scratch.count != 1 || scratch[0] != UInt8(ascii: "4") { eligible = false }
        if digits > 1 { eligible = false }
        if scratch.count > 40 { eligible = false }
        var pattern = TextEdits.casePattern(slice)
        // Mixed case (`fylkesROS`, `McKinsey`) is a name or an acronym, not a damaged word.
        if pattern != .upper {
            var k = 1
            while k < slice.count {
                if TextEdits.isUpper(slice, at: k) { eligible = false; break }
                k += 1
            }
        }
        if let first = slice.first, first == UInt8(ascii: "@") || first == UInt8(ascii: "|") {
            pattern = slice.count > 1 && TextEdits.casePattern(UnsafeBufferPointer(rebasing: slice.dropFirst())) == .upper ? .upper : .capitalised
        }
        let statsID = scratch.withUnsafeBufferPointer { statistics.id($0) }
        let ambiguousI = slice.count > 1 && slice[0] == UInt8(ascii: "I")
            && (TextEdits.isLower(slice, at: 1) || slice[1] == UInt8(ascii: "@"))
        return Word(range: range, lower: scratch, casePattern: pattern, standard: .bokmål, originalKnown: false,
                    statsID: statsID, eligible: eligible, startsSentence: false, ambiguousI: ambiguousI,
                    startsWithAt: slice.first == UInt8(ascii: "@"))
    }

    /// Words only one standard uses and OCR cannot have made from the other's (no æ/ø/å).
    static let bokmålMarkers: Set<[UInt8]> = Set(["ikke", "hva", "hvordan", "jeg", "bare", "mye", "noe", "noen", "hvor",
        "hvem", "hele", "hvis", "hvilke", "hvilken", "ble", "blir", "selv", "kommunene", "disse"].map { Array($0.utf8) })
    static let nynorskMarkers: Set<[UInt8]> = Set(["ikkje", "kva", "korleis", "eg", "berre", "mykje", "noko", "nokon",
        "kvar", "kven", "heile", "viss", "kvifor", "kommunane", "dei", "ein", "eit", "vart", "blir", "desse"]
        .map { Array($0.utf8) }).subtracting([Array("blir".utf8)])

    /// Both lists in one set looked up by pointer: ids below `bokmålMarkerCount` are bokmål.
    static let markers = ByteStringSet(bokmålMarkers.sorted { $0.lexicographicallyPrecedes($1) }
        + nynorskMarkers.sorted { $0.lexicographicallyPrecedes($1) })
    static let bokmålMarkerCount = bokmålMarkers.count
    static let longestMarker = bokmålMarkers.union(nynorskMarkers).map(\.count).max() ?? 0

    /// Decides bokmål or nynorsk per paragraph from marker words (`ikke`/`ikkje`, `hva`/`kva`,
    /// `hvordan`/`korleis`); a paragraph without a clear lead takes the document's.
    func assignStandards(_ words: inout [Word], _ p: UnsafeBufferPointer<UInt8>) {
        var paragraphs: [(Range<Int>, Int, Int)] = []
        var start = 0
        var bokmål = 0, nynorsk = 0, totalB = 0, totalN = 0
        var previousEnd = 0
        for k in words.indices {
            // A blank line between the previous word and this one starts a new paragraph.
            var blank = false
            if k > 0 {
                var newlines = 0
                for i in previousEnd ..< words[k].range.lowerBound where p[i] == 0x0A { newlines += 1 }
                blank = newlines >= 2
            }
            if blank {
                paragraphs.append((start ..< k, bokmål, nynorsk))
                start = k; bokmål = 0; nynorsk = 0
            }
            previousEnd = words[k].range.upperBound
            guard words[k].eligible else { continue }
            guard words[k].lower.count <= Self.longestMarker,
                  let marker = words[k].lower.withUnsafeBufferPointer({ Self.markers.id(of: $0) }) else { continue }
            if marker < Self.bokmålMarkerCount { bokmål += 1; totalB += 1 } else { nynorsk += 1; totalN += 1 }
        }
        paragraphs.append((start ..< words.count, bokmål, nynorsk))
        let document: WrittenStandard = totalN > totalB * 2 && totalN >= 3 ? .nynorsk : .bokmål
        for (range, b, n) in paragraphs {
            var standard = document
            if n >= 2 && n > 2 * b { standard = .nynorsk } else if b >= 2 && b > 2 * n { standard = .bokmål }
            for k in range { words[k].standard = standard }
        }
    }

    // MARK: Candidates

    /// The word's rank and its valid spellings (listed forms or valid compounds in
    /// `standard`), memoised per document.
    mutating func analyse(_ lower: [UInt8], standard: WrittenStandard, ambiguousI: Bool) -> Analysis {
        let key = MemoKey(lower, tag: standard.rawValue | (ambiguousI ? 0x80 : 0))
        if let cached = memo[key] { return cached }
        var rank = lower.withUnsafeBufferPointer { rankOf($0, standard) }
        // A form of the other standard is no damage (`tillitsvalde` in a bokmål paragraph):
        // only a listed form of this standard may replace it (`gjere` → `gjøre`).
        if rank < 1, !lower.withUnsafeBufferPointer({ lexicon.standards($0) }).isEmpty { rank = 1 }
        // Known words are checked against their likeliest other spellings only.
        // A known word is checked against spellings one change away, and only when short:
        // the ambiguous ones are (`ar`/`år`, `mate`/`måte`, `handtert`/`håndtert`).
        let candidates = rank == 2 && lower.count > 9 ? [] : computeCandidates(lower, standard: standard, known: rank == 2, ambiguousI: ambiguousI)
        var result = Analysis(rank: rank, candidates: candidates)
        if rank == 0 || rank == 1 {
            result.parts = lower.withUnsafeBufferPointer { lexicon.compoundParts($0, minPart: Lexicon.candidatePartLength) } ?? Int.max
        }
        memo[key] = result
        return result
    }

    func computeCandidates(_ lower: [UInt8], standard: WrittenStandard, known: Bool, ambiguousI: Bool) -> [Candidate] {
        var collector = Collector(lexicon: lexicon, statistics: known ? statistics : nil, standard: standard, original: lower,
                                  collectPool: !known)
        // How many places from each position on could change: prunes branches that cannot
        // reach the number of changes a level asks for.
        collector.changeable = [Int](repeating: 0, count: lower.count + 1)
        for i in stride(from: lower.count - 1, through: 0, by: -1) {
            let b = lower[i]
            let canChange: Bool
            switch b {
            case UInt8(ascii: "g"), UInt8(ascii: "o"), UInt8(ascii: "e"), UInt8(ascii: "a"), UInt8(ascii: "z"),
                 UInt8(ascii: "d"), UInt8(ascii: "i"), UInt8(ascii: "s"), UInt8(ascii: "l"), 0xA9:
                canChange = true
            default:
                canChange = false
            }
            collector.changeable[i] = collector.changeable[i + 1] + (canChange ? 2 : 0)
        }
        // Fewest changes first; one level past the first that finds a stored form is enough.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * lower.count + 4) { current in
            var foundAt: Int?
            for exact in 0 ... (known ? 1 : Self.maxChanges) {
                if let foundAt, exact > foundAt + Self.extraLevels { break }
                collector.exact = exact
                lower.withUnsafeBufferPointer { word in
                    generate(word, 0, current.baseAddress!, 0, changes: 0, capitalI: false, lowerL: false, limit: exact,
                             ambiguousI: ambiguousI, into: &collector)
                }
                if foundAt == nil, !collector.stored.isEmpty { foundAt = exact }
            }
        }
        var valid: [Candidate] = collector.stored.map { word, changes, capitalI, lowerL in
            let stored = word.withUnsafeBufferPointer { !lexicon.storedStandards($0).isEmpty }
            var candidate = Candidate(word: word, changes: changes, stored: stored, rank: 2,
                                      statsID: word.withUnsafeBufferPointer { statistics.id($0) }, capitalI: capitalI,
                                      lowerL: lowerL)
            if !stored {
                candidate.parts = word.withUnsafeBufferPointer {
                    lexicon.compoundParts($0, minPart: Lexicon.candidatePartLength)
                } ?? Int.max
            }
            return candidate
        }
        if valid.isEmpty {
            for (word, changes, capitalI, lowerL) in collector.pool {
                if word.withUnsafeBufferPointer({ lexicon.isCompound($0, minPart: Lexicon.candidatePartLength, in: standard) }) {
                    let statsID = word.withUnsafeBufferPointer { statistics.id($0) }
                    // A compound seen in clean prose is as good as a listed one. (The pool holds no
                    // listed compounds: the search took those as stored forms.)
                    let rank = statistics.count(statsID) >= 1 ? 2
                        : word.withUnsafeBufferPointer({ lexicon.isCompound($0, minPart: Lexicon.knownPartLength, in: standard) }) ? 1 : 0
                    var candidate = Candidate(word: word, changes: changes, stored: false, rank: rank, statsID: statsID,
                                              capitalI: capitalI, lowerL: lowerL)
                    candidate.parts = word.withUnsafeBufferPointer {
                        lexicon.compoundParts($0, minPart: Lexicon.candidatePartLength)
                    } ?? Int.max
                    valid.append(candidate)
                }
            }
        }
        return valid
    }

    static let maxChanges = 3
    static let maxCandidates = 250
    static let maxCompoundChecks = 8
    static let extraLevels = 0

    /// Keeps the spellings that are stored forms, and a few others to check as compounds.
    struct Collector {
        let lexicon: Lexicon
        /// Set when looking for spellings of a known word (`collectPool` false).
        var statistics: WordStatistics?
        let standard: WrittenStandard
        let original: [UInt8]
        let collectPool: Bool
        var exact = 1
        var visited = 0
        var changeable: [Int] = []
        var stored: [([UInt8], Int, Bool, Bool)] = []
        var pool: [([UInt8], Int, Bool, Bool)] = []

        @inline(__always)
        static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
            guard a.count == b.count else { return false }
            guard a.count > 0 else { return true }
            return b.withUnsafeBufferPointer { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }

        mutating func visit(_ w: UnsafeBufferPointer<UInt8>, changes: Int, capitalI: Bool, lowerL: Bool) {
            guard changes == exact, !Self.same(w, original) else { return }
            visited += 1
            // Stored forms and the listed compounds left out of the stored list. A known word only
            // ever becomes a stored form or a compound seen in prose: the rest is not looked up.
            let s: WrittenStandard
            if !lexicon.mayEnd(w) {
                s = []
            } else if collectPool {
                s = lexicon.standards(w)
            } else {
                let h = ByteStringSet.hash(w)
                let stored = lexicon.storedStandards(w, hash: h)
                if !stored.isEmpty {
                    s = stored
                } else if let statistics, statistics.proseFrequency(statistics.vocabulary.id(of: w, hash: h)) > 0 {
                    s = lexicon.standards(w)
                } else {
                    s = []
                }
            }
            if !s.intersection(standard).isEmpty {
                stored.append((Array(w), changes, capitalI, lowerL))
            } else if collectPool, changes <= 2, pool.count < Worker.maxCompoundChecks,
                      w.count >= 2 * Lexicon.candidatePartLength {
                pool.append((Array(w), changes, capitalI, lowerL))
            }
        }
    }

    /// Enumerates spellings of `lower[i...]` after the `length` bytes in `current` (room for
    /// twice the word) with at most `limit` changes.
    func generate(_ lower: UnsafeBufferPointer<UInt8>, _ i: Int, _ current: UnsafeMutablePointer<UInt8>, _ length: Int,
                  changes: Int, capitalI: Bool, lowerL: Bool, limit: Int, ambiguousI: Bool = false, into out: inout Collector) {
        guard out.visited < Self.maxCandidates, changes + out.changeable[i] >= out.exact else { return }
        if i == lower.count {
            out.visit(UnsafeBufferPointer(start: current, count: length), changes: changes, capitalI: capitalI, lowerL: lowerL)
            return
        }
        let b = lower[i]
        let isC3 = b == 0xC3 && i + 1 < lower.count
        let unitLength = isC3 ? 2 : 1
        /// Puts one letter (one byte, or two for æ/ø/å) for `consumed` bytes of the word.
        func emit(_ first: UInt8, _ second: UInt8 = 0, consumed: Int, extra: Int = 1, capital: Bool = false, lowercase: Bool = false) {
            guard changes + extra <= limit else { return }
            current[length] = first
            var added = 1
            if second != 0 {
                current[length + 1] = second
                added = 2
            }
            generate(lower, i + consumed, current, length + added, changes: changes + extra, capitalI: capitalI || capital,
                     lowerL: lowerL || lowercase, limit: limit, ambiguousI: ambiguousI, into: &out)
        }
        func starts(_ s: StaticString) -> Bool {
            let count = s.utf8CodeUnitCount
            guard i + count <= lower.count else { return false }
            for k in 0 ..< count where lower[i + k] != s.utf8Start[k] { return false }
            return true
        }
        let c3: UInt8 = 0xC3, øx: UInt8 = 0xB8, åx: UInt8 = 0xA5, æx: UInt8 = 0xA6
        // Characters that are never letters in Norwegian words: replaced, not kept.
        switch b {
        case UInt8(ascii: "&"), UInt8(ascii: "4"), UInt8(ascii: "8"):
            emit(c3, åx, consumed: 1, extra: 0)
            return
        case UInt8(ascii: "@"):
            emit(c3, øx, consumed: 1, extra: 0)
            return
        case UInt8(ascii: "|"):
            emit(UInt8(ascii: "i"), consumed: 1, extra: 0, capital: i == 0)
            return
        default:
            break
        }
        // Keep the character.
        current[length] = b
        if unitLength == 2 { current[length + 1] = lower[i + 1] }
        generate(lower, i + unitLength, current, length + unitLength, changes: changes, capitalI: capitalI, lowerL: lowerL,
                 limit: limit, ambiguousI: ambiguousI, into: &out)
        if isC3 {
            if lower[i + 1] == 0xA9 { // é
                if starts("éa") { emit(c3, åx, consumed: 3) }
                emit(c3, åx, consumed: 2)
                emit(c3, øx, consumed: 2)
            }
            return
        }
        switch b {
        case UInt8(ascii: "g"):
            if starts("ga") { emit(c3, øx, consumed: 2) }
            if starts("g@") { emit(c3, øx, consumed: 2, extra: 0) }
            emit(c3, øx, consumed: 1)
        case UInt8(ascii: "o"):
            if starts("oa") { emit(c3, øx, consumed: 2) }
            emit(c3, øx, consumed: 1)
        case UInt8(ascii: "e"):
            if starts("eae") { emit(c3, æx, consumed: 3) }
            if starts("ee") { emit(c3, æx, consumed: 2) }
            if starts("ea") { emit(c3, æx, consumed: 2) }
            if starts("eo") { emit(c3, øx, consumed: 2) }
            emit(c3, øx, consumed: 1)
            emit(c3, æx, consumed: 1)
        case UInt8(ascii: "a"):
            if starts("ae") { emit(c3, æx, consumed: 2) }
            if starts("a@") { emit(c3, øx, consumed: 2, extra: 0) }
            emit(c3, åx, consumed: 1)
            emit(c3, øx, consumed: 1)
            emit(c3, æx, consumed: 1)
        case UInt8(ascii: "z"):
            if starts("ze") { emit(c3, æx, consumed: 2) }
            emit(c3, æx, consumed: 1)
        case UInt8(ascii: "d"):
            // Rare confusions count double.
            if i > 0 { emit(c3, åx, consumed: 1, extra: 2) }
        case UInt8(ascii: "i"):
            if i > 0 { emit(UInt8(ascii: "j"), consumed: 1, extra: 2) }
            // A capital I before lowercase letters may be an l (`Ignn` → `lønn`).
            if i == 0, ambiguousI { emit(UInt8(ascii: "l"), consumed: 1, extra: 0, lowercase: true) }
            // `il` for an l at the start (`ilgnn`, `Ilannsforhandlinger` → `lønn…`).
            if i == 0, starts("il"), lower.count > 3 { emit(UInt8(ascii: "l"), consumed: 2, lowercase: ambiguousI) }
        case UInt8(ascii: "s"):
            if i == 0, lower.count > 3 { emit(c3, øx, consumed: 1) }
        case UInt8(ascii: "l"):
            if i == 0, lower.count > 1 { emit(UInt8(ascii: "i"), consumed: 1, capital: true) }
        default:
            break
        }
    }
}

