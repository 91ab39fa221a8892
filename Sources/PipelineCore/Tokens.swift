/// What a token is. Stored as one byte per token.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
    case word
    case number
    /// A known abbreviation with its dots, e.g. `f.eks.`.
    case abbreviation
    case punctuation
    case symbol
    case url
    case email

    /// Words, numbers and abbreviations: the tokens classifiers look at.
    public var isWordLike: Bool { self == .word || self == .number || self == .abbreviation }
}

/// Tokens of one text as a struct of arrays: byte offsets into the text's UTF-8, lengths, kinds.
public struct TokenList: Sendable, Equatable {
    public private(set) var starts: [Int32] = []
    public private(set) var lengths: [Int32] = []
    public private(set) var kinds: [TokenKind] = []

    public init() {}

    public init(reservingCapacity capacity: Int) {
        starts.reserveCapacity(capacity)
        lengths.reserveCapacity(capacity)
        kinds.reserveCapacity(capacity)
    }

    public var count: Int { kinds.count }

    public mutating func append(start: Int, length: Int, kind: TokenKind) {
        starts.append(Int32(truncatingIfNeeded: start))
        lengths.append(Int32(truncatingIfNeeded: length))
        kinds.append(kind)
    }

    /// Byte range of token `index` in the text's UTF-8.
    public func range(at index: Int) -> Range<Int> {
        let start = Int(starts[index])
        return start ..< start + Int(lengths[index])
    }

    /// The token's text, cut from the text it was made from.
    public func text(at index: Int, in source: String) -> String {
        let utf8 = source.utf8
        let range = range(at: index)
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(lower, offsetBy: range.count)
        return String(decoding: utf8[lower ..< upper], as: UTF8.self)
    }
}

/// Text together with its tokens: what classifiers receive.
public struct AnalysedText: Sendable {
    public var text: String
    public var tokens: TokenList

    public init(text: String, tokens: TokenList) {
        self.text = text
        self.tokens = tokens
    }
}
