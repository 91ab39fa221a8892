import Foundation
import NorwegianText
import PipelineCore

/// What the segmenter needs from a year's questions, derived once per question list instead of
/// once per document: the text matcher's folded targets, the question words and their trigrams
/// for echo removal, and the part names.
final class PreparedQuestions: Sendable {
    let questions: QuestionList
    let matcher: QuestionTextMatcher
    let echoes: EchoWords
    /// `HeadingSegmenter.headingKey` of each part name.
    let partNames: Set<String>
    /// The same keys as bytes, or nil when one is not simple text (then lines are compared as strings).
    let partKeys: [[UInt8]]?

    init(_ questions: QuestionList, tokenizer: NorwegianTokenizer) {
        self.questions = questions
        matcher = QuestionTextMatcher(questions: questions)
        echoes = EchoWords(questions: questions, tokenizer: tokenizer)
        partNames = Set(questions.questions.map { HeadingSegmenter.headingKey($0.part) }.filter { !$0.isEmpty })
        let keys = partNames.map { Array($0.utf8) }
        partKeys = keys.allSatisfy { key in key.withUnsafeBufferPointer { SimpleText.isSimple($0) } } ? keys : nil
    }
}

/// The prepared questions of the lists a segmenter has seen; safe to share between threads.
final class PreparedQuestionsCache: @unchecked Sendable {
    private var entries: [PreparedQuestions] = []
    private let lock = NSLock()

    func get(_ questions: QuestionList, tokenizer: NorwegianTokenizer) -> PreparedQuestions {
        lock.lock()
        defer { lock.unlock() }
        if let known = entries.first(where: { $0.questions == questions }) { return known }
        let prepared = PreparedQuestions(questions, tokenizer: tokenizer)
        if entries.count >= 16 { entries.removeFirst() }
        entries.append(prepared)
        return prepared
    }
}

/// The lowercased words of a year's questions as ids, and every three words in a row as one
/// key, for finding question text echoed in an answer without building strings per word.
struct EchoWords: Sendable {
    /// The question words that are simple text, interned by their bytes.
    private let simpleIDs: ByteInterner
    /// The word id of each interned simple word.
    private let simpleToString: [Int]
    /// Ids of every question word, compared as strings (canonical equivalence).
    private let stringIDs: [String: Int]
    /// True when some question word is not simple text, so a simple word of the answer may
    /// still equal it as a string.
    private let hasOtherWords: Bool
    /// Three ids in a row, packed by `key`.
    private let trigrams: UInt64Set

    /// Per paragraph: the word ids with their lines and byte ranges.
    struct Scratch {
        var ids: [Int] = []
        var lines: [Int] = []
        var bytes: [Range<Int>] = []
        var lowered: [UInt8] = []

        mutating func clear() {
            ids.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    init(questions: QuestionList, tokenizer: NorwegianTokenizer) {
        var stringIDs: [String: Int] = [:]
        var simpleIDs = ByteInterner()
        var hasOtherWords = false
        var trigrams = UInt64Set()
        for question in questions.questions {
            let tokens = tokenizer.tokenize(question.text)
            var ids: [Int] = []
            for index in 0 ..< tokens.count where tokens.kinds[index].isWordLike {
                let word = NorwegianCase.lowercased(tokens.text(at: index, in: question.text))
                let id: Int
                if let known = stringIDs[word] {
                    id = known
                } else {
                    id = stringIDs.count
                    stringIDs[word] = id
                }
                let bytes = Array(word.utf8)
                if bytes.withUnsafeBufferPointer(Self.isSimpleWord) {
                    _ = simpleIDs.insert(bytes)
                } else {
                    hasOtherWords = true
                }
                ids.append(id)
            }
            if ids.count >= 3 {
                for start in 0 ... ids.count - 3 { trigrams.insert(Self.key(ids[start], ids[start + 1], ids[start + 2])) }
            }
        }
        self.stringIDs = stringIDs
        self.hasOtherWords = hasOtherWords
        self.trigrams = trigrams
        self.simpleIDs = simpleIDs
        simpleToString = Self.mapping(simpleIDs, stringIDs)
    }

    private static func mapping(_ interner: ByteInterner, _ stringIDs: [String: Int]) -> [Int] {
        (0 ..< interner.count).map { id in
            let word = interner.arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[interner.range(of: id)]), as: UTF8.self) }
            return stringIDs[word]!
        }
    }

    static func key(_ a: Int, _ b: Int, _ c: Int) -> UInt64 {
        UInt64(a) | UInt64(b) << 21 | UInt64(c) << 42
    }

    func isTrigram(_ a: Int, _ b: Int, _ c: Int) -> Bool {
        a >= 0 && b >= 0 && c >= 0 && trigrams.contains(Self.key(a, b, c))
    }

    /// ASCII and Latin-1 only: such words equal other strings exactly when their bytes do.
    static func isSimpleWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1 } else if b == 0xC2 || b == 0xC3 { i += 2 } else { return false }
        }
        return true
    }

    /// Appends the ids (-1 for words not in any question) of the word tokens of `line`.
    func collectWords(of line: String, line number: Int, tokenizer: NorwegianTokenizer, into scratch: inout Scratch) {
        line.withBytes { bytes in
            let tokens = tokenizer.tokenize(bytes: bytes)
            for index in 0 ..< tokens.count where tokens.kinds[index].isWordLike {
                let range = tokens.range(at: index)
                scratch.ids.append(id(of: UnsafeBufferPointer(rebasing: bytes[range]), lowered: &scratch.lowered))
                scratch.lines.append(number)
                scratch.bytes.append(range)
            }
        }
    }

    /// The id of the word as `NorwegianCase.lowercased` gives it, or -1.
    private func id(of word: UnsafeBufferPointer<UInt8>, lowered: inout [UInt8]) -> Int {
        lowered.removeAll(keepingCapacity: true)
        var i = 0
        var simple = true
        while i < word.count {
            let b = word[i]
            if b < 0x80 {
                lowered.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                i += 1
            } else if b == 0xC3, i + 1 < word.count {
                let next = word[i + 1]
                lowered.append(b)
                lowered.append(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next)
                i += 2
            } else {
                simple = false
                break
            }
        }
        if simple {
            let found = lowered.withUnsafeBufferPointer { simpleIDs.id(of: $0, hash: ByteText.hash($0)) }
            if let found { return simpleToString[found] }
            guard hasOtherWords else { return -1 }
            return stringIDs[String(decoding: lowered, as: UTF8.self)] ?? -1
        }
        let full = NorwegianCase.lowercased(word)
        return stringIDs[String(decoding: full, as: UTF8.self)] ?? -1
    }
}
