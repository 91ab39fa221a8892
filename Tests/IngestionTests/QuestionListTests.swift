import Foundation
import Ingestion
import TestSupport
import Testing

@Suite struct QuestionListTests {
    @Test(arguments: [(2021, 6), (2022, 6), (2025, 7), (2026, 3)])
    func embeddedListsParse(year: Int, count: Int) throws {
        let list = try QuestionList(contentsOf: Repository.url("corpora/\(year)/sporsmal.tsv"), year: year)
        #expect(list.questions.map(\.number) == Array(1 ... count))
        for question in list.questions {
            #expect(question.text.hasSuffix("?") || question.text.hasSuffix("."))
            #expect(!question.part.isEmpty)
        }
    }

    @Test func the2026ListIsRepairedText() throws {
        let list = try QuestionList(contentsOf: Repository.url("corpora/2026/sporsmal.tsv"), year: 2026)
        #expect(list.question(1)?.text.contains("bærekraftig velferd") == true)
        #expect(list.question(2)?.text == "Hvordan kan vi i vår kommune/fylkeskommune de neste to årene ta i bruk de arbeidskraftressursene som finnes?")
    }

    @Test(arguments: [
        ("nummer\tdel\tsporsmal\n1\ta\tb\n", 1, "overskriften"),
        ("nummer\tdel\tavsnitt\tsporsmal\n1\ta\tb\n", 2, "4 kolonner"),
        ("nummer\tdel\tavsnitt\tsporsmal\nx\ta\t\tb\n", 2, "positivt heltall"),
        ("nummer\tdel\tavsnitt\tsporsmal\n1\ta\t\tb\n1\ta\t\tc\n", 3, "to ganger"),
        ("nummer\tdel\tavsnitt\tsporsmal\n1\ta\t\t\n", 2, "mangler tekst"),
    ])
    func malformedListsNameTheLine(tsv: String, line: Int, reason: String) {
        #expect {
            try QuestionList(tsv: tsv, year: 2025, path: "x/sporsmal.tsv")
        } throws: { error in
            guard case let .malformed(path, errorLine, message) = error as? IngestionError else { return false }
            return path == "x/sporsmal.tsv" && errorLine == line && message.contains(reason)
        }
    }
}

@Suite struct YearDetectorTests {
    let detector: YearDetector

    init() throws {
        detector = YearDetector(questionLists: try [2021, 2022, 2025, 2026].map {
            try QuestionList(contentsOf: Repository.url("corpora/\($0)/sporsmal.tsv"), year: $0)
        })
    }

    @Test(arguments: [
        ("Svar fra Ås kommune på KS' debatthefte 2025.\nVi mener …", 2025),
        ("Saksframlegg: Debattheftet for 2022 – Hovedtariffoppgjøret.", 2022),
        ("DEBATTHEFTE 2026\nTaktskifte", 2026),
    ])
    func mentionOfTheBooklet(text: String, year: Int) {
        #expect(detector.detect(text).year == year)
    }

    @Test func quotedQuestionTellsTheYear() throws {
        let text = "Spørsmål 2\nHvordan kan vi i vår kommune/fylkeskommune de neste to årene ta i bruk de arbeidskraftressursene som finnes?\nVi må bruke heltid."
        let (year, reason) = detector.detect(text)
        #expect(year == 2026)
        #expect(reason.contains("spørsmål 2"))
    }

    @Test func drammensAnswerIsFrom2025() throws {
        #expect(detector.detect(try Repository.text("corpora/2025/svar/drammen.md")).year == 2025)
    }

    @Test func unknownYearSaysWhy() {
        let (year, reason) = detector.detect("Vi ønsker mer handlingsrom for kommunene.")
        #expect(year == nil)
        #expect(reason.contains("fant ikke året"))
    }

    @Test func yearsNotInTheCorpusAreIgnored() {
        #expect(detector.detect("Debatthefte 2019 var bra.").year == nil)
    }
}
