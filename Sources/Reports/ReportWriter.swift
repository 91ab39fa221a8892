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

    /// True for a path made of plain names: no empty part, no `.` or `..`, no part starting
    /// with a dot, no backslash, NUL or other control character. Such a path stays inside the
    /// folder it is written to.
    public static func isSafe(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, !relativePath.hasPrefix("/") else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && !part.hasPrefix(".") && part.utf8.count <= 200
                && !part.unicodeScalars.contains { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F }
        }
    }

    /// Writes `contents` to `name` inside the folder. `name` must be a plain file name.
    public func write(_ contents: String, to name: String) throws(WriteError) {
        guard Self.isSafe(name), !name.contains("/") else {
            throw .cannotWrite(path: name, reason: "ugyldig filnavn")
        }
        let temporary = try Self.stage(contents, at: folder.appendingPathComponent(name))
        try Self.rename(temporary, to: folder.appendingPathComponent(name))
    }

    /// Writes to a temporary file beside `target` and returns it.
    static func stage(_ contents: String, at target: URL) throws(WriteError) -> URL {
        try stage(at: target) { url in
            let file = try OutputFile(url)
            try file.write(contents)
            try file.close()
        }
    }

    /// Has `write` make a temporary file beside `target` and returns it.
    static func stage(at target: URL, _ write: (URL) throws -> Void) throws(WriteError) -> URL {
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try write(temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: target.path, reason: reason(for: error))
        }
        return temporary
    }

    static func rename(_ temporary: URL, to target: URL) throws(WriteError) {
        guard Foundation.rename(temporary.path, target.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: target.path, reason: reason(code))
        }
    }

    /// Why a write failed, in Norwegian, from the system error under a Foundation error.
    static func reason(for error: Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? POSIXError { return reason(posix.code.rawValue) }
        if let posix = error as? POSIXError { return reason(posix.code.rawValue) }
        return error.localizedDescription
    }

    /// Why a report file could not be written, in words a person understands.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: "disken er full"
        case EFBIG: "fila ble større enn det som er tillatt (grense for filstørrelse)"
        case EACCES, EPERM: "mangler skrivetilgang til mappa"
        case EROFS: "filsystemet er skrivebeskyttet"
        // EEXIST: creating a folder where a file stands.
        case ENOTDIR, EEXIST: "en del av stien er en fil, ikke en mappe"
        case EIO: "skrivefeil på disken"
        default: String(cString: strerror(code))
        }
    }
}

/// A set of report files written together: every file is first written to a temporary file
/// beside its target, and only when all are written are they renamed into place. A run that
/// stops (or fails) before `commit()` leaves every previous report as it was.
public struct ReportBatch: Sendable {
    public let root: URL
    private var staged: [(temporary: URL, target: URL, path: String)] = []
    /// Position of each staged path in `staged`, so staging stays fast with many files.
    private var positions: [String: Int] = [:]

    public init(root: URL) {
        self.root = root
    }

    /// Paths staged so far, relative to the root, in the order staged.
    public var paths: [String] { staged.map(\.path) }

    /// The temporary file staged for `relativePath`, to read back before `commit()`.
    public func stagedFile(_ relativePath: String) -> URL? {
        positions[relativePath].map { staged[$0].temporary }
    }

    /// Writes `contents` for `relativePath` (`2025/rapport.html`) to a temporary file.
    public mutating func stage(_ contents: String, to relativePath: String) throws(ReportWriter.WriteError) {
        try stage(to: relativePath) { url in
            let file = try OutputFile(url)
            try file.write(contents)
            try file.close()
        }
    }

    /// Stages a file that `write` makes at the temporary path it is given: for files too large
    /// to hold in memory, written piece by piece.
    public mutating func stage(to relativePath: String, writing write: (URL) throws -> Void) throws(ReportWriter.WriteError) {
        guard ReportWriter.isSafe(relativePath) else {
            discard()
            throw .cannotWrite(path: relativePath, reason: "ugyldig filnavn")
        }
        let target = root.appendingPathComponent(relativePath)
        do {
            let temporary = try ReportWriter.stage(at: target, write)
            if let index = positions[relativePath] {
                // Staged again: the new contents replace the old, in the same place.
                if staged[index].temporary != temporary { try? FileManager.default.removeItem(at: staged[index].temporary) }
                staged[index] = (temporary, target, relativePath)
            } else {
                positions[relativePath] = staged.count
                staged.append((temporary, target, relativePath))
            }
        } catch {
            discard()
            throw error
        }
    }

    /// Renames every staged file into place.
    public mutating func commit() throws(ReportWriter.WriteError) {
        defer { staged = []; positions = [:] }
        for (index, file) in staged.enumerated() {
            do {
                try ReportWriter.rename(file.temporary, to: file.target)
            } catch {
                for rest in staged[(index + 1)...] { try? FileManager.default.removeItem(at: rest.temporary) }
                throw error
            }
        }
    }

    /// Removes the temporary files; the previous reports stay.
    public mutating func discard() {
        for file in staged { try? FileManager.default.removeItem(at: file.temporary) }
        staged = []
        positions = [:]
    }

    /// Removes files in `folder` (relative to the root) whose names end in `suffix` and that
    /// this batch did not write: pages of respondents who no longer answer. Call after `commit()`.
    public static func removeStale(in folder: String, root: URL, suffix: String, keeping written: Set<String>) {
        let url = root.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return }
        for name in names where name.hasSuffix(suffix) && !name.hasPrefix(".") && !written.contains(folder + "/" + name) {
            try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
    }
}

/// A file written piece by piece through a buffer: for report files too large to build in
/// memory first. Text is written from its own UTF-8 storage, not copied.
public final class OutputFile {
    private let handle: UnsafeMutablePointer<FILE>
    private var closed = false

    /// Creates (or empties) the file at `url`.
    public init(_ url: URL) throws {
        guard let handle = fopen(url.path, "wb") else {
            throw Self.failure()
        }
        self.handle = handle
    }

    deinit {
        if !closed { fclose(handle) }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write($0) }
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard bytes.count > 0 else { return }
        guard fwrite(bytes.baseAddress!, 1, bytes.count, handle) == bytes.count else {
            throw Self.failure()
        }
    }

    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0.bindMemory(to: UInt8.self)) }
    }

    /// Flushes and closes; throws when the data could not all be written.
    public func close() throws {
        closed = true
        guard fclose(handle) == 0 else { throw Self.failure() }
    }

    /// The system error just reported, as `ReportWriter.reason(for:)` reads it.
    private static func failure() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
