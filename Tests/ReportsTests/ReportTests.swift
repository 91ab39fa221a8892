import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

    @Test func tidyCSVIsPlainRFC4180WithPointDecimals() {
        #expect(TidyCSVFormat.header(["år", "tema"]) == "år,tema\n")
        #expect(TidyCSVFormat.line(["2025", "a,b", "=1+1", "2.5"]) == "2025,\"a,b\",'=1+1,2.5\n")
    }

    @Test func numbersAreNorwegian() {
        #expect(NorwegianNumber.decimal(2.5) == "2,5")
        #expect(NorwegianNumber.decimal(2) == "2")
        #expect(NorwegianNumber.decimal(1.25, separator: ".") == "1.25")
        #expect(NorwegianNumber.decimal(0.05) == "0,05")
        #expect(NorwegianNumber.percentPoint(1, of: 3) == "33.3")
        #expect(NorwegianNumber.percentPoint(1, of: 0) == "null")
        #expect(NorwegianNumber.grouped(13048) == "13\u{00A0}048")
        #expect(NorwegianNumber.grouped(999) == "999")
        #expect(NorwegianNumber.grouped(1_234_567) == "1\u{00A0}234\u{00A0}567")
    }
}

@Suite struct EscapingTests {
    @Test func answerTextCannotBecomeMarkdown() {
        #expect(MarkdownText.escape("<script>alert(1)</script> | **x** [a](b)") ==
            "\\<script\\>alert(1)\\</script\\> \\| \\*\\*x\\*\\* \\[a\\](b)")
        #expect(MarkdownText.escape("linje\nto") == "linje to")
        #expect(MarkdownText.code("a|b`c\nd") == "a|b'c d")
        #expect(MarkdownText.code("a|b", inTable: true) == "a\\|b")
    }

    @Test func answerTextCannotBecomeHTML() {
        #expect(HTMLText.escape("<script>alert('x')</script> & \"y\"") ==
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;")
        #expect(HTMLText.escape("a\u{01}b\u{7F}c") == "abc")
    }

    @Test func jsonStringsEscapeControlCharacters() {
        #expect(JSONText.string("a\"b\\c\nd\u{01}\u{2028}") == "\"a\\\"b\\\\c\\nd\\u0001\\u2028\"")
    }

    @Test(arguments: [
        ("Nord-Fron", "nord-fron"), ("Ås", "as"), ("Bø i Telemark", "bo-i-telemark"), ("Guovdageaidnu", "guovdageaidnu"),
        ("../../etc/passwd", "etc-passwd"), ("..", "ukjent"), ("", "ukjent"), ("a/b\\c", "a-b-c"), ("Æøå Øy", "aeoa-oy"),
        ("Evje og Hornnes", "evje-og-hornnes"), ("Gáivuotna", "gaivuotna"),
    ])
    func fileNamesFromNamesStayInTheFolder(name: String, expected: String) {
        let slug = ReportFileName.slug(name)
        #expect(slug == expected)
        #expect(ReportWriter.isSafe("kommuner/3301-\(slug).md"))
    }

    @Test func unsafePathsAreRefused() {
        for path in ["../x", "a/../b", "/etc/passwd", ".skjult", "a//b", "a\\b", "a\u{0}b", ""] {
            #expect(!ReportWriter.isSafe(path), "\(path)")
        }
        #expect(ReportWriter.isSafe("2025/kommuner/3301-drammen.md"))
    }
}

