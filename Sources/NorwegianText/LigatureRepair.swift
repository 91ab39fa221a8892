import PipelineCore

/// Puts back the fi/fl/ff/ffi/ffl that PDF text extraction dropped with their ligature glyphs:
/// `ere` → `flere`, `nner` → `finner`, `demogra sk` → `demografisk`, `kon ikt` → `konflikt`.
///
/// A word changes only when it is not a known form and the ligature letters make it one (or
/// make it and the next word on the line one word). A document is repaired only when it shows
/// the pattern: at least three such words, and one in 500 words or more.
public struct LigatureRepair: RepairingTextFilter {
    public let id = "ligatures"
    public let lexicon: Lexicon
    public let statistics: WordStatistics

    static let ligatures: [[UInt8]] = ["fi", "fl", "ff", "ffi", "ffl"].map { Array($0.utf8) }

    public init(lexicon: Lexicon, statistics: WordStatistics) {
        self.lexicon = lexicon
        self.statistics = statistics
    }

    public func apply(_ text: String, changes: inout [TextChange]) -> String {
        var copy = text
        return copy.withUTF8 { p -> String? in
            // Text with its fi/fl/ff letters (in one word of 100 or more) lost none; OCR damage
            // (no æ/ø/å) leaves words this repair would misread.
            guard !Self.hasLigatureLetters(p), !OCRDamageAssessment(p).isDamaged else { return nil }
            let (edits, words) = findEdits(p)
            guard edits.count >= 3, edits.count * 500 >= words else { return nil }
            return TextEdits.apply(edits, to: p, stage: id, changes: &changes)
        } ?? text
    }

    /// True when `fi`, `fl` or `ff` occur at least once per 100 words, as in clean Norwegian
    /// text (about one word in 60); text that lost its ligatures has far fewer.
    static func hasLigatureLetters(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var pairs = 0
        var words = 0
        var previous: UInt8 = 0x20
        for b in p {
            let lower = b | 0x20
            if previous | 0x20 == UInt8(ascii: "f"), lower == UInt8(ascii: "i") || lower == UInt8(ascii: "l") || lower == UInt8(ascii: "f") {
                pairs += 1
            }
            if b == 0x20 || b == 0x0A, previous != 0x20, previous != 0x0A { words += 1 }
            previous = b
        }
        return words >= 200 && pairs * 100 >= words
    }

    private struct Chunk {
        var range: Range<Int>
        var core: Range<Int>
        var lower: [UInt8]
        var letters: Bool
    }

    private func findEdits(_ p: UnsafeBufferPointer<UInt8>) -> ([WordEdit], Int) {
        var edits: [WordEdit] = []
        var words = 0
        var lineChunks: [Chunk] = []
        var i = 0
        let n = p.count
        while i <= n {
            if i == n || p[i] == 0x0A {
                words += lineChunks.count
                edits.append(contentsOf: lineEdits(p, lineChunks))
                lineChunks.removeAll(keepingCapacity: true)
                i += 1
                continue
            }
            if p[i] == 0x20 { i += 1; continue }
            var end = i
            while end < n, p[end] != 0x20, p[end] != 0x0A { end += 1 }
            let core = TextEdits.core(p, i, end)
            let slice = UnsafeBufferPointer(rebasing: p[core])
            var lower: [UInt8] = []
            let letters = TextEdits.isLetters(slice) && TextEdits.lowercase(slice, into: &lower)
            lineChunks.append(Chunk(range: i ..< end, core: core, lower: lower, letters: letters))
            i = end
        }
        return (edits, words)
    }

    private func known(_ word: [UInt8]) -> Bool {
        word.withUnsafeBufferPointer { !lexicon.standards($0).isEmpty }
    }

    private func frequency(_ word: [UInt8]) -> Double {
        statistics.count(word.withUnsafeBufferPointer { statistics.id($0) })
    }

