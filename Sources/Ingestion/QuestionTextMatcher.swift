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
    }
    private let targets: [Target]

    init(questions: QuestionList) {
        targets = questions.questions.map { Target(number: $0.number, folded: Self.fold($0.text)) }
    }

    /// The question whose text starts at `lines[index]`, and how many lines it takes.
    func match(_ lines: [String], at index: Int) -> Match? {
        // Folding is costly; a line of fewer than 24 bytes cannot fold to 24 characters.
        guard lines[index].utf8.count >= 24 else { return nil }
        var text = Self.fold(Self.withoutNumber(lines[index]))
        guard text.count >= 24, text.split(separator: 0x20).count >= 4 else { return nil }
        var scored: [(number: Int, score: Double, target: [UInt8])] = targets.compactMap { target in
            // A line much longer than the question is an answer that quotes it, not the question.
            guard text.count <= target.folded.count * 13 / 10 + 10 else { return nil }
            // A fragment must be a real part of the question.
            guard text.count * 2 >= target.folded.count || text.count >= 60 else { return nil }
            return (target.number, Self.similarity(text, Self.prefix(target.folded, length: text.count)), target.folded)
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.number < $1.number }
        guard let best = scored.first, best.score >= threshold else { return nil }
        if scored.count > 1, best.score - scored[1].score < margin { return nil }
        // Take the following lines of a wrapped question while the text still follows it.
        var count = 1
        while index + count < lines.count, text.count < best.target.count {
            let next = Self.fold(lines[index + count])
            if next.isEmpty { break }
            let longer = text + [0x20] + next
            guard longer.count <= best.target.count * 11 / 10 + 4,
                  Self.similarity(longer, Self.prefix(best.target, length: longer.count)) >= threshold else { break }
            text = longer
            count += 1
        }
        return Match(number: best.number, lineCount: count)
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
