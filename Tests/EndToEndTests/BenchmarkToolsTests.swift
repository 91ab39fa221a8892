import Foundation
import TestSupport
import Testing

/// The pieces `make bench` is built from.
@Suite struct BenchmarkToolsTests {
    func python(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Every file's bytes below a folder, by relative path.
    func contents(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            result[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func generatorIsDeterministicAndItsCorpusRunsClean() throws {
        let first = try TemporaryFolder(), second = try TemporaryFolder(), output = try TemporaryFolder()
        defer { first.remove(); second.remove(); output.remove() }
        let script = Repository.url("bench/generate_corpus.py").path
        for folder in [first, second] {
            #expect(try python([script, "--answers", "16", "--out", folder.url.appendingPathComponent("k").path,
                                "--repo", Repository.root.path]) == 0)
        }
        let a = try contents(first.url.appendingPathComponent("k")), b = try contents(second.url.appendingPathComponent("k"))
        #expect(a.count > 12)
        #expect(a == b)

        let result = try Executable.run(["run", first.url.appendingPathComponent("k").path, "--out", output.url.path, "--timings"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains(" 0 feilet"))
        for stage in ["innlesing", "normalisering", "oppdeling", "klassifisering", "rapporter"] {
            #expect(result.standardError.contains("stage\t\(stage)\t"), "no time for \(stage)")
        }
    }
}
