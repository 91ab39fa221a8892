import Foundation
import PipelineCore

/// The written standards a word form belongs to.
public struct WrittenStandard: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bokmål = WrittenStandard(rawValue: 1)
    public static let nynorsk = WrittenStandard(rawValue: 2)
    public static let both: WrittenStandard = [.bokmål, .nynorsk]

    /// `bokmål`, `nynorsk` or `bokmål+nynorsk`.
    public var name: String {
        switch self {
        case .bokmål: "bokmål"
        case .nynorsk: "nynorsk"
        case .both: "bokmål+nynorsk"
        default: "ukjent"
        }
    }
}

/// Norwegian full-form word list (bokmål and nynorsk) with compound analysis.
///
/// The bundled data is Debian's `wnorwegian` word lists (GPL, see `Resources/LEXICON.md`),
/// lowercased, with the compounds that the analysis below rebuilds left out, plus the domain
/// words in `domain-words.txt`. Every lookup takes lowercase UTF-8 bytes.
public final class Lexicon: Sendable {
    let words: ByteStringSet
    let flags: [UInt8]
    /// The compounds left out of the stored list, per standard, when known: tells a listed
    /// compound from a word the analysis merely splits, and gives its standards. Without it
    /// every compound of known parts counts, in the standards of its last part.
    let listedCompounds: ListedCompounds?

    /// Shortest compound part (bytes) for a word to count as known: the bundled list left out
    /// exactly the compounds this rebuilds.
    public static let knownPartLength = 4
    /// Shortest compound part (bytes) for a repair candidate to count as a valid compound
    /// (`beredskapsråd`: `råd` is 4 bytes, `tid` 3).
    public static let candidatePartLength = 3

    /// One bit for each last three bytes of a stored form. A listed form ends like a stored
    /// one, and so does a compound (its last part is stored, at least three bytes): a spelling
    /// whose ending has no bit needs no look-up at all.
    let endings: [UInt64]

    init(words: ByteStringSet, flags: [UInt8], listedCompounds: ListedCompounds? = nil) {
        self.words = words
        self.flags = flags
        self.listedCompounds = listedCompounds
        var endings = [UInt64](repeating: 0, count: (1 << 24) / 64)
        words.forEachWord { w in
            guard w.count >= 3 else { return }
            let i = Int(w[w.count - 3]) << 16 | Int(w[w.count - 2]) << 8 | Int(w[w.count - 1])
            endings[i >> 6] |= 1 << UInt64(i & 63)
        }
        self.endings = endings
    }

