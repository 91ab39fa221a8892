import Foundation
import PipelineCore

/// The abbreviations the tokeniser keeps whole (`f.eks.`, `bl.a.`), loaded from a word list.
public struct AbbreviationList: Sendable {
    /// Lowercased abbreviations, dots included.
    public let entries: Set<[UInt8]>
    /// Longest entry in bytes, to bound look-ahead.
    let longest: Int
    /// The same entries, looked up by pointer without building an array.
    let table: ByteStringSet

    public init<S: Sequence>(_ entries: S) where S.Element == String {
        let set = Set(entries.map { Array(NorwegianCase.lowercased($0).utf8) })
        self.entries = set
        longest = set.map(\.count).max() ?? 0
        table = ByteStringSet(set.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// Whether the lowercased bytes are an entry.
    @inline(__always)
    func contains(_ lowered: UnsafeBufferPointer<UInt8>) -> Bool {
        table.id(of: lowered) != nil
    }

    /// Parses a list: one abbreviation per line, `#` starts a comment line.
    public init(contentsOf text: String) {
        self.init(text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("#") ? nil : line
        })
    }

    /// The list shipped with Debattsvar.
    public static func bundled() throws -> AbbreviationList {
        let url = try ResourceLocator.url(target: "NorwegianText", subpath: "abbreviations.txt")
        return AbbreviationList(contentsOf: try String(contentsOf: url, encoding: .utf8))
    }
}
