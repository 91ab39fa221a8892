/// A read-only set of byte strings (lowercase UTF-8 words) with dense ids, looked up by
/// pointer and length without building a `String` or an array.
///
/// The strings lie back to back in one buffer; an open-addressing table (FNV-1a hash, linear
/// probing, at most half full) holds each string's id and 32 more bits of its hash, so a probe
/// touches the strings only on a likely match. Built once, shared between threads.
public final class ByteStringSet: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<UInt8>
    private let starts: UnsafeMutableBufferPointer<UInt32>
    /// `hash >> 32 << 32 | (id + 1)`; 0 is empty.
    private let slots: UnsafeMutableBufferPointer<UInt64>
    private let mask: Int
    /// Number of strings.
    public let count: Int

    /// Builds the set from strings given as one byte buffer and `count + 1` start offsets.
    /// Duplicates are allowed; `id(of:)` returns the first (linear probing meets it first).
    init(bytes: [UInt8], starts offsets: [UInt32]) {
        count = offsets.count - 1
        storage = .allocate(capacity: max(bytes.count, 1))
        _ = storage.initialize(from: bytes)
        starts = .allocate(capacity: offsets.count)
        _ = starts.initialize(from: offsets)
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0)
        mask = capacity - 1
        for id in 0 ..< count {
            let start = Int(starts[id])
            let length = Int(starts[id + 1]) - start
            let word = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(storage)[start ..< start + length])
            // A duplicate goes in too: probing finds the earlier id first.
            let h = Self.hash(word)
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(id + 1)
        }
    }

    /// A set of the given strings, ids in order.
    public convenience init<S: Sequence>(_ words: S) where S.Element == [UInt8] {
        var bytes: [UInt8] = []
        var offsets: [UInt32] = [0]
        for word in words {
            bytes.append(contentsOf: word)
            offsets.append(UInt32(bytes.count))
        }
        self.init(bytes: bytes, starts: offsets)
    }

    deinit {
        storage.deallocate()
        starts.deallocate()
        slots.deallocate()
    }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in p {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return h ^ (h >> 29)
    }

    /// The id of `word`, or nil.
    @inline(__always)
    public func id(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        find(word)
    }

    /// The id of the word in `bytes[range]`, or nil.
    public func id(of bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { find($0) }
    }

    /// The id of `word` whose `hash` the caller already has, or nil.
    @inline(__always)
    func id(of word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        find(word, hash: h)
    }

    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        find(word, hash: Self.hash(word))
    }

    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        let fingerprint = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        let n = word.count
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 != fingerprint {
                slot = (slot + 1) & mask
                continue
            }
            let id = Int(entry & 0xFFFF_FFFF) - 1
            let start = Int(starts[id])
            if Int(starts[id + 1]) - start == n {
                var equal = true
                var k = 0
                while k < n {
                    if storage[start + k] != word[k] { equal = false; break }
                    k += 1
                }
                if equal { return id }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with the bytes of every string.
    func forEachWord(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let all = UnsafeBufferPointer(storage)
        for id in 0 ..< count {
            body(UnsafeBufferPointer(rebasing: all[Int(starts[id]) ..< Int(starts[id + 1])]))
        }
    }

    /// The bytes of the string with `id`.
    public func word(_ id: Int) -> [UInt8] {
        Array(storage[Int(starts[id]) ..< Int(starts[id + 1])])
    }
}

/// Reads the front-coded word lists written by `scripts/build-lexicon.py`.
struct FrontCodedReader {
    let data: [UInt8]
    var position: Int

    init(_ data: [UInt8], position: Int) {
        self.data = data
        self.position = position
    }

    mutating func u32() -> UInt32 {
        defer { position += 4 }
        return UInt32(data[position]) | UInt32(data[position + 1]) << 8
            | UInt32(data[position + 2]) << 16 | UInt32(data[position + 3]) << 24
    }

    mutating func u64() -> UInt64 {
        UInt64(u32()) | UInt64(u32()) << 32
    }

    mutating func varint() -> Int {
        var value = 0
        var shift = 0
        while position < data.count {
            let b = data[position]
            position += 1
            value |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
        }
        return value
    }

    /// Reads one entry, appending the word's bytes to `bytes` (which holds the previous word
    /// at `previousStart...`). Returns the flags.
    mutating func entry(into bytes: inout [UInt8], previousStart: Int) -> UInt8 {
        let head = data[position]
        let suffixLength = Int(data[position + 1])
        position += 2
        let shared = Int(head & 0x3F)
        // Byte by byte: appending a slice of `bytes` to itself would copy the whole array.
        for k in 0 ..< shared { bytes.append(bytes[previousStart + k]) }
        bytes.append(contentsOf: data[position ..< position + suffixLength])
        position += suffixLength
        return head >> 6
    }
}
