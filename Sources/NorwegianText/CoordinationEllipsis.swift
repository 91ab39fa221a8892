import PipelineCore

/// A word cut short by coordination ellipsis, and the forms it stands for.
///
/// In `helse- og omsorgstjenester` the first word is `helsetjenester`: the writer left out the
/// head it shares with `omsorgstjenester`. The same holds for chains
/// (`helse-, omsorgs- og velferdstjenester`).
public struct EllipsisExpansion: Sendable, Hashable {
    /// Token index of the word before the hyphen (`helse`).
    public var truncated: Int
    /// Token index of the compound that lends its head (`omsorgstjenester`).
    public var compound: Int
    /// Candidate full forms of the truncated word, lowercased: the word plus each possible head
    /// of the compound, heads after a linking `s` or `e` first, longer heads before shorter ones
    /// (`helse` + `tjenester`, `helse` + `orgstjenester`, …). Without a lexicon the true head is
    /// not known; a matcher takes the first form that fits a pattern.
    public var forms: [String]
}

/// Finds coordination ellipsis in a token list: a word directly followed by a hyphen, then
/// `og`, `eller`, `samt` or `og/eller` (or a comma and another such word), then a compound.
public enum CoordinationEllipsis {
    /// Words that join the truncated word to the compound.
    public static let conjunctions: Set<String> = ["og", "eller", "samt"]
    /// Heads shorter than this are not tried.
    static let minimumHead = 3

    public static func expansions(in text: String, tokens: TokenList) -> [EllipsisExpansion] {
        var copy = text
        return copy.withUTF8 { expansions(bytes: $0, tokens: tokens) }
    }

