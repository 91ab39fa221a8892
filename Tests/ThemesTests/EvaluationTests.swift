import TestSupport
import Testing
import Themes

@Suite struct EvaluationTests {
    static let gold = [
        GoldUnit(id: "a", themes: ["heltid", "bpa"], text: "Heltid og BPA."),
        GoldUnit(id: "b", themes: ["heltid"], text: "Mer heltid."),
        GoldUnit(id: "c", themes: [], text: "Ingenting."),
        GoldUnit(id: "d", themes: ["bpa"], text: "BPA igjen."),
    ]

    @Test func countsPrecisionRecallAndF1PerThemeMicroAndMacro() throws {
        let report = EvaluationReport(gold: Self.gold, predicted: ["a": ["heltid"], "b": ["heltid", "bpa"], "c": ["heltid"], "d": ["bpa"]])
        let heltid = try #require(report.themes.first { $0.id == "heltid" }?.counts)
        #expect((heltid.gold, heltid.predicted, heltid.correct) == (2, 3, 2))
        #expect(heltid.precision == 2.0 / 3.0)
        #expect(heltid.recall == 1)
        #expect(heltid.f1 == 0.8)
        let bpa = try #require(report.themes.first { $0.id == "bpa" }?.counts)
        #expect((bpa.gold, bpa.predicted, bpa.correct) == (2, 2, 1))
        #expect(bpa.f1 == 0.5)
        #expect((report.micro.gold, report.micro.predicted, report.micro.correct) == (4, 5, 3))
        #expect(report.micro.f1 == 6.0 / 9.0)
        #expect(report.macroF1 == (0.8 + 0.5) / 2)
        #expect(report.misses.map { "\($0.id):\($0.theme):\($0.isMissing)" }.sorted() == ["a:bpa:true", "b:bpa:false", "c:heltid:false"])
    }

    @Test func aMissingPredictionCountsAsNoTheme() {
        let report = EvaluationReport(gold: Self.gold, predicted: [:])
        #expect(report.micro.correct == 0)
        #expect(report.misses.count == 4)
        #expect(report.misses.allSatisfy { $0.isMissing })
    }

    @Test func renderingListsThemesMicroMacroAndMissesWithText() {
        let text = EvaluationReport(gold: Self.gold, predicted: ["a": ["heltid", "bpa"], "b": [], "c": [], "d": ["bpa"]]).rendered()
        #expect(text.contains("heltid"))
        #expect(text.contains("mikro"))
        #expect(text.contains("makro"))
        #expect(text.contains("0,667"))
        #expect(text.contains("heltid\tmangler\tb\tMer heltid."))
        #expect(!EvaluationReport(gold: Self.gold, predicted: [:]).rendered(showMisses: false).contains("Bommer"))
    }

    @Test func theSourceIsTheIdUpToItsFirstHyphen() {
        #expect(GoldUnit(id: "h26-x402", themes: [], text: "").source == "h26")
        #expect(GoldUnit(id: "d25-001", themes: [], text: "").source == "d25")
        #expect(GoldUnit(id: "enhet", themes: [], text: "").source == "enhet")
    }

    @Test func eachSourceIsAlsoCountedOnItsOwn() throws {
        let gold = [
            GoldUnit(id: "h26-1", themes: ["heltid"], text: "Heiltid."),
            GoldUnit(id: "h26-2", themes: [], text: "Ingenting."),
            GoldUnit(id: "d25-1", themes: ["heltid"], text: "Heltid."),
            GoldUnit(id: "d25-2", themes: ["bpa"], text: "BPA."),
        ]
        let report = EvaluationReport(gold: gold, predicted: ["h26-1": [], "h26-2": ["heltid"], "d25-1": ["heltid"], "d25-2": ["bpa"]])
        #expect(report.sources.map(\.source) == ["d25", "h26"])
        let clean = try #require(report.sources.first { $0.source == "d25" })
        #expect(clean.units == 2)
        #expect((clean.micro.gold, clean.micro.predicted, clean.micro.correct) == (2, 2, 2))
        #expect(clean.macroF1 == 1)
        let damaged = try #require(report.sources.first { $0.source == "h26" })
        #expect((damaged.micro.gold, damaged.micro.predicted, damaged.micro.correct) == (1, 1, 0))
        #expect(damaged.macroF1 == 0)
        // The whole report still counts every unit once.
        #expect((report.micro.gold, report.micro.predicted, report.micro.correct) == (3, 3, 2))
        let text = report.rendered(showMisses: false, showSources: true)
        #expect(text.contains("Etter kilde"))
        #expect(text.contains("h26"))
        #expect(!report.rendered(showMisses: false).contains("Etter kilde"))
    }

