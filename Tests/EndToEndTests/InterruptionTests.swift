import Foundation
import TestSupport
import Testing

/// A run stopped half-way with SIGINT or SIGTERM leaves the previous reports whole, says where
/// it stopped, leaves no temporary files, and a rerun completes.
@Suite struct InterruptionTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedRunLeavesPreviousReportsWhole(signalNumber: Int32) throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        // 200 answers: a few seconds for the release binary `make test` runs, so the signal
        // after one second comes while files are being read.
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", Repository.url("bench/generate_corpus.py").path, "--answers", "200",
                               "--out", corpus.url.appendingPathComponent("k").path, "--repo", Repository.root.path]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        let previous = "forrige kjøring\n"
        try output.write(previous, to: "manifest.csv")

        let process = Process()
        process.executableURL = Executable.url
        process.arguments = ["run", corpus.url.appendingPathComponent("k").path, "--out", output.url.path, "--jobs", "2"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        kill(process.processIdentifier, signalNumber)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        if process.terminationStatus == 0 {
            // The machine finished the whole run in the time given: nothing to check.
            withKnownIssue("the run ended before the signal came") { Issue.record("run too fast to interrupt") }
            return
        }
        #expect(process.terminationStatus == 128 + signalNumber)
        #expect(message.contains("avbrutt"))
        #expect(message.contains("filer behandlet") || message.contains("før første fil"))
        #expect(try String(contentsOf: output.url.appendingPathComponent("manifest.csv"), encoding: .utf8) == previous)
        let leftovers = FileManager.default.enumerator(atPath: output.url.path)?.compactMap { $0 as? String }
            .filter { $0.contains(".tmp-") } ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")

        let rerun = try Executable.run(["run", corpus.url.appendingPathComponent("k").path, "--out", output.url.path])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(try String(contentsOf: output.url.appendingPathComponent("manifest.csv"), encoding: .utf8) != previous)
    }
}
