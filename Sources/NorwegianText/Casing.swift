/// Lowercasing for matching, on UTF-8 bytes.
public enum NorwegianCase {
    /// The lowercased UTF-8 of `bytes`. ASCII and Latin-1 letters (Æ Ø Å É …) are folded in
    /// place; anything else falls back to Unicode lowercasing.
    public static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        lowercase(bytes, appendingTo: &out)
        return out
    }

    /// Lowercases ASCII and Latin-1 letters of `bytes` into `out`, replacing what it held; false
    /// (and `out` unfinished) when `bytes` holds other non-ASCII characters. For hot loops that
    /// reuse one buffer.
    @inline(__always)
    public static func lowercaseLatin1(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                i += 1
            } else if b == 0xC3, i + 1 < bytes.count {
                let next = bytes[i + 1]
                out.append(b)
                out.append(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next)
                i += 2
            } else {
                return false
            }
        }
        return true
    }

    /// `lowercased(bytes)` appended to `out`, without a new array for the common case.
    @inline(__always)
    public static func lowercase(_ bytes: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) {
        let start = out.count
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
                i += 1
            } else if b == 0xC3, i + 1 < bytes.count {
                let next = bytes[i + 1]
                out.append(b)
                out.append(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next)
                i += 2
            } else {
                out.removeSubrange(start...)
                out += Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
                return
            }
        }
    }

    /// Lowercased string, same rules as the byte version.
    public static func lowercased(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { String(decoding: lowercased($0), as: UTF8.self) }
    }
}