@Suite struct ReportWritingTests {
    @Test func aBatchThatIsNotCommittedLeavesThePreviousReports() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("gammel", to: "2025/rapport.md")
        var batch = ReportBatch(root: folder.url)
        try batch.stage("ny", to: "2025/rapport.md")
        try batch.stage("ny", to: "2025/kommuner/3301-drammen.md")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("2025/rapport.md"), encoding: .utf8) == "gammel")
        batch.discard()
        #expect(try String(contentsOf: folder.url.appendingPathComponent("2025/rapport.md"), encoding: .utf8) == "gammel")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("2025").path)
        #expect(left.sorted() == ["kommuner", "rapport.md"])
    }

    @Test func aCommittedBatchReplacesEveryFileAndRemovesStalePages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("gammel", to: "2025/rapport.md")
        try folder.write("svarte i fjor", to: "2025/kommuner/3005-drammen.md")
        var batch = ReportBatch(root: folder.url)
        try batch.stage("ny", to: "2025/rapport.md")
        try batch.stage("side", to: "2025/kommuner/3301-drammen.md")
        let written = Set(batch.paths)
        try batch.commit()
        ReportBatch.removeStale(in: "2025/kommuner", root: folder.url, suffix: ".md", keeping: written)
        #expect(try String(contentsOf: folder.url.appendingPathComponent("2025/rapport.md"), encoding: .utf8) == "ny")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("2025/kommuner").path) == ["3301-drammen.md"])
    }

    @Test func aBatchRefusesPathsLeavingTheFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var batch = ReportBatch(root: folder.url)
        #expect(throws: ReportWriter.WriteError.self) { try batch.stage("x", to: "../utenfor.md") }
        #expect(throws: ReportWriter.WriteError.self) { try ReportWriter(folder: folder.url).write("x", to: "a/b.md") }
    }
}

@Suite struct QuoteTests {
    static func hit(_ text: String, _ word: String, occurrence: Int = 0) -> Range<Int> {
        var search = text.startIndex ..< text.endIndex
        var found = text.range(of: word, range: search)!
        for _ in 0 ..< occurrence {
            search = found.upperBound ..< text.endIndex
            found = text.range(of: word, range: search)!
        }
        let start = text.utf8.distance(from: text.startIndex, to: found.lowerBound)
        return start ..< start + word.utf8.count
    }

    static func quotes(_ text: String, _ words: [String]) -> [Quote] {
        SentenceContext.quotes(text: text, matches: words.map { (hit(text, $0), $0.lowercased()) }) { _, fragments, terms, _ in
            Quote(path: "a.md", respondent: RespondentLabel(number: "", name: "a.md", county: ""), question: .number(1), line: 1,
                  fragments: fragments, terms: terms)
        }
    }

    @Test func aQuoteIsTheSentenceWithEveryMatchInItMarked() {
        let text = "## Overskrift\n- Vi trenger heltid. Mer BPA og heltid nå! Slutt.\nNeste linje."
        let found = Self.quotes(text, ["BPA", "nå"])
        #expect(found.count == 1)
        #expect(found[0].marked("[", "]") == "Mer [BPA] og heltid [nå]!")
        #expect(found[0].terms == ["bpa", "nå"])
    }

    @Test func sentencesSplitOnlyBeforeCapitals() {
        let text = "Det gjelder f.eks. tilsyn og ca. 30 veiledere. Neste setning om BPA."
        #expect(Self.quotes(text, ["tilsyn"])[0].text == "Det gjelder f.eks. tilsyn og ca. 30 veiledere.")
        #expect(Self.quotes(text, ["BPA"])[0].text == "Neste setning om BPA.")
        #expect(Self.quotes("**Tiltak for heltid:**", ["heltid"])[0].text == "Tiltak for heltid:")
    }

    @Test func longSentencesAreShortenedAroundTheMatch() {
        let long = String(repeating: "ord ", count: 100) + "BPA " + String(repeating: "mer ", count: 100)
        let quote = Self.quotes(long, ["BPA"])[0]
        #expect(quote.text.count < 2 * SentenceContext.contextLimit + 10)
        #expect(quote.text.hasPrefix("…") && quote.text.hasSuffix("…"))
        #expect(quote.marked("[", "]").contains("[BPA]"))
    }

