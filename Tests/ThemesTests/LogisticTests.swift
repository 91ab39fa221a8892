import PipelineCore
import Testing
@testable import Themes

@Suite struct LogisticTests {
    static let texts: [(String, Set<String>)] = [
        ("Sykefraværet må ned.", ["sykefravaer"]),
        ("Vi jobber med nærvær og sykefravær.", ["sykefravaer"]),
        ("Lavere sykefravær gir flere årsverk.", ["sykefravaer"]),
        ("Flere heltidsstillinger og mindre deltid.", ["heltid"]),
        ("Heltid er viktig for kvaliteten.", ["heltid"]),
        ("Uønsket deltid må ned.", ["heltid"]),
        ("Kommunestyret møtes på torsdag.", []),
        ("Budsjettet ble vedtatt.", []),
    ]

    static func examples() -> [TrainingExample] {
        texts.map { TrainingExample(text: Fixture.analyse($0.0), themes: $0.1) }
    }

    static func model() -> LogisticModel {
        var settings = LogisticModel.Settings()
        settings.minimumCount = 1
        return LogisticModel.train(examples(), settings: settings, notes: ["test"])
    }

    @Test func trainingIsDeterministicAndLearnsTheThemes() {
        let first = Self.model(), second = Self.model()
        #expect(first == second)
        #expect(Set(first.themes.keys) == ["heltid", "sykefravaer"])
        let classifier = LogisticClassifier(model: first)
        #expect(classifier.classify(Fixture.analyse("Sykefravær")).map(\.themeID) == ["sykefravaer"])
        #expect(classifier.classify(Fixture.analyse("Mer heltid")).map(\.themeID) == ["heltid"])
    }

    @Test func theFileRoundTrips() throws {
        let model = Self.model()
        let text = model.fileText
        #expect(text.hasPrefix("# debattsvar-modell: logistisk\n# test\n"))
        #expect(text.contains("heltid\t<terskel>\t"))
        #expect(text.contains("heltid\tw:heltid\t"))
        let read = try LogisticModel(parsing: text, path: "m.tsv")
        #expect(read.notes == ["test"])
        #expect(read.fileText == text)
        for (theme, weights) in model.themes {
            #expect(abs((read.themes[theme]?.bias ?? 99) - weights.bias) < 0.0001)
        }
    }

    @Test(arguments: [
        ("tema\tegenskap\tvekt\n", 1, "ikke en modellfil"),
        ("# debattsvar-modell: logistisk\nheltid\tw:heltid\n", 2, "tema<TAB>egenskap<TAB>tall"),
        ("# debattsvar-modell: logistisk\nheltid\tw:heltid\tmye\n", 2, "tall"),
        ("# debattsvar-modell: logistisk\nheltid\t<terskel>\t1.5\n", 2, "mellom 0 og 1"),
        ("# debattsvar-modell: logistisk\nheltid\tw:a\t1\nheltid\tw:a\t2\n", 3, "to ganger"),
        ("# debattsvar-modell: logistisk\n", 1, "ingen temaer"),
    ])
    func badModelFilesNameTheLine(text: String, line: Int, reason: String) {
        #expect {
            try LogisticModel(parsing: text, path: "m.tsv")
        } throws: { error in
            guard let error = error as? ModelFileError else { return false }
            return error.line == line && error.description.hasPrefix("m.tsv:\(line):") && error.description.contains(reason)
        }
    }

    @Test func evidenceIsTheStrongestWordsOfTheBestLine() throws {
        let text = "æøå 🙂 Budsjettet ble vedtatt.\nSykefraværet må ned, sa de."
        let analysed = Fixture.analyse(text)
        let score = try #require(LogisticClassifier(model: Self.model()).classify(analysed).first { $0.themeID == "sykefravaer" })
        #expect(!score.hits.isEmpty)
        let bytes = Array(analysed.text.utf8)
        for hit in score.hits {
            #expect(String(decoding: bytes[hit.byteRange], as: UTF8.self) == hit.matched)
            #expect(hit.byteRange.lowerBound > analysed.text.utf8.firstIndex(of: 0x0A).map { analysed.text.utf8.distance(from: analysed.text.utf8.startIndex, to: $0) }!)
        }
        #expect(score.hits.contains { $0.matched == "Sykefraværet" })
    }

    @Test func foldsAreBlocksOfFourDealtInTurn() {
        #expect(CrossValidation.folds(units: 18, count: 3) == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1])
    }

    @Test func crossValidationPredictsEveryUnitWithAModelThatNeverSawIt() throws {
        let units = Self.texts.enumerated().map { GoldUnit(id: "u\($0.offset)", themes: $0.element.1, text: $0.element.0) }
        var trainedOn: [Set<String>] = []
        let predictions = CrossValidation.predictions(units: units, analysed: units.map { Fixture.analyse($0.text) }, folds: 2) { model in
            trainedOn.append(Set(model.themes.keys))
            return LogisticClassifier(model: model)
        }
        #expect(predictions.count == units.count)
        #expect(trainedOn.count == 2)
    }

    @Test func theBundledModelLoadsAndKnowsTheBundledThemes() throws {
        let model = try LogisticModel.bundled()
        #expect(Set(model.themes.keys) == Set(Fixture.themes.map(\.id)))
        #expect(model.notes.contains { $0.contains("corpora/gold/tuning.tsv") })
    }
}
