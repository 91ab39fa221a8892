import Foundation
import Ingestion
import NorwegianText
import PipelineCore
import Themes

/// Takes arbitrary bytes through decode → normalise → tokenise → segment → classify and checks
/// the invariants every stage promises, trapping when one breaks. Used by the fuzzing target
/// (`make fuzz`) and by the tests that replay its findings.
public struct RobustnessProbe: Sendable {
    let analyzer: TextAnalyzer
    let segmenter: HeadingSegmenter
    let decoder = TextDecoder()
    let questions: QuestionList
    /// Also check the survey-table reader.
    let tables = true

    public init(analyzer: TextAnalyzer) {
        self.analyzer = analyzer
        segmenter = HeadingSegmenter(tokenizer: analyzer.chain.tokenizer)
        questions = QuestionList(year: 2025, questions: [
            Question(number: 1, part: "Forventningsgapet", text: "Hvordan kan dere som folkevalgte redusere og håndtere forventningsgapet?"),
            Question(number: 2, part: "Forventningsgapet", text: "Hvordan kan KS bistå i dette arbeidet i den enkelte kommune og fylkeskommune?"),
            Question(number: 3, part: "Mellomoppgjøret 2025", text: "Hva bør KS prioritere i utviklingen av avtaleverket?"),
        ])
    }

    /// The standard analyser with the bundled themes.
    public static func standard() throws -> RobustnessProbe {
        RobustnessProbe(analyzer: try TextAnalyzer.make())
    }

    /// Runs every stage on `bytes`; traps with a message naming the broken invariant.
    public func check(_ bytes: Data) {
        guard case let .success(decoded) = decoder.decode(bytes) else { return }
        let text = decoded.text
        require(!text.utf8.contains(0x0D), "decoded text kept a carriage return")

        let lineCount = text.utf8.count(where: { $0 == 0x0A })
        let normalized = analyzer.chain.normalize(text)
        require(normalized.utf8.count(where: { $0 == 0x0A }) == lineCount, "normalize changed the number of lines")
        require(analyzer.chain.normalize(normalized) == normalized, "normalize is not idempotent")
        let joined = analyzer.chain.normalize(text, joinLines: true)
        require(joined.utf8.count(where: { $0 == 0x0A }) == lineCount, "joining lines changed the number of lines")

        let tokens = analyzer.chain.tokenizer.tokenize(joined)
        let size = joined.utf8.count
        var previousEnd = 0
        for index in 0 ..< tokens.count {
            let range = tokens.range(at: index)
            require(range.lowerBound >= previousEnd && range.upperBound <= size && !range.isEmpty, "token \(index) out of order or bounds")
            previousEnd = range.upperBound
        }

        let segmented = segmenter.segment(joined, questions: questions)
        requireEveryCharacterAccounted(joined, segmented)
        for answer in segmented.answers {
            require(answer.text.split(separator: "\n", omittingEmptySubsequences: false).count == answer.sourceLines.count,
                    "an answer's lines and source lines differ in number")
            require(answer.sourceLines.allSatisfy { $0 >= 1 && $0 <= lineCount + 1 }, "a source line is out of the document")
            for score in analyzer.classifyNormalized(answer.text) {
                for hit in score.hits {
                    require(hit.byteRange.lowerBound >= 0 && hit.byteRange.upperBound <= answer.text.utf8.count,
                            "a hit lies outside its answer")
                }
            }
        }
        if tables, let table = SurveyTable(text: text) {
            require(table.rows.allSatisfy { $0.cells.count == $0.lines.count }, "a table row's cells and lines differ in number")
        }
    }

    /// Every non-blank character of each line is in an answer's line from it or in a removed
    /// piece of it, compared as sorted Unicode scalars; a line holds text of one answer at most.
    private func requireEveryCharacterAccounted(_ text: String, _ segmented: SegmentedDocument) {
        func content(_ pieces: [Substring]) -> [UInt32] {
            pieces.flatMap { $0.unicodeScalars.map(\.value) }.filter { !Self.blank.contains($0) }.sorted()
        }
        var pieces: [Int: [Substring]] = [:]
        var owners: [Int: Set<QuestionKey>] = [:]
        for answer in segmented.answers {
            for (line, source) in zip(answer.text.split(separator: "\n", omittingEmptySubsequences: false), answer.sourceLines) {
                pieces[source, default: []].append(line)
                if !content([line]).isEmpty { owners[source, default: []].insert(answer.question) }
            }
        }
        for piece in segmented.removed { pieces[piece.line, default: []].append(piece.text[...]) }
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            require(content([line]) == content(pieces[offset + 1] ?? []), "line \(offset + 1) is not accounted for by answers and removed text")
            require((owners[offset + 1]?.count ?? 0) <= 1, "line \(offset + 1) is in more than one answer")
        }
    }

    /// Characters segmentation may drop: spaces, tabs, line ends.
    static let blank = Set<UInt32>([0x09, 0x0A, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000]).union(0x2000 ... 0x200B)

    private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("robustness: \(message())") }
    }
}