    @Test func concordanceFindsWholeWordsPrefixesAndPhrases() throws {
        let document = YearReportTests.results.documents[0]
        let exact = try #require(Concordance(term: "heltid")).search(document, year: 2025)
        #expect(exact.map { $0.quote.marked("[", "]") } == ["Mer [heltid] og BPA."])
        #expect(exact.first?.themes == ["heltid"])
        #expect(try #require(Concordance(term: "helt")).search(document, year: 2025).isEmpty)
        #expect(try #require(Concordance(term: "helt*")).search(document, year: 2025).count == 1)
        #expect(try #require(Concordance(term: "*tid")).search(document, year: 2025).count == 1)
        #expect(try #require(Concordance(term: "og bpa")).search(document, year: 2025).map { $0.quote.marked("[", "]") } == ["Mer heltid [og BPA]."])
        #expect(try #require(Concordance(term: "heltid", theme: "bpa")).search(document, year: 2025).isEmpty)
        #expect(try #require(Concordance(term: "", theme: "bpa")).search(document, year: 2025).map { $0.quote.marked("[", "]") } == ["Mer heltid og [BPA]."])
        #expect(Concordance(term: "  ") == nil)
    }

    @Test func terminalLinesCannotCarryControlCharacters() throws {
        let text = "Mer BPA\u{1B}[2J nå."
        let document = ProcessedDocument(
            entry: ManifestEntry(path: "a\u{1B}.md", format: "md", year: 2025,
                                 respondent: Respondent(number: "3301", name: "Drammen", county: "Buskerud"), status: .ok),
            answers: [ClassifiedAnswer(answer: Answer(question: .number(4), text: text, sourceLines: [7]), themes: [])])
        let concordance = try #require(Concordance(term: "bpa"))
        let line = try #require(concordance.search(document, year: 2025).first)
        #expect(line.terminalText(color: false) == "2025 · Drammen (3301), Buskerud · spørsmål 4 · a.md:7 · tema: –\n    Mer **BPA**[2J nå.\n")
        #expect(line.terminalText(color: true).contains("\u{1B}[1;33mBPA\u{1B}[0m"))
        #expect(line.terminalText(color: true).components(separatedBy: "\u{1B}").count == 3)
    }
}

/// Reports for a small, hand-made year: municipalities in two counties, a county council, an
/// unknown sender, a skipped file; an answer with HTML and a formula in it.
@Suite struct YearReportTests {
    static func answer(_ question: QuestionKey, _ text: String, themes: [(String, String)]) -> ClassifiedAnswer {
        let scores = Dictionary(grouping: themes, by: \.0).sorted { $0.key < $1.key }.map { id, pairs -> ThemeScore in
            let hits = pairs.map { _, word -> ThemeHit in
                let start = text.utf8.distance(from: text.startIndex, to: text.range(of: word)!.lowerBound)
                return ThemeHit(term: word.lowercased(), matched: word, byteRange: start ..< start + word.utf8.count)
            }
            return ThemeScore(themeID: id, score: Double(hits.count) + 0.5, hits: hits)
        }
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        return ClassifiedAnswer(answer: Answer(question: question, text: text, sourceLines: Array(3 ..< 3 + lineCount)),
                                themes: scores)
    }

    static let register = RegisterFacts(
        structureYear: 2024,
        municipalities: [RegisterUnit(number: "3301", name: "Drammen", countyNumber: "33", county: "Buskerud"),
                         RegisterUnit(number: "3303", name: "Kongsberg", countyNumber: "33", county: "Buskerud"),
                         RegisterUnit(number: "3201", name: "Bærum", countyNumber: "32", county: "Akershus"),
                         RegisterUnit(number: "3203", name: "Asker", countyNumber: "32", county: "Akershus")],
        counties: [RegisterUnit(number: "32", name: "Akershus", countyNumber: "32", county: "Akershus"),
                   RegisterUnit(number: "33", name: "Buskerud", countyNumber: "33", county: "Buskerud")])

