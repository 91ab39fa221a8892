import PipelineCore

/// The byte-level tokeniser for Norwegian (bokmål and nynorsk).
///
/// Splits on spaces and punctuation, keeping whole: known abbreviations (`f.eks.`), numbers with
/// separators (`180.000`, `3,9`, `1.5.2024`, `2024–2027`), hyphenated words (`IKT-løsning`,
/// `1-årig`), words with an inner apostrophe, URLs and e-mail addresses. Offsets are UTF-8 byte
/// offsets into the text; the text itself is never changed.
public struct NorwegianTokenizer: Tokenizing {
    public let abbreviations: AbbreviationList

    public init(abbreviations: AbbreviationList) {
        self.abbreviations = abbreviations
    }

    public func tokenize(_ text: String) -> TokenList {
        var copy = text
        return copy.withUTF8 { tokenize(bytes: $0) }
    }

    public func tokenize(bytes p: UnsafeBufferPointer<UInt8>) -> TokenList {
        var tokens = TokenList(reservingCapacity: p.count / 6)
        var i = 0
        let n = p.count
        var boundary = SentenceBoundary()
        while i < n {
            let (cls, length) = p.characterClass(at: i)
            if cls == .space {
                boundary.space(p[i])
            } else {
                boundary.token(p, at: i, cls: cls, tokens: tokens)
            }
            let before = tokens.count
            defer {
                if tokens.count > before {
                    boundary.appended(p, tokens: &tokens, abbreviations: abbreviations)
                }
            }
            switch cls {
            case .space:
                i += length
            case .punctuation:
                tokens.append(start: i, length: length, kind: .punctuation)
                i += length
            case .symbol:
                tokens.append(start: i, length: length, kind: .symbol)
                i += length
            case .letter, .digit:
                if let end = urlEnd(p, from: i) {
                    tokens.append(start: i, length: end - i, kind: .url)
                    i = end
                } else if let end = emailEnd(p, from: i) {
                    tokens.append(start: i, length: end - i, kind: .email)
                    i = end
                } else if cls == .letter, let end = abbreviationEnd(p, from: i) {
                    tokens.append(start: i, length: end - i, kind: .abbreviation)
                    i = end
                } else {
                    let (end, allDigits) = wordEnd(p, from: i)
                    tokens.append(start: i, length: end - i, kind: allDigits ? .number : .word)
                    i = end
                }
            }
        }
        return tokens
    }

    /// Decides where sentences begin while the tokeniser walks the text.
    ///
    /// A sentence begins at the first token; after `.` `!` `?` `…` when the next token starts
    /// with a capital letter, a digit or an opening quote; after an abbreviation that closes
    /// sentences (`m.m.`, `osv.`) followed by a capital; after a blank line; and at a line that
    /// starts with a bullet (`•`, `-`, `*`). Abbreviations such as `f.eks.`, `jf.`, `kap.`,
    /// `nr.`, `ca.` end no sentence by themselves.
    struct SentenceBoundary {
        static let closing: Set<[UInt8]> = Set(["m.m.", "osv.", "o.l.", "mv.", "m.v.", "etc.", "o.a."].map { Array($0.utf8) })

        /// Whether an abbreviation (ASCII in every closing entry) is one that closes sentences,
        /// compared case-insensitively in place.
        static func closesSentence(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
            guard token.count <= 4 else { return false }
            outer: for entry in closing where entry.count == token.count {
                for k in 0 ..< token.count where entry[k] != (token[k] >= 0x41 && token[k] <= 0x5A ? token[k] | 0x20 : token[k]) {
                    continue outer
                }
                return true
            }
            return false
        }

        /// The next token starts a sentence whatever it is.
        var forced = true
        /// The next token starts a sentence if it looks like a sentence start.
        var pending = false
        var newlines = 0
        var atLineStart = true
        /// The next token is a bullet that starts a sentence.
        var bullet = false

        mutating func space(_ b: UInt8) {
            if b == 0x0A {
                newlines += 1
                if newlines >= 2 { forced = true }
                atLineStart = true
            }
        }

