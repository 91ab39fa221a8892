import Foundation
import NorwegianText
import PipelineCore

/// A document split into answers per question.
public struct SegmentedDocument: Sendable {
    /// Non-blank answers in question order, `generelt` last.
    public var answers: [Answer]
    /// Characters removed as question text echoed inside the answers.
    public var echoedCharacters: Int
    /// Characters removed as question headings (`Spørsmål 5`).
    public var headingCharacters: Int
    public var findings: [Finding]
}

/// Splits a document's text into answers per booklet question.
public protocol AnswerSegmenting: Sendable {
    func segment(_ text: String, questions: QuestionList) -> SegmentedDocument
    /// One cell of a survey export that answers `question`, starting on file line `firstLine`.
    func segment(cell text: String, question: Int, questions: QuestionList, firstLine: Int) -> SegmentedDocument
}

/// Splits on question headings and removes question text echoed in the answers.
///
/// A heading is a line naming a question of the year: `Spørsmål 5`, `Svar på spørsmål 3`,
/// `Kommunedirektørens innspill til svar på spørsmål 1`, `Spørsmål 6 - fortsettelse`, `Sp. 2:`.
/// Everything up to the next heading belongs to that question; a second heading for the same
/// question continues it. Text before the first heading is `generelt`. Question text repeated
/// in the document (six or more words in a row from a question of the year) is cut out and
/// counted, so it never counts toward themes.
public struct HeadingSegmenter: AnswerSegmenting {
    let tokenizer: NorwegianTokenizer
    /// Shortest run of words, in order, from a question that counts as an echo.
    public var minimumEchoWords = 6

    public init(tokenizer: NorwegianTokenizer) {
        self.tokenizer = tokenizer
    }

    public func segment(_ text: String, questions: QuestionList) -> SegmentedDocument {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var findings: [Finding] = []
        var headingCharacters = 0
        var headingFor: [Int: Int] = [:]
        for (index, line) in lines.enumerated() {
            guard let heading = QuestionHeading(line: line) else { continue }
            guard questions.question(heading.number) != nil else {
                findings.append(Finding(.warning, stage: "segment",
                                        "overskriften «\(line.trimmingCharacters(in: .whitespaces))» nevner spørsmål \(heading.number), som ikke finnes i heftet for \(questions.year)",
                                        line: index + 1))
                continue
            }
            headingFor[index] = heading.number
            headingCharacters += line.count - heading.remainder.count
            lines[index] = heading.remainder
        }
        let hasHeadings = !headingFor.isEmpty

        // A question recognised by its text: the question box copied in, or a heading that lost its number.
        var byText = Set<Int>()
        var questionTextLines: [Int] = []
        let matcher = QuestionTextMatcher(questions: questions)
        var index = 0
        while index < lines.count {
            guard headingFor[index] == nil, let match = matcher.match(lines, at: index) else { index += 1; continue }
            if !(index + 1 ..< index + match.lineCount).contains(where: { headingFor[$0] != nil }) {
                headingFor[index] = match.number
                byText.insert(match.number)
                questionTextLines += index ..< index + match.lineCount
            }
            index += match.lineCount
        }

        // Numbered paragraphs (`3.`, `3)`) when nothing else marks the questions; in a council
        // protocol only those after the last `Vedtak:`.
        if !hasHeadings, byText.count < 2 {
            let start = (lines.lastIndex { Self.isDecisionMarker($0) }).map { $0 + 1 } ?? 0
            var last = headingFor.filter { $0.key < start }.values.max() ?? 0
            for index in start ..< lines.count {
                if let number = headingFor[index] { last = max(last, number); continue }
                guard let (number, rest) = Self.numberedParagraph(lines[index]), number > last,
                      questions.question(number) != nil else { continue }
                headingFor[index] = number
                headingCharacters += lines[index].count - rest.count
                lines[index] = rest
                last = number
            }
        }

        // Exact echoes first (they may run on into an answer on the same line), then whatever is
        // left of the lines recognised as question text (OCR-damaged or nynorsk wording).
        var echoed = removeEchoes(&lines, questions: questions)
        for taken in questionTextLines {
            echoed += lines[taken].trimmingCharacters(in: .whitespaces).count
            lines[taken] = ""
        }

        // A heading naming a part of the booklet (`# Mellomoppgjøret 2025`) ends the answer before
        // it: what follows up to the next question is about the part as a whole.
        let partNames = Set(questions.questions.map { Self.headingKey($0.part) }.filter { !$0.isEmpty })

        var parts: [QuestionKey: (lines: [String], sources: [Int])] = [:]
        var current = QuestionKey.general
        for (index, line) in lines.enumerated() {
            if headingFor[index] == nil, line.count < 120, partNames.contains(Self.headingKey(line)) {
                current = .general
            }
            if let number = headingFor[index] {
                current = .number(number)
                // A continuation starts a new paragraph of the earlier answer.
                if parts[current] != nil { parts[current]!.lines.append(""); parts[current]!.sources.append(index + 1) }
                if line.isEmpty { continue }
            }
            if line.isEmpty && parts[current] == nil { continue }
            parts[current, default: ([], [])].lines.append(line)
            parts[current, default: ([], [])].sources.append(index + 1)
        }
        let answers = parts.keys.sorted().compactMap { key -> Answer? in
            var (body, sources) = parts[key]!
            while let last = body.last, last.trimmingCharacters(in: .whitespaces).isEmpty {
                body.removeLast()
                sources.removeLast()
            }
            let answer = Answer(question: key, text: body.joined(separator: "\n"), sourceLines: sources)
            return answer.isBlank ? nil : answer
        }
        return SegmentedDocument(answers: answers, echoedCharacters: echoed,
                                 headingCharacters: headingCharacters, findings: findings)
    }