    static let results = YearResults(
        year: 2025,
        questions: [QuestionLabel(number: 1, part: "Del", text: "Hva?"),
                    QuestionLabel(number: 2, part: "Arbeidstid", text: "Hvordan få flere i heltid?", themes: ["heltid"])],
        themes: [ThemeLabel(id: "bpa", name: "BPA"), ThemeLabel(id: "heltid", name: "Heltid")],
        documents: [
            ProcessedDocument(
                entry: ManifestEntry(path: "2025/svar/a.md", format: "md", encoding: "UTF-8", year: 2025,
                                     respondent: Respondent(number: "3301", name: "Drammen", county: "Buskerud"), status: .ok,
                                     answersPerQuestion: [.number(1): 1, .general: 1], charactersKept: 40, charactersRemoved: 20),
                answers: [answer(.number(1), "Mer heltid og BPA.", themes: [("bpa", "BPA"), ("heltid", "heltid")]),
                          answer(.general, "Innledning.", themes: [])]),
            ProcessedDocument(
                entry: ManifestEntry(path: "2025/svar/b.md", format: "md", encoding: "UTF-8 med BOM", year: 2025,
                                     respondent: Respondent(number: "3201", name: "Bærum", county: "Akershus"), status: .ok,
                                     answersPerQuestion: [.number(1): 1], charactersKept: 10),
                answers: [answer(.number(1), "=Heltid først", themes: [("heltid", "Heltid")])]),
            ProcessedDocument(entry: ManifestEntry(path: "2025/svar/c.pdf", format: "pdf", year: 2025, status: .skipped,
                                                   reason: "formatet .pdf støttes ikke")),
            ProcessedDocument(
                entry: ManifestEntry(path: "2025/svar/d.md", format: "md", encoding: "UTF-8", year: 2025,
                                     respondent: Respondent(number: "33", name: "Buskerud fylkeskommune", county: "Buskerud"), status: .ok,
                                     answersPerQuestion: [.number(2): 1], charactersKept: 60),
                answers: [answer(.number(2), "Heltid <script>alert(1)</script> er viktig. Også BPA & mer.\n## Heltid igjen",
                                 themes: [("heltid", "Heltid"), ("bpa", "BPA")])]),
            ProcessedDocument(
                entry: ManifestEntry(path: "2025/svar/e <b>.txt", format: "txt", encoding: "Windows-1252", year: 2025, status: .ok,
                                     answersPerQuestion: [.number(1): 1], charactersKept: 20, repairs: 2,
                                     findings: [Finding(.warning, stage: "kommune", "fant ikke kommunen"),
                                                Finding(.info, stage: "ocr", "3 endringer (vaere → være, for → før, …)")]),
                answers: [answer(.number(1), "Vi vil ha heltid.", themes: [("heltid", "heltid")])]),
        ])

    static let report = results.report(register: register)

    static let corpus = CorpusReport(
        themes: results.themes,
        years: [YearResults(year: 2022, questions: [QuestionLabel(number: 1, part: "Del", text: "Heltid?", themes: ["heltid"])],
                            themes: results.themes, documents: []).report(register: register).summary,
                report.summary],
        entries: results.documents.map(\.entry))

    @Test func frequenciesCountAnswersAndRespondents() {
        let rows = Self.report.themeFrequencies()
        #expect(rows.count == 6) // (2 questions + generelt) × 2 themes
        let heltid1 = rows.first { $0.question == .number(1) && $0.theme.id == "heltid" }
        #expect(heltid1?.respondentsWithTheme == 3)
        #expect(heltid1?.respondentsTotal == 3)
        #expect(heltid1?.asked == false)
        let bpa1 = rows.first { $0.question == .number(1) && $0.theme.id == "bpa" }
        #expect(bpa1?.respondentsWithTheme == 1)
        let heltid2 = rows.first { $0.question == .number(2) && $0.theme.id == "heltid" }
        #expect(heltid2?.respondentsTotal == 1)
        #expect(heltid2?.asked == true)
        let general = rows.first { $0.question == .general }
        #expect(general?.respondentsTotal == 1)
    }