    /// False when no stored form ends with the last three bytes of `word` (of at least three),
    /// so that it is neither a listed form nor a compound.
    @inline(__always)
    public func mayEnd(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = word.count
        guard n >= 3 else { return true }
        let i = Int(word[n - 3]) << 16 | Int(word[n - 2]) << 8 | Int(word[n - 1])
        return endings[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    /// A lexicon of the given words, each in both standards unless stated; for tests and
    /// small tools.
    public convenience init(_ entries: [(String, WrittenStandard)]) {
        let lowered = entries.map { (Array(NorwegianCase.lowercased($0.0).utf8), $0.1.rawValue) }
        self.init(words: ByteStringSet(lowered.map(\.0)), flags: lowered.map(\.1))
    }

    public convenience init(words: [String]) {
        self.init(words.map { ($0, WrittenStandard.both) })
    }

    /// Number of stored forms (compounds the analysis finds are not stored).
    public var count: Int { words.count }

    /// Standards of the stored form `word` (lowercase bytes); empty when not stored.
    @inline(__always)
    public func storedStandards(_ word: UnsafeBufferPointer<UInt8>) -> WrittenStandard {
        guard let id = words.id(of: word) else { return [] }
        return WrittenStandard(rawValue: flags[id])
    }

    /// `storedStandards` for a word whose `ByteStringSet.hash` the caller already has.
    @inline(__always)
    func storedStandards(_ word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> WrittenStandard {
        guard let id = words.id(of: word, hash: h) else { return [] }
        return WrittenStandard(rawValue: flags[id])
    }

    /// Standards of `word` as a listed form: stored, or one of the compounds the bundled list
    /// left out (parts ≥ 4 bytes, confirmed by the filter of left-out compounds). With another
    /// `minPart`, or without that filter, any compound of known parts counts. Empty when none.
    public func standards(_ word: UnsafeBufferPointer<UInt8>, minPart: Int = Lexicon.knownPartLength) -> WrittenStandard {
        // One hash for the stored forms and both filters.
        let h = ByteStringSet.hash(word)
        if let id = words.id(of: word, hash: h) { return WrittenStandard(rawValue: flags[id]) }
        // A compound has at least two parts.
        guard word.count >= 2 * minPart else { return [] }
        if minPart == Lexicon.knownPartLength, let listedCompounds {
            var listed: WrittenStandard = []
            if listedCompounds.bokmål.contains(hash: h) { listed.insert(.bokmål) }
            if listedCompounds.nynorsk.contains(hash: h) { listed.insert(.nynorsk) }
            guard !listed.isEmpty else { return [] }
            return isCompound(word, minPart: minPart) ? listed : []
        }
        return compoundStandards(word, minPart: minPart)
    }

    /// True when `word` is a listed form (see `standards`) in `standard`.
    public func isKnown(_ word: UnsafeBufferPointer<UInt8>, in standard: WrittenStandard = .both) -> Bool {
        !standards(word).intersection(standard).isEmpty
    }

    /// String convenience for tests and tools: lowercases first.
    public func isKnown(_ word: String, in standard: WrittenStandard = .both, minPart: Int = Lexicon.knownPartLength) -> Bool {
        let lowered = Array(NorwegianCase.lowercased(word).utf8)
        return lowered.withUnsafeBufferPointer { !standards($0, minPart: minPart).intersection(standard).isEmpty }
    }

    /// The compound analysis: `word` splits into stored forms of at least `minPart` bytes,
    /// with an optional linking `s` or `e` between parts; the result joins the standards of
    /// the last parts of every analysis. `scripts/build-lexicon.py` left out a compound only
    /// when its first analysis found covers the word's standards, so this (a superset) finds
    /// every left-out word again.
    public func compoundStandards(_ word: UnsafeBufferPointer<UInt8>, minPart: Int) -> WrittenStandard {
        let n = word.count
        guard n >= 2 * minPart, hasStoredEnd(word, minPart: minPart) else { return [] }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 1) { ok -> WrittenStandard in
            ok.initialize(repeating: 0)
            var i = n - minPart
            while i >= 0 {
                var j = i + minPart
                while j <= n {
                    defer { j += 1 }
                    if i == 0 && j == n { continue }
                    // A part never starts or ends inside a multi-byte character.
                    if j < n, word[j] & 0xC0 == 0x80 { continue }
                    guard let id = words.id(of: UnsafeBufferPointer(rebasing: word[i ..< j])) else { continue }
                    if j == n { ok[i] |= flags[id]; continue }
                    ok[i] |= ok[j]
                    if word[j] == UInt8(ascii: "s") || word[j] == UInt8(ascii: "e"), j + 1 <= n - minPart {
                        ok[i] |= ok[j + 1]
                    }
                }
                i -= 1
                while i > 0, word[i] & 0xC0 == 0x80 { i -= 1 }
            }
            return WrittenStandard(rawValue: ok[0])
        }
    }

    /// Whether `compoundStandards(word, minPart:)` is not empty, found depth first with the
    /// longest stored beginning tried first: a true compound (what the filter of listed
    /// compounds mostly passes) is confirmed in a few look-ups instead of the full analysis.
    func isCompound(_ word: UnsafeBufferPointer<UInt8>, minPart: Int) -> Bool {
        isCompound(word, minPart: minPart, in: .both)
    }

    /// Whether `word` splits into stored parts of at least `minPart` bytes (optional linking
    /// `s`/`e`) with a last part in `standard`: `compoundStandards(word, minPart:)` meets
    /// `standard`, found depth first.
    public func isCompound(_ word: UnsafeBufferPointer<UInt8>, minPart: Int, in standard: WrittenStandard) -> Bool {
        let n = word.count
        guard n < 64 else { return !compoundStandards(word, minPart: minPart).intersection(standard).isEmpty }
        guard n >= 2 * minPart, hasStoredEnd(word, minPart: minPart) else { return false }
        var failed: UInt64 = 0
        func rest(_ i: Int) -> Bool {
            if failed & (1 << UInt64(i)) != 0 { return false }
            var j = n
            while j >= i + minPart {
                defer { j -= 1 }
                if i == 0 && j == n { continue }
                // A part never starts or ends inside a multi-byte character.
                if j < n, word[j] & 0xC0 == 0x80 { continue }
                guard let id = words.id(of: UnsafeBufferPointer(rebasing: word[i ..< j])) else { continue }
                if j == n {
                    if flags[id] & standard.rawValue != 0 { return true }
                    continue
                }
                if j <= n - minPart, rest(j) { return true }
                if word[j] == UInt8(ascii: "s") || word[j] == UInt8(ascii: "e"), j + 1 <= n - minPart, rest(j + 1) { return true }
            }
            failed |= 1 << UInt64(i)
            return false
        }
        return rest(0)
    }

    /// `compoundStandards` with parts of at least 3 and of at least 4 bytes, in one pass.
    public func compoundStandardsByPartLength(_ word: UnsafeBufferPointer<UInt8>) -> (three: WrittenStandard, four: WrittenStandard) {
        let n = word.count
        let minPart = Lexicon.candidatePartLength
        guard n >= 2 * minPart, hasStoredEnd(word, minPart: minPart) else { return ([], []) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * (n + 1)) { ok -> (WrittenStandard, WrittenStandard) in
            // ok[i]: parts ≥ 3 bytes; ok[n + 1 + i]: parts ≥ 4 bytes.
            ok.initialize(repeating: 0)
            var i = n - minPart
            while i >= 0 {
                var j = i + minPart
                while j <= n {
                    defer { j += 1 }
                    if i == 0 && j == n { continue }
                    if j < n, word[j] & 0xC0 == 0x80 { continue }
                    guard let id = words.id(of: UnsafeBufferPointer(rebasing: word[i ..< j])) else { continue }
                    let long = j - i >= Lexicon.knownPartLength
                    if j == n {
                        ok[i] |= flags[id]
                        if long { ok[n + 1 + i] |= flags[id] }
                        continue
                    }
                    ok[i] |= ok[j]
                    if long { ok[n + 1 + i] |= ok[n + 1 + j] }
                    if word[j] == UInt8(ascii: "s") || word[j] == UInt8(ascii: "e") {
                        if j + 1 <= n - minPart { ok[i] |= ok[j + 1] }
                        if long, j + 1 <= n - Lexicon.knownPartLength { ok[n + 1 + i] |= ok[n + 1 + j + 1] }
                    }
                }
                i -= 1
                while i > 0, word[i] & 0xC0 == 0x80 { i -= 1 }
            }
            return (WrittenStandard(rawValue: ok[0]), WrittenStandard(rawValue: ok[n + 1]))
        }
    }

    /// True when some ending of `word` of at least `minPart` bytes (not the whole word) is a
    /// stored form: a compound's last part must be. Costs one look-up per position, against the
    /// analysis' one per pair of positions.
    @inline(__always)
    func hasStoredEnd(_ word: UnsafeBufferPointer<UInt8>, minPart: Int) -> Bool {
        var i = minPart
        while i <= word.count - minPart {
            if word[i] & 0xC0 != 0x80, words.id(of: UnsafeBufferPointer(rebasing: word[i...])) != nil { return true }
            i += 1
        }
        return false
    }

    /// The fewest parts `word` splits into (stored forms of at least `minPart` bytes, optional
    /// linking `s`/`e`), or nil; 1 for a stored form.
    public func compoundParts(_ word: UnsafeBufferPointer<UInt8>, minPart: Int) -> Int? {
        if words.id(of: word) != nil { return 1 }
        let n = word.count
        guard n >= 2 * minPart, hasStoredEnd(word, minPart: minPart) else { return nil }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: n + 1) { best -> Int? in
            // best[i]: fewest parts for word[i...]; Int.max when none.
            best.initialize(repeating: Int.max)
            best[n] = 0
            var i = n - minPart
            while i >= 0 {
                var j = i + minPart
                while j <= n {
                    defer { j += 1 }
                    if j < n, word[j] & 0xC0 == 0x80 { continue }
                    guard words.id(of: UnsafeBufferPointer(rebasing: word[i ..< j])) != nil else { continue }
                    if best[j] != Int.max { best[i] = min(best[i], best[j] + 1) }
                    if j < n, word[j] == UInt8(ascii: "s") || word[j] == UInt8(ascii: "e"), j + 1 <= n - minPart,
                       best[j + 1] != Int.max {
                        best[i] = min(best[i], best[j + 1] + 1)
                    }
                }
                i -= 1
                while i > 0, word[i] & 0xC0 == 0x80 { i -= 1 }
            }
            return best[0] == Int.max ? nil : best[0]
        }
    }

    // MARK: Loading

    /// Errors reading the bundled data.
    public struct FormatError: Error, CustomStringConvertible {
        public var file: String
        public var description: String { "\(file): ukjent eller skadet format" }
        public init(file: String) { self.file = file }
    }

    /// Parses `lexicon.bin` (format in `scripts/build-lexicon.py`), extra words and the filter
    /// of left-out compounds.
    public convenience init(binary data: [UInt8], extraWords: [String] = [], listedCompounds: ListedCompounds? = nil,
                            file: String = "lexicon.bin") throws {
        let magic = Array("DBLEX1\n".utf8)
        guard data.count >= magic.count + 4, Array(data[0 ..< magic.count]) == magic else { throw FormatError(file: file) }
        var reader = FrontCodedReader(data, position: magic.count)
        let count = Int(reader.u32())
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 11)
        var starts: [UInt32] = [0]
        starts.reserveCapacity(count + extraWords.count + 1)
        var flags: [UInt8] = []
        flags.reserveCapacity(count + extraWords.count)
        var previous = 0
        for _ in 0 ..< count {
            guard reader.position + 2 <= data.count else { throw FormatError(file: file) }
            let start = bytes.count
            flags.append(reader.entry(into: &bytes, previousStart: previous))
            previous = start
            starts.append(UInt32(bytes.count))
        }
        for word in extraWords {
            bytes.append(contentsOf: NorwegianCase.lowercased(word).utf8)
            starts.append(UInt32(bytes.count))
            flags.append(WrittenStandard.both.rawValue)
        }
        self.init(words: ByteStringSet(bytes: bytes, starts: starts), flags: flags, listedCompounds: listedCompounds)
    }

