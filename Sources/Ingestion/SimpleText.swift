import PipelineCore

/// Byte-level versions of the `Character`-based line tests, for *simple* text: ASCII, Latin-1
/// (U+0080–U+00FF) and general punctuation (U+2000–U+203F) except the zero width (non-)joiners.
/// In such text every scalar is a `Character` of its own (CR LF aside), lowercasing works scalar
/// by scalar and stays in the set, and two strings are equal exactly when their bytes are. The
/// callers use these paths only for simple text and keep the `Character` code for the rest, so
/// results are the same either way.
enum SimpleText {
    /// What one scalar of simple text is.
    enum Kind { case letter, number, other }

    /// True when every scalar is simple.
    static func isSimple(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            if b == 0xC2 || b == 0xC3 { i += 2; continue }
            if b == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] != 0x8C, p[i + 2] != 0x8D { i += 3; continue }
            return false
        }
        return true
    }

    /// Byte length, kind and lowercased second byte (or the byte itself for ASCII) of the simple
    /// scalar at `i`.
    @inline(__always)
    static func scalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (length: Int, kind: Kind, lower: UInt8) {
        let b = p[i]
        if b < 0x80 {
            if b >= 0x61, b <= 0x7A { return (1, .letter, b) }
            if b >= 0x41, b <= 0x5A { return (1, .letter, b | 0x20) }
            if b >= 0x30, b <= 0x39 { return (1, .number, b) }
            return (1, .other, b)
        }
        if b == 0xC3 {
            let b1 = p[i + 1]
            if b1 == 0x97 || b1 == 0xB7 { return (2, .other, b1) } // × ÷
            return (2, .letter, b1 <= 0x9E ? b1 + 0x20 : b1)
        }
        if b == 0xC2 {
            let b1 = p[i + 1]
            switch b1 {
            case 0xAA, 0xB5, 0xBA: return (2, .letter, b1) // ª µ º
            case 0xB2, 0xB3, 0xB9, 0xBC, 0xBD, 0xBE: return (2, .number, b1) // ² ³ ¹ ¼ ½ ¾
            default: return (2, .other, b1)
            }
        }
        return (3, .other, 0) // general punctuation
    }

    /// Appends the lowercased bytes of the simple scalar at `i`; returns its length.
    @inline(__always)
    static func appendLowercased(_ p: UnsafeBufferPointer<UInt8>, at i: Int, to out: inout [UInt8]) -> (Int, Kind) {
        let (length, kind, lower) = scalar(p, at: i)
        switch length {
        case 1: out.append(lower)
        case 2: out.append(p[i]); out.append(lower)
        default: out.append(p[i]); out.append(p[i + 1]); out.append(p[i + 2])
        }
        return (length, kind)
    }

    /// `HeadingSegmenter.headingKey`: the words (letters and digits) lowercased, joined by single spaces.
    static func headingKey(_ p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var i = 0
        var inWord = false
        while i < p.count {
            let (length, kind, lower) = scalar(p, at: i)
            if kind == .other {
                inWord = false
            } else {
                if !inWord, !out.isEmpty { out.append(0x20) }
                inWord = true
                if length == 1 { out.append(lower) } else { out.append(p[i]); out.append(lower) }
            }
            i += length
        }
    }

    /// Whether the line may name a decision (`Vedtak:`, `Formannskapets innstilling:`): a
    /// necessary condition for `HeadingSegmenter.isDecisionMarker`, which needs one of the
    /// decision words in the line.
    static func mayBeDecisionMarker(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        while i < n {
            let b = p[i] | 0x20
            if b == UInt8(ascii: "v"), matchesLower(p, at: i, "vedtak") { return true }
            if b == UInt8(ascii: "i"), matchesLower(p, at: i, "innstilling") { return true }
            if b == UInt8(ascii: "t"), matchesLower(p, at: i, "tilr"), i + 6 < n, p[i + 4] == 0xC3,
               p[i + 5] == 0xA5 || p[i + 5] == 0x85, p[i + 6] | 0x20 == UInt8(ascii: "d") { return true }
            i += 1
        }
        return false
    }

    /// True when the ASCII letters of `word` stand at `i`, in any case.
    @inline(__always)
    static func matchesLower(_ p: UnsafeBufferPointer<UInt8>, at i: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= p.count else { return false }
        let bytes = word.utf8Start
        for k in 0 ..< count {
            let b = p[i + k]
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if lower != bytes[k] { return false }
        }
        return true
    }

    /// Whether a line may hold a question marker (`spørsmål 3`, `sporsmal nr. 3`, `spm. 3`,
    /// `sp. 3`) followed by ASCII digits, as `QuestionHeading.marker` needs: false only when no
    /// `sp` in the line can start one. Anything unusual (a non-ASCII byte where the marker could
    /// go on) counts as possible.
    static func mayHoldMarker(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        while i + 1 < n {
            if p[i] | 0x20 == UInt8(ascii: "s"), p[i + 1] | 0x20 == UInt8(ascii: "p"), markerMayFollow(p, at: i + 2) {
                return true
            }
            i += 1
        }
        return false
    }

    private static func markerMayFollow(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let n = p.count
        guard start < n else { return false }
        var i = start
        let b = p[i]
        if b >= 0x80 {
            // `ø` then `rsmål`/`rsmal`; anything else unusual might still match.
            guard i + 1 < n, b == 0xC3, p[i + 1] == 0xB8 || p[i + 1] == 0x98 else { return true }
            i += 2
            return afterO(p, at: i)
        }
        switch b | 0x20 {
        case UInt8(ascii: "o"): return afterO(p, at: i + 1)
        case UInt8(ascii: "m"):
            i += 1
            if i < n, p[i] == UInt8(ascii: ".") { i += 1 }
            return numberMayFollow(p, at: i)
        default:
            if b == UInt8(ascii: ".") { return numberMayFollow(p, at: i + 1) }
            return false
        }
    }

    /// After `spø`/`spo`: `rsmål` or `rsmal`, then the number.
    private static func afterO(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var i = start
        for letter in [UInt8(ascii: "r"), UInt8(ascii: "s"), UInt8(ascii: "m")] {
            guard i < p.count else { return false }
            if p[i] >= 0x80 { return true }
            guard p[i] | 0x20 == letter else { return false }
            i += 1
        }
        guard i < p.count else { return false }
        if p[i] >= 0x80 {
            guard i + 1 < p.count, p[i] == 0xC3, p[i + 1] == 0xA5 || p[i + 1] == 0x85 else { return true }
            i += 2
        } else {
            guard p[i] | 0x20 == UInt8(ascii: "a") else { return false }
            i += 1
        }
        guard i < p.count else { return false }
        if p[i] >= 0x80 { return true }
        guard p[i] | 0x20 == UInt8(ascii: "l") else { return false }
        return numberMayFollow(p, at: i + 1)
    }

    /// `\s*(?:nr\.?\s*)?\d` from `start`.
    private static func numberMayFollow(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var i = start
        func skipSpace() -> Bool {
            while i < p.count {
                let b = p[i]
                if b >= 0x80 { return false }
                guard b <= 0x20 || b == 0x7F else { return true }
                i += 1
            }
            return true
        }
        guard skipSpace() else { return true }
        guard i < p.count else { return false }
        if p[i] >= 0x30, p[i] <= 0x39 { return true }
        guard p[i] | 0x20 == UInt8(ascii: "n") else { return false }
        i += 1
        guard i < p.count else { return false }
        if p[i] >= 0x80 { return true }
        guard p[i] | 0x20 == UInt8(ascii: "r") else { return false }
        i += 1
        if i < p.count, p[i] == UInt8(ascii: ".") { i += 1 }
        guard skipSpace() else { return true }
        guard i < p.count else { return false }
        return p[i] >= 0x30 && p[i] <= 0x39
    }
}

extension String {
    /// Runs `body` on the string's UTF-8 bytes; native strings are not copied.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = self
        return try copy.withUTF8(body)
    }
}