    @Test func coverageIsMeasuredAgainstTheRegister() {
        let coverage = Self.report.coverage()
        #expect(coverage.municipalitiesAnswered == 2)
        #expect(coverage.municipalitiesInRegister == 4)
        #expect(coverage.countiesAnswered == 1)
        #expect(coverage.unknownAnswered == 1)
        #expect(coverage.missing.map(\.name) == ["Asker", "Kongsberg"])
        #expect(coverage.missingCounties.map(\.name) == ["Akershus"])
        let buskerud = coverage.counties.first { $0.number == "33" }
        #expect(buskerud?.answered == 1)
        #expect(buskerud?.respondents == 2)
        #expect(buskerud?.countyAnswered == true)
        #expect(coverage.counties.last?.name == "Ukjent fylke")
        #expect(Self.report.countyCount("33", theme: "bpa", coverage: coverage) == 2)
        #expect(Self.report.countyCount("32", theme: "bpa", coverage: coverage) == 0)
    }

    @Test func respondentsKnowTheQuestionsOfEachTheme() {
        let drammen = Self.report.respondent("3301")
        #expect(drammen?.themes["heltid"] == [.number(1)])
        #expect(drammen?.questions == [.number(1), .general])
        #expect(Self.report.answering.map(\.label.name) == ["Bærum", "Drammen", "Buskerud fylkeskommune", "2025/svar/e <b>.txt"])
    }

    @Test func quotesAreBoundedPerCellAndPerRespondent() {
        let text = (1 ... 10).map { "Setning \($0) om BPA." }.joined(separator: " ")
        let scores = [ThemeScore(themeID: "bpa", score: 10, hits: (0 ..< 10).map { index in
            let range = QuoteTests.hit(text, "BPA", occurrence: index)
            return ThemeHit(term: "bpa", matched: "BPA", byteRange: range)
        })]
        var aggregator = YearAggregator(year: 2025, questions: Self.results.questions, themes: Self.results.themes)
        for index in 0 ..< 6 {
            aggregator.add(ProcessedDocument(
                entry: ManifestEntry(path: "\(index).md", format: "md", year: 2025,
                                     respondent: Respondent(number: "33\(index)0", name: "K\(index)", county: "X"), status: .ok),
                answers: [ClassifiedAnswer(answer: Answer(question: .number(1), text: text, sourceLines: [1]), themes: scores)]))
        }
        let report = aggregator.finish()
        let cell = report.quotes["bpa"]?[.number(1)]
        #expect(cell?.total == 60)
        #expect(cell?.quotes.count == QuoteLimits.standard.perCell)
        #expect(cell?.quotes.map(\.respondent.name) == ["K0", "K0", "K1", "K1", "K2"])
        #expect(report.respondent("3300")?.quotes["bpa"]?.count == QuoteLimits.standard.perRespondentPage)
        #expect(report.evidence["bpa"]?.count == 60)
    }

    @Test func dataQualityCountsRepairsAndFindings() {
        let quality = DataQuality(entries: Self.report.entries)
        #expect(quality.count(.ok) == 4)
        #expect(quality.count(.skipped) == 1)
        #expect(quality.repairedWords == 2)
        #expect(quality.charactersRemoved == 20)
        let ocr = quality.findings.first { $0.stage == "ocr" }
        #expect(ocr?.count == 3)
        #expect(ocr?.files == 1)
        #expect(quality.byEncoding.first?.encoding == "UTF-8")
    }

