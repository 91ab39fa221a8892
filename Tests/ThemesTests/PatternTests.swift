import NorwegianText
import PipelineCore
import Testing
@testable import Themes

/// The pattern language: inflection, compounds, exact forms, OCR damage, weights.
@Suite struct PatternTests {
    func element(_ pattern: String) throws -> ThemePattern.Element {
        let theme = try ThemeDictionary(parsing: "# id: t\n# name: T\n\(pattern)\n", path: "t.txt", tokenizer: Fixture.chain.tokenizer)
        return try #require(theme.patterns.first?.elements.first)
    }

    @Test(arguments: [
        // A plain word takes its inflected forms, bokmål and nynorsk.
        ("tilsyn", "tilsyn", true), ("tilsyn", "tilsynet", true), ("tilsyn", "tilsyna", true), ("tilsyn", "tilsynene", true),
        ("tilsyn", "tilsyns", true), ("tilsyn", "tilsynsmyndighet", false), ("tilsyn", "etilsyn", false),
        ("tjeneste", "tjenester", true), ("tjeneste", "tjenesten", true), ("tjeneste", "tjenestene", true),
        ("helse", "helsa", true), ("rom", "rommet", true), ("statlig", "statlige", true), ("plan", "plant", false),
        ("stilling", "stillingar", true), ("stilling", "stillingane", true),
        // = means exactly this form.
        ("=ito", "ito", true), ("=ito", "itoen", false),
        // * before: the word as the head of a compound, inflected.
        ("*norm", "bemanningsnormer", true), ("*norm", "pedagognormen", true), ("*norm", "normal", false),
        // * after: anything that starts with it.
        ("heltid*", "heltidskultur", true), ("heltid*", "deltid", false),
        // * on both sides: anything that contains it.
        ("*samarbeid*", "trepartssamarbeidet", true),
        // + joins the parts of a compound, with or without a linking s, e or hyphen.
        ("stilling+størrelse", "stillingsstørrelser", true), ("stilling+størrelse", "stillingstørrelse", true),
        ("stilling+størrelse", "stilling-størrelsene", true), ("stilling+størrelse", "stillingsstørrelseskart", false),
        ("bemanning+norm*", "bemanningsnormene", true),
        // Words of five letters or more also match their OCR-damaged forms (2026 booklet).
        ("sykefravær*", "sykefraveeret", true), ("økonomi", "gkonomi", true), ("årsturnus*", "arsturnusen", true),
        ("kommuneøkonomi", "kommuneskonomi", true),
        // Short words do not, so they cannot turn into other words.
        ("råd", "rad", false),
    ])
    func matches(pattern: String, token: String, expected: Bool) throws {
        #expect(try element(pattern).matches(token) == expected, "\(pattern) ~ \(token)")
    }

    @Test func weightsAreReadAndTheSourceKeepsNoCaret() throws {
        let theme = try ThemeDictionary(parsing: "# id: t\n# name: T\n# threshold: 1,5\nbpa^3\nsamarbeid*^0.5\nuønsket deltid^2\n",
                                        path: "t.txt", tokenizer: Fixture.chain.tokenizer)
        #expect(theme.terms.map(\.source) == ["bpa", "samarbeid*", "uønsket deltid"])
        #expect(theme.terms.map(\.weight) == [3, 0.5, 2])
        #expect(theme.threshold == 1.5)
    }

    @Test(arguments: [
        ("# id: x\n# name: n\nord^\n", 3, "vekten"),
        ("# id: x\n# name: n\nord^null\n", 3, "vekten"),
        ("# id: x\n# name: n\nord\n!ikke^2\n", 4, "ekskludering"),
        ("# id: x\n# name: n\n# threshold: høy\nord\n", 3, "threshold"),
        ("# id: x\n# name: n\n# threshold: 0\nord\n", 3, "threshold"),
        ("# id: x\n# name: n\nhel+\n", 3, "+ skal stå mellom"),
        ("# id: x\n# name: n\n=hel*\n", 3, "kan ikke kombineres"),
        ("# id: x\n# name: n\nhe=l\n", 3, "= kan bare stå først"),
    ])
    func newSyntaxErrorsNameTheLine(text: String, line: Int, reason: String) {
        #expect {
            try ThemeDictionary(parsing: text, path: "tema.txt", tokenizer: Fixture.chain.tokenizer)
        } throws: { error in
            guard let error = error as? ThemeFileError else { return false }
            return error.line == line && error.description.contains(reason)
        }
    }

    @Test func parseReportsEveryErrorNotJustTheFirst() {
        let text = "# id: X\n# name: n\nhel*tid\nord\nord\nbpa^0\n"
        let parsed = ThemeDictionary.parse(text, path: "x.txt", tokenizer: Fixture.chain.tokenizer)
        #expect(parsed.theme == nil)
        #expect(parsed.errors.map(\.line) == [3, 5, 6, 1])
    }

    @Test func warningsForUnknownKeysShadowedTermsAndFileNames() {
        let text = "# id: x\n# name: n\n# treshold: 2\ndeltidsstilling\n!deltid*\n"
        let parsed = ThemeDictionary.parse(text, path: "y.txt", tokenizer: Fixture.chain.tokenizer)
        #expect(parsed.errors.isEmpty)
        let reasons = parsed.warnings.map(\.description)
        #expect(reasons.contains { $0.hasPrefix("y.txt:3:") && $0.contains("treshold") })
        #expect(reasons.contains { $0.hasPrefix("y.txt:4:") && $0.contains("aldri treff") })
        #expect(reasons.contains { $0.hasPrefix("y.txt:1:") && $0.contains("x.txt") })
    }
}
