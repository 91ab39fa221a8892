import Foundation
import PipelineCore
import Reports
import TestSupport
import Testing

@Suite struct CSVFormatTests {
    @Test(arguments: [
        ("tekst", "tekst"),
        ("a;b", "\"a;b\""),
        ("si \"hei\"", "\"si \"\"hei\"\"\""),
        ("to\nlinjer", "\"to\nlinjer\""),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+47 123", "'+47 123"),
        ("@cmd", "'@cmd"),
        ("-3", "-3"),
        ("-2,5", "\"-2,5\""),
        ("- punkt", "'- punkt"),
        ("æøå", "æøå"),
    ])
    func cell(value: String, expected: String) {
        #expect(CSVFormat.cell(value) == expected)
    }

    @Test func renderStartsWithByteOrderMarkAndUsesCRLF() {
        let csv = CSVFormat.render(header: ["a", "b"], rows: [["1", "2"]])
        #expect(csv == "\u{FEFF}a;b\r\n1;2\r\n")
    }

    @Test(arguments: [(1, 3, "33,3"), (2, 3, "66,7"), (1, 1, "100,0"), (0, 5, "0,0"), (1, 0, "")])
    func percent(part: Int, whole: Int, expected: String) {
        #expect(CSVFormat.percent(part, of: whole) == expected)
    }
}

@Suite struct MarkdownTextTests {
    @Test func answerTextCannotBecomeMarkup() {
        #expect(MarkdownText.escape("<script>alert(1)</script> | **x** [a](b)") ==
            "\\<script\\>alert(1)\\</script\\> \\| \\*\\*x\\*\\* \\[a\\](b)")
        #expect(MarkdownText.escape("linje\nto") == "linje to")
    }
}

/// Reports for a small, hand-made year: two municipalities, one question each way.
@Suite struct YearReportTests {
    static func answer(_ question: QuestionKey, _ text: String, themes: [(String, String)]) -> ClassifiedAnswer {
        let scores = themes.map { id, word -> ThemeScore in
            let start = text.utf8.distance(from: text.startIndex, to: text.range(of: word)!.lowerBound)
            let hit = ThemeHit(term: word.lowercased(), matched: word, byteRange: start ..< start + word.utf8.count)
            return ThemeScore(themeID: id, score: 1, hits: [hit])
        }
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        return ClassifiedAnswer(answer: Answer(question: question, text: text, sourceLines: Array(repeating: 3, count: lineCount)),
                                themes: scores)
    }

    static let results = YearResults(
        year: 2025,
        questions: [QuestionLabel(number: 1, part: "Del", text: "Hva?"), QuestionLabel(number: 2, part: "Del", text: "Hvorfor?")],
        themes: [ThemeLabel(id: "bpa", name: "BPA"), ThemeLabel(id: "heltid", name: "Heltid")],
        documents: [
            ProcessedDocument(
                entry: ManifestEntry(path: "2025/svar/a.md", format: "md", encoding: "UTF-8", year: 2025,
                                     respondent: Respondent(number: "3005", name: "Drammen", county: "Viken"), status: .ok,
                                     answersPerQuestion: [.number(1): 1, .general: 1], charactersKept: 40),
                answers: [answer(.number(1), "Mer heltid og BPA.", themes: [("bpa", "BPA"), ("heltid", "heltid")]),
                          answer(.general, "Innledning.", themes: [])]),
            ProcessedDocument(
                entry: ManifestEntry(path: "2025/svar/b.md", format: "md", encoding: "UTF-8", year: 2025,
                                     respondent: Respondent(number: "3021", name: "Ås", county: "Viken"), status: .ok,
                                     answersPerQuestion: [.number(1): 1], charactersKept: 10),
                answers: [answer(.number(1), "=Heltid først", themes: [("heltid", "Heltid")])]),
            ProcessedDocument(entry: ManifestEntry(path: "2025/svar/c.pdf", format: "pdf", year: 2025, status: .skipped,
                                                   reason: "formatet .pdf støttes ikke")),
        ])

    @Test func frequenciesCountAnswersAndRespondents() {
        let rows = Self.results.themeFrequencies()
        #expect(rows.count == 6) // (2 questions + generelt) × 2 themes
        let heltid1 = rows.first { $0.question == .number(1) && $0.theme.id == "heltid" }
        #expect(heltid1?.respondentsWithTheme == 2)
        #expect(heltid1?.respondentsTotal == 2)
        let bpa1 = rows.first { $0.question == .number(1) && $0.theme.id == "bpa" }
        #expect(bpa1?.respondentsWithTheme == 1)
        let q2 = rows.first { $0.question == .number(2) }
        #expect(q2?.answersTotal == 0)
        let general = rows.first { $0.question == .general }
        #expect(general?.respondentsTotal == 1)
    }

    @Test(arguments: ["tema-per-sporsmal.csv", "tema-per-sporsmal.md", "evidens.csv", "manifest.csv", "manifest.json"])
    func matchesSnapshot(name: String) throws {
        let rendered = switch name {
        case "tema-per-sporsmal.csv": YearReportRenderer.themePerQuestionCSV(Self.results)
        case "tema-per-sporsmal.md": YearReportRenderer.themePerQuestionMarkdown(Self.results)
        case "evidens.csv": YearReportRenderer.evidenceCSV(Self.results)
        case "manifest.json": YearReportRenderer.manifestJSON(Self.results.documents.map(\.entry))
        default: YearReportRenderer.manifestCSV(Self.results.documents.map(\.entry))
        }
        try Snapshot.assert(rendered, matches: "Tests/ReportsTests/Snapshots/\(name)")
    }

    @Test func manifestJSONParsesAndEscapes() throws {
        let entry = ManifestEntry(path: "2025/svar/a \"b\".csv#rad 2", format: "csv", encoding: "Windows-1252", year: 2025,
                                  status: .skipped, reason: "linje\nto\u{01}", findings: [Finding(.warning, stage: "kommune", "Ås", line: 3)])
        let json = YearReportRenderer.manifestJSON([entry])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(parsed.first?["fil"] as? String == "2025/svar/a \"b\".csv#rad 2")
        #expect(parsed.first?["årsak"] as? String == "linje\nto\u{01}")
        #expect(parsed.first?["kommune"] is NSNull)
        #expect((parsed.first?["merknader"] as? [[String: Any]])?.first?["linje"] as? Int == 3)
    }

    @Test func formulaInAnswerIsNeutralisedInEvidence() {
        #expect(YearReportRenderer.evidenceCSV(Self.results).contains(";'=Heltid først\r\n"))
    }
}
