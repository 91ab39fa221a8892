import Foundation
import TestSupport
import Testing

/// The bad inputs of a pile side by side in one run: each gets a manifest row with a status
/// a person understands, the run finishes, exit code 1 because two failed, and one summary line.
@Suite struct BadInputManifestTests {
    @Test func everyBadInputHasARowThatSaysWhat() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try HostileInputTests.corpus(corpus)
        func write(_ data: Data, _ name: String) throws { try corpus.write(data, to: "2025/svar/\(name)") }
        func utf16(_ text: String) -> Data { text.data(using: .utf16LittleEndian)! }
        try write(Data("Spørsmål 4\nBPA er viktig.\n".utf8) + Data([0xFF, 0xFE, 0xC3, 0x28, 0x0A]), "ugyldig-utf8.txt")
        try write("Spørsmål 4\nBPA og spesialundervisning må styrkes.\n".data(using: .isoLatin1)!, "latin1.txt")
        try write(Data([0xFF, 0xFE]) + utf16("Spørsmål 7\nFlere heltidsstillinger.\n"), "utf16-bom.txt")
        try write(utf16("Spørsmål 7\nHeltid for alle.\n"), "utf16-uten-bom.txt")
        try write(Data([0x53, 0x70, 0x00, 0x00, 0x72, 0x0A, 0x42, 0x50, 0x41, 0x00]), "nul-byte.txt")
        try write(Data("Spørsmål 4\r\nBPA.\rSpørsmål 7\nheltid\r\n".utf8), "linjeslutt.txt")
        try write(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]), "bilde.png")
        try write(Data((0 ... 255).map { UInt8($0) }), "binær.txt")
        try write(Data("%PDF-1.4\n".utf8), "vedtak.pdf")
        try write(Data("Oslo kommune\nSpørsmål 4\nBPA.\n".utf8), "oslo-1.txt")
        try write(Data("Oslo kommune\nSpørsmål 7\nHeltid.\n".utf8), "oslo-2.txt")
        try write(Data("Spørsmål 4\nBPA fra et sted ingen kjenner.\n".utf8), "ukjent.txt")
        try write(Data(), "tom.txt")
        try write(Data("  \n\t\n".utf8), "blank.md")

        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path], environment: ["DEBATTSVAR_PDFTOTEXT": ""])
        #expect(result.status == 1)
        #expect(result.standardError.split(separator: "\n").last?.hasPrefix("14 filer: 8 behandlet, 4 hoppet over, 2 feilet") == true,
                "\(result.standardError)")
        let rows = CorpusRunTests.rows(try String(contentsOf: output.url.appendingPathComponent("2025/manifest.csv"), encoding: .utf8))
        let header = rows[0]
        let column = Dictionary(uniqueKeysWithValues: ["fil", "tegnkoding", "kommune", "status", "årsak", "svar_per_spørsmål", "merknader"]
            .map { ($0, header.firstIndex(of: $0)!) })
        let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { (String($0[column["fil"]!].dropFirst("2025/svar/".count)), $0) })
        func cell(_ name: String, _ key: String) -> String { byName[name]?[column[key]!] ?? "<ingen rad>" }
        #expect(byName.count == 14)

        #expect(cell("ugyldig-utf8.txt", "status") == "ok")
        #expect(cell("ugyldig-utf8.txt", "merknader").contains("ikke gyldig UTF-8; lest som Windows-1252"))
        #expect(cell("latin1.txt", "tegnkoding") == "Windows-1252")
        #expect(cell("latin1.txt", "svar_per_spørsmål") == "4:1")
        #expect(cell("utf16-bom.txt", "tegnkoding") == "UTF-16 LE")
        #expect(cell("utf16-uten-bom.txt", "tegnkoding") == "UTF-16 LE uten BOM")
        #expect(cell("utf16-uten-bom.txt", "svar_per_spørsmål") == "7:1")
        #expect(cell("nul-byte.txt", "status") == "failed")
        #expect(cell("nul-byte.txt", "årsak") == "binærfil, ikke tekst (NUL-byte ved byte 2)")
        #expect(cell("linjeslutt.txt", "svar_per_spørsmål") == "4:1 7:1")
        #expect(cell("bilde.png", "status") == "skipped")
        #expect(cell("bilde.png", "årsak").hasPrefix("formatet .png støttes ikke"))
        #expect(cell("binær.txt", "status") == "failed")
        #expect(cell("binær.txt", "årsak").hasPrefix("binærfil, ikke tekst"))
        #expect(cell("vedtak.pdf", "status") == "skipped")
        #expect(cell("vedtak.pdf", "årsak").contains("apt-get install poppler-utils"))
        #expect(cell("oslo-1.txt", "kommune") == "Oslo" && cell("oslo-2.txt", "kommune") == "Oslo")
        #expect(cell("oslo-1.txt", "merknader").contains("samme kommune har også svart i 2025/svar/oslo-2.txt; begge er tatt med"))
        #expect(cell("oslo-2.txt", "merknader").contains("samme kommune har også svart i 2025/svar/oslo-1.txt; begge er tatt med"))
        #expect(cell("ukjent.txt", "status") == "ok")
        #expect(cell("ukjent.txt", "merknader").contains("fant ikke kommunen"))
        #expect(cell("tom.txt", "årsak") == "tom fil")
        #expect(cell("blank.md", "årsak") == "fila har ingen tekst (bare blanktegn)")
        // Both of Oslo's answers count: one municipality, answering questions 4 and 7.
        let table = CorpusRunTests.rows(try String(contentsOf: output.url.appendingPathComponent("2025/tema-per-kommune.csv"), encoding: .utf8))
        #expect(table.filter { $0.contains("Oslo") }.count == 1)
    }
}
