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
