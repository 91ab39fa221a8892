import Foundation
import TestSupport
import Testing

/// Inputs far larger than an answer: a 50 MB file that is one line, a 10,000-row export with a
/// 5 MB cell, 10,000 small files. Each is accounted for and the run stays fast (`make test`
/// runs these with the release binary).
@Suite struct LargeInputTests {
    /// Manifest rows as (path, status), read on the lines: a full CSV parse of 10,000 rows is
    /// slow in a debug build. The first eight columns never hold a `;`.
    static func manifest(_ folder: URL, year: String = "2025") throws -> [(path: String, status: String)] {
        let text = try String(contentsOf: folder.appendingPathComponent("\(year)/manifest.csv"), encoding: .utf8)
        return text.components(separatedBy: "\r\n").dropFirst().filter { $0.hasPrefix("\(year)/") }.map { line in
            let cells = line.split(separator: ";", maxSplits: 8, omittingEmptySubsequences: false)
            return (String(cells[0]), String(cells[7]))
        }
    }

    /// A small manifest's rows by path, fully parsed: (status, reason).
    static func rows(_ folder: URL) throws -> [String: (status: String, reason: String)] {
        let rows = CorpusRunTests.rows(try String(contentsOf: folder.appendingPathComponent("2025/manifest.csv"), encoding: .utf8))
        let path = rows[0].firstIndex(of: "fil")!, status = rows[0].firstIndex(of: "status")!, reason = rows[0].firstIndex(of: "årsak")!
        return Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[path], ($0[status], $0[reason])) })
    }

    /// About 1 MB of one line of booklet words, starting with a question heading.
    static func oneLine(megabytes: Int) throws -> Data {
        let words = try Repository.text("corpora/2025/hefte.txt").split(whereSeparator: \.isWhitespace)
        var chunk = ""
        var index = 0
        while chunk.utf8.count < 1_000_000 {
            chunk += words[index % words.count] + " "
            index += 7
        }
        var data = Data("Spørsmål 7 Vi trenger heltid og ".utf8)
        for _ in 0 ..< megabytes { data.append(Data(chunk.utf8)) }
        return data
    }

    @Test func aFiftyMegabyteLineIsSkippedWithItsSizeAndTheOptionThatReadsIt() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try HostileInputTests.corpus(corpus)
        let huge = try Self.oneLine(megabytes: 50)
        #expect(huge.count > 50_000_000 && huge.count < 51_000_000 && !huge.contains(0x0A))
        try corpus.write(huge, to: "2025/svar/en-linje.txt")
        try corpus.write(try Self.oneLine(megabytes: 2), to: "2025/svar/drammen.txt")
        try corpus.write("Spørsmål 7\nFlere heltidsstillinger.\n", to: "2025/svar/as.txt")

        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("3 filer: 2 behandlet, 1 hoppet over, 0 feilet"), "\(result.standardError)")
        var rows = try Self.rows(output.url)
        #expect(rows["2025/svar/en-linje.txt"]?.status == "skipped")
        #expect(rows["2025/svar/en-linje.txt"]?.reason
            == "fila er for stor: 50,0 MB tekst, grensen er 32 MB (et vanlig svar er under 1 MB); les den likevel med --max-file-size 51")
        #expect(rows["2025/svar/drammen.txt"]?.status == "ok")
        #expect(rows["2025/svar/as.txt"]?.status == "ok")

        // The limit is the user's: lowered below the 2 MB line, that file is skipped too.
        try FileManager.default.removeItem(at: corpus.url.appendingPathComponent("2025/svar/en-linje.txt"))
        let lowered = try Executable.run(["run", corpus.url.path, "--out", output.url.path, "--max-file-size", "1"])
        #expect(lowered.status == 0, "\(lowered.standardError)")
        rows = try Self.rows(output.url)
        #expect(rows["2025/svar/drammen.txt"]?.status == "skipped")
        #expect(rows["2025/svar/drammen.txt"]?.reason.contains("grensen er 1 MB") == true)
        #expect(rows["2025/svar/as.txt"]?.status == "ok")
    }

    @Test func tenThousandRowExportWithAFiveMegabyteCell() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try HostileInputTests.corpus(corpus)
        var csv = "Kommune;Spørsmål 1;Spørsmål 7\r\n"
        let names = ["Ås", "Bærum", "Drammen", "Asker", "Lillestrøm", "Nord-Fron", "Kautokeino", "Vestland fylkeskommune"]
        for index in 0 ..< 10_000 {
            csv += "\(names[index % names.count]);\"Svar \(index) med ; og \"\"sitat\"\"\nover to linjer\";heltid\r\n"
        }
        csv += "Oslo;\"" + String(repeating: "BPA og spesialundervisning. ", count: 180_000) + "\";kort\r\n"
        #expect(csv.utf8.count > 5_000_000)
        try corpus.write(csv, to: "2025/svar/skjema.csv")

        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("10001 filer: 10001 behandlet, 0 hoppet over, 0 feilet"), "\(result.standardError)")
        let rows = try Self.manifest(output.url)
        #expect(rows.count == 10_001)
        #expect(rows.allSatisfy { $0.status == "ok" })
        #expect(rows.last?.path == "2025/svar/skjema.csv#rad 10002")
        // 1,250 answers from each municipality: each row names a few of the others, not all.
        let size = try FileManager.default.attributesOfItem(atPath: output.url.appendingPathComponent("2025/manifest.csv").path)[.size] as? Int
        #expect((size ?? 0) < 10_000_000, "manifest.csv is \(size ?? 0) bytes")
        let manifest = try String(contentsOf: output.url.appendingPathComponent("2025/manifest.csv"), encoding: .utf8)
        #expect(manifest.contains("og 1244 andre; alle 1250 er tatt med"))
    }

    @Test func tenThousandSmallFiles() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try HostileInputTests.corpus(corpus)
        for index in 0 ..< 10_000 {
            try corpus.write("Spørsmål \(1 + index % 7)\nSvar \(index): flere heltidsstillinger og BPA.\n",
                             to: "2025/svar/mappe\(index / 1000)/svar-\(index).txt")
        }
        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("10000 filer: 10000 behandlet, 0 hoppet over, 0 feilet"), "\(result.standardError)")
        let rows = try Self.manifest(output.url)
        #expect(rows.count == 10_000)
        #expect(rows.allSatisfy { $0.status == "ok" })
        #expect(Set(rows.map(\.path)).count == 10_000)
        #expect(rows.contains { $0.path == "2025/svar/mappe9/svar-9999.txt" })
    }
}
