import Foundation
import PipelineCore

/// Word and word-pair counts from clean Norwegian prose, bokmål and nynorsk, for judging which
/// of two spellings fits its neighbours (`i vår kommune`, not `i var kommune`).
///
/// The bundled counts come from Debian packages' documentation and translations and the clean
/// booklets (sources and licences in `Resources/LEXICON.md`); pairs seen once are left out.
/// Each word may also carry its frequency in general bokmål prose (wordfreq's list), which
/// tells `både` from `bade` where manuals and translations say little. Id 0 is the sentence
/// start `^`; as the second word of a pair it stands for the end of a sentence (`året før.`).
public final class WordStatistics: Sendable {
    let vocabulary: ByteStringSet
    let counts: [UInt32]
    /// Pair keys `first << 32 | second`, sorted, and their counts.
    let pairKeys: [UInt64]
    let pairCounts: [UInt32]
    /// Frequency in general prose per word (0 when not listed); empty without such data.
    let prose: [Float]
    /// Words counted in the sources.
    public let total: Double

    public static let sentenceStart = 0
    /// Weight of the prose frequency in a word's probability when there is one.
    static let proseWeight = 0.75
    /// Prose frequency of a word the prose list lacks (it lists words seen once in 10 million).
    static let proseFloor = 3e-8

    init(vocabulary: ByteStringSet, counts: [UInt32], pairKeys: [UInt64], pairCounts: [UInt32], total: Double,
         prose: [Float] = []) {
        self.vocabulary = vocabulary
        self.counts = counts
        self.pairKeys = pairKeys
        self.pairCounts = pairCounts
        self.total = max(total, 1)
        self.prose = prose
    }

    /// Counts from tokenised sentences (lowercase words); for tests.
    public convenience init(sentences: [[String]]) {
        var ids: [String: Int] = ["^": 0]
        var words = ["^"]
        var counts: [UInt32] = [UInt32(sentences.count)]
        var pairs: [UInt64: UInt32] = [:]
        var total = 0.0
        for sentence in sentences {
            var previous = 0
            for word in sentence.map(NorwegianCase.lowercased) {
                let id = ids[word] ?? {
                    ids[word] = words.count
                    words.append(word)
                    counts.append(0)
                    return words.count - 1
                }()
                counts[id] += 1
                total += 1
                pairs[UInt64(previous) << 32 | UInt64(id), default: 0] += 1
                previous = id
            }
        }
        let sorted = pairs.sorted { $0.key < $1.key }
        self.init(vocabulary: ByteStringSet(words.map { Array($0.utf8) }), counts: counts,
                  pairKeys: sorted.map(\.key), pairCounts: sorted.map(\.value), total: total)
    }

    /// Number of distinct words.
    public var vocabularySize: Int { counts.count }
    /// Number of stored pairs.
    public var pairCount: Int { pairKeys.count }

    /// Id of a lowercase word, or nil.
    @inline(__always)
    public func id(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        vocabulary.id(of: word)
    }

    public func id(_ word: String) -> Int? {
        vocabulary.id(of: Array(NorwegianCase.lowercased(word).utf8))
    }

    /// How often the word with `id` was seen; 0 for nil.
    @inline(__always)
    public func count(_ id: Int?) -> Double {
        guard let id else { return 0 }
        return Double(counts[id])
    }

    /// Frequency of the word with `id` in general prose (0 when unknown or without such data).
    @inline(__always)
    public func proseFrequency(_ id: Int?) -> Double {
        guard let id, id < prose.count else { return 0 }
        return Double(prose[id])
    }

    /// The prose frequency, or the floor for a word the prose list lacks.
    public func proseFrequencyOrFloor(_ id: Int?) -> Double {
        let f = proseFrequency(id)
        return f > 0 ? f : Self.proseFloor
    }

    /// Probability of the word alone: its share of the counted words, mixed with its prose
    /// frequency when the statistics have one.
    @inline(__always)
    func unigram(_ id: Int?) -> Double {
        let counted = (count(id) + 0.5) / total
        guard !prose.isEmpty, id != Self.sentenceStart else { return counted }
        let f = proseFrequency(id)
        return (1 - Self.proseWeight) * counted + Self.proseWeight * (f > 0 ? f : Self.proseFloor)
    }