    static let corpusFiles = ["trend.csv", "alle-aar-rapport.md", "alle-aar-rapport.json", "alle-aar-rapport.html"]
    static let yearFiles = ["tema-per-sporsmal.csv", "tema-per-sporsmal.md", "tema-per-fylke.csv", "tema-per-kommune.csv",
                            "dekning.csv", "tidy.csv", "termer.csv", "evidens.csv", "manifest.csv", "manifest.json", "rapport.md",
                            "rapport.json", "rapport.html", "kommune-3301-drammen.md"]

    static func render(_ name: String) -> String {
        let report = Self.report
        return switch name {
        case "tema-per-sporsmal.csv": YearReportRenderer.themePerQuestionCSV(report)
        case "tema-per-sporsmal.md": YearReportRenderer.themePerQuestionMarkdown(report)
        case "tema-per-fylke.csv": YearReportRenderer.themePerCountyCSV(report)
        case "tema-per-kommune.csv": YearReportRenderer.themePerRespondentCSV(report)
        case "dekning.csv": YearReportRenderer.coverageCSV(report)
        case "tidy.csv": YearReportRenderer.tidyCSV(report)
        case "termer.csv": YearReportRenderer.termsCSV(report)
        case "evidens.csv": YearReportRenderer.evidenceCSV(report)
        case "manifest.json": YearReportRenderer.manifestJSON(report.entries)
        case "manifest.csv": YearReportRenderer.manifestCSV(report.entries)
        case "rapport.md": YearReportRenderer.summaryMarkdown(report, pages: YearReportRenderer.respondentPages(report))
        case "rapport.json": YearReportRenderer.reportJSON(report)
        case "rapport.html": HTMLReportRenderer.yearHTML(report)
        case "kommune-3301-drammen.md": YearReportRenderer.respondentMarkdown(report, report.respondent("3301")!)
        case "trend.csv": CorpusReportRenderer.trendCSV(Self.corpus)
        case "alle-aar-rapport.md": CorpusReportRenderer.summaryMarkdown(Self.corpus)
        case "alle-aar-rapport.json": CorpusReportRenderer.reportJSON(Self.corpus)
        case "alle-aar-rapport.html": HTMLReportRenderer.corpusHTML(Self.corpus)
        default: ""
        }
    }

    @Test(arguments: yearFiles + corpusFiles)
    func matchesSnapshot(name: String) throws {
        try Snapshot.assert(Self.render(name), matches: "Tests/ReportsTests/Snapshots/\(name)")
    }

    @Test func sameInputSameBytes() {
        for name in Self.yearFiles + Self.corpusFiles {
            #expect(Self.render(name) == Self.render(name), "\(name)")
        }
        #expect(Self.results.report(register: Self.register).summary == Self.report.summary)
    }

