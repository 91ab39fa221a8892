/// Recognises a booklet question by its text when its number is missing: a line (or a few
/// wrapped lines) that is question 2's text, perhaps damaged by OCR or written in nynorsk,
/// starts question 2.
///
/// Texts are compared as character trigrams (Dice coefficient) of a folded form: lower case,
/// letters and digits only, `æ`/`ø`/`å` spelled `ae`/`o`/`a`, and common nynorsk words mapped to
/// bokmål (`korleis` → `hvordan`, `kva` → `hva`), so `Korleis kan KS bistå …` matches
/// `Hvordan kan KS bistå …` and `gkonomi` is close to `økonomi`.
struct QuestionTextMatcher: Sendable {
    struct Match: Equatable {
        var number: Int
        /// Lines taken as question text, starting at the first.
        var lineCount: Int
    }

    /// Lowest similarity for a match.
    var threshold = 0.72
    /// How much better the best question must score than the next.
    var margin = 0.06

    private struct Target {
        var number: Int
        var folded: [UInt8]
        /// Trigram codes of `folded` (see `Trigrams`), nil when it holds a byte outside their alphabet.
        var codes: [UInt16]?
    }
    private let targets: [Target]
    /// The longest folded line any question can match (see the length test in `match`).
    private let longestMatch: Int

    init(questions: QuestionList) {
        targets = questions.questions.map {
            let folded = Self.fold($0.text)
            return Target(number: $0.number, folded: folded, codes: Trigrams.codes(folded))
        }
        longestMatch = targets.map { $0.folded.count * 13 / 10 + 10 }.max() ?? -1
        trigramIndex = targets.allSatisfy { $0.codes != nil } ? Trigrams.Index(targets.map { $0.codes! }) : nil
    }

    /// Where each trigram stands in the questions; nil when a question holds a byte outside the
    /// trigram alphabet.
    private let trigramIndex: Trigrams.Index?

    /// Buffers reused from line to line of a document.
    struct Scratch {
        var text: [UInt8] = []
        var word: [UInt8] = []
        var counts = Trigrams.Counts()
        var codes: [UInt16] = []
        /// Questions that pass the length tests: index and prefix length; trigrams shared with each.
        var candidates: [(position: Int, length: Int)] = []
        var shared: [Int] = []
        var scored: [(number: Int, score: Double, target: Int)] = []
    }

    /// The question whose text starts at `lines[index]`, and how many lines it takes.
    func match(_ lines: [String], at index: Int) -> Match? {
        var scratch = Scratch()
        return match(lines, at: index, scratch: &scratch)
    }

