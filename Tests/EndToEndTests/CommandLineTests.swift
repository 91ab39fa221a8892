import Foundation
import TestSupport
import Testing

/// Runs the built `debattsvar` binary.
@Suite struct CommandLineTests {
    @Test func helpListsEveryCommand() throws {
        let result = try Executable.run(["--help"])
        #expect(result.status == 0)
        for command in ["run", "normalize", "classify", "themes", "evaluate", "train", "kwic"] {
            #expect(result.standardOutput.contains("  \(command) "))
            let help = try Executable.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.standardOutput.contains("Bruk: debattsvar \(command)"))
        }
    }

    @Test(arguments: [["finnes-ikke"], ["run", "--ukjent"], ["run", "--year", "tjue"], ["run", "a", "b"],
                      ["normalize", "--join-lines=ja"], ["classify", "--themes"], [], ["run", "/finnes/ikke"],
                      ["classify", "--classifier", "finnes-ikke"], ["evaluate"], ["evaluate", "--gold", "g.tsv", "--pred", "p.tsv", "--classifier", "ordliste"], ["train"],
                      ["evaluate", "--gold", "g.tsv", "--folds", "1"], ["kwic"], ["kwic", "a", "b"],
                      ["kwic", "BPA", "--theme", "finnes-ikke"], ["kwic", "BPA", "--limit", "0"]])
    func usageErrorsExit64WithAMessage(arguments: [String]) throws {
        let result = try Executable.run(arguments)
        #expect(result.status == 64)
        #expect(!result.standardError.isEmpty || arguments.isEmpty)
    }

    @Test func normalizeKeepsOneLinePerLine() throws {
        let input = "Å\tkomme\u{00A0} godt  ut\u{00AD}\r\nnødven-\ndig er det\n\n  innrykk ﬁnnes \n"
        let result = try Executable.run(["normalize"], input: input)
        #expect(result.status == 0)
        #expect(result.standardOutput == "Å komme godt ut\nnødven-\ndig er det\n\n  innrykk finnes\n")
        let joined = try Executable.run(["normalize", "--join-lines"], input: input)
        #expect(joined.standardOutput == "Å komme godt ut\nnødvendig\ner det\n\n  innrykk finnes\n")
    }

    /// A paragraph as an English OCR model leaves bokmål: no æ/ø/å, `&` for å, `|` for I.
    static let damaged = """
    Vi ma ta grep for & lose oppgavene pa en god mate. | tillegg er det viktig & sikre at kommunene
    far nok ressurser til & gi gode tjenester. Det er ikke lett, men vi ma prove. Hva skal til for at
    vi far det til? Kommunene ma samarbeide mer enn i dag og de ma se pa dette.

    Dette er ngdvendig for skonomien.

    """

    @Test func normalizeRepairsOCRAndExplainsEveryChange() throws {
        let result = try Executable.run(["normalize", "--explain"], input: Self.damaged)
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == Self.damaged.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(lines[0].hasPrefix("Vi må ta grep for å løse oppgavene på en god måte. I tillegg"))
        #expect(lines[4] == "Dette er nødvendig for økonomien.")
        let explanation = result.standardError.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(explanation.first == ["linje", "original", "erstatning", "reparasjon", "hvorfor"])
        #expect(explanation.contains { $0.count == 5 && $0[0] == "5" && $0[1] == "ngdvendig" && $0[2] == "nødvendig" && $0[3] == "ocr" })
        #expect(explanation.contains { $0.count == 5 && $0[0] == "1" && $0[1] == "|" && $0[2] == "I" })
    }

    @Test func normalizeSwitchesTurnRepairsOff() throws {
        for flag in ["--no-ocr-repair", "--no-repairs"] {
            let result = try Executable.run(["normalize", "--explain", flag], input: Self.damaged)
            #expect(result.status == 0)
            #expect(result.standardOutput == Self.damaged)
            #expect(result.standardError.contains("# 0 endringer"))
        }
        let spaced = "H vord an forebygge og b ekjem pe\n"
        #expect(try Executable.run(["normalize"], input: spaced).standardOutput == "Hvordan forebygge og bekjempe\n")
        #expect(try Executable.run(["normalize", "--no-spacing-repair"], input: spaced).standardOutput == spaced)
        let split = "for 2024. Budsjettover\nskridelsene er store\n"
        #expect(try Executable.run(["normalize", "--join-lines"], input: split).standardOutput
            == "for 2024. Budsjettoverskridelsene\ner store\n")
        #expect(try Executable.run(["normalize", "--join-lines", "--no-split-join"], input: split).standardOutput == split)
    }

    @Test func lexiconLooksWordsUp() throws {
        let result = try Executable.run(["lexicon", "heltidskultur", "gjere", "tienester"])
        #expect(result.status == 0)
        let rows = result.standardOutput.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 3)
        #expect(rows[0][2] == "bokmål+nynorsk") // a valid compound
        #expect(rows[1][3] == "nynorsk")
        #expect(rows[2][3] == "") // splits into known parts, but no listed form
    }

    @Test func normalizeReadsAFileAndAddsTheFinalLineEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("a\u{0065}\u{0301}\nb", to: "x.txt")
        let result = try Executable.run(["normalize", file.path])
        #expect(result.standardOutput == "a\u{00E9}\nb\n")
    }

    @Test func normalizeNamesAMissingFile() throws {
        let result = try Executable.run(["normalize", "/finnes/ikke.txt"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("/finnes/ikke.txt"))
    }

    @Test func classifyWritesOneSortedLinePerRecord() throws {
        let input = """
        {"id": "a", "text": "Stor økning i spesialundervisning og rettigheter til BPA."}
        {"id": "b", "text": "Vi vil ha flere heltidsstillinger og mindre statlig detaljstyring."}

        {"id": "c", "text": "Kommunestyret møtes på torsdag."}
        {"id": 7, "text": "Heiltidskultur"}
        """
        let result = try Executable.run(["classify"], input: input)
        #expect(result.status == 0)
        #expect(result.standardOutput == "a\tbpa,detaljstyring,spesialundervisning\nb\tdetaljstyring,heltid\nc\t\n7\theltid\n")
    }

    @Test func classifyReportsBadLinesAndGoesOn() throws {
        let input = "{\"id\": \"a\", \"text\": \"BPA\"}\nikke json\n{\"text\": \"x\"}\n{\"id\": \"b\", \"text\": 3}\n{\"id\": \"c\", \"text\": \"heltid\"}\n"
        let result = try Executable.run(["classify"], input: input)
        #expect(result.status == 1)
        #expect(result.standardOutput == "a\tbpa\nc\theltid\n")
        #expect(result.standardError.contains("<standard inn>:2: ugyldig JSON"))
        #expect(result.standardError.contains("<standard inn>:3: mangler «id»"))
        #expect(result.standardError.contains("<standard inn>:4: «text» må være en streng"))
    }

    @Test func themesListsIdNameAndTermCount() throws {
        let result = try Executable.run(["themes"])
        #expect(result.status == 0)
        let ids = result.standardOutput.split(separator: "\n").map { $0.split(separator: "\t")[0] }
        #expect(ids == ids.sorted())
        #expect(Set(ids).isSuperset(of: ["bpa", "detaljstyring", "heltid", "spesialundervisning"]))
        for line in result.standardOutput.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(fields.count == 3)
            #expect((Int(fields[2]) ?? 0) > 0)
        }
    }

    @Test func themesNamesTheBrokenFileAndLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("# id: x\n# name: X\nhel*tid\n", to: "x.txt")
        let result = try Executable.run(["themes", "--themes", folder.url.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("x.txt:3:"))
    }

    @Test func evaluateComparesPredictionsWithGoldAndListsMisses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let gold = try folder.write("id\ttemaer\ttekst\na\tbpa\tRettigheter til BPA\nb\theltid\tVi vil ha mer heltid.\nc\t\tIngenting her.\n", to: "g.tsv")
        let pred = try folder.write("a\tbpa\nb\t\nc\theltid\n", to: "p.tsv")
        let result = try Executable.run(["evaluate", "--gold", gold.path, "--pred", pred.path])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("bpa") && $0.hasSuffix("1,000") })
        #expect(lines.contains { $0.hasPrefix("heltid") && $0.hasSuffix("0,000") })
        #expect(lines.contains { $0.hasPrefix("mikro") })
        #expect(lines.contains("heltid\tmangler\tb\tVi vil ha mer heltid."))
        #expect(lines.contains("heltid\tfor mye\tc\tIngenting her."))
    }

    @Test func evaluateClassifiesTheGoldTextsItself() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let gold = try folder.write("a\tbpa\tRettigheter til BPA\nb\theltid\tVi vil ha flere heltidsstillinger.\n", to: "g.tsv")
        let result = try Executable.run(["evaluate", "--gold", gold.path, "--classifier", "ordliste", "--no-misses"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("heltid"))
        #expect(!result.standardOutput.contains("Bommer"))
    }

    @Test func evaluatePicksSourcesAndCountsEachSourceApart() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let gold = try folder.write("id\ttemaer\ttekst\nh26-1\theltid\tVi vil ha flere heiltidsstillingar.\n"
            + "h26-2\t\tIngenting her.\nd25-1\tbpa\tRettigheter til BPA\n", to: "g.tsv")
        let only = try Executable.run(["evaluate", "--gold", gold.path, "--source", "h26", "--no-misses"])
        #expect(only.status == 0, "\(only.standardError)")
        #expect(only.standardOutput.contains("2 enheter"))
        #expect(!only.standardOutput.contains("bpa"))
        let bySource = try Executable.run(["evaluate", "--gold", gold.path, "--by-source", "--no-misses"])
        #expect(bySource.status == 0)
        let lines = bySource.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Etter kilde") })
        #expect(lines.contains { $0.hasPrefix("d25") && $0.split(separator: " ").dropFirst().first == "1" })
        #expect(lines.contains { $0.hasPrefix("h26") && $0.split(separator: " ").dropFirst().first == "2" })
        let unknown = try Executable.run(["evaluate", "--gold", gold.path, "--source", "h99"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("h99"))
    }

    @Test func evaluateNamesTheBadLineOfAGoldFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let gold = try folder.write("a\tbpa\tOk\nb\tbare to felt\n", to: "g.tsv")
        let result = try Executable.run(["evaluate", "--gold", gold.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("g.tsv:2:"))
    }

    @Test func themesCheckSaysOKForTheBundledThemes() throws {
        let result = try Executable.run(["themes", "--check"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("OK: "))
        #expect(result.standardOutput.contains("temaer"))
    }

    @Test func themesCheckNamesFileAndLineForEveryError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("# id: a\n# name: A\nord\nhel*tid\nord\nbpa^x\n", to: "a.txt")
        try folder.write("# id: b\n# name: B\n# threshold: mye\nfint\n", to: "b.txt")
        try folder.write("# id: a\n# name: C\nannet\n", to: "c.txt")
        try folder.write("# id: d\n# name: D\n# description: d\n# source: s\nfin\n", to: "d.txt")
        let result = try Executable.run(["themes", "--check", "--themes", folder.url.path])
        #expect(result.status == 1)
        for location in ["a.txt:4: feil", "a.txt:5: feil", "a.txt:6: feil", "b.txt:3: feil", "c.txt:1: feil"] {
            #expect(result.standardError.contains(location), "\(location) missing in \(result.standardError)")
        }
        #expect(result.standardError.contains("c.txt:1: advarsel"))
        #expect(!result.standardError.contains("d.txt"))
        #expect(result.standardError.contains("5 feil i 3 av 4 filer"))
        #expect(result.standardOutput.isEmpty)
    }

    static let labels = """
        id\ttemaer\ttekst
        a\tsykefravaer\tSykefraværet må ned.
        b\tsykefravaer\tVi jobber med nærvær og sykefravær.
        c\tsykefravaer\tLavere sykefravær gir flere årsverk.
        d\theltid\tFlere heltidsstillinger og mindre deltid.
        e\theltid\tHeltid er viktig for kvaliteten.
        f\theltid\tUønsket deltid må ned, og heltid må opp.
        g\t\tKommunestyret møtes på torsdag.
        h\t\tBudsjettet ble vedtatt.

        """

    @Test func trainWritesAReadableModelThatClassifyAndEvaluateUse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let labels = try folder.write(Self.labels, to: "merker.tsv")
        let model = folder.url.appendingPathComponent("ut/modell.tsv")
        let trained = try Executable.run(["train", "--labels", labels.path, "--out", model.path])
        #expect(trained.status == 0, "\(trained.standardError)")
        let text = try String(contentsOf: model, encoding: .utf8)
        #expect(text.hasPrefix("# debattsvar-modell: logistisk\n"))
        #expect(text.contains("sykefravaer\t<konstant>\t"))
        let again = try Executable.run(["train", "--labels", labels.path, "--out", model.path])
        #expect(again.status == 0)
        #expect(try String(contentsOf: model, encoding: .utf8) == text, "same labels, same model")

        let classified = try Executable.run(["classify", "--classifier", "logistisk", "--model", model.path],
                                            input: "{\"id\": \"x\", \"text\": \"Sykefraværet er for høyt.\"}\n")
        #expect(classified.status == 0, "\(classified.standardError)")
        #expect(classified.standardOutput == "x\tsykefravaer\n")

        let evaluated = try Executable.run(["evaluate", "--gold", labels.path, "--classifier", "logistisk", "--model", model.path, "--no-misses"])
        #expect(evaluated.status == 0)
        #expect(evaluated.standardOutput.contains("mikro"))
    }

    @Test func evaluateCrossValidatesTrainedClassifiersOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let labels = try folder.write(Self.labels, to: "merker.tsv")
        let result = try Executable.run(["evaluate", "--gold", labels.path, "--classifier", "kombinert", "--folds", "2", "--no-misses"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("kryssvalidering: 2 deler"))
        let dictionary = try Executable.run(["evaluate", "--gold", labels.path, "--classifier", "ordliste", "--folds", "2"])
        #expect(dictionary.status == 64)
        #expect(dictionary.standardError.contains("--folds gjelder logistisk og kombinert"))
    }

    @Test func aBrokenModelFileIsNamedWithItsLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = try folder.write("# debattsvar-modell: logistisk\nheltid\tw:heltid\n", to: "m.tsv")
        let result = try Executable.run(["classify", "--classifier", "logistisk", "--model", model.path], input: "")
        #expect(result.status == 1)
        #expect(result.standardError.contains("m.tsv:2:"))
    }

    @Test(arguments: ["logistisk", "kombinert"])
    func runWorksWithTheTrainedClassifiers(classifier: String) throws {
        let output = try TemporaryFolder()
        defer { output.remove() }
        let result = try Executable.run(["run", Repository.url("corpora").path, "--out", output.url.path, "--year", "2025",
                                         "--classifier", classifier])
        #expect(result.status == 0, "\(result.standardError)")
        let table = try String(contentsOf: output.url.appendingPathComponent("2025/tema-per-sporsmal.csv"), encoding: .utf8)
        #expect(table.contains("sykefravaer"))
    }
}

