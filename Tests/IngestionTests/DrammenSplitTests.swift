import Foundation
import Ingestion
import NorwegianText
import PipelineCore
import TestSupport
import Testing

/// The Drammen answer to the 2025 booklet, split into answers per question.
@Suite struct DrammenSplitTests {
    let segmented: SegmentedDocument
    let source: [String]

    init() throws {
        let chain = try NorwegianChain.standard()
        let text = try Repository.text("corpora/2025/svar/drammen.md")
        source = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let questions = try QuestionList(contentsOf: Repository.url("corpora/2025/sporsmal.tsv"), year: 2025)
        segmented = HeadingSegmenter(tokenizer: chain.tokenizer)
            .segment(chain.normalize(text, joinLines: true), questions: questions)
    }

    func answer(_ key: QuestionKey) throws -> Answer {
        try #require(segmented.answers.first { $0.question == key }, "no answer for \(key)")
    }

    @Test func everyQuestionAndTheGeneralPartGetAnAnswer() {
        #expect(segmented.answers.map(\.question) == (1 ... 7).map(QuestionKey.number) + [.general])
    }

    /// A bullet the booklet's own answer slide puts under each question.
    @Test(arguments: [
        (1, "Mer realistiske partiprogrammer"),
        (1, "Folkevalgte må få anledning til å bli bedre kjent med tjenestene våre"),
        (2, "Folkevalgtopplæring"),
        (2, "Lære hvordan se konsekvensene av egne vedtak"),
        (3, "Formidling og dialog."),
        (3, "Treffe både målgrupper som er enkle å nå"),
        (4, "Fleksibilitet til å kjøre piloter som er utenfor dagens lovverk."),
        (4, "Stor økning i spesialundervisning"),
        (4, "Rettigheter til BPA"),
        (4, "Bemanningsnormer"),
        (4, "Færre på sosialhjelpsytelser"),
        (4, "En fordelingsnøkkel og kommunal frihet til prioritering av denne type midler er å foretrekke."),
        (5, "Det er viktig at kommunesektoren har en lønnsutvikling som i samfunnet ellers."),
        (6, "Stillingsgrupper"),
        (6, "Drammen kommune støtter en gjennomgang av garantilønnssystemet"),
        (7, "Arbeide for ordninger som bidrar til at ansatte blir stående lengre i arbeid"),
        (7, "øke andelen heltidsansatte"),
    ])
    func bulletLandsInItsQuestion(question: Int, bullet: String) throws {
        let text = try answer(.number(question)).text
        #expect(text.contains(bullet))
        for other in segmented.answers where other.question != .number(question) {
            #expect(!other.text.contains(bullet), "«\(bullet)» also in \(other.question)")
        }
    }

    @Test func continuationHeadingsJoinTheirQuestion() throws {
        // `## Fortsettelse- kommunedirektørens forslag til svar på spørsmål 4` and `## Spørsmål 6 - fortsettelse`.
        #expect(try answer(.number(4)).text.contains("Lovverket og rettighetsfesting"))
        #expect(try answer(.number(6)).text.contains("KS bør arbeide for å harmonisere slike regler"))
        #expect(try answer(.number(6)).text.contains("Garantilønn og lønnstillegg for ansiennitet"))
    }

    @Test func textBeforeTheFirstQuestionIsKeptAsGeneral() throws {
        let general = try answer(.general).text
        #expect(general.contains("KS Debatthefte 2025"))
        #expect(general.contains("Over tre av fire kommuner styrer mot merforbruk i budsjett 2024."))
        #expect(general.contains("inkludert spesialpedagogiske"))
    }

    @Test func echoedQuestionTextIsRemoved() throws {
        let all = segmented.answers.map(\.text).joined(separator: "\n")
        #expect(!all.contains("redusere statlig detaljstyring"))
        #expect(!all.contains("Her ønsker KS også innspill og eksempler"))
        #expect(!all.contains("Hvordan kan KS bistå i dette arbeidet"))
        #expect(!all.contains("Ivaretar dette garantilønnssystemet kommunens/fylkeskommunens behov"))
        #expect(!all.contains("Hva bør KS prioritere i utviklingen av avtaleverket"))
        #expect(segmented.echoedCharacters > 1000)
    }

    @Test func headingsAreNotAnswerText() throws {
        for answer in segmented.answers {
            #expect(!answer.text.contains("innspill til svar på spørsmål"))
            #expect(!answer.text.contains("Spørsmål 5"))
        }
    }

    @Test func everyAnswerLinePointsBackToItsSourceLine() {
        for answer in segmented.answers {
            let lines = answer.text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == answer.sourceLines.count)
            for (line, sourceLine) in zip(lines, answer.sourceLines) where line.contains(where: { !$0.isWhitespace }) {
                // The kept text is part of (the normalised form of) its source line.
                let original = source[sourceLine - 1].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                #expect(original.contains(line.split(whereSeparator: \.isWhitespace).joined(separator: " ")),
                        "line \(sourceLine): «\(line)»")
            }
        }
    }

    /// The whole split, as a golden file: every answer with the source lines it came from.
    /// Re-record on purpose with `DEBATTSVAR_RECORD_SNAPSHOTS=1`.
    @Test func splitMatchesTheGoldenFile() throws {
        var out = "# Drammen kommune, debatthefte 2025: svar per spørsmål\n"
        out += "# tegn fjernet som spørsmålstekst: \(segmented.echoedCharacters)\n"
        for answer in segmented.answers {
            let lines = answer.sourceLines
            out += "\n== \(answer.question) (kildelinje \(lines.first ?? 0)–\(lines.last ?? 0))\n\(answer.text)\n"
        }
        try Snapshot.assert(out, matches: "Tests/IngestionTests/Fixtures/drammen-2025-svar-per-sporsmal.txt")
    }
}