    func match(_ lines: [String], at index: Int, scratch: inout Scratch) -> Match? {
        // Folding is costly; a line of fewer than 24 bytes cannot fold to 24 characters.
        guard lines[index].utf8.count >= 24 else { return nil }
        // A line that folds longer than any question allows is no question: folding stops there.
        guard Self.fold(withoutNumber: lines[index], into: &scratch.text, word: &scratch.word, limit: longestMatch) else { return nil }
        var text = scratch.text
        guard text.count >= 24, Self.wordCount(text) >= 4 else { return nil }
        let textCodes: [UInt16]? = Trigrams.codes(text, into: &scratch.codes) ? scratch.codes : nil
        scratch.scored.removeAll(keepingCapacity: true)
        scratch.candidates.removeAll(keepingCapacity: true)
        for (position, target) in targets.enumerated() {
            // A line much longer than the question is an answer that quotes it, not the question.
            guard text.count <= target.folded.count * 13 / 10 + 10 else { continue }
            // A fragment must be a real part of the question.
            guard text.count * 2 >= target.folded.count || text.count >= 60 else { continue }
            scratch.candidates.append((position, Self.prefixLength(target.folded, length: text.count)))
        }
        if let textCodes, let trigramIndex {
            // Trigrams shared with each question's prefix, from where the line's trigrams stand in the questions.
            trigramIndex.shared(textCodes, candidates: scratch.candidates, counts: &scratch.counts, shared: &scratch.shared)
            for (candidate, (position, length)) in scratch.candidates.enumerated() {
                let target = targets[position]
                let score = length >= 3
                    ? Double(2 * scratch.shared[candidate]) / Double(textCodes.count + length - 2)
                    : Self.similarity(text, Array(target.folded[..<length]))
                scratch.scored.append((target.number, score, position))
            }
        } else {
            if let textCodes { scratch.counts.add(textCodes) }
            for (position, length) in scratch.candidates {
                let target = targets[position]
                let score: Double
                if let textCodes, let codes = target.codes, length >= 3 {
                    let shared = scratch.counts.shared(codes[0 ..< length - 2])
                    score = Double(2 * shared) / Double(textCodes.count + length - 2)
                } else {
                    score = Self.similarity(text, Array(target.folded[..<length]))
                }
                scratch.scored.append((target.number, score, position))
            }
            if let textCodes { scratch.counts.remove(textCodes) }
        }
        scratch.scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.number < $1.number }
        guard let best = scratch.scored.first, best.score >= threshold else { return nil }
        if scratch.scored.count > 1, best.score - scratch.scored[1].score < margin { return nil }
        let bestTarget = targets[best.target].folded
        // Take the following lines of a wrapped question while the text still follows it.
        var count = 1
        while index + count < lines.count, text.count < bestTarget.count {
            let next = Self.fold(lines[index + count])
            if next.isEmpty { break }
            let longer = text + [0x20] + next
            guard longer.count <= bestTarget.count * 11 / 10 + 4,
                  Self.similarity(longer, Self.prefix(bestTarget, length: longer.count)) >= threshold else { break }
            text = longer
            count += 1
        }
        return Match(number: best.number, lineCount: count)
    }

    /// `fold(withoutNumber(line))` into `out`, on the bytes when the line is simple text; false
    /// (and `out` unfinished) when the result is longer than `limit`.
    static func fold(withoutNumber line: String, into out: inout [UInt8], word: inout [UInt8], limit: Int = .max) -> Bool {
        guard limit >= 0 else { return false }
        if limit < Int.max / 2 {
            // Fold into a buffer as long as the limit; running out of it means too long.
            if word.count < limit { word = [UInt8](repeating: 0, count: limit) }
            let length: Int? = line.withBytes { bytes in
                word.withUnsafeMutableBufferPointer { buffer in
                    foldSimple(bytes, from: withoutNumberSimple(bytes), into: UnsafeMutableBufferPointer(rebasing: buffer[0 ..< limit]))
                }
            }
            if let length {
                guard length >= 0 else { return false }
                out.removeAll(keepingCapacity: true)
                out.append(contentsOf: word[0 ..< length])
                return true
            }
        } else {
            let done: Bool? = line.withBytes { bytes in
                guard SimpleText.isSimple(bytes) else { return nil }
                let start = withoutNumberSimple(bytes)
                return foldSimple(UnsafeBufferPointer(rebasing: bytes[start...]), into: &out, word: &word, limit: limit)
            }
            if let done { return done }
        }
        out = fold(withoutNumber(line))
        return out.count <= limit
    }

    /// `fold` of the simple text from `start` into `buffer`: the length written, -1 when the result
    /// does not fit, nil when the text is not simple (nothing is then known).
    static func foldSimple(_ p: UnsafeBufferPointer<UInt8>, from start: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let n = p.count
        var writer = FoldWriter(buffer: buffer, nynorsk: NynorskBytes.table)
        var wordStart = -1
        var i = start
        while i < n {
            let b = p[i]
            var length = 1
            var isWord: Bool
            if b < 0x80 {
                isWord = (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39)
            } else if b == 0xC3 {
                let next = p[i + 1]
                isWord = next != 0x97 && next != 0xB7
                length = 2
            } else if b == 0xC2 {
                switch p[i + 1] {
                case 0xAA, 0xB5, 0xBA, 0xB2, 0xB3, 0xB9, 0xBC, 0xBD, 0xBE: isWord = true // ª µ º ² ³ ¹ ¼ ½ ¾
                default: isWord = false
                }
                length = 2
            } else if b == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] != 0x8C, p[i + 2] != 0x8D {
                isWord = false
                length = 3
            } else {
                return nil
            }
            if isWord {
                if wordStart < 0 { wordStart = i }
            } else if wordStart >= 0 {
                writer.word(UnsafeBufferPointer(rebasing: p[wordStart ..< i]))
                wordStart = -1
                if writer.tooLong { return -1 }
            }
            i += length
        }
        if wordStart >= 0 { writer.word(UnsafeBufferPointer(rebasing: p[wordStart ..< n])) }
        return writer.tooLong ? -1 : writer.length
    }

    /// Writes folded words into a buffer, noting when they do not fit.
    private struct FoldWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        let nynorsk: NynorskTable
        var length = 0
        var tooLong = false

        @inline(__always)
        mutating func put(_ byte: UInt8) {
            if length < buffer.count { buffer[length] = byte } else { tooLong = true }
            length += 1
        }

        /// One word of simple text: lowercased, mapped from nynorsk, `æøå` folded.
        mutating func word(_ word: UnsafeBufferPointer<UInt8>) {
            if length > 0 { put(0x20) }
            if let mapped = nynorsk.foldedBokmål(of: word) {
                for byte in mapped { put(byte) }
                return
            }
            var i = 0
            while i < word.count {
                let b = word[i]
                if b < 0x80 {
                    put(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                    i += 1
                    continue
                }
                if b == 0xC3 {
                    var next = word[i + 1]
                    if next >= 0x80, next <= 0x9E { next += 0x20 }
                    switch next {
                    case 0xA6: put(0x61); put(0x65) // æ
                    case 0xB8, 0xB6: put(0x6F) // ø ö
                    case 0xA5, 0xA4, 0xA1, 0xA0: put(0x61) // å ä á à
                    case 0xA9, 0xA8, 0xAA: put(0x65) // é è ê
                    default: put(0x3F)
                    }
                } else {
                    put(0x3F)
                }
                i += 2
            }
        }
    }

    /// Where `withoutNumber` starts the rest of a simple line (any line may be given; only for
    /// simple text is the answer `withoutNumber`'s).
    static func withoutNumberSimple(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b == 0x20 || b == UInt8(ascii: "#") || b == UInt8(ascii: "*") || b == UInt8(ascii: "_")
                || b == UInt8(ascii: ">") || b == UInt8(ascii: "-") {
                i += 1
            } else if b == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0xA2 { // •
                i += 3
            } else {
                break
            }
        }
        var after = i
        var digits = 0
        // Digits: ASCII, and the Latin-1 ² ³ ¹ ¼ ½ ¾ that count as numbers too.
        while after < n {
            let b = p[after]
            if b >= 0x30, b <= 0x39 {
                after += 1
            } else if b == 0xC2, after + 1 < n, [0xB2, 0xB3, 0xB9, 0xBC, 0xBD, 0xBE].contains(p[after + 1]) {
                after += 2
            } else {
                break
            }
            digits += 1
        }
        if digits > 0, digits <= 2, after < n {
            let mark = p[after]
            if mark == UInt8(ascii: ".") || mark == UInt8(ascii: ")") || mark == UInt8(ascii: ":") {
                var rest = after + 1
                while rest < n, p[rest] == 0x20 || p[rest] == UInt8(ascii: "*") || p[rest] == UInt8(ascii: "_") { rest += 1 }
                return rest
            }
        }
        return i
    }

    /// `fold` of simple text, on its bytes; false as soon as the result grows longer than `limit`.
    @discardableResult
    static func foldSimple(_ p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], word: inout [UInt8],
                           limit: Int = .max) -> Bool {
        out.removeAll(keepingCapacity: true)
        word.removeAll(keepingCapacity: true)
        var i = 0
        while i < p.count {
            let (length, kind) = peek(p, at: i)
            if kind == .other {
                if !word.isEmpty {
                    appendFolded(&word, to: &out)
                    if out.count > limit { return false }
                }
            } else {
                _ = SimpleText.appendLowercased(p, at: i, to: &word)
            }
            i += length
        }
        if !word.isEmpty { appendFolded(&word, to: &out) }
        return out.count <= limit
    }

    @inline(__always)
    private static func peek(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, SimpleText.Kind) {
        let (length, kind, _) = SimpleText.scalar(p, at: i)
        return (length, kind)
    }

    /// Appends one lowercased word, mapped from nynorsk and with `æøå` folded, and empties it.
    private static func appendFolded(_ word: inout [UInt8], to out: inout [UInt8]) {
        if !out.isEmpty { out.append(0x20) }
        appendScalarsFolded(NynorskBytes.map(word) ?? word, to: &out)
        word.removeAll(keepingCapacity: true)
    }

    /// Appends the scalars of a lowercased word with `æøå` and accented vowels folded, other
    /// non-ASCII scalars as `?`.
    private static func appendScalarsFolded(_ word: [UInt8], to out: inout [UInt8]) {
        word.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 { out.append(b); i += 1; continue }
                var length = 2
                if b >= 0xE0 { length = b >= 0xF0 ? 4 : 3 }
                if b == 0xC3 {
                    switch bytes[i + 1] {
                    case 0xA6: out.append(0x61); out.append(0x65) // æ
                    case 0xB8, 0xB6: out.append(0x6F) // ø ö
                    case 0xA5, 0xA4, 0xA1, 0xA0: out.append(0x61) // å ä á à
                    case 0xA9, 0xA8, 0xAA: out.append(0x65) // é è ê
                    default: out.append(0x3F)
                    }
                } else {
                    out.append(0x3F)
                }
                i += length
            }
        }
    }

    /// The scalars of a lowercased word spelled as `fold` spells them: `æøå` and accented
    /// vowels folded, other non-ASCII scalars as `?`.
    static func foldScalars(_ word: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        appendScalarsFolded(word, to: &out)
        return out
    }

    /// `text.split(separator: 0x20).count`.
    static func wordCount(_ text: [UInt8]) -> Int {
        var count = 0
        var previous: UInt8 = 0x20
        for byte in text {
            if byte != 0x20, previous == 0x20 { count += 1 }
            previous = byte
        }
        return count
    }

    /// The length of `prefix(text, length:)`.
    static func prefixLength(_ text: [UInt8], length: Int) -> Int {
        guard length < text.count else { return text.count }
        var end = length
        while end < text.count, text[end] != 0x20 { end += 1 }
        return end
    }

    /// The line without a leading `3.`, `3)`, `Spørsmål 3:` style number and Markdown marks.
    static func withoutNumber(_ line: String) -> Substring {
        var rest = line.drop { $0 == " " || $0 == "#" || $0 == "*" || $0 == "_" || $0 == ">" || $0 == "-" || $0 == "•" }
        let digits = rest.prefix { $0.isNumber }
        if !digits.isEmpty, digits.count <= 2 {
            let after = rest.dropFirst(digits.count)
            if let mark = after.first, mark == "." || mark == ")" || mark == ":" {
                rest = after.dropFirst().drop { $0 == " " || $0 == "*" || $0 == "_" }
            }
        }
        return rest
    }

    /// Nynorsk forms mapped to the bokmål the booklets are written in.
    static let nynorsk: [String: String] = [
        "korleis": "hvordan", "kva": "hva", "kven": "hvem", "kvifor": "hvorfor", "kvar": "hvor", "ikkje": "ikke",
        "frå": "fra", "dykk": "dere", "me": "vi", "mykje": "mye", "meir": "mer", "berre": "bare", "noko": "noe",
        "nokon": "noen", "nokre": "noen", "òg": "også", "vere": "være", "sjølv": "selv", "heile": "hele",
        "gjere": "gjøre", "gjer": "gjør", "tenestene": "tjenestene", "tenester": "tjenester", "teneste": "tjeneste",
        "innbyggjarane": "innbyggerne", "folkevalde": "folkevalgte", "tvingar": "tvinger", "avgrensa": "begrenset",
        "løysingar": "løsninger", "prioriteringar": "prioriteringer", "kommunen": "kommune",
        "fylkeskommunen": "fylkeskommune", "arbeidskraftressursane": "arbeidskraftressursene", "dei": "de",
        "åra": "årene", "finst": "finnes", "utfordringar": "utfordringer",
    ]

    /// Lower case, letters and digits only, single spaces, `æøå` folded, nynorsk words mapped.
    static func fold(_ text: some StringProtocol) -> [UInt8] {
        var string = String(text)
        let simple: [UInt8]? = string.withUTF8 { bytes in
            guard SimpleText.isSimple(bytes) else { return nil }
            var out: [UInt8] = [], word: [UInt8] = []
            foldSimple(bytes, into: &out, word: &word)
            return out
        }
        return simple ?? foldCharacters(text)
    }

    /// `fold` on `Character`s, for any text.
    static func foldCharacters(_ text: some StringProtocol) -> [UInt8] {
        var words: [String] = []
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var out: [UInt8] = []
        for (position, original) in words.enumerated() {
            if position > 0 { out.append(0x20) }
            let mapped = nynorsk[original] ?? original
            for scalar in mapped.unicodeScalars {
                switch scalar {
                case "æ": out += [0x61, 0x65]
                case "ø", "ö": out.append(0x6F)
                case "å", "ä", "á", "à": out.append(0x61)
                case "é", "è", "ê": out.append(0x65)
                default:
                    if scalar.isASCII { out.append(UInt8(scalar.value)) } else { out.append(0x3F) }
                }
            }
        }
        return out
    }

    /// The first `length` bytes of `text`, extended to the end of the word.
    static func prefix(_ text: [UInt8], length: Int) -> [UInt8] {
        guard length < text.count else { return text }
        var end = length
        while end < text.count, text[end] != 0x20 { end += 1 }
        return Array(text[..<end])
    }

    /// Dice coefficient of the character trigram multisets.
    static func similarity(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard a.count >= 3, b.count >= 3 else { return a == b ? 1 : 0 }
        var counts: [UInt32: Int] = [:]
        for i in 0 ... a.count - 3 { counts[trigram(a, i), default: 0] += 1 }
        var shared = 0
        for i in 0 ... b.count - 3 {
            let key = trigram(b, i)
            if let n = counts[key], n > 0 { counts[key] = n - 1; shared += 1 }
        }
        return Double(2 * shared) / Double(a.count - 2 + b.count - 2)
    }

    private static func trigram(_ bytes: [UInt8], _ i: Int) -> UInt32 {
        UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
    }
}