    /// One survey cell that answers `question`: echoed question text removed, lines pointing
    /// back to the file lines from `firstLine` on.
    public func segment(cell text: String, question: Int, questions: QuestionList, firstLine: Int) -> SegmentedDocument {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let echoed = removeEchoes(&lines, questions: questions)
        var sources = Array(firstLine ..< firstLine + lines.count)
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst(); sources.removeFirst() }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast(); sources.removeLast() }
        let answer = Answer(question: .number(question), text: lines.joined(separator: "\n"), sourceLines: sources)
        return SegmentedDocument(answers: answer.isBlank ? [] : [answer], echoedCharacters: echoed, headingCharacters: 0, findings: [])
    }

    /// A heading's words in lower case, without Markdown marks and punctuation.
    static func headingKey(_ line: String) -> String {
        line.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }

    /// `Vedtak:`, `Kommunestyrets vedtak:`, `Formannskapets innstilling:`, `Forslag til vedtak:`.
    public static func isDecisionMarker(_ line: String) -> Bool {
        let trimmed = line.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " \t#*_"))
        guard trimmed.hasSuffix(":") || trimmed == "vedtak" else { return false }
        let words = trimmed.split { !$0.isLetter }.map(String.init)
        let decisions: Set<String> = ["vedtak", "innstilling", "tilråding", "tilrådning"]
        func isOwner(_ word: String) -> Bool { word.hasSuffix("s") && word.count > 3 }
        switch words.count {
        case 1: return decisions.contains(words[0])
        // `Kommunestyrets vedtak`
        case 2: return decisions.contains(words[1]) && isOwner(words[0])
        // `Heradsstyret sitt vedtak`, `Forslag til vedtak`, `Vedtak i kommunestyret`
        case 3: return (decisions.contains(words[2]) && ["sitt", "si", "sin"].contains(words[1]))
            || words == ["forslag", "til", "vedtak"] || (words[0] == "vedtak" && words[1] == "i")
        // `Kommunedirektørens forslag til vedtak`
        case 4: return isOwner(words[0]) && Array(words[1...]) == ["forslag", "til", "vedtak"]
        default: return false
        }
    }

    /// `3. Tekst` or `3) Tekst` at the start of a line: the number and the text after it.
    static func numberedParagraph(_ line: String) -> (Int, String)? {
        let trimmed = line.drop { $0 == " " || $0 == "*" || $0 == "_" || $0 == "#" }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard (1 ... 2).contains(digits.count), let number = Int(digits) else { return nil }
        var rest = trimmed.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return nil }
        rest = rest.dropFirst()
        guard rest.isEmpty || rest.first == " " || rest.first == "*" || rest.first == "_" || rest.first == "\t" else { return nil }
        return (number, String(rest.drop { $0 == " " || $0 == "*" || $0 == "_" || $0 == "\t" }))
    }

    /// Cuts runs of words copied from a question out of the lines; returns characters removed.
    /// Runs are found per paragraph (lines up to a blank line), so an echo wrapped over several
    /// lines is found whole.
    private func removeEchoes(_ lines: inout [String], questions: QuestionList) -> Int {
        let questionTrigrams = Set(questions.questions.flatMap { question in
            let words = words(in: question.text).map(\.word)
            return words.count < 3 ? [] : (0 ... words.count - 3).map { "\(words[$0]) \(words[$0 + 1]) \(words[$0 + 2])" }
        })
        var removed = 0
        var paragraphStart = 0
        while paragraphStart < lines.count {
            var paragraphEnd = paragraphStart
            while paragraphEnd < lines.count, !lines[paragraphEnd].trimmingCharacters(in: .whitespaces).isEmpty {
                paragraphEnd += 1
            }
            if paragraphEnd > paragraphStart {
                removed += removeEchoes(in: &lines, paragraphStart ..< paragraphEnd, trigrams: questionTrigrams)
            }
            paragraphStart = paragraphEnd + 1
        }
        return removed
    }

    private func removeEchoes(in lines: inout [String], _ range: Range<Int>, trigrams: Set<String>) -> Int {
        struct Located { var line: Int; var bytes: Range<Int>; var word: String }
        var located: [Located] = []
        for index in range {
            located += words(in: lines[index]).map { Located(line: index, bytes: $0.bytes, word: $0.word) }
        }
        guard located.count >= minimumEchoWords else { return 0 }
        var covered = [Bool](repeating: false, count: located.count)
        for start in 0 ... located.count - 3
        where trigrams.contains("\(located[start].word) \(located[start + 1].word) \(located[start + 2].word)") {
            covered[start] = true
            covered[start + 1] = true
            covered[start + 2] = true
        }
        // Byte ranges to cut, per line.
        var cuts: [Int: [Range<Int>]] = [:]
        var start = 0
        while start < located.count {
            guard covered[start] else { start += 1; continue }
            var end = start
            while end + 1 < located.count, covered[end + 1] { end += 1 }
            if end - start + 1 >= minimumEchoWords {
                for line in Set(located[start ... end].map(\.line)) {
                    let inLine = located[start ... end].filter { $0.line == line }
                    cuts[line, default: []].append(inLine.first!.bytes.lowerBound ..< inLine.last!.bytes.upperBound)
                }
            }
            start = end + 1
        }
        var removed = 0
        for (line, ranges) in cuts {
            var bytes = Array(lines[line].utf8)
            for cut in ranges.sorted(by: { $0.lowerBound > $1.lowerBound }) {
                var upper = cut.upperBound
                // Take the question's closing punctuation with it.
                while upper < bytes.count, [UInt8(ascii: "?"), UInt8(ascii: "."), UInt8(ascii: "*"),
                                            UInt8(ascii: "_"), UInt8(ascii: ":")].contains(bytes[upper]) { upper += 1 }
                removed += String(decoding: bytes[cut.lowerBound ..< upper], as: UTF8.self).count
                bytes.removeSubrange(cut.lowerBound ..< upper)
            }
            let rest = String(decoding: bytes, as: UTF8.self)
            if rest.contains(where: { $0.isLetter || $0.isNumber }) {
                lines[line] = rest
            } else {
                removed += rest.trimmingCharacters(in: .whitespaces).count
                lines[line] = ""
            }
        }
        return removed
    }

    /// Lowercased words of a line with their byte ranges.
    private func words(in line: String) -> [(word: String, bytes: Range<Int>)] {
        let tokens = tokenizer.tokenize(line)
        var result: [(String, Range<Int>)] = []
        for index in 0 ..< tokens.count where tokens.kinds[index].isWordLike {
            result.append((NorwegianCase.lowercased(tokens.text(at: index, in: line)), tokens.range(at: index)))
        }
        return result
    }
}