    @Test func goldFilesParseWithHeaderCommentsAndEmptyThemes() throws {
        let units = try LabelFile.gold("id\ttemaer\ttekst\n# kommentar\nx\theltid, bpa\tTekst med\ttabulator\ny\t\tIngen tema\n", path: "g.tsv")
        #expect(units.map(\.id) == ["x", "y"])
        #expect(units[0].themes == ["heltid", "bpa"])
        #expect(units[0].text == "Tekst med\ttabulator")
        #expect(units[1].themes.isEmpty)
        #expect(units[1].line == 4)
    }

    @Test(arguments: [
        ("x\theltid\n", 1, "3 felt"),
        ("x\t\ta\nx\t\tb\n", 2, "linje 1"),
        ("\theltid\ttekst\n", 1, "tom id"),
    ])
    func badGoldFilesNameTheLine(text: String, line: Int, reason: String) {
        #expect {
            try LabelFile.gold(text, path: "g.tsv")
        } throws: { error in
            guard let error = error as? LabelFileError else { return false }
            return error.line == line && error.description.hasPrefix("g.tsv:\(line):") && error.description.contains(reason)
        }
    }

    @Test func predictionFilesAreWhatClassifyWrites() throws {
        let predicted = try LabelFile.predictions("a\tbpa,heltid\nb\t\nc\n", path: "p.tsv")
        #expect(predicted == ["a": ["bpa", "heltid"], "b": [], "c": []])
    }

    @Test func theCommittedGoldFilesParseAndUseOnlyBundledThemes() throws {
        let ids = Set(Fixture.themes.map(\.id))
        var split: [String: [GoldUnit]] = [:]
        for name in ["tuning", "test-2"] {
            let path = "corpora/gold/\(name).tsv"
            let units = try LabelFile.gold(try Repository.text(path), path: path)
            #expect(units.count > 40)
            for unit in units { #expect(unit.themes.isSubset(of: ids), "\(unit.id): \(unit.themes.subtracting(ids))") }
            split[name] = units
        }
        // Tuning and test stay apart: no id and no text in both.
        let tuning = try #require(split["tuning"]), test = try #require(split["test-2"])
        #expect(Set(tuning.map(\.id)).isDisjoint(with: test.map(\.id)))
        #expect(Set(tuning.map(\.text)).isDisjoint(with: test.map(\.text)))
    }
}

/// Guards the dictionaries against regressions on the tuning split (never the held-out test split
/// `test-2.tsv`; see docs/evaluation.md).
@Suite struct TuningSplitTests {
    @Test func theDictionariesKeepTheirTuningFigures() throws {
        let units = try LabelFile.gold(try Repository.text("corpora/gold/tuning.tsv"), path: "tuning.tsv")
        let classifier = DictionaryClassifier(themes: Fixture.themes)
        var predicted: [String: Set<String>] = [:]
        for unit in units { predicted[unit.id] = Set(classifier.classify(Fixture.analyse(unit.text)).map(\.themeID)) }
        let report = EvaluationReport(gold: units, predicted: predicted)
        #expect(report.micro.f1 >= 0.85, "micro-F1 \(report.micro.f1)")
        for theme in ["detaljstyring", "bpa", "spesialundervisning", "heltid"] {
            let f1 = try #require(report.themes.first { $0.id == theme }?.counts.f1)
            #expect(f1 >= 0.9, "\(theme): F1 \(f1)")
        }
    }
}
