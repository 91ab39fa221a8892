import Foundation
import Pipeline
import PipelineCore
import TestSupport
import Testing

/// A file deleted after the folder was listed and before it is read: the run goes on, and the
/// manifest says the file went away.
@Suite struct VanishingFileTests {
    static func corpus(_ folder: TemporaryFolder) throws {
        try folder.write(try Repository.text("corpora/2025/sporsmal.tsv"), to: "2025/sporsmal.tsv")
        for name in ["kommuner-2020.tsv", "fylker-2020.tsv", "kommuner-2024.tsv", "fylker-2024.tsv"] {
            try folder.write(try Data(contentsOf: Repository.url("corpora/register/\(name)")), to: "register/\(name)")
        }
        try folder.write("Spørsmål 4\nRettigheter til BPA.\n", to: "2025/svar/as.txt")
        try folder.write("Spørsmål 7\nFlere heltidsstillinger.\n", to: "2025/svar/baerum.txt")
        try folder.write("Kommune;Spørsmål 7\nDrammen;heltid og BPA\n", to: "2025/svar/drammen.csv")
    }

    func run(_ corpus: TemporaryFolder, deleting names: Set<String>) throws -> (RunSummary, [String]) {
        let output = try TemporaryFolder()
        defer { output.remove() }
        var options = RunOptions(corpus: corpus.url, output: output.url, jobs: 2)
        let seen = Listing()
        options.afterListing = { _, files in
            seen.set(files.map(\.relativePath))
            for file in files where names.contains(file.url.lastPathComponent) {
                try? FileManager.default.removeItem(at: file.url)
            }
        }
        let summary = try CorpusRun(options: options, analyzer: try TextAnalyzer.make()).run()
        return (summary, seen.get())
    }

    @Test func aFileDeletedBeforeItIsReadIsNamedInTheManifest() throws {
        let whole = try TemporaryFolder(), shrinking = try TemporaryFolder()
        defer { whole.remove(); shrinking.remove() }
        try Self.corpus(whole)
        try Self.corpus(shrinking)
        let (before, _) = try run(whole, deleting: [])
        let (after, listed) = try run(shrinking, deleting: ["baerum.txt", "drammen.csv"])
        #expect(listed == ["2025/svar/as.txt", "2025/svar/baerum.txt", "2025/svar/drammen.csv"])

        let byPath = Dictionary(uniqueKeysWithValues: after.entries.map { ($0.path, $0) })
        for gone in ["2025/svar/baerum.txt", "2025/svar/drammen.csv"] {
            #expect(byPath[gone]?.status == .failed)
            #expect(byPath[gone]?.reason == "fila forsvant under kjøringen (slettet eller flyttet etter at mappa ble lest)")
        }
        #expect(after.count(.failed) == 2)
        #expect(after.line.hasPrefix("3 filer: 1 behandlet, 0 hoppet over, 2 feilet"))
        // The file that stayed gives what it gave in the run where nothing went away.
        let kept = try #require(byPath["2025/svar/as.txt"])
        let earlier = try #require(before.entries.first { $0.path == "2025/svar/as.txt" })
        #expect(kept.status == .ok)
        #expect(kept.answersPerQuestion == earlier.answersPerQuestion)
        #expect(kept.charactersKept == earlier.charactersKept)
        #expect(before.count(.ok) == 3)
    }
}

/// The listing the hook saw, handed back across threads.
final class Listing: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    func set(_ value: [String]) { lock.lock(); paths = value; lock.unlock() }
    func get() -> [String] { lock.lock(); defer { lock.unlock() }; return paths }
}