/// The nynorsk map on UTF-8 bytes, for words of simple text.
enum NynorskBytes {
    /// Entries by the first byte of the nynorsk form.
    private static let byFirstByte: [[(form: [UInt8], bokmål: [UInt8])]] = {
        var table = [[(form: [UInt8], bokmål: [UInt8])]](repeating: [], count: 256)
        for (form, bokmål) in QuestionTextMatcher.nynorsk {
            let bytes = Array(form.utf8)
            precondition(bytes.withUnsafeBufferPointer(SimpleText.isSimple), "nynorsk forms are simple text")
            table[Int(bytes[0])].append((bytes, Array(bokmål.utf8)))
        }
        return table
    }()

    /// The folded bokmål word for a word of simple text (in any case) that is a nynorsk form, or nil.
    static func foldedBokmål(of word: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        table.foldedBokmål(of: word)
    }

    /// The nynorsk forms by first byte, with their bokmål words folded.
    static let table = NynorskTable()

    /// The bokmål form of a lowercased nynorsk word, or nil.
    static func map(_ word: [UInt8]) -> [UInt8]? {
        guard let first = word.first else { return nil }
        for entry in byFirstByte[Int(first)] where entry.form == word { return entry.bokmål }
        return nil
    }
}

/// The nynorsk map as `fold` on bytes uses it.
final class NynorskTable: Sendable {
    /// By the first byte of the nynorsk form: the form and its bokmål word folded (`æøå` spelled out).
    private let byFirstByte: [[(form: [UInt8], folded: [UInt8])]]
    /// The longest nynorsk form in bytes.
    private let longestForm: Int