/// A line recognised as the heading of a numbered question.
struct QuestionHeading {
    var number: Int
    /// Text on the heading line after the question marker, e.g. an echoed question.
    var remainder: String

    /// Words that may stand right before `spørsmål N` in a heading line.
    static let leadIns: Set<String> = ["på", "pa", "til", "svar", "om", "for", "fortsettelse", "forts", "innspill",
                                       "innspel", "kommentar", "kommentarar", "kommentarer", "merknad", "merknader",
                                       "merknadar", "framhald", "fortsetjing", "gjeld", "gjelder", "vedr", "vedrørande",
                                       "vedrørende"]

    /// `spørsmål 3`, `sporsmal nr. 3`, `spm. 3`, `sp. 3` in a lowercased line.
    nonisolated(unsafe) static let marker = #/(spørsmål|spørsmal|sporsmål|sporsmal|spm\.?|sp\.)\s*(?:nr\.?\s*)?(\d{1,2})(?!\d)/#

    /// True when the line holds `sp` in any case followed somewhere by a digit: a cheap test on
    /// bytes before the regular expression runs.
    static func mayHoldMarker(_ line: String) -> Bool {
        var sawMarker = false
        var previous: UInt8 = 0
        for byte in line.utf8 {
            if !sawMarker {
                if previous | 0x20 == UInt8(ascii: "s"), byte | 0x20 == UInt8(ascii: "p") { sawMarker = true }
            } else if byte >= 0x30, byte <= 0x39 {
                return true
            }
            previous = byte
        }
        return false
    }

