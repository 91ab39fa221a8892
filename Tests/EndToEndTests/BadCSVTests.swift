import Foundation
import TestSupport
import Testing

/// Survey exports as they come: broken quoting, ragged rows, duplicate headers, a huge cell.
@Suite struct BadCSVTests {
    func run(_ csv: String) throws -> [[String]] {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try HostileInputTests.corpus(corpus)
        try corpus.write(csv, to: "2025/svar/skjema.csv")
        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        return CorpusRunTests.rows(try String(contentsOf: output.url.appendingPathComponent("2025/manifest.csv"), encoding: .utf8))
    }

    @Test func unclosedQuoteRaggedRowsAndDuplicateHeadersLoseNoRow() throws {
        let rows = try run("Kommune;Spørsmål 1;Spørsmål 1;Spørsmål 7\nÅs;\"uavsluttet svar;x;y\nBærum;BPA;heltid;mer\nDrammen;kort\nOslo;a;b;c;d;e\n")
        let header = rows[0]
        let path = header.firstIndex(of: "fil")!, name = header.firstIndex(of: "kommune")!, notes = header.firstIndex(of: "merknader")!
        #expect(rows.dropFirst().map { $0[name] } == ["Ås", "Bærum", "Drammen", "Oslo"])
        #expect(rows[1][path] == "2025/svar/skjema.csv#rad 2")
        #expect(rows[1][notes].contains("lukkes aldri"))
        #expect(rows[1][notes].contains("bare den første er lest"))
        #expect(rows[1][notes].contains("2 rader har et annet antall celler"))
    }

    /// 1,000 rows and a 1 MB cell here; 10,000 rows and a 5 MB cell in `LargeInputTests`.
    @Test func longExportWithOneHugeCell() throws {
        var csv = "Kommune;Spørsmål 1;Spørsmål 7\r\n"
        let names = ["Ås", "Bærum", "Drammen", "Asker", "Lillestrøm", "Nord-Fron", "Kautokeino", "Vestland fylkeskommune"]
        for index in 0 ..< 1_000 {
            csv += "\(names[index % names.count]);\"Svar \(index) med ; og \"\"sitat\"\"\nover to linjer\";heltid\r\n"
        }
        csv += "Oslo;\"" + String(repeating: "BPA og spesialundervisning. ", count: 36_000) + "\";kort\r\n"
        #expect(csv.utf8.count > 1_000_000)
        let rows = try run(csv)
        let status = rows[0].firstIndex(of: "status")!, path = rows[0].firstIndex(of: "fil")!
        #expect(rows.count == 1_002)
        #expect(rows.dropFirst().allSatisfy { $0[status] == "ok" })
        #expect(rows.last?[path] == "2025/svar/skjema.csv#rad 1002")
    }
}
