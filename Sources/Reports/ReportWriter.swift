import Foundation

/// Writes report files atomically: to a temporary file beside the target, then renamed over it,
/// so an interrupted run leaves the previous report whole.
public struct ReportWriter: Sendable {
    public let folder: URL

    public enum WriteError: Error, CustomStringConvertible {
        case cannotWrite(path: String, reason: String)
        public var description: String {
            switch self {
            case let .cannotWrite(path, reason): "kan ikke skrive \(path): \(reason)"
            }
        }
    }

    public init(folder: URL) {
        self.folder = folder
    }

    /// Writes `contents` to `name` inside the folder. `name` must be a plain file name.
    public func write(_ contents: String, to name: String) throws(WriteError) {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw .cannotWrite(path: name, reason: "ugyldig filnavn")
        }
        let target = folder.appendingPathComponent(name)
        let temporary = folder.appendingPathComponent(".\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: target.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: target.path, reason: reason)
        }
    }
}
