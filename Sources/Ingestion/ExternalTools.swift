import Foundation

/// Programs outside the package that some formats need: `pdftotext` (Debian: poppler-utils) for
/// PDF, `unzip` or `python3` to open `.docx`. Found on `PATH`; `DEBATTSVAR_PDFTOTEXT`,
/// `DEBATTSVAR_UNZIP` and `DEBATTSVAR_PYTHON3` name another path, or hide a tool when empty.
public struct ExternalTools: Sendable {
    public var pdftotext: URL?
    public var unzip: URL?
    public var python3: URL?

    public init(pdftotext: URL?, unzip: URL?, python3: URL?) {
        self.pdftotext = pdftotext
        self.unzip = unzip
        self.python3 = python3
    }

    /// The tools as the environment finds them.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ExternalTools {
        let path = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        func find(_ name: String, override: String) -> URL? {
            if let given = environment[override] {
                return given.isEmpty || !FileManager.default.isExecutableFile(atPath: given) ? nil : URL(fileURLWithPath: given)
            }
            for folder in path where !folder.isEmpty {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
            return nil
        }
        return ExternalTools(pdftotext: find("pdftotext", override: "DEBATTSVAR_PDFTOTEXT"),
                             unzip: find("unzip", override: "DEBATTSVAR_UNZIP"),
                             python3: find("python3", override: "DEBATTSVAR_PYTHON3"))
    }

    /// What a finished program gave back.
    public struct Output: Sendable {
        public var status: Int32
        public var standardOutput: Data
        public var standardError: String
    }

    /// Runs `tool` with `arguments` and collects its output; nil when it cannot be started.
    public static func run(_ tool: URL, _ arguments: [String]) -> Output? {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        // Read both pipes before waiting, so a large output cannot block the child.
        let errorData = ErrorBuffer()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.data = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: data,
                      standardError: String(decoding: errorData.data, as: UTF8.self))
    }

    private final class ErrorBuffer: @unchecked Sendable {
        var data = Data()
    }
}
