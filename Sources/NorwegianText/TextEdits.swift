import PipelineCore

/// A replacement of a byte range of the text, found by a repairing filter.
struct WordEdit {
    var range: Range<Int>
    var replacement: [UInt8]
    var reason: String
}

/// Helpers the word-level repairs share: applying edits, lowercasing slices, case patterns.
enum TextEdits {
    /// The text with `edits` (sorted, not overlapping, never touching `\n`) applied; appends a
    /// `TextChange` for each. Line numbers are counted in `p`.
    static func apply(_ edits: [WordEdit], to p: UnsafeBufferPointer<UInt8>, stage: String,
                      changes: inout [TextChange]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(p.count + 16)
        var position = 0
        var line = 1
        for edit in edits {
            let segment = UnsafeBufferPointer(rebasing: p[position ..< edit.range.lowerBound])
            out.append(contentsOf: segment)
            for b in segment where b == 0x0A { line += 1 }
            let original = UnsafeBufferPointer(rebasing: p[edit.range])
            for b in original where b == 0x0A { line += 1 }
            changes.append(TextChange(line: line, original: String(decoding: original, as: UTF8.self),
                                      replacement: String(decoding: edit.replacement, as: UTF8.self),
                                      stage: stage, reason: edit.reason))
            out.append(contentsOf: edit.replacement)
            position = edit.range.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[position...]))
        return String(decoding: out, as: UTF8.self)
    }

    /// Lowercases `p` (ASCII and Latin-1 letters) into `out`; false when `p` holds other
    /// non-ASCII characters.
    @inline(__always)
    static func lowercase(_ p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        NorwegianCase.lowercaseLatin1(p, into: &out)
    }

    /// How a word is capitalised.
    enum CasePattern {
        case lower, capitalised, upper
    }

    static func isUpper(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = p[i]
        if b >= 0x41 && b <= 0x5A { return true }
        return b == 0xC3 && i + 1 < p.count && p[i + 1] >= 0x80 && p[i + 1] <= 0x9E && p[i + 1] != 0x97
    }

    static func isLower(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = p[i]
        if b >= 0x61 && b <= 0x7A { return true }
        return b == 0xC3 && i + 1 < p.count && p[i + 1] >= 0xA0 && p[i + 1] <= 0xBE && p[i + 1] != 0xB7
    }

    static func casePattern(_ p: UnsafeBufferPointer<UInt8>) -> CasePattern {
        var upper = 0
        var lower = 0
        var firstUpper = false
        var i = 0
        while i < p.count {
            let length = p[i] == 0xC3 ? 2 : 1
            if isUpper(p, at: i) {
                upper += 1
                if i == 0 { firstUpper = true }
            } else if isLower(p, at: i) {
                lower += 1
            }
            i += length
        }
        if upper >= 2 && lower == 0 { return .upper }
        return firstUpper ? .capitalised : .lower
    }

    /// `word` (lowercase) in the given case pattern.
    static func applyCase(_ pattern: CasePattern, to word: [UInt8]) -> [UInt8] {
        guard pattern != .lower else { return word }
        var out = word
        var i = 0
        while i < out.count {
            if out[i] >= 0x61 && out[i] <= 0x7A {
                out[i] -= 0x20
            } else if out[i] == 0xC3, i + 1 < out.count, out[i + 1] >= 0xA0, out[i + 1] <= 0xBE, out[i + 1] != 0xB7 {
                out[i + 1] -= 0x20
                i += 1
            }
            if pattern == .capitalised { break }
            i += 1
        }
        return out
    }

    /// Bytes stripped from the start and end of a space-separated chunk to get the word.
    @inline(__always)
    static func isLeadingPunctuation(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
            || b == UInt8(ascii: "*") || b == UInt8(ascii: "_")
    }

    @inline(__always)
    static func isTrailingPunctuation(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: ":")
            || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") || b == UInt8(ascii: ")") || b == UInt8(ascii: "]")
            || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "*") || b == UInt8(ascii: "_")
    }

    /// The word inside the chunk `p[start..<end]`: strips ASCII punctuation and the quotes
    /// « » “ ” ‘ ’ … at either end.
    static func core(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var s = start
        var e = end
        while s < e {
            if isLeadingPunctuation(p[s]) { s += 1; continue }
            if p[s] == 0xC2, s + 1 < e, p[s + 1] == 0xAB { s += 2; continue } // «
            if p[s] == 0xE2, s + 2 < e, p[s + 1] == 0x80, p[s + 2] == 0x9C || p[s + 2] == 0x98 { s += 3; continue }
            break
        }
        while e > s {
            if isTrailingPunctuation(p[e - 1]) { e -= 1; continue }
            if e - 2 >= s, p[e - 2] == 0xC2, p[e - 1] == 0xBB { e -= 2; continue } // »
            if e - 3 >= s, p[e - 3] == 0xE2, p[e - 2] == 0x80,
               p[e - 1] == 0x9D || p[e - 1] == 0x99 || p[e - 1] == 0xA6 { e -= 3; continue } // ” ’ …
            break
        }
        return s ..< e
    }

    /// True when every character of `p` is an ASCII or Latin-1 letter.
    static func isLetters(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !p.isEmpty else { return false }
        var i = 0
        while i < p.count {
            if isUpper(p, at: i) || isLower(p, at: i) {
                i += p[i] == 0xC3 ? 2 : 1
            } else {
                return false
            }
        }
        return true
    }
}
