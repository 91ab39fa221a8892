import Foundation
import TestSupport
import Testing

/// Files a pile can hold that are not plain answer files: each gets a manifest row that says
/// what it is, and the run goes on.
@Suite struct OddFilesTests {
    @Test func linksPipesDeepFoldersAndOddNamesAreAccountedFor() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try corpus.write(try Repository.text("corpora/2025/sporsmal.tsv"), to: "2025/sporsmal.tsv")
        for name in ["kommuner-2020.tsv", "fylker-2020.tsv", "kommuner-2024.tsv", "fylker-2024.tsv"] {
            try corpus.write(try Data(contentsOf: Repository.url("corpora/register/\(name)")), to: "register/\(name)")
        }
        let answers = corpus.url.appendingPathComponent("2025/svar")
        let deep = (1 ... 50).map { "n\($0)" }.joined(separator: "/")
        try corpus.write("Spørsmål 4\nRettigheter til BPA.\n", to: "2025/svar/\(deep)/as.txt")
        try corpus.write("Spørsmål 7\nFlere heltidsstillinger.\n", to: "2025/svar/ny\nlinje \"æøå\" ås.txt")
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: answers.appendingPathComponent("løkke").path, withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: answers.appendingPathComponent("borte.txt").path, withDestinationPath: "/finnes/ikke.txt")
        #expect(mkfifo(answers.appendingPathComponent("rør.txt").path, 0o644) == 0)

        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path])
        #expect(result.status == 1) // the broken link failed; everything else went through
        let rows = CorpusRunTests.rows(try String(contentsOf: output.url.appendingPathComponent("2025/manifest.csv"), encoding: .utf8))
        let path = rows[0].firstIndex(of: "fil")!, status = rows[0].firstIndex(of: "status")!, reason = rows[0].firstIndex(of: "årsak")!
        let byPath = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[path], $0) })
        #expect(byPath.count == 5)
        #expect(byPath["2025/svar/\(deep)/as.txt"]?[status] == "ok")
        #expect(byPath["2025/svar/ny\nlinje \"æøå\" ås.txt"]?[status] == "ok")
        #expect(byPath["2025/svar/løkke"]?[reason].contains("lenke til en mappe") == true)
        #expect(byPath["2025/svar/borte.txt"]?[status] == "failed")
        #expect(byPath["2025/svar/rør.txt"]?[reason].contains("ikke en vanlig fil") == true)
    }
}

@Suite struct LongLineTests {
    /// A file that is one long line (a PDF export without line breaks) is split, classified and
    /// quoted like any other; quotes stay short.
    @Test func oneLineFile() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try corpus.write(try Repository.text("corpora/2025/sporsmal.tsv"), to: "2025/sporsmal.tsv")
        for name in ["kommuner-2020.tsv", "fylker-2020.tsv", "kommuner-2024.tsv", "fylker-2024.tsv"] {
            try corpus.write(try Data(contentsOf: Repository.url("corpora/register/\(name)")), to: "register/\(name)")
        }
        let words = try Repository.text("corpora/2025/hefte.txt").split(whereSeparator: \.isWhitespace)
        var line = "Spørsmål 7 Vi trenger heltid og "
        var index = 0
        while line.utf8.count < 1_000_000 {
            line += words[index % words.count] + " "
            index += 7
        }
        try corpus.write(line, to: "2025/svar/drammen.txt")
        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        let evidence = try String(contentsOf: output.url.appendingPathComponent("2025/evidens.csv"), encoding: .utf8)
        let rows = CorpusRunTests.rows(evidence)
        #expect(rows.count > 10)
        let excerpt = rows[0].firstIndex(of: "utdrag")!
        for row in rows.dropFirst() { #expect(row[excerpt].count < 400) }
    }
}