    /// How often `second` followed `first`; 0 when either is nil.
    public func pairCount(_ first: Int?, _ second: Int?) -> Double {
        guard let first, let second else { return 0 }
        let key = UInt64(first) << 32 | UInt64(second)
        var low = 0
        var high = pairKeys.count
        while low < high {
            let mid = (low + high) >> 1
            if pairKeys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < pairKeys.count && pairKeys[low] == key ? Double(pairCounts[low]) : 0
    }

    /// Log score of `word` between `previous` and `next`: log P(word | previous) +
    /// log P(next | word), each pair probability interpolated with the unigram one
    /// (0.7 · pair + 0.3 · unigram; the unigram mixed with the prose frequency). Without
    /// neighbours, log P(word). Higher is likelier.
    public func score(_ word: Int?, previous: Int?, hasPrevious: Bool, next: Int?, hasNext: Bool) -> Double {
        let λ = 0.7
        let c = count(word)
        let pWord = unigram(word)
        var s: Double
        if hasPrevious, let previous, count(previous) > 0 {
            s = log(λ * pairCount(previous, word) / count(previous) + (1 - λ) * pWord)
        } else {
            s = log(pWord)
        }
        if hasNext, let next {
            let pNext = unigram(next)
            s += log((c > 0 ? λ * pairCount(word, next) / c : 0) + (1 - λ) * pNext)
        }
        return s
    }

    // MARK: Loading

    /// Reads `wordstats.bin` (format in `scripts/build-lexicon.py`): "DBSTAT2" with prose
    /// frequencies, or the older "DBSTAT1" without.
    public convenience init(binary data: [UInt8], file: String = "wordstats.bin") throws {
        let magic = Array("DBSTAT".utf8)
        guard data.count >= magic.count + 18, Array(data[0 ..< magic.count]) == magic,
              data[magic.count] == UInt8(ascii: "1") || data[magic.count] == UInt8(ascii: "2"),
              data[magic.count + 1] == 0x0A else {
            throw Lexicon.FormatError(file: file)
        }
        let withProse = data[magic.count] == UInt8(ascii: "2")
        var prose: [Float] = []
        if withProse { prose.reserveCapacity(Int(data[8]) | Int(data[9]) << 8 | Int(data[10]) << 16 | Int(data[11]) << 24) }
        var reader = FrontCodedReader(data, position: magic.count + 2)
        let vocabularySize = Int(reader.u32())
        let pairCount = Int(reader.u32())
        let total = Double(reader.u64())
        var bytes: [UInt8] = []
        var starts: [UInt32] = [0]
        var counts: [UInt32] = []
        counts.reserveCapacity(vocabularySize)
        var previous = 0
        for _ in 0 ..< vocabularySize {
            guard reader.position + 2 <= data.count else { throw Lexicon.FormatError(file: file) }
            let start = bytes.count
            _ = reader.entry(into: &bytes, previousStart: previous)
            previous = start
            starts.append(UInt32(bytes.count))
            counts.append(UInt32(truncatingIfNeeded: reader.varint()))
            if withProse {
                let centibels = reader.varint()
                prose.append(centibels == 0 ? 0 : Float(pow(10, -Double(centibels) / 100)))
            }
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(pairCount)
        var values: [UInt32] = []
        values.reserveCapacity(pairCount)
        var first = 0
        var second = 0
        for _ in 0 ..< pairCount {
            guard reader.position < data.count else { throw Lexicon.FormatError(file: file) }
            let delta = reader.varint()
            let b = reader.varint()
            second = delta == 0 ? second + b : b
            first += delta
            keys.append(UInt64(first) << 32 | UInt64(second))
            values.append(UInt32(truncatingIfNeeded: reader.varint()))
        }
        self.init(vocabulary: ByteStringSet(bytes: bytes, starts: starts), counts: counts,
                  pairKeys: keys, pairCounts: values, total: total, prose: prose)
    }

    private static let bundledResult: Result<WordStatistics, any Error> = Result {
        let url = try ResourceLocator.url(target: "NorwegianText", subpath: "wordstats.bin")
        return try WordStatistics(binary: [UInt8](try Data(contentsOf: url)))
    }

    /// The counts shipped with Debattsvar, loaded once per process.
    public static func bundled() throws -> WordStatistics {
        try bundledResult.get()
    }
}