    private func lineEdits(_ p: UnsafeBufferPointer<UInt8>, _ chunks: [Chunk]) -> [WordEdit] {
        var edits: [WordEdit] = []
        var k = 0
        while k < chunks.count {
            let chunk = chunks[k]
            guard chunk.letters, chunk.lower.count >= 2, !chunk.lower.contains(0xC3) || chunk.lower.count >= 6,
                  !known(chunk.lower) else { k += 1; continue }
            let pattern = TextEdits.casePattern(UnsafeBufferPointer(rebasing: p[chunk.core]))
            // Joined with the next word through the lost letters: `demogra sk`, `kon ikt`.
            if k + 1 < chunks.count, chunks[k + 1].letters, chunk.core.upperBound == chunk.range.upperBound,
               chunks[k + 1].core.lowerBound == chunks[k + 1].range.lowerBound {
                let next = chunks[k + 1]
                var best: ([UInt8], Double)?
                for ligature in Self.ligatures {
                    let joined = chunk.lower + ligature + next.lower
                    // A known next word joins only into a stored form (not `tanse og` → `tanseflog`).
                    if joined.withUnsafeBufferPointer({ !lexicon.storedStandards($0).isEmpty })
                        || (joined.count >= 8 && !known(next.lower) && known(joined)) {
                        let f = frequency(joined)
                        if best == nil || f > best!.1 { best = (joined, f) }
                    }
                }
                if let (joined, _) = best {
                    edits.append(WordEdit(range: chunk.core.lowerBound ..< next.core.upperBound,
                                          replacement: TextEdits.applyCase(pattern, to: joined),
                                          reason: "ukjente ord; med fi/fl/ff mellom dem ett kjent ord"))
                    k += 2
                    continue
                }
            }
            // The lost letters inside the word: `ere` → `flere`. Short words only become stored
            // forms; longer ones may become compounds with the letters inside a part.
            guard chunk.lower.count >= 3 else { k += 1; continue }
            var best: ([UInt8], Double)?
            for position in 0 ... chunk.lower.count {
                if position < chunk.lower.count, chunk.lower[position] & 0xC0 == 0x80 { continue }
                for ligature in Self.ligatures {
                    var candidate = Array(chunk.lower[..<position])
                    candidate += ligature
                    candidate += chunk.lower[position...]
                    // Only stored forms; a short word only becomes a common one (`ere` → `flere`).
                    guard candidate.withUnsafeBufferPointer({ !lexicon.storedStandards($0).isEmpty }) else { continue }
                    let f = frequency(candidate)
                    if chunk.lower.count < 6, f < 3 { continue }
                    if best == nil || f > best!.1 { best = (candidate, f) }
                }
            }
            if let (candidate, _) = best {
                edits.append(WordEdit(range: chunk.core, replacement: TextEdits.applyCase(pattern, to: candidate),
                                      reason: "ukjent ord; med fi/fl/ff et kjent ord"))
            }
            k += 1
        }
        return edits
    }
}

/// Regroups letter-spaced headings from PDF text: `H vord an forebygge og b ekjem pe` →
/// `Hvordan forebygge og bekjempe`.
///
/// Looks only at lines with a lone letter that is no Norwegian word by itself. Runs of up to
/// ten pieces are joined when the result is a known form and at least one piece is not; the
/// grouping that leaves fewest unknown pieces wins (words seen in prose before compounds, then
/// least joining), and it must leave clearly fewer.
public struct LetterSpacingRepair: RepairingTextFilter {
    public let id = "letter-spacing"
    public let lexicon: Lexicon
    public let statistics: WordStatistics

    public init(lexicon: Lexicon, statistics: WordStatistics) {
        self.lexicon = lexicon
        self.statistics = statistics
    }

    public func apply(_ text: String, changes: inout [TextChange]) -> String {
        var copy = text
        return copy.withUTF8 { p -> String? in
            var edits: [WordEdit] = []
            var lineStart = 0
            let n = p.count
            for i in 0 ... n where i == n || p[i] == 0x0A {
                if hasLoneLetter(p, lineStart, i) { edits += lineEdits(p, lineStart, i) }
                lineStart = i + 1
            }
            return edits.isEmpty ? nil : TextEdits.apply(edits, to: p, stage: id, changes: &changes)
        } ?? text
    }

