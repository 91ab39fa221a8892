/// Finds the booklet year of an answer that lies outside a year folder, from its text: a mention
/// of the booklet (`debattheftet 2025`, `Debatthefte for 2025`), or else the questions it quotes.
public struct YearDetector: Sendable {
    private struct Booklet {
        var year: Int
        /// Folded character trigrams of each question.
        var questions: [(number: Int, trigrams: Set<UInt32>)]
    }

    private let booklets: [Booklet]
    /// Share of a question's trigrams the text must hold for the question to count as quoted.
    public var quoteThreshold = 0.8

    public init(questionLists: [QuestionList]) {
        booklets = questionLists.map { list in
            Booklet(year: list.year, questions: list.questions.map { ($0.number, Self.trigrams(QuestionTextMatcher.fold($0.text))) })
        }
    }

    /// The year and why, or nil and why not.
    public func detect(_ text: String) -> (year: Int?, reason: String) {
        let known = Set(booklets.map(\.year))
        let mentioned = Self.mentionedYears(text).filter { known.contains($0.key) }
        let rankedMentions = mentioned.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }
        if let best = rankedMentions.first, rankedMentions.count == 1 || rankedMentions[1].value < best.value {
            return (best.key, "teksten nevner debattheftet for \(best.key)")
        }
        let textTrigrams = Self.trigrams(QuestionTextMatcher.fold(text))
        var quoted: [(year: Int, numbers: [Int])] = []
        for booklet in booklets {
            let numbers = booklet.questions.filter { question in
                !question.trigrams.isEmpty
                    && Double(question.trigrams.intersection(textTrigrams).count) / Double(question.trigrams.count) >= quoteThreshold
            }.map(\.number)
            if !numbers.isEmpty { quoted.append((booklet.year, numbers)) }
        }
        quoted.sort { $0.numbers.count != $1.numbers.count ? $0.numbers.count > $1.numbers.count : $0.year > $1.year }
        if let best = quoted.first, quoted.count == 1 || quoted[1].numbers.count < best.numbers.count {
            return (best.year, "teksten siterer spørsmål \(best.numbers.map(String.init).joined(separator: ", ")) i heftet for \(best.year)")
        }
        if !rankedMentions.isEmpty || !quoted.isEmpty {
            let candidates = Set(rankedMentions.map(\.key) + quoted.map(\.year)).sorted().map(String.init)
            return (nil, "fant ikke året sikkert: teksten passer til \(candidates.joined(separator: " og "))")
        }
        return (nil, "fant ikke året: teksten nevner ikke debattheftet og siterer ingen av spørsmålene")
    }

    /// Years written right after `debatthefte` / `debattheftet` (optionally `for`), with counts.
    static func mentionedYears(_ text: String) -> [Int: Int] {
        let bytes = Array(text.utf8)
        let needle = Array("debatthefte".utf8)
        var counts: [Int: Int] = [:]
        var i = 0
        while i + needle.count <= bytes.count {
            var matches = true
            for k in 0 ..< needle.count where bytes[i + k] | 0x20 != needle[k] { matches = false; break }
            guard matches else { i += 1; continue }
            // Look a short way ahead for a four-digit year.
            var j = i + needle.count
            let limit = min(bytes.count, j + 16)
            while j + 4 <= limit {
                let digits = bytes[j ..< j + 4]
                let before = j > 0 ? bytes[j - 1] : 0x20
                let after = j + 4 < bytes.count ? bytes[j + 4] : 0x20
                if digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !(before >= 0x30 && before <= 0x39),
                   !(after >= 0x30 && after <= 0x39), let year = Int(String(decoding: digits, as: UTF8.self)) {
                    counts[year, default: 0] += 1
                    break
                }
                j += 1
            }
            i += needle.count
        }
        return counts
    }

    private static func trigrams(_ folded: [UInt8]) -> Set<UInt32> {
        guard folded.count >= 3 else { return [] }
        var set = Set<UInt32>()
        set.reserveCapacity(folded.count)
        for i in 0 ... folded.count - 3 {
            set.insert(UInt32(folded[i]) << 16 | UInt32(folded[i + 1]) << 8 | UInt32(folded[i + 2]))
        }
        return set
    }
}