/// `debattsvar kwic`: the places behind the report's quotes, on the terminal.
@Suite struct KwicTests {
    @Test func showsEachPlaceWithItsSentenceMunicipalityAndQuestion() throws {
        let result = try Executable.run(["kwic", "BPA", "--corpus", Repository.url("corpora").path])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "2025 · Drammen (3301), Buskerud · spørsmål 4 · 2025/svar/drammen.md:235 · tema: bpa")
        #expect(lines[1] == "    Rettigheter til **BPA**")
        #expect(result.standardError.contains("2 steder med «BPA» hos 1 avsender"))
        // Every place is on the line the location names.
        let source = try Repository.text("corpora/2025/svar/drammen.md").components(separatedBy: "\n")
        #expect(source[234].contains("BPA"))
    }

    @Test func aThemeShowsTheSameHitsAsTheEvidence() throws {
        let result = try Executable.run(["kwic", "--theme", "heltid", "--corpus", Repository.url("corpora").path, "--year", "2025"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("**heltidsansatte**"))
        let evidence = try Repository.text("reports/2025/evidens.csv")
        let rows = evidence.components(separatedBy: "\r\n").filter { $0.contains(";heltid;") }
        #expect(result.standardOutput.components(separatedBy: "· tema:").count - 1 == rows.count)
    }

    @Test func prefixesLimitsAndNothingFound() throws {
        let corpus = Repository.url("corpora").path
        let limited = try Executable.run(["kwic", "fleksib*", "--theme", "detaljstyring", "--corpus", corpus, "--limit", "2"])
        #expect(limited.status == 0)
        #expect(limited.standardOutput.split(separator: "\n").count == 4)
        #expect(limited.standardError.contains("viser 2"))
        let none = try Executable.run(["kwic", "ordsomikkefinnes", "--corpus", corpus])
        #expect(none.status == 0)
        #expect(none.standardOutput.isEmpty)
        #expect(none.standardError.contains("0 steder"))
    }
}