    public static func expansions(bytes: UnsafeBufferPointer<UInt8>, tokens: TokenList) -> [EllipsisExpansion] {
        let count = tokens.count
        func text(_ index: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[tokens.range(at: index)]), as: UTF8.self)
        }
        func lowered(_ index: Int) -> [UInt8] {
            NorwegianCase.lowercased(UnsafeBufferPointer(rebasing: bytes[tokens.range(at: index)]))
        }
        /// The token's bytes are exactly `literal`.
        func isToken(_ index: Int, _ literal: StaticString) -> Bool {
            let start = Int(tokens.starts[index])
            let length = literal.utf8CodeUnitCount
            guard Int(tokens.lengths[index]) == length else { return false }
            let expected = literal.utf8Start
            for k in 0 ..< length where bytes[start + k] != expected[k] { return false }
            return true
        }
        func isHyphen(_ index: Int) -> Bool {
            guard index < count, tokens.kinds[index] == .punctuation else { return false }
            return isToken(index, "-") || isToken(index, "\u{2010}") || isToken(index, "\u{2013}")
        }
        /// The token is a word with a hyphen glued to its end and a space or comma after it.
        func isTruncated(_ index: Int) -> Bool {
            guard index + 1 < count, tokens.kinds[index] == .word, isHyphen(index + 1),
                  tokens.range(at: index).upperBound == tokens.range(at: index + 1).lowerBound else { return false }
            let after = tokens.range(at: index + 1).upperBound
            return after < bytes.count && (bytes[after] == 0x20 || bytes[after] == 0x0A || bytes[after] == UInt8(ascii: ","))
        }

        // Only a word followed by a punctuation token starting `-` or `‐`/`–` can be cut short.
        var candidates: [Int] = []
        tokens.kinds.withUnsafeBufferPointer { kinds in
            tokens.starts.withUnsafeBufferPointer { starts in
                var index = 0
                while index + 1 < count {
                    if kinds[index] == .word, kinds[index + 1] == .punctuation {
                        let first = bytes[Int(starts[index + 1])]
                        if first == UInt8(ascii: "-") || first == 0xE2 { candidates.append(index) }
                    }
                    index += 1
                }
            }
        }
        guard !candidates.isEmpty else { return [] }

        var result: [EllipsisExpansion] = []
        var index = candidates[0]
        var nextCandidate = 1
        while index < count {
            guard isTruncated(index) else {
                // On to the next token that can be cut short, past this one.
                while nextCandidate < candidates.count, candidates[nextCandidate] <= index { nextCandidate += 1 }
                guard nextCandidate < candidates.count else { break }
                index = candidates[nextCandidate]
                continue
            }
            // Collect a chain: `helse-, omsorgs- og velferdstjenester`.
            var chain = [index]
            var next = index + 2
            while next + 1 < count, isToken(next, ","), isTruncated(next + 1) {
                chain.append(next + 1)
                next += 3
            }
            guard next < count, tokens.kinds[next] == .word,
                  conjunctionBytes.contains(lowered(next)) else { index = next; continue }
            var compound = next + 1
            // `og/eller`
            if compound + 1 < count, isToken(compound, "/"), lowered(compound + 1) == Array("eller".utf8) {
                compound += 2
            }
            guard compound < count, tokens.kinds[compound] == .word else { index = compound; continue }
            let heads = Self.heads(of: NorwegianCase.lowercased(text(compound)))
            if !heads.isEmpty {
                for truncated in chain {
                    let first = NorwegianCase.lowercased(text(truncated))
                    result.append(EllipsisExpansion(truncated: truncated, compound: compound, forms: heads.map { first + $0 }))
                }
            }
            index = compound
        }
        return result
    }

    /// `conjunctions` as UTF-8.
    private static let conjunctionBytes: Set<[UInt8]> = Set(conjunctions.map { Array($0.utf8) })

    /// Possible heads of a compound, most likely first: after a linking `s` or `e`, then the
    /// rest; longer before shorter.
    static func heads(of compound: String) -> [String] {
        var copy = compound
        if let heads = copy.withUTF8(headsOfSimpleText) { return heads }
        let characters = Array(compound.split(separator: "-").last ?? Substring(compound))
        guard characters.count >= 2 + minimumHead else { return [] }
        var linked: [String] = [], other: [String] = []
        for split in 2 ... characters.count - minimumHead {
            let head = String(characters[split...])
            if characters[split - 1] == "s" || characters[split - 1] == "e" { linked.append(head) } else { other.append(head) }
        }
        return linked + other
    }

    /// `heads(of:)` on the bytes of text whose scalars are each a character of their own (ASCII,
    /// Latin-1, general punctuation other than the zero width joiners); nil for other text.
    private static func headsOfSimpleText(_ p: UnsafeBufferPointer<UInt8>) -> [String]? {
        // Where each character starts.
        var starts: [Int] = []
        starts.reserveCapacity(p.count)
        var i = 0
        while i < p.count {
            let b = p[i]
            starts.append(i)
            if b < 0x80 {
                i += 1
            } else if b == 0xC2 || b == 0xC3 {
                i += 2
            } else if b == 0xE2, i + 2 < p.count, p[i + 1] == 0x80, p[i + 2] != 0x8C, p[i + 2] != 0x8D {
                i += 3
            } else {
                return nil
            }
        }
        // The last part between hyphens that is not empty, or the whole word when there is none.
        var last = starts.count
        while last > 0, p[starts[last - 1]] == UInt8(ascii: "-") { last -= 1 }
        var first = 0
        if last > 0 {
            first = last - 1
            while first > 0, p[starts[first - 1]] != UInt8(ascii: "-") { first -= 1 }
        } else {
            last = starts.count
        }
        let count = last - first
        guard count >= 2 + minimumHead else { return [] }
        let end = last < starts.count ? starts[last] : p.count
        var linked: [String] = [], other: [String] = []
        for split in 2 ... count - minimumHead {
            let head = String(decoding: UnsafeBufferPointer(rebasing: p[starts[first + split] ..< end]), as: UTF8.self)
            let before = p[starts[first + split - 1]]
            if before == UInt8(ascii: "s") || before == UInt8(ascii: "e") { linked.append(head) } else { other.append(head) }
        }
        return linked + other
    }
}