    /// Words from a list: one a line, `#` starts a comment line.
    public static func parseWordList(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            return line.isEmpty || line.hasPrefix("#") ? nil : line
        }
    }

    private static let bundledResult: Result<Lexicon, any Error> = Result {
        let binary = try ResourceLocator.url(target: "NorwegianText", subpath: "lexicon.bin")
        let domain = try ResourceLocator.url(target: "NorwegianText", subpath: "domain-words.txt")
        let bloom = try ResourceLocator.url(target: "NorwegianText", subpath: "compounds.bloom")
        return try Lexicon(binary: [UInt8](try Data(contentsOf: binary)),
                           extraWords: parseWordList(try String(contentsOf: domain, encoding: .utf8)),
                           listedCompounds: try ListedCompounds(binary: [UInt8](try Data(contentsOf: bloom))))
    }

    /// The lexicon shipped with Debattsvar, loaded once per process.
    public static func bundled() throws -> Lexicon {
        try bundledResult.get()
    }
}

/// The compounds the bundled list left out, one Bloom filter per standard
/// (`compounds.bloom`, written by `scripts/build-lexicon.py`).
public struct ListedCompounds: Sendable {
    public let bokmål: BloomFilter
    public let nynorsk: BloomFilter

    public init(binary data: [UInt8], file: String = "compounds.bloom") throws {
        let magic = Array("DBBLOOM2".utf8)
        guard data.count >= 8, Array(data[0 ..< 8]) == magic else { throw Lexicon.FormatError(file: file) }
        var position = 8
        bokmål = try BloomFilter(data, at: &position, file: file)
        nynorsk = try BloomFilter(data, at: &position, file: file)
    }
}

