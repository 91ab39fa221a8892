/// A stage that rewrites text before tokenising.
///
/// Contract: the output has exactly as many lines as the input (the same number of `\n`), so
/// every output line maps back to its source line. A filter that joins a word split across a
/// line end moves the fragment up and leaves the rest of the next line where it was.
public protocol TextFilter: Sendable {
    /// Short identifier used in switches and audit output, e.g. `nfc`.
    var id: String { get }
    func apply(_ text: String) -> String
}

extension Array: TextFilter where Element == any TextFilter {
    public var id: String { map(\.id).joined(separator: "+") }

    /// Applies the filters in order.
    public func apply(_ text: String) -> String {
        reduce(text) { $1.apply($0) }
    }
}

/// Splits text into tokens; it never rewrites the text.
public protocol Tokenizing: Sendable {
    func tokenize(_ text: String) -> TokenList
}

/// One change a repairing filter made: where, what, by which repair and why.
public struct TextChange: Sendable, Hashable {
    /// 1-based line in the filter's input (the same as in the source: filters keep lines).
    public var line: Int
    public var original: String
    public var replacement: String
    /// The filter's `id`, e.g. `ocr`.
    public var stage: String
    /// Why, in a few words, e.g. `ukjent ord; kjent ord`.
    public var reason: String

    public init(line: Int, original: String, replacement: String, stage: String, reason: String) {
        self.line = line
        self.original = original
        self.replacement = replacement
        self.stage = stage
        self.reason = reason
    }
}

/// A text filter that can account for every change it makes (for `--explain` and findings).
public protocol RepairingTextFilter: TextFilter {
    /// Applies the filter, appending one `TextChange` per change to `changes`.
    func apply(_ text: String, changes: inout [TextChange]) -> String
}

extension RepairingTextFilter {
    public func apply(_ text: String) -> String {
        var ignored: [TextChange] = []
        return apply(text, changes: &ignored)
    }
}
