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
    /// Indices of the tokens that begin a sentence, ascending.
    public private(set) var sentenceStarts: [Int32] = []

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

    /// Marks the last appended token as the first of a sentence.
    public mutating func markSentenceStart() {
        guard !kinds.isEmpty else { return }
        let index = Int32(kinds.count - 1)
        if sentenceStarts.last != index { sentenceStarts.append(index) }
    }

    /// True when token `index` begins a sentence.
    public func isSentenceStart(_ index: Int) -> Bool {
        var low = 0
        var high = sentenceStarts.count
        let key = Int32(index)
        while low < high {
            let mid = (low + high) >> 1
            if sentenceStarts[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < sentenceStarts.count && sentenceStarts[low] == key
    }

    /// The token ranges of the sentences: each from one sentence start to the next.
    public var sentences: [Range<Int>] {
        var result: [Range<Int>] = []
        for (k, start) in sentenceStarts.enumerated() {
            let end = k + 1 < sentenceStarts.count ? Int(sentenceStarts[k + 1]) : count
            result.append(Int(start) ..< end)
        }
        return result
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
