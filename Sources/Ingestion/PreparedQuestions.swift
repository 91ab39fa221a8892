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
final class EchoWords: Sendable {
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
    /// The longest question word in bytes.
    private let longestWord: Int
    /// True when every question word is letters and digits only, as runs of word characters are:
    /// then `mayHoldEcho` can rule paragraphs out without the tokenizer.
    private let plainWords: Bool

    /// Per paragraph: the word ids with their lines and byte ranges.
    struct Scratch {
        var ids: [Int] = []
        var lines: [Int] = []
        var bytes: [Range<Int>] = []
        var lowered: [UInt8] = []
        /// Word ids of the runs of word characters, and the lowercased line, for `mayHoldEcho`.
        var runs: [Int] = []
        var lineLowered: [UInt8] = []

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
        var plainWords = true
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
                if !bytes.withUnsafeBufferPointer(Self.isRun) { plainWords = false }
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
        self.plainWords = plainWords
        self.simpleIDs = simpleIDs
        longestWord = stringIDs.keys.map(\.utf8.count).max() ?? 0
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

    /// The length of the tokenizer's word character (letter or digit) at `i` in simple text, or 0.
    @inline(__always)
    static func wordCharacterLength(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = p[i]
        if b < 0x80 {
            return (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) ? 1 : 0
        }
        if b == 0xC3 { return p[i + 1] == 0x97 || p[i + 1] == 0xB7 ? 0 : 2 }
        if b == 0xC2 { return p[i + 1] == 0xAA || p[i + 1] == 0xB5 || p[i + 1] == 0xBA ? 2 : 0 }
        return 0
    }

    /// True when the bytes are simple text made of word characters only.
    static func isRun(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !p.isEmpty, SimpleText.isSimple(p) else { return false }
        var i = 0
        while i < p.count {
            let length = wordCharacterLength(p, at: i)
            guard length > 0 else { return false }
            i += length
        }
        return true
    }

    /// False when the paragraph cannot hold an echo of `minimumWords` words, judged from its runs
    /// of word characters without tokenizing. In simple text with no URL or e-mail address, every
    /// word token that is a question word (letters and digits only) is a whole run, and word tokens
    /// in a row are runs in a row; so an echo, a stretch of question words covered by question
    /// trigrams, is such a stretch of runs too.
    func mayHoldEcho(_ lines: [String], _ range: Range<Int>, minimumWords: Int, scratch: inout Scratch) -> Bool {
        guard plainWords, !hasOtherWords else { return true }
        scratch.runs.removeAll(keepingCapacity: true)
        if scratch.lineLowered.count < longestWord + 1 { scratch.lineLowered = [UInt8](repeating: 0, count: longestWord + 1) }
        for index in range {
            let simple: Bool = lines[index].withBytes { p in
                scratch.lineLowered.withUnsafeMutableBufferPointer { word in
                    runIDs(p, word: word, into: &scratch.runs)
                }
            }
            guard simple else { return true }
        }
        // The longest stretch of runs covered by trigrams.
        let runs = scratch.runs
        guard runs.count >= 3 else { return false }
        var coveredUntil = -1, stretchStart = 0
        for start in 0 ... runs.count - 3 where isTrigram(runs[start], runs[start + 1], runs[start + 2]) {
            if start > coveredUntil + 1 { stretchStart = start }
            coveredUntil = start + 2
            if coveredUntil - stretchStart + 1 >= minimumWords { return true }
        }
        return false
    }

    /// Appends the word id of every run of word characters in the line (in one pass, lowercasing
    /// each run into `word`); false when the line is not simple text or may hold a URL (`://`,
    /// `www.`) or an e-mail address (`@`).
    private func runIDs(_ p: UnsafeBufferPointer<UInt8>, word: UnsafeMutableBufferPointer<UInt8>, into runs: inout [Int]) -> Bool {
        let n = p.count
        let capacity = word.count
        var length = 0
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var inRun = false
        @inline(__always) func add(_ byte: UInt8) {
            if length < capacity { word[length] = byte }
            length += 1
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        @inline(__always) func endRun() {
            guard inRun else { return }
            runs.append(length > longestWord ? -1 : id(ofSimpleLowered: UnsafeBufferPointer(rebasing: word[0 ..< length]), hash: hash))
            inRun = false
            length = 0
            hash = 0xCBF2_9CE4_8422_2325
        }
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b >= 0x61, b <= 0x7A {
                    if b == UInt8(ascii: "w"), i + 3 < n, p[i + 1] | 0x20 == UInt8(ascii: "w"), p[i + 2] | 0x20 == UInt8(ascii: "w"),
                       p[i + 3] == UInt8(ascii: ".") { return false }
                    inRun = true
                    add(b)
                } else if b >= 0x41, b <= 0x5A {
                    if b == UInt8(ascii: "W"), i + 3 < n, p[i + 1] | 0x20 == UInt8(ascii: "w"), p[i + 2] | 0x20 == UInt8(ascii: "w"),
                       p[i + 3] == UInt8(ascii: ".") { return false }
                    inRun = true
                    add(b | 0x20)
                } else if b >= 0x30, b <= 0x39 {
                    inRun = true
                    add(b)
                } else {
                    if b == UInt8(ascii: "@") { return false }
                    if b == UInt8(ascii: ":"), i + 2 < n, p[i + 1] == UInt8(ascii: "/"), p[i + 2] == UInt8(ascii: "/") { return false }
                    endRun()
                }
                i += 1
            } else if b == 0xC3 {
                let next = p[i + 1]
                if next == 0x97 || next == 0xB7 {
                    endRun()
                } else {
                    inRun = true
                    add(b)
                    add(next >= 0x80 && next <= 0x9E ? next + 0x20 : next)
                }
                i += 2
            } else if b == 0xC2 {
                let next = p[i + 1]
                if next == 0xAA || next == 0xB5 || next == 0xBA {
                    inRun = true
                    add(b)
                    add(next)
                } else {
                    endRun()
                }
                i += 2
            } else if b == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] != 0x8C, p[i + 2] != 0x8D {
                endRun()
                i += 3
            } else {
                return false
            }
        }
        endRun()
        return true
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

    /// The id of a lowercased word of simple text, or -1.
    @inline(__always)
    private func id(ofSimpleLowered lowered: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil) -> Int {
        if !hasOtherWords, lowered.count > longestWord { return -1 }
        if let found = simpleIDs.id(of: lowered, hash: hash ?? ByteText.hash(lowered)) { return simpleToString[found] }
        guard hasOtherWords else { return -1 }
        return stringIDs[String(decoding: lowered, as: UTF8.self)] ?? -1
    }

    /// The id of the word as `NorwegianCase.lowercased` gives it, or -1.
    private func id(of word: UnsafeBufferPointer<UInt8>, lowered: inout [UInt8]) -> Int {
        let simple = NorwegianCase.lowercaseLatin1(word, into: &lowered)
        if simple {
            return lowered.withUnsafeBufferPointer { id(ofSimpleLowered: $0) }
        }
        let full = NorwegianCase.lowercased(word)
        return stringIDs[String(decoding: full, as: UTF8.self)] ?? -1
    }
}
