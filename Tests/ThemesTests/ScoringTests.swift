import NorwegianText
import PipelineCore
import Testing
import Themes

/// How the dictionary classifier scores evidence and when a theme applies.
@Suite struct ScoringTests {
    static func theme(_ body: String, threshold: String = "") throws -> ThemeDictionary {
        try ThemeDictionary(parsing: "# id: t\n# name: T\n\(threshold)\(body)\n", path: "t.txt", tokenizer: Fixture.chain.tokenizer)
    }

    func score(_ text: String, _ theme: ThemeDictionary) -> ThemeScore? {
        DictionaryClassifier(themes: [theme]).evidence(Fixture.analyse(text)).first
    }

    func applies(_ text: String, _ theme: ThemeDictionary) -> Bool {
        !DictionaryClassifier(themes: [theme]).classify(Fixture.analyse(text)).isEmpty
    }

    static let long = """
        Kommunen har i flere år arbeidet med kvalitet i tjenestene og med gode rutiner for \
        saksbehandling i alle sektorer. Også dialogen med brukerne er god, og vi får positive \
        tilbakemeldinger. I et av prosjektene var tilsyn nevnt, men det var ikke noe stort tema der.
        """

    @Test func oneWordInPassingIsNotEnough() throws {
        let theme = try Self.theme("tilsyn")
        #expect(score(Self.long, theme)?.score == 1)
        #expect(!applies(Self.long, theme))
    }

    @Test(arguments: [
        "Tilsyn",                                                          // a bullet
        "## Tilsyn og kontroll\nKommunen har i flere år arbeidet med kvalitet i tjenestene og med gode rutiner for saksbehandling i alle sektorer.",
        "Tilsynet tar mye tid. Kommunen har i flere år arbeidet med kvalitet i tjenestene og med gode rutiner for saksbehandling.",
    ])
    func theSameWordInAProminentPlaceIs(text: String) throws {
        let theme = try Self.theme("tilsyn")
        #expect(score(text, theme)?.score == 2)
        #expect(applies(text, theme))
    }

    @Test func distinctTermsAddUpAndRepeatsCountHalf() throws {
        let theme = try Self.theme("tilsyn\nforskrift*")
        let text = Self.long + " Forskriftene og tilsynet, og igjen tilsyn."
        // tilsyn 1 + forskrift* 1 + two more tilsyn 2 × 0.5, no prominent match.
        #expect(score(text, theme)?.score == 3)
        #expect(score(text, theme)?.hits.count == 4)
    }

    @Test func weightsAndTheThresholdInTheFileDecide() throws {
        #expect(applies(Self.long, try Self.theme("tilsyn^2")))
        #expect(applies(Self.long, try Self.theme("tilsyn", threshold: "# threshold: 1\n")))
        #expect(!applies("Tilsyn", try Self.theme("tilsyn", threshold: "# threshold: 3\n")))
    }

    @Test func evidenceIsKeptForThemesBelowTheThreshold() throws {
        let found = try #require(score(Self.long, try Self.theme("tilsyn")))
        #expect(found.hits.map(\.matched) == ["tilsyn"])
    }

    @Test func aPhraseWinsOverItsWords() throws {
        let theme = try Self.theme("økonomisk*^0.5\nøkonomisk* ramme*^1.5")
        let hit = try #require(score("Økonomiske rammer", theme)?.hits.first)
        #expect(hit.term == "økonomisk* ramme*")
        #expect(hit.matched == "Økonomiske rammer")
    }

    @Test func anExcludedPhraseRemovesItsWords() throws {
        let theme = try Self.theme("kommuneøkonomi^2\n!i tillegg til kommuneøkonomi")
        #expect(score("Er det statlige virkemidler i tillegg til kommuneøkonomi som hemmer?", theme) == nil)
        #expect(score("Kommuneøkonomi er viktig.", theme) != nil)
    }

    @Test(arguments: [
        ("Vi har mange heltids- og deltidsstillinger.", "heltids- og deltidsstillinger"),
        ("Det gjelder helse- og omsorgstjenester.", "helse- og omsorgstjenester"),
        ("Både helse-, omsorgs- og velferdstjenester.", "helse-, omsorgs- og velferdstjenester"),
    ])
    func ellipsisEvidenceCoversTheWholeSpan(text: String, span: String) throws {
        let theme = try Self.theme("heltidsstilling\nhelse+tjeneste")
        let hit = try #require(score(text, theme)?.hits.first)
        #expect(hit.matched == span)
        #expect(String(decoding: Array(text.utf8)[hit.byteRange], as: UTF8.self) == span)
    }

    @Test func anEllipsisWordCountsWithTheHeaviestPatternItsFullFormsMatch() throws {
        // `rapporterings` + `ntasjonskrav` (a wrong cut) fits the weak prefix; `rapporteringskrav`
        // (the right one) fits the strong word, and the strong word counts.
        let theme = try Self.theme("rapporteringskrav*^2\nrapportering*^0.5")
        let text = Self.long + " Regjeringen vil at kommunene gjennomgår rapporterings- og dokumentasjonskrav."
        let found = try #require(score(text, theme))
        #expect(found.hits.first?.term == "rapporteringskrav*")
        #expect(found.hits.first?.matched == "rapporterings- og dokumentasjonskrav")
        #expect(found.score == 2)
    }

    @Test func withoutEllipsisTheTruncatedWordAloneDoesNotMatchTheCompoundPattern() throws {
        let theme = try Self.theme("helse+tjeneste")
        #expect(score("Helse er viktig, og tjenester også.", theme) == nil)
    }

    @Test func documentedDefaultThreshold() {
        #expect(DictionaryClassifier(themes: []).defaultThreshold == 2)
        #expect(DictionaryClassifier.repeatFactor == 0.5)
        #expect(DictionaryClassifier.prominenceBonus == 1)
    }
}