    @Test func pagesAreNamedFromNumberAndNameOnly() {
        let pages = YearReportRenderer.respondentPages(Self.report)
        #expect(pages["3301"] == "kommuner/3301-drammen.md")
        #expect(pages["33"] == "kommuner/33-buskerud-fylkeskommune.md")
        #expect(pages["fil:2025/svar/e <b>.txt"] == "kommuner/ukjent-2025-svar-e-b-txt.md")
        #expect(pages.values.allSatisfy { ReportWriter.isSafe($0) })
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

    @Test func reportJSONParsesAndCarriesItsSchema() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(YearReportRenderer.reportJSON(Self.report).utf8)) as? [String: Any])
        #expect(json["skjema"] as? String == "debattsvar-rapport")
        #expect(json["versjon"] as? Int == 1)
        #expect(json["år"] as? Int == 2025)
        let coverage = try #require(json["dekning"] as? [String: Any])
        #expect(coverage["kommuner_som_svarte"] as? Int == 2)
        #expect(coverage["svarprosent_kommuner"] as? Double == 50.0)
        let quotes = try #require(json["sitater"] as? [[String: Any]])
        let fragments = try #require((quotes.first?["utvalg"] as? [[String: Any]])?.first?["tekst"] as? [[String: Any]])
        #expect(fragments.contains { $0["treff"] as? Bool == true })
        let all = try #require(try JSONSerialization.jsonObject(with: Data(CorpusReportRenderer.reportJSON(Self.corpus).utf8)) as? [String: Any])
        #expect(all["versjon"] as? Int == 1)
        #expect((all["trend"] as? [Any])?.count == 2)
    }

    /// Every key the JSON reports write, except keys that are data (theme ids, formats, encodings).
    static func keys(_ value: Any, into keys: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                keys.insert(key)
                if ["termer", "temaer", "treff", "filer_etter_format", "tegnkodinger"].contains(key), child is [String: Any] { continue }
                Self.keys(child, into: &keys)
            }
        } else if let array = value as? [Any] {
            for child in array { Self.keys(child, into: &keys) }
        }
    }

    @Test func everyJSONKeyIsDocumented() throws {
        let documentation = try Repository.text("docs/rapport-schema.md")
        var keys = Set<String>()
        Self.keys(try JSONSerialization.jsonObject(with: Data(YearReportRenderer.reportJSON(Self.report).utf8)), into: &keys)
        Self.keys(try JSONSerialization.jsonObject(with: Data(CorpusReportRenderer.reportJSON(Self.corpus).utf8)), into: &keys)
        for key in keys.sorted() {
            #expect(documentation.contains("\"\(key)\""), "rapport.json key «\(key)» is not in docs/rapport-schema.md")
        }
    }

    @Test func formulaInAnswerIsNeutralisedInEvidence() {
        #expect(YearReportRenderer.evidenceCSV(Self.report).contains(";'=Heltid først\r\n"))
    }

    @Test func trendFollowsThemesOfSeveralBooklets() {
        #expect(Self.corpus.trendThemes.map(\.id) == ["heltid"])
        #expect(Self.corpus.booklets("heltid") == [2022, 2025])
    }
}

/// The HTML reports without a browser: well-formed, self-contained, every theme present,
/// everything from the input escaped.
@Suite struct HTMLStructureTests {
    /// Parses the page as XML and collects element names and attributes.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var attributes: [(element: String, name: String, value: String)] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            elements.append(name)
            for (key, value) in attributes { self.attributes.append((name, key, value)) }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func parse(_ html: String) throws -> Collector {
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        #expect(ok, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        return collector
    }

    static let pages = [("år", HTMLReportRenderer.yearHTML(YearReportTests.report)),
                        ("alle år", HTMLReportRenderer.corpusHTML(YearReportTests.corpus))]

    @Test(arguments: [0, 1])
    func isWellFormedAndSelfContained(page: Int) throws {
        let (name, html) = Self.pages[page]
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nb\">"), "\(name)")
        let parsed = try Self.parse(html)
        #expect(parsed.elements.filter { $0 == "script" }.count == 1)
        #expect(parsed.elements.filter { $0 == "svg" }.count >= 1)
        for forbidden in ["http:", "https:", "ftp:", "@import", "src=", "url(\"", "url('"] {
            #expect(!html.contains(forbidden), "\(name) contains \(forbidden)")
        }
        // url() only for a gradient defined on the page itself.
        #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") }, "\(name)")
        for attribute in parsed.attributes where ["src", "href", "action", "data", "srcset", "xlink:href"].contains(attribute.name) {
            #expect(!attribute.value.contains(":") && !attribute.value.hasPrefix("//"), "\(name): \(attribute.element) \(attribute.name)=\(attribute.value)")
        }
        #expect(!parsed.elements.contains { ["img", "link", "iframe", "object", "embed", "audio", "video", "source"].contains($0) })
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func everyThemeAndQuestionIsInTheYearPage() throws {
        let html = Self.pages[0].1
        let parsed = try Self.parse(html)
        for theme in YearReportTests.results.themes {
            #expect(parsed.attributes.contains { $0.name == "data-tema" && $0.value == theme.id }, "\(theme.id)")
            #expect(html.contains(">\(theme.name)</text>"), "\(theme.name) not in the heat map")
        }
        for id in ["sammendrag", "tema-per-sporsmal", "temaer", "tema-per-fylke", "tema-per-kommune", "dekning", "sitater", "datakvalitet"] {
            #expect(parsed.attributes.contains { $0.name == "id" && $0.value == id }, "\(id)")
        }
        #expect(parsed.text.contains("Sp. 2"))
    }

    @Test func answerTextStaysText() throws {
        let html = Self.pages[0].1
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<code>2025/svar/e &lt;b&gt;.txt"))
        #expect(html.contains("<mark>BPA</mark>"))
        let parsed = try Self.parse(html)
        #expect(!parsed.elements.contains("b"))
    }
}

