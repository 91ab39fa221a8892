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

    /// The likeliest stored form with fi/fl/ff put back inside `word`; a short word only
    /// becomes a common one (`ere` → `flere`).
    private func insideFix(_ word: [UInt8]) -> [UInt8]? {
        guard word.count >= 3 else { return nil }
        var best: ([UInt8], Double)?
        for position in 0 ... word.count {
            if position < word.count, word[position] & 0xC0 == 0x80 { continue }
            for ligature in Self.ligatures {
                var candidate = Array(word[..<position])
                candidate += ligature
                candidate += word[position...]
                guard candidate.withUnsafeBufferPointer({ !lexicon.storedStandards($0).isEmpty }) else { continue }
                let f = frequency(candidate)
                if word.count < 6, f < 3 { continue }
                if best == nil || f > best!.1 { best = (candidate, f) }
            }
        }
        return best?.0
    }

    private func lineEdits(_ p: UnsafeBufferPointer<UInt8>, _ chunks: [Chunk]) -> [WordEdit] {
        var edits: [WordEdit] = []
        var k = 0
        while k < chunks.count {
            let chunk = chunks[k]
            guard chunk.letters, chunk.lower.count >= 2, !chunk.lower.contains(0xC3) || chunk.lower.count >= 6 else {
                k += 1
                continue
            }
            let chunkKnown = known(chunk.lower)
            let pattern = TextEdits.casePattern(UnsafeBufferPointer(rebasing: p[chunk.core]))
            // Joined with the next word through the lost letters: `demogra sk`, `kon ikt`.
            if k + 1 < chunks.count, chunks[k + 1].letters, chunk.core.upperBound == chunk.range.upperBound,
               chunks[k + 1].core.lowerBound == chunks[k + 1].range.lowerBound {
                let next = chunks[k + 1]
                let nextKnown = known(next.lower)
                var best: ([UInt8], Double)?
                for ligature in Self.ligatures {
                    let joined = chunk.lower + ligature + next.lower
                    let stored = joined.withUnsafeBufferPointer { !lexicon.storedStandards($0).isEmpty }
                    // Two known words join only into a stored form more common than either
                    // (`kon ikt` → `konflikt`); a known next word only into a stored form (not
                    // `tanse og` → `tanseflog`).
                    let accepted: Bool
                    if chunkKnown, nextKnown {
                        let f = frequency(joined)
                        accepted = stored && f >= 3 && f > frequency(chunk.lower) && f > frequency(next.lower)
                    } else if chunkKnown || nextKnown {
                        // `igangsettes ere` is `igangsettes flere`, not one word.
                        let unknownHalf = chunkKnown ? next.lower : chunk.lower
                        accepted = stored && (frequency(joined) >= 1 || insideFix(unknownHalf) == nil)
                    } else {
                        accepted = stored || (joined.count >= 8 && known(joined))
                    }
                    if accepted {
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
            // The lost letters inside the word: `ere` → `flere`; only stored forms, and a short
            // word only a common one.
            guard !chunkKnown else { k += 1; continue }
            if let candidate = insideFix(chunk.lower) {
                edits.append(WordEdit(range: chunk.core, replacement: TextEdits.applyCase(pattern, to: candidate),
                                      reason: "ukjent ord; med fi/fl/ff et kjent ord"))
            }
            k += 1
        }
        return edits
    }
}
