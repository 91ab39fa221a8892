import Foundation
import TestSupport
import Testing

/// Answers written to attack the reader end up inert in every report format, and bad files do
/// not change what the good files give.
@Suite struct HostileInputTests {
    static func corpus(_ folder: TemporaryFolder) throws {
        try folder.write(try Repository.text("corpora/2025/sporsmal.tsv"), to: "2025/sporsmal.tsv")
        for name in ["kommuner-2020.tsv", "fylker-2020.tsv", "kommuner-2024.tsv", "fylker-2024.tsv"] {
            try folder.write(try Data(contentsOf: Repository.url("corpora/register/\(name)")), to: "register/\(name)")
        }
    }

    /// Every report file below a folder, as text; hidden folders (the result cache, which keeps
    /// the answers as they were read) left out.
    static func reports(_ folder: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent.hasPrefix(".") {
                enumerator?.skipDescendants()
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            result[String(url.path.dropFirst(folder.path.count + 1))] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        return result
    }

    @Test func hostileTextIsInertEverywhere() throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try Self.corpus(corpus)
        let hostile = """
        Spørsmål 4
        <script>alert(1)</script> "><img src=x onerror=alert(2)> {{7*7}} BPA er viktig.
        =HYPERLINK("http://x","klikk") BPA
        @SUM(1) heltid \u{202E}gnirtS BPA
        [lenke](javascript:alert(3)) BPA og **fet** | tabell |
        \(String(repeating: "spesialundervisning", count: 2000)) BPA
        """
        try corpus.write(hostile, to: "2025/svar/<b>as\u{202E}.md")
        let result = try Executable.run(["run", corpus.url.path, "--out", output.url.path])
        #expect(result.status == 0, "\(result.standardError)")
        let files = try Self.reports(output.url)
        #expect(files.keys.contains("2025/rapport.html"))
        for (name, text) in files {
            #expect(!text.unicodeScalars.contains("\u{202E}"), "direction override in \(name)")
            if name.hasSuffix(".html") {
                #expect(!text.contains("<script>alert"), "live script in \(name)")
                #expect(!text.contains("<img src=x"), "live image in \(name)")
            }
            if name.hasSuffix(".csv") {
                for line in text.components(separatedBy: "\r\n") {
                    for cell in line.split(separator: ";") {
                        let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                        #expect(!bare.hasPrefix("=") && !bare.hasPrefix("@"), "formula cell in \(name): \(cell.prefix(40))")
                    }
                }
            }
            if name.hasSuffix(".md") {
                #expect(!text.contains("](javascript:"), "live link in \(name)")
                // Tags from an answer are escaped (`\\<script`) or inside a code span, so none can open.
                let outsideCode = text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
                for tag in ["<script", "<img", "<b>"] {
                    let raw = outsideCode.components(separatedBy: tag).dropFirst().count
                    let escaped = outsideCode.components(separatedBy: "\\" + tag).dropFirst().count
                    #expect(raw == escaped, "unescaped \(tag) in \(name)")
                }
            }
        }
        for name in files.keys { #expect(!name.contains("..") && !name.contains("<")) }
    }

    @Test func badFilesDoNotChangeTheGoodFilesResults() throws {
        let clean = try TemporaryFolder(), mixed = try TemporaryFolder(), out1 = try TemporaryFolder(), out2 = try TemporaryFolder()
        defer { [clean, mixed, out1, out2].forEach { $0.remove() } }
        for folder in [clean, mixed] {
            try Self.corpus(folder)
            try folder.write(try Repository.text("corpora/2025/svar/drammen.md"), to: "2025/svar/drammen.md")
            try folder.write("Spørsmål 7\nFlere heltidsstillinger og mindre deltid.\n", to: "2025/svar/as.txt")
        }
        try mixed.write(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]), to: "2025/svar/bilde.txt")
        try mixed.write(Data([0xFF, 0xFE, 0x00]), to: "2025/svar/halv.txt")
        try mixed.write("", to: "2025/svar/tom.md")
        try mixed.write("\"Kommune\";\"Spørsmål 1\nBPA;\"uavsluttet\n", to: "2025/svar/skjema.csv")
        _ = try Executable.run(["run", clean.url.path, "--out", out1.url.path])
        _ = try Executable.run(["run", mixed.url.path, "--out", out2.url.path])
        let first = try Self.reports(out1.url), second = try Self.reports(out2.url)
        // Drammen's and Ås' pages, quotes and evidence are the same with the bad files beside them.
        for name in ["2025/evidens.csv", "2025/kommuner/3301-drammen.md"] {
            #expect(first[name] != nil)
            #expect(first[name] == second[name], "\(name) changed")
        }
        let manifest = CorpusRunTests.rows(second["2025/manifest.csv"]!)
        #expect(manifest.count == 7) // header + 6 files
    }
}