    init() {
        var table = [[(form: [UInt8], folded: [UInt8])]](repeating: [], count: 256)
        for (form, bokmål) in QuestionTextMatcher.nynorsk {
            let bytes = Array(form.utf8)
            precondition(bytes.withUnsafeBufferPointer(SimpleText.isSimple), "nynorsk forms are simple text")
            table[Int(bytes[0])].append((bytes, QuestionTextMatcher.foldScalars(Array(bokmål.utf8))))
        }
        byFirstByte = table
        longestForm = QuestionTextMatcher.nynorsk.keys.map(\.utf8.count).max() ?? 0
    }

    /// The folded bokmål word for a word of simple text (in any case) that is a nynorsk form, or nil.
    func foldedBokmål(of word: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard word.count <= longestForm, let first = word.first else { return nil }
        let lowerFirst = first >= 0x41 && first <= 0x5A ? first | 0x20 : first
        candidates: for entry in byFirstByte[Int(lowerFirst)] where entry.form.count == word.count {
            var previous: UInt8 = 0
            for k in 0 ..< word.count {
                var b = word[k]
                if previous == 0xC3, k > 0, b >= 0x80, b <= 0x9E, b != 0x97 { b += 0x20 } else if b >= 0x41, b <= 0x5A { b |= 0x20 }
                if b != entry.form[k] { continue candidates }
                previous = word[k]
            }
            return entry.folded
        }
        return nil
    }
}

