import Foundation
import Testing

/// Golden-file comparison. Set `DEBATTSVAR_RECORD_SNAPSHOTS=1` to write the files on purpose.
public enum Snapshot {
    public static func assert(_ actual: String, matches relativePath: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Repository.url(relativePath)
        if ProcessInfo.processInfo.environment["DEBATTSVAR_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        // Compared as bytes: decoding would hide a byte order mark.
        guard let expectedData = try? Data(contentsOf: url) else {
            Issue.record("missing snapshot \(relativePath); record with DEBATTSVAR_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expectedData != Data(actual.utf8) {
            let expected = String(decoding: expectedData, as: UTF8.self)
            let expectedLines = expected.components(separatedBy: "\n"), actualLines = actual.components(separatedBy: "\n")
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
            Issue.record("""
                \(relativePath) differs from the snapshot at line \(first + 1):
                  expected: \(first < expectedLines.count ? expectedLines[first] : "<end>")
                  actual:   \(first < actualLines.count ? actualLines[first] : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }
}
