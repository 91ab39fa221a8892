import Foundation
import TestSupport
import Testing

/// Runs the built `debattsvar` binary.
@Suite struct CommandLineTests {
    @Test func helpListsEveryCommand() throws {
        let result = try Executable.run(["--help"])
        #expect(result.status == 0)
        for command in ["run", "normalize", "classify", "themes"] {
            #expect(result.standardOutput.contains("  \(command) "))
            let help = try Executable.run([command, "--help"])
            #expect(help.status == 0)
            #expect(help.standardOutput.contains("Bruk: debattsvar \(command)"))
        }
    }

    @Test(arguments: [["finnes-ikke"], ["run", "--ukjent"], ["run", "--year", "tjue"], ["run", "a", "b"],
                      ["normalize", "--join-lines=ja"], ["classify", "--themes"], [], ["run", "/finnes/ikke"],
                      ["classify", "--classifier", "finnes-ikke"]])
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
        #expect(result.standardOutput == "a\tbpa,spesialundervisning\nb\tdetaljstyring,heltid\nc\t\n7\theltid\n")
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
}
