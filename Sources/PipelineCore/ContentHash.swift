import Foundation

/// A 128-bit hash of bytes, fast enough to key a cache by the whole content of every input file.
///
/// Two 64-bit lanes each fold 16 bytes per step with a 64×64→128-bit multiply (as wyhash does),
/// then the lanes and the length are mixed into both halves. Bytes are read as little-endian, so
/// the value is the same on every machine. Not a cryptographic hash: it tells accidental changes
/// apart, it does not resist someone crafting collisions.
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    private static let p0: UInt64 = 0xA076_1D64_78BD_642F
    private static let p1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let p2: UInt64 = 0x8EBC_6AF0_9C88_C6E3
    private static let p3: UInt64 = 0x5899_65CC_7537_4CC3
    private static let p4: UInt64 = 0x1D8E_4E27_C47D_124F

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always)
    private static func load(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The hash of `bytes`; a different `seed` gives an independent hash.
    public static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> ContentHash {
        var lane0 = seed ^ p0
        var lane1 = (seed &* p4) ^ p1
        let count = bytes.count
        var offset = 0
        while offset + 32 <= count {
            lane0 = mix(load(bytes, offset) ^ p1 ^ lane0, load(bytes, offset + 8) ^ p2)
            lane1 = mix(load(bytes, offset + 16) ^ p3 ^ lane1, load(bytes, offset + 24) ^ p4)
            offset += 32
        }
        if offset < count {
            // The last 1…31 bytes, padded with zeros; the length mixed in below tells them apart.
            var tail: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &tail) { buffer in
                buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + offset, byteCount: count - offset)
            }
            lane0 = mix(UInt64(littleEndian: tail.0) ^ p1 ^ lane0, UInt64(littleEndian: tail.1) ^ p2)
            lane1 = mix(UInt64(littleEndian: tail.2) ^ p3 ^ lane1, UInt64(littleEndian: tail.3) ^ p4)
        }
        let length = UInt64(count)
        let a = mix(lane0 ^ length ^ p0, lane1 ^ p3)
        let b = mix(lane1 ^ length ^ p2, lane0 ^ p4)
        return ContentHash(high: mix(a ^ p1, b ^ p2), low: mix(b ^ p3, a ^ p0 ^ length))
    }

    /// The hash of `bytes`.
    public static func of(_ bytes: [UInt8], seed: UInt64 = 0) -> ContentHash {
        bytes.withUnsafeBytes { of($0, seed: seed) }
    }

    /// The hash of `data`.
    public static func of(_ data: Data, seed: UInt64 = 0) -> ContentHash {
        data.withUnsafeBytes { of($0, seed: seed) }
    }

    /// 32 lowercase hexadecimal digits.
    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        for (index, part) in [high, low].enumerated() {
            for nibble in 0 ..< 16 {
                out[index * 16 + nibble] = digits[Int((part >> UInt64(60 - nibble * 4)) & 0xF)]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collects values unambiguously (each string with its length) and hashes them together: for
    /// fingerprints of several files and settings.
    public struct Builder: Sendable {
        public private(set) var bytes: [UInt8] = []

        public init() {}

        public mutating func add(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        public mutating func add(_ value: Int) { add(UInt64(bitPattern: Int64(value))) }

        public mutating func add(_ hash: ContentHash) {
            add(hash.high)
            add(hash.low)
        }

        public mutating func add(_ text: String) {
            add(text.utf8.count)
            bytes.append(contentsOf: text.utf8)
        }

        /// The hash of everything added, in order.
        public var hash: ContentHash { ContentHash.of(bytes) }
    }
}
