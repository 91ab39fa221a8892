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
    /// The text taken out, piece by piece with its line. Together with the answers' lines it
    /// holds every character of the document except blank ones (spaces, tabs, empty lines),
    /// which may be dropped.
    public var removed: [RemovedText] = []
}

/// A piece of a document the segmenter took out of the answers.
public struct RemovedText: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A question heading or number (`Spørsmål 5:`, `3.`), counted in `headingCharacters`.
        case heading
        /// Question text echoed in the answer, counted in `echoedCharacters`.
        case echo
        /// What is left of an answer that has no letter or digit (`–`, `?`), dropped with it.
        case noContent
    }
    /// The document line (1-based) the piece was on.
    public var line: Int
    public var kind: Kind
    public var text: String

    public init(line: Int, kind: Kind, text: String) {
        self.line = line
        self.kind = kind
        self.text = text
    }
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
    /// What the segmenter derives from a year's questions, made once per list.
    private let prepared = PreparedQuestionsCache()

    public init(tokenizer: NorwegianTokenizer) {
        self.tokenizer = tokenizer
    }

    public func segment(_ text: String, questions: QuestionList) -> SegmentedDocument {
        let year = prepared.get(questions, tokenizer: tokenizer)
        var lines = Self.lines(text)
        var findings: [Finding] = []
        var headingCharacters = 0
        var removed: [RemovedText] = []
        /// Records the start of line `index` cut off to leave `rest`.
        func cutHead(_ index: Int, keeping rest: String) {
            let count = lines[index].utf8.count - rest.utf8.count
            guard count > 0 else { return }
            removed.append(RemovedText(line: index + 1, kind: .heading,
                                       text: String(decoding: lines[index].utf8.prefix(count), as: UTF8.self)))
        }
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
            cutHead(index, keeping: heading.remainder)
            lines[index] = heading.remainder
        }
        let hasHeadings = !headingFor.isEmpty

        // A question recognised by its text: the question box copied in, or a heading that lost its number.
        var byText = Set<Int>()
        var questionTextLines: [Int] = []
        let matcher = year.matcher
        var scratch = QuestionTextMatcher.Scratch()
        var index = 0
        while index < lines.count {
            guard headingFor[index] == nil, let match = matcher.match(lines, at: index, scratch: &scratch) else { index += 1; continue }
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
            let start = (lines.lastIndex { Self.mayBeDecisionMarker($0) && Self.isDecisionMarker($0) }).map { $0 + 1 } ?? 0
            var last = headingFor.filter { $0.key < start }.values.max() ?? 0
            for index in start ..< lines.count {
                if let number = headingFor[index] { last = max(last, number); continue }
                guard let (number, rest) = Self.numberedParagraph(lines[index]), number > last,
                      questions.question(number) != nil else { continue }
                headingFor[index] = number
                headingCharacters += lines[index].count - rest.count
                cutHead(index, keeping: rest)
                lines[index] = rest
                last = number
            }
        }

        // Exact echoes first (they may run on into an answer on the same line), then whatever is
        // left of the lines recognised as question text (OCR-damaged or nynorsk wording).
        var echoed = removeEchoes(&lines, echoes: year.echoes, firstLine: 1, removed: &removed)
        for taken in questionTextLines {
            let text = lines[taken].trimmingCharacters(in: .whitespaces)
            echoed += text.count
            if !text.isEmpty { removed.append(RemovedText(line: taken + 1, kind: .echo, text: text)) }
            lines[taken] = ""
        }

        // A heading naming a part of the booklet (`# Mellomoppgjøret 2025`) ends the answer before
        // it: what follows up to the next question is about the part as a whole.
        var keyBuffer: [UInt8] = []
        func namesPart(_ line: String) -> Bool {
            guard !year.partNames.isEmpty else { return false }
            if let partKeys = year.partKeys {
                let simple: Bool? = line.withBytes { bytes in
                    guard SimpleText.isSimple(bytes) else { return nil }
                    SimpleText.headingKey(bytes, into: &keyBuffer)
                    return partKeys.contains(keyBuffer)
                }
                if let simple { return simple && line.count < 120 }
            }
            return line.count < 120 && year.partNames.contains(Self.headingKey(line))
        }

        var parts: [QuestionKey: (lines: [String], sources: [Int])] = [:]
        var current = QuestionKey.general
        for (index, line) in lines.enumerated() {
            if headingFor[index] == nil, namesPart(line) {
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
            while let last = body.last, ByteText.isBlank(last) {
                body.removeLast()
                sources.removeLast()
            }
            let answer = Answer(question: key, text: body.joined(separator: "\n"), sourceLines: sources)
            guard answer.isBlank else { return answer }
            Self.recordNoContent(body, sources: sources, into: &removed)
            return nil
        }
        return SegmentedDocument(answers: answers, echoedCharacters: echoed,
                                 headingCharacters: headingCharacters, findings: findings, removed: removed)
    }

    /// The text's lines, split at `\n`: on the bytes unless a CR stands before a line feed (CR LF
    /// is one `Character`, which the `Character` split keeps inside a line).
    static func lines(_ text: String) -> [String] {
        let split: [String]? = text.withBytes { bytes in
            var lines: [String] = []
            var start = 0
            for i in 0 ..< bytes.count where bytes[i] == 0x0A {
                if i > 0, bytes[i - 1] == 0x0D { return nil }
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< i]), as: UTF8.self))
                start = i + 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return lines
        }
        return split ?? text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// One survey cell that answers `question`: echoed question text removed, lines pointing
    /// back to the file lines from `firstLine` on.
    public func segment(cell text: String, question: Int, questions: QuestionList, firstLine: Int) -> SegmentedDocument {
        var lines = Self.lines(text)
        var removed: [RemovedText] = []
        let echoed = removeEchoes(&lines, echoes: prepared.get(questions, tokenizer: tokenizer).echoes, firstLine: firstLine,
                                  removed: &removed)
        var sources = Array(firstLine ..< firstLine + lines.count)
        while let first = lines.first, ByteText.isBlank(first) { lines.removeFirst(); sources.removeFirst() }
        while let last = lines.last, ByteText.isBlank(last) { lines.removeLast(); sources.removeLast() }
        let answer = Answer(question: .number(question), text: lines.joined(separator: "\n"), sourceLines: sources)
        if answer.isBlank { Self.recordNoContent(lines, sources: sources, into: &removed) }
        return SegmentedDocument(answers: answer.isBlank ? [] : [answer], echoedCharacters: echoed, headingCharacters: 0,
                                 findings: [], removed: removed)
    }

    /// The lines of an answer dropped for having no letter or digit, as removed text.
    static func recordNoContent(_ lines: [String], sources: [Int], into removed: inout [RemovedText]) {
        for (line, source) in zip(lines, sources) where !ByteText.isBlank(line) && !line.isEmpty {
            removed.append(RemovedText(line: source, kind: .noContent, text: line))
        }
    }

    /// A heading's words in lower case, without Markdown marks and punctuation.
    static func headingKey(_ line: String) -> String {
        line.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }

    /// False when a simple line holds none of the decision words `isDecisionMarker` needs.
    static func mayBeDecisionMarker(_ line: String) -> Bool {
        line.withBytes { !SimpleText.isSimple($0) || SimpleText.mayBeDecisionMarker($0) }
    }

    /// `Vedtak:`, `Kommunestyrets vedtak:`, `Formannskapets innstilling:`, `Forslag til vedtak:`.
    public static func isDecisionMarker(_ line: String) -> Bool {
        // At most four words and some decoration: a long line is never one (and is not lowercased).
        guard line.utf8.count <= 200 else { return false }
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
    private func removeEchoes(_ lines: inout [String], echoes: EchoWords, firstLine: Int, removed cutOut: inout [RemovedText]) -> Int {
        var removed = 0
        var paragraphStart = 0
        var scratch = EchoWords.Scratch()
        while paragraphStart < lines.count {
            var paragraphEnd = paragraphStart
            while paragraphEnd < lines.count, !ByteText.isBlank(lines[paragraphEnd]) {
                paragraphEnd += 1
            }
            if paragraphEnd > paragraphStart {
                removed += removeEchoes(in: &lines, paragraphStart ..< paragraphEnd, echoes: echoes, scratch: &scratch,
                                        firstLine: firstLine, removed: &cutOut)
            }
            paragraphStart = paragraphEnd + 1
        }
        return removed
    }

    private func removeEchoes(in lines: inout [String], _ range: Range<Int>, echoes: EchoWords,
                              scratch: inout EchoWords.Scratch, firstLine: Int, removed cutOut: inout [RemovedText]) -> Int {
        guard echoes.mayHoldEcho(lines, range, minimumWords: minimumEchoWords, scratch: &scratch) else { return 0 }
        // The paragraph's words as ids of question words (-1 for any other word), with their lines and bytes.
        scratch.clear()
        for index in range {
            echoes.collectWords(of: lines[index], line: index, tokenizer: tokenizer, into: &scratch)
        }
        let count = scratch.ids.count
        guard count >= minimumEchoWords else { return 0 }
        var covered = [Bool](repeating: false, count: count)
        for start in 0 ... count - 3 where echoes.isTrigram(scratch.ids[start], scratch.ids[start + 1], scratch.ids[start + 2]) {
            covered[start] = true
            covered[start + 1] = true
            covered[start + 2] = true
        }
        // Byte ranges to cut, per line.
        var cuts: [Int: [Range<Int>]] = [:]
        var start = 0
        while start < count {
            guard covered[start] else { start += 1; continue }
            var end = start
            while end + 1 < count, covered[end + 1] { end += 1 }
            if end - start + 1 >= minimumEchoWords {
                for line in Set(scratch.lines[start ... end]) {
                    let inLine = (start ... end).filter { scratch.lines[$0] == line }
                    cuts[line, default: []].append(scratch.bytes[inLine.first!].lowerBound ..< scratch.bytes[inLine.last!].upperBound)
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
                let piece = String(decoding: bytes[cut.lowerBound ..< upper], as: UTF8.self)
                removed += piece.count
                cutOut.append(RemovedText(line: firstLine + line, kind: .echo, text: piece))
                bytes.removeSubrange(cut.lowerBound ..< upper)
            }
            let rest = String(decoding: bytes, as: UTF8.self)
            if rest.contains(where: { $0.isLetter || $0.isNumber }) {
                lines[line] = rest
            } else {
                let left = rest.trimmingCharacters(in: .whitespaces)
                removed += left.count
                if !left.isEmpty { cutOut.append(RemovedText(line: firstLine + line, kind: .echo, text: left)) }
                lines[line] = ""
            }
        }
        return removed
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

    /// False when no `sp` in the line can start a marker with a number: a cheap test on bytes
    /// before the regular expression runs.
    static func mayHoldMarker(_ line: String) -> Bool {
        line.withBytes { SimpleText.mayHoldMarker($0) }
    }

    /// Words (runs of letters and digits) in `text`, counted up to `limit + 1`.
    static func wordCount(_ text: Substring, limit: Int) -> Int {
        var count = 0
        var inWord = false
        for character in text {
            let isWordCharacter = character.isLetter || character.isNumber
            if isWordCharacter && !inWord {
                count += 1
                if count > limit { return count }
            }
            inWord = isWordCharacter
        }
        return count
    }

    /// True when every word (run of letters) of `text` is a continuation marker
    /// (`fortsettelse`, `forts`, `framhald`, `fortsetjing`), or there is none; stops at the
    /// first other word.
    static func holdsOnlyContinuationWords(_ text: Substring) -> Bool {
        func isContinuation(_ word: Substring) -> Bool {
            ["fortsettelse", "forts", "framhald", "fortsetjing"].contains(word.lowercased())
        }
        var start: Substring.Index?
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isLetter {
                if start == nil { start = index }
                // No continuation marker is this long, in any case.
                if text.utf8.distance(from: start!, to: index) > 64 { return false }
            } else if let wordStart = start {
                if !isContinuation(text[wordStart ..< index]) { return false }
                start = nil
            }
            index = text.index(after: index)
        }
        return start.map { isContinuation(text[$0...]) } ?? true
    }

    init?(line: String) {
        guard Self.mayHoldMarker(line) else { return nil }
        let lowered = line.lowercased()
        guard let match = lowered.firstMatch(of: Self.marker) else { return nil }
        guard let number = Int(match.output.2) else { return nil }
        let decoration: Set<Character> = ["#", "*", "_", ">", " ", "-", "•", "–"]
        let isMarkdownHeading = lowered.drop { $0 == " " }.hasPrefix("#")
        let prefix = lowered[..<match.range.lowerBound]
        // The match's end in `line`: the same number of characters in (lower case may change a
        // letter's length in bytes: İ → i̇, ẞ → ß), not the same index.
        let end = line.index(line.startIndex, offsetBy: lowered.distance(from: lowered.startIndex, to: match.range.upperBound),
                             limitedBy: line.endIndex) ?? line.endIndex
        let after = line[end...]
        let separator = after.drop { $0 == " " || $0 == "*" || $0 == "_" }.first
        let endsHeading = separator == nil || [":", ".", ")", "-", "–", "—"].contains(separator!)
        // Conditions are tested cheapest first and words counted only as far as needed, so a
        // line of megabytes costs one pass, not a split into words.
        if !prefix.contains(where: \.isLetter) {
            // `Spørsmål 3`, `Spørsmål 3: …`, `## Spørsmål 6 - fortsettelse`; not `Spørsmål 3 handler om …`.
            guard endsHeading || isMarkdownHeading else { return nil }
        } else {
            // `Kommunedirektørens innspill til svar på spørsmål 1`; not `Se spørsmål 3 og 4.`
            let mayEndSentence = prefix.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "!") }
            guard endsHeading, !mayEndSentence || prefix.allSatisfy({ $0 != "." && $0 != "?" && $0 != "!" }) else { return nil }
            let prefixWords = prefix.split { !$0.isLetter }
            guard let last = prefixWords.last, Self.leadIns.contains(String(last)),
                  isMarkdownHeading || prefixWords.count + Self.wordCount(after, limit: 12) <= 12
            else { return nil }
        }
        self.number = number
        // Keep text after `Spørsmål 5:` when it is more than a continuation marker.
        var rest = after.drop { decoration.contains($0) || $0 == ":" || $0 == "." || $0 == ")" }
        if Self.holdsOnlyContinuationWords(rest) {
            rest = ""
        }
        remainder = String(rest)
    }
}