    /// A letter standing alone that is not `i`, `å`, `o`, `e`, `a` or a digit.
    private func hasLoneLetter(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = p[i]
            let before = i == start || p[i - 1] == 0x20
            let after = i + 1 == end || p[i + 1] == 0x20
            if before, after, (b | 0x20) >= 0x61, (b | 0x20) <= 0x7A {
                switch b | 0x20 {
                case UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "e"), UInt8(ascii: "a"): break
                default: return true
                }
            }
            i += 1
        }
        return false
    }

    private func lineEdits(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [WordEdit] {
        var pieces: [(range: Range<Int>, core: Range<Int>, lower: [UInt8], letters: Bool, known: Bool)] = []
        var i = start
        while i < end {
            if p[i] == 0x20 { i += 1; continue }
            var e = i
            while e < end, p[e] != 0x20 { e += 1 }
            let core = TextEdits.core(p, i, e)
            let slice = UnsafeBufferPointer(rebasing: p[core])
            var lower: [UInt8] = []
            let letters = TextEdits.isLetters(slice) && TextEdits.lowercase(slice, into: &lower)
            let known = letters && lower.count > 1 && lower.withUnsafeBufferPointer { !lexicon.standards($0).isEmpty }
            pieces.append((i ..< e, core, lower, letters, known || (letters && lower.count == 1 && "iåoea".utf8.contains(lower[0]))))
            i = e
        }
        let m = pieces.count
        guard m >= 2 else { return [] }
        // best[k]: (cost, groups, first group end) for pieces k...; an unknown piece costs 10,
        // a joined word seen in prose 0, another stored form 1, a compound 2. On a tie, more
        // groups (`H ar vi` → `Har vi`).
        var best = [(Int, Int, Int)](repeating: (Int.max, Int.max, 0), count: m + 1)
        best[m] = (0, 0, m)
        for k in stride(from: m - 1, through: 0, by: -1) {
            let single = (best[k + 1].0 + (pieces[k].known || !pieces[k].letters ? 0 : 10), best[k + 1].1 + 1, k + 1)
            best[k] = single
            guard pieces[k].letters, pieces[k].core.lowerBound == pieces[k].range.lowerBound else { continue }
            var joined = pieces[k].lower
            var anyUnknown = !pieces[k].known
            var j = k + 1
            while j < m, j - k < 10 {
                let piece = pieces[j]
                guard piece.letters, piece.core.lowerBound == piece.range.lowerBound,
                      pieces[j - 1].core.upperBound == pieces[j - 1].range.upperBound else { break }
                // A long known word is no letter-spaced piece.
                if piece.known, piece.lower.count >= 5 { break }
                joined += piece.lower
                anyUnknown = anyUnknown || !piece.known
                j += 1
                // Headings are spaced out in words of some length; `a b c` stays.
                guard anyUnknown, joined.count >= 3, joined.count > j - k else { continue }
                let cost: Int
                if joined.withUnsafeBufferPointer({ statistics.id($0) != nil }) {
                    cost = 0
                } else if joined.withUnsafeBufferPointer({ !lexicon.storedStandards($0).isEmpty }) {
                    cost = 1
                } else if joined.withUnsafeBufferPointer({ !lexicon.standards($0).isEmpty }) {
                    cost = 2
                } else {
                    continue
                }
                let option = (best[j].0 + cost, best[j].1 + 1, j)
                if option.0 < best[k].0 || (option.0 == best[k].0 && option.1 > best[k].1) { best[k] = option }
            }
        }
        let before = pieces.filter { $0.letters && !$0.known }.count * 10
        guard before - best[0].0 >= 15 else { return [] }
        var edits: [WordEdit] = []
        var k = 0
        while k < m {
            let j = best[k].2
            if j > k + 1 {
                var joined: [UInt8] = []
                for piece in pieces[k ..< j] { joined += p[piece.core] }
                edits.append(WordEdit(range: pieces[k].core.lowerBound ..< pieces[j - 1].core.upperBound, replacement: joined,
                                      reason: "sperret skrift; samlet til kjent ord"))
            }
            k = j
        }
        return edits
    }
}