/// A run writes evidence rows to a spool as documents come instead of keeping them: the files
/// must be the bytes an aggregator that keeps every row renders.
@Suite struct EvidenceSpoolTests {
    /// Six respondents with ten matches each in one question, and the report fixture's documents.
    static var documents: [ProcessedDocument] {
        let text = (1 ... 10).map { "Setning \($0) om BPA; \"sitert\"\nlinje." }.joined(separator: " ")
        let scores = [ThemeScore(themeID: "bpa", score: 10, hits: (0 ..< 10).map { index in
            ThemeHit(term: "bpa", matched: "BPA", byteRange: QuoteTests.hit(text, "BPA", occurrence: index))
        })]
        let many = (0 ..< 6).map { index in
            ProcessedDocument(
                entry: ManifestEntry(path: "2025/svar/\(index).md", format: "md", year: 2025,
                                     respondent: Respondent(number: "33\(index)0", name: "K\(index)", county: "X"), status: .ok),
                answers: [ClassifiedAnswer(answer: Answer(question: .number(1), text: text, sourceLines: [1]), themes: scores)])
        }
        return YearReportTests.results.documents + many
    }

    @Test func spooledEvidenceIsTheSameFileAsEvidenceKeptInMemory() throws {
        let results = YearReportTests.results
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spool-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spool = try EvidenceSpool(folder: folder.appendingPathComponent("spool"), themes: results.themes)
        var streamed = YearAggregator(year: 2025, questions: results.questions, themes: results.themes, evidence: spool)
        var kept = YearAggregator(year: 2025, questions: results.questions, themes: results.themes)
        for document in Self.documents {
            streamed.add(YearAggregator.contribution(of: document, year: 2025, allEvidence: false))
            kept.add(document)
        }
        let (spooled, full) = (streamed.finish(), kept.finish())
        let target = folder.appendingPathComponent("evidens.csv")
        try spool.write(to: target)
        // Compared as bytes: decoding would drop the byte order mark.
        let bytes = try Data(contentsOf: target)
        #expect(bytes == Data(YearReportRenderer.evidenceCSV(full).utf8))
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(full.evidence["bpa"]?.count ?? 0 > 60)
        #expect(written.components(separatedBy: "\r\n").count == 2 + full.evidence.values.map(\.count).reduce(0, +))
        #expect(!spooled.evidenceIsComplete && full.evidenceIsComplete)
        #expect(spooled.evidence["bpa"]?.count ?? 0 < full.evidence["bpa"]?.count ?? 0)
        // The Markdown report shows the first rows of each question and counts the rest from all.
        #expect(YearReportRenderer.themePerQuestionMarkdown(spooled) == YearReportRenderer.themePerQuestionMarkdown(full))
        #expect(YearReportRenderer.themePerQuestionMarkdown(full).contains("treff til i `evidens.csv`"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("spool").path))
        // Quotes too are the same though a contribution makes only those that can be kept.
        #expect(spooled.quotes == full.quotes)
        #expect(spooled.respondents == full.respondents)
    }
}