        /// Called at a non-space character, before its token is appended.
        mutating func token(_ p: UnsafeBufferPointer<UInt8>, at i: Int, cls: CharacterClass, tokens: TokenList) {
            newlines = 0
            if atLineStart {
                atLineStart = false
                let b = p[i]
                let bullet = b == UInt8(ascii: "-") || b == UInt8(ascii: "*")
                    || (b == 0xE2 && i + 2 < p.count && p[i + 1] == 0x80 && (p[i + 2] == 0xA2 || p[i + 2] == 0x93))
                if bullet, i + 1 < p.count, p[i + 1] == 0x20 || p[i + 1] == 0x09 || b == 0xE2 { self.bullet = true }
            }
        }

        /// Called after a token was appended: marks it and looks at what it ends.
        mutating func appended(_ p: UnsafeBufferPointer<UInt8>, tokens: inout TokenList, abbreviations: AbbreviationList) {
            let index = tokens.count - 1
            let range = tokens.range(at: index)
            let kind = tokens.kinds[index]
            let first = p[range.lowerBound]
            let wordLike = kind.isWordLike || kind == .url || kind == .email
            let opens = kind == .punctuation && (first == UInt8(ascii: "\"") || first == UInt8(ascii: "(")
                || (first == 0xC2 && p[range.lowerBound + 1] == 0xAB) // «
                || (first == 0xE2 && p[range.lowerBound + 1] == 0x80 && p[range.lowerBound + 2] == 0x9C)) // “
            if bullet || ((forced || pending) && opens) {
                // The bullet or opening quote itself starts the sentence.
                tokens.markSentenceStart()
                bullet = false
                forced = false
                pending = false
                return
            }
            if forced, wordLike {
                tokens.markSentenceStart()
                forced = false
                pending = false
            } else if pending {
                if wordLike, TextEdits.isUpper(p, at: range.lowerBound) || kind == .number {
                    tokens.markSentenceStart()
                }
                pending = false
            }
            if kind == .punctuation {
                let b = p[range.lowerBound]
                if b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
                    || (b == 0xE2 && p[range.lowerBound + 1] == 0x80 && p[range.lowerBound + 2] == 0xA6) { // …
                    pending = true
                }
            } else if kind == .abbreviation {
                if Self.closesSentence(UnsafeBufferPointer(rebasing: p[range])) { pending = true }
            }
        }
    }

