/// Which booklet question a piece of text answers.
public enum QuestionKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// A numbered question of the year's booklet.
    case number(Int)
    /// Text outside any question (`generelt`): kept, never dropped.
    case general

    public static func < (lhs: QuestionKey, rhs: QuestionKey) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): a < b
        case (.number, .general): true
        case (.general, _): false
        }
    }

    /// `1`, `2`, … or `generelt`, as written in reports.
    public var description: String {
        switch self {
        case let .number(n): String(n)
        case .general: "generelt"
        }
    }
}

/// The part of a document that answers one question.
public struct Answer: Sendable {
    public var question: QuestionKey
    /// Normalised text of the answer, lines joined with `\n`.
    public var text: String
    /// For each line of `text`, the 1-based line of the source document it came from.
    public var sourceLines: [Int]

    /// Byte offset in `text` where each line starts.
    private let lineStarts: [Int]

    public init(question: QuestionKey, text: String, sourceLines: [Int]) {
        self.question = question
        self.text = text
        self.sourceLines = sourceLines
        var starts = [0]
        var copy = text
        copy.withUTF8 { bytes in
            for offset in bytes.indices where bytes[offset] == 0x0A { starts.append(offset + 1) }
        }
        lineStarts = starts
    }

    /// True when the answer holds no letters or digits.
    public var isBlank: Bool {
        !text.utf8.contains { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 >= 0xC0 }
    }

    /// The source line of the byte at `offset` in `text`.
    public func sourceLine(atByteOffset offset: Int) -> Int? {
        // The last line starting at or before `offset`.
        var low = 0, high = lineStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle }
        }
        return low < sourceLines.count ? sourceLines[low] : nil
    }
}