    init?(line: String) {
        guard Self.mayHoldMarker(line) else { return nil }
        let lowered = line.lowercased()
        guard let match = lowered.firstMatch(of: Self.marker) else { return nil }
        guard let number = Int(match.output.2) else { return nil }
        let decoration: Set<Character> = ["#", "*", "_", ">", " ", "-", "•", "–"]
        let isMarkdownHeading = lowered.drop { $0 == " " }.hasPrefix("#")
        let prefix = lowered[..<match.range.lowerBound]
        let prefixWords = prefix.split { !$0.isLetter }
        let after = line[match.range.upperBound...]
        let afterWords = after.split { !$0.isLetter && !$0.isNumber }
        let separator = after.drop { $0 == " " || $0 == "*" || $0 == "_" }.first
        let endsHeading = separator == nil || [":", ".", ")", "-", "–", "—"].contains(separator!)
        if prefixWords.isEmpty {
            // `Spørsmål 3`, `Spørsmål 3: …`, `## Spørsmål 6 - fortsettelse`; not `Spørsmål 3 handler om …`.
            guard endsHeading || isMarkdownHeading else { return nil }
        } else {
            // `Kommunedirektørens innspill til svar på spørsmål 1`; not `Se spørsmål 3 og 4.`
            guard let last = prefixWords.last, Self.leadIns.contains(String(last)),
                  prefix.allSatisfy({ $0 != "." && $0 != "?" && $0 != "!" }),
                  isMarkdownHeading || prefixWords.count + afterWords.count <= 12,
                  endsHeading
            else { return nil }
        }
        self.number = number
        // Keep text after `Spørsmål 5:` when it is more than a continuation marker.
        var rest = after.drop { decoration.contains($0) || $0 == ":" || $0 == "." || $0 == ")" }
        let restWords = rest.split { !$0.isLetter }.map { $0.lowercased() }
        if restWords.allSatisfy({ $0 == "fortsettelse" || $0 == "forts" || $0 == "framhald" || $0 == "fortsetjing" }) {
            rest = ""
        }
        remainder = String(rest)
    }
}