/// Character trigrams of folded text as small codes, counted in a flat table: folded text is
/// lower-case ASCII letters, digits, spaces and `?`, 38 symbols.
enum Trigrams {
    private static let symbol: [UInt16] = (0 ..< 256).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "a") ... UInt8(ascii: "z"): UInt16(value) - 0x61
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): UInt16(value) - 0x30 + 26
        case 0x20: 36
        case UInt8(ascii: "?"): 37
        default: UInt16.max
        }
    }
    static let alphabet = 38

    /// The trigram codes of the text, nil when a byte is outside the alphabet.
    static func codes(_ text: [UInt8]) -> [UInt16]? {
        var result: [UInt16] = []
        return codes(text, into: &result) ? result : nil
    }

    /// The trigram codes of the text into `result`; false when a byte is outside the alphabet.
    static func codes(_ text: [UInt8], into result: inout [UInt16]) -> Bool {
        result.removeAll(keepingCapacity: true)
        guard text.count >= 3 else { return true }
        return symbol.withUnsafeBufferPointer { symbol in
            text.withUnsafeBufferPointer { text in
                for byte in text where symbol[Int(byte)] == UInt16.max { return false }
                var code = Int(symbol[Int(text[0])]) * alphabet + Int(symbol[Int(text[1])])
                for i in 2 ..< text.count {
                    code = (code % (alphabet * alphabet)) * alphabet + Int(symbol[Int(text[i])])
                    result.append(UInt16(code))
                }
                return true
            }
        }
    }

    /// For each trigram code, the questions and positions where it stands, by question and position.
    struct Index: Sendable {
        private let offsets: [Int32]
        private let targets: [Int32]
        private let positions: [Int32]
        private let targetCount: Int

        init(_ codes: [[UInt16]]) {
            let size = alphabet * alphabet * alphabet
            var counts = [Int32](repeating: 0, count: size + 1)
            for list in codes { for code in list { counts[Int(code) + 1] += 1 } }
            for k in 0 ..< size { counts[k + 1] += counts[k] }
            offsets = counts
            var next = counts
            var targets = [Int32](repeating: 0, count: Int(counts[size]))
            var positions = [Int32](repeating: 0, count: Int(counts[size]))
            for (target, list) in codes.enumerated() {
                for (position, code) in list.enumerated() {
                    let slot = Int(next[Int(code)])
                    targets[slot] = Int32(target)
                    positions[slot] = Int32(position)
                    next[Int(code)] += 1
                }
            }
            self.targets = targets
            self.positions = positions
            targetCount = codes.count
        }

        /// For each candidate (question, prefix length), the size of the multiset intersection of
        /// the line's trigrams with the trigrams of the question's prefix.
        func shared(_ text: [UInt16], candidates: [(position: Int, length: Int)], counts: inout Counts, shared: inout [Int]) {
            shared = [Int](repeating: 0, count: candidates.count)
            // The number of trigrams in each candidate's prefix, and which candidate a question is.
            var limit = [Int](repeating: -1, count: targetCount)
            var candidateOf = [Int](repeating: -1, count: targetCount)
            for (candidate, (position, length)) in candidates.enumerated() where length >= 3 {
                limit[position] = length - 2
                candidateOf[position] = candidate
            }
            counts.add(text)
            offsets.withUnsafeBufferPointer { offsets in
                targets.withUnsafeBufferPointer { targets in
                    positions.withUnsafeBufferPointer { positions in
                        for code in text {
                            // Each distinct trigram once, with its count in the line.
                            let inText = counts.take(code)
                            guard inText > 0 else { continue }
                            var k = Int(offsets[Int(code)])
                            let end = Int(offsets[Int(code) + 1])
                            while k < end {
                                let target = Int(targets[k])
                                var inPrefix = 0
                                while k < end, Int(targets[k]) == target {
                                    if Int(positions[k]) < limit[target] { inPrefix += 1 }
                                    k += 1
                                }
                                let candidate = candidateOf[target]
                                if candidate >= 0 { shared[candidate] += min(inText, inPrefix) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A multiset of trigram codes.
    struct Counts {
        private var counts = [UInt16](repeating: 0, count: alphabet * alphabet * alphabet)
        private var taken: [UInt16] = []

        mutating func add(_ codes: [UInt16]) {
            counts.withUnsafeMutableBufferPointer { counts in
                for code in codes { counts[Int(code)] &+= 1 }
            }
        }

        /// The count of `code`, set to zero.
        @inline(__always)
        mutating func take(_ code: UInt16) -> Int {
            let count = Int(counts[Int(code)])
            counts[Int(code)] = 0
            return count
        }

        mutating func remove(_ codes: [UInt16]) {
            counts.withUnsafeMutableBufferPointer { counts in
                for code in codes { counts[Int(code)] &-= 1 }
            }
        }

        /// The size of the multiset intersection with `codes`; the counts are left as they were.
        mutating func shared(_ codes: ArraySlice<UInt16>) -> Int {
            taken.removeAll(keepingCapacity: true)
            counts.withUnsafeMutableBufferPointer { counts in
                for code in codes where counts[Int(code)] > 0 {
                    counts[Int(code)] -= 1
                    taken.append(code)
                }
                for code in taken { counts[Int(code)] += 1 }
            }
            return taken.count
        }
    }
}