/// A Bloom filter over byte strings.
public struct BloomFilter: Sendable {
    let bits: [UInt64]
    let size: UInt64
    let hashes: Int

    /// Reads u32 size in bits, u32 number of hashes, the bits; advances `position`.
    init(_ data: [UInt8], at position: inout Int, file: String) throws {
        guard data.count >= position + 8 else { throw Lexicon.FormatError(file: file) }
        var reader = FrontCodedReader(data, position: position)
        size = UInt64(reader.u32())
        hashes = Int(reader.u32())
        let start = reader.position
        guard size > 0, size % 64 == 0, data.count >= start + Int(size / 8) else { throw Lexicon.FormatError(file: file) }
        var words = [UInt64](repeating: 0, count: Int(size / 64))
        for k in 0 ..< words.count {
            var w: UInt64 = 0
            for b in 0 ..< 8 { w |= UInt64(data[start + k * 8 + b]) << (8 * UInt64(b)) }
            words[k] = w
        }
        bits = words
        position = start + Int(size / 8)
    }

    /// False when `word` is certainly not in the set; true when it is, or (rarely) by chance.
    public func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(hash: ByteStringSet.hash(word))
    }

    /// `contains` for a word whose `ByteStringSet.hash` the caller already has.
    @inline(__always)
    func contains(hash h: UInt64) -> Bool {
        let h1 = h & 0xFFFF_FFFF
        let h2 = (h >> 32) | 1
        for k in 0 ..< UInt64(hashes) {
            let i = (h1 &+ k &* h2) % size
            if bits[Int(i >> 6)] & (1 << (i & 63)) == 0 { return false }
        }
        return true
    }
}
