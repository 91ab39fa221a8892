import Foundation
import Ingestion
import NorwegianText
import PipelineCore
import TestSupport
import Testing

/// Answers per question in documents without `Spørsmål N` headings: numbered paragraphs, council
/// decisions, questions recognised by their text, nynorsk.
@Suite struct SplittingTests {
    let chain: NorwegianChain
    let segmenter: HeadingSegmenter

    init() throws {
        chain = try NorwegianChain.standard()
        segmenter = HeadingSegmenter(tokenizer: chain.tokenizer)
    }

    func questions(_ year: Int) throws -> QuestionList {
        try QuestionList(contentsOf: Repository.url("corpora/\(year)/sporsmal.tsv"), year: year)
    }

    func split(fixture: String, year: Int) throws -> SegmentedDocument {
        let text = try Repository.text("Tests/IngestionTests/Fixtures/\(fixture)")
        return segmenter.segment(chain.normalize(text, joinLines: true), questions: try questions(year))
    }

    func texts(_ document: SegmentedDocument) -> [QuestionKey: String] {
        Dictionary(uniqueKeysWithValues: document.answers.map { ($0.question, $0.text) })
    }

    @Test func nynorskHeadingsAndAQuestionWrittenInNynorsk() throws {
        let parts = texts(try split(fixture: "nynorsk-ulvik-2025.md", year: 2025))
        #expect(parts[.number(1)]?.contains("meir realistiske") == true)
        #expect(parts[.number(2)]?.contains("folkevaldopplæring i kommunen vår") == true)
        #expect(parts[.number(2)]?.contains("Korleis") == false)
        #expect(parts[.number(3)]?.contains("ressursane er avgrensa") == true)
        #expect(parts[.general]?.contains("Heradsstyret i Ulvik") == true)
    }

    @Test func councilDecisionListsTheAnswersAfterVedtak() throws {
        let parts = texts(try split(fixture: "protokoll-nord-fron-2025.txt", year: 2025))
        #expect(parts[.number(1)] == "Folkevalgte må prioritere hardere og lage realistiske partiprogram.")
        #expect(parts[.number(2)] == "KS bør tilby folkevalgtopplæring.")
        #expect(parts[.number(4)]?.contains("rettigheter til BPA") == true)
        #expect(parts[.number(7)] == "KS bør prioritere heltidskultur i avtaleverket.")
        #expect(parts[.number(3)] == nil)
        // The numbered list in the case papers is not the answer.
        #expect(parts[.general]?.contains("1. Kommunen svarer på spørsmålene") == true)
    }

    @Test func numberedParagraphsStartTheirQuestions() throws {
        let parts = texts(try split(fixture: "nummerert-as-2025.txt", year: 2025))
        #expect(parts[.number(1)] == "Vi må bli flinkere til å prioritere i budsjettet.")
        #expect(parts[.number(2)]?.contains("nettverk mellom kommunene") == true)
        #expect(parts[.number(2)]?.hasPrefix("KS kan hjelpe") == true)
        #expect(parts[.number(3)] == "Åpne møter med innbyggerne om hva vi har råd til.")
        #expect(parts[.general] == "Svar fra Ås kommune")
    }

    @Test func ocrDamagedQuestionWithoutNumberStartsItsQuestion() throws {
        let document = try split(fixture: "ocr-uten-nummer-2026.txt", year: 2026)
        let parts = texts(document)
        #expect(parts[.number(1)] == "Vi må ta i bruk ny teknologi og samarbeide mer.")
        #expect(parts[.number(2)] == "Heltid og kompetanse er nøkkelen.")
        #expect(parts[.number(3)] == "Beredskapen må øves jevnlig.")
        #expect(document.echoedCharacters > 80)
    }

    @Test func unnumberedHeadingContinuesTheCurrentQuestion() throws {
        let document = segmenter.segment("Spørsmål 4\nFørst dette.\n## Eksempler fra oss\nBPA og normer.\n", questions: try questions(2025))
        #expect(texts(document)[.number(4)] == "Først dette.\n## Eksempler fra oss\nBPA og normer.")
    }

    @Test func aLongSentenceQuotingAnotherQuestionDoesNotSwitch() throws {
        let line = "Vi har lenge spurt oss hvordan KS kan bistå i dette arbeidet i den enkelte kommune og fylkeskommune, og mener svaret er mer samarbeid over lang tid mellom kommunene og KS."
        let parts = texts(segmenter.segment("Spørsmål 1\nFørst.\n\(line)\n", questions: try questions(2025)))
        #expect(parts[.number(2)] == nil)
        #expect(parts[.number(1)]?.contains("samarbeid over lang tid") == true)
    }

    @Test func numberedListInsideHeadedAnswersStaysInItsAnswer() throws {
        let parts = texts(segmenter.segment("Spørsmål 1\nTiltak:\n1. Mer opplæring.\n2. Færre normer.\n3. Mer tillit.\n", questions: try questions(2025)))
        #expect(parts[.number(1)] == "Tiltak:\n1. Mer opplæring.\n2. Færre normer.\n3. Mer tillit.")
        #expect(parts[.number(2)] == nil)
    }

    @Test(arguments: [
        ("Vedtak:", true), ("Kommunestyrets vedtak:", true), ("**Formannskapets innstilling:**", true),
        ("Forslag til vedtak:", true), ("Heradsstyret sitt vedtak:", true),
        ("Vedtaket ble gjort i fjor og gjelder fortsatt for alle.", false), ("Vi har fattet mange vedtak:", false),
    ])
    func decisionMarkers(line: String, isMarker: Bool) {
        #expect(HeadingSegmenter.isDecisionMarker(line) == isMarker)
    }
}
