import Ingestion
import NorwegianText
import PipelineCore
import Testing

@Suite struct HeadingTests {
    let segmenter: HeadingSegmenter
    let questions = QuestionList(year: 2025, questions: [
        Question(number: 1, part: "Del", text: "Hvordan kan dere som folkevalgte redusere og håndtere forventningsgapet i kommunen?"),
        Question(number: 2, part: "Del", text: "Hvordan kan KS bistå i dette arbeidet i den enkelte kommune og fylkeskommune?"),
        Question(number: 3, part: "Del", text: "Hva bør staten gjøre for å gi mer handlingsrom?"),
    ])

    init() throws {
        segmenter = HeadingSegmenter(tokenizer: try NorwegianChain.standard().tokenizer)
    }

    func split(_ text: String) -> [QuestionKey: String] {
        Dictionary(uniqueKeysWithValues: segmenter.segment(text, questions: questions).answers.map { ($0.question, $0.text) })
    }

    @Test(arguments: [
        "Spørsmål 2", "## Spørsmål 2", "**Spørsmål 2**", "Svar på spørsmål 2", "Til spørsmål 2:", "Sp. 2",
        "Spørsmål nr. 2", "## Kommunedirektørens innspill til svar på spørsmål 2", "Spørsmål 2 - fortsettelse",
        "Spørsmål 2:", "SPØRSMÅL 2", "Innspel til spørsmål 2",
    ])
    func headingStartsItsQuestion(heading: String) {
        let parts = split("Innledning her.\n\(heading)\nVårt svar kommer her.\n")
        #expect(parts[.number(2)] == "Vårt svar kommer her.")
        #expect(parts[.general] == "Innledning her.")
    }

    @Test(arguments: [
        "Se spørsmål 2 og 3 for mer om dette.",
        "Spørsmål 2 handler om hvordan KS kan bistå oss.",
        "Vi viser til svaret vårt på spørsmål 2, der vi har skrevet mye om dette og mer til som er viktig.",
    ])
    func sentenceMentioningAQuestionIsNotAHeading(line: String) {
        let parts = split("Spørsmål 1\nFørst dette.\n\(line)\n")
        #expect(parts[.number(2)] == nil)
        #expect(parts[.number(1)]?.contains(line) == true)
    }

    @Test func unknownQuestionNumberIsReportedNotGuessed() {
        let result = segmenter.segment("Spørsmål 9\nTekst.\n", questions: questions)
        #expect(result.answers.map(\.question) == [.general])
        #expect(result.findings.contains { $0.message.contains("spørsmål 9") })
    }

    @Test func headingWithQuestionTextKeepsOnlyTheAnswer() {
        let parts = split("Spørsmål 2: Hvordan kan KS bistå i dette arbeidet i den enkelte kommune og fylkeskommune?\nMed kurs.\n")
        #expect(parts[.number(2)] == "Med kurs.")
    }

    @Test func echoWrappedOverLinesIsRemovedButTheAnswerAfterItStays() {
        let text = "Spørsmål 1\nHvordan kan dere som folkevalgte redusere\nog håndtere forventningsgapet i kommunen? Vi mener realistiske program.\n"
        let result = segmenter.segment(text, questions: questions)
        #expect(result.answers.first?.text.contains("Vi mener realistiske program.") == true)
        #expect(result.answers.first?.text.contains("forventningsgapet") == false)
        #expect(result.echoedCharacters > 50)
    }

    @Test func shortQuoteFromTheQuestionStays() {
        // Five words from the question are a quote, not an echo.
        let parts = split("Spørsmål 3\nStaten bør gjøre for å gi oss tillit.\n")
        #expect(parts[.number(3)] == "Staten bør gjøre for å gi oss tillit.")
    }

    @Test func continuationJoinsEarlierAnswer() {
        let parts = split("Spørsmål 1\nA.\nSpørsmål 2\nB.\nSpørsmål 1 - fortsettelse\nC.\n")
        #expect(parts[.number(1)] == "A.\n\nC.")
        #expect(parts[.number(2)] == "B.")
    }
}

@Suite struct PartHeadingTests {
    @Test func partHeadingEndsTheAnswerBeforeIt() throws {
        let questions = QuestionList(year: 2025, questions: [
            Question(number: 4, part: "Forventningsgapet", text: "Hva bør staten gjøre for å gi mer handlingsrom?"),
            Question(number: 5, part: "Mellomoppgjøret 2025", text: "Hvilke innspill har dere til mellomoppgjøret?"),
        ])
        let segmenter = HeadingSegmenter(tokenizer: try NorwegianChain.standard().tokenizer)
        let result = segmenter.segment("Spørsmål 4\nMindre detaljstyring.\n\n# Mellomoppgjøret 2025\n\nSpørsmål 5\nLønn.\n", questions: questions)
        let byKey = Dictionary(uniqueKeysWithValues: result.answers.map { ($0.question, $0.text) })
        #expect(byKey[.number(4)] == "Mindre detaljstyring.")
        #expect(byKey[.general] == "# Mellomoppgjøret 2025")
        #expect(byKey[.number(5)] == "Lønn.")
    }
}

/// Letters whose lower case has another length in UTF-8 (Kelvin sign K → k, İ → i̇) before the
/// question marker must not shift where the heading's remainder starts.
@Suite struct HeadingCaseLengthTests {
    @Test(arguments: ["Innspill til spørsmål 2: Vårt svar kommer her.", "\u{212A}ommunens innspill til spørsmål 2: Vårt svar kommer her.",
                      "İnnspill til spørsmål 2: Vårt svar kommer her.",
                      "## \u{212A}\u{212A}\u{212A} ÅS: innspill til spørsmål 2: Vårt svar kommer her."])
    func remainderStartsAfterTheMarker(line: String) throws {
        let segmenter = HeadingSegmenter(tokenizer: try NorwegianChain.standard().tokenizer)
        let questions = QuestionList(year: 2025, questions: [
            Question(number: 1, part: "Del", text: "Hvordan kan KS bistå?"),
            Question(number: 2, part: "Del", text: "Hva bør staten gjøre?"),
        ])
        let answers = segmenter.segment("Innledning.\n\(line)\n", questions: questions).answers
        #expect(answers.first { $0.question == .number(2) }?.text == "Vårt svar kommer her.", "\(answers.map { ($0.question, $0.text) })")
    }
}
