import Foundation

/// Runs the built `debattsvar` binary, as a user would.
public enum Executable {
    public struct Result {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The binary named by `DEBATTSVAR_BINARY` (`make test` builds the release binary and
    /// names it, so the runs over large inputs take seconds, not minutes), else the one built
    /// next to the test bundle.
    public static var url: URL {
        if let path = ProcessInfo.processInfo.environment["DEBATTSVAR_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path).standardizedFileURL
        }
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("debattsvar") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// The user tests run the binary as when they run as root, so that file permissions
    /// apply (root reads and writes everything): `nobody`.
    public static let unprivilegedID: UInt32 = 65534

    /// A command prefix that runs the binary as `unprivilegedID` when this process is root
    /// (`setpriv` from util-linux); empty for any other user, whom permissions bind already.
    public static var asUnprivilegedUser: [String] {
        getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=\(unprivilegedID)", "--regid=\(unprivilegedID)", "--clear-groups"] : []
    }

    static let unprivilegedCopyFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("debattsvar-unprivileged-\(getpid())")

    /// A copy of the binary and its resource bundles in a folder every user may read, for runs
    /// as `unprivilegedID`: the build folder may lie under a folder only root can enter (a
    /// clone in `mktemp -d`). Made once per test process and removed when it exits; the binary
    /// itself when not root.
    static let binaryForUnprivilegedUser: URL = {
        guard getuid() == 0 else { return url }
        let source = url.deletingLastPathComponent()
        let folder = unprivilegedCopyFolder
        atexit { try? FileManager.default.removeItem(at: Executable.unprivilegedCopyFolder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let bundles = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".resources") }
            for name in [url.lastPathComponent] + bundles {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            }
            for path in [""] + (FileManager.default.subpaths(atPath: folder.path) ?? []) {
                let item = folder.appendingPathComponent(path).path
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: item, isDirectory: &isDirectory)
                let executable = isDirectory.boolValue || path == url.lastPathComponent
                chmod(item, executable ? 0o755 : 0o644)
            }
            return folder.appendingPathComponent(url.lastPathComponent)
        } catch {
            return url
        }
    }()

    /// Hands `folder` and everything in it to `unprivilegedID` when this process is root, so a
    /// binary run with `asUnprivilegedUser` may write there.
    public static func giveToUnprivilegedUser(_ folder: URL) {
        guard getuid() == 0 else { return }
        chown(folder.path, unprivilegedID, unprivilegedID)
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            lchown(folder.appendingPathComponent(path).path, unprivilegedID, unprivilegedID)
        }
    }

    /// Runs `debattsvar` with `arguments`, feeding `input` on standard input.
    /// `environment` is added to this process's environment. `prefix` is a command the binary
    /// runs under (`prlimit --fsize=…`, `asUnprivilegedUser`).
    public static func run(_ arguments: [String], input: String? = nil, in directory: URL? = nil,
                           environment: [String: String] = [:], prefix: [String] = []) throws -> Result {
        let process = Process()
        if let command = prefix.first {
            let binary = prefix == asUnprivilegedUser ? binaryForUnprivilegedUser : url
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = Array(prefix.dropFirst()) + [binary.path] + arguments
        } else {
            process.executableURL = url
            process.arguments = arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }
}
