import Foundation

/// The lines of a year's `evidens.csv`, written out while documents are counted instead of kept
/// in memory. The file lists matches by theme, then in document order, so each theme's lines go
/// to a file of their own in `folder`; `write(to:)` puts them together in theme order. The bytes
/// are those `YearReportRenderer.evidenceCSV` makes from a report that kept every row.
public final class EvidenceSpool: @unchecked Sendable {
    /// Used from one thread at a time (the one adding to a `YearAggregator`).
    private let folder: URL
    private let themes: [String]
    private var buffers: [String: [UInt8]] = [:]
    private var handles: [String: FileHandle] = [:]
    /// The first write that failed: `write(to:)` throws it, so evidence is never lost silently.
    private var failure: (any Error)?
    /// Bytes a theme gathers in memory before they are written to its file.
    private static let flushSize = 1 << 20

    public init(folder: URL, themes: [ThemeLabel]) throws(ReportWriter.WriteError) {
        self.folder = folder
        self.themes = themes.map(\.id)
        // What a stopped run left there must not end up in this run's file.
        try? FileManager.default.removeItem(at: folder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: folder.path, reason: ReportWriter.reason(for: error))
        }
    }

    private func file(_ index: Int) -> URL { folder.appendingPathComponent("tema-\(index).csv") }

    /// Adds lines (each with its line end) for `theme`.
    public func append(_ lines: String, theme: String) {
        buffers[theme, default: []].append(contentsOf: lines.utf8)
        if buffers[theme]!.count >= Self.flushSize {
            do { try flush(theme) } catch { failure = failure ?? error }
        }
    }

    private func flush(_ theme: String) throws {
        guard let bytes = buffers[theme], !bytes.isEmpty else { return }
        buffers[theme] = []
        if handles[theme] == nil {
            guard let index = themes.firstIndex(of: theme) else { return }
            FileManager.default.createFile(atPath: file(index).path, contents: nil)
            handles[theme] = try FileHandle(forWritingTo: file(index))
        }
        try handles[theme]!.write(contentsOf: bytes)
    }

    /// Writes `evidens.csv` to `target`: the header, then every theme's lines in theme order.
    /// Removes the spool's files.
    public func write(to target: URL) throws {
        defer { remove() }
        if let failure { throw failure }
        for theme in themes { try flush(theme) }
        for handle in handles.values { try handle.close() }
        handles = [:]
        let out = try OutputFile(target)
        try out.write("\u{FEFF}" + CSVFormat.line(YearReportRenderer.evidenceColumns))
        for index in themes.indices {
            guard let input = FileHandle(forReadingAtPath: file(index).path) else { continue }
            defer { try? input.close() }
            while let chunk = try input.read(upToCount: 4 << 20), !chunk.isEmpty {
                try out.write(chunk)
            }
        }
        try out.close()
    }

    /// Removes the spool's files and folder.
    public func remove() {
        for handle in handles.values { try? handle.close() }
        handles = [:]
        buffers = [:]
        try? FileManager.default.removeItem(at: folder)
    }
}
