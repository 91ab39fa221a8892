import PipelineCore

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
