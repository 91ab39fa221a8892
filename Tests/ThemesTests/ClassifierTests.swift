import NorwegianText
import PipelineCore
import Testing
import Themes

/// Shared set-up: the standard chain and the bundled themes.
struct Fixture {
    static let chain = try! NorwegianChain.standard()
    static let themes = try! ThemeDictionary.bundled(tokenizer: chain.tokenizer)

    static func analyse(_ text: String) -> AnalysedText { chain.analyse(text) }
}

@Suite struct RegistryTests {
    /// Every registered classifier passes the examples it describes itself with.
    @Test(arguments: ClassifierRegistry.ids)
    func classifierPassesItsOwnExamples(id: String) throws {
        let classifier = try #require(try ClassifierRegistry.make(id, context: ClassifierContext(themes: Fixture.themes)))
        #expect(classifier.id == id)
        #expect(!classifier.summary.isEmpty)
        #expect(classifier.examples.contains { $0.matches } && classifier.examples.contains { !$0.matches })
        for example in classifier.examples {
            let found = classifier.classify(Fixture.analyse(example.text)).map(\.themeID)
            #expect(found.contains(example.theme) == example.matches, "«\(example.text)» → \(found)")
        }
    }

    @Test func idsAreUnique() {
        #expect(Set(ClassifierRegistry.ids).count == ClassifierRegistry.ids.count)
    }

    @Test func unknownIdGivesNil() throws {
        #expect(try ClassifierRegistry.make("finnes-ikke", context: ClassifierContext(themes: Fixture.themes)) == nil)
    }
}

@Suite struct DictionaryClassifierTests {
    let classifier = DictionaryClassifier(themes: Fixture.themes)

    func themes(_ text: String) -> [String] {
        classifier.classify(Fixture.analyse(text)).map(\.themeID)
    }

    @Test func theFourNamedThemesAreBundled() {
        let ids = Set(Fixture.themes.map(\.id))
        #expect(ids.isSuperset(of: ["detaljstyring", "bpa", "spesialundervisning", "heltid"]))
    }

    /// The four themes the sentence table below is about; other themes have their own tests.
    static let named: Set<String> = ["detaljstyring", "bpa", "spesialundervisning", "heltid"]

    @Test(arguments: [
        // Sentences from Drammen kommune's answer to the 2025 booklet.
        ("Stor økning i spesialundervisning", ["spesialundervisning"]),
        // Individual rights set by law are detaljstyring too (docs/labelling-guide.md).
        ("Rettigheter til BPA", ["bpa", "detaljstyring"]),
        ("Standardisering og felles retningslinjer for å øke andelen heltidsansatte og finne arbeidstidsordninger.", ["heltid"]),
        ("Lovkravene bør ikke vær mer detaljerte enn høyst nødvendig.", ["detaljstyring"]),
        ("Store forskjeller i praksis blant statsforvalterne", ["detaljstyring"]),
        ("Bemanningsnormer", ["detaljstyring"]),
        ("Skolene kan heller få en pott til spes. undv, som de kan bruke på tilpassning ift. elevenes behov",
         ["spesialundervisning"]),
        // From the 2025 booklet.
        ("Partene er enige om viktigheten av heltidsstillinger.", ["heltid"]),
        ("Flere eldre med sammensatte pleiebehov", []),
        // Nynorsk.
        ("Vi treng meir heiltid og færre små stillingar.", ["heltid"]),
        ("Kommunen har mange vedtak om brukarstyrt personleg assistanse.", ["bpa"]),
        // Hyphenated and inflected forms.
        ("BPA-ordningen er dyr.", ["bpa"]),
        ("Den statlige detaljstyringen må ned, og øremerkede tilskudd bør innlemmes.", ["detaljstyring"]),
        // Words that look close but are not the theme.
        ("Kjønnsnøytrale kriterier og normer.", []),
        ("Vi har mange deltidsbrannkonstabler i beredskapen.", []),
        ("Positive tilbakemeldinger fra innbyggerne.", []),
    ])
    func sentence(text: String, expected: [String]) {
        #expect(themes(text).filter(Self.named.contains) == expected)
    }

    @Test func evidenceCarriesTermTextAndByteRange() throws {
        let text = "æøå 🙂 Økt bruk av BPA og mer spesialundervisning."
        let scores = classifier.classify(Fixture.analyse(text))
        #expect(scores.map(\.themeID) == ["bpa", "spesialundervisning"])
        let bytes = Array(text.utf8)
        for score in scores {
            for hit in score.hits {
                #expect(String(decoding: bytes[hit.byteRange], as: UTF8.self) == hit.matched)
            }
        }
        let bpa = try #require(scores.first?.hits.first)
        #expect(bpa.term == "bpa")
        #expect(bpa.matched == "BPA")
        #expect(bpa.byteRange == 25 ..< 28)
        let special = try #require(scores.last?.hits.first)
        #expect(special.term == "spesialundervis*")
        #expect(special.matched == "spesialundervisning")
    }

    @Test func phraseEvidenceSpansThePhrase() throws {
        let text = "Søknader om brukerstyrt personlig assistanse øker."
        let hit = try #require(classifier.classify(Fixture.analyse(text)).first?.hits.first)
        #expect(hit.matched == "brukerstyrt personlig assistanse")
        #expect(hit.term == "brukerstyrt personlig assistanse")
    }

    @Test func partOfAHyphenatedWordPointsAtThePart() throws {
        let text = "BPA-ordningen"
        let hit = try #require(classifier.classify(Fixture.analyse(text)).first?.hits.first)
        #expect(hit.matched == "BPA")
        #expect(hit.byteRange == 0 ..< 3)
    }

    @Test func resultsAreSortedByThemeId() {
        let ids = themes("Heltid, BPA, spesialundervisning og detaljstyring.")
        #expect(ids == ["bpa", "detaljstyring", "heltid", "spesialundervisning"])
    }
}