    /// End of the word or number starting at `start`, and whether it holds only digits and
    /// number separators.
    private func wordEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool) {
        var i = start
        var allDigits = true
        var previous = CharacterClass.letter
        while i < p.count {
            let (cls, length) = p.characterClass(at: i)
            if cls.isWordCharacter {
                if cls == .letter { allDigits = false }
                previous = cls
                i += length
                continue
            }
            // A joiner stays inside the token only with a word character on both sides.
            guard let joinerLength = joinerLength(p, at: i, previous: previous) else { break }
            let after = i + joinerLength
            guard after < p.count else { break }
            let (nextClass, _) = p.characterClass(at: after)
            guard nextClass.isWordCharacter else { break }
            let b = p[i]
            let digitsOnly = b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: ":")
                || (b == 0xE2 && p[i + 2] == 0x93) // en dash
            if digitsOnly, previous != .digit || nextClass != .digit { break }
            let apostrophe = b == UInt8(ascii: "'") || (b == 0xE2 && p[i + 2] == 0x99)
            if apostrophe, previous != .letter || nextClass != .letter { break }
            i = after
        }
        return (i, allDigits)
    }

    /// Byte length of the joiner at `i` (`-` `‐` `–` `.` `,` `:` `'` `’`), or nil.
    @inline(__always)
    private func joinerLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int, previous: CharacterClass) -> Int? {
        switch p[i] {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "'"):
            return 1
        case 0xE2 where i + 2 < p.count && p[i + 1] == 0x80:
            switch p[i + 2] {
            case 0x90, 0x91, 0x93, 0x99: return 3 // hyphen, non-breaking hyphen, en dash, ’
            default: return nil
            }
        default:
            return nil
        }
    }

    /// End of a known abbreviation starting at `start` (the longest that fits), or nil.
    private func abbreviationEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let limit = min(p.count, start + abbreviations.longest)
        // Every abbreviation has a dot after its first letters: most words end before one,
        // and are turned down without lowercasing anything.
        var i = start
        while i < limit {
            let b = p[i]
            if b == UInt8(ascii: ".") { break }
            let (cls, length) = p.characterClass(at: i)
            guard cls == .letter, i + length <= limit else { return nil }
            i += length
        }
        guard i < limit, i > start else { return nil }
        // Lowercased into a buffer on the stack (ASCII and Latin-1 letters, as NorwegianCase).
        let found: Int?? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(abbreviations.longest, 1)) { buffer in
            var count = 0
            var best: Int?
            var i = start
            while i < limit {
                let b = p[i]
                if b == UInt8(ascii: ".") {
                    buffer[count] = b
                    count += 1
                    i += 1
                    if abbreviations.contains(UnsafeBufferPointer(rebasing: buffer[..<count])) { best = i }
                    continue
                }
                let (cls, length) = p.characterClass(at: i)
                guard cls == .letter, i + length <= limit else { break }
                if length == 1 {
                    buffer[count] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                } else if length == 2, b == 0xC3 {
                    let next = p[i + 1]
                    buffer[count] = b
                    buffer[count + 1] = next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next
                } else {
                    return .none // another letter: lowercased the general way below
                }
                count += length
                i += length
            }
            return .some(best)
        }
        let best: Int?
        if let found {
            best = found
        } else {
            best = generalAbbreviationEnd(p, from: start, limit: limit)
        }
        guard let end = best else { return nil }
        // `f.eks.Noe` is not an abbreviation followed by a word; require a boundary.
        if end < p.count, p.characterClass(at: end).0.isWordCharacter { return nil }
        return end
    }

    /// `abbreviationEnd` for words with letters outside Latin-1, lowercased through Unicode.
    private func generalAbbreviationEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int? {
        var i = start
        var best: Int?
        var lowered: [UInt8] = []
        while i < limit {
            let b = p[i]
            if b == UInt8(ascii: ".") {
                lowered.append(b)
                i += 1
                if abbreviations.entries.contains(lowered) { best = i }
                continue
            }
            let (cls, length) = p.characterClass(at: i)
            guard cls == .letter, i + length <= limit else { break }
            if length == 1 {
                lowered.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            } else {
                lowered.append(contentsOf: NorwegianCase.lowercased(UnsafeBufferPointer(rebasing: p[i ..< i + length])))
            }
            i += length
        }
        return best
    }

    /// End of a URL (`https://…`, `http://…`, `www.…`) starting at `start`, or nil.
    private func urlEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard p[start] | 0x20 == UInt8(ascii: "h") || p[start] | 0x20 == UInt8(ascii: "w") else { return nil }
        guard hasPrefix(p, at: start, "https://") || hasPrefix(p, at: start, "http://")
            || hasPrefix(p, at: start, "www.") else { return nil }
        var i = start
        while i < p.count, p[i] > 0x20, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "<"),
              p[i] != UInt8(ascii: ">") { i += 1 }
        // Trailing sentence punctuation is not part of the address.
        while i > start, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: ";"),
                          UInt8(ascii: ":"), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(p[i - 1]) { i -= 1 }
        return i
    }

    /// End of an e-mail address starting at `start`, or nil.
    private func emailEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        var at: Int?
        while i < p.count {
            let b = p[i]
            let isLocal = (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
                || b == UInt8(ascii: "+")
            if b == UInt8(ascii: "@") {
                guard at == nil, i > start else { return nil }
                at = i
            } else if !isLocal {
                break
            }
            i += 1
        }
        guard let at else { return nil }
        while i > at, p[i - 1] == UInt8(ascii: ".") || p[i - 1] == UInt8(ascii: "-") { i -= 1 }
        let domain = UnsafeBufferPointer(rebasing: p[(at + 1) ..< i])
        guard domain.count >= 3, let dot = domain.lastIndex(of: UInt8(ascii: ".")),
              dot > 0, dot < domain.count - 1 else { return nil }
        return i
    }

    private func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start + count <= p.count else { return false }
        let bytes = prefix.utf8Start
        for k in 0 ..< count where p[start + k] | 0x20 != bytes[k] | 0x20 { return false }
        return true
    }
}
