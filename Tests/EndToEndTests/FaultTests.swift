import Foundation
import TestSupport
import Testing

/// Files that cannot be read and reports that cannot be written, made for real: permissions
/// bind a user other than root (the binary runs as `nobody` when the tests run as root), a file
/// size limit makes writes fail with EFBIG, and a file stands where a folder should.
@Suite struct FaultTests {
    /// A small corpus of two answers everyone may read.
    static func corpus(_ folder: TemporaryFolder) throws {
        try HostileInputTests.corpus(folder)
        try folder.write(try Repository.text("corpora/2025/svar/drammen.md"), to: "2025/svar/drammen.md")
        try folder.write("Spørsmål 7\nFlere heltidsstillinger og mindre deltid.\n", to: "2025/svar/as.txt")
    }

    @Test func anUnreadableFileIsNamedAndTheOthersAreUnchanged() throws {
        let clean = try TemporaryFolder(), locked = try TemporaryFolder()
        let out1 = try TemporaryFolder(), out2 = try TemporaryFolder()
        defer { [clean, locked, out1, out2].forEach { $0.remove() } }
        try Self.corpus(clean)
        try Self.corpus(locked)
        let secret = try locked.write("Spørsmål 4\nRettigheter til BPA.\n", to: "2025/svar/hemmelig.txt")
        #expect(chmod(secret.path, 0) == 0)
        Executable.giveToUnprivilegedUser(out1.url)
        Executable.giveToUnprivilegedUser(out2.url)
        let user = Executable.asUnprivilegedUser

        let first = try Executable.run(["run", clean.url.path, "--out", out1.url.path], prefix: user)
        #expect(first.status == 0, "\(first.standardError)")
        let result = try Executable.run(["run", locked.url.path, "--out", out2.url.path], prefix: user)
        #expect(result.status == 1, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.last?.hasPrefix("3 filer: 2 behandlet, 0 hoppet over, 1 feilet") == true, "\(result.standardError)")
        #expect(result.standardError.contains("2025/svar/hemmelig.txt: kan ikke lese fila: mangler lesetilgang"))

        let rows = CorpusRunTests.rows(try String(contentsOf: out2.url.appendingPathComponent("2025/manifest.csv"), encoding: .utf8))
        let path = rows[0].firstIndex(of: "fil")!, status = rows[0].firstIndex(of: "status")!, reason = rows[0].firstIndex(of: "årsak")!
        let byPath = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[path], $0) })
        #expect(byPath["2025/svar/hemmelig.txt"]?[status] == "failed")
        #expect(byPath["2025/svar/hemmelig.txt"]?[reason] == "kan ikke lese fila: mangler lesetilgang (sjekk filrettighetene)")
        #expect(byPath["2025/svar/as.txt"]?[status] == "ok")
        #expect(byPath["2025/svar/drammen.md"]?[status] == "ok")
        let before = try HostileInputTests.reports(out1.url), after = try HostileInputTests.reports(out2.url)
        for name in ["2025/evidens.csv", "2025/tema-per-sporsmal.csv", "2025/kommuner/3301-drammen.md", "2025/kommuner/3218-as.md"] {
            #expect(before[name] != nil, "\(name) missing")
            #expect(before[name] == after[name], "\(name) changed")
        }
    }

    enum Obstacle: String, CaseIterable, Sendable {
        /// RLIMIT_FSIZE below the size of the HTML report: the write fails with EFBIG.
        case fileSizeLimit
        /// The output folders may not be written by the user running the binary.
        case readOnlyFolder
        /// A year's folder is a file: creating files below it fails with ENOTDIR.
        case fileInsteadOfFolder
    }

    @Test(arguments: Obstacle.allCases)
    func reportsThatCannotBeWrittenLeaveThePreviousOnesWhole(obstacle: Obstacle) throws {
        let corpus = try TemporaryFolder(), output = try TemporaryFolder()
        defer { corpus.remove(); output.remove() }
        try Self.corpus(corpus)
        let arguments = ["run", corpus.url.path, "--out", output.url.path]
        #expect(try Executable.run(arguments).status == 0)
        try output.write("eldre rapport\n", to: "2025/rapport.md")
        var previous = try HostileInputTests.reports(output.url)
        #expect(previous["2025/rapport.html"] != nil)

        var prefix: [String] = []
        var expected = ""
        switch obstacle {
        case .fileSizeLimit:
            // Smaller than the HTML report, larger than the small CSV files.
            prefix = ["/usr/bin/prlimit", "--fsize=20000"]
            expected = "grense for filstørrelse"
        case .readOnlyFolder:
            prefix = Executable.asUnprivilegedUser
            if prefix.isEmpty { try Self.setWritable(false, below: output.url) }
            expected = "mangler skrivetilgang"
        case .fileInsteadOfFolder:
            try FileManager.default.removeItem(at: output.url.appendingPathComponent("2025/kommuner"))
            try output.write("ikke en mappe", to: "2025/kommuner")
            previous = try HostileInputTests.reports(output.url)
            expected = "en del av stien er en fil, ikke en mappe"
        }
        defer { try? Self.setWritable(true, below: output.url) }
        let result = try Executable.run(arguments, prefix: prefix)
        #expect(result.status == 74, "\(result.standardError)")
        #expect(result.standardError.contains("rapportene ble ikke skrevet"), "\(result.standardError)")
        #expect(result.standardError.contains(expected), "\(result.standardError)")
        #expect(result.standardError.contains("forrige kjøring"))
        // Every previous report is whole, none is new, and no temporary file is left.
        let now = try HostileInputTests.reports(output.url)
        #expect(Set(now.keys) == Set(previous.keys), "\(Set(now.keys).symmetricDifference(previous.keys))")
        for (name, text) in previous { #expect(now[name] == text, "\(name) changed") }
        #expect(now.keys.allSatisfy { !($0 as NSString).lastPathComponent.hasPrefix(".") }, "\(now.keys.sorted())")
    }

    /// True when this process may mount a tmpfs (root with the capability to mount, as in a
    /// usual container or CI runner), to fill a disk for real.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, let folder = try? TemporaryFolder() else { return false }
        defer { folder.remove() }
        guard command(["/bin/mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", folder.url.path]) == 0 else { return false }
        _ = command(["/bin/umount", folder.url.path])
        return true
    }()

    @discardableResult
    static func command(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A disk that fills up: a tmpfs with room for one set of reports and half of another.
    /// A run stages every file before renaming any, so the second run runs out of space.
    @Test(.enabled(if: FaultTests.canMountTmpfs, "needs root and the right to mount a tmpfs"))
    func aFullDiskLeavesThePreviousReportsWhole() throws {
        let corpus = try TemporaryFolder(), first = try TemporaryFolder(), disk = try TemporaryFolder()
        defer { corpus.remove(); first.remove(); disk.remove() }
        try Self.corpus(corpus)
        #expect(try Executable.run(["run", corpus.url.path, "--out", first.url.path]).status == 0)
        let pages = try HostileInputTests.reports(first.url).values.reduce(0) { $0 + ($1.utf8.count + 4095) / 4096 }
        let size = (pages + pages / 2) * 4096
        try #require(Self.command(["/bin/mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", disk.url.path]) == 0)
        defer { Self.command(["/bin/umount", disk.url.path]) }
        let output = disk.url.appendingPathComponent("rapporter")
        let arguments = ["run", corpus.url.path, "--out", output.path]
        let fits = try Executable.run(arguments)
        try #require(fits.status == 0, "one set of reports should fit: \(fits.standardError)")
        let previous = try HostileInputTests.reports(output)

        let result = try Executable.run(arguments)
        #expect(result.status == 74, "\(result.standardError)")
        #expect(result.standardError.contains("disken er full"), "\(result.standardError)")
        let now = try HostileInputTests.reports(output)
        #expect(now == previous, "\(Set(now.keys).symmetricDifference(previous.keys))")
    }

    /// Takes write permission from (or gives it back to) every folder below `folder`.
    static func setWritable(_ writable: Bool, below folder: URL) throws {
        var folders = [folder.path]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue { folders.append(full) }
        }
        for path in folders { chmod(path, writable ? 0o755 : 0o555) }
    }
}
