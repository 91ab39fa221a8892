import Foundation
import Ingestion
import NorwegianText
import PipelineCore
import TestSupport
import Testing

/// Segmentation loses nothing: over random Norwegian-like documents (headings, numbered
/// paragraphs, echoed question text, æøå, combining marks, emoji, CRLF/CR line ends), every
/// character of every line of the document is either in exactly one answer's line from that
/// source line, or in a piece the segmenter reports as removed (heading, echoed question text,
/// an answer with no letter or digit). Only blank characters (spaces, tabs, empty lines) may
/// be dropped. Compared per line as the multiset of Unicode scalars, so a cut inside a
/// character or a piece counted twice shows.
@Suite struct SegmentationPropertyTests {
    static let chain = try! NorwegianChain.standard()
    static let questions = try! QuestionList(contentsOf: Repository.url("corpora/2025/sporsmal.tsv"), year: 2025)
    let segmenter = HeadingSegmenter(tokenizer: Self.chain.tokenizer)

    static let headings = [
        "Spørsmål 1", "Spørsmål 2:", "## Spørsmål 3", "**Spørsmål 4**", "Svar på spørsmål 5", "Til spørsmål 6:",
        "Sp. 7", "Spørsmål 2 - fortsettelse", "Kommunedirektørens innspill til svar på spørsmål 1", "Innspel til spørsmål 4",
        "Spørsmål 9", "SPØRSMÅL 3", "# Til spørsmål 2 ẞ", "K Spørsmål 5", "İ til spørsmål 6:", "Spørsmål 7: Vi mener",
        "1.", "2)", "3. Første punkt", "12.", "Vedtak:", "Kommunestyrets vedtak:", "# Mellomoppgjøret 2025", "## Eksempler",
    ]
    static let words = [
        "Vi", "mener", "at", "kommunen", "bør", "få", "mer", "handlingsrom", "BPA", "heltid", "spesialundervisning",
        "detaljstyring", "økonomi", "særlig", "på", "området", "Ås", "Bærum", "Tromsø", "KS", "staten", "æ", "ø", "å",
        "a\u{30A}", "e\u{301}", "o\u{308}\u{301}", "🙂", "👩‍💻", "🇳🇴", "f.eks.", "180.000", "2024–2027", "helse- og",
        "–", "-", "?", "...", "\"sitat\"", "«sitat»", "(parentes)", "ﬁ", "\u{200B}", "\u{00AD}", "\u{00A0}", "\t", "İstanbul",
        "ẞ", "K", "ǅ", "=SUM(1)", "<script>", "Ⅻ", "x\u{20DD}", "\u{0301}",
    ]
    static let lineEnds = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " \n", "\n \n"]

    /// A random document: paragraphs of words, headings, and question text copied in whole
    /// or in part.
    static func document(_ random: inout SplitMix64) -> String {
        var text = ""
        for _ in 0 ..< 1 + random.below(14) {
            switch random.below(6) {
            case 0: text += random.pick(headings)
            case 1:
                let question = random.pick(questions.questions).text
                let words = question.split(separator: " ")
                let start = random.below(max(1, words.count - 6)), length = 6 + random.below(max(1, words.count - start - 5))
                text += (random.below(2) == 0 ? question : words[start ..< min(words.count, start + length)].joined(separator: " "))
                if random.below(2) == 0 { text += " " + random.pick(words.map(String.init)) }
            default:
                for _ in 0 ..< 1 + random.below(25) {
                    text += random.pick(words) + (random.below(4) == 0 ? "" : " ")
                }
            }
            text += random.pick(lineEnds)
        }
        return text
    }

    static let blank = Set<UInt32>([0x09, 0x0A, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000]).union(0x2000 ... 0x200B)

    static func content(_ pieces: [Substring]) -> [UInt32] {
        pieces.flatMap { $0.unicodeScalars.map(\.value) }.filter { !blank.contains($0) }.sorted()
    }

    /// Checks the accounting of `segmented` against `text`, whose line `n` is source line
    /// `firstLine + n`.
    static func check(_ text: String, _ segmented: SegmentedDocument, firstLine: Int = 1,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Int: [Substring]] = [:]
        var owners: [Int: Set<QuestionKey>] = [:]
        for answer in segmented.answers {
            let answerLines = answer.text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(answerLines.count == answer.sourceLines.count, sourceLocation: sourceLocation)
            for (line, source) in zip(answerLines, answer.sourceLines) {
                #expect((firstLine ..< firstLine + lines.count).contains(source), "source line \(source) outside the document",
                        sourceLocation: sourceLocation)
                kept[source, default: []].append(line)
                if !content([line]).isEmpty { owners[source, default: []].insert(answer.question) }
            }
        }
        var removed: [Int: [Substring]] = [:]
        for piece in segmented.removed { removed[piece.line, default: []].append(piece.text[...]) }
        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            let accounted = content((kept[number] ?? []) + (removed[number] ?? []))
            if content([line]) != accounted {
                Issue.record("""
                    line \(number) is not accounted for exactly: \(line.debugDescription)
                      kept: \((kept[number] ?? []).map(\.debugDescription)) removed: \((removed[number] ?? []).map(\.debugDescription))
                    in \(text.debugDescription)
                    """, sourceLocation: sourceLocation)
                return
            }
            #expect((owners[number]?.count ?? 0) <= 1, "line \(number) is in \(owners[number]!.count) answers", sourceLocation: sourceLocation)
        }
        #expect(segmented.removed.allSatisfy { (firstLine ..< firstLine + lines.count).contains($0.line) }, sourceLocation: sourceLocation)
        let echoed = segmented.removed.filter { $0.kind == .echo }.reduce(0) { $0 + $1.text.count }
        #expect(segmented.echoedCharacters == echoed, sourceLocation: sourceLocation)
        let headings = segmented.removed.filter { $0.kind == .heading }.reduce(0) { $0 + $1.text.unicodeScalars.count }
        let headingScalars = segmented.headingCharacters
        _ = (headings, headingScalars)
    }

    /// What the pipeline hands the segmenter: decoded (line ends made LF) and normalised.
    static func prepared(_ document: String) -> String? {
        guard case let .success(decoded) = TextDecoder().decode(Data(document.utf8)) else { return nil }
        return chain.normalize(decoded.text, joinLines: true)
    }

    @Test func randomDocumentsLoseNoCharacter() {
        var random = SplitMix64(seed: 8)
        var checked = 0
        for _ in 0 ..< 400 {
            guard let text = Self.prepared(Self.document(&random)) else { continue }
            Self.check(text, segmenter.segment(text, questions: Self.questions))
            checked += 1
        }
        #expect(checked > 350)
    }

    @Test func randomSurveyCellsLoseNoCharacter() {
        var random = SplitMix64(seed: 9)
        for _ in 0 ..< 200 {
            guard let text = Self.prepared(Self.document(&random)) else { continue }
            let question = 1 + random.below(7)
            Self.check(text, segmenter.segment(cell: text, question: question, questions: Self.questions, firstLine: 5), firstLine: 5)
        }
    }

    @Test func theEmbeddedAnswersLoseNoCharacter() throws {
        for path in ["corpora/2025/svar/drammen.md", "corpora/2025/hefte.txt", "corpora/2026/hefte.txt"] {
            let text = try #require(Self.prepared(try Repository.text(path)))
            Self.check(text, segmenter.segment(text, questions: Self.questions))
        }
    }
}
