#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small helpers for the hot paths that work on UTF-8 bytes instead of `Character`s.
public enum ByteText {
    /// FNV-1a over the bytes: cheap, and good enough for short words in an open-addressing table.
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return value
    }

    /// True when every scalar is one that `trimmingCharacters(in: .whitespaces)` removes (tab,
    /// space separators and, in Foundation's set, the zero width space): the trimmed text is empty.
    public static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 { i += 1; continue }
            if b < 0x80 { return false }
            if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { i += 2; continue } // no-break space
            guard i + 2 < n else { return false }
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            switch (b, b1) {
            case (0xE1, 0x9A) where b2 == 0x80: break // ogham space mark
            case (0xE2, 0x80) where b2 <= 0x8B || b2 == 0xAF: break // en quad … zero width space, narrow no-break space
            case (0xE2, 0x81) where b2 == 0x9F: break // medium mathematical space
            case (0xE3, 0x80) where b2 == 0x80: break // ideographic space
            default: return false
            }
            i += 3
        }
        return true
    }

    /// True when the string holds only whitespace as `trimmingCharacters(in: .whitespaces)` sees it.
    public static func isBlank(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { isBlank($0) }
    }

    /// `text.count` (grapheme clusters), counted on the bytes when every scalar is below U+0300 or
    /// general punctuation other than the joiners: such scalars never join a cluster, except CR LF.
    public static func characterCount(_ text: String) -> Int {
        var copy = text
        let fast: Int? = copy.withUTF8 { bytes in
            var count = 0
            var i = 0
            let n = bytes.count
            var previous: UInt8 = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if !(b == 0x0A && previous == 0x0D) { count += 1 }
                    previous = b
                    i += 1
                } else if b >= 0xC2, b <= 0xCB {
                    count += 1
                    previous = b
                    i += 2
                } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 || bytes[i + 1] == 0x81,
                          !(bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x8C || bytes[i + 2] == 0x8D)) {
                    count += 1
                    previous = b
                    i += 3
                } else {
                    return nil
                }
            }
            return count
        }
        return fast ?? text.count
    }
}

/// Byte strings mapped to dense ids (0, 1, 2, …) in order of first insertion: an open-addressing
/// table over one byte arena, so looking up a word allocates nothing.
public struct ByteInterner: Sendable {
    private var slots: [Int32]
    private var slotHashes: [UInt64]
    private var mask: Int
    public private(set) var arena: [UInt8] = []
    private var starts: [Int32] = []
    private var ends: [Int32] = []

    public init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        slotHashes = Array(repeating: 0, count: size)
        mask = size - 1
    }

    public var count: Int { starts.count }

    /// The bytes of id `id`.
    public func range(of id: Int) -> Range<Int> {
        Int(starts[id]) ..< Int(ends[id])
    }

    /// The id of the bytes, or nil when they were never inserted.
    public func id(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let found = probe(bytes, hash: hash)
        return found.id >= 0 ? found.id : nil
    }

    /// The id (-1 when absent) of each range of `bytes`, whose hashes are given.
    public func ids(of bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], hashes: [UInt64]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(ranges.count)
        for (k, range) in ranges.enumerated() { result.append(probe(UnsafeBufferPointer(rebasing: bytes[range]), hash: hashes[k]).id) }
        return result
    }

    /// The id of the bytes, inserting them when new; `inserted` tells which.
    public mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: Int, inserted: Bool) {
        let (found, slot) = probe(bytes, hash: hash)
        if found >= 0 { return (found, false) }
        let id = starts.count
        starts.append(Int32(arena.count))
        arena.append(contentsOf: bytes)
        ends.append(Int32(arena.count))
        slots[slot] = Int32(id)
        slotHashes[slot] = hash
        if starts.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The id of the bytes (-1 when absent) and the slot where they are or would go.
    @inline(__always)
    private func probe(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (id: Int, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            slotHashes.withUnsafeBufferPointer { hashes in
                arena.withUnsafeBufferPointer { arena in
                    starts.withUnsafeBufferPointer { starts in
                        ends.withUnsafeBufferPointer { ends in
                            var slot = Int(truncatingIfNeeded: hash) & mask
                            while true {
                                let id = Int(slots[slot])
                                if id < 0 { return (-1, slot) }
                                if hashes[slot] == hash {
                                    let start = Int(starts[id]), end = Int(ends[id])
                                    if end - start == bytes.count,
                                       bytes.count == 0 || memcmp(arena.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 {
                                        return (id, slot)
                                    }
                                }
                                slot = (slot + 1) & mask
                            }
                        }
                    }
                }
            }
        }
    }

    public mutating func insert(_ bytes: [UInt8]) -> (id: Int, inserted: Bool) {
        bytes.withUnsafeBufferPointer { insert($0, hash: ByteText.hash($0)) }
    }

    public func id(of bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { id(of: $0, hash: ByteText.hash($0)) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Int32](repeating: -1, count: size)
        var newHashes = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for slot in slots.indices where slots[slot] >= 0 {
            var target = Int(truncatingIfNeeded: slotHashes[slot]) & newMask
            while newSlots[target] >= 0 { target = (target + 1) & newMask }
            newSlots[target] = slots[slot]
            newHashes[target] = slotHashes[slot]
        }
        slots = newSlots
        slotHashes = newHashes
        mask = newMask
    }
}

/// A set of `UInt64` keys with open addressing and a multiplicative hash.
public struct UInt64Set: Sendable {
    private var slots: [UInt64]
    private var used: [Bool]
    private var mask: Int
    public private(set) var count = 0

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        used = Array(repeating: false, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    public func contains(_ key: UInt64) -> Bool {
        var index = slot(for: key)
        while used[index] {
            if slots[index] == key { return true }
            index = (index + 1) & mask
        }
        return false
    }

    public mutating func insert(_ key: UInt64) {
        var index = slot(for: key)
        while used[index] {
            if slots[index] == key { return }
            index = (index + 1) & mask
        }
        slots[index] = key
        used[index] = true
        count += 1
        if count * 2 > slots.count {
            let old = zip(slots, used).filter(\.1).map(\.0)
            var size = slots.count * 2
            if size < 16 { size = 16 }
            slots = Array(repeating: 0, count: size)
            used = Array(repeating: false, count: size)
            mask = size - 1
            count = 0
            for key in old { insert(key) }
        }
    }
}
